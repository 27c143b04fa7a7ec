import { afterAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/connect';
import { createTestDatabase, type TestDatabase } from '../test/database';
import { startJobs, type CaseCheck, type Jobs } from './jobs';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (!condition() && Date.now() < end) await sleep(100);
}

let database: TestDatabase | undefined;
let handle: DatabaseHandle | undefined;
let jobs: Jobs | undefined;

afterAll(async () => {
  await jobs?.stop(1000);
  await handle?.close();
  await database?.destroy();
});

describe('case checks on pg-boss', () => {
  it('runs a check scheduled before a restart exactly once after it', async () => {
    database = await createTestDatabase();

    // Before: schedule a check 2 s ahead (twice — one job), with no worker, then stop everything.
    handle = await database.open();
    jobs = await startJobs({ pool: handle.pool, pollingIntervalSeconds: 0.5 });
    const at = new Date(Date.now() + 2000);
    const id = await jobs.scheduleCaseCheck('NAS-2026-RESTART1', at);
    expect(id).not.toBeNull();
    expect(await jobs.scheduleCaseCheck('NAS-2026-RESTART1', at)).toBeNull();
    await jobs.stop(1000);
    await handle.close();
    jobs = undefined;
    handle = undefined;

    // After: the same data folder (or database); a worker; the check runs once.
    handle = await database.open();
    jobs = await startJobs({ pool: handle.pool, pollingIntervalSeconds: 0.5 });
    const seen: CaseCheck[] = [];
    await jobs.onCaseCheck(async (check) => {
      seen.push(check);
    });
    await until(() => seen.length > 0, 15_000);
    await sleep(2500); // long enough for any second delivery to show
    expect(seen).toEqual([{ reference: 'NAS-2026-RESTART1', dueAt: at.toISOString() }]);
    const job = await jobs.boss.getJobById('case-check', id!, { includeArchive: true });
    expect(job?.state).toBe('completed');
  });
});
