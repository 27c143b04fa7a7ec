import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashProviderKey, newProviderKey } from '@/core/provider-api';
import type { BackOfficeDeps, OutgoingMail } from '@/core/ports';
import { createStaff } from '@/core/staff';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { coreApi } from '../core-api';
import type { DatabaseHandle } from '../db/connect';
import { jsonLogger } from '../http/log';
import { createIntegration } from '../store/pg-provider';
import { PgStore } from '../store/pg-store';
import { makeCase, makeEvent } from '../test/cases';
import { openTestDatabase } from '../test/database';
import { isForbiddenAddress, type AddressPolicy, type Resolver } from './address';
import { WebhookDispatcher, nodeSender, type Sender } from './dispatcher';
import { pgIntegrations } from './integrations';
import { webhookAddressCheck } from './registry';
import { verifyRedressWebhook } from './verify-example';

/** Issue 25: signed webhooks — registration without SSRF, signatures checked by the documented sample, order per case through an hour's outage. */

let handle: DatabaseHandle;
let app: ReturnType<typeof createApp>;
let key: string;
let store: PgStore;
const mails: OutgoingMail[] = [];
/** Names the tests resolve: a public one, and a public-looking name that points into a private network. */
const dns: Record<string, string[]> = { 'hooks.example.com': ['93.184.216.34'], 'sneaky.example.com': ['93.184.216.35', '10.0.0.7'], 'meta.example.com': ['169.254.169.254'] };
const resolve: Resolver = async (host) => {
  const found = dns[host];
  if (!found) throw new Error('ENOTFOUND');
  return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};
const policy: AddressPolicy = { allowLoopback: true, resolve };

beforeAll(async () => {
  handle = await openTestDatabase();
  store = new PgStore(handle.db);
  const deps: BackOfficeDeps = {
    store,
    files: { put: async () => undefined, get: async () => null, delete: async () => undefined, list: async function* () { yield* []; } },
    time: { now: () => new Date() },
    mailer: { send: async (mail) => void mails.push(mail) },
    webhookAddressCheck: webhookAddressCheck(policy),
    integrations: pgIntegrations,
  };
  app = createApp({ api: coreApi(deps, loadConfig({ COOKIE_SECURE: 'false', LOG_LEVEL: 'silent' })), ping: async () => true, distDir: null, securityHeaders: {}, logger: jsonLogger('silent') });
  key = newProviderKey();
  await createIntegration(handle.db, { providerId: 'nasstar', name: 'Hooks', keyHash: await hashProviderKey(key) });
}, 60_000);

afterAll(async () => {
  await handle?.close();
});

let keySeq = 0;
const call = (path: string, init: { method?: string; body?: unknown } = {}) =>
  app.request(`http://localhost/provider-api${path}`, {
    method: init.method ?? 'GET',
    headers: {
      Authorization: `Bearer ${key}`,
      ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(init.method === 'POST' ? { 'Idempotency-Key': `hook-test-${String(keySeq++).padStart(8, '0')}` } : {}),
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });

async function register(url: string, events: string[] = ['*']) {
  return call('/webhooks', { method: 'POST', body: { url, events } });
}

/** A receiver on 127.0.0.1 that records what arrives (raw body and headers) and can be "down". */
async function receiver() {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  let down = false;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      if (down) {
        res.writeHead(503).end();
        return;
      }
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    setDown: (value: boolean) => (down = value),
    close: () => new Promise((done) => server.close(done)),
  };
}

async function addCase(reference: string, events: number) {
  const at = new Date(Date.now() - 3_600_000).toISOString();
  await store.transaction(async (tx) => {
    await tx.insertCase(makeCase({ reference, customerId: 'cus_hooks', stageStartedAt: at, firstComplainedAt: at, updatedAt: at }));
  });
  for (let i = 0; i < events; i++) {
    // Each event in a unit of work of its own, under the provider's scope (as the provider API writes them).
    await store.transaction(async (tx) => {
      await tx.findCase({ providerId: 'nasstar', kind: 'provider' }, reference);
      await tx.appendEvents(reference, [makeEvent(Number(reference.slice(-3)) * 100 + i, { type: i === 0 ? 'submitted' : 'comment', at, text: `${reference} #${i}` })]);
    });
  }
}

describe('issue 25: signed webhooks', () => {
  it('refuses to register plain http, private, loopback, link-local and metadata addresses — and a public name that resolves to one', async () => {
    const refused = async (url: string) => {
      const res = await register(url);
      expect(res.status, url).toBe(422);
      return ((await res.json()) as { errors: { path: string; code: string }[] }).errors[0];
    };
    expect(await refused('http://hooks.example.com/in')).toEqual({ path: 'url', code: 'httpsRequired' });
    for (const url of ['https://10.0.0.5/in', 'https://192.168.1.2/', 'https://172.16.9.9/', 'https://169.254.169.254/latest/meta-data', 'https://[::1]/', 'https://[fd00::1]/', 'https://100.64.0.1/', 'https://meta.example.com/', 'https://sneaky.example.com/']) {
      expect(await refused(url)).toEqual({ path: 'url', code: 'privateAddress' });
    }
    expect(await refused('https://nowhere.invalid/')).toEqual({ path: 'url', code: 'unresolvable' });
    for (const a of ['127.0.0.1', '10.1.2.3', '169.254.169.254', '::1', 'fe80::1', '::ffff:10.0.0.1', 'fd00:ec2::254']) expect(isForbiddenAddress(a), a).toBe(true);
    for (const a of ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946']) expect(isForbiddenAddress(a), a).toBe(false);
  });

  it('registers an https endpoint, shows its secret once, lists and removes it', async () => {
    const created = await register('https://hooks.example.com/redress', ['comment', 'resolutionAccepted']);
    expect(created.status).toBe(201);
    const { webhook, secret } = (await created.json()) as { webhook: { id: string; events: string[] }; secret: string };
    expect(secret).toMatch(/^whsec_/);
    expect(webhook.events).toEqual(['comment', 'resolutionAccepted']);
    const listed = await (await call('/webhooks')).text();
    expect(listed).toContain(webhook.id);
    expect(listed).not.toContain(secret);
    expect((await call(`/webhooks/${webhook.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(`/webhooks/${webhook.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('delivers signed events that the documented sample code verifies; a changed body does not verify', async () => {
    const hook = await receiver();
    try {
      const created = (await (await register(hook.url)).json()) as { webhook: { id: string }; secret: string };
      const dispatcher = new WebhookDispatcher({ db: handle.db as unknown as Kysely<unknown>, policy });
      await addCase('NAS-2026-HOOK101', 2);
      await dispatcher.runOnce();
      await dispatcher.runOnce();
      const mine = hook.received.filter((r) => r.body.includes('NAS-2026-HOOK101'));
      expect(mine).toHaveLength(2);
      for (const r of mine) {
        const headers = { 'redress-timestamp': String(r.headers['redress-timestamp']), 'redress-signature': String(r.headers['redress-signature']) };
        expect(verifyRedressWebhook(created.secret, headers, r.body)).toBe(true);
        expect(verifyRedressWebhook(created.secret, headers, r.body.replace('HOOK101', 'HOOK102'))).toBe(false);
        expect(verifyRedressWebhook('whsec_wrong', headers, r.body)).toBe(false);
        expect(r.headers['redress-event-id']).toBe((JSON.parse(r.body) as { id: string }).id);
      }
      await call(`/webhooks/${created.webhook.id}`, { method: 'DELETE' });
    } finally {
      await hook.close();
    }
  });

  it('a receiver down for an hour gets every event after, once each, in order per case', async () => {
    const hook = await receiver();
    let now = Date.now();
    try {
      const created = (await (await register(hook.url)).json()) as { webhook: { id: string } };
      const dispatcher = new WebhookDispatcher({ db: handle.db as unknown as Kysely<unknown>, policy, now: () => new Date(now) });
      // Whatever came before this endpoint existed is fanned out to it too: start from an empty receiver.
      await dispatcher.runOnce();
      hook.received.length = 0;
      hook.setDown(true);
      await addCase('NAS-2026-HOOK201', 4);
      await addCase('NAS-2026-HOOK202', 3);
      for (let minute = 0; minute <= 60; minute += 5) {
        now += 5 * 60_000;
        await dispatcher.runOnce();
      }
      expect(hook.received).toHaveLength(0);
      hook.setDown(false);
      for (let i = 0; i < 20; i++) {
        now += 60 * 60_000;
        await dispatcher.runOnce();
      }
      const texts = (ref: string) => hook.received.map((r) => JSON.parse(r.body) as { reference: string; event: { text?: string } }).filter((p) => p.reference === ref).map((p) => p.event.text);
      expect(texts('NAS-2026-HOOK201')).toEqual(['NAS-2026-HOOK201 #0', 'NAS-2026-HOOK201 #1', 'NAS-2026-HOOK201 #2', 'NAS-2026-HOOK201 #3']);
      expect(texts('NAS-2026-HOOK202')).toEqual(['NAS-2026-HOOK202 #0', 'NAS-2026-HOOK202 #1', 'NAS-2026-HOOK202 #2']);
      // The body: the event with its id, type, case and feed position (seq as text, as the provider API's feed gives it).
      for (const r of hook.received) {
        const body = JSON.parse(r.body) as { id: string; type: string; reference: string; seq: unknown; event: { id: string; type: string } };
        expect(Object.keys(body).sort()).toEqual(['event', 'id', 'reference', 'seq', 'type']);
        expect([body.id, body.type]).toEqual([body.event.id, body.event.type]);
        expect(body.seq).toMatch(/^\d+$/);
      }
      await call(`/webhooks/${created.webhook.id}`, { method: 'DELETE' });
    } finally {
      await hook.close();
    }
  });

  it('an endpoint that fails 50 deliveries in a row is disabled with the reason, and a manager sees it so on the integrations page, with the failed deliveries, and can send one again', async () => {
    const hook = await receiver();
    let now = Date.now();
    try {
      const created = (await (await register(hook.url)).json()) as { webhook: { id: string } };
      const id = created.webhook.id;
      const dispatcher = new WebhookDispatcher({ db: handle.db as unknown as Kysely<unknown>, policy, now: () => new Date(now) });
      await dispatcher.runOnce();
      hook.received.length = 0;
      hook.setDown(true);
      // 50 cases, one event each: one delivery per case is due each run (order per case holds back nothing here).
      for (let n = 0; n < 25; n++) await addCase(`NAS-2026-HOOK${String(300 + n)}`, 1);
      const endpoint = async () => (await handle.db.selectFrom('webhook_endpoints' as never).selectAll().where('id' as never, '=', id as never).executeTakeFirstOrThrow()) as unknown as { enabled: boolean; consecutive_failures: number; disabled_reason: string | null };
      await dispatcher.runOnce();
      expect(await endpoint()).toMatchObject({ enabled: true, consecutive_failures: 25, disabled_reason: null });
      now += 2 * 60_000;
      await dispatcher.runOnce();
      // The 25 retried: the 50th failure in a row disables it.
      const afterTwoRuns = await endpoint();
      expect(afterTwoRuns.consecutive_failures).toBe(50);
      expect(afterTwoRuns).toMatchObject({ enabled: false, disabled_reason: '50 failed deliveries in a row' });
      // Disabled: nothing more is sent to it, however long the receiver is down.
      const attempts = async () => await handle.db.selectFrom('webhook_deliveries' as never).select((eb) => eb.fn.sum<string>('attempts' as never).as('n')).where('endpoint_id' as never, '=', id as never).executeTakeFirstOrThrow();
      const before = Number((await attempts()).n);
      now += 60 * 60_000;
      await dispatcher.runOnce();
      expect(Number((await attempts()).n)).toBe(before);

      // A manager signs in to the staff workspace and sees it disabled, with its failures in a row.
      await store.transaction((tx) => {
        tx.actFor({ providerId: 'nasstar', kind: 'provider' });
        return createStaff(tx, 'nasstar', { email: 'hooks.manager@staff.nasstar.example', name: 'Hook Manager', role: 'manager' }, new Date());
      });
      const portal = (path: string, init: { method?: string; body?: unknown; cookie?: string } = {}) =>
        app.request(`http://localhost/api${path}`, {
          method: init.method ?? 'GET',
          headers: { 'Content-Type': 'application/json', Origin: 'http://localhost', ...(init.cookie ? { Cookie: init.cookie } : {}) },
          ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
        });
      expect((await portal('/session/code', { method: 'POST', body: { purpose: 'signIn', email: 'hooks.manager@staff.nasstar.example' } })).status).toBe(202);
      const code = /\b(\d{6})\b/.exec(mails.filter((m) => m.to === 'hooks.manager@staff.nasstar.example').at(-1)!.text)![1];
      const signedIn = await portal('/session', { method: 'POST', body: { email: 'hooks.manager@staff.nasstar.example', code } });
      expect(signedIn.status).toBe(201);
      const cookie = signedIn.headers.get('Set-Cookie')!.split(';')[0]!;
      const answer = await portal('/staff/integrations', { cookie });
      expect([answer.status, answer.status === 200 ? '' : await answer.clone().text()]).toEqual([200, '']);
      const page = (await answer.json()) as {
        connectors: { connector: string; backlog: number; lastSyncAt: string | null }[];
        webhooks: { id: string; enabled: boolean; disabledReason: string | null; consecutiveFailures: number }[];
        failedDeliveries: { id: string; endpointId: string; lastStatus: number | null }[];
      };
      expect(page.webhooks.find((w) => w.id === id)).toMatchObject({ enabled: false, disabledReason: '50 failed deliveries in a row', consecutiveFailures: 50 });
      // The dispatcher's own reading of the feed is a connector: read up to date, nothing waiting.
      expect(page.connectors.find((c) => c.connector === 'webhooks')).toMatchObject({ backlog: 0 });

      // The deliveries fail for good after a day; one is sent again by hand, the endpoint taking deliveries again.
      now += 25 * 60 * 60_000;
      await handle.db.updateTable('webhook_endpoints' as never).set({ enabled: true } as never).where('id' as never, '=', id as never).execute();
      await dispatcher.runOnce();
      await handle.db.updateTable('webhook_endpoints' as never).set({ enabled: false } as never).where('id' as never, '=', id as never).execute();
      const failed = ((await (await portal('/staff/integrations', { cookie })).json()) as typeof page).failedDeliveries.filter((d) => d.endpointId === id);
      expect(failed.length).toBeGreaterThan(0);
      expect(failed[0]).toMatchObject({ lastStatus: 503 });
      hook.setDown(false);
      expect((await portal(`/staff/webhooks/deliveries/${failed[0]!.id}/retry`, { method: 'POST', cookie })).status).toBe(204);
      expect((await portal(`/staff/webhooks/deliveries/${failed[0]!.id}/retry`, { method: 'POST', cookie })).status).toBe(404);
      now = Date.now();
      await dispatcher.runOnce();
      expect(hook.received).toHaveLength(1);
      const again = ((await (await portal('/staff/integrations', { cookie })).json()) as typeof page).webhooks.find((w) => w.id === id);
      expect(again).toMatchObject({ enabled: true, disabledReason: null, consecutiveFailures: 0 });
      await call(`/webhooks/${id}`, { method: 'DELETE' });
    } finally {
      await hook.close();
    }
  });

  it('checks the address again when sending: a name that now resolves into a private network gets nothing', async () => {
    const sent: string[] = [];
    const spy: Sender = async (url, address, headers, body) => {
      sent.push(address.address);
      return nodeSender(url, address, headers, body);
    };
    dns['moving.example.com'] = ['93.184.216.40'];
    const created = (await (await register('https://moving.example.com/hook')).json()) as { webhook: { id: string } };
    dns['moving.example.com'] = ['10.20.30.40'];
    const dispatcher = new WebhookDispatcher({ db: handle.db as unknown as Kysely<unknown>, policy, sender: spy });
    await addCase('NAS-2026-HOOK401', 1); // a reference of its own: HOOK300–324 are the test above's
    await dispatcher.runOnce();
    expect(sent).toEqual([]);
    const { rows } = await handle.pool.query<{ last_error: string }>(`SELECT last_error FROM webhook_deliveries WHERE endpoint_id = $1`, [created.webhook.id]);
    expect(rows.map((r) => r.last_error)).toContain('refused: privateAddress');
    await call(`/webhooks/${created.webhook.id}`, { method: 'DELETE' });
  });

  it('docs/webhooks.md quotes the verification sample word for word', () => {
    const root = join(import.meta.dirname, '..', '..');
    const doc = readFileSync(join(root, 'docs', 'webhooks.md'), 'utf8');
    expect(doc).toContain(readFileSync(join(import.meta.dirname, 'verify-example.ts'), 'utf8').trim());
  });
});
