import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { CaseScope } from '@/core/ports';
import { storeForThisFile, usingPostgres } from '../test/database';
import { makeCase, makeEvent } from '../test/cases';
import { feedHorizon } from './pg-provider';

/**
 * The events feed in commit order without serialising writers (docs/decisions/0184-feed-order-shared-lock.md):
 * two transactions storing events run side by side, and a reader of the feed waits for the one still open, so it
 * never sees a later seq before an earlier one has committed. Needs two connections at once: PostgreSQL only
 * (PGlite has one connection, on which transactions cannot overlap).
 */

const db = storeForThisFile(['cases', 'case_events']);
const nasstar: CaseScope = { providerId: 'nasstar', kind: 'provider' };

/** Resolves once some connection waits for an advisory lock (the feed's), as pg_stat_activity shows it. */
async function someoneWaitsForTheFeed(): Promise<void> {
  for (let tries = 0; tries < 500; tries++) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'`.execute(db.handle.db);
    if (rows[0]!.n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('no connection ever waited for the feed lock');
}

function gate(): { open: () => void; opened: Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe.skipIf(!usingPostgres())('the events feed under concurrent writers (PostgreSQL)', () => {
  it('lets two writers store events at once, and a reader waits for the one that took the smaller seq', async () => {
    const slow = makeCase();
    const fast = makeCase();
    const slowStored = gate();
    const slowMayCommit = gate();
    // The slow writer stores its event (taking the smaller seq) and stays open until told to commit.
    const slowWriter = db.store.transaction(async (tx) => {
      await tx.insertCase(slow);
      await tx.appendEvents(slow.reference, [makeEvent(1, { type: 'submitted' })]);
      expect(await tx.timeline(slow.reference)).toHaveLength(1); // sends the event now, not with the COMMIT
      slowStored.open();
      await slowMayCommit.opened;
    });
    await slowStored.opened;

    // A second writer is not held back by the first: it commits (a larger seq) while the first is still open.
    await db.store.transaction(async (tx) => {
      await tx.insertCase(fast);
      await tx.appendEvents(fast.reference, [makeEvent(2, { type: 'submitted' })]);
    });

    // A reader now would see the larger seq alone and move its cursor past the smaller one for good: it waits.
    const read = db.store.transaction((tx) => tx.eventsAfter(nasstar, '0', 100));
    const horizon = feedHorizon(db.handle.db);
    let settled = false;
    void Promise.all([read, horizon]).then(() => (settled = true));
    await someoneWaitsForTheFeed();
    expect(settled).toBe(false);

    slowMayCommit.open();
    await slowWriter;
    const events = await read;
    expect(events.map((e) => e.reference)).toEqual([slow.reference, fast.reference]);
    expect(BigInt(events[0]!.seq)).toBeLessThan(BigInt(events[1]!.seq));
    expect(await horizon).toBe(events[1]!.seq);
  });

  it('gives the fan-out a horizon below which every event has committed', async () => {
    const c = makeCase();
    await db.store.transaction(async (tx) => {
      await tx.insertCase(c);
      await tx.appendEvents(c.reference, [makeEvent(1, { type: 'submitted' }), makeEvent(2)]);
    });
    const all = await db.store.transaction((tx) => tx.eventsAfter(nasstar, '0', 500));
    expect(await feedHorizon(db.handle.db)).toBe(all.at(-1)!.seq);
  });
});
