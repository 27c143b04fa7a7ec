import { describe, expect, it } from 'vitest';
import type { ComplaintSubmission } from '@/api/schemas';
import { commsombudsmanProfile, nasstarProfile } from '@/domain/profiles';
import type { ProviderProfile } from '@/domain/profile-schema';
import { submissionWith } from '../../test/conformance/fixtures';
import * as ops from './case-ops';
import { Refusal } from './problem';

/** The case's state machine (./case-ops.ts) on its own: each change, what it records, and what it refuses. */

const t0 = new Date('2026-11-02T10:00:00Z');
const later = (days: number) => new Date(t0.getTime() + days * 86_400_000);

function opened(profile: ProviderProfile = nasstarProfile, submission: ComplaintSubmission = submissionWith('Broadband drops every evening')) {
  return ops.newCase({ profile, reference: 'NAS-2026-TEST01', customerId: 'cus_a', organisationId: null, submission, attachments: [], at: t0 });
}
/** A fresh change on the same case (the events of one request only). */
const next = (change: ops.CaseChange): ops.CaseChange => ({ c: change.c, events: [] });

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof Refusal) return `${error.status} ${error.code}`;
    throw error;
  }
  return 'allowed';
}

describe('the case state machine', () => {
  it('opens a case at the entry stage, submitted, with one event', () => {
    const change = opened();
    expect(change.c).toMatchObject({ status: 'submitted', stageId: nasstarProfile.entryStageId, letters: [], referral: null });
    expect(change.events.map((e) => e.type)).toEqual(['submitted']);
  });

  it('a proposal accepted resolves the case; rejected reopens it at the same stage', () => {
    const accepted = opened();
    ops.proposeResolution(next(accepted), 'A credit of £20', later(3));
    expect(accepted.c.status).toBe('responseIssued');
    ops.decideResolution(next(accepted), { decision: 'accept' }, later(4));
    expect(accepted.c.status).toBe('resolved');
    expect(refusal(() => ops.addComment(next(accepted), 'one more thing', later(5)))).toBe('409 caseClosed');

    const rejected = opened();
    ops.proposeResolution(next(rejected), 'A credit of £5', later(3));
    ops.decideResolution(next(rejected), { decision: 'reject', reason: 'Not enough.' }, later(4));
    expect(rejected.c).toMatchObject({ status: 'investigating', stageId: nasstarProfile.entryStageId, proposedResolution: null });
    expect(refusal(() => ops.decideResolution(next(rejected), { decision: 'accept' }, later(5)))).toBe('409 noProposal');
  });

  it('escalation moves to the next stage until the last, and is refused after a deadlock letter', () => {
    const change = opened();
    const stages = nasstarProfile.stages.map((s) => s.id);
    const from = stages.indexOf(change.c.stageId);
    ops.escalate(nasstarProfile, next(change), { reason: 'noProgress' }, later(1));
    expect(change.c).toMatchObject({ stageId: stages[from + 1], status: 'submitted' });
    for (let i = from + 2; i < stages.length; i++) ops.escalate(nasstarProfile, next(change), { reason: 'noProgress' }, later(i));
    expect(refusal(() => ops.escalate(nasstarProfile, next(change), { reason: 'noProgress' }, later(9)))).toBe('409 lastStage');

    const deadlocked = opened();
    ops.issueLetter(nasstarProfile, next(deadlocked), later(2), 'deadlock', 'customer');
    expect(deadlocked.c.status).toBe('deadlock');
    expect(refusal(() => ops.escalate(nasstarProfile, next(deadlocked), { reason: 'noProgress' }, later(3)))).toBe('409 caseClosed');
  });

  it('a letter asked for twice is the same letter; the ADR letter only once the wait has passed', () => {
    const change = opened();
    const first = ops.issueLetter(nasstarProfile, next(change), later(1), 'deadlock', 'customer');
    expect(ops.issueLetter(nasstarProfile, next(change), later(2), 'deadlock', 'customer')).toEqual(first);
    expect(change.c.letters).toHaveLength(1);

    const waiting = opened();
    expect(refusal(() => ops.issueLetter(nasstarProfile, next(waiting), later(7), 'adr', 'customer'))).toBe('409 tooEarlyForAdrLetter');
    expect(refusal(() => ops.issueLetter(nasstarProfile, next(waiting), later(120), 'adr', 'provider'))).toBe('allowed');
  });

  it('refers once, and a referred case takes no more comments, letters or escalations', () => {
    const change = opened();
    ops.refer(next(change), nasstarProfile.adr.schemeId, later(60));
    expect(refusal(() => ops.refer(next(change), nasstarProfile.adr.schemeId, later(61)))).toBe('409 alreadyReferred');
    expect(refusal(() => ops.addComment(next(change), 'hello', later(61)))).toBe('409 caseClosed');
    expect(refusal(() => ops.issueLetter(nasstarProfile, next(change), later(61), 'deadlock', 'customer'))).toBe('409 alreadyReferred');
    expect(refusal(() => ops.escalate(nasstarProfile, next(change), { reason: 'noProgress' }, later(61)))).toBe('409 caseClosed');
  });

  it('the Communications Ombudsman issues its final response at the last stage only, and no ADR letter', () => {
    const change = opened(commsombudsmanProfile, submissionWith('Wrong bill', {}));
    expect(refusal(() => ops.issueLetter(commsombudsmanProfile, next(change), later(1), 'deadlock', 'customer'))).toBe('409 finalResponseLater');
    expect(refusal(() => ops.issueLetter(commsombudsmanProfile, next(change), later(120), 'adr', 'customer'))).toBe('409 noLetterInProcedure');
  });

  it('feedback only once the case is resolved or closed', () => {
    const change = opened();
    expect(refusal(() => ops.giveFeedback(next(change), 5, undefined, later(1)))).toBe('409 caseStillOpen');
    ops.closeCase(next(change), later(2));
    expect(refusal(() => ops.giveFeedback(next(change), 5, 'Thanks', later(3)))).toBe('allowed');
  });
});
