import enMail from '@locales/en/mail.json';
import itMail from '@locales/it/mail.json';
import enProviders from '@locales/en/providers.json';
import itProviders from '@locales/it/providers.json';
import type { MailLanguage, MessageChannel, TimelineEvent } from '@/api/schemas';
import { adrWaitFor, nextDeadline } from '@/domain/case-clocks';
import { nextStageId } from '@/domain/cases';
import type { ProviderId, ProviderProfile } from '@/domain/profile-schema';
import { getProfile } from '@/domain/profiles';
import { dateInText, nameInText } from '@/domain/running-text';
import { getScheme, schemeRulesOn } from '@/domain/schemes';
import type { BackOfficeStore, BackOfficeTx, Mailer, OutgoingMail, StoredCase, StoredMessage, TimeSource } from './ports';
import { newId, randomToken } from './references';
import { hmacSha256, linkHashOf, sha256, SIMULATED_SECRET } from './hash';
import { dateTimeFormat } from '@/domain/date-format';

/**
 * Messages to the customer (docs/decisions/0140-notifications.md): every event the customer should know of gets
 * one message per channel they chose, recorded in the same unit of work as the event (`recordMessages`, called
 * where a change is stored) and sent after commit (`deliverMessage`: the server's job, or the simulated back
 * office right after the request). The facts a message tells are taken, when it is recorded, from the case the
 * event belongs to and nothing else; the words come from locales/<lng>/mail.json `case`, in the customer's language.
 */

export type CaseMessageKind =
  | 'received'
  | 'acknowledged'
  | 'update'
  | 'informationRequested'
  | 'resolutionProposed'
  | 'finalResponse'
  | 'stageMoved'
  | 'deadlineMissed'
  | 'deadlockLetter'
  | 'adrLetter'
  | 'closed';

/** How long the link in a guest's message signs them in (once, to that case only). */
export const CASE_LINK_TTL_MS = 7 * 86_400_000;
/** Tries to send an email before it is marked failed for staff (the server's job retries with backoff). */
export const MESSAGE_TRIES = 5;

/** Which message an event calls for; null for the customer's own actions and internal facts. */
export function messageKindOf(e: TimelineEvent, profile: ProviderProfile): CaseMessageKind | null {
  switch (e.type) {
    case 'submitted':
      return 'received';
    case 'acknowledged':
      return 'acknowledged';
    case 'update':
      return e.data?.status === 'awaitingCustomer' ? 'informationRequested' : 'update';
    case 'resolutionProposed':
      // At the last stage of the procedure a proposal is the final response.
      return nextStageId(profile, e.stageId) ? 'resolutionProposed' : 'finalResponse';
    case 'escalated':
      return 'stageMoved';
    case 'clockOverdue':
      return 'deadlineMissed';
    case 'letterIssued':
      return e.data?.kind === 'deadlock' ? 'deadlockLetter' : 'adrLetter';
    case 'closed':
      return 'closed';
    default:
      return null;
  }
}

/** The channels of a case: the reply method chosen, plus email updates when asked for. */
export function channelsOf(c: StoredCase): MessageChannel[] {
  const { replyBy, emailUpdates } = c.aboutYou;
  if (replyBy === 'email') return ['email'];
  return [replyBy, ...(emailUpdates ? (['email'] as const) : [])];
}

function recipientOf(c: StoredCase, channel: MessageChannel): string {
  const a = c.aboutYou;
  if (channel === 'email') return a.email.trim();
  if (channel === 'phone') return a.phone;
  const address = a.address;
  return [a.name, ...(address ? Object.values(address).filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [])].join(', ');
}

/**
 * The facts a message tells, from the case (as it is after the change) and the event: strings only, instants as
 * ISO. Nothing here comes from another case.
 */
export function factsOf(c: StoredCase, e: TimelineEvent, profile: ProviderProfile): Record<string, string> {
  const facts: Record<string, string> = {
    name: c.aboutYou.name,
    reference: c.reference,
    summary: c.complaint.summary,
    providerId: c.providerId,
    stageId: c.stageId,
    firstComplainedAt: c.firstComplainedAt,
    schemeId: profile.adr.schemeId,
  };
  if (e.text && e.actor !== 'customer') facts.words = e.text;
  const due = nextDeadline(profile, c, new Date(e.at));
  if (due?.dueAt && e.type !== 'clockOverdue') {
    facts.dueClockId = due.clockId;
    facts.dueAt = due.dueAt.toISOString();
  }
  if (e.type === 'clockOverdue') {
    facts.overdueClockId = e.data?.overdueClockId ?? '';
    facts.overdueAt = e.data?.dueAt ?? '';
  }
  const wait = adrWaitFor(c, profile);
  if (wait) {
    facts.adrWeeks = String(wait.weeks);
    facts.adrFrom = wait.eligibleFrom.toISOString();
  }
  if (e.type === 'letterIssued') facts.letterAt = e.at;
  return facts;
}

/** The messages the new events of a change call for: one per customer-facing event and channel. */
export function messagesFor(c: StoredCase, events: readonly TimelineEvent[]): StoredMessage[] {
  const profile = getProfile(c.providerId);
  const lng: MailLanguage = c.aboutYou.lng ?? 'en';
  const out: StoredMessage[] = [];
  for (const e of events) {
    const kind = messageKindOf(e, profile);
    if (!kind) continue;
    const facts = factsOf(c, e, profile);
    for (const channel of channelsOf(c)) {
      const m: StoredMessage = {
        id: newId('msg'),
        providerId: c.providerId,
        reference: c.reference,
        eventId: e.id,
        kind,
        channel,
        recipient: recipientOf(c, channel),
        lng,
        status: channel === 'email' ? 'pending' : channel === 'letter' ? 'toPost' : 'toCall',
        attempts: 0,
        lastError: null,
        createdAt: e.at,
        doneAt: null,
        subject: null,
        text: null,
        facts,
      };
      // A letter or a call is written now, for staff to post or read out; an email when it is sent (its link is made then).
      if (channel !== 'email') Object.assign(m, compose(m, null));
      out.push(m);
    }
  }
  return out;
}

/** Records the messages a change's new events call for, in the change's own unit of work. */
export async function recordMessages(tx: BackOfficeTx, c: StoredCase, events: readonly TimelineEvent[]): Promise<void> {
  const messages = messagesFor(c, events);
  if (messages.length) await tx.insertMessages(messages);
}

// ---------- composing ----------

type CaseTexts = (typeof enMail)['case'];
const texts: Record<MailLanguage, CaseTexts> = { en: enMail.case, it: itMail.case };
const providerTexts = { en: enProviders, it: itProviders } as const;

const nameForms: Record<MailLanguage, Readonly<Record<string, string>>> = { en: enProviders.inText, it: itProviders.inText };

/**
 * Fills a template as the portal's formatter does (src/lib/i18n.ts, decision 0120): `{{x}}`; a name in running
 * text `{{x, inText}}`, `{{x, inText(prep: di)}}`, `{{x, inTextStart}}`; a date after a preposition
 * `{{x, dateWith(prep: entro il)}}`. An unknown name gives nothing; values are not scanned again.
 */
export function fillText(template: string, values: Record<string, string>, lng: MailLanguage): string {
  return template.replace(/\{\{(\w+)(?:,\s*(inText|inTextStart|dateWith)(?:\(prep:\s*([^)]*)\))?)?\}\}/g, (_m, name: string, format?: string, prep?: string) => {
    const value = values[name] ?? '';
    if (!format || !value) return value;
    if (format === 'dateWith') return dateInText(lng, value, prep);
    return nameInText(lng, value, nameForms[lng], prep, format === 'inTextStart');
  });
}

function lookup(tree: unknown, path: readonly string[]): string | null {
  let at: unknown = tree;
  for (const key of path) at = at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined;
  return typeof at === 'string' ? at : null;
}

function formatInstant(iso: string, lng: MailLanguage, timeZone: string, withTime: boolean): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return dateTimeFormat(lng === 'it' ? 'it-IT' : 'en-GB', { dateStyle: 'long', ...(withTime ? { timeStyle: 'short' } : {}), timeZone }).format(d);
}

export interface ComposedMessage {
  subject: string;
  text: string;
  html: string;
}

/** The message in its language; `link` is the case's link (emails) or null (a letter or a call gives the reference). */
export function compose(m: Pick<StoredMessage, 'kind' | 'lng' | 'facts' | 'providerId'>, link: { url: string; guest: boolean } | null): ComposedMessage {
  const main = composeIn(m, m.lng, link);
  // A letter telling the customer they may go to the scheme carries the English version for the scheme.
  if (m.lng !== 'en' && (m.kind === 'adrLetter' || m.kind === 'deadlockLetter')) {
    const english = composeIn(m, 'en', null);
    const heading = texts[m.lng].english;
    return wrap(
      m.lng,
      main.subject,
      `${main.body}<hr><h2>${escapeHtml(heading)}</h2><div lang="en"><p><strong>${escapeHtml(english.subject)}</strong></p>${english.body}</div>`,
      `${main.text}\n\n---\n${heading}\n\n${english.subject}\n\n${english.text}`,
    );
  }
  return main.message;
}

function wrap(lng: MailLanguage, subject: string, body: string, text: string): ComposedMessage {
  const html = `<!doctype html><html lang="${lng}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head><body style="font-family:sans-serif;font-size:16px;line-height:1.5;color:#0b0c0c;max-width:40em">${body}</body></html>`;
  return { subject, text, html };
}

function composeIn(m: Pick<StoredMessage, 'kind' | 'facts' | 'providerId'>, lng: MailLanguage, link: { url: string; guest: boolean } | null) {
  const t = texts[lng];
  const f = m.facts;
  const profile = getProfile(m.providerId);
  const providerWords = providerTexts[lng] as unknown;
  const clockName = (id: string | undefined) => (id ? (lookup(providerWords, [profile.id, 'clocks', id]) ?? id) : '');
  const scheme = getScheme(f.schemeId as Parameters<typeof getScheme>[0]);
  const schemeName = lookup(providerWords, ['schemes', scheme.id, 'name']) ?? scheme.id;
  const contact = scheme.contact;
  const schemeContact = [contact.website ?? contact.portalUrl, contact.phone, contact.email].filter(Boolean).join(' · ') || schemeName;
  const rules = schemeRulesOn(scheme, (f.letterAt ?? f.firstComplainedAt ?? '').slice(0, 10));
  const months = rules.timeLimit ? String(rules.timeLimit.months) : '';
  const date = (iso: string | undefined, withTime = true) => (iso ? formatInstant(iso, lng, profile.timeZone, withTime) : '');
  const values: Record<string, string> = {
    name: f.name ?? '',
    reference: f.reference ?? '',
    summary: f.summary ?? '',
    provider: profile.name,
    stage: lookup(providerWords, [profile.id, 'stages', f.stageId ?? '', 'name']) ?? f.stageId ?? '',
    scheme: schemeName,
    schemeContact,
    months,
    weeks: f.adrWeeks ?? '',
    adrDate: date(f.adrFrom, false),
    firstComplained: date(f.firstComplainedAt, false),
    date: m.kind === 'deadlineMissed' ? date(f.overdueAt) : date(f.letterAt, false),
    what: clockName(f.overdueClockId),
    days: String(CASE_LINK_TTL_MS / 86_400_000),
  };
  values.due = f.dueAt ? fillText(t.due, { ...values, what: clockName(f.dueClockId), date: date(f.dueAt) }, lng) : '';
  values.words = f.words ? `${fillText(t.yourWords, values, lng)}\n${f.words}` : '';
  values.timeLimit = months ? fillText(t.timeLimitDeadlock, values, lng) : t.timeLimitNone;
  values.adrLine = values.adrDate ? fillText(t.adrLine, values, lng) : '';
  const words = t[m.kind as CaseMessageKind];
  const subject = fillText(words.subject, values, lng);
  const linkLine = link ? fillText(link.guest ? t.linkGuest : t.link, { ...values, link: link.url }, lng) : '';
  const paragraphs = [fillText(t.greeting, values, lng), ...fillText(words.body, values, lng).split(/\n{2,}/), linkLine, fillText(t.signature, values, lng), fillText(t.footer, values, lng)]
    .map((p) => p.trim())
    .filter(Boolean);
  const text = paragraphs.join('\n\n');
  const body = paragraphs
    .map((p) => {
      if (p === linkLine && link) {
        const label = escapeHtml(linkLine.slice(0, linkLine.lastIndexOf(link.url)).replace(/[:\s]+$/, ''));
        return `<p><a href="${escapeHtml(link.url)}">${label}</a></p>`;
      }
      return `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`;
    })
    .join('');
  return { subject, text, body, message: wrap(lng, subject, body, text) };
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

// ---------- sending ----------

export interface DeliveryDeps {
  store: BackOfficeStore;
  mailer: Mailer;
  /** The real clock (links expire on it; the sent time is stamped from it). */
  realTime?: TimeSource;
  /** The server's secret: a guest's link is stored as its HMAC, as every sign-in link is (./sign-in.ts). */
  secret?: string;
}

export type DeliveryOutcome = 'sent' | 'skipped' | 'failed' | 'retry';

/**
 * Sends one pending email message, exactly once: it is locked (`claimMessage`) in a unit of work that also makes
 * a guest's single-use link, sends it, and marks it sent with the copy as sent — all committed together, so a
 * second instance or a repeated job finds it sent (or locked) and does nothing. When the mail server refuses,
 * the unit of work is undone (no link is left) and the try is counted (its error class only: `errorClass`);
 * `final` marks it failed for staff. A crash between the mail server's acceptance and the commit sends it again
 * (at least once, docs/mail-delivery.md): the copy sent again is the same mail — the same Message-ID (from the
 * message id), the same words and the same link (its token is made from the server's secret and the message id),
 * so a mail system that dedupes keeps one, and whichever copy the customer opens, its link works.
 */
export async function deliverMessage(deps: DeliveryDeps, providerId: ProviderId, id: string, opts: { origin: string; final: boolean }): Promise<DeliveryOutcome> {
  const now = deps.realTime?.now() ?? new Date();
  return sendOnce(deps.store, opts, {
    claim: (tx) => tx.claimMessage(providerId, id),
    send: async (tx, m) => {
      if (m.channel !== 'email') return 'skipped';
      const c = await tx.findCase({ providerId, kind: 'provider' }, m.reference);
      if (!c) return 'skipped';
      const link = await caseLink(tx, deps.secret ?? SIMULATED_SECRET, c, m, now, opts.origin);
      const composed = compose(m, link);
      const mail: OutgoingMail = { id: m.id, providerId, to: m.recipient, subject: composed.subject, text: composed.text, html: composed.html, lng: m.lng, sentAt: now.toISOString() };
      await (deps.mailer.deliver ?? deps.mailer.send).call(deps.mailer, mail, tx);
      await tx.updateMessage({ ...m, status: 'sent', doneAt: now.toISOString(), subject: composed.subject, text: composed.text });
      return 'sent';
    },
    countTry: (tx, m, tried) => tx.updateMessage({ ...m, ...tried }),
  });
}

/** What is sent once: a customer's message (above) or a staff alert (./alerts.ts), each with its try count. */
interface Sendable {
  attempts: number;
}

/**
 * The one rule for sending something recorded exactly once (messages and staff alerts): `claim` locks it in a
 * unit of work in which `send` sends it and marks it sent (or says it is not to be sent); a thrown error undoes
 * that unit of work, and a second one counts the try with the error's class (`errorClass`) — `final` or
 * MESSAGE_TRIES tries mark it failed, else it waits for the next try. Nothing claimed (sent, locked, gone): skipped.
 */
export async function sendOnce<T extends Sendable>(
  store: BackOfficeStore,
  opts: { final: boolean },
  steps: {
    claim: (tx: BackOfficeTx) => Promise<T | null>;
    send: (tx: BackOfficeTx, item: T) => Promise<'sent' | 'skipped'>;
    countTry: (tx: BackOfficeTx, item: T, tried: { attempts: number; lastError: string; status: 'failed' | 'pending' }) => Promise<void>;
  },
): Promise<DeliveryOutcome> {
  let failure: unknown = null;
  const outcome = await store
    .transaction(async (tx): Promise<DeliveryOutcome> => {
      const item = await steps.claim(tx);
      return item ? steps.send(tx, item) : 'skipped';
    })
    .catch((error: unknown) => {
      failure = error;
      return 'retry' as const;
    });
  if (outcome !== 'retry') return outcome;
  const lastError = errorClass(failure);
  return store.transaction(async (tx) => {
    const item = await steps.claim(tx);
    if (!item) return 'skipped';
    const attempts = item.attempts + 1;
    const failed = opts.final || attempts >= MESSAGE_TRIES;
    await steps.countTry(tx, item, { attempts, lastError, status: failed ? 'failed' : 'pending' });
    return failed ? 'failed' : 'retry';
  });
}

/**
 * What kind of failure a send met, for staff and logs: the mail library's error code and the SMTP reply code
 * (`EENVELOPE 550`, `ECONNECTION`), else the error's name — never its message, which may quote the address.
 */
export function errorClass(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown';
  const { code, responseCode } = error as Error & { code?: unknown; responseCode?: unknown };
  const head = typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code) ? code : /^[A-Za-z]{1,40}$/.test(error.name) ? error.name : 'Error';
  return typeof responseCode === 'number' ? `${head} ${responseCode}` : head;
}

/** Sends every pending email message of the provider (the simulated back office, after each request). */
export async function deliverPending(deps: DeliveryDeps, providerId: ProviderId, origin: string): Promise<void> {
  const ids = await deps.store.transaction((tx) => tx.pendingMessageIds(providerId, 100));
  for (const id of ids) await deliverMessage(deps, providerId, id, { origin, final: false });
}

/**
 * The link that opens the case: a customer signs in as usual; a guest's link signs them in to this case only,
 * once, within CASE_LINK_TTL_MS (a sign-in link of the guest kind, ./sign-in.ts).
 */
async function caseLink(tx: BackOfficeTx, secret: string, c: StoredCase, m: StoredMessage, now: Date, origin: string): Promise<{ url: string; guest: boolean }> {
  if (c.customerId) return { url: `${origin}/cases/${encodeURIComponent(c.reference)}?lng=${m.lng}`, guest: false };
  // The same token every time this message is sent (a copy sent again after a crash carries the same link);
  // unguessable without the server's secret. Its row is written with the send, so it exists once the mail is sent.
  const token = (await hmacSha256(secret, `case-link:${m.id}`)).slice(0, 48);
  await tx.insertSignInCode({
    id: `code_${m.id}`,
    providerId: c.providerId,
    email: c.aboutYou.email.trim().toLowerCase(),
    purpose: 'guest',
    reference: c.reference,
    // No code to type: only the link signs in (an unguessable hash no code can match).
    codeHash: await sha256(randomToken(40)),
    linkHash: await linkHashOf(secret, token),
    tries: 0,
    // Dated at the case's start so that it is never the "latest code" a typed code is checked against.
    createdAt: c.firstComplainedAt,
    expiresAt: new Date(now.getTime() + CASE_LINK_TTL_MS).toISOString(),
    usedAt: null,
  });
  return { url: `${origin}/sign-in?token=${token}&lng=${m.lng}`, guest: true };
}
