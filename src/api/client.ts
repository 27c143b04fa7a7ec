import type { z } from '@/domain/zod';
import { problemSchema, type Problem } from './schemas';
import { currentProviderId } from '@/lib/provider';
import { sessionToken } from '@/lib/session-token';

/**
 * The one API client. Components never call fetch: features call this through their query
 * and mutation hooks. Responses are parsed with the contract's schemas; every failure becomes
 * an ApiError carrying a problem+json body (RFC 9457) the UI can translate.
 */

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.status} ${problem.code}`);
    this.name = 'ApiError';
  }
  get status() {
    return this.problem.status;
  }
  get code() {
    return this.problem.code;
  }
  /** Field errors keyed by dotted path, e.g. { 'aboutYou.email': 'invalidEmail' }. */
  get fieldErrors(): Record<string, string> {
    return Object.fromEntries((this.problem.errors ?? []).map((e) => [e.path, e.code]));
  }
}

const localProblem = (status: number, code: string): Problem => ({ type: 'about:blank', title: code, status, code });

export function apiBaseUrl(): string {
  if (__MOCKING__) return `${globalThis.location?.origin ?? 'http://localhost'}/api`;
  return (import.meta.env.VITE_API_BASE_URL ?? '/api').replace(/\/$/, '');
}

export interface RequestOptions<T extends z.ZodType | null> {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  /** multipart upload */
  form?: FormData;
  schema: T;
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** Retries on network errors, 5xx and 429. Defaults to on for GET and for keyed requests. */
  retry?: boolean;
  timeoutMs?: number;
}

const RETRIES = 3;
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    });
  });

/** Backoff: honours Retry-After (seconds), else 300 ms, 900 ms, 2.7 s with jitter. */
export function retryDelay(attempt: number, retryAfter: string | null): number {
  const seconds = retryAfter ? Number(retryAfter) : NaN;
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds, 30) * 1000;
  return 300 * 3 ** attempt * (0.75 + Math.random() * 0.5);
}

async function problemFrom(response: Response): Promise<Problem> {
  try {
    const parsed = problemSchema.safeParse(await response.json());
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON: fall through
  }
  return localProblem(response.status, response.status >= 500 ? 'serverError' : 'requestFailed');
}

export async function apiRequest<T extends z.ZodType | null>(
  path: string,
  options: RequestOptions<T>,
): Promise<T extends z.ZodType ? z.infer<T> : null> {
  const method = options.method ?? 'GET';
  const retry = options.retry ?? (method === 'GET' || Boolean(options.idempotencyKey));
  const headers = new Headers({ Accept: 'application/json, application/problem+json', 'X-Redress-Provider': currentProviderId() });
  const token = sessionToken.get();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  if (options.idempotencyKey) headers.set('Idempotency-Key', options.idempotencyKey);
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(options.body);
  }

  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      const signals = [AbortSignal.timeout(options.timeoutMs ?? 20_000), ...(options.signal ? [options.signal] : [])];
      response = await fetch(`${apiBaseUrl()}${path}`, { method, headers, body, signal: AbortSignal.any(signals) });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      if (retry && attempt < RETRIES) {
        await sleep(retryDelay(attempt, null), options.signal);
        continue;
      }
      const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      throw new ApiError(localProblem(0, offline ? 'offline' : timedOut ? 'timeout' : 'network'));
    }
    if (response.ok) {
      if (options.schema === null || response.status === 204) return null as never;
      const data: unknown = await response.json();
      const parsed = options.schema.safeParse(data);
      if (!parsed.success) throw new ApiError(localProblem(response.status, 'unexpectedResponse'));
      return parsed.data as never;
    }
    const retriable = response.status >= 500 || response.status === 429;
    if (retry && retriable && attempt < RETRIES) {
      await sleep(retryDelay(attempt, response.headers.get('Retry-After')), options.signal);
      continue;
    }
    throw new ApiError(await problemFrom(response));
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
