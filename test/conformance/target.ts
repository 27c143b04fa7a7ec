import type { z } from '@/domain/zod';
import { operation, pathOf, type AnyOperation, type OperationId, type PathParams } from '@/api/operations';

/**
 * A back office the API conformance suite (./suite.ts) can run against: the simulated one (MSW, ./msw-target.ts)
 * or the server (./server-target.ts, run by `npm run server:test`). The suite speaks to it only over HTTP requests built from the
 * operation table, and sets it up only through the demo operations (`demoReset`, `setClock`), so any back
 * office started in demo mode passes or fails the same tests.
 *
 * Adding a target is one file with one line, e.g. `server.test.ts`: `runConformance('server', serverTarget)`.
 * A server target provides `baseUrl` and `fetch` (the Hono app's own `app.fetch(request)` in process, or Node's
 * fetch over a socket — neither keeps cookies, which the test browsers do), takes `reset` and `setClock` from
 * `demoControls({ baseUrl, fetch })` (the server must run in demo mode with a simulated provider and the demo
 * seed), and `close` to stop it. `injectFaults` and `reload` are optional: the scenarios that need them are
 * skipped, and "stored, then the answer was lost" becomes the same request sent again with the same key.
 */
export interface Target {
  readonly name: string;
  /** Where the API lives, e.g. `http://localhost/api` (operation paths are appended to it). */
  readonly baseUrl: string;
  /** Answers one request. A connection that drops (or never reaches the back office) throws, as fetch does. */
  fetch(request: Request): Promise<Response>;
  /** Wipes everything (cases, sessions, files, idempotency keys), seeds again on first use, and freezes the clock at `nowIso`. */
  reset(nowIso: string): Promise<void>;
  /** Freezes the back office's clock at `nowIso`. */
  setClock(nowIso: string): Promise<void>;
  /** Queues faults for an operation's next requests (the simulated back office only). */
  injectFaults?(operationId: OperationId, faults: readonly Fault[]): void;
  /**
   * The back office restarts from what it persisted (the simulated one lives in the page, so a reload of the
   * page reopens it). Targets without it skip the tests that need it.
   */
  reload?(): Promise<void>;
  /**
   * Moves the back office's real clock on (sessions, sign-in codes and rate limits run on it; the demo clock
   * never moves them). Targets without it skip the tests that need it.
   */
  advanceRealTime?(ms: number): Promise<void>;
  /**
   * Runs one retention pass (src/core/retention.ts) now, as the server's hourly job does. Targets without it skip
   * the tests that need it.
   */
  runRetention?(): Promise<void>;
  close?(): Promise<void>;
}

/**
 * network         the request never reaches the back office
 * 500 | 503 | 429 the back office answers with that error (503 and 429 with Retry-After: 1)
 * dropAfterStore  the back office stores the change, then the connection drops before the answer arrives
 */
export type Fault = 'network' | '500' | '503' | '429' | 'dropAfterStore';

/** Resets and the clock through the demo operations, for any target that runs in demo mode. */
export function demoControls(target: Pick<Target, 'baseUrl' | 'fetch'>, provider = 'nasstar'): Pick<Target, 'reset' | 'setClock'> {
  const send = async (id: 'demoReset' | 'setClock', body?: unknown) => {
    const op = operation(id);
    const headers = new Headers({ 'X-Redress-Provider': provider });
    if (body !== undefined) headers.set('Content-Type', 'application/json');
    const response = await target.fetch(
      new Request(`${target.baseUrl}${op.path}`, { method: op.method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) }),
    );
    if (response.status !== op.ok[0]) throw new Error(`${id} answered ${response.status}: ${await response.text()}`);
  };
  return {
    reset: async (nowIso) => {
      await send('demoReset');
      await send('setClock', { now: nowIso });
    },
    setClock: (nowIso) => send('setClock', { now: nowIso }),
  };
}

// ---------- the test browser ----------

export interface CallInput<Id extends OperationId> {
  params?: PathParams<Id>;
  query?: Record<string, string | number | undefined>;
  /** A JSON body (sent as given, so a test can send what the schema refuses). */
  body?: unknown;
  /** A body sent as raw text with Content-Type: application/json (malformed JSON). */
  rawJson?: string;
  form?: FormData;
  idempotencyKey?: string;
  headers?: Record<string, string>;
  /** X-Redress-Provider; nasstar unless given. */
  provider?: string;
}

export interface Answer {
  status: number;
  headers: Headers;
  /** The parsed JSON body (problem+json included), or null when there is none or it is not JSON. */
  body: Record<string, unknown> | null;
  /** The raw bytes of a file answer. */
  bytes: Uint8Array;
}

type Ok<Op> = Op extends { ok: readonly [number, infer S] } ? S : never;
type Parsed<Op> = Ok<Op> extends z.ZodType ? z.infer<Ok<Op>> : null;

export interface Agent {
  /** Sends one operation with this browser's cookies and keeps the cookies it sets. Never retries. */
  call<Id extends OperationId>(id: Id, input?: CallInput<Id>): Promise<Answer>;
  /** As `call`, but the answer must be the operation's success status; its body is parsed with the operation's schema. */
  ok<Id extends OperationId>(id: Id, input?: CallInput<Id>): Promise<Parsed<Extract<AnyOperation, { id: Id }>>>;
  cookie(name: string): string | undefined;
  setCookie(name: string, value: string): void;
  clearCookies(): void;
}

export const SESSION_COOKIE = 'redress_session';

/** The pairs of Set-Cookie headers: a cookie set, or removed (empty value or Max-Age=0). */
function applySetCookie(jar: Map<string, string>, headers: Headers) {
  for (const line of headers.getSetCookie()) {
    const [pair = '', ...attributes] = line.split(';');
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attributes.some((a) => /^\s*max-age\s*=\s*(0|-\d+)\s*$/i.test(a));
    if (!value || expired) jar.delete(name);
    else jar.set(name, value);
  }
}

/** A test browser: its own cookie jar, requests built from the operation table (never a hand-typed path). */
export function agent(target: Pick<Target, 'baseUrl' | 'fetch'>): Agent {
  const jar = new Map<string, string>();

  async function call<Id extends OperationId>(id: Id, input: CallInput<Id> = {}): Promise<Answer> {
    const op: AnyOperation = operation(id);
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(input.query ?? {})) if (v !== undefined) search.set(k, String(v));
    const qs = search.size ? `?${search.toString()}` : '';
    const url = `${target.baseUrl}${pathOf(op.path, input.params)}${qs}`;
    const headers = new Headers({ Accept: 'application/json, application/problem+json', 'X-Redress-Provider': input.provider ?? 'nasstar', ...input.headers });
    if (input.idempotencyKey) headers.set('Idempotency-Key', input.idempotencyKey);
    // As a browser does on the portal's own page: a state-changing request names the page's origin.
    if (op.method !== 'GET' && !headers.has('Origin')) headers.set('Origin', new URL(target.baseUrl).origin);
    if (jar.size) headers.set('Cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    let body: BodyInit | undefined;
    if (input.form) body = input.form;
    else if (input.rawJson !== undefined || input.body !== undefined) {
      headers.set('Content-Type', 'application/json');
      body = input.rawJson ?? JSON.stringify(input.body);
    }
    const response = await target.fetch(new Request(url, { method: op.method, headers, ...(body !== undefined ? { body } : {}) }));
    applySetCookie(jar, response.headers);
    const bytes = new Uint8Array(await response.arrayBuffer());
    let parsed: Record<string, unknown> | null = null;
    if (/json/.test(response.headers.get('Content-Type') ?? '') && bytes.length) {
      try {
        parsed = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
      } catch {
        parsed = null;
      }
    }
    return { status: response.status, headers: response.headers, body: parsed, bytes };
  }

  return {
    call,
    async ok(id, input) {
      const op: AnyOperation = operation(id);
      const answer = await call(id, input);
      if (answer.status !== op.ok[0]) throw new Error(`${id}: expected ${op.ok[0]}, got ${answer.status} ${JSON.stringify(answer.body)}`);
      const schema = op.ok[1];
      if (schema === null || schema === 'binary') return null;
      return schema.parse(answer.body) as never;
    },
    cookie: (name) => jar.get(name),
    setCookie: (name, value) => void jar.set(name, value),
    clearCookies: () => jar.clear(),
  };
}
