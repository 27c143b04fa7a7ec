import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { http } from 'msw';
import { MutationObserver, onlineManager } from '@tanstack/react-query';
import { ApiError, callApi, idempotencyKeyFor, newIdempotencyKey, retryDelay, type CallOptions } from '@/api/client';
import { operation, routePattern, type OperationId } from '@/api/operations';
import type { ComplaintSubmission } from '@/api/schemas';
import { problemResponse } from '@/core/problem';
import { createQueryClient } from '@/lib/query-client';
import en from '@locales/en/errors.json';
import it_ from '@locales/it/errors.json';
import { db, memoryPersistence } from '@mocks/db';
import { clearFaults, injectFaults } from '@mocks/faults';
import { server } from '@mocks/node';
import { RUNS, LOOP_TIMEOUT, newCounts, tally, writeFaultReport } from '../../test/conformance/report';
import { PNG } from '../../test/conformance/fixtures';
import { uploadAttachmentMutation } from '@/features/complaint/api/complaint-api';
import { refetchSession, sessionQueries } from '@/features/session/api/session';
import { sessionHint } from '@/lib/session-hint';

/**
 * The portal's API client (./client.ts) with the app's QueryClient (../lib/query-client.ts), against the simulated
 * back office through msw/node: what the portal does about failures — TanStack Query's retries with the client's
 * backoff, Retry-After honoured and capped, 4xx never retried, an unkeyed POST not repeated, 409
 * idempotencyInProgress waited out, the same key on every retry of one action, nothing sent while offline. What the back office
 * does is the conformance suite's (test/conformance). msw/node keeps one cookie jar for the whole file: each
 * test signs in once, after the back office was reset.
 */

const NOW = '2026-12-18T10:00:00.000Z';
const counts = newCounts();

/** Every request the client made, as "METHOD /path". */
let requests: string[] = [];

beforeAll(async () => {
  await db.open(memoryPersistence());
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', ({ request }) => {
    requests.push(`${request.method} ${new URL(request.url).pathname}`);
  });
});
afterAll(async () => {
  server.events.removeAllListeners();
  server.close();
  console.log(`[client] FAULT_RUNS=${RUNS} ${Object.entries(counts).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  await writeFaultReport(counts);
});
beforeEach(async () => {
  await callApi('demoReset');
  await callApi('setClock', { body: { now: NOW } });
  await callApi('demoSignIn', { body: { email: 'sam.taylor@example.com' } });
  requests = [];
});
afterEach(() => {
  server.resetHandlers();
  clearFaults();
  queryClient.clear();
  onlineManager.setOnline(true);
});

/** The app's defaults: retries are TanStack Query's, not the client's. Mounted, as QueryClientProvider does: it resumes paused mutations when the browser is back online. */
const queryClient = createQueryClient();
queryClient.mount();
let queries = 0;
/** One operation as the portal sends it: a read through a query, a write through a mutation (their retries). */
function send<Id extends OperationId>(id: Id, options: CallOptions<Id> = {}): ReturnType<typeof callApi<Id>> {
  if (operation(id).method === 'GET') return queryClient.fetchQuery({ queryKey: ['client.test', queries++], queryFn: () => callApi(id, options) });
  return new MutationObserver(queryClient, { mutationFn: () => callApi(id, options) }).mutate();
}

const realSetTimeout = globalThis.setTimeout;
/** Records the client's backoff waits (200 ms – 30 s) and runs them at once, so many runs stay fast. */
function fastBackoff(): number[] {
  const delays: number[] = [];
  vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    if (typeof ms === 'number' && ms >= 200 && ms <= 30_000) {
      delays.push(ms);
      return realSetTimeout(fn, 0, ...args);
    }
    return realSetTimeout(fn, ms, ...args);
  }) as typeof setTimeout);
  return delays;
}

describe('uploads and who-am-I go through TanStack Query too', () => {
  /** An upload as the evidence step sends it (files-section.tsx: useUploadAttachment). */
  const upload = () => new MutationObserver(queryClient, uploadAttachmentMutation()).mutate(new File([PNG], 'router-light.png', { type: 'image/png' }));
  const uploads = () => requests.filter((r) => r === 'POST /api/attachments').length;
  const whoAmIs = () => requests.filter((r) => r === 'GET /api/session').length;

  it('an upload is sent once and answered with its attachment', async () => {
    await expect(upload()).resolves.toMatchObject({ name: 'router-light.png', kind: 'png' });
    expect(uploads()).toBe(1);
  });

  it('an upload (an unkeyed POST the back office does not replay) is not retried after a network error or a 500', async () => {
    fastBackoff();
    for (const fault of ['network', '500'] as const) {
      requests = [];
      injectFaults('uploadAttachment', [fault]);
      const error = await upload().catch((e: unknown) => e);
      expect(error).toMatchObject({ retriable: false });
      expect(uploads()).toBe(1);
    }
  });

  it('offline, an upload waits and sends nothing; back online it is sent once', async () => {
    onlineManager.setOnline(false);
    const observer = new MutationObserver(queryClient, uploadAttachmentMutation());
    const done = observer.mutate(new File([PNG], 'later.png', { type: 'image/png' }));
    await vi.waitFor(() => expect(observer.getCurrentResult().isPaused).toBe(true));
    expect(uploads()).toBe(0);
    onlineManager.setOnline(true);
    await expect(done).resolves.toMatchObject({ name: 'later.png' });
    expect(uploads()).toBe(1);
  });

  it('who-am-I after a membership change is retried after a network error and a 503, and its answer cached', async () => {
    fastBackoff();
    vi.spyOn(sessionHint, 'get').mockReturnValue('customer');
    injectFaults('whoAmI', ['network', '503']);
    const session = await refetchSession(queryClient);
    expect(session).toMatchObject({ scope: { kind: 'customer', customer: { email: 'sam.taylor@example.com' } } });
    expect(whoAmIs()).toBe(3);
    expect(queryClient.getQueryData(sessionQueries.current().queryKey)).toEqual(session);
  });

  it('who-am-I waits while offline and asks once when back online', async () => {
    vi.spyOn(sessionHint, 'get').mockReturnValue('customer');
    onlineManager.setOnline(false);
    const asked = refetchSession(queryClient);
    await vi.waitFor(() => expect(queryClient.getQueryState(sessionQueries.current().queryKey)?.fetchStatus).toBe('paused'));
    expect(whoAmIs()).toBe(0);
    onlineManager.setOnline(true);
    await expect(asked).resolves.toMatchObject({ scope: { kind: 'customer' } });
    expect(whoAmIs()).toBe(1);
  });
});

function submission(summary: string): ComplaintSubmission {
  return {
    kind: 'complaint',
    aboutYou: { customerKind: 'residential', name: 'Sam Taylor', email: 'sam.taylor@example.com', phone: '07911 654321', replyBy: 'email' },
    complaint: { category: 'billing', summary, whatHappened: 'Charged after cancelling.', startedOn: '2026-10-01', outcomeWanted: 'A refund' },
    evidence: { references: [], staff: [], calls: [], emails: [], attachmentIds: [] },
  };
}

/** A case of the signed-in customer's, made without faults. */
async function newCase(summary = 'client case') {
  const created = await callApi('submitComplaint', { body: submission(summary), idempotencyKey: newIdempotencyKey() });
  requests = [];
  return created.case.reference;
}

const casesWithSummary = async (summary: string) => (await callApi('listCases', { query: { limit: 500 } })).cases.filter((c) => c.summary === summary).length;
const commentsWithText = async (reference: string, text: string) =>
  (await callApi('getTimeline', { params: { reference } })).events.filter((e) => e.type === 'comment' && e.text === text).length;
const sent = (operationId: 'getCase' | 'getTimeline' | 'addComment' | 'submitComplaint' | 'requestDeadlockLetter') => {
  const op = operation(operationId);
  const pattern = new RegExp(`^${op.method} /api${routePattern(op.path).replace(/:\w+/g, '[^/]+')}$`);
  return requests.filter((r) => pattern.test(r)).length;
};

describe('retries: network errors and 5xx with backoff, 429 honours Retry-After, 4xx never', () => {
  it('a GET is retried after a network error and 5xx with growing backoff, then succeeds', async () => {
    const delays = fastBackoff();
    const reference = await newCase();
    injectFaults('getCase', ['network', '500', '503']);
    const result = await send('getCase', { params: { reference } });
    expect(result.case.reference).toBe(reference);
    expect(sent('getCase')).toBe(4);
    // network: ~300 ms, 500: ~900 ms (±25 % jitter), 503: its Retry-After of 1 s
    expect(delays).toHaveLength(3);
    expect(delays[0]).toBeGreaterThanOrEqual(225);
    expect(delays[0]).toBeLessThanOrEqual(375);
    expect(delays[1]).toBeGreaterThanOrEqual(675);
    expect(delays[1]).toBeLessThanOrEqual(1125);
    expect(delays[2]).toBe(1000);
  });

  it('gives up after 3 retries with a serverError problem', async () => {
    fastBackoff();
    const reference = await newCase();
    injectFaults('getTimeline', ['500', '500', '500', '500', '500']);
    const error = await send('getTimeline', { params: { reference } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('serverError');
    expect(sent('getTimeline')).toBe(4);
  });

  it('issue 20.13: a back office that stays unavailable (503) ends in serviceUnavailable, "try again shortly" in both languages', async () => {
    fastBackoff();
    const reference = await newCase();
    injectFaults('getTimeline', ['503', '503', '503', '503']);
    const error = await send('getTimeline', { params: { reference } }).catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('serviceUnavailable');
    expect(sent('getTimeline')).toBe(4);
    expect(en.serviceUnavailable).toMatch(/try again shortly/i);
    expect(it_.serviceUnavailable).toMatch(/riprovi tra poco/i);
  });

  it('429 with Retry-After: 1 waits one second before the retry (real clock)', async () => {
    const reference = await newCase();
    injectFaults('getCase', ['429']);
    const started = performance.now();
    await send('getCase', { params: { reference } });
    const waited = performance.now() - started;
    expect(sent('getCase')).toBe(2);
    expect(waited).toBeGreaterThanOrEqual(990);
    expect(waited).toBeLessThan(2500);
  });

  it(`429 on a keyed POST × ${RUNS}: retried after exactly Retry-After, one comment`, async () => {
    const delays = fastBackoff();
    const reference = await newCase();
    const found: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      injectFaults('addComment', ['429']);
      const text = `after 429 ${i}`;
      await send('addComment', { params: { reference }, body: { text }, idempotencyKey: newIdempotencyKey() });
      const n = await commentsWithText(reference, text);
      tally(counts, n);
      found.push(n);
    }
    expect(found).toEqual(Array.from({ length: RUNS }, () => 1));
    expect(delays).toEqual(Array.from({ length: RUNS }, () => 1000));
  }, LOOP_TIMEOUT);

  it('issue 20.4: a 429 asking for minutes (a write limit) is not retried: the error comes at once, with its code', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async () =>
      new Response(JSON.stringify({ type: 'about:blank', title: 'Too Many Requests', status: 429, code: 'tooManyRequests' }), {
        status: 429,
        headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '540' },
      }),
    );
    const started = performance.now();
    const error: unknown = await send('addComment', { params: { reference: 'NAS-2026-00000001' }, body: { text: 'hello' }, idempotencyKey: newIdempotencyKey() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('tooManyRequests');
    // How long to wait goes with the error, for the page to say (src/components/ui/api-error-text.ts).
    expect((error as ApiError).retryAfter).toBe(540);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('Retry-After is capped at 30 s and ignored when not a number', () => {
    expect(retryDelay(0, '1')).toBe(1000);
    expect(retryDelay(0, '3600')).toBe(30_000);
    const fallback = retryDelay(0, 'soon');
    expect(fallback).toBeGreaterThanOrEqual(225);
    expect(fallback).toBeLessThanOrEqual(375);
  });

  it('4xx answers are thrown at once, never retried (one request each)', async () => {
    fastBackoff();
    const reference = await newCase();
    const cases: Array<[string, () => Promise<unknown>, number]> = [
      ['422 validation', () => send('submitComplaint', { body: { ...submission('x'), kind: 'nope' } as never, idempotencyKey: newIdempotencyKey() }), 422],
      ['404 not found', () => send('getCase', { params: { reference: 'NAS-2026-ZZZZZZZZ' } }), 404],
      ['400 no key', () => send('addComment', { params: { reference }, body: { text: 'hi' }, retry: true }), 400],
      ['409 refused', () => send('giveFeedback', { params: { reference }, body: { rating: 5 }, retry: true }), 409],
      [
        '401 signed out',
        async () => {
          await callApi('signOut');
          requests = [];
          return send('getCase', { params: { reference } });
        },
        401,
      ],
    ];
    for (const [label, call, status] of cases) {
      requests = [];
      const error = await call().catch((e: unknown) => e);
      expect(error, label).toBeInstanceOf(ApiError);
      expect((error as ApiError).status, label).toBe(status);
      expect(typeof (error as ApiError).code, label).toBe('string');
      if (requests.length !== 1) counts.wrongRetries++;
      expect(requests, label).toHaveLength(1);
    }
  });

  it('an unkeyed POST is not retried after a 500 (it might not be safe to repeat)', async () => {
    fastBackoff();
    const reference = await newCase();
    injectFaults('requestDeadlockLetter', ['500']);
    await expect(send('requestDeadlockLetter', { params: { reference }, body: { kind: 'deadlock' } })).rejects.toMatchObject({ status: 500 });
    if (sent('requestDeadlockLetter') !== 1) counts.wrongRetries++;
    expect(sent('requestDeadlockLetter')).toBe(1);
    expect((await send('getCase', { params: { reference } })).case.letters).toEqual([]);
  });

  it('409 idempotencyInProgress on a keyed POST is waited out (Retry-After) and retried with the same key', async () => {
    const delays = fastBackoff();
    const reference = await newCase();
    const keys: Array<string | null> = [];
    const addComment = operation('addComment');
    const keyOf = ({ request }: { request: Request }) => {
      if (request.method === 'POST' && request.url.endsWith('/comments')) keys.push(request.headers.get('Idempotency-Key'));
    };
    server.events.on('request:start', keyOf);
    server.use(
      http.post(`*/api${routePattern(addComment.path)}`, () => problemResponse(409, 'idempotencyInProgress', undefined, { 'Retry-After': '1' }), { once: true }),
    );
    const key = newIdempotencyKey();
    const event = await send('addComment', { params: { reference }, body: { text: 'while the first runs' }, idempotencyKey: key });
    expect(event.text).toBe('while the first runs');
    expect(keys).toEqual([key, key]);
    expect(delays).toEqual([1000]);
    expect(await commentsWithText(reference, 'while the first runs')).toBe(1);
    server.events.removeListener('request:start', keyOf);
  });

  it('a 409 that is a refusal (no Retry-After) is not retried, even with a key', async () => {
    fastBackoff();
    const reference = await newCase();
    const addComment = operation('addComment');
    server.use(http.post(`*/api${routePattern(addComment.path)}`, () => problemResponse(409, 'noProposal'), { once: true }));
    await expect(send('addComment', { params: { reference }, body: { text: 'x' }, idempotencyKey: newIdempotencyKey() })).rejects.toMatchObject({ status: 409, code: 'noProposal' });
    if (sent('addComment') !== 1) counts.wrongRetries++;
    expect(sent('addComment')).toBe(1);
  });
});

describe('the same key on every retry: exactly once through the client', () => {
  it(`a submission whose connection drops after the store, then meets a 500 × ${RUNS}: one case, the client sees it created`, async () => {
    fastBackoff();
    const found: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const summary = `dropped then 500 ${i}`;
      injectFaults('submitComplaint', ['dropAfterStore', '500']);
      const result = await send('submitComplaint', { body: submission(summary), idempotencyKey: newIdempotencyKey() }).catch((e: unknown) => e);
      if (result instanceof ApiError) counts.failedWrites++;
      expect(result).not.toBeInstanceOf(ApiError);
      const n = await casesWithSummary(summary);
      tally(counts, n);
      found.push(n);
    }
    expect(found).toEqual(Array.from({ length: RUNS }, () => 1));
  }, LOOP_TIMEOUT);
});

describe("retries are TanStack Query's: one key per action, paused while offline", () => {
  /** The Idempotency-Key of every addComment request sent during `run`. */
  async function keysSent(run: () => Promise<unknown>): Promise<Array<string | null>> {
    const keys: Array<string | null> = [];
    const keyOf = ({ request }: { request: Request }) => {
      if (request.method === 'POST' && request.url.endsWith('/comments')) keys.push(request.headers.get('Idempotency-Key'));
    };
    server.events.on('request:start', keyOf);
    try {
      await run();
    } finally {
      server.events.removeListener('request:start', keyOf);
    }
    return keys;
  }
  /** A write as the hooks make it: its key made from its variables (idempotencyKeyFor), not passed in. */
  const addComment = (reference: string) =>
    new MutationObserver(queryClient, {
      mutationFn: (input: { text: string }) => callApi('addComment', { params: { reference }, body: input, idempotencyKey: idempotencyKeyFor(input) }),
    });

  it('the client alone makes one attempt: a 500 is thrown at once, marked retriable', async () => {
    const reference = await newCase();
    injectFaults('getCase', ['500']);
    const error = await callApi('getCase', { params: { reference } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 500, retriable: true });
    expect(sent('getCase')).toBe(1);
  });

  it('a mutation retried after a network error, a 500 and a 503 sends the same key every time: one comment', async () => {
    fastBackoff();
    const reference = await newCase();
    injectFaults('addComment', ['network', '500', '503']);
    const keys = await keysSent(() => addComment(reference).mutate({ text: 'one key' }));
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[A-Za-z0-9]{16,}$/);
    expect(await commentsWithText(reference, 'one key')).toBe(1);
  });

  it('two actions with the same words are two keys (one per variables, not per text)', async () => {
    const reference = await newCase();
    const keys = await keysSent(async () => {
      await addComment(reference).mutate({ text: 'twice' });
      await addComment(reference).mutate({ text: 'twice' });
    });
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);
  });

  it('a 4xx on a keyed mutation is not retried: one request, its problem', async () => {
    fastBackoff();
    const reference = await newCase();
    const keys = await keysSent(() => addComment(reference).mutate({ text: '' }).catch((e: unknown) => e));
    expect(keys).toHaveLength(1);
  });

  it('offline, a mutation waits and sends nothing; back online it is sent once', async () => {
    const reference = await newCase();
    onlineManager.setOnline(false);
    const observer = addComment(reference);
    const keys = await keysSent(async () => {
      const done = observer.mutate({ text: 'sent when online' });
      await vi.waitFor(() => expect(observer.getCurrentResult().isPaused).toBe(true));
      expect(sent('addComment')).toBe(0);
      onlineManager.setOnline(true);
      await done;
    });
    expect(keys).toHaveLength(1);
    expect(await commentsWithText(reference, 'sent when online')).toBe(1);
  });
});
