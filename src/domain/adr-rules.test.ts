import { adrWait, ruleSetOn, SIX_WEEK_RULE_FROM } from './adr-rules';
import { nasstarProfile } from './profiles';
import { schemes } from './schemes';

// Every example is worked by hand. London is GMT until Sun 29 Mar 2026 01:00 UTC, then BST (UTC+1).
// Rule: eligible at the earlier of (first complaint + 8 weeks, if that is before 8 Apr 2026) and the later of
// (first complaint + 6 weeks, 8 Apr 2026 00:00 London).
const wait = (first: string) => adrWait(first, schemes.cisas.rules, nasstarProfile)!;

describe('the wait in force on a day applies on that day (Ofcom, from 8 April 2026)', () => {
  it('the rule sets are dated: 8 weeks, then 6 weeks from 8 April 2026', () => {
    expect(schemes.cisas.rules.map((r) => [r.effectiveFrom, r.waitWeeks])).toEqual([
      [null, 8],
      ['2026-04-08', 6],
    ]);
    expect(SIX_WEEK_RULE_FROM).toBe('2026-04-08');
    expect(ruleSetOn(schemes.cisas.rules, '2026-04-07').waitWeeks).toBe(8);
    expect(ruleSetOn(schemes.cisas.rules, '2026-04-08').waitWeeks).toBe(6);
    expect(schemes.osc.rules.map((r) => r.waitWeeks)).toEqual([8, 6]);
  });
  it('Sun 1 Feb 2026: +8w = Sun 29 Mar (before 8 Apr) beats max(+6w = 15 Mar, 8 Apr) → 29 Mar, 8 weeks', () => {
    // 10:00 GMT on 1 Feb; 29 Mar is the day the clocks go forward, so 10:00 London is 09:00 UTC.
    const w = wait('2026-02-01T10:00:00Z');
    expect(w).toMatchObject({ weeks: 8, eligibleFromDay: '2026-03-29' });
    expect(w.letterDueAt.toISOString()).toBe('2026-03-29T09:00:00.000Z');
    expect(w.eligibleFrom.toISOString()).toBe('2026-03-29T00:00:00.000Z'); // 00:00 GMT, before the 01:00 change
  });
  it('Tue 10 Feb 2026: +8w = Tue 7 Apr, the last day of the old rule → 7 Apr, 8 weeks', () => {
    expect(wait('2026-02-10T10:00:00Z')).toMatchObject({ weeks: 8, eligibleFromDay: '2026-04-07' });
  });
  it('Wed 11 Feb 2026: +8w = Wed 8 Apr is under the new rule; max(+6w = 25 Mar, 8 Apr) → 8 Apr 00:00, 6 weeks', () => {
    const w = wait('2026-02-11T10:00:00Z');
    expect(w).toMatchObject({ weeks: 6, eligibleFromDay: '2026-04-08' });
    expect(w.letterDueAt.toISOString()).toBe('2026-04-07T23:00:00.000Z'); // 00:00 BST on 8 Apr
  });
  it('Fri 20 Feb 2026: +8w = Fri 17 Apr (too late for the old rule); max(+6w = Fri 3 Apr, 8 Apr) → 8 Apr, 6 weeks', () => {
    expect(wait('2026-02-20T10:00:00Z')).toMatchObject({ weeks: 6, eligibleFromDay: '2026-04-08' });
  });
  it('Thu 2 Apr 2026 10:00 BST: +6w = Thu 14 May, after 8 Apr → 14 May 10:00 BST, 6 weeks', () => {
    const w = wait('2026-04-02T09:00:00Z');
    expect(w).toMatchObject({ weeks: 6, eligibleFromDay: '2026-05-14' });
    expect(w.letterDueAt.toISOString()).toBe('2026-05-14T09:00:00.000Z');
  });
  it('Mon 12 Oct 2026 10:00 BST: +6w = Mon 23 Nov 10:00 GMT (same local time across the change)', () => {
    expect(wait('2026-10-12T09:00:00Z').letterDueAt.toISOString()).toBe('2026-11-23T10:00:00.000Z');
  });
  it('a scheme with no wait (Independent Assessor) has none', () => {
    expect(adrWait('2026-10-12T09:00:00Z', schemes.independentAssessor.rules, nasstarProfile)).toBeNull();
  });
  it('every rule set names its source; the 2026 one cites the Ofcom statement of 8 July 2025', () => {
    for (const s of Object.values(schemes)) for (const r of s.rules) expect(r.sources.length).toBeGreaterThan(0);
    expect(schemes.cisas.rules[1]!.sources[0]!.document).toMatch(/Ofcom statement, 8 July 2025: "Quicker complaints resolution for telecoms customers"/);
    expect(schemes.cisas.rules.every((r) => r.timeLimit?.from === 'deadlockLetter')).toBe(true);
  });
});
