import type {
  Attachment,
  Case,
  CaseListQuery,
  CaseMessage,
  CaseSummary,
  ComplaintSubmission,
  EscalationInput,
  FeedbackInput,
  Letter,
  ResolutionDecision,
  TimelineEvent,
} from '@/api/schemas';
import { attachmentSchema, caseListQuerySchema, LIMITS } from '@/api/schemas';
import { asksForAccountNumber, categoriesFor } from '@/domain/case-model';
import { openCaseStatuses } from '@/domain/cases';
import { adrEligibility } from '@/domain/eligibility';
import { checkFile, checkFileSet } from '@/domain/files';
import type { AdrSchemeId, ProviderId, ProviderProfile } from '@/domain/profile-schema';
import { getProfile } from '@/domain/profiles';
import { issueDueAdrLetter } from './adr-letter';
import { caseCalendar } from './calendar';
import * as ops from './case-ops';
import type { CaseChange } from './case-ops';
import type { BackOfficeDeps, BackOfficeTx, Caller, CaseScope, StoredCase, StoredMessage } from './ports';
import { scopeOf } from './ports';
import { Refusal } from './problem';
import { recordMessages } from './notifications';
import { newId, newReference, randomToken } from './references';
import { advanceCase } from './simulated-provider';

/**
 * The back office's use-cases: what a customer (or guest) can do, each over one unit of work of the store.
 * They know nothing of HTTP: they take the caller and validated input, and return a result or throw a
 * Refusal with a status and a code. The same functions serve the simulated back office and the server.
 */

export interface UseCaseContext extends BackOfficeDeps {
  tx: BackOfficeTx;
  caller: Caller;
  now: Date;
  /** The demo's simulated provider plays its part on a case before it is read (demo back office only). */
  simulateProvider: boolean;
  /** The anonymous client token's uploader id (`client:` and its SHA-256), when the browser holds one (issue 20.5). */
  client?: string | null;
}

/** Whether a pending upload is the caller's: made by this session, or by this browser's anonymous client token. */
function uploadedBy(ctx: UseCaseContext, uploader: string): boolean {
  const { caller } = ctx;
  if (ctx.client && uploader === ctx.client) return true;
  if (caller.kind === 'provider') return uploader === caller.actor;
  return caller.kind !== 'anonymous' && uploader === caller.sessionId;
}

export type RaisedBy = Case['raisedBy'];

export function publicCase(c: StoredCase, raisedBy: RaisedBy = null): Case {
  // What only the provider's side knows stays out: staff's notes, assignee and the case's twins in other systems never reach the customer.
  const { behaviour: _behaviour, organisationId, externalRefs: _externalRefs, assigneeId: _assignee, internalNotes: _notes, receivedBy: _receivedBy, lng: _lng, ...rest } = c;
  return { ...rest, raisedBy, sharedWithOrganisation: organisationId !== null };
}

/** Who raised each of `cases`: the customer's name, so members of an organisation see who raised what. */
async function raisersOf(ctx: UseCaseContext, cases: readonly StoredCase[]): Promise<(c: StoredCase) => RaisedBy> {
  const ids = cases.flatMap((c) => (c.customerId ? [c.customerId] : []));
  const names = new Map((await ctx.tx.findCustomers(ctx.caller.providerId, ids)).map((c) => [c.id, c.name]));
  return (c) => {
    const name = c.customerId ? names.get(c.customerId) : undefined;
    return name ? { name } : null;
  };
}

/** What a case list's search reads besides the reference: the summary, and the numbers of the case's twins in other systems. */
export function searchableSummaryOf(c: StoredCase): string {
  const numbers = (c.externalRefs ?? []).map((r) => r.number);
  return numbers.length ? `${c.complaint.summary} ${numbers.join(' ')}` : c.complaint.summary;
}

export function summaryOf(c: StoredCase, raisedBy: RaisedBy = null): CaseSummary {
  return {
    raisedBy,
    reference: c.reference,
    kind: c.kind,
    status: c.status,
    stageId: c.stageId,
    stageStartedAt: c.stageStartedAt,
    firstComplainedAt: c.firstComplainedAt,
    updatedAt: c.updatedAt,
    clocksMet: c.clocksMet,
    letters: c.letters,
    summary: c.complaint.summary,
  };
}

function requireScope(caller: Caller): CaseScope {
  const scope = scopeOf(caller);
  if (!scope) throw new Refusal(401, 'signInRequired');
  return scope;
}

/**
 * Stores a change: the case, its new timeline events and the messages they call for (./notifications.ts),
 * together.
 */
export async function saveChange(tx: BackOfficeTx, change: CaseChange): Promise<void> {
  if (change.events.length === 0) return;
  await tx.updateCase(change.c);
  await tx.appendEvents(change.c.reference, change.events);
  await recordMessages(tx, change.c, change.events);
}

/** The demo's simulated provider plays its part on a case read in a list (as visibleCase does on one read alone); `c` is updated in place. */
export const bringUpToDate = (ctx: UseCaseContext, c: StoredCase): Promise<void> => advance(ctx, c);

async function advance(ctx: UseCaseContext, c: StoredCase): Promise<void> {
  if (!ctx.simulateProvider) return;
  const change: CaseChange = { c, events: [] };
  let changed = advanceCase(change, await ctx.tx.timeline(c.reference), ctx.now);
  // As the simulated back office's clock moves past the regulator's wait, the ADR letter goes out by itself.
  const since = ctx.automaticLettersSince?.();
  if (since && issueDueAdrLetter(getProfile(c.providerId), change, ctx.now, since)) changed = true;
  if (changed) await saveChange(ctx.tx, change);
}

/**
 * The demo's simulated provider plays its part on every open case of a list at most once a minute of back-office
 * time (or again when the clock is set back): a list of 10,000 cases read on every keystroke of a search must not
 * replay them all each time. A case read on its own is always brought up to date (visibleCase).
 */
const SIMULATED_PROVIDER_EVERY_MS = 60_000;
const simulatedProviderRuns = new WeakMap<object, Record<string, number>>();
function simulatedProviderDue(ctx: UseCaseContext, scope: CaseScope): boolean {
  // A store that keeps the runs (the simulated back office, across reloads of the page) is asked; else this process remembers.
  let byScope = ctx.store.simulatedProviderRuns?.();
  if (!byScope) {
    let inMemory = simulatedProviderRuns.get(ctx.store);
    if (!inMemory) simulatedProviderRuns.set(ctx.store, (inMemory = {}));
    byScope = inMemory;
  }
  const key = JSON.stringify(scope);
  const last = byScope[key];
  const now = ctx.now.getTime();
  if (last !== undefined && now >= last && now - last < SIMULATED_PROVIDER_EVERY_MS) return false;
  byScope[key] = now;
  return true;
}

/** A case the caller may see, brought up to date; anyone else's (or none) is "not found". */
/** The case, if the caller may see it, brought up to date. `lock` for a write: see BackOfficeTx.findCase. */
export async function visibleCase(ctx: UseCaseContext, reference: string, opts: { lock?: boolean } = {}): Promise<StoredCase> {
  const scope = requireScope(ctx.caller);
  const c = await ctx.tx.findCase(scope, reference, opts);
  if (!c) throw new Refusal(404, 'caseNotFound');
  await advance(ctx, c);
  return c;
}

/** Applies one change to a case the caller may see and stores it. */
async function change<T>(ctx: UseCaseContext, reference: string, apply: (change: CaseChange) => T): Promise<{ c: StoredCase; result: T }> {
  const c = await visibleCase(ctx, reference, { lock: true });
  const ch: CaseChange = { c, events: [] };
  const result = apply(ch);
  await saveChange(ctx.tx, ch);
  return { c, result };
}

/** A case as answered: a guest's case (no customer) names no raiser, so the customers are read only for a customer's. */
export const caseAnswer = async (ctx: UseCaseContext, c: StoredCase) => ({ asOf: ctx.now.toISOString(), case: publicCase(c, c.customerId ? (await raisersOf(ctx, [c]))(c) : null) });

// ---- cases ----

/** The demo's simulated provider plays its part on every open case in scope (at most once a minute of back-office time). */
export async function advanceOpenCases(ctx: UseCaseContext, scope: CaseScope): Promise<void> {
  if (ctx.simulateProvider && simulatedProviderDue(ctx, scope)) for (const c of await ctx.tx.openCases(scope)) await advance(ctx, c);
}

export async function listCases(ctx: UseCaseContext, query: CaseListQuery) {
  const scope = requireScope(ctx.caller);
  const q = caseListQuerySchema.parse(query);
  await advanceOpenCases(ctx, scope);
  const page = await ctx.tx.listCases(
    scope,
    {
      ...(q.status ? { status: q.status === 'open' ? openCaseStatuses : [q.status] } : {}),
      ...(q.stage ? { stage: q.stage } : {}),
      ...(q.q ? { q: q.q } : {}),
      sort: q.sort,
      ...(q.cursor ? { cursor: q.cursor } : {}),
      limit: q.limit,
    },
    ctx.now,
  );
  const raisedBy = await raisersOf(ctx, page.cases);
  return { asOf: ctx.now.toISOString(), cases: page.cases.map((c) => summaryOf(c, raisedBy(c))), nextCursor: page.nextCursor, total: page.total };
}

export async function getCase(ctx: UseCaseContext, reference: string) {
  return caseAnswer(ctx, await visibleCase(ctx, reference));
}

/** Shares one of the caller's own cases with their organisation (./organisation.ts decides who may). */
export async function shareCase(ctx: UseCaseContext, reference: string, share: (c: StoredCase) => Promise<StoredCase>) {
  return caseAnswer(ctx, await share(await visibleCase(ctx, reference)));
}

export async function getTimeline(ctx: UseCaseContext, reference: string) {
  const c = await visibleCase(ctx, reference);
  return { events: await ctx.tx.timeline(c.reference) };
}

/** The letters log: every message and letter about the case, with its channel, status and the copy as sent. */
/** A message or letter as the letters log answers it (customer and staff); ./letters.ts adds what staff see. */
export function messageAnswer(m: StoredMessage) {
  return { id: m.id, eventId: m.eventId, kind: m.kind, channel: m.channel, recipient: m.recipient, lng: m.lng, status: m.status, createdAt: m.createdAt, doneAt: m.doneAt, subject: m.subject, text: m.text };
}

export async function listCaseMessages(ctx: UseCaseContext, reference: string): Promise<{ messages: CaseMessage[] }> {
  const c = await visibleCase(ctx, reference);
  const stored = await ctx.tx.caseMessages(c.reference);
  return {
    messages: stored.map(messageAnswer),
  };
}

/** The case's upcoming deadlines as an .ics file, in the case's language (./calendar.ts). */
export async function caseCalendarFile(ctx: UseCaseContext, reference: string): Promise<{ bytes: Uint8Array; name: string }> {
  const c = await visibleCase(ctx, reference);
  return { bytes: new TextEncoder().encode(caseCalendar(c, c.aboutYou.lng ?? 'en', ctx.now)), name: `${c.reference}.ics` };
}

export async function drawReference(tx: BackOfficeTx, prefix: string, at: Date, insert: (reference: string) => Promise<boolean>) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const reference = newReference(prefix, at);
    if (await insert(reference)) return reference;
  }
  throw new Refusal(503, 'serviceUnavailable');
}

/**
 * What a provider's complaints are about decides what it takes (decision 0062): the Communications Ombudsman's
 * form offers its own categories and asks for no account number, so the back office refuses any other category
 * and keeps no account number for it. An abuse report is always 'other'.
 */
export function fitToProvider(profile: ProviderProfile, submission: ComplaintSubmission): ComplaintSubmission {
  if (submission.kind === 'complaint' && !categoriesFor(profile.complaintsAbout).includes(submission.complaint.category)) {
    throw new Refusal(422, 'validationFailed', [{ path: 'complaint.category', code: 'invalidCategory' }]);
  }
  if (asksForAccountNumber(profile.complaintsAbout) || submission.aboutYou.accountNumber === undefined) return submission;
  const { accountNumber: _notAsked, ...aboutYou } = submission.aboutYou;
  return { ...submission, aboutYou };
}

export async function submitComplaint(ctx: UseCaseContext, given: ComplaintSubmission) {
  const { tx, caller, now } = ctx;
  const profile = getProfile(caller.providerId);
  const submission = fitToProvider(profile, given);
  const attachments: Attachment[] = [];
  for (const [i, id] of submission.evidence.attachmentIds.entries()) {
    const stored = await tx.findAttachment(id);
    if (!stored || stored.caseRef || stored.providerId !== caller.providerId || !uploadedBy(ctx, stored.uploader)) {
      throw new Refusal(422, 'validationFailed', [{ path: `evidence.attachmentIds.${i}`, code: 'unknownAttachment' }]);
    }
    attachments.push(stored.meta);
  }
  const setProblem = checkFileSet(attachments.map((a) => a.size));
  if (setProblem) throw new Refusal(422, 'validationFailed', [{ path: 'evidence.attachmentIds', code: setProblem }]);
  let created: CaseChange | null = null;
  await drawReference(tx, profile.referenceStyle.prefix, now, async (reference) => {
    created = ops.newCase({
      profile,
      reference,
      customerId: caller.kind === 'customer' ? caller.customer.id : null,
      organisationId: caller.kind === 'customer' ? caller.organisationId : null,
      submission,
      attachments,
      at: now,
    });
    return tx.insertCase(created.c);
  });
  const made = created as unknown as CaseChange;
  await tx.appendEvents(made.c.reference, made.events);
  await recordMessages(tx, made.c, made.events);
  for (const a of attachments) await tx.linkAttachment(a.id, made.c.reference);
  return caseAnswer(ctx, made.c);
}

/** Checks an uploaded file from its content and stores it under a random key; nothing is stored when refused. */
export async function storeUpload(ctx: BackOfficeDeps & { now: Date }, providerId: ProviderId, file: File, uploader: string) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const check = await checkFile(file.name, file.type, bytes);
  if (!check.ok) throw new Refusal(check.reason === 'tooLarge' ? 413 : 422, 'fileRefused', [{ path: 'file', code: check.reason }]);
  const meta: Attachment = attachmentSchema.parse({
    id: newId('att'),
    name: file.name.slice(0, 255),
    kind: check.kind,
    size: bytes.length,
    uploadedAt: ctx.now.toISOString(),
  });
  const storageKey = randomToken(32);
  await ctx.files.put(storageKey, bytes);
  return { meta, providerId, caseRef: null, uploader, storageKey };
}

/**
 * The bytes one client may have waiting on no case (issue 20.4, decision 0102): twice what one complaint may carry,
 * so a customer can change their mind about files (or start again) without waiting a day.
 */
export const PENDING_UPLOAD_QUOTA_BYTES = 2 * LIMITS.filesTotalMaxBytes;

export async function uploadAttachment(ctx: UseCaseContext, upload: Awaited<ReturnType<typeof storeUpload>>) {
  const pending = await ctx.tx.pendingUploadBytes(upload.providerId, upload.uploader);
  if (pending + upload.meta.size > PENDING_UPLOAD_QUOTA_BYTES) throw new Refusal(413, 'uploadQuotaExceeded', [{ path: 'file', code: 'pendingQuota' }]);
  await ctx.tx.insertAttachment(upload);
  return upload.meta;
}

export async function addEvidence(ctx: UseCaseContext, reference: string, upload: Awaited<ReturnType<typeof storeUpload>>) {
  const c = await visibleCase(ctx, reference, { lock: true });
  const setProblem = checkFileSet([...c.attachments.map((a) => a.size), upload.meta.size]);
  if (setProblem) throw new Refusal(422, 'fileRefused', [{ path: 'file', code: setProblem }]);
  const ch: CaseChange = { c, events: [] };
  ops.addEvidence(ch, [upload.meta], ctx.now);
  await ctx.tx.insertAttachment({ ...upload, caseRef: c.reference });
  await saveChange(ctx.tx, ch);
  return upload.meta;
}

export async function downloadAttachment(ctx: UseCaseContext, reference: string, id: string) {
  const c = await visibleCase(ctx, reference);
  const meta = c.attachments.find((a) => a.id === id);
  const stored = meta ? await ctx.tx.findAttachment(meta.id) : null;
  const bytes = stored ? await ctx.files.get(stored.storageKey) : null;
  if (!meta || !bytes) throw new Refusal(404, 'attachmentNotFound');
  return { meta, bytes };
}

export async function addComment(ctx: UseCaseContext, reference: string, text: string): Promise<TimelineEvent> {
  return (await change(ctx, reference, (ch) => ops.addComment(ch, text, ctx.now))).result;
}

export async function decideResolution(ctx: UseCaseContext, reference: string, decision: ResolutionDecision) {
  const { c } = await change(ctx, reference, (ch) => ops.decideResolution(ch, decision, ctx.now));
  await advance(ctx, c);
  return caseAnswer(ctx, c);
}

export async function giveFeedback(ctx: UseCaseContext, reference: string, input: FeedbackInput) {
  const { c } = await change(ctx, reference, (ch) => ops.giveFeedback(ch, input.rating, input.comment, ctx.now));
  return caseAnswer(ctx, c);
}

export async function requestEscalation(ctx: UseCaseContext, reference: string, input: EscalationInput) {
  const { c } = await change(ctx, reference, (ch) => ops.escalate(getProfile(ch.c.providerId), ch, input, ctx.now));
  return caseAnswer(ctx, c);
}

/** The customer asks for a deadlock letter: the case closes in deadlock (issued at once, as the procedure allows). */
export async function requestDeadlockLetter(ctx: UseCaseContext, reference: string): Promise<Letter> {
  return (await change(ctx, reference, (ch) => ops.issueLetter(getProfile(ch.c.providerId), ch, ctx.now, 'deadlock', 'customer'))).result;
}

/** The customer asks for the ADR letter owed once the regulator's wait has passed: the case stays open. */
export async function requestAdrLetter(ctx: UseCaseContext, reference: string): Promise<Letter> {
  return (await change(ctx, reference, (ch) => ops.issueLetter(getProfile(ch.c.providerId), ch, ctx.now, 'adr', 'customer'))).result;
}

export async function getLetter(ctx: UseCaseContext, reference: string, id: string): Promise<Letter> {
  const c = await visibleCase(ctx, reference);
  const letter = c.letters.find((l) => l.id === id);
  if (!letter) throw new Refusal(404, 'letterNotFound');
  return letter;
}

export async function referToAdr(ctx: UseCaseContext, reference: string, schemeId: AdrSchemeId) {
  const c = await visibleCase(ctx, reference);
  const profile = getProfile(c.providerId);
  if (schemeId !== profile.adr.schemeId) throw new Refusal(422, 'validationFailed', [{ path: 'schemeId', code: 'wrongScheme' }]);
  // The same rules the portal shows (the regulator's wait or a letter, the time limit, who, what, how much).
  const eligibility = adrEligibility({ profile, case: c, now: ctx.now });
  if (c.kind !== 'complaint' || eligibility.status !== 'eligible') {
    throw new Refusal(409, eligibility.status === 'notEligible' && eligibility.reason === 'alreadyReferred' ? 'alreadyReferred' : 'notEligibleForAdr');
  }
  const ch: CaseChange = { c, events: [] };
  ops.refer(ch, schemeId, ctx.now);
  await saveChange(ctx.tx, ch);
  return caseAnswer(ctx, c);
}
