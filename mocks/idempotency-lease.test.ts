import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IDEMPOTENCY_LEASE_MS } from '@/core/http';
import { submissionWith } from '../test/conformance/fixtures';
import { db, memoryPersistence } from './db';
import { backOffice, realClock } from './handlers';

/**
 * The core holds an Idempotency-Key's claim on a short lease (issue 20.13). A request that dies mid-way (its
 * process crashed) leaves its claim in progress; a retry with the same key must go through within seconds,
 * while the portal is still retrying (3 tries), not after a minute of 409s.
 */
const submit = (key: string, summary: string) =>
  backOffice.handle(
    new Request('http://localhost/api/cases', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Redress-Provider': 'nasstar', 'Idempotency-Key': key },
      body: JSON.stringify(submissionWith(summary)),
    }),
    { operationId: 'submitComplaint', params: {} },
  );

beforeAll(async () => {
  await db.open(memoryPersistence());
});
afterEach(() => {
  realClock.offsetMs = 0;
});

describe('Idempotency-Key lease', () => {
  it('issue 20.13: a claim left by a crashed request clears in seconds, and the retry is answered', async () => {
    const key = 'lease-crashed-0000000001';
    // What a request that crashed after claiming leaves behind: its claim, in progress, never completed.
    expect(await db.claimIdempotency('nasstar:anonymous:submitComplaint:', key, 'fingerprint of the dead request', realClock.now(), IDEMPOTENCY_LEASE_MS)).toEqual({
      state: 'claimed',
    });
    expect((await submit(key, 'lease after a crash')).status).toBe(409);
    realClock.offsetMs += 11_000;
    const retried = await submit(key, 'lease after a crash');
    expect(retried.status).toBe(201);
    expect(IDEMPOTENCY_LEASE_MS).toBeLessThanOrEqual(15_000);
  });

  it('a claim whose request is still running is renewed, so it is not taken over', async () => {
    const scope = 'nasstar:anonymous:submitComplaint:';
    const key = 'lease-renewed-0000000001';
    const t0 = realClock.now();
    await db.claimIdempotency(scope, key, 'fp', t0, IDEMPOTENCY_LEASE_MS);
    await db.renewIdempotency(scope, key, new Date(t0.getTime() + 8_000));
    expect(await db.claimIdempotency(scope, key, 'fp', new Date(t0.getTime() + 12_000), IDEMPOTENCY_LEASE_MS)).toEqual({ state: 'inProgress' });
    expect(await db.claimIdempotency(scope, key, 'fp', new Date(t0.getTime() + 19_000), IDEMPOTENCY_LEASE_MS)).toEqual({ state: 'claimed' });
  });
});
