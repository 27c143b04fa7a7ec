import { describe, expect, it } from 'vitest';
import { changeRefusal, escalationRefusal, letterRequestRefusal, type CaseState } from './case-actions';
import { commsombudsmanProfile, nasstarProfile } from './profiles';

const base: CaseState = { kind: 'complaint', status: 'investigating', stageId: nasstarProfile.entryStageId, referral: null, firstComplainedAt: '2026-11-02T10:00:00Z', letters: [] };
const now = new Date('2026-11-10T10:00:00Z');
const last = nasstarProfile.stages.at(-1)!.id;

describe('what a customer may do next, as the refusal the back office would answer', () => {
  it('escalation: referred, closed, in deadlock, at the last stage — in that order', () => {
    expect(escalationRefusal(nasstarProfile, base)).toBeNull();
    expect(escalationRefusal(nasstarProfile, { ...base, referral: {}, stageId: last })).toBe('referred');
    expect(escalationRefusal(nasstarProfile, { ...base, status: 'resolved' })).toBe('closed');
    expect(escalationRefusal(nasstarProfile, { ...base, status: 'deadlock' })).toBe('deadlock');
    expect(escalationRefusal(nasstarProfile, { ...base, stageId: last })).toBe('lastStage');
  });

  it('a deadlock letter: complaints only, not once referred, not on a closed case; the same one again is allowed', () => {
    expect(letterRequestRefusal(nasstarProfile, base, 'deadlock', now)).toBeNull();
    expect(letterRequestRefusal(nasstarProfile, { ...base, kind: 'abuseReport' }, 'deadlock', now)).toBe('notAComplaint');
    expect(letterRequestRefusal(nasstarProfile, { ...base, referral: {} }, 'deadlock', now)).toBe('alreadyReferred');
    expect(letterRequestRefusal(nasstarProfile, { ...base, status: 'closed' }, 'deadlock', now)).toBe('caseClosed');
    expect(letterRequestRefusal(nasstarProfile, { ...base, status: 'deadlock', letters: [{ kind: 'deadlock' }] }, 'deadlock', now)).toBeNull();
  });

  it('the ADR letter only once the wait has passed; none in a procedure without one', () => {
    expect(letterRequestRefusal(nasstarProfile, base, 'adr', now)).toBe('tooEarlyForAdrLetter');
    expect(letterRequestRefusal(nasstarProfile, base, 'adr', new Date('2027-03-01T10:00:00Z'))).toBeNull();
    expect(letterRequestRefusal(commsombudsmanProfile, { ...base, stageId: commsombudsmanProfile.entryStageId }, 'adr', now)).toBe('noLetterInProcedure');
  });

  it('comments and evidence: refused once resolved, closed or referred', () => {
    expect(changeRefusal(base)).toBeNull();
    expect(changeRefusal({ ...base, status: 'closed' })).toBe('caseClosed');
    expect(changeRefusal({ ...base, referral: {} })).toBe('caseClosed');
    expect(changeRefusal({ ...base, status: 'deadlock' })).toBeNull();
  });
});
