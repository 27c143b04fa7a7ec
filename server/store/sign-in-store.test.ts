import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Customer } from '@/api/schemas';
import { BackOfficeApi, setCookiesOf } from '@/core/http';
import type { OutgoingMail, StoredSignInCode } from '@/core/ports';
import { signInScope } from '@/core/visibility';
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
  it('keeps codes by hash: the newest for an address, by link, tries counted on the live ones, all of an address dropped', async () => {
    const older = code({ createdAt: '2026-12-18T09:00:00.000Z' });
    const newer = code();
    await db.store.transaction(async (tx) => {
      await tx.insertSignInCode(older);
      await tx.insertSignInCode(newer);
    });
    expect(await db.store.transaction((tx) => tx.latestSignInCode('nasstar', 'sam@example.com'))).toEqual(newer);
    expect(await db.store.transaction((tx) => tx.findSignInCodeByLink('nasstar', older.linkHash))).toEqual(older);
    expect(await db.store.transaction((tx) => tx.findSignInCodeByLink('miso', older.linkHash))).toBeNull();
    const now = new Date('2026-12-18T10:05:00.000Z');
    const counted = await db.store.transaction((tx) => tx.countSignInCodeTry('nasstar', 'sam@example.com', now, 5));
    expect(counted.map((c) => [c.id, c.tries]).sort()).toEqual([[older.id, 1], [newer.id, 1]].sort());
    // An expired code, or one with its tries used up, is not counted (nor returned).
    expect(await db.store.transaction((tx) => tx.countSignInCodeTry('nasstar', 'sam@example.com', new Date('2026-12-18T10:15:00.000Z'), 5))).toEqual([]);
    expect(await db.store.transaction((tx) => tx.countSignInCodeTry('nasstar', 'sam@example.com', now, 1))).toEqual([]);
    expect((await db.store.transaction((tx) => tx.latestSignInCode('nasstar', 'sam@example.com')))?.tries).toBe(1);
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
      tx.actFor({ providerId: 'nasstar', kind: 'provider' });
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
    // Sam changes their own record; a sign-in lookup for their address finds it (as the policies let each: migration 0100).
    await db.store.transaction((tx) => {
      tx.actFor({ providerId: 'nasstar', kind: 'customer', customerId: sam.id, organisationId: null });
      return tx.updateCustomer({ ...sam, organisationId: 'org_x', role: 'member' });
    });
    expect(
      await db.store.transaction((tx) => {
        tx.actFor(signInScope('nasstar', ' Sam@Example.com'));
        return tx.findCustomerByEmail('nasstar', 'sam@example.com');
      }),
    ).toMatchObject({ organisationId: 'org_x', role: 'member' });
  });

  it('issue 20.2: 40 wrong codes sent at once get at most 5 checked; the right code is refused after', async () => {
    await db.store.transaction((tx) => {
      tx.actFor({ providerId: 'nasstar', kind: 'provider' });
      return tx.insertCustomer(sam);
    });
    const mails: OutgoingMail[] = [];
    const api = new BackOfficeApi(
      { store: db.store, files: { put: async () => {}, get: async () => null, delete: async () => {}, list: async function* () { yield* []; } }, time: { now: () => new Date() }, mailer: { send: async (m) => void mails.push(m) }, secret: 's'.repeat(32) },
      { provider: 'nasstar', simulateProvider: false, cookieFlags: { httpOnly: true, secure: false } },
    );
    const post = (operationId: 'requestSignInCode' | 'verifySignInCode', body: unknown, ip: string) =>
      api.handle(new Request('https://portal.example/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }), { operationId, params: {}, clientIp: ip });
    expect((await post('requestSignInCode', { purpose: 'signIn', email: 'sam@example.com' }, '192.0.2.1')).status).toBe(202);
    const right = /\b(\d{6})\b/.exec(mails[0]!.text)![1]!;
    const wrong = right === '000000' ? '111111' : '000000';
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => post('verifySignInCode', { email: 'sam@example.com', code: wrong }, `198.51.100.${i}`).then(async (r) => ((await r.json()) as { code: string }).code)),
    );
    // A check that found the code with tries left answers codeInvalid (the first four) or codeTooManyTries (the fifth).
    expect(answers.filter((c) => c === 'codeInvalid')).toHaveLength(4);
    expect(answers.filter((c) => c === 'codeTooManyTries')).toHaveLength(36);
    expect((await db.store.transaction((tx) => tx.latestSignInCode('nasstar', 'sam@example.com')))?.tries).toBe(5);
    const late = await post('verifySignInCode', { email: 'sam@example.com', code: right }, '192.0.2.1');
    expect([late.status, ((await late.json()) as { code: string }).code]).toEqual([422, 'codeTooManyTries']);
  });

  it('issue 20.7: codes and links are stored as an HMAC with the server secret, not a hash anyone can recompute', async () => {
    await db.store.transaction((tx) => {
      tx.actFor({ providerId: 'nasstar', kind: 'provider' });
      return tx.insertCustomer(sam);
    });
    const mails: OutgoingMail[] = [];
    const withSecret = (secret: string) =>
      new BackOfficeApi(
        { store: db.store, files: { put: async () => {}, get: async () => null, delete: async () => {}, list: async function* () { yield* []; } }, time: { now: () => new Date() }, mailer: { send: async (m) => void mails.push(m) }, secret },
        { provider: 'nasstar', simulateProvider: false, cookieFlags: { httpOnly: true, secure: false } },
      );
    const post = (api: BackOfficeApi, operationId: 'requestSignInCode' | 'verifySignInCode', body: unknown) =>
      api.handle(new Request('https://portal.example/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }), { operationId, params: {}, clientIp: '192.0.2.1' });
    const api = withSecret('a'.repeat(32));
    await post(api, 'requestSignInCode', { purpose: 'signIn', email: 'sam@example.com' });
    const digits = /\b(\d{6})\b/.exec(mails[0]!.text)![1]!;
    const token = /token=([A-Z0-9]+)/.exec(mails[0]!.text)![1]!;
    const stored = (await db.store.transaction((tx) => tx.latestSignInCode('nasstar', 'sam@example.com')))!;
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    // Whoever reads the table cannot try the million codes against it without the secret.
    expect([sha(`${stored.id}:${digits}`), sha(digits)]).not.toContain(stored.codeHash);
    expect(stored.codeHash).toBe(createHmac('sha256', 'a'.repeat(32)).update(`code:${stored.id}:${digits}`).digest('hex'));
    expect(stored.linkHash).toBe(createHmac('sha256', 'a'.repeat(32)).update(`link:${token}`).digest('hex'));
    // Another server's secret: the same code does not check out (a try is counted), this server's does.
    expect((await post(withSecret('b'.repeat(32)), 'verifySignInCode', { email: 'sam@example.com', code: digits })).status).toBe(422);
    expect((await post(api, 'verifySignInCode', { email: 'sam@example.com', code: digits })).status).toBe(201);
    // Rate-limit keys name neither the address nor the IP.
    const keys = (await db.handle.db.selectFrom('rate_limits').select('key').execute()).map((r) => r.key).join(' ');
    expect(keys).not.toMatch(/sam@example\.com|192\.0\.2\.1/);
    expect(keys).not.toContain(sha('sam@example.com'));
  });

  it('signs in by code through the core: the mail goes to the outbox, the log names its id only', async () => {
    await db.store.transaction((tx) => {
      tx.actFor({ providerId: 'nasstar', kind: 'provider' });
      return tx.insertCustomer(sam);
    });
    const logger = jsonLogger('info', (line) => logLines.push(line));
    const api = new BackOfficeApi(
      { store: db.store, files: { put: async () => {}, get: async () => null, delete: async () => {}, list: async function* () { yield* []; } }, time: { now: () => new Date() }, mailer: outboxMailer(db.handle.db, logger) },
      { provider: 'nasstar', simulateProvider: false, cookieFlags: { httpOnly: true, secure: false }, publicOrigin: 'https://portal.example' },
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
    expect(setCookiesOf(signedIn)[0]).toMatch(/^redress_session=/);
    expect((await post('/session', { email: 'sam@example.com', code: digits })).status).toBe(422);
  });

  it('lists the outbox newest first; of two mails stamped in the same millisecond, the one written last (migration 0101)', async () => {
    const mailer = outboxMailer(db.handle.db, jsonLogger('error', () => {}));
    const mail = (id: string, sentAt: string): OutgoingMail => ({ id, providerId: 'nasstar', to: 'sam@example.com', subject: id, text: id, lng: 'en', sentAt });
    // Written in this order: an older one, then three in one millisecond, the middle id the greatest (not by id).
    for (const m of [mail('mail_old', '2026-12-18T10:00:00.000Z'), mail('mail_b', '2026-12-18T10:00:01.000Z'), mail('mail_z', '2026-12-18T10:00:01.000Z'), mail('mail_a', '2026-12-18T10:00:01.000Z')]) {
      await mailer.send(m);
    }
    expect((await outboxMails(db.handle.db, 'nasstar')).map((m) => m.id)).toEqual(['mail_a', 'mail_z', 'mail_b', 'mail_old']);
  });
});
