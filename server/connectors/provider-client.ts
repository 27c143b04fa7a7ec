import { operation, pathOf, PROVIDER_API_BASE, type ProviderOperation } from '@/api/operations';
import { problemSchema } from '@/api/schemas';
import type { z } from '@/domain/zod';

/**
 * The provider's API as a connector calls it (docs/decisions/0150-connector-runtime.md): over HTTP with the
 * integration key, so a connector runs the same inside the server (its `fetch` in process) or as a process
 * of its own (a URL). Answers are parsed with the operation table's schemas. A `429` or a `503` is waited out
 * as its `Retry-After` says (bounded), and so is a repeat that finds the first still running; anything else
 * that fails is a `ProviderApiError` for the runtime to record.
 */

export type Fetch = (request: Request) => Promise<Response>;

export class ProviderApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`provider API ${status} ${code}`);
    this.name = 'ProviderApiError';
  }
}

type OkSchema<O extends ProviderOperation> = O['ok'][1] extends z.ZodType ? z.infer<O['ok'][1]> : O['ok'][1] extends 'binary' ? Uint8Array : null;

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** Required by idempotent operations: derive it from the other system's ids, so a repeat is a replay. */
  idempotencyKey?: string;
}

export interface ProviderApiClientOptions {
  /** The server's origin, e.g. http://127.0.0.1:3000 (in process: any origin, with the app's own fetch). */
  baseUrl: string;
  key: string;
  fetch?: Fetch;
  /** Waits (tests pass one that does not sleep). */
  sleep?: (ms: number) => Promise<void>;
  /** The longest single wait a Retry-After may ask for before the call gives up (default 60 s). */
  maxWaitMs?: number;
}

export class ProviderApiClient {
  private readonly fetch: Fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxWaitMs: number;

  constructor(private readonly options: ProviderApiClientOptions) {
    this.fetch = options.fetch ?? ((request) => fetch(request));
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
  }

  async call<Id extends ProviderOperation['id']>(id: Id, opts: CallOptions = {}): Promise<OkSchema<Extract<ProviderOperation, { id: Id }>>> {
    const op = operation(id) as ProviderOperation;
    const url = new URL(`${PROVIDER_API_BASE}${pathOf(op.path, opts.params)}`, this.options.baseUrl);
    for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
    for (let attempt = 0; ; attempt++) {
      const headers = new Headers({ Authorization: `Bearer ${this.options.key}`, Accept: 'application/json' });
      if (opts.body !== undefined) headers.set('Content-Type', 'application/json');
      if (op.idempotent) {
        if (!opts.idempotencyKey) throw new Error(`${id} needs an Idempotency-Key`);
        headers.set('Idempotency-Key', opts.idempotencyKey);
      }
      const response = await this.fetch(
        new Request(url, { method: op.method, headers, ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}) }),
      );
      if (response.ok) return (await this.parse(op, response)) as OkSchema<Extract<ProviderOperation, { id: Id }>>;
      const problem = problemSchema.safeParse(await response.json().catch(() => null));
      const code = problem.success ? problem.data.code : 'unknown';
      const wait = retryAfterMs(response);
      const waitable = response.status === 429 || response.status === 503 || (response.status === 409 && code === 'idempotencyInProgress');
      if (waitable && attempt < 5 && wait <= this.maxWaitMs) {
        await this.sleep(wait);
        continue;
      }
      throw new ProviderApiError(response.status, code);
    }
  }

  private async parse(op: ProviderOperation, response: Response): Promise<unknown> {
    const schema = op.ok[1];
    if (schema === null) return null;
    if (schema === 'binary') return new Uint8Array(await response.arrayBuffer());
    return schema.parse(await response.json());
  }
}

/** `Retry-After` in seconds or as a date; 1 s when absent. */
export function retryAfterMs(response: Response, now = Date.now()): number {
  const header = response.headers.get('Retry-After');
  if (!header) return 1000;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? 1000 : Math.max(0, at - now);
}
