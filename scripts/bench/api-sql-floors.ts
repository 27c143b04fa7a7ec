/**
 * Two more floors for `npm run bench:api` (docs/decisions/0093-api-benchmark.md): the SQL that a complaint creation
 * and a guest case read must send, alone — no HTTP, no validation, no rules — through the same driver, pool and
 * tables as the server, in the fewest round trips the design allows. They say how much of a budget is left for
 * everything else: a budget the SQL alone cannot meet, no server can.
 *
 * Creation (issue 11, points 4–6): the idempotency claim, committed on its own so a concurrent repeat sees it;
 * then one message — BEGIN, the role and the caller's scope the row-level-security policies read, the feed's lock
 * taken shared (decision 0184: every transaction that stores events), the case, its first timeline event, the
 * customer's acknowledgement (its case_messages row, issue 24's notifications), the timed check's job and the
 * acknowledgement's delivery job (as the connection's own user: pg-boss's table), the guest session, the stored
 * reply — and COMMIT. The delivery jobs are due in two days, so that no instance sends the floor's messages while
 * it is measured (docs/decisions/0188-creation-floor-writes-the-acknowledgement.md). Read: the session by token
 * hash, then the case under the scope that session gives (the second depends on the first: two messages, each its
 * own implicit transaction).
 *
 * Every statement is PREPAREd once per connection and sent as EXECUTE with its values written in, as the server
 * keeps its own (decisions 0185, 0186): a floor that parsed and planned each statement per request would cost
 * PostgreSQL more than the server does, and would not be a floor (decision 0188).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { literalOf } from '../../server/store/pg-batch';
import { FEED_LOCK } from '../../server/store/pg-provider';
import { scopeSql } from '../../server/store/scope-sql';

/** One phase of load: closed loop at `concurrency`, with throughput and latencies (also the bench's own phases). */
export interface LoadResult {
  concurrency: number;
  requests: number;
  seconds: number;
  throughput: number;
  p50: number;
  p99: number;
  serverErrors: number;
  otherNon2xx: number;
}

interface Limits {
  seconds: number;
  maxRequests: number;
}

export const round = (n: number) => Math.round(n * 10) / 10;
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
/** The references the creation floor writes (removed afterwards): no case of the server's ('NAS-2026-…') starts so. */
const FLOOR_PREFIX = 'NAS-FLOOR-';
const FLOOR_SCOPE = 'bench-floor';

/** The floors' statements, PREPAREd on each connection of a floor's pool when it opens (`floorPool`). */
const FLOOR_STATEMENTS = {
  floor_claim: 'INSERT INTO idempotency (scope, key, fingerprint, state, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (scope, key) DO NOTHING RETURNING key',
  floor_feed_lock: 'SELECT pg_advisory_xact_lock_shared($1)',
  floor_case:
    "INSERT INTO cases (reference, provider_id, customer_id, organisation_id, status, stage_id, updated_at, first_complained_at, next_deadline_at, search_words, ref_compact, data) VALUES ($1, 'nasstar', NULL, NULL, 'submitted', 'complaintsTeam', $2, $2, $3, ' bench floor', $4, $5) ON CONFLICT (reference) DO NOTHING RETURNING reference",
  floor_event: 'INSERT INTO case_events (reference, event_id, at, event) VALUES ($1, $2, $3, $4)',
  floor_message: 'INSERT INTO case_messages SELECT * FROM jsonb_populate_record(NULL::case_messages, $1::jsonb) ON CONFLICT (event_id, channel) DO NOTHING',
  floor_job: "INSERT INTO pgboss.job (id, name, data, start_after, keep_until) VALUES (gen_random_uuid(), $1, $2::jsonb, $3::timestamptz, $3::timestamptz + interval '14 days') ON CONFLICT DO NOTHING",
  floor_session: "INSERT INTO sessions (token_hash, provider_id, scope, created_at, last_seen_at) VALUES ($1, 'nasstar', $2, $3, $3)",
  floor_reply:
    "INSERT INTO idempotency (scope, key, created_at, fingerprint, state, status, body) VALUES ($1, $2, $3, $4, 'done', 201, $5) ON CONFLICT (scope, key) DO UPDATE SET state = excluded.state, status = excluded.status, body = excluded.body",
  floor_session_read: 'SELECT scope FROM sessions WHERE token_hash = $1',
  floor_case_read: "SELECT data FROM cases WHERE reference = $1 AND provider_id = 'nasstar'",
} as const;

/** `EXECUTE name(values…)`, the values written in as the server writes them (pg-batch's `literalOf`), typed by the PREPARE. */
const execute = (name: keyof typeof FLOOR_STATEMENTS, ...values: (string | number)[]) => `EXECUTE ${name}(${values.map(literalOf).join(', ')})`;

const PREPARE_ALL = Object.entries(FLOOR_STATEMENTS)
  .map(([name, sql]) => `PREPARE ${name} AS ${sql}`)
  .join('; ');

/** A pool made by `floorPool`: its connections have the floors' statements prepared (a plain pool's would not). */
export type FloorPool = pg.Pool & { readonly __floorStatements: true };

/**
 * A pool whose every connection has the floors' statements prepared before it is first handed out (pg-pool waits for
 * `onConnect`; a connection whose PREPARE failed is closed and its checkout fails, rather than failing every EXECUTE).
 */
export function floorPool(url: string, max: number): FloorPool {
  const prepare = async (client: pg.ClientBase): Promise<void> => {
    await client.query(PREPARE_ALL);
  };
  // @types/pg types the hook as returning void, but pg-pool (3.14, node_modules/pg-pool/index.js) awaits what it returns.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- the hook's promise is awaited (see above)
  return new pg.Pool({ connectionString: url, max, onConnect: prepare }) as FloorPool;
}

/** Runs `one` in a closed loop at `concurrency` until the limits; a throw counts as an error. */
export async function measure(concurrency: number, limits: Limits, one: (i: number) => Promise<void>): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  const end = started + limits.seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end && next < limits.maxRequests) {
        const i = next++;
        const t = performance.now();
        try {
          await one(i);
          latencies.push(performance.now() - t);
        } catch {
          errors++;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { concurrency, requests: latencies.length, seconds: round(seconds), throughput: round(latencies.length / seconds), p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)), serverErrors: errors, otherNon2xx: 0 };
}

/**
 * A guest case read's SQL, and nothing else: the session by token hash, then the case under the scope the server
 * gives the policies (pg-store's `scopeSql`) — two messages, each its own implicit transaction as redress_app.
 * Null when the session is not a guest's or the case is not visible to it.
 */
export async function readGuestCase(pool: FloorPool, tokenHash: string, reference?: string): Promise<unknown> {
  type Rows<R extends pg.QueryResultRow> = pg.QueryResult<R>[];
  const sessions = (await pool.query(`SET LOCAL ROLE redress_app; ${execute('floor_session_read', tokenHash)}`)) as unknown as Rows<{ scope: { kind: string; reference: string } }>;
  const scope = sessions[1]?.rows[0]?.scope;
  if (scope?.kind !== 'guest' || (reference !== undefined && scope.reference !== reference)) return null;
  const sql = `SET LOCAL ROLE redress_app; ${scopeSql({ kind: 'guest', providerId: 'nasstar', reference: scope.reference })}; ${execute('floor_case_read', scope.reference)}`;
  const cases = (await pool.query(sql)) as unknown as Rows<{ data: unknown }>;
  return cases[2]?.rows[0]?.data ?? null;
}

/** A complaint creation's SQL alone (see the file's comment), each writing a copy of a case the run created. */
export async function creationSqlFloor(url: string, concurrency: number, poolSize: number, limits: Limits): Promise<LoadResult> {
  const pool = floorPool(url, poolSize);
  try {
    const { rows } = await pool.query<{ data: Record<string, unknown> }>('SELECT data FROM cases ORDER BY first_complained_at DESC LIMIT 1');
    const sample = rows[0]?.data;
    if (!sample) throw new Error('creationSqlFloor: no case to copy');
    // The acknowledgement the server wrote for that case, copied as the case is (its own id, event and reference), as
    // the server writes it at creation: waiting to be sent, not tried, its text composed only when it is sent (by the
    // time the floor runs the original has been sent).
    const { rows: acknowledgements } = await pool.query<{ message: Record<string, unknown> }>('SELECT to_jsonb(m) AS message FROM case_messages m WHERE reference = $1 ORDER BY created_at LIMIT 1', [sample.reference]);
    const acknowledgement = acknowledgements[0]?.message;
    if (!acknowledgement) throw new Error('creationSqlFloor: the case to copy has no acknowledgement');
    return await measure(concurrency, limits, async () => {
      const client = await pool.connect();
      try {
        const key = randomUUID();
        const reference = `${FLOOR_PREFIX}${randomBytes(4).toString('hex').toUpperCase()}`;
        const now = new Date().toISOString();
        const due = new Date(Date.now() + 2 * 86_400_000).toISOString();
        const data = JSON.stringify({ ...sample, reference });
        await client.query(execute('floor_claim', FLOOR_SCOPE, key, 'f'.repeat(64), 'in_progress', now));
        const eventId = randomUUID();
        const event = JSON.stringify({ id: eventId, type: 'submitted', at: now, actor: 'customer', stageId: 'complaintsTeam' });
        const messageId = `msg_${randomBytes(12).toString('hex')}`;
        const message = JSON.stringify({ ...acknowledgement, id: messageId, reference, event_id: eventId, created_at: now, status: 'pending', attempts: 0, last_error: null, done_at: null, subject: null, body: null });
        await client.query(
          [
            'BEGIN',
            'SET LOCAL ROLE redress_app',
            scopeSql({ kind: 'provider', providerId: 'nasstar' }),
            execute('floor_feed_lock', FEED_LOCK),
            execute('floor_case', reference, now, due, reference.replace(/-/g, '').toLowerCase(), data),
            execute('floor_message', message),
            'SET LOCAL ROLE NONE',
            execute('floor_job', 'case-check', JSON.stringify({ reference, dueAt: due }), due),
            execute('floor_job', 'deliver-message', JSON.stringify({ messageId }), due),
            'SET LOCAL ROLE redress_app',
            execute('floor_session', randomBytes(32).toString('hex'), JSON.stringify({ kind: 'guest', reference, email: 'bench@example.com' }), now),
            execute('floor_reply', FLOOR_SCOPE, key, now, 'f'.repeat(64), JSON.stringify({ case: JSON.parse(data) as unknown })),
            execute('floor_event', reference, eventId, now, event),
            'COMMIT',
          ].join('; '),
        );
      } finally {
        client.release();
      }
    });
  } finally {
    // As the connection's own user: the floor's rows go (its events with their cases).
    await pool.query(`DELETE FROM pgboss.job WHERE name = 'deliver-message' AND data->>'messageId' IN (SELECT id FROM case_messages WHERE reference LIKE '${FLOOR_PREFIX}%')`);
    await pool.query(`DELETE FROM pgboss.job WHERE name = 'case-check' AND data->>'reference' LIKE '${FLOOR_PREFIX}%'`);
    await pool.query(`DELETE FROM case_messages WHERE reference LIKE '${FLOOR_PREFIX}%'`);
    await pool.query(`DELETE FROM sessions WHERE scope->>'reference' LIKE '${FLOOR_PREFIX}%'`);
    await pool.query(`DELETE FROM cases WHERE reference LIKE '${FLOOR_PREFIX}%'`);
    await pool.query('DELETE FROM idempotency WHERE scope = $1', [FLOOR_SCOPE]);
    await pool.end();
  }
}

/** A guest case read's SQL alone (see the file's comment), over guest sessions the run created. */
export async function readSqlFloor(url: string, concurrency: number, poolSize: number, limits: Limits): Promise<LoadResult> {
  const pool = floorPool(url, poolSize);
  try {
    const { rows: guests } = await pool.query<{ token_hash: string }>(`SELECT token_hash FROM sessions WHERE scope->>'kind' = 'guest' LIMIT 2000`);
    if (guests.length === 0) throw new Error('readSqlFloor: no guest sessions to read with');
    return await measure(concurrency, limits, async (i) => {
      if ((await readGuestCase(pool, guests[i % guests.length]!.token_hash)) === null) throw new Error('readSqlFloor: case not found');
    });
  } finally {
    await pool.end();
  }
}
