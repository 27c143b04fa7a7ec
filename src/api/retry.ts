/**
 * Whether and when TanStack Query (../lib/query-client.ts) tries a failed request again, from what the API client's
 * ApiError (./client.ts) says of it. Kept apart from the client, and free of its class, so the app's QueryClient in
 * the first chunk pulls in neither the client's schemas (zod) nor more than these few lines.
 */

/** What an ApiError says about trying again (read without importing the class). */
interface RetryHints {
  retriable?: unknown;
  retryAfter?: unknown;
}
const hints = (error: unknown): RetryHints => (typeof error === 'object' && error !== null ? error : {});

/**
 * Retries are TanStack Query's (../lib/query-client.ts: `retry: shouldRetry`, `retryDelay`), so they pause while
 * the browser is offline and resume when it is back; the client makes one attempt and says on the error whether
 * another may be made. A mutation's retries run its mutationFn again with the same variables, so its
 * Idempotency-Key is made once per variables (client.ts `idempotencyKeyFor`), never per attempt.
 */
const RETRIES = 3;

/** Network errors, 5xx, a 429 asking for at most 30 s, and a keyed request's 409 in progress; never another 4xx; at most 3 retries. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  return failureCount < RETRIES && hints(error).retriable === true;
}

/** Backoff: honours Retry-After (seconds), else 300 ms, 900 ms, 2.7 s with jitter. */
export function retryDelay(attempt: number, retryAfter: string | null): number {
  const seconds = retryAfter ? Number(retryAfter) : NaN;
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds, 30) * 1000;
  return 300 * 3 ** attempt * (0.75 + Math.random() * 0.5);
}

/** TanStack Query's retryDelay: the backoff for this failure, with its answer's Retry-After. */
export const retryDelayOf = (failureCount: number, error: unknown) => {
  const { retryAfter } = hints(error);
  return retryDelay(failureCount, typeof retryAfter === 'number' ? String(retryAfter) : null);
};

