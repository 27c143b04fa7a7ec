import type { z } from '@/domain/zod';
import { problemSchema, type Problem } from './schemas';
import { operation, pathOf, type AnyOperation, type OperationId, type PathParams } from './operations';
import { currentProviderId } from '@/lib/provider';
import { saveFile } from '@/lib/save-file';

export { retryDelay, retryDelayOf, shouldRetry } from './retry';

/**
 * The one API client. Components never call fetch: features call this through their query
 * and mutation hooks. Responses are parsed with the contract's schemas; every failure becomes
 * an ApiError carrying a problem+json body (RFC 9457) the UI can translate.
 */

export class ApiError extends Error {
  /** `retryAfter`: a 429's or 503's Retry-After, in seconds (null when absent or not a number). */
  constructor(
    readonly problem: Problem,
    readonly retryAfter: number | null = null,
    /** Whether sending the same request again is safe and may help (./retry.ts `shouldRetry`). */
    readonly retriable = false,
  ) {
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

interface RequestOptions<T extends z.ZodType | null> {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  /** multipart upload */
  form?: FormData;
  schema: T;
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** Whether TanStack Query may retry it (network errors, 5xx, 429). Defaults to on for GET and for keyed requests. */
  retry?: boolean;
  timeoutMs?: number;
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

async function apiRequest<T extends z.ZodType | null>(
  path: string,
  options: RequestOptions<T>,
): Promise<T extends z.ZodType ? z.infer<T> : null> {
  const method = options.method ?? 'GET';
  const retry = options.retry ?? (method === 'GET' || Boolean(options.idempotencyKey));
  const headers = new Headers({ Accept: 'application/json, application/problem+json', 'X-Redress-Provider': currentProviderId() });
  if (options.idempotencyKey) headers.set('Idempotency-Key', options.idempotencyKey);
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    const signals = [AbortSignal.timeout(options.timeoutMs ?? 20_000), ...(options.signal ? [options.signal] : [])];
    // The session is an HttpOnly cookie on the portal's own origin: the page never holds a token.
    response = await fetch(`${apiBaseUrl()}${path}`, { method, headers, body, credentials: 'same-origin', signal: AbortSignal.any(signals) });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw new ApiError(localProblem(0, offline ? 'offline' : timedOut ? 'timeout' : 'network'), null, retry);
  }
  if (response.ok) {
    if (options.schema === null || response.status === 204) return null as never;
    const data: unknown = await response.json();
    const parsed = options.schema.safeParse(data);
    if (!parsed.success) throw new ApiError(localProblem(response.status, 'unexpectedResponse'));
    return parsed.data as never;
  }
  const header = response.headers.get('Retry-After');
  const retryAfter = Number(header) >= 0 && header?.trim() ? Number(header) : null;
  // 409 idempotencyInProgress: the first request with this key is still running; its answer comes on a retry.
  const inProgress = response.status === 409 && Boolean(options.idempotencyKey) && header !== null;
  // A 429 that asks for minutes (a write limit, issue 20.4) is answered at once: the page says so, nothing is lost.
  const retriable = response.status >= 500 || (response.status === 429 && Number(header) <= 30) || inProgress;
  throw new ApiError(await problemFrom(response), retryAfter, retry && retriable);
}

type Ok<Op> = Op extends { ok: readonly [number, infer S] } ? S : never;
type Answer<Op> = Ok<Op> extends z.ZodType ? z.infer<Ok<Op>> : null;
type BodyOf<Op> = Op extends { body: infer B } ? (B extends z.ZodType ? z.input<B> : never) : never;

export interface CallOptions<Id extends OperationId> {
  params?: PathParams<Id>;
  query?: Record<string, string | number | undefined>;
  body?: BodyOf<Extract<AnyOperation, { id: Id }>>;
  form?: FormData;
  idempotencyKey?: string;
  signal?: AbortSignal;
  retry?: boolean;
  timeoutMs?: number;
}

/** Calls one operation of the contract (./operations.ts): its method and path come from the table, its answer is parsed with its schema. */
export function callApi<Id extends OperationId>(id: Id, options: CallOptions<Id> = {}): Promise<Answer<Extract<AnyOperation, { id: Id }>>> {
  const op: AnyOperation = operation(id);
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined && v !== '') search.set(k, String(v));
  const qs = search.size ? `?${search.toString()}` : '';
  const schema = op.ok[1] === 'binary' ? null : op.ok[1];
  return apiRequest(`${pathOf(op.path, options.params as Record<string, string> | undefined)}${qs}`, {
    method: op.method,
    schema,
    ...(options.body !== undefined ? { body: options.body } : {}),
    ...(options.form ? { form: options.form } : {}),
    ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.retry !== undefined ? { retry: options.retry } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  }) as never;
}

/** The bytes of a file an operation answers with (the session cookie goes with the request). */
export async function fetchFile<Id extends OperationId>(id: Id, params: PathParams<Id>): Promise<Uint8Array> {
  const op: AnyOperation = operation(id);
  const response = await fetch(`${apiBaseUrl()}${pathOf(op.path, params)}`, {
    headers: { 'X-Redress-Provider': currentProviderId() },
    credentials: 'same-origin',
  });
  if (!response.ok) throw new ApiError(await problemFrom(response));
  return new Uint8Array(await response.arrayBuffer());
}

/** Downloads a file an operation answers with and hands it to the browser under `name`. */
export async function downloadFile<Id extends OperationId>(id: Id, params: PathParams<Id>, name: string): Promise<void> {
  const bytes = await fetchFile(id, params);
  saveFile(bytes as BlobPart, name);
}

/** A key the server uses to recognise a retry of the same request (16–128 URL-safe characters). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID().replace(/-/g, '');
}

const keysOfVariables = new WeakMap<object, string>();
/**
 * The Idempotency-Key of one user action: TanStack Query calls a mutationFn again with the same variables object
 * on each retry, so the key made for that object on the first attempt goes with every retry of it.
 */
export function idempotencyKeyFor(variables: object): string {
  let key = keysOfVariables.get(variables);
  if (key === undefined) keysOfVariables.set(variables, (key = newIdempotencyKey()));
  return key;
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
