import { describe, expect, it } from 'vitest';
import { getProfile } from '@/domain/profiles';
import { AUTOMATIC_LETTER_GRACE_MS, issueDueAdrLetter } from './adr-letter';
import type { CaseChange } from './case-ops';
import type { StoredCase } from './ports';
import { storedCase } from '../../test/cases';
import { recordDueChecks } from './timed-checks';

const nasstar = getProfile('nasstar');

function silentCase(raisedAt: string): StoredCase {
  return storedCase({
    reference: 'NAS-2026-ADR00001',
    at: raisedAt,
    status: 'investigating',
    behaviour: 'silent',
    clocksMet: [{ stageId: 'complaintsTeam', clockId: 'acknowledge', metAt: raisedAt }, { stageId: 'complaintsTeam', clockId: 'resolve', metAt: raisedAt }],
  });
}

const at = (iso: string, ms = 0) => new Date(Date.parse(iso) + ms);

describe('the ADR letter by itself', () => {
  // Hand-computed in Europe/London: see the conformance suite (before 8 April: 8 weeks; after: 6 weeks).
  for (const [raisedAt, dueAt] of [
    ['2026-02-02T10:00:00.000Z', '2026-03-30T09:00:00.000Z'],
    ['2026-05-04T09:00:00.000Z', '2026-06-15T09:00:00.000Z'],
  ] as const) {
    it(`a silent provider's case raised ${raisedAt}: the check at ${dueAt} issues it, dated then, as a system event`, () => {
      const change: CaseChange = { c: silentCase(raisedAt), events: [] };
      expect(recordDueChecks(change, [], at(dueAt, -1))).toBe(0);
      expect(recordDueChecks(change, [], at(dueAt, 5_000))).toBe(1);
      expect(change.c.letters.map((l) => [l.kind, l.issuedAt])).toEqual([['adr', dueAt]]);
      expect(change.events.map((e) => [e.type, e.actor, e.at, e.data?.dueAt])).toEqual([['letterIssued', 'system', dueAt, dueAt]]);
      // A repeated check adds nothing.
      expect(recordDueChecks(change, change.events, at(dueAt, 60_000))).toBe(0);
      expect(change.c.letters).toHaveLength(1);
    });
  }

  it('found owed for longer than a day (the back office was not running), staff are alerted instead', () => {
    const change: CaseChange = { c: silentCase('2026-05-04T09:00:00.000Z'), events: [] };
    recordDueChecks(change, [], at('2026-06-15T09:00:00.000Z', AUTOMATIC_LETTER_GRACE_MS + 1));
    expect(change.c.letters).toEqual([]);
    expect(change.events.filter((e) => e.type === 'adrLetterDue').map((e) => e.actor)).toEqual(['system']);
  });

  it("the provider's setting off: no letter", () => {
    const change: CaseChange = { c: silentCase('2026-05-04T09:00:00.000Z'), events: [] };
    const off = { ...nasstar, adr: { ...nasstar.adr, automaticLetter: false } };
    expect(issueDueAdrLetter(off, change, at('2026-06-15T09:00:01.000Z'), at('2026-05-04T09:00:00.000Z'))).toBeNull();
    expect(issueDueAdrLetter(nasstar, change, at('2026-06-15T09:00:01.000Z'), at('2026-05-04T09:00:00.000Z'))?.issuedAt).toBe('2026-06-15T09:00:00.000Z');
  });

  it('none after a deadlock letter, and none before the back office started', () => {
    const deadlocked: CaseChange = { c: { ...silentCase('2026-05-04T09:00:00.000Z'), status: 'deadlock', letters: [{ id: 'l1', kind: 'deadlock', issuedAt: '2026-05-20T09:00:00.000Z', schemeId: 'cisas' }] }, events: [] };
    expect(recordDueChecks(deadlocked, [], at('2026-06-15T09:00:01.000Z'))).toBe(0);
    const history: CaseChange = { c: silentCase('2026-05-04T09:00:00.000Z'), events: [] };
    expect(issueDueAdrLetter(nasstar, history, at('2026-07-01T00:00:00.000Z'), at('2026-06-20T00:00:00.000Z'))).toBeNull();
  });
});
