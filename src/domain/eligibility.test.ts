import { addMonthsToDay, adrEligibility, type EligibilityCase } from './eligibility';
import { commsombudsmanProfile, misoProfile, nasstarProfile } from './profiles';

const at = (iso: string) => new Date(iso);
const residential = (over: Partial<EligibilityCase> = {}): EligibilityCase => ({
  stageId: 'complaintsTeam',
  status: 'investigating',
  // Mon 12 Oct 2026 10:00 BST.
  firstComplainedAt: '2026-10-12T09:00:00Z',
  letters: [],
  aboutYou: { customerKind: 'residential' },
  complaint: { category: 'billing' },
  referral: null,
  ...over,
});
const check = (c: EligibilityCase, now: string, profile = nasstarProfile) => adrEligibility({ profile, case: c, now: at(now) });

describe('6 weeks after the first complaint (the rule in force since 8 April 2026; calendar days, London)', () => {
  // Mon 12 Oct 2026 + 42 days = Mon 23 Nov 2026 (GMT by then): eligible from 00:00 on 23 Nov.
  it('the day before: eligibleFrom Mon 23 Nov 2026, under the 6-week rule', () => {
    const r = check(residential(), '2026-11-22T23:59:59Z'); // Sun 22 Nov 23:59:59 GMT
    expect(r).toMatchObject({ status: 'eligibleFrom', fromDay: '2026-11-23', weeks: 6 });
    if (r.status === 'eligibleFrom') expect(r.from.toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(r.scheme.id).toBe('cisas');
  });
  it('the day itself: eligible from its first minute, with no time limit (no deadlock letter)', () => {
    const r = check(residential(), '2026-11-23T00:00:00Z');
    expect(r).toMatchObject({ status: 'eligible', basis: 'wait', weeks: 6 });
    if (r.status === 'eligible') expect(r.deadline).toBeUndefined();
  });
  it('uses the London day of the first complaint, not the UTC day', () => {
    // 23:30 UTC on Mon 12 Oct is 00:30 BST on Tue 13 Oct → eligible from Tue 24 Nov.
    const r = check(residential({ firstComplainedAt: '2026-10-12T23:30:00Z' }), '2026-11-23T12:00:00Z');
    expect(r).toMatchObject({ status: 'eligibleFrom', fromDay: '2026-11-24' });
  });
  it('an old case keeps the 8-week rule: first complaint Mon 2 Feb 2026 → eligible Mon 30 Mar 2026', () => {
    // +8 weeks = Mon 30 Mar 2026, before 8 Apr 2026, so the 8-week rule in force on that day applies.
    const c = residential({ firstComplainedAt: '2026-02-02T10:00:00Z' });
    expect(check(c, '2026-03-29T12:00:00Z')).toMatchObject({ status: 'eligibleFrom', fromDay: '2026-03-30', weeks: 8 });
    expect(check(c, '2026-03-30T00:00:00+01:00')).toMatchObject({ status: 'eligible', basis: 'wait', weeks: 8 });
  });
  it('a complaint spanning the change waits for 8 April 2026: first complaint Fri 20 Feb 2026', () => {
    // +8 weeks = Fri 17 Apr (after the change, so the 8-week rule never applies); +6 weeks = Fri 3 Apr, before the
    // 6-week rule is in force; the later of 3 Apr and 8 Apr is Wed 8 Apr 2026.
    const c = residential({ firstComplainedAt: '2026-02-20T10:00:00Z' });
    expect(check(c, '2026-04-07T22:59:59Z')).toMatchObject({ status: 'eligibleFrom', fromDay: '2026-04-08', weeks: 6 });
    expect(check(c, '2026-04-07T23:00:00Z')).toMatchObject({ status: 'eligible', basis: 'wait', weeks: 6 });
  });
  it('a deadlock letter makes the customer eligible before the wait', () => {
    const r = check(residential({ letters: [{ kind: 'deadlock', issuedAt: '2026-11-02T12:00:00Z' }] }), '2026-11-03T12:00:00Z');
    expect(r).toMatchObject({ status: 'eligible', basis: 'letter', deadlineDay: '2027-11-02' });
  });
  it('a letter dated in the future (clock skew) is ignored', () => {
    const r = check(residential({ letters: [{ kind: 'deadlock', issuedAt: '2026-11-05T12:00:00Z' }] }), '2026-11-03T12:00:00Z');
    expect(r.status).toBe('eligibleFrom');
  });
});

describe('the 12-month limit runs only from a deadlock letter', () => {
  it('an ADR letter sent at the wait starts no time limit', () => {
    const c = residential({ letters: [{ kind: 'adr', issuedAt: '2026-11-23T10:00:00Z' }] });
    const r = check(c, '2028-06-01T12:00:00Z'); // long after 12 months: still eligible, no deadline
    expect(r).toMatchObject({ status: 'eligible', basis: 'wait' });
    if (r.status === 'eligible') expect(r.deadlineDay).toBeUndefined();
  });
  it('a deadlock letter after an ADR letter starts it', () => {
    const c = residential({
      letters: [
        { kind: 'adr', issuedAt: '2026-11-23T10:00:00Z' },
        { kind: 'deadlock', issuedAt: '2027-02-01T10:00:00Z' },
      ],
    });
    expect(check(c, '2027-12-20T10:00:00Z')).toMatchObject({ status: 'eligible', basis: 'letter', deadlineDay: '2028-02-01' });
    expect(check(c, '2028-02-02T00:00:00Z')).toMatchObject({ status: 'notEligible', reason: 'tooLate', deadlineDay: '2028-02-01', months: 12 });
  });
});

describe('12 months after the letter', () => {
  // Letter issued Thu 10 Jun 2027 23:30 UTC = Fri 11 Jun 2027 00:30 BST → last day Sun 11 Jun 2028 (BST).
  const withLetter = residential({ letters: [{ kind: 'deadlock', issuedAt: '2027-06-10T23:30:00Z' }] });
  it('the last day (until 23:59:59 BST on 11 Jun 2028) is still eligible', () => {
    const r = check(withLetter, '2028-06-11T22:59:59Z');
    expect(r).toMatchObject({ status: 'eligible', deadlineDay: '2028-06-11' });
    if (r.status === 'eligible') expect(r.deadline!.toISOString()).toBe('2028-06-11T22:59:59.999Z');
  });
  it('the day after is too late', () => {
    expect(check(withLetter, '2028-06-11T23:00:00Z')).toMatchObject({ status: 'notEligible', reason: 'tooLate', deadlineDay: '2028-06-11' });
  });
  it('the latest letter counts', () => {
    const two = residential({
      letters: [
        { kind: 'deadlock', issuedAt: '2026-12-07T10:00:00Z' },
        { kind: 'deadlock', issuedAt: '2027-02-01T10:00:00Z' },
      ],
    });
    expect(check(two, '2027-12-20T10:00:00Z')).toMatchObject({ status: 'eligible', deadlineDay: '2028-02-01' });
  });
  it('29 February + 12 months is 28 February', () => {
    expect(addMonthsToDay('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonthsToDay('2026-12-15', 12)).toBe('2027-12-15');
  });
});

describe('who may use the scheme', () => {
  const eligibleNow = '2027-01-15T12:00:00Z';
  it('a business of 10 employees may; 11 may not, and is routed like a large customer', () => {
    expect(check(residential({ aboutYou: { customerKind: 'business', employees: 10 } }), eligibleNow).status).toBe('eligible');
    expect(check(residential({ aboutYou: { customerKind: 'business', employees: 11 } }), eligibleNow)).toEqual(
      expect.objectContaining({ status: 'notEligible', reason: 'tooManyEmployees', route: ['accountManager', 'customerSuccessManager', 'cLevel'] }),
    );
  });
  it('a large organisation goes to its account manager / customer success manager / C-level (Nasstar)', () => {
    expect(check(residential({ aboutYou: { customerKind: 'largeOrganisation' } }), eligibleNow)).toMatchObject({
      status: 'notEligible',
      reason: 'largeOrganisation',
      route: ['accountManager', 'customerSuccessManager', 'cLevel'],
    });
    // A provider that names no route gives none.
    const r = check(residential({ aboutYou: { customerKind: 'largeOrganisation' } }), eligibleNow, misoProfile);
    expect(r).toMatchObject({ status: 'notEligible', reason: 'largeOrganisation' });
    if (r.status === 'notEligible') expect(r.route).toBeUndefined();
  });
  it('personal data is excluded and goes to the ICO', () => {
    expect(check(residential({ complaint: { category: 'personalData' } }), eligibleNow)).toMatchObject({
      status: 'notEligible',
      reason: 'excludedSubject',
      subject: 'dataProtection',
      redirect: 'ico',
    });
  });
  it('issue 22 point 10: £10,000 is an award cap, not a claim limit — a larger claim is eligible, with a warning', () => {
    const atCap = check(residential({ complaint: { category: 'billing', compensationPence: 1_000_000 } }), eligibleNow);
    expect(atCap.status).toBe('eligible');
    expect(atCap).not.toHaveProperty('awardCapPence');
    expect(check(residential({ complaint: { category: 'billing', compensationPence: 1_000_001 } }), eligibleNow)).toMatchObject({
      status: 'eligible',
      awardCapPence: 1_000_000,
    });
    // OS:C (Miso) uses the same cap; before the wait has passed the warning comes with the date.
    expect(check(residential({ complaint: { category: 'billing', compensationPence: 5_000_000 } }), eligibleNow, misoProfile)).toMatchObject({ status: 'eligible', awardCapPence: 1_000_000 });
    expect(check(residential({ complaint: { category: 'billing', compensationPence: 5_000_000 } }), '2026-11-01T12:00:00Z')).toMatchObject({ status: 'eligibleFrom', awardCapPence: 1_000_000 });
  });
  it('issue 22 point 2: a resolved complaint is not offered a referral; a closed or open one still is', () => {
    expect(check(residential({ status: 'resolved' }), eligibleNow)).toMatchObject({ status: 'notEligible', reason: 'resolved' });
    expect(check(residential({ status: 'closed' }), eligibleNow)).toMatchObject({ status: 'eligible' });
    expect(check(residential({ status: 'responseIssued' }), eligibleNow)).toMatchObject({ status: 'eligible' });
  });
  it('a case already referred cannot be referred again', () => {
    expect(check(residential({ referral: { schemeId: 'cisas', referredAt: '2027-01-10T10:00:00Z' } }), eligibleNow)).toMatchObject({
      status: 'notEligible',
      reason: 'alreadyReferred',
    });
  });
});

describe('Independent Assessor (Communications Ombudsman)', () => {
  const co = (over: Partial<EligibilityCase>) => residential({ stageId: 'firstStage', ...over });
  it('never by waiting, however long it has been', () => {
    expect(check(co({}), '2027-06-01T12:00:00Z', commsombudsmanProfile)).toMatchObject({ status: 'notEligible', reason: 'awaitingFinalResponse' });
  });
  it('not after a letter issued at the first stage', () => {
    const r = check(co({ letters: [{ kind: 'deadlock', issuedAt: '2027-01-04T12:00:00Z' }] }), '2027-01-05T12:00:00Z', commsombudsmanProfile);
    expect(r).toMatchObject({ status: 'notEligible', reason: 'awaitingFinalResponse' });
  });
  it('only after the second stage\'s final response, with no time limit published', () => {
    const r = check(co({ stageId: 'secondStage', letters: [{ kind: 'deadlock', issuedAt: '2027-01-04T12:00:00Z' }] }), '2029-06-01T12:00:00Z', commsombudsmanProfile);
    expect(r).toMatchObject({ status: 'eligible', basis: 'letter' });
    expect(r.scheme.id).toBe('independentAssessor');
    expect(check(co({ stageId: 'secondStage' }), '2029-06-01T12:00:00Z', commsombudsmanProfile)).toMatchObject({ reason: 'awaitingFinalResponse' });
  });
});
