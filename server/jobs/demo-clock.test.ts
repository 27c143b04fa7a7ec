import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { jsonLogger } from '../http/log';
import { createServerApp, type ServerApp } from '../server';
import { openTestDatabase } from '../test/database';
import { runDueCaseChecks } from '@/core/timed-checks';
import { PgStore } from '../store/pg-store';
import { submissionWith } from '../../test/conformance/fixtures';

/**
 * In demo mode the timed checks run on the demo's clock while it is set (docs/decisions/0091-timed-case-checks.md).
 * They ran on real time: with the demo's clock a week behind today, the check enqueued for the acknowledgement
 * (due two working days after the demo's day, so already past in real time) ran at once and recorded the clock
 * overdue, a week before the demo reached it.
 */

const ORIGIN = 'https://complaints.nasstar.example';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A demo-mode server on a fresh test database for the describe block it is called in; `jobs: false`: none. */
function demoServer(options: { jobs?: false } = {}): () => ServerApp {
  let app: ServerApp | undefined;
  let filesDir = '';
  beforeAll(async () => {
    filesDir = await mkdtemp(join(tmpdir(), 'redress-demo-clock-'));
    const config = loadConfig({ PROVIDER: 'nasstar', DEMO: '1', FILES_DIR: filesDir, DIST_DIR: join(filesDir, 'no-portal'), PUBLIC_URL: ORIGIN, LOG_LEVEL: 'error' });
    app = await createServerApp(config, { logger: jsonLogger('error'), database: await openTestDatabase(), ...options });
  });
  afterAll(async () => {
    await app?.close();
    await rm(filesDir, { recursive: true, force: true });
  });
  return () => app!;
}

describe('timed checks in demo mode', () => {
  const server = demoServer();

  const call = (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('Content-Type', 'application/json');
    headers.set('Origin', ORIGIN);
    return server().fetch(new Request(`${ORIGIN}/api${path}`, { ...init, headers }));
  };

  it('a check that falls due in real time but not on the demo clock records nothing', async () => {
    const weekAgo = new Date(Date.now() - 7 * 24 * 3600_000).toISOString();
    expect((await call('/demo/clock', { method: 'PUT', body: JSON.stringify({ now: weekAgo }) })).status).toBe(200);
    const answer = await call('/cases', { method: 'POST', body: JSON.stringify(submissionWith('Demo clock', { email: 'demo.clock@example.com' })), headers: { 'Idempotency-Key': 'demo-clock-test-0001' } });
    expect(answer.status).toBe(201);
    const { case: c } = (await answer.json()) as { case: { reference: string } };

    // The check's job: enqueued with the case, due in the real past, so the worker takes it at its next poll.
    const state = async () =>
      (await sql<{ state: string }>`select state from pgboss.job where name = 'case-check' and data->>'reference' = ${c.reference}`.execute(server().database.db)).rows.map((r) => r.state);
    expect(await state()).toHaveLength(1);
    const end = Date.now() + 20_000;
    while (!(await state()).includes('completed') && Date.now() < end) await sleep(200);
    expect(await state()).toContain('completed');

    const events = await sql<{ type: string }>`select event->>'type' as type from case_events where reference = ${c.reference}`.execute(server().database.db);
    expect(events.rows.map((e) => e.type)).not.toContain('clockOverdue');
  });
});

describe('the demo’s seeded cases', () => {
  // No jobs: whatever is on the timelines was recorded while the first request was answered.
  const server = demoServer({ jobs: false });

  it('carry what had fallen due by the demo’s clock once the first request is answered, and nothing is left due', async () => {
    const put = await server().fetch(new Request(`${ORIGIN}/api/demo/clock`, { method: 'PUT', headers: { 'Content-Type': 'application/json', Origin: ORIGIN }, body: JSON.stringify({ now: '2026-12-01T10:00:00.000Z' }) }));
    expect(put.status).toBe(200);
    const counted = async () =>
      (await sql<{ type: string; n: string }>`select event->>'type' as type, count(*) as n from case_events where event->>'type' in ('clockOverdue', 'adrLetterDue') group by 1`.execute(server().database.db)).rows;
    const first = await counted();
    // A seeded complaint is past its clocks and the regulator's wait, with no letter (src/core/demo-seed.ts).
    expect(first.map((r) => r.type).sort()).toEqual(['adrLetterDue', 'clockOverdue']);
    // Checked again at the same time, as the jobs would: nothing more.
    await runDueCaseChecks(new PgStore(server().database.db), 'nasstar', new Date('2026-12-01T10:00:00.000Z'));
    expect(await counted()).toEqual(first);
  });
});
