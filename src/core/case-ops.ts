import type { Attachment, ComplaintSubmission, EscalationInput, Letter, ResolutionDecision, TimelineEvent } from '@/api/schemas';
import type { AdrSchemeId, ProviderProfile } from '@/domain/profile-schema';
import { isOpen, nextStageId, providerMovesTo } from '@/domain/cases';
import { changeRefusal, escalationRefusal, letterRequestRefusal } from '@/domain/case-actions';
import { getProfile } from '@/domain/profiles';
import { firstComplaintAt } from '@/domain/first-complaint';
import { LIMITS } from '@/api/schemas';
import type { Behaviour, StoredCase } from './ports';
import { Refusal } from './problem';
import { newId } from './references';

/**
 * The case's state machine: every change a customer, the provider or a timed job makes to a case, as pure
 * functions over the case and a list the new timeline events are appended to. The use-cases (./use-cases.ts)
 * load the case, apply one of these and store the case with its new events in one unit of work; the
 * simulated provider and the demo seed replay histories through the same functions.
 */

/** A case being changed, with the timeline events the change adds. */
export interface CaseChange {
  c: StoredCase;
  events: TimelineEvent[];
}

export function record(
  change: CaseChange,
  at: Date,
  type: TimelineEvent['type'],
  actor: TimelineEvent['actor'],
  extra: { text?: string; data?: Record<string, string> } = {},
): TimelineEvent {
  const e: TimelineEvent = { id: newId('evt'), at: at.toISOString(), type, actor, stageId: change.c.stageId, ...extra };
  change.events.push(e);
  change.c.updatedAt = at.toISOString();
  return e;
}

export function newCase(input: {
  profile: ProviderProfile;
  reference: string;
  customerId: string | null;
  organisationId: string | null;
  submission: ComplaintSubmission;
  attachments: Attachment[];
  at: Date;
  behaviour?: Behaviour;
}): CaseChange {
  const { profile, submission, at } = input;
  if (submission.kind === 'abuseReport' && !(profile.otherPromises ?? []).some((p) => p.kind === 'abuseReport')) {
    throw new Refusal(422, 'validationFailed', [{ path: 'kind', code: 'notOffered' }]);
  }
  const { attachmentIds: _ids, ...evidence } = submission.evidence;
  const iso = at.toISOString();
  const first = firstComplaintAt(profile, submission.complaint.firstComplainedAt, at);
  if ('refused' in first) throw new Refusal(422, 'validationFailed', [{ path: 'complaint.firstComplainedAt', code: first.refused }]);
  const change: CaseChange = {
    c: {
      reference: input.reference,
      providerId: profile.id,
      customerId: input.customerId,
      organisationId: input.organisationId,
      kind: submission.kind,
      status: 'submitted',
      stageId: profile.entryStageId,
      stageStartedAt: iso,
      firstComplainedAt: first.at.toISOString(),
      updatedAt: iso,
      aboutYou: submission.aboutYou,
      complaint: submission.complaint,
      evidence,
      attachments: input.attachments,
      clocksMet: [],
      proposedResolution: null,
      letters: [],
      referral: null,
      feedback: null,
      behaviour: input.behaviour ?? 'prompt',
    },
    events: [],
  };
  record(change, at, 'submitted', 'customer', {
    data: { channel: 'portal', ...(input.attachments.length ? { files: String(input.attachments.length) } : {}) },
  });
  return change;
}

/** A case still open to the customer's comments and evidence: not resolved, closed or referred. */
function assertOpen(c: StoredCase) {
  const refused = changeRefusal(c);
  if (refused) throw new Refusal(409, refused);
}

export function addComment(change: CaseChange, text: string, at: Date): TimelineEvent {
  assertOpen(change.c);
  return record(change, at, 'comment', 'customer', { text });
}

export function addEvidence(change: CaseChange, files: Attachment[], at: Date): TimelineEvent {
  assertOpen(change.c);
  if (change.c.attachments.length + files.length > LIMITS.filesMax) throw new Refusal(422, 'fileRefused', [{ path: 'file', code: 'tooManyFiles' }]);
  change.c.attachments.push(...files);
  return record(change, at, 'evidenceAdded', 'customer', { data: { files: files.map((f) => f.name).join(', ') } });
}

export function decideResolution(change: CaseChange, decision: ResolutionDecision, at: Date) {
  const { c } = change;
  if (c.status !== 'responseIssued' || !c.proposedResolution) throw new Refusal(409, 'noProposal');
  c.proposedResolution = null;
  if (decision.decision === 'accept') {
    c.status = 'resolved';
    record(change, at, 'resolutionAccepted', 'customer');
    return;
  }
  // Rejecting reopens the case at the same stage; the clocks already met stay met.
  c.status = 'investigating';
  record(change, at, 'resolutionRejected', 'customer', { text: decision.reason });
  // A procedure that takes an unresolved complaint to its next attempt itself (Miso: "Where the first two attempts
  // … have proved to be unsuccessful, we shall undertake a director-level review") does so now.
  const profile = getProfile(c.providerId);
  const next = nextStageId(profile, c.stageId);
  if (providerMovesTo(profile, next)) moveToStage(change, next!, at);
}

export function escalate(profile: ProviderProfile, change: CaseChange, input: EscalationInput, at: Date) {
  const { c } = change;
  const refused = escalationRefusal(profile, c);
  // 'providerMoves': the provider takes the complaint to this stage itself (Miso's attempts 2 and 3).
  if (refused) throw new Refusal(409, refused === 'lastStage' ? 'lastStage' : refused === 'providerMoves' ? 'providerMovesCase' : 'caseClosed');
  const next = nextStageId(profile, c.stageId)!;
  const stage = profile.stages.find((s) => s.id === next);
  record(change, at, 'escalationRequested', 'customer', {
    ...(input.details ? { text: input.details } : {}),
    data: { reason: input.reason, toStage: next, method: stage?.escalation?.method ?? 'portal' },
  });
  moveToStage(change, next, at);
}

/** The provider moves the case to a stage of its procedure (on the customer's request or its own). */
export function moveToStage(change: CaseChange, stageId: string, at: Date) {
  const { c } = change;
  c.stageId = stageId;
  c.stageStartedAt = at.toISOString();
  c.status = 'submitted';
  c.proposedResolution = null;
  record(change, at, 'escalated', 'provider', { data: { toStage: stageId } });
}

/**
 * Issues a letter. `requestedBy: 'system'`: the ADR letter the back office issues by itself when the wait passes
 * (./adr-letter.ts), recorded as a system event with the instant it fell due, so that the store's unique index on
 * system events makes it one even when two checks race.
 */
export function issueLetter(
  profile: ProviderProfile,
  change: CaseChange,
  at: Date,
  kind: Letter['kind'],
  requestedBy: 'customer' | 'provider' | 'system',
): Letter {
  const { c } = change;
  const refused = letterRequestRefusal(profile, c, kind, at);
  if (refused) throw new Refusal(409, refused);
  const existing = c.letters.find((l) => l.kind === kind);
  if (existing) return existing;
  // The customer's request, each letter its own event (older timelines: docs/decisions/0161-adr-letter-names.md).
  if (requestedBy === 'customer') record(change, at, kind === 'deadlock' ? 'deadlockRequested' : 'adrLetterRequested', 'customer', { data: { kind } });
  const letter: Letter = { id: newId('letter'), kind, issuedAt: at.toISOString(), schemeId: profile.adr.schemeId };
  c.letters.push(letter);
  if (kind === 'deadlock') {
    c.status = 'deadlock';
    c.proposedResolution = null;
  }
  const data: Record<string, string> = { letterId: letter.id, kind, schemeId: letter.schemeId };
  if (requestedBy === 'system') data.dueAt = at.toISOString();
  record(change, at, 'letterIssued', requestedBy === 'system' ? 'system' : 'provider', { data });
  return letter;
}

export function refer(change: CaseChange, schemeId: AdrSchemeId, at: Date) {
  if (change.c.referral) throw new Refusal(409, 'alreadyReferred');
  change.c.referral = { schemeId, referredAt: at.toISOString() };
  record(change, at, 'referred', 'customer', { data: { schemeId } });
}

export function giveFeedback(change: CaseChange, rating: number, comment: string | undefined, at: Date) {
  const { c } = change;
  if (c.status !== 'resolved' && c.status !== 'closed') throw new Refusal(409, 'caseStillOpen');
  c.feedback = { rating, ...(comment ? { comment } : {}), at: at.toISOString() };
  record(change, at, 'feedback', 'customer', { ...(comment ? { text: comment } : {}), data: { rating: String(rating) } });
}

// ---- the provider's side ----

export function acknowledge(change: CaseChange, clockId: string, at: Date) {
  meetClock(change, clockId, at);
  change.c.status = 'acknowledged';
  record(change, at, 'acknowledged', 'provider', { data: { clockId } });
}

/** Records that the provider did what a clock of the current stage promised. */
export function meetClock(change: CaseChange, clockId: string, at: Date) {
  const { c } = change;
  if (!c.clocksMet.some((m) => m.stageId === c.stageId && m.clockId === clockId)) {
    c.clocksMet.push({ stageId: c.stageId, clockId, metAt: at.toISOString() });
  }
}

export function proposeResolution(change: CaseChange, text: string, at: Date, clockId?: string) {
  const { c } = change;
  if (!isOpen(c.status)) throw new Refusal(409, 'caseClosed');
  if (clockId) meetClock(change, clockId, at);
  c.status = 'responseIssued';
  c.proposedResolution = { text, proposedAt: at.toISOString() };
  record(change, at, 'resolutionProposed', 'provider', { text });
}

export function sendUpdate(change: CaseChange, at: Date, opts: { clockId?: string; text?: string; status?: 'investigating' | 'awaitingCustomer' | 'acknowledged' } = {}) {
  const { c } = change;
  if (!isOpen(c.status)) throw new Refusal(409, 'caseClosed');
  if (opts.clockId) meetClock(change, opts.clockId, at);
  c.status = opts.status ?? 'investigating';
  // An update asking the customer for something says so (its message is "information requested").
  const data = { ...(opts.clockId ? { clockId: opts.clockId } : {}), ...(opts.status === 'awaitingCustomer' ? { status: opts.status } : {}) };
  record(change, at, opts.status === 'acknowledged' ? 'acknowledged' : 'update', 'provider', {
    ...(opts.text ? { text: opts.text } : {}),
    ...(Object.keys(data).length ? { data } : {}),
  });
}

export function closeCase(change: CaseChange, at: Date, text?: string) {
  const { c } = change;
  if (c.status === 'closed') return;
  c.status = 'closed';
  c.proposedResolution = null;
  record(change, at, 'closed', 'provider', text ? { text } : {});
}
