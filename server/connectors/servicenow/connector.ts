import { createHash } from 'node:crypto';
import type { Case, FeedEvent } from '@/api/schemas';
import { ProviderApiError } from '../provider-client';
import type { Connector, ConnectorContext } from '../runtime';
import type { CaseLink } from '../state-store';
import { ServiceNowClient, type SnCase, type SnJournalEntry } from './client';
import type { ServiceNowConfig } from './config';

/**
 * Redress in front of ServiceNow CSM (docs/decisions/0150-connector-runtime.md).
 *
 * Redress → ServiceNow (push, one feed event at a time, each safe to repeat):
 *   submitted            the consumer (found by email, else created), then the case with correlation_id = the
 *                        Redress reference — a repeat finds it by that id instead of creating a second —, then
 *                        each evidence file (named `<attachment id>-<name>`, so a repeat sees it is there);
 *                        text beyond the instance's limits (short_description 160, description 4,000) is carried
 *                        whole in an attached summary and a work note says so: nothing is cut silently;
 *   customer actions     comments, escalation and letter requests, rejections, referral: an additional comment
 *                        ending in `[Redress <event id>]`, written only if the journal has no entry with that mark;
 *   resolution accepted  the case is closed;
 *   other provider-side or system events (staff, timed checks): a work note, marked the same way.
 * ServiceNow → Redress (pull, by polling `sys_updated_on` with an overlap window):
 *   agent comments (not work notes) → an update on the customer's timeline, Idempotency-Key from the journal
 *   entry's sys_id, and the entry remembered; the state → acknowledge, waiting for the customer, a proposed
 *   resolution (the close notes), or closed, each once per state reached.
 */

const MARK = (eventId: string) => `[Redress ${eventId}]`;
const SHORT_MAX = 160;
const DESCRIPTION_MAX = 4000;

/** An Idempotency-Key from the other system's ids (the provider API accepts [A-Za-z0-9_-]{16,128}). */
export function keyFrom(...parts: string[]): string {
  return `sn-${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 48)}`;
}

/** ServiceNow's own date-time form, `YYYY-MM-DD HH:MM:SS` (UTC). */
export function snDateTime(at: Date): string {
  return at.toISOString().slice(0, 19).replace('T', ' ');
}

const customerText: Partial<Record<FeedEvent['event']['type'], (e: FeedEvent['event']) => string>> = {
  comment: (e) => e.text ?? '',
  escalationRequested: (e) => `The customer asked to move the complaint to the next stage (${e.data?.reason ?? 'no reason given'}).${e.text ? `\n\n${e.text}` : ''}`,
  deadlockRequested: (e) => `The customer asked for a deadlock letter.${e.text ? `\n\n${e.text}` : ''}`,
  adrLetterRequested: (e) => `The customer asked for the ADR letter.${e.text ? `\n\n${e.text}` : ''}`,
  resolutionRejected: (e) => `The customer rejected the proposed resolution.${e.text ? `\n\n${e.text}` : ''}`,
  resolutionAccepted: () => 'The customer accepted the proposed resolution.',
  referred: (e) => `The customer referred the complaint to the ADR scheme${e.data?.schemeId ? ` (${e.data.schemeId})` : ''}.`,
  feedback: (e) => `The customer rated how the complaint was handled: ${e.data?.rating ?? '?'}/5.${e.text ? `\n\n${e.text}` : ''}`,
};

export class ServiceNowConnector implements Connector {
  readonly name = 'servicenow';
  readonly client: ServiceNowClient;

  constructor(
    private readonly config: ServiceNowConfig,
    client?: ServiceNowClient,
  ) {
    this.client = client ?? new ServiceNowClient(config);
  }

  async check(): Promise<string[]> {
    const problems: string[] = [];
    const states = new Set((await this.client.fieldValues('state')).map((c) => c.value));
    for (const [meaning, value] of Object.entries(this.config.fieldMap.states)) {
      if (!states.has(value)) problems.push(`state "${value}" (${meaning}) is not a state of this instance (it has ${[...states].join(', ')})`);
    }
    const contactTypes = new Set((await this.client.fieldValues('contact_type')).map((c) => c.value));
    if (!contactTypes.has(this.config.fieldMap.contactType)) problems.push(`contact_type "${this.config.fieldMap.contactType}" is not a choice of this instance`);
    return problems;
  }

  async push(feed: FeedEvent, ctx: ConnectorContext): Promise<void> {
    const { event, reference } = feed;
    const link = await this.ensureCase(reference, ctx);
    if (!link) return;
    if (event.type === 'submitted' || event.type === 'evidenceAdded') {
      await this.syncAttachments(reference, link, ctx);
      return;
    }
    if (event.actor === 'customer') {
      const text = customerText[event.type]?.(event);
      if (text === undefined) return;
      const fields: Record<string, string> = {};
      if (event.type === 'resolutionAccepted') fields.state = this.config.fieldMap.states.closed;
      if (event.type === 'resolutionRejected') fields.state = this.config.fieldMap.states.open;
      await this.writeOnce(link, 'comments', `${text}\n\n${MARK(event.id)}`, event.id, fields);
      return;
    }
    // The provider's side (its staff in Redress) and the timed checks: for the agents, not the customer.
    const what = [event.type, event.data?.overdueClockId, event.data?.toStage, event.data?.kind].filter(Boolean).join(' ');
    await this.writeOnce(link, 'work_notes', `Redress: ${what}${event.text ? `\n\n${event.text}` : ''}\n\n${MARK(event.id)}`, event.id, {});
  }

  /** The case's twin: known, found by its correlation id, or created. null for a case that no longer exists. */
  private async ensureCase(reference: string, ctx: ConnectorContext): Promise<CaseLink | null> {
    const known = await ctx.state.link(reference);
    if (known) return known;
    let c: Case;
    try {
      c = (await ctx.api.call('providerGetCase', { params: { reference } })).case;
    } catch (error) {
      if (error instanceof ProviderApiError && error.status === 404) return null;
      throw error;
    }
    const twin = (await this.client.findCaseByCorrelation(reference)) ?? (await this.createCase(c));
    const link = { reference, externalId: twin.sys_id, number: twin.number, url: this.client.caseUrl(twin.sys_id) };
    // Staff and the provider API see the twin on the case, and find the case by its number (a PUT: safe to repeat).
    await ctx.api.call('providerSetExternalRef', { params: { reference, system: this.name }, body: { id: link.externalId, number: link.number, url: link.url } });
    await ctx.state.saveLink(link);
    return { ...link, lastState: null };
  }

  private async createCase(c: Case): Promise<{ sys_id: string; number: string }> {
    const email = c.aboutYou.email.trim().toLowerCase();
    const consumer =
      (await this.client.findConsumerByEmail(email)) ??
      (await this.client.createConsumer({ name: c.aboutYou.name, first_name: c.aboutYou.name.split(' ')[0] ?? '', last_name: c.aboutYou.name.split(' ').slice(1).join(' '), email, mobile_phone: c.aboutYou.phone }));
    const description = describeCase(c);
    const created = await this.client.createCase({
      consumer,
      contact_type: this.config.fieldMap.contactType,
      state: this.config.fieldMap.states.new,
      short_description: c.complaint.summary.length > SHORT_MAX ? `${c.complaint.summary.slice(0, SHORT_MAX - 1)}…` : c.complaint.summary,
      description: description.length > DESCRIPTION_MAX ? `${description.slice(0, DESCRIPTION_MAX - 120)}\n\n… continued in the attached redress-${c.reference}-complaint.txt` : description,
      correlation_id: c.reference,
      correlation_display: 'Redress',
    });
    return created;
  }

  private async syncAttachments(reference: string, link: CaseLink, ctx: ConnectorContext): Promise<void> {
    const c = (await ctx.api.call('providerGetCase', { params: { reference } })).case;
    const description = describeCase(c);
    const tooLong = description.length > DESCRIPTION_MAX || c.complaint.summary.length > SHORT_MAX;
    if (c.attachments.length === 0 && !tooLong) return;
    const present = new Set(await this.client.attachmentNames(link.externalId));
    if (tooLong) {
      const name = `redress-${reference}-complaint.txt`;
      if (!present.has(name)) await this.client.uploadAttachment(link.externalId, name, 'text/plain', new TextEncoder().encode(`${c.complaint.summary}\n\n${description}`));
      await this.writeOnce(link, 'work_notes', `The complaint is longer than the case's fields hold; it is attached whole as ${name}.\n\n${MARK(`${reference}-whole-text`)}`, `${reference}-whole-text`, {});
    }
    for (const a of c.attachments) {
      const fileName = `${a.id}-${a.name}`;
      if (present.has(fileName)) continue;
      const bytes = await ctx.api.call('providerDownloadAttachment', { params: { reference, id: a.id } });
      await this.client.uploadAttachment(link.externalId, fileName, contentTypeOf(a.kind), bytes);
    }
  }

  /** Writes a journal entry unless one with the event's mark is already there (a repeat after a crash). */
  private async writeOnce(link: CaseLink, element: 'comments' | 'work_notes', text: string, eventId: string, fields: Record<string, string>): Promise<void> {
    const journal = await this.client.journal(link.externalId, [element]);
    if (journal.some((e) => e.value.includes(MARK(eventId)))) return;
    await this.client.updateCase(link.externalId, { [element]: text, ...fields });
  }

  async pull(ctx: ConnectorContext): Promise<void> {
    const { watermark, overlap } = { watermark: (await ctx.state.state()).remoteWatermark, overlap: this.config.pollOverlapSeconds };
    const since = watermark ? snDateTime(new Date(Date.parse(`${watermark.replace(' ', 'T')}Z`) - overlap * 1000)) : '1970-01-01 00:00:00';
    let newest = watermark;
    for (let offset = 0; ; offset += 100) {
      const page = await this.client.casesUpdatedSince(since, offset, 100);
      for (const sn of page) {
        await this.pullCase(sn, ctx);
        if (!newest || sn.sys_updated_on > newest) newest = sn.sys_updated_on;
      }
      if (page.length < 100) break;
    }
    if (newest && newest !== watermark) await ctx.state.saveWatermark(newest);
  }

  private async pullCase(sn: SnCase, ctx: ConnectorContext): Promise<void> {
    const link = (await ctx.state.linkByExternalId(sn.sys_id)) ?? (await ctx.state.link(sn.correlation_id));
    if (!link) return; // not a case this connector created
    const entries = (await this.client.journal(sn.sys_id, ['comments'])).sort((a, b) => a.sys_created_on.localeCompare(b.sys_created_on));
    for (const entry of entries) await this.pullComment(link, entry, ctx);
    if (sn.state !== link.lastState) {
      await this.pullState(link, sn, ctx);
      await ctx.state.saveLastState(link.reference, sn.state);
    }
  }

  private async pullComment(link: CaseLink, entry: SnJournalEntry, ctx: ConnectorContext): Promise<void> {
    const seenId = `journal:${entry.sys_id}`;
    if (await ctx.state.seen(seenId)) return;
    // Our own comments (the customer's words we wrote) are not the agent's.
    const ours = entry.login_name === this.config.integrationUser || /\[Redress [^\]]+\]\s*$/.test(entry.value);
    if (!ours) {
      await tolerateClosed(ctx.api.call('providerSendUpdate', { params: { reference: link.reference }, body: { text: entry.value }, idempotencyKey: keyFrom('journal', entry.sys_id) }));
    }
    await ctx.state.markSeen(seenId);
  }

  private async pullState(link: CaseLink, sn: SnCase, ctx: ConnectorContext): Promise<void> {
    const { states } = this.config.fieldMap;
    const reference = link.reference;
    const key = keyFrom('state', sn.sys_id, sn.state, sn.sys_updated_on);
    const c = (await ctx.api.call('providerGetCase', { params: { reference } })).case;
    switch (sn.state) {
      case states.open:
        if (c.status === 'submitted') await tolerateClosed(ctx.api.call('providerAcknowledge', { params: { reference }, body: {}, idempotencyKey: key }));
        return;
      case states.awaitingInfo:
        if (c.status !== 'awaitingCustomer') {
          await tolerateClosed(ctx.api.call('providerSendUpdate', { params: { reference }, body: { status: 'awaitingCustomer', text: `${sn.number}: waiting for information from you.` }, idempotencyKey: key }));
        }
        return;
      case states.resolved: {
        const text = sn.close_notes?.trim() || `${sn.number} resolved.`;
        // Already proposed (a repeat after a crash, or the customer's answer pending): nothing more.
        if (c.proposedResolution?.text === text || c.status === 'resolved' || c.status === 'closed') return;
        await tolerateClosed(ctx.api.call('providerProposeResolution', { params: { reference }, body: { text }, idempotencyKey: key }));
        return;
      }
      case states.closed:
        if (c.status !== 'closed') await tolerateClosed(ctx.api.call('providerCloseCase', { params: { reference }, body: sn.close_notes ? { text: sn.close_notes } : {}, idempotencyKey: key }));
        return;
      default:
        return;
    }
  }
}

/** A case closed (or referred) in Redress in the meantime refuses further actions: the change is moot, not an error. */
async function tolerateClosed(call: Promise<unknown>): Promise<void> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ProviderApiError && error.status === 409) return;
    throw error;
  }
}

function contentTypeOf(kind: string): string {
  const types: Record<string, string> = { pdf: 'application/pdf', png: 'image/png', jpeg: 'image/jpeg', jpg: 'image/jpeg', text: 'text/plain', txt: 'text/plain', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', doc: 'application/msword', msg: 'application/vnd.ms-outlook' };
  return types[kind] ?? 'application/octet-stream';
}

/** The complaint as an agent reads it: who, what, when, what they want, and the evidence they gave. */
export function describeCase(c: Case): string {
  const lines = [
    `Redress reference: ${c.reference} (${c.kind}, category ${c.complaint.category})`,
    `Customer: ${c.aboutYou.name}${c.aboutYou.organisation ? `, ${c.aboutYou.organisation}` : ''} <${c.aboutYou.email}> ${c.aboutYou.phone}; replies by ${c.aboutYou.replyBy}`,
    ...(c.aboutYou.supportNeeds ? [`Support needs: ${c.aboutYou.supportNeeds}`] : []),
    ...(c.aboutYou.representative ? [`Representative: ${c.aboutYou.representative.name} (${c.aboutYou.representative.relationship})`] : []),
    `First complained: ${c.firstComplainedAt}; started on ${c.complaint.startedOn}`,
    '',
    c.complaint.whatHappened,
    '',
    `Outcome wanted: ${c.complaint.outcomeWanted}`,
    ...(c.complaint.compensationPence !== undefined ? [`Compensation asked: £${(c.complaint.compensationPence / 100).toFixed(2)}`] : []),
    ...c.evidence.references.map((r) => `Reference given: ${r.reference}${r.note ? ` — ${r.note}` : ''}`),
    ...c.evidence.staff.map((s) => `Spoke to: ${s.name}${s.team ? ` (${s.team})` : ''}`),
    ...c.evidence.calls.map((call) => `Call ${call.at} from ${call.fromNumber}${call.spokeTo ? ` to ${call.spokeTo}` : ''}: ${call.whatWasSaid}`),
    ...c.evidence.emails.map((m) => `Email ${m.sentAt} to ${m.toAddress}: ${m.subject}`),
  ];
  return lines.join('\n');
}
