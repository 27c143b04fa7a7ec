// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { onlineManager } from '@tanstack/react-query';
import { callApi, isApiError } from '@/api/client';
import { queryClient } from '@/lib/query-client-instance';
import { sessionHint } from '@/lib/session-hint';
import { db, memoryPersistence } from '@mocks/db';
import { clearFaults, injectFaults } from '@mocks/faults';
import { server } from '@mocks/node';
import { signOut } from './sign-out';

/**
 * Sign-out (./sign-out.ts) is a mutation of the app's query client that goes even offline and is tried once; after
 * it, whatever its answer, nothing personal is left in browser storage or in the query client. Against the simulated
 * back office through msw/node.
 */

let signOuts = 0;
beforeAll(async () => {
  await db.open(memoryPersistence());
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', ({ request }) => {
    if (request.method === 'DELETE' && new URL(request.url).pathname === '/api/session') signOuts++;
  });
});
afterAll(() => {
  server.events.removeAllListeners();
  server.close();
});
beforeEach(async () => {
  await callApi('demoReset');
  await callApi('demoSignIn', { body: { email: 'sam.taylor@example.com' } });
  // What a signed-in customer leaves behind: the hint, a draft, a pending comment, a confirmation, read data.
  sessionHint.set('customer');
  localStorage.setItem('redress.draft.nasstar', '{"aboutYou":{"name":"Sam Taylor"}}');
  localStorage.setItem('redress.pending.NAS-2026-X', 'Half-written comment');
  sessionStorage.setItem('redress.confirmation.nasstar', '{"reference":"NAS-2026-X"}');
  queryClient.setQueryData(['cases', 'list'], { cases: [{ summary: 'Sam’s broadband' }] });
  signOuts = 0;
});
afterEach(() => {
  clearFaults();
  onlineManager.setOnline(true);
  localStorage.clear();
  sessionStorage.clear();
});

/** Who the back office says is signed in now (null: no session). */
async function whoIsSignedIn() {
  try {
    return await callApi('whoAmI');
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

function expectNothingLeft() {
  expect(sessionHint.get()).toBeNull();
  expect(Object.keys(localStorage).filter((k) => /^redress\.(session|draft|pending)/.test(k))).toEqual([]);
  expect(Object.keys(sessionStorage).filter((k) => k.startsWith('redress.confirmation'))).toEqual([]);
  expect(queryClient.getQueryCache().getAll()).toEqual([]);
  expect(queryClient.getMutationCache().getAll()).toEqual([]);
}

describe('sign-out', () => {
  it('ends the session on the back office with one request and leaves nothing personal behind', async () => {
    await signOut();
    expect(signOuts).toBe(1);
    expect(await whoIsSignedIn()).toBeNull();
    expectNothingLeft();
  });

  it('goes even when the browser says it is offline (a paused sign-out would leave the browser signed in)', async () => {
    onlineManager.setOnline(false);
    await signOut();
    expect(signOuts).toBe(1);
    expect(await whoIsSignedIn()).toBeNull();
    expectNothingLeft();
  });

  it('is tried once, and a failed one still cleans the browser', async () => {
    for (const fault of ['network', '500'] as const) {
      signOuts = 0;
      injectFaults('signOut', [fault]);
      await signOut();
      expect(signOuts, fault).toBe(1);
      expectNothingLeft();
    }
  });
});
