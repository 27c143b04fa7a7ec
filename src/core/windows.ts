/**
 * The one rule for time windows in the back office (docs/decisions/0096-one-visibility-rule.md): a window that
 * opened at `startedAt` and lasts `lengthMs` is over at `now` once its length has passed — or when it opened
 * more than its length after `now` (a clock set back: the demo's movable clock, or a server's clock corrected),
 * so that nothing stays stuck behind a window that cannot end. A window opened only a little after `now` is
 * still open: two requests racing read their clocks in one order and reach the store in the other (the one
 * that read the later time claims first), and instances' clocks differ by a little — a claim that counted
 * as over then would let the same Idempotency-Key run twice (seen on PostgreSQL: two comments for one key).
 * A sign-in rate limit's window starts afresh once it is over; a claimed Idempotency-Key whose window is over
 * is taken to have crashed and may be claimed again.
 *
 * The simulated back office calls it; the server's SQL forms (pg-store.ts `hitRateLimit`, `claimIdempotency`)
 * are checked against it at its edges in server/store/windows.test.ts.
 */
export function windowOver(startedAt: Date | string, now: Date, lengthMs: number): boolean {
  const start = typeof startedAt === 'string' ? Date.parse(startedAt) : startedAt.getTime();
  return start + lengthMs <= now.getTime() || start > now.getTime() + lengthMs;
}
