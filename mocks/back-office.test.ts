import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiRequest, ApiError } from '@/api/client';
import {
  caseListResponseSchema,
  caseResponseSchema,
  letterSchema,
  sessionSchema,
  timelineResponseSchema,
  type ComplaintSubmission,
} from '@/api/schemas';
import { sessionHint } from '@/lib/session-hint';
import { db, memoryPersistence } from './db';
import { clearFaults, injectFaults } from './faults';
import { server } from './node';

// Node has no localStorage: the session token is kept in memory for these tests.
let token: string | null = null;
sessionHint.get = () => token;
sessionHint.set = (value) => {
  token = value;
};

const NOW = '2026-12-18T10:00:00.000Z';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(async () => {
  await db.open(memoryPersistence());
  await db.reset();
  db.state.frozenAt = NOW;
  token = null;
});
afterEach(() => {
  server.resetHandlers();
  clearFaults();
});

async function signIn(email: string) {
  const session = await apiRequest('/session', { method: 'POST', body: { email }, schema: sessionSchema });
  token = session.token;
  return session;
}

const submission: ComplaintSubmission = {
  kind: 'complaint',
  aboutYou: { customerKind: 'residential', name: 'Zoë Ğüneş 🙂', email: 'zoe@example.com', phone: '07911 654321', replyBy: 'email' },
  complaint: {
    category: 'billing',
    summary: 'Charged for a cancelled line',
    whatHappened: 'I cancelled in October and was still charged.',
    startedOn: '2026-10-01',
    outcomeWanted: 'A refund',
  },
  evidence: { references: [{ reference: 'TCK-1' }], staff: [], calls: [], emails: [], attachmentIds: [] },
};

describe('simulated back office', () => {
  it('seeds a small business with cases at every stage, one past 8 weeks with no ADR letter', async () => {
    await signIn('priya@harbourlane.example');
    const list = await apiRequest('/cases', { schema: caseListResponseSchema });
    expect(list.asOf).toBe(NOW);
    expect(list.cases.length).toBeGreaterThanOrEqual(8);
    const statuses = new Set(list.cases.map((c) => c.status));
    expect(statuses.size).toBeGreaterThanOrEqual(4);
    const eightWeeksAgo = Date.parse(NOW) - 56 * 86_400_000;
    expect(list.cases.some((c) => Date.parse(c.firstComplainedAt) < eightWeeksAgo && c.letters.length === 0)).toBe(true);
    expect(list.cases.every((c) => /^NAS-\d{4}-[0-9A-Z]{8}$/.test(c.reference))).toBe(true);
  });

  it('creates exactly one case for a repeated Idempotency-Key and replays the first answer', async () => {
    const key = 'draft_0123456789abcdef';
    const first = await apiRequest('/cases', { method: 'POST', body: submission, schema: caseResponseSchema, idempotencyKey: key });
    const again = await apiRequest('/cases', { method: 'POST', body: submission, schema: caseResponseSchema, idempotencyKey: key });
    expect(again.case.reference).toBe(first.case.reference);
    expect(Object.values(db.state.cases).filter((c) => c.aboutYou.email === 'zoe@example.com')).toHaveLength(1);
    expect(first.case.aboutYou.name).toBe('Zoë Ğüneş 🙂');
  });

  it('retries a dropped connection and a 500 with the same key: still one case', async () => {
    injectFaults('submitComplaint', ['dropAfterStore', '500']);
    const result = await apiRequest('/cases', { method: 'POST', body: submission, schema: caseResponseSchema, idempotencyKey: 'draft_fedcba9876543210' });
    expect(result.case.status).toBe('submitted');
    expect(Object.values(db.state.cases).filter((c) => c.aboutYou.email === 'zoe@example.com')).toHaveLength(1);
  });

  it('answers a bad submission with problem+json and field errors', async () => {
    const bad = { ...submission, aboutYou: { ...submission.aboutYou, email: 'not-an-email', phone: '123' } };
    const error = await apiRequest('/cases', { method: 'POST', body: bad, schema: caseResponseSchema, idempotencyKey: 'draft_badbadbadbadbad1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(422);
    expect(apiError.fieldErrors).toMatchObject({ 'aboutYou.email': 'invalidEmail', 'aboutYou.phone': 'invalidPhone' });
  });

  it("returns 404 for another customer's case and 401 when signed out", async () => {
    await signIn('priya@harbourlane.example');
    const mine = await apiRequest('/cases', { schema: caseListResponseSchema });
    const reference = mine.cases[0]!.reference;
    await signIn('sam.taylor@example.com');
    await expect(apiRequest(`/cases/${reference}`, { schema: caseResponseSchema })).rejects.toMatchObject({ status: 404 });
    await expect(apiRequest(`/cases/${reference}/timeline`, { schema: timelineResponseSchema })).rejects.toMatchObject({ status: 404 });
    token = null;
    await expect(apiRequest(`/cases/${reference}`, { schema: caseResponseSchema })).rejects.toMatchObject({ status: 401 });
  });

  it('acknowledges a Nasstar complaint within 2 working days as the mock clock moves', async () => {
    const created = await apiRequest('/cases', { method: 'POST', body: submission, schema: caseResponseSchema, idempotencyKey: 'draft_clockclockclock1' });
    const guest = await apiRequest('/session/guest', { method: 'POST', body: { reference: created.case.reference, email: 'zoe@example.com' }, schema: sessionSchema });
    token = guest.token;
    db.state.frozenAt = '2026-12-22T18:00:00.000Z'; // Tue 22 Dec, after the 2-working-day acknowledgement
    const later = await apiRequest(`/cases/${created.case.reference}`, { schema: caseResponseSchema });
    expect(later.case.status).toBe('acknowledged');
    const timeline = await apiRequest(`/cases/${created.case.reference}/timeline`, { schema: timelineResponseSchema });
    expect(timeline.events.map((e) => e.type)).toEqual(['submitted', 'acknowledged']);
  });

  it('refuses an upload whose content is an executable, whatever its name', async () => {
    const form = new FormData();
    form.set('file', new File([new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 3, 0, 0, 0, 4, 0])], 'invoice.pdf', { type: 'application/pdf' }));
    const error = await apiRequest('/attachments', { method: 'POST', form, schema: null }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 422, fieldErrors: { file: 'notAllowedType' } });
  });
});

describe('letters', () => {
  it('issues the 8-week ADR letter without closing the case, and refuses it before 8 weeks', async () => {
    await signIn('priya@harbourlane.example');
    const list = await apiRequest('/cases', { schema: caseListResponseSchema });
    const eightWeeksAgo = Date.parse(NOW) - 56 * 86_400_000;
    const overdue = list.cases.find((c) => Date.parse(c.firstComplainedAt) < eightWeeksAgo && c.letters.length === 0)!;
    const recent = list.cases.find((c) => Date.parse(c.firstComplainedAt) > eightWeeksAgo && c.letters.length === 0 && c.status !== 'resolved')!;
    const letter = await apiRequest(`/cases/${overdue.reference}/deadlock-letter`, { method: 'POST', body: { kind: 'adr8Weeks' }, schema: letterSchema });
    expect(letter.kind).toBe('adr8Weeks');
    const after = await apiRequest(`/cases/${overdue.reference}`, { schema: caseResponseSchema });
    expect(after.case.status).not.toBe('deadlock');
    await expect(
      apiRequest(`/cases/${recent.reference}/deadlock-letter`, { method: 'POST', body: { kind: 'adr8Weeks' }, schema: letterSchema }),
    ).rejects.toMatchObject({ status: 409, code: 'tooEarlyForAdrLetter' });
    const deadlock = await apiRequest(`/cases/${recent.reference}/deadlock-letter`, { method: 'POST', body: {}, schema: letterSchema });
    expect(deadlock.kind).toBe('deadlock');
  });
});

describe('referral', () => {
  it('refuses a referral the ADR rules do not allow yet, and accepts one after a deadlock letter', async () => {
    await signIn('priya@harbourlane.example');
    const list = await apiRequest('/cases', { schema: caseListResponseSchema });
    const recent = list.cases.find((c) => c.status === 'submitted' && c.letters.length === 0 && c.kind === 'complaint' && Date.parse(NOW) - Date.parse(c.firstComplainedAt) < 30 * 86_400_000)!;
    await expect(
      apiRequest(`/cases/${recent.reference}/referral`, { method: 'POST', body: { schemeId: 'cisas', confirmed: true }, schema: caseResponseSchema }),
    ).rejects.toMatchObject({ status: 409, code: 'notEligibleForAdr' });
    await apiRequest(`/cases/${recent.reference}/deadlock-letter`, { method: 'POST', body: { kind: 'deadlock' }, schema: letterSchema });
    const referred = await apiRequest(`/cases/${recent.reference}/referral`, { method: 'POST', body: { schemeId: 'cisas', confirmed: true }, schema: caseResponseSchema });
    expect(referred.case.referral?.schemeId).toBe('cisas');
  });
});
