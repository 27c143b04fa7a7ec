import { describe, expect, it } from 'vitest';
import { adrLetterDue } from './case-clocks';
import { nasstarProfile } from './profiles';
import { staffActions, type StaffCaseInput } from './staff-actions';

const stageId = nasstarProfile.entryStageId;
const base: StaffCaseInput = {
  kind: 'complaint',
  status: 'investigating',
  stageId,
  stageStartedAt: '2026-09-01T10:00:00Z',
  clocksMet: [{ stageId, clockId: 'acknowledge', metAt: '2026-09-01T12:00:00Z' }],
  firstComplainedAt: '2026-09-01T10:00:00Z',
  letters: [],
  referral: null,
};
const due = adrLetterDue(base, nasstarProfile)!;
const after = new Date(due.getTime() + 60_000);
const before = new Date(due.getTime() - 60_000);
const meeting = (c: StaffCaseInput, now: Date) => staffActions(nasstarProfile, c, now).filter((a) => a.meetsAdrLetter).map((a) => a.action);

describe('which action meets the ADR letter the regulator makes owed', () => {
  it('once it is owed, the deadlock letter and the ADR letter each meet it; no other action does', () => {
    expect(meeting(base, after)).toEqual(['deadlockLetter', 'adrLetter']);
    const adr = staffActions(nasstarProfile, base, after).find((a) => a.action === 'adrLetter');
    expect(adr).toMatchObject({ allowed: true, meetsAdrLetter: true });
    expect(adr?.meetsClock).toBeUndefined();
  });

  it('before it is owed, or once a letter is issued, the case is referred or closed: nothing meets it', () => {
    expect(meeting(base, before)).toEqual([]);
    expect(meeting({ ...base, letters: [{ kind: 'deadlock', issuedAt: '2026-10-01T10:00:00Z' }] }, after)).toEqual([]);
    expect(meeting({ ...base, referral: {} }, after)).toEqual([]);
    expect(meeting({ ...base, status: 'closed' }, after)).toEqual([]);
  });
});
