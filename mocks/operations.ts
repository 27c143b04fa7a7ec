import type {
  Attachment,
  ComplaintSubmission,
  EscalationInput,
  ResolutionDecision,
  TimelineEvent,
} from '@/api/schemas';
import type { AdrSchemeId, ProviderId } from '@/domain/profile-schema';
import { getProfile } from '@/domain/profiles';
import { nextStageId } from '@/domain/cases';
import type { Behaviour, MockState, StoredCase } from './db';
import { newId, newReference } from './references';
import { tooEarlyForAdrLetter } from '@/domain/case-clocks';

/**
 * What a customer can do to a case, as the back office records it. Used by the request
 * handlers and by the seed (which replays a history through the same operations).
 */

export class OperationRefused extends Error {
  constructor(
    readonly code: string,
    readonly status = 409,
  ) {
    super(code);
  }
}

const CLOSED = new Set(['resolved', 'closed']);

function event(
  state: MockState,
  c: StoredCase,
  at: Date,
  type: TimelineEvent['type'],
  actor: TimelineEvent['actor'],
  extra: { text?: string; data?: Record<string, string> } = {},
): TimelineEvent {
  const e: TimelineEvent = { id: newId('evt'), at: at.toISOString(), type, actor, stageId: c.stageId, ...extra };
  (state.timelines[c.reference] ??= []).push(e);
  c.updatedAt = at.toISOString();
  return e;
}

export function createCase(
  state: MockState,
  input: {
    providerId: ProviderId;
    customerId: string | null;
    submission: ComplaintSubmission;
    attachments: Attachment[];
    at: Date;
    behaviour?: Behaviour;
  },
): StoredCase {
  const profile = getProfile(input.providerId);
  const { attachmentIds: _ids, ...evidence } = input.submission.evidence;
  let reference = newReference(profile.referenceStyle.prefix, input.at);
  while (state.cases[reference]) reference = newReference(profile.referenceStyle.prefix, input.at);
  const at = input.at.toISOString();
  const c: StoredCase = {
    reference,
    providerId: input.providerId,
    customerId: input.customerId,
    kind: input.submission.kind,
    status: 'submitted',
    stageId: profile.entryStageId,
    stageStartedAt: at,
    firstComplainedAt: at,
    updatedAt: at,
    aboutYou: input.submission.aboutYou,
    complaint: input.submission.complaint,
    evidence,
    attachments: input.attachments,
    clocksMet: [],
    proposedResolution: null,
    letters: [],
    referral: null,
    feedback: null,
    behaviour: input.behaviour ?? 'prompt',
  };
  state.cases[reference] = c;
  state.timelines[reference] = [];
  event(state, c, input.at, 'submitted', 'customer', {
    data: { channel: 'portal', ...(input.attachments.length ? { files: String(input.attachments.length) } : {}) },
  });
  return c;
}

function assertOpen(c: StoredCase) {
  if (CLOSED.has(c.status) || c.referral) throw new OperationRefused('caseClosed');
}

export function addComment(state: MockState, c: StoredCase, text: string, at: Date): TimelineEvent {
  assertOpen(c);
  return event(state, c, at, 'comment', 'customer', { text });
}

export function addEvidence(state: MockState, c: StoredCase, files: Attachment[], at: Date): TimelineEvent {
  assertOpen(c);
  if (c.attachments.length + files.length > 10) throw new OperationRefused('tooManyFiles', 422);
  c.attachments.push(...files);
  return event(state, c, at, 'evidenceAdded', 'customer', { data: { files: files.map((f) => f.name).join(', ') } });
}

export function decideResolution(state: MockState, c: StoredCase, decision: ResolutionDecision, at: Date) {
  if (c.status !== 'responseIssued' || !c.proposedResolution) throw new OperationRefused('noProposal');
  if (decision.decision === 'accept') {
    c.status = 'resolved';
    c.proposedResolution = null;
    event(state, c, at, 'resolutionAccepted', 'customer');
    return;
  }
  // Rejecting reopens the case: the stage and its clocks run again from now.
  c.status = 'investigating';
  c.proposedResolution = null;
  c.stageStartedAt = at.toISOString();
  c.clocksMet = c.clocksMet.filter((m) => m.stageId !== c.stageId);
  event(state, c, at, 'resolutionRejected', 'customer', { text: decision.reason });
}

export function escalate(state: MockState, c: StoredCase, input: EscalationInput, at: Date) {
  assertOpen(c);
  if (c.status === 'deadlock') throw new OperationRefused('caseClosed');
  const profile = getProfile(c.providerId);
  const next = nextStageId(profile, c.stageId);
  if (!next) throw new OperationRefused('lastStage');
  const stage = profile.stages.find((s) => s.id === next);
  event(state, c, at, 'escalationRequested', 'customer', {
    ...(input.details ? { text: input.details } : {}),
    data: { reason: input.reason, toStage: next, method: stage?.escalation?.method ?? 'portal' },
  });
  c.stageId = next;
  c.stageStartedAt = at.toISOString();
  c.status = 'submitted';
  c.proposedResolution = null;
  event(state, c, at, 'escalated', 'provider', { data: { toStage: next } });
}

export function requestDeadlock(state: MockState, c: StoredCase, at: Date, kind: 'deadlock' | 'adr8Weeks' = 'deadlock') {
  if (c.referral) throw new OperationRefused('alreadyReferred');
  const existing = c.letters.find((l) => l.kind === kind);
  if (existing) return existing;
  const profile = getProfile(c.providerId);
  // Ofcom GC C4: the ADR letter is owed once the wait in force has passed since the complaint was first made.
  if (kind === 'adr8Weeks' && tooEarlyForAdrLetter(c, profile, at)) {
    throw new OperationRefused('tooEarlyForAdrLetter');
  }
  event(state, c, at, 'deadlockRequested', 'customer', { data: { kind } });
  const letter = { id: newId('letter'), kind, issuedAt: at.toISOString(), schemeId: profile.adr.schemeId };
  c.letters.push(letter);
  if (kind === 'deadlock') {
    c.status = 'deadlock';
    c.proposedResolution = null;
  }
  event(state, c, at, 'letterIssued', 'provider', { data: { letterId: letter.id, kind, schemeId: letter.schemeId } });
  return letter;
}

export function refer(state: MockState, c: StoredCase, schemeId: AdrSchemeId, at: Date) {
  if (c.referral) throw new OperationRefused('alreadyReferred');
  c.referral = { schemeId, referredAt: at.toISOString() };
  event(state, c, at, 'referred', 'customer', { data: { schemeId } });
}

export function giveFeedback(state: MockState, c: StoredCase, rating: number, comment: string | undefined, at: Date) {
  if (!CLOSED.has(c.status)) throw new OperationRefused('caseStillOpen');
  c.feedback = { rating, ...(comment ? { comment } : {}), at: at.toISOString() };
  event(state, c, at, 'feedback', 'customer', { ...(comment ? { text: comment } : {}), data: { rating: String(rating) } });
}
