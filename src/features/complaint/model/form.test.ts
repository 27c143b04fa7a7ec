import { describe, expect, it } from 'vitest';
import { aboutYouResolverSchema, complaintResolverSchema, emptyAboutYou, emptyCall, emptyComplaint, emptyEvidence, evidenceResolverSchema, parseAmountToPence, prefillAboutYou, toSubmission, type AboutYouForm } from './form';
import { newDraft } from './draft';
import { nextStep, previousStep, stepNumber } from './steps';

/** The first message per path, as zodResolver shows it. */
const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): Record<string, string> =>
  Object.fromEntries((r.error?.issues ?? []).map((i): [string, string] => [i.path.join('.'), i.message]).reverse());

const validAbout = (): AboutYouForm => ({ ...emptyAboutYou(), customerKind: 'residential', name: 'Jo Bloggs', email: 'jo@example.com', phone: '020 7946 0018', replyBy: 'email' });

describe('about you', () => {
  it('reports every problem at once, including the cross-field ones', () => {
    const r = aboutYouResolverSchema().safeParse({ ...emptyAboutYou(), email: 'nope', phone: '12345', replyBy: 'letter', customerKind: 'business' });
    expect(paths(r)).toMatchObject({ name: 'required', email: 'invalidEmail', phone: 'invalidPhone', employees: 'required', 'address.line1': 'addressForLetter' });
  });
  it('turns typed text into the API shape', () => {
    const r = aboutYouResolverSchema().safeParse({ ...validAbout(), customerKind: 'business', employees: ' 8 ', organisation: 'Harbour Lane', hasRepresentative: 'no', representative: { name: 'x', relationship: 'y' } });
    expect(r.success).toBe(true);
    expect(r.data).toMatchObject({ customerKind: 'business', employees: 8, organisation: 'Harbour Lane' });
    expect(r.data?.representative).toBeUndefined();
    expect(r.data?.address).toBeUndefined();
  });
  it('rejects a non-number of employees', () => {
    expect(paths(aboutYouResolverSchema().safeParse({ ...validAbout(), customerKind: 'business', employees: 'eight' }))).toMatchObject({ employees: 'invalidNumber' });
  });
  it('prefills a signed-in customer without overwriting what was typed', () => {
    const customer = { id: 'c1', providerId: 'nasstar' as const, kind: 'residential' as const, name: 'Sam Taylor', email: 'sam@example.com', phone: '020 7946 0018' };
    expect(prefillAboutYou(emptyAboutYou(), customer)).toMatchObject({ name: 'Sam Taylor', email: 'sam@example.com', customerKind: 'residential' });
    expect(prefillAboutYou({ ...emptyAboutYou(), name: 'Typed' }, customer).name).toBe('Typed');
  });
});

describe('complaint details', () => {
  const now = () => new Date('2026-11-23T12:00:00Z');
  it('reads dates and amounts typed the English or Italian way', () => {
    const r = complaintResolverSchema(now).safeParse({ ...emptyComplaint(), category: 'billing', summary: 's', whatHappened: 'w', outcomeWanted: 'o', startedOn: { day: '3', month: '11', year: '2026' }, compensationPence: '25,50' });
    expect(r.data).toMatchObject({ startedOn: '2026-11-03', compensationPence: 2550 });
    expect(parseAmountToPence('£1,200.5')).toBe(120050);
    expect(parseAmountToPence('')).toBeUndefined();
    expect(parseAmountToPence('abc')).toBeNaN();
  });
  it('refuses impossible and future dates', () => {
    const base = { ...emptyComplaint(), category: 'billing' as const, summary: 's', whatHappened: 'w', outcomeWanted: 'o' };
    expect(paths(complaintResolverSchema(now).safeParse({ ...base, startedOn: { day: '31', month: '2', year: '2026' } }))).toMatchObject({ startedOn: 'invalidDate' });
    expect(paths(complaintResolverSchema(now).safeParse({ ...base, startedOn: { day: '1', month: '1', year: '2027' } }))).toMatchObject({ startedOn: 'dateInFuture' });
    expect(paths(complaintResolverSchema(now).safeParse({ ...base, category: '' }))).toHaveProperty('category');
  });
});

describe('evidence', () => {
  const now = () => new Date('2026-11-23T12:00:00Z');
  it('stores calls as instants in the provider time zone and checks the number', () => {
    const ok = evidenceResolverSchema('Europe/London', now).safeParse({
      ...emptyEvidence(),
      calls: [{ at: { day: '1', month: '7', year: '2026', time: '14.30' }, fromNumber: '+39 06 1234 5678', spokeTo: '', whatWasSaid: 'refund' }],
    });
    expect(ok.success).toBe(true);
    expect(new Date(ok.data!.calls[0]!.at).toISOString()).toBe('2026-07-01T13:30:00.000Z');
    const bad = evidenceResolverSchema('Europe/London', now).safeParse({ ...emptyEvidence(), calls: [emptyCall()] });
    expect(paths(bad)).toMatchObject({ 'calls.0.at': 'invalidDateTime', 'calls.0.fromNumber': 'required', 'calls.0.whatWasSaid': 'required' });
  });
});

describe('submission and steps', () => {
  it('builds a submission the contract accepts from a complete draft', () => {
    const draft = {
      ...newDraft('abuseReport'),
      aboutYou: validAbout(),
      complaint: { ...emptyComplaint(), category: 'other' as const, summary: 'Phishing', whatHappened: 'w', outcomeWanted: 'o', startedOn: { day: '1', month: '11', year: '2026' } },
      attachments: [{ id: 'a1', name: 'x.pdf', kind: 'pdf' as const, size: 10, uploadedAt: '2026-11-20T10:00:00Z' }],
    };
    const r = toSubmission(draft, 'Europe/London');
    expect(r.success).toBe(true);
    expect(r.data).toMatchObject({ kind: 'abuseReport', evidence: { attachmentIds: ['a1'] } });
    expect(toSubmission(newDraft(), 'Europe/London').success).toBe(false);
  });
  it('orders the four steps', () => {
    expect(stepNumber('about-you')).toBe(1);
    expect(stepNumber('check')).toBe(4);
    expect(nextStep('evidence')).toBe('check');
    expect(previousStep('about-you')).toBeNull();
    expect(previousStep('complaint')).toBe('about-you');
  });
});
