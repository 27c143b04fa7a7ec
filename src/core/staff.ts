import type {
  InviteStaff,
  MailLanguage,
  QueueItem,
  StaffActionInput,
  StaffCaseResponse,
  StaffClock,
  StaffLogComplaint,
  StaffMember,
  StaffQueueQuery,
  StaffQueueResponse,
  TimelineEvent,
} from '@/api/schemas';
import { inviteStaffSchema, staffLogComplaintSchema, staffQueueQuerySchema } from '@/api/schemas';
import { adrLetterDue, caseClocks, missingAdrLetter, nextDeadline, type ClockState } from '@/domain/case-clocks';
import { isOpen } from '@/domain/cases';
import type { ProviderId, ProviderProfile } from '@/domain/profile-schema';
import { getProfile } from '@/domain/profiles';
import { clockMetBy, staffActionRefusal, staffActions } from '@/domain/staff-actions';
import * as ops from './case-ops';
import * as letters from './letters';
import * as webhooks from './webhooks';
import type { CaseChange } from './case-ops';
import { composeMail, type ComposedMail } from './mail';
import { messagesFor } from './notifications';
import type { BackOfficeTx, Caller, StoredCase } from './ports';
import { Refusal } from './problem';
import * as pa from './provider-api';
import { currentStaffMember, requireStaff, type StaffCaller } from './staff-caller';
import * as proof from './staff-proof';
import * as customers from './staff-customers';
import { newId } from './references';
import { adrLetterStillDue, decodeQueueCursor, encodeQueueCursor, queueBounds } from './staff-queue';
import * as uc from './use-cases';
import type { Handlers } from './handler-types';
import type { StaffOperation } from '@/api/operations';

/**
 * The provider's staff workspace (docs/decisions/0130-staff-workspace.md): members of the provider's staff — agents
 * and managers — sign in with the same one-time code as customers and work every case of their provider. Their
 * actions are the provider API's (./provider-api.ts), refused by the same domain rule that says which buttons
 * their page shows (src/domain/staff-actions.ts); the queue and the clocks come from src/domain/case-clocks.ts.
 */

export { requireStaff, type StaffCaller } from './staff-caller';

function requireManager(caller: Caller): StaffCaller {
  const me = requireStaff(caller);
  if (me.staff.role !== 'manager') throw new Refusal(403, 'managerOnly');
  return me;
}



export async function listStaff(ctx: uc.UseCaseContext) {
  const me = requireStaff(ctx.caller);
  return { staff: (await ctx.tx.staffMembers(me.providerId)).filter((s) => s.removedAt === null) };
}

const roleWords: Record<MailLanguage, Record<StaffMember['role'], string>> = {
  en: { agent: 'an agent', manager: 'a manager' },
  it: { agent: 'operatore', manager: 'responsabile' },
};

/** A new member of staff; one with the address already on the team is refused (409). */
export async function createStaff(tx: BackOfficeTx, providerId: ProviderId, input: { email: string; name: string; role: StaffMember['role']; lng?: MailLanguage | undefined }, now: Date): Promise<StaffMember> {
  if (await tx.findStaffByEmail(providerId, input.email)) throw new Refusal(409, 'staffExists', [{ path: 'email', code: 'staffExists' }]);
  const member: StaffMember = {
    id: newId('staff'),
    providerId,
    name: input.name.trim(),
    email: input.email.trim(),
    role: input.role,
    lng: input.lng ?? 'en',
    createdAt: now.toISOString(),
    removedAt: null,
  };
  await tx.insertStaff(member);
  return member;
}

/** A manager adds a member of staff and writes their invitation (in `lng`), sent once the unit of work commits. */
export async function inviteStaff(ctx: uc.UseCaseContext, given: InviteStaff, origin: string): Promise<{ member: StaffMember; mail: ComposedMail }> {
  const me = requireManager(ctx.caller);
  const input = inviteStaffSchema.parse(given);
  const member = await createStaff(ctx.tx, me.providerId, input, ctx.now);
  const mail = composeMail(
    'staffInvitation',
    { providerId: me.providerId, address: member.email, lng: member.lng },
    { name: member.name, manager: me.staff.name, provider: getProfile(me.providerId).name, role: roleWords[member.lng][member.role], link: `${origin}/sign-in?lng=${member.lng}` },
  );
  return { member, mail };
}

/** A manager removes a member of staff: they can no longer sign in and their sessions end in the same unit of work. */
export async function removeStaff(ctx: uc.UseCaseContext, id: string): Promise<void> {
  const me = requireManager(ctx.caller);
  if (id === me.staff.id) throw new Refusal(409, 'cannotRemoveSelf');
  const member = await currentStaffMember(ctx.tx, me.providerId, id);
  if (!member) throw new Refusal(404, 'staffNotFound');
  await ctx.tx.updateStaff({ ...member, removedAt: ctx.now.toISOString() });
  await ctx.tx.deleteStaffSessions(me.providerId, member.id);
}

// ---------- clocks as the staff pages show them ----------

function clockAnswer(s: ClockState): StaffClock {
  return {
    stageId: s.stageId,
    clockId: s.clockId,
    action: s.action,
    strength: s.strength,
    amount: s.amount,
    unit: s.unit,
    dueAt: s.dueAt ? s.dueAt.toISOString() : null,
    metAt: s.metAt ? s.metAt.toISOString() : null,
    state: s.state,
    ...(s.workingDaysLeft !== undefined ? { workingDaysLeft: s.workingDaysLeft } : {}),
    ...(s.workingDaysOverdue !== undefined ? { workingDaysOverdue: s.workingDaysOverdue } : {}),
  };
}

// ---------- the queue ----------

function queueItem(c: StoredCase, profile: ProviderProfile, now: Date, names: ReadonlyMap<string, string>): QueueItem {
  const next = nextDeadline(profile, c, now);
  const adrDue = adrLetterStillDue(c, profile);
  const assigneeId = c.assigneeId ?? null;
  return {
    reference: c.reference,
    kind: c.kind,
    status: c.status,
    stageId: c.stageId,
    category: c.complaint.category,
    summary: c.complaint.summary,
    customerName: c.aboutYou.name,
    email: c.aboutYou.email,
    firstComplainedAt: c.firstComplainedAt,
    assignee: assigneeId ? { id: assigneeId, name: names.get(assigneeId) ?? '' } : null,
    supportNeeds: Boolean(c.aboutYou.supportNeeds || c.aboutYou.representative),
    next: next ? clockAnswer(next) : null,
    adrLetterDueAt: adrDue ? adrDue.toISOString() : null,
    adrLetterMissing: missingAdrLetter(c, now, profile),
  };
}

/**
 * Open cases of the provider, the next deadline first (a clock of the procedure or the ADR letter), with what is
 * due and by when; one filter at a time, with every filter's count over the same search, stage and category. The
 * store orders, filters, counts and pages by the keys stored with each case (./staff-queue.ts); only the page's
 * cases are read.
 */
export async function queue(ctx: uc.UseCaseContext, given: StaffQueueQuery): Promise<StaffQueueResponse> {
  const me = requireStaff(ctx.caller);
  const query = staffQueueQuerySchema.parse(given);
  const scope = { providerId: me.providerId, kind: 'staff' as const, staffId: me.staff.id };
  await uc.advanceOpenCases(ctx, scope);
  const profile = getProfile(me.providerId);
  const page = await ctx.tx.staffQueue(
    scope,
    { filter: query.filter, stage: query.stage, category: query.category, q: query.q, after: decodeQueueCursor(query.cursor), limit: query.limit },
    queueBounds(profile, ctx.now, me.staff.id),
  );
  const names = new Map((await ctx.tx.staffMembers(me.providerId)).map((s) => [s.id, s.name]));
  const shown = page.rows.slice(0, query.limit);
  const last = shown.at(-1);
  return {
    asOf: ctx.now.toISOString(),
    items: shown.map((r) => queueItem(r.c, profile, ctx.now, names)),
    counts: page.counts,
    matching: page.matching,
    total: query.filter ? page.counts[query.filter] : page.matching,
    nextCursor: page.rows.length > query.limit && last ? encodeQueueCursor(last.position) : null,
  };
}

// ---------- a case as staff see it ----------

async function caseView(ctx: uc.UseCaseContext, c: StoredCase, events?: TimelineEvent[]): Promise<StaffCaseResponse> {
  const me = requireStaff(ctx.caller);
  const profile = getProfile(c.providerId);
  const timeline = events ?? (await ctx.tx.timeline(c.reference));
  const assigneeId = c.assigneeId ?? null;
  const assignee = assigneeId ? await ctx.tx.findStaffMember(me.providerId, assigneeId) : null;
  const adrDue = adrLetterDue(c, profile);
  return {
    asOf: ctx.now.toISOString(),
    case: (await uc.caseAnswer(ctx, c)).case,
    version: timeline.length,
    events: timeline,
    assignee: assignee ? { id: assignee.id, name: assignee.name } : null,
    notes: c.internalNotes ?? [],
    clocks: caseClocks(profile, c, ctx.now).map(clockAnswer),
    adr: { letterDueAt: adrDue ? adrDue.toISOString() : null, missing: missingAdrLetter(c, ctx.now, profile) },
    actions: staffActions(profile, c, ctx.now),
    receivedBy: c.receivedBy ?? 'portal',
    lng: c.lng ?? 'en',
    externalRefs: c.externalRefs ?? [],
  };
}

export async function getCase(ctx: uc.UseCaseContext, reference: string) {
  requireStaff(ctx.caller);
  return caseView(ctx, await uc.visibleCase(ctx, reference));
}

/**
 * The case at the version the writer saw, or 409 `caseChanged` naming what happened since (one entry per
 * timeline event: `changes.N` with the event's type) — the second of two agents acting at once is told, and
 * nothing is done twice.
 */
async function atVersion(ctx: uc.UseCaseContext, reference: string, version: number): Promise<StoredCase> {
  // Locked: two agents sending the same version at once are checked one after the other.
  const c = await uc.visibleCase(ctx, reference, { lock: true });
  const timeline = await ctx.tx.timeline(c.reference);
  if (timeline.length !== version) {
    const since = version < timeline.length ? timeline.slice(version) : [];
    throw new Refusal(409, 'caseChanged', [{ path: 'version', code: 'stale' }, ...since.map((e, i) => ({ path: `changes.${i}`, code: e.type }))]);
  }
  return c;
}

/** Staff are working the case: the demo's simulated provider leaves it to them from now on. */
async function takenByStaff(ctx: uc.UseCaseContext, reference: string, me: StaffCaller): Promise<StoredCase> {
  const c = await uc.visibleCase(ctx, reference, { lock: true });
  const updated: StoredCase = { ...c, behaviour: 'silent', assigneeId: c.assigneeId ?? me.staff.id };
  await ctx.tx.updateCase(updated);
  return updated;
}

export async function act(ctx: uc.UseCaseContext, reference: string, input: StaffActionInput) {
  const me = requireStaff(ctx.caller);
  const c = await atVersion(ctx, reference, input.version);
  const profile = getProfile(c.providerId);
  const refused = staffActionRefusal(profile, c, input.action, ctx.now);
  if (refused) throw new Refusal(409, refused);
  switch (input.action) {
    case 'acknowledge':
      await pa.acknowledge(ctx, reference, input.text);
      break;
    case 'update':
      await pa.sendUpdate(ctx, reference, { text: input.text });
      break;
    case 'requestInfo':
      await pa.sendUpdate(ctx, reference, { text: input.text, status: 'awaitingCustomer' });
      break;
    case 'propose':
      await pa.proposeResolution(ctx, reference, input.text);
      break;
    case 'moveStage':
      await pa.moveToStage(ctx, reference, input.stageId);
      break;
    case 'deadlockLetter':
      await pa.issueLetter(ctx, reference, 'deadlock');
      break;
    case 'adrLetter':
      await pa.issueLetter(ctx, reference, 'adr');
      break;
    case 'close':
      await pa.closeCase(ctx, reference, input.text);
      break;
  }
  return caseView(ctx, await takenByStaff(ctx, reference, me));
}

/** Assigns the case to a current member of staff (or to no one); meets a clock whose promise is a named handler. */
export async function assign(ctx: uc.UseCaseContext, reference: string, input: { staffId: string | null; version: number }) {
  const me = requireStaff(ctx.caller);
  const c = await atVersion(ctx, reference, input.version);
  if (input.staffId !== null && !(await currentStaffMember(ctx.tx, me.providerId, input.staffId))) {
    throw new Refusal(422, 'validationFailed', [{ path: 'staffId', code: 'unknownStaff' }]);
  }
  if ((c.assigneeId ?? null) === input.staffId) return caseView(ctx, c);
  const change: CaseChange = { c: { ...c, assigneeId: input.staffId, behaviour: 'silent' }, events: [] };
  // Communications Ombudsman: "a named person" is assigned within the stage's clock (action 'assign').
  const clockId = input.staffId && isOpen(c.status) ? clockMetBy(getProfile(c.providerId), c, ['assign']) : undefined;
  if (clockId) ops.meetClock(change, clockId, ctx.now);
  ops.record(change, ctx.now, 'assigned', 'provider', clockId ? { data: { clockId } } : {});
  await uc.saveChange(ctx.tx, change);
  return caseView(ctx, change.c);
}

/** An internal note: on the case for staff only (publicCase leaves it out). */
export async function addNote(ctx: uc.UseCaseContext, reference: string, text: string) {
  const me = requireStaff(ctx.caller);
  const c = await uc.visibleCase(ctx, reference, { lock: true });
  const updated: StoredCase = {
    ...c,
    internalNotes: [...(c.internalNotes ?? []), { id: newId('note'), at: ctx.now.toISOString(), staffId: me.staff.id, staffName: me.staff.name, text }],
  };
  await ctx.tx.updateCase(updated);
  return caseView(ctx, updated);
}

// ---------- complaints that did not come through the portal ----------

/**
 * Logs a complaint a customer made by phone, letter or email. The procedure's clocks and the regulator's ADR wait
 * count from the day it was first made (`firstComplainedAt`), not from the day it was typed in: a complaint made
 * seven weeks ago may be owed its ADR letter within days, or at once.
 */
export async function logComplaint(ctx: uc.UseCaseContext, given: StaffLogComplaint) {
  const me = requireStaff(ctx.caller);
  const input = staffLogComplaintSchema.parse(given);
  const firstAt = new Date(input.firstComplainedAt);
  if (firstAt.getTime() > ctx.now.getTime()) throw new Refusal(422, 'validationFailed', [{ path: 'firstComplainedAt', code: 'inFuture' }]);
  const profile = getProfile(me.providerId);
  const { firstComplainedAt: _first, receivedBy, lng, ...rest } = input;
  const submission = uc.fitToProvider(profile, { ...rest, evidence: { ...rest.evidence, attachmentIds: [] } });
  const customer = await ctx.tx.findCustomerByEmail(me.providerId, submission.aboutYou.email);
  let made: CaseChange | null = null;
  await uc.drawReference(ctx.tx, profile.referenceStyle.prefix, ctx.now, async (reference) => {
    const change = ops.newCase({
      profile,
      reference,
      customerId: customer?.id ?? null,
      organisationId: customer?.organisationId ?? null,
      submission,
      attachments: [],
      at: firstAt,
      behaviour: 'silent',
    });
    const event = change.events[0]!;
    event.data = { ...event.data, channel: receivedBy };
    change.c = { ...change.c, aboutYou: { ...change.c.aboutYou, lng: change.c.aboutYou.lng ?? lng }, updatedAt: ctx.now.toISOString(), receivedBy, lng, assigneeId: me.staff.id };
    made = change;
    return ctx.tx.insertCase(change.c);
  });
  const change = made as unknown as CaseChange;
  await ctx.tx.appendEvents(change.c.reference, change.events);
  // The customer is told it was received, as through the portal, by their channel and in their language; the
  // message is made now (not on the day it was first made, which dates the case and its clocks).
  const messages = messagesFor(change.c, change.events).map((m) => ({ ...m, createdAt: ctx.now.toISOString() }));
  if (messages.length) await ctx.tx.insertMessages(messages);
  return caseView(ctx, change.c, change.events);
}

/** The staff operations' handlers (./dispatch.ts): each gets its body and query parsed by its operation's schemas. */
export const staffHandlers: Handlers<StaffOperation['id']> = {
  listStaff: async (ctx) => ({ status: 200, body: await listStaff(ctx) }),
  inviteStaff: async (ctx, { body, origin }) => {
    const { member, mail } = await inviteStaff(ctx, body, origin());
    return { status: 201, body: member, mails: [mail] };
  },
  removeStaff: async (ctx, { params }) => {
    await removeStaff(ctx, params.id ?? '');
    return { status: 204 };
  },
  staffQueue: async (ctx, { query }) => ({ status: 200, body: await queue(ctx, query) }),
  staffGetCase: async (ctx, { reference }) => ({ status: 200, body: await getCase(ctx, reference) }),
  staffAct: async (ctx, { reference, body }) => ({ status: 200, body: await act(ctx, reference, body) }),
  staffAssign: async (ctx, { reference, body }) => ({ status: 200, body: await assign(ctx, reference, body) }),
  staffAddNote: async (ctx, { reference, body }) => ({ status: 201, body: await addNote(ctx, reference, body.text) }),
  staffLogComplaint: async (ctx, { body }) => ({ status: 201, body: await logComplaint(ctx, body) }),
  staffIntegrations: async (ctx) => ({ status: 200, body: await webhooks.integrations(ctx) }),
  staffCreateWebhook: async (ctx, { body }) => ({ status: 201, body: await webhooks.registerWebhook(ctx, body) }),
  staffDeleteWebhook: async (ctx, { params }) => {
    await webhooks.removeWebhook(ctx, params.id ?? '');
    return { status: 204 };
  },
  staffRetryWebhook: async (ctx, { params }) => {
    await webhooks.retryDelivery(ctx, params.id ?? '');
    return { status: 204 };
  },
  staffLetters: async (ctx, { query }) => ({ status: 200, body: await letters.staffLetters(ctx, requireStaff(ctx.caller), query) }),
  staffMarkLetterDone: async (ctx, { params, body }) => ({ status: 200, body: await letters.markLetterDone(ctx, requireStaff(ctx.caller), params.id ?? '', body) }),
  staffCustomers: async (ctx, { query }) => ({ status: 200, body: await customers.findCustomers(ctx, query, ctx.realTime?.now() ?? new Date()) }),
  staffGetCustomer: async (ctx, { params }) => ({ status: 200, body: await customers.getCustomer(ctx, params.id ?? '') }),
  staffCreateOrganisation: async (ctx, { body, origin }) => {
    const { created, mail } = await customers.createOrganisation(ctx, body, origin(), ctx.realTime?.now() ?? new Date());
    return { status: 201, body: created, mails: [mail] };
  },
  staffRegister: async (ctx, { query }) => ({ status: 200, body: await proof.register(ctx, query) }),
  staffCompliance: async (ctx, { query }) => ({ status: 200, body: await proof.compliance(ctx, query) }),
};
