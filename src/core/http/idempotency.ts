import type { BackOfficeStore, BackOfficeTx } from '../ports';
import { Refusal } from '../problem';
import type { Reply } from '../handler-types';
import { BadInput } from './request';

/**
 * Idempotent operations run exactly once per Idempotency-Key: the key is claimed (on a lease), the operation's
 * unit of work stores its reply with it, and a repeat gets that reply again.
 */

/**
 * A claimed Idempotency-Key is held on a lease (issue 20.13): the request renews it every IDEMPOTENCY_RENEW_MS
 * while it runs, so a claim not renewed for IDEMPOTENCY_LEASE_MS belongs to a request that died (a crashed
 * process) and may be claimed again — a retry after a crash goes through within seconds, not after a minute.
 */
export const IDEMPOTENCY_LEASE_MS = 10_000;
export const IDEMPOTENCY_RENEW_MS = 3_000;
const KEY_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

/** The request's Idempotency-Key, refused when missing or malformed. */
export function idempotencyKeyOf(request: Request): string {
  const key = request.headers.get('Idempotency-Key');
  if (!key || !KEY_PATTERN.test(key)) throw new BadInput(400, 'idempotencyKeyRequired');
  return key;
}

export interface IdempotentRequest {
  /** Who asks and what for: the same key from another caller or on another case is another request. */
  scope: string;
  key: string;
  fingerprint: string;
  /** The real time (leases run on the real clock: the demo's movable clock must not make a live claim look stale). */
  now: () => Date;
}

/**
 * Runs `execute` once for the key, in a unit of work that stores its reply with the key: `{ replayed }` with
 * the stored reply when it already ran (the same request), else `{ reply }`. A claim still held by another
 * request is refused (409, Retry-After); the same key with a different request, 422. A failure releases the key.
 */
export async function once(store: BackOfficeStore, request: IdempotentRequest, execute: (tx: BackOfficeTx) => Promise<Reply>): Promise<{ replayed: Reply } | { reply: Reply }> {
  const { scope, key, fingerprint } = request;
  const claim = await store.claimIdempotency(scope, key, fingerprint, request.now(), IDEMPOTENCY_LEASE_MS);
  if (claim.state === 'inProgress') throw new Refusal(409, 'idempotencyInProgress', undefined, { 'Retry-After': '1' });
  if (claim.state === 'done') {
    if (claim.fingerprint !== fingerprint) throw new BadInput(422, 'idempotencyKeyReused');
    return { replayed: { status: claim.reply.status, body: claim.reply.body, headers: { 'Idempotent-Replayed': 'true' } } };
  }
  const renewal = setInterval(() => {
    store.renewIdempotency(scope, key, request.now()).catch(() => undefined); // a missed renewal only shortens the lease
  }, IDEMPOTENCY_RENEW_MS);
  try {
    const reply = await store.transaction(async (tx) => {
      const result = await execute(tx);
      await tx.completeIdempotency(scope, key, fingerprint, { status: result.status, body: result.body });
      return result;
    });
    clearInterval(renewal);
    return { reply };
  } catch (error) {
    clearInterval(renewal);
    await store.releaseIdempotency(scope, key);
    throw error;
  }
}
