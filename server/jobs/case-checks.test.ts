import { afterAll, describe, expect, it } from 'vitest';
import type { TimelineEvent } from '@/api/schemas';
import { runCaseCheck } from '@/core/timed-checks';
import type { DatabaseHandle } from '../db/connect';
import { PgStore } from '../store/pg-store';
import { makeCase, makeEvent } from '../test/cases';
import { createTestDatabase, type TestDatabase } from '../test/database';
import { caseCheckScheduling, startCaseChecks } from './case-checks';
import { startJobs, type Jobs } from './jobs';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let database: TestDatabase | undefined;
let handle: DatabaseHandle | undefined;
let jobs: Jobs | undefined;

afterAll(async () => {
  await jobs?.stop(1000);
  await handle?.close();
  await database?.destroy();
});

const REF = 'NAS-2026-CHECK01';
const systemEvents = async (store: PgStore) =>
  (await store.transaction(async (tx) => {
    await tx.findCase({ providerId: 'nasstar', kind: 'provider' }, REF);
    return tx.timeline(REF);
  })).filter((e: TimelineEvent) => e.actor === 'system');

describe('timed case checks', () => {
  it('records an overdue clock and the ADR letter falling due exactly once, across a restart', async () => {
    database = await createTestDatabase();

    // Before: a case is written (its check is enqueued with it) and the server stops before any worker ran.
    // Its acknowledgement (2 working days) and its ADR letter (the 6-week wait) fall due while the server is down.
    const at = new Date(Date.now() - 70 * 86_400_000).toISOString();
    handle = await database.open();
    jobs = await startJobs({ pool: handle.pool, pollingIntervalSeconds: 0.5 });
    let store = new PgStore(handle.db, caseCheckScheduling(jobs));
    await store.transaction(async (tx) => {
      await tx.insertCase(makeCase({ reference: REF, stageStartedAt: at, firstComplainedAt: at, updatedAt: at }));
      await tx.appendEvents(REF, [makeEvent(1, { type: 'submitted', at })]);
    });
    const queued = await handle.pool.query<{ n: string }>(`SELECT count(*) AS n FROM pgboss.job WHERE name = 'case-check' AND data->>'reference' = $1`, [REF]);
    expect(Number(queued.rows[0]!.n)).toBe(1);
    await jobs.stop(1000);
    await handle.close();
    jobs = undefined;
    handle = undefined;

    // After: the same data; the worker as server/main.ts registers it.
    handle = await database.open();
    jobs = await startJobs({ pool: handle.pool, pollingIntervalSeconds: 0.5 });
    store = new PgStore(handle.db, caseCheckScheduling(jobs));
    await startCaseChecks(jobs, store, 'nasstar');
    const end = Date.now() + 20_000;
    while ((await systemEvents(store)).length < 3 && Date.now() < end) await sleep(250);
    await sleep(2500); // long enough for any second delivery to show

    const events = await systemEvents(store);
    // One adrLetterDue, and one clockOverdue per clock of the stage that runs from its start (nasstar: acknowledge, resolve).
    const keys = events.map((e) => `${e.type}:${e.data?.overdueClockId ?? ''}`).sort();
    expect(keys).toEqual(['adrLetterDue:', 'clockOverdue:acknowledge', 'clockOverdue:resolve']);

    // A repeated or late check adds nothing; a concurrent duplicate is refused by the database.
    await runCaseCheck(store, 'nasstar', REF, new Date());
    expect(await systemEvents(store)).toHaveLength(3);
    const dup = { ...events[0]!, id: 'evt_duplicate' };
    await expect(store.transaction((tx) => tx.findCase({ providerId: 'nasstar', kind: 'provider' }, REF).then(() => tx.appendEvents(REF, [dup])))).rejects.toThrow();
  });
});
