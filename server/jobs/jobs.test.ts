import { afterAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/connect';
import { createTestDatabase, type TestDatabase } from '../test/database';
import { CASE_CHECK_BATCH_SIZE, CASE_CHECK_QUEUE, MESSAGE_BATCH_SIZE, MESSAGE_QUEUE, startJobs, type CaseCheck, type Jobs } from './jobs';

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

/** A new database with pg-boss started on it, after stopping what the test before left. */
async function freshDatabase(): Promise<{ handle: DatabaseHandle; jobs: Jobs }> {
  await jobs?.stop(1000);
  await handle?.close();
  await database?.destroy();
  database = await createTestDatabase();
  handle = await database.open();
  jobs = await startJobs({ pool: handle.pool, pollingIntervalSeconds: 0.5 });
  return { handle, jobs };
}

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

  it('issue 20.13: a backlog of 2,000 due checks is fetched 100 at a time, back to back, and a failing check fails alone', async () => {
    const fresh = await freshDatabase();
    // The backlog an outage leaves: 2,000 checks, all due.
    const due = new Date(Date.now() - 60_000).toISOString();
    // (retried at once, not after the queue's 30 s, so the test need not wait for the failed check's retry)
    const backlog = Array.from({ length: 2000 }, (_, i) => ({
      name: CASE_CHECK_QUEUE,
      data: { reference: `NAS-2026-B${String(i).padStart(7, '0')}`, dueAt: due } satisfies CaseCheck,
      retryLimit: 3,
      retryDelay: 0,
      retryBackoff: false,
    }));
    await fresh.jobs.boss.insert(backlog);
    await fresh.jobs.stop(1000);

    const batches: number[] = [];
    const handled = new Set<string>();
    let done!: () => void;
    const allHandled = new Promise<void>((resolve) => (done = resolve));
    // An hour between polls: the backlog can only go out within the test if each full batch fetches the next at once.
    jobs = await startJobs({ pool: fresh.handle.pool, pollingIntervalSeconds: 3600, onBatch: (size) => batches.push(size) });
    await jobs.onCaseCheck(async (check) => {
      if (check.reference === 'NAS-2026-B0000007' && !handled.has('failed once')) {
        handled.add('failed once');
        throw new Error('this check fails');
      }
      handled.add(check.reference);
      if (handled.size === 2000 + 1) done();
    });
    await allHandled;
    // Counted, not timed: 2,000 checks in batches of 100, each full batch followed at once by the next (decision
    // 0181), where one batch per poll took 40 s at the server's 2 s polling. The check that failed was retried on its own.
    expect(batches.slice(0, 20)).toEqual(Array(20).fill(CASE_CHECK_BATCH_SIZE));
    expect(CASE_CHECK_BATCH_SIZE).toBeGreaterThanOrEqual(100);
    expect(handled.size).toBe(2001);
  });

  it('messages are fetched MESSAGE_BATCH_SIZE at a time, a full batch followed at once by the next, and a message not sent is retried alone while the rest go out', async () => {
    const fresh = await freshDatabase();
    const backlog = 3 * MESSAGE_BATCH_SIZE;
    await fresh.jobs.boss.insert(
      Array.from({ length: backlog }, (_, i) => ({
        name: MESSAGE_QUEUE,
        data: { messageId: `m${i}` },
        // (retried at once, not after the queue's 30 s)
        retryLimit: 2,
        retryDelay: 0,
        retryBackoff: false,
      })),
    );
    await fresh.jobs.stop(1000);

    const batches: number[] = [];
    const sent: string[] = [];
    const tries: { messageId: string; final: boolean }[] = [];
    let done!: () => void;
    const allSent = new Promise<void>((resolve) => (done = resolve));
    // An hour between polls: the backlog can only go out within the test if each full batch fetches the next at once.
    jobs = await startJobs({ pool: fresh.handle.pool, pollingIntervalSeconds: 3600, onMessageBatch: (size) => batches.push(size) });
    await jobs.onMessage(async ({ messageId }, { final }) => {
      if (messageId === 'm3') tries.push({ messageId, final });
      if (messageId === 'm3' && tries.length === 1) throw new Error('the mail server refused it');
      sent.push(messageId);
      if (sent.length === backlog) done();
    });
    await allSent;
    // Counted, not timed: three full batches, back to back (decision 0181); one batch per poll took 6 s at
    // the server's 2 s polling, and a burst of 5,000 complaints four minutes.
    expect(batches.slice(0, 3)).toEqual([MESSAGE_BATCH_SIZE, MESSAGE_BATCH_SIZE, MESSAGE_BATCH_SIZE]);
    expect(new Set(sent).size).toBe(backlog);
    expect(sent).toHaveLength(backlog);
    // The refused one was tried again on its own, and its second try was not yet its last.
    expect(tries).toEqual([{ messageId: 'm3', final: false }, { messageId: 'm3', final: false }]);
  });

  it('stopping while a batch of messages is sent: the one being sent finishes, the rest wait for the restart, and nothing uses the closed pool', async () => {
    const fresh = await freshDatabase();
    const ids = Array.from({ length: 5 }, (_, i) => `s${i}`);
    await fresh.jobs.boss.insert(ids.map((messageId) => ({ name: MESSAGE_QUEUE, data: { messageId }, retryLimit: 2, retryDelay: 0, retryBackoff: false })));
    const tried: string[] = [];
    let answer!: () => void;
    const mailServer = new Promise<void>((resolve) => (answer = resolve));
    let sending!: () => void;
    const firstSending = new Promise<void>((resolve) => (sending = resolve));
    // The mail server answers the first mail only after pg-boss's own wait for the stop (1 s) is over.
    await fresh.jobs.onMessage(async ({ messageId }) => {
      tried.push(messageId);
      sending();
      await mailServer;
    });
    await firstSending;
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const answered = sleep(1500).then(answer);
      await fresh.jobs.stop(1000);
      await fresh.handle.close();
      await answered;
      await sleep(500);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
    expect(tried).toHaveLength(1);

    // After the restart: the four not tried, and the one being sent (failed by pg-boss when it stopped waiting).
    handle = await database!.open();
    jobs = await startJobs({ pool: handle.pool, pollingIntervalSeconds: 0.5 });
    const again: string[] = [];
    await jobs.onMessage(async ({ messageId }) => void again.push(messageId));
    await until(() => again.length >= ids.length, 15_000);
    expect(again.sort()).toEqual(ids);
  });
});
