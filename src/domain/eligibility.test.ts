import { addMonthsToDay, adrEligibility, type EligibilityCase } from './eligibility';
import { commsombudsmanProfile, misoProfile, nasstarProfile } from './profiles';

const at = (iso: string) => new Date(iso);
const residential = (over: Partial<EligibilityCase> = {}): EligibilityCase => ({
  // Mon 12 Oct 2026 10:00 BST.
  firstComplainedAt: '2026-10-12T09:00:00Z',
  letters: [],
  aboutYou: { customerKind: 'residential' },
  complaint: { category: 'billing' },
  referral: null,
  ...over,
});
const check = (c: EligibilityCase, now: string, profile = nasstarProfile) => adrEligibility({ profile, case: c, now: at(now) });

describe('8 weeks after the first complaint (calendar days, London)', () => {
  // Mon 12 Oct 2026 + 56 days = Mon 7 Dec 2026 (GMT by then): eligible from 00:00 on 7 Dec.
  it('the day before: eligibleFrom Mon 7 Dec 2026', () => {
    const r = check(residential(), '2026-12-06T23:59:59Z'); // Sun 6 Dec 23:59:59 GMT
    expect(r).toMatchObject({ status: 'eligibleFrom', fromDay: '2026-12-07' });
    if (r.status === 'eligibleFrom') expect(r.from.toISOString()).toBe('2026-12-07T00:00:00.000Z');
    expect(r.scheme.id).toBe('cisas');
  });
  it('the day itself: eligible from its first minute, with no time limit yet (no letter)', () => {
    const r = check(residential(), '2026-12-07T00:00:00Z');
    expect(r).toMatchObject({ status: 'eligible', basis: 'eightWeeks' });
    if (r.status === 'eligible') expect(r.deadline).toBeUndefined();
  });
  it('uses the London day of the first complaint, not the UTC day', () => {
    // 23:30 UTC on Mon 12 Oct is 00:30 BST on Tue 13 Oct → eligible from Tue 8 Dec.
    const r = check(residential({ firstComplainedAt: '2026-10-12T23:30:00Z' }), '2026-12-07T12:00:00Z');
    expect(r).toMatchObject({ status: 'eligibleFrom', fromDay: '2026-12-08' });
  });
  it('a deadlock letter makes the customer eligible before 8 weeks', () => {
    const r = check(residential({ letters: [{ kind: 'deadlock', issuedAt: '2026-11-02T12:00:00Z' }] }), '2026-11-03T12:00:00Z');
    expect(r).toMatchObject({ status: 'eligible', basis: 'letter', deadlineDay: '2027-11-02' });
  });
  it('a letter dated in the future (clock skew) is ignored', () => {
    const r = check(residential({ letters: [{ kind: 'deadlock', issuedAt: '2026-11-05T12:00:00Z' }] }), '2026-11-03T12:00:00Z');
    expect(r.status).toBe('eligibleFrom');
  });
});

describe('12 months after the letter', () => {
  // Letter issued Thu 10 Jun 2027 23:30 UTC = Fri 11 Jun 2027 00:30 BST → last day Sun 11 Jun 2028 (BST).
  const withLetter = residential({ letters: [{ kind: 'adr8Weeks', issuedAt: '2027-06-10T23:30:00Z' }] });
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
        { kind: 'adr8Weeks', issuedAt: '2026-12-07T10:00:00Z' },
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
  it('claims up to £10,000 are accepted; £10,000.01 is not', () => {
    expect(check(residential({ complaint: { category: 'billing', compensationPence: 1_000_000 } }), eligibleNow).status).toBe('eligible');
    expect(check(residential({ complaint: { category: 'billing', compensationPence: 1_000_001 } }), eligibleNow)).toMatchObject({
      status: 'notEligible',
      reason: 'claimTooLarge',
      claimCapPence: 1_000_000,
    });
    // OS:C (Miso) uses the same cap.
    expect(check(residential({ complaint: { category: 'billing', compensationPence: 1_000_001 } }), eligibleNow, misoProfile)).toMatchObject({ reason: 'claimTooLarge' });
  });
  it('a case already referred cannot be referred again', () => {
    expect(check(residential({ referral: { schemeId: 'cisas', referredAt: '2027-01-10T10:00:00Z' } }), eligibleNow)).toMatchObject({
      status: 'notEligible',
      reason: 'alreadyReferred',
    });
  });
});

describe('Independent Assessor (Communications Ombudsman)', () => {
  it('only after the final response, however long it has been', () => {
    expect(check(residential(), '2027-06-01T12:00:00Z', commsombudsmanProfile)).toMatchObject({ status: 'notEligible', reason: 'awaitingFinalResponse' });
    const r = check(residential({ letters: [{ kind: 'deadlock', issuedAt: '2027-01-04T12:00:00Z' }] }), '2029-06-01T12:00:00Z', commsombudsmanProfile);
    expect(r).toMatchObject({ status: 'eligible', basis: 'letter' });
    expect(r.scheme.id).toBe('independentAssessor');
  });
});
