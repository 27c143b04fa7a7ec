import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashProviderKey, newProviderKey } from '@/core/provider-api';
import * as staff from '@/core/staff';
import type { UseCaseContext } from '@/core/use-cases';
import type { BackOfficeDeps } from '@/core/ports';
import { createApp } from './app';
import { loadConfig } from './config';
import { coreApi } from './core-api';
import type { DatabaseHandle } from './db/connect';
import { jsonLogger } from './http/log';
import { createIntegration, revokeIntegration } from './store/pg-provider';
import { PgStore } from './store/pg-store';
import { makeCase, makeEvent } from './test/cases';
import { openTestDatabase } from './test/database';

/** The provider's API over HTTP on a real store: keys, the actions meeting their clocks, idempotency, the events feed. */

let handle: DatabaseHandle;
let app: ReturnType<typeof createApp>;
let key: string;
let deps: BackOfficeDeps;
const BASE = 'http://localhost/provider-api';

beforeAll(async () => {
  handle = await openTestDatabase();
  deps = { store: new PgStore(handle.db), files: { put: async () => undefined, get: async () => null, delete: async () => undefined, list: async function* () { yield* []; } }, time: { now: () => new Date() }, mailer: { send: async () => undefined } };
  const config = loadConfig({ COOKIE_SECURE: 'false', LOG_LEVEL: 'silent' });
  app = createApp({ api: coreApi(deps, config), ping: async () => true, distDir: null, securityHeaders: {}, logger: jsonLogger('silent') });
  key = newProviderKey();
  await createIntegration(handle.db, { providerId: 'nasstar', name: 'CRM', keyHash: await hashProviderKey(key) });
  const recent = new Date(Date.now() - 3_600_000).toISOString();
  await deps.store.transaction(async (tx) => {
    for (const [customerId, reference] of [['cus_alice', 'NAS-2026-PAPI001'], ['cus_bob', 'NAS-2026-PAPI002']] as const) {
      await tx.insertCase(makeCase({ reference, customerId, stageStartedAt: recent, firstComplainedAt: recent, updatedAt: recent }));
      await tx.appendEvents(reference, [makeEvent(1, { type: 'submitted', at: recent })]);
    }
  });
});

afterAll(async () => {
  await handle?.close();
});

const call = (path: string, init: RequestInit & { key?: string | null; idem?: string } = {}) => {
  const headers = new Headers(init.headers);
  if (init.key !== null) headers.set('Authorization', `Bearer ${init.key ?? key}`);
  if (init.idem) headers.set('Idempotency-Key', init.idem);
  if (init.body) headers.set('Content-Type', 'application/json');
  return app.request(`${BASE}${path}`, { ...init, headers });
};

describe('the provider API', () => {
  it('refuses an absent, wrong or revoked key with 401 problem+json', async () => {
    for (const res of [await call('/cases', { key: null }), await call('/cases', { key: 'rdk_not-a-real-key-at-all' })]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('Content-Type')).toContain('application/problem+json');
      expect(res.headers.get('WWW-Authenticate')).toContain('Bearer');
    }
    const other = newProviderKey();
    const made = await createIntegration(handle.db, { providerId: 'nasstar', name: 'Old', keyHash: await hashProviderKey(other) });
    expect((await call('/cases', { key: other })).status).toBe(200);
    await revokeIntegration(handle.db, made.id);
    const revoked = await call('/cases', { key: other });
    expect(revoked.status).toBe(401);
    expect(((await revoked.json()) as { code: string }).code).toBe('providerKeyInvalid');
  });

  it('lists every customer’s cases and reads one', async () => {
    const res = await call('/cases?limit=1');
    const page = (await res.json()) as { cases: { reference: string }[]; total: number; nextCursor: string | null };
    expect(res.status).toBe(200);
    expect(page.total).toBe(2);
    expect(page.nextCursor).not.toBeNull();
    const second = (await (await call(`/cases?limit=1&cursor=${page.nextCursor}`)).json()) as { cases: { reference: string }[] };
    expect(new Set([page.cases[0]!.reference, second.cases[0]!.reference])).toEqual(new Set(['NAS-2026-PAPI001', 'NAS-2026-PAPI002']));
    expect((await call('/cases/NAS-2026-PAPI002')).status).toBe(200);
    expect((await call('/cases/NAS-2026-NOPE')).status).toBe(404);
  });

  it('acknowledges once per Idempotency-Key, meeting the acknowledge clock', async () => {
    const first = await call('/cases/NAS-2026-PAPI001/acknowledge', { method: 'POST', body: '{}', idem: 'ack-papi001-0000001' });
    expect(first.status).toBe(200);
    const body = (await first.json()) as { case: { status: string; clocksMet: { clockId: string }[] } };
    expect(body.case.status).toBe('acknowledged');
    expect(body.case.clocksMet.map((m) => m.clockId)).toEqual(['acknowledge']);
    const again = await call('/cases/NAS-2026-PAPI001/acknowledge', { method: 'POST', body: '{}', idem: 'ack-papi001-0000001' });
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    const timeline = (await (await call('/cases/NAS-2026-PAPI001/timeline')).json()) as { events: { type: string }[] };
    expect(timeline.events.filter((e) => e.type === 'acknowledged')).toHaveLength(1);
    expect((await call('/cases/NAS-2026-PAPI001/acknowledge', { method: 'POST', body: '{}' })).status).toBe(400);
  });

  it('updates, proposes, moves, refuses an early ADR letter, closes', async () => {
    const ref = '/cases/NAS-2026-PAPI002';
    expect((await call(`${ref}/updates`, { method: 'POST', body: JSON.stringify({ text: 'Engineer booked', status: 'investigating' }), idem: 'upd-papi002-000001' })).status).toBe(200);
    expect((await call(`${ref}/updates`, { method: 'POST', body: JSON.stringify({ text: '' }), idem: 'upd-papi002-000002' })).status).toBe(422);
    const proposed = (await (await call(`${ref}/proposal`, { method: 'POST', body: JSON.stringify({ text: 'A credit' }), idem: 'prp-papi002-000001' })).json()) as { case: { status: string } };
    expect(proposed.case.status).toBe('responseIssued');
    expect((await call(`${ref}/stage`, { method: 'POST', body: JSON.stringify({ stageId: 'nowhere' }), idem: 'stg-papi002-000001' })).status).toBe(422);
    const early = await call(`${ref}/letters`, { method: 'POST', body: JSON.stringify({ kind: 'adr' }), idem: 'let-papi002-000001' });
    expect(early.status).toBe(409);
    expect(((await early.json()) as { code: string }).code).toBe('tooEarlyForAdrLetter');
    const closed = (await (await call(`${ref}/close`, { method: 'POST', body: JSON.stringify({ text: 'Done' }), idem: 'cls-papi002-000001' })).json()) as { case: { status: string } };
    expect(closed.case.status).toBe('closed');
  });

  it('follows every event in commit order through the feed', async () => {
    const all = (await (await call('/events?limit=500')).json()) as { events: { seq: string; reference: string; event: { type: string } }[]; cursor: string; hasMore: boolean };
    expect(all.hasMore).toBe(false);
    const seqs = all.events.map((e) => Number(e.seq));
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(all.events.map((e) => e.event.type)).toEqual(['submitted', 'submitted', 'acknowledged', 'update', 'resolutionProposed', 'closed']);
    const paged = (await (await call('/events?limit=2')).json()) as { cursor: string; hasMore: boolean };
    expect(paged.hasMore).toBe(true);
    const rest = (await (await call(`/events?after=${paged.cursor}`)).json()) as { events: unknown[] };
    expect(rest.events).toHaveLength(4);
    const none = (await (await call(`/events?after=${all.cursor}`)).json()) as { events: unknown[]; cursor: string };
    expect(none).toEqual({ events: [], cursor: all.cursor, hasMore: false });
    expect((await call('/events?after=abc')).status).toBe(422);
  });

  it('issue 25: says which integration a key is, and marks the events its actions cause (data.via) so a connector sees no echo', async () => {
    const me = (await (await call('/integration')).json()) as { id: string; name: string; actor: string };
    expect(me.id).toMatch(/^int_/);
    expect(me).toEqual({ id: me.id, name: 'CRM', actor: `integration:${me.id}` });
    const feed = (await (await call('/events?limit=500')).json()) as { events: { event: { type: string; actor: string; data?: Record<string, string> } }[] };
    const byProvider = feed.events.filter((e) => e.event.actor === 'provider');
    expect(byProvider.length).toBeGreaterThan(0);
    for (const e of byProvider) expect(e.event.data?.via).toBe(me.actor);
    for (const e of feed.events.filter((x) => x.event.actor !== 'provider')) expect(e.event.data?.via).toBeUndefined();
  });

  it('issue 20.10: events?after above a bigint is a 422 naming `after`, the largest bigint an empty page', async () => {
    const over = await call('/events?after=9223372036854775808');
    expect(over.status).toBe(422);
    expect(await over.json()).toMatchObject({ code: 'validationFailed', errors: [{ path: 'after', code: 'invalidCursor' }] });
    expect((await call('/events?after=9999999999999999999')).status).toBe(422);
    const largest = await call('/events?after=9223372036854775807');
    expect([largest.status, ((await largest.json()) as { events: unknown[] }).events]).toEqual([200, []]);
  });

  it('issue 25.1: a twin in another system is recorded on the case, shown to staff and found from the staff queue by its number', async () => {
    // A fresh open case: the earlier tests move PAPI001 and PAPI002 along (the queue lists open cases only).
    const recent = new Date(Date.now() - 3_600_000).toISOString();
    await deps.store.transaction(async (tx) => {
      await tx.insertCase(makeCase({ reference: 'NAS-2026-PAPI003', customerId: 'cus_alice', stageStartedAt: recent, firstComplainedAt: recent, updatedAt: recent }));
      await tx.appendEvents('NAS-2026-PAPI003', [makeEvent(1, { type: 'submitted', at: recent })]);
    });
    const put = (system: string, body: unknown) => call(`/cases/NAS-2026-PAPI003/external-refs/${system}`, { method: 'PUT', body: JSON.stringify(body) });
    expect((await put('Not A System', { id: 'x', number: 'y' })).status).toBe(422);
    const twin = { id: '46d44a5e1b233010f1e0c5a4d54bcb1f', number: 'CS0012345', url: 'https://example.service-now.com/case/46d4' };
    const res = await put('servicenow', twin);
    expect([res.status, await res.json()]).toEqual([200, { externalRefs: [{ system: 'servicenow', ...twin }] }]);
    expect(await (await call('/cases/NAS-2026-PAPI003/external-refs')).json()).toEqual({ externalRefs: [{ system: 'servicenow', ...twin }] });

    const staffMember = { id: 'stf_papi', providerId: 'nasstar' as const, email: 'agent@staff.nasstar.example', name: 'Agent', role: 'agent' as const, lng: 'en' as const, createdAt: new Date().toISOString(), removedAt: null };
    // Two requests, as the staff pages make them: the case page, then a search in the queue.
    const asStaff = <T,>(run: (ctx: UseCaseContext) => Promise<T>) =>
      deps.store.transaction((tx) => run({ ...deps, tx, now: new Date(), simulateProvider: false, caller: { kind: 'staff', providerId: 'nasstar', sessionId: 'ses_papi', staff: staffMember } }));
    const seen = { view: await asStaff((ctx) => staff.getCase(ctx, 'NAS-2026-PAPI003')), found: await asStaff((ctx) => staff.queue(ctx, { q: 'cs0012345' })) };
    expect(seen.view.externalRefs).toEqual([{ system: 'servicenow', ...twin }]);
    expect(seen.found.items.map((i) => i.reference)).toEqual(['NAS-2026-PAPI003']);
  });

  it('answers unknown provider-api paths with a 404 problem', async () => {
    const res = await call('/nothing');
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type')).toContain('application/problem+json');
  });
});
