import { describe, expect, it } from 'vitest';
import type { Customer } from '@/api/schemas';
import { BackOfficeApi, setCookieOf } from '@/core/http';
import type { OutgoingMail, StoredSignInCode } from '@/core/ports';
import { outboxMailer, outboxMails } from '../mail/mailer';
import { jsonLogger } from '../http/log';
import { storeForThisFile } from '../test/database';
import { makeCase } from '../test/cases';

/**
 * Issue 12 on PostgreSQL: the store's sign-in codes, rate-limit counters, organisation links and the outbox,
 * and one sign-in by code through the core over this store (the conformance suite runs the rest on MSW).
 */

const db = storeForThisFile(['cases', 'case_events', 'customers', 'sessions', 'sign_in_codes', 'rate_limits', 'outbox']);
const logLines: string[] = [];

const sam: Customer = { id: 'cus_sam', providerId: 'nasstar', kind: 'residential', name: 'Sam Taylor', email: 'Sam@Example.com', phone: '07911 123456' };

const code = (over: Partial<StoredSignInCode> = {}): StoredSignInCode => ({
  id: `code_${Math.random().toString(36).slice(2)}`,
  providerId: 'nasstar',
  email: 'sam@example.com',
  purpose: 'signIn',
  reference: null,
  codeHash: 'c'.repeat(64),
  linkHash: `l${Math.random().toString(36).slice(2)}`,
  tries: 0,
  createdAt: '2026-12-18T10:00:00.000Z',
  expiresAt: '2026-12-18T10:15:00.000Z',
  usedAt: null,
  ...over,
});

describe('sign-in codes, rate limits and organisations on PostgreSQL', () => {
  it('keeps codes by hash: the newest for an address, by link, tries updated, all of an address dropped', async () => {
    const older = code({ createdAt: '2026-12-18T09:00:00.000Z' });
    const newer = code();
    await db.store.transaction(async (tx) => {
      await tx.insertSignInCode(older);
      await tx.insertSignInCode(newer);
    });
    expect(await db.store.transaction((tx) => tx.latestSignInCode('nasstar', 'sam@example.com'))).toEqual(newer);
    expect(await db.store.transaction((tx) => tx.findSignInCodeByLink('nasstar', older.linkHash))).toEqual(older);
    expect(await db.store.transaction((tx) => tx.findSignInCodeByLink('miso', older.linkHash))).toBeNull();
    await db.store.transaction((tx) => tx.updateSignInCode({ ...newer, tries: 3 }));
    expect((await db.store.transaction((tx) => tx.latestSignInCode('nasstar', 'sam@example.com')))?.tries).toBe(3);
    await db.store.transaction((tx) => tx.deleteSignInCodes('nasstar', 'sam@example.com'));
    expect(await db.store.transaction((tx) => tx.latestSignInCode('nasstar', 'sam@example.com'))).toBeNull();
  });

  it('counts attempts in a fixed window, and starts again when it has passed', async () => {
    const at = (iso: string) => new Date(iso);
    const hit = (iso: string) => db.store.transaction((tx) => tx.hitRateLimit('k', at(iso), 15 * 60_000));
    expect(await hit('2026-12-18T10:00:00Z')).toEqual({ count: 1, resetAt: at('2026-12-18T10:15:00Z') });
    expect((await hit('2026-12-18T10:05:00Z')).count).toBe(2);
    expect(await hit('2026-12-18T10:14:59Z')).toEqual({ count: 3, resetAt: at('2026-12-18T10:15:00Z') });
    expect(await hit('2026-12-18T10:15:00Z')).toEqual({ count: 1, resetAt: at('2026-12-18T10:30:00Z') });
  });

  it('attaches guest cases of an address to the customer as their own (never an organisation’s), and ends a customer’s sessions', async () => {
    const guestCase = makeCase({ customerId: null });
    guestCase.aboutYou = { ...guestCase.aboutYou, email: ' SAM@example.com' };
    const someoneElses = makeCase({ customerId: null });
    await db.store.transaction(async (tx) => {
      await tx.insertCase(guestCase);
      await tx.insertCase(someoneElses);
      await tx.insertCustomer(sam);
      await tx.insertSession({ tokenHash: 'h1', providerId: 'nasstar', scope: { kind: 'customer', customerId: sam.id }, createdAt: '2026-12-18T10:00:00Z', lastSeenAt: '2026-12-18T10:00:00Z' });
      await tx.insertSession({ tokenHash: 'h2', providerId: 'nasstar', scope: { kind: 'customer', customerId: 'cus_other' }, createdAt: '2026-12-18T10:00:00Z', lastSeenAt: '2026-12-18T10:00:00Z' });
    });
    expect(await db.store.transaction((tx) => tx.attachGuestCases('nasstar', 'sam@example.com', sam.id))).toBe(1);
    const mine = await db.store.transaction((tx) => tx.listCases({ providerId: 'nasstar', kind: 'customer', customerId: sam.id, organisationId: null }, { sort: 'updated', limit: 10 }, new Date()));
    expect(mine.cases.map((c) => [c.reference, c.customerId, c.organisationId])).toEqual([[guestCase.reference, sam.id, null]]);
    await db.store.transaction((tx) => tx.deleteCustomerSessions('nasstar', sam.id));
    expect(await db.store.transaction((tx) => tx.findSession('h1'))).toBeNull();
    expect(await db.store.transaction((tx) => tx.findSession('h2'))).not.toBeNull();
    await db.store.transaction((tx) => tx.updateCustomer({ ...sam, organisationId: 'org_x', role: 'member' }));
    expect(await db.store.transaction((tx) => tx.findCustomerByEmail('nasstar', 'sam@example.com'))).toMatchObject({ organisationId: 'org_x', role: 'member' });
  });

  it('signs in by code through the core: the mail goes to the outbox, the log names its id only', async () => {
    await db.store.transaction((tx) => tx.insertCustomer(sam));
    const logger = jsonLogger('info', (line) => logLines.push(line));
    const api = new BackOfficeApi(
      { store: db.store, files: { put: async () => {}, get: async () => null, delete: async () => {} }, time: { now: () => new Date() }, mailer: outboxMailer(db.handle.db, logger) },
      { provider: 'nasstar', simulateProvider: false, cookieAttributes: 'Path=/; HttpOnly', publicOrigin: 'https://portal.example' },
    );
    const post = (path: string, body: unknown) =>
      api.handle(new Request(`https://portal.example/api${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }), {
        operationId: path === '/session/code' ? 'requestSignInCode' : 'verifySignInCode',
        params: {},
        clientIp: '192.0.2.1',
      });
    expect((await post('/session/code', { purpose: 'signIn', email: 'sam@example.com', lng: 'it' })).status).toBe(202);
    expect((await post('/session/code', { purpose: 'signIn', email: 'nobody@example.com' })).status).toBe(202);
    const mails = await outboxMails(db.handle.db, 'nasstar');
    expect(mails).toHaveLength(1);
    const [mail] = mails as [Omit<OutgoingMail, 'providerId'>];
    expect(mail.text).toContain('https://portal.example/sign-in?token=');
    expect(logLines.join('\n')).toContain(mail.id);
    expect(logLines.join('\n')).not.toMatch(/sam@example\.com|\b\d{6}\b/i);
    const digits = /\b(\d{6})\b/.exec(mail.text)![1]!;
    const signedIn = await post('/session', { email: 'sam@example.com', code: digits });
    expect(signedIn.status).toBe(201);
    expect(setCookieOf(signedIn)).toMatch(/^redress_session=/);
    expect((await post('/session', { email: 'sam@example.com', code: digits })).status).toBe(422);
  });
});
