import { describe, expect, it } from 'vitest';
import { windowOver } from '@/core/windows';
import { storeForThisFile } from '../test/database';

/**
 * The core's window rule (src/core/windows.ts) and its SQL forms in the store, at the window's edges: a sign-in
 * rate limit starts afresh exactly when the core says its window is over, and a claimed Idempotency-Key is
 * taken over exactly then.
 */

const db = storeForThisFile(['rate_limits', 'idempotency']);
const now = new Date('2026-12-06T10:00:00.000Z');
const lengthMs = 60_000;
/** Where the window started, relative to now: inside, at its end, past it, and in the future (a clock set back). */
const starts = [-lengthMs - 1, -lengthMs, -lengthMs + 1, -1, 0, 1, lengthMs, lengthMs + 1, 3_600_000];

describe('one window rule: the core and the store agree', () => {
  it.each(starts)('a rate-limit window that started %i ms from now', async (offset) => {
    const startedAt = new Date(now.getTime() + offset);
    await db.handle.db.insertInto('rate_limits').values({ key: 'k', started_at: startedAt, count: 5 }).execute();
    const hit = await db.store.transaction((tx) => tx.hitRateLimit('k', now, lengthMs));
    expect(hit.count).toBe(windowOver(startedAt, now, lengthMs) ? 1 : 6);
  });

  it.each(starts)('a rate-limit window that started %i ms from now, counted with another key outside a unit of work', async (offset) => {
    const startedAt = new Date(now.getTime() + offset);
    await db.handle.db.insertInto('rate_limits').values({ key: 'k', started_at: startedAt, count: 5 }).execute();
    const hits = await db.store.hitRateLimits(['new', 'k'], now, lengthMs);
    const restarted = windowOver(startedAt, now, lengthMs);
    expect(hits).toEqual([
      { count: 1, resetAt: new Date(now.getTime() + lengthMs) },
      { count: restarted ? 1 : 6, resetAt: new Date((restarted ? now : startedAt).getTime() + lengthMs) },
    ]);
  });

  it.each(starts)('an Idempotency-Key claimed %i ms from now', async (offset) => {
    const createdAt = new Date(now.getTime() + offset);
    await db.handle.db
      .insertInto('idempotency')
      .values({ scope: 's', key: 'k', fingerprint: 'f', state: 'in_progress', status: null, body: null, created_at: createdAt })
      .execute();
    const claim = await db.store.claimIdempotency('s', 'k', 'f', now, lengthMs);
    expect(claim.state).toBe(windowOver(createdAt, now, lengthMs) ? 'claimed' : 'inProgress');
  });
});
