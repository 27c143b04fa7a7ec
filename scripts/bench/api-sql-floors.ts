/**
 * Two more floors for `npm run bench:api` (docs/decisions/0093-api-benchmark.md): the SQL that a complaint creation
 * and a guest case read must send, alone — no HTTP, no validation, no rules — through the same driver, pool and
 * tables as the server, in the fewest round trips the design allows. They say how much of a budget is left for
 * everything else: a budget the SQL alone cannot meet, no server can.
 *
 * Creation (issue 11, points 4–6): the idempotency claim, committed on its own so a concurrent repeat sees it;
 * then one message — BEGIN, the role and the caller's scope the row-level-security policies read, the case, its
 * first timeline event, the timed check's job (as the connection's own user: pg-boss's table), the guest session,
 * the stored reply — and COMMIT. Read: the session by token hash, then the case under the scope that session gives
 * (the second depends on the first: two messages, each its own implicit transaction).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
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
const lit = (value: string) => pg.escapeLiteral(value);
/** The references the creation floor writes (removed afterwards): no case of the server's ('NAS-2026-…') starts so. */
const FLOOR_PREFIX = 'NAS-FLOOR-';
const FLOOR_SCOPE = 'bench-floor';

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
export async function readGuestCase(pool: pg.Pool, tokenHash: string, reference?: string): Promise<unknown> {
  type Rows<R extends pg.QueryResultRow> = pg.QueryResult<R>[];
  const sessions = (await pool.query(`SET LOCAL ROLE redress_app; SELECT scope FROM sessions WHERE token_hash = ${lit(tokenHash)}`)) as unknown as Rows<{ scope: { kind: string; reference: string } }>;
  const scope = sessions[1]?.rows[0]?.scope;
  if (scope?.kind !== 'guest' || (reference !== undefined && scope.reference !== reference)) return null;
  const sql = `SET LOCAL ROLE redress_app; ${scopeSql({ kind: 'guest', providerId: 'nasstar', reference: scope.reference })}; SELECT data FROM cases WHERE reference = ${lit(scope.reference)} AND provider_id = 'nasstar'`;
  const cases = (await pool.query(sql)) as unknown as Rows<{ data: unknown }>;
  return cases[2]?.rows[0]?.data ?? null;
}

/** A complaint creation's SQL alone (see the file's comment), each writing a copy of a case the run created. */
export async function creationSqlFloor(url: string, concurrency: number, poolSize: number, limits: Limits): Promise<LoadResult> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  try {
    const { rows } = await pool.query<{ data: Record<string, unknown> }>('SELECT data FROM cases ORDER BY first_complained_at DESC LIMIT 1');
    const sample = rows[0]?.data;
    if (!sample) throw new Error('creationSqlFloor: no case to copy');
    return await measure(concurrency, limits, async () => {
      const client = await pool.connect();
      try {
        const key = randomUUID();
        const reference = `${FLOOR_PREFIX}${randomBytes(4).toString('hex').toUpperCase()}`;
        const now = new Date().toISOString();
        const due = new Date(Date.now() + 2 * 86_400_000).toISOString();
        const data = JSON.stringify({ ...sample, reference });
        await client.query('INSERT INTO idempotency (scope, key, fingerprint, state, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (scope, key) DO NOTHING RETURNING key', [FLOOR_SCOPE, key, 'f'.repeat(64), 'in_progress', now]);
        const event = JSON.stringify({ id: randomUUID(), type: 'submitted', at: now, actor: 'customer', stageId: 'complaintsTeam' });
        await client.query(
          [
            'BEGIN',
            'SET LOCAL ROLE redress_app',
            scopeSql({ kind: 'provider', providerId: 'nasstar' }),
            `INSERT INTO cases (reference, provider_id, customer_id, organisation_id, status, stage_id, updated_at, first_complained_at, next_deadline_at, search_words, ref_compact, data) VALUES (${lit(reference)}, 'nasstar', NULL, NULL, 'submitted', 'complaintsTeam', ${lit(now)}, ${lit(now)}, ${lit(due)}, ' bench floor', ${lit(reference.replace(/-/g, '').toLowerCase())}, ${lit(data)}) ON CONFLICT (reference) DO NOTHING RETURNING reference`,
            'SET LOCAL ROLE NONE',
            `INSERT INTO pgboss.job (id, name, data, start_after, keep_until) VALUES (gen_random_uuid(), 'case-check', ${lit(JSON.stringify({ reference, dueAt: due }))}, ${lit(due)}, ${lit(due)}::timestamptz + interval '14 days') ON CONFLICT DO NOTHING`,
            'SET LOCAL ROLE redress_app',
            `INSERT INTO sessions (token_hash, provider_id, scope, created_at, last_seen_at) VALUES (${lit(randomBytes(32).toString('hex'))}, 'nasstar', ${lit(JSON.stringify({ kind: 'guest', reference, email: 'bench@example.com' }))}, ${lit(now)}, ${lit(now)})`,
            `INSERT INTO idempotency (scope, key, created_at, fingerprint, state, status, body) VALUES (${lit(FLOOR_SCOPE)}, ${lit(key)}, ${lit(now)}, ${lit('f'.repeat(64))}, 'done', 201, ${lit(JSON.stringify({ case: JSON.parse(data) as unknown }))}) ON CONFLICT (scope, key) DO UPDATE SET state = excluded.state, status = excluded.status, body = excluded.body`,
            `INSERT INTO case_events (reference, event_id, at, event) VALUES (${lit(reference)}, ${lit(randomUUID())}, ${lit(now)}::timestamptz, ${lit(event)}::jsonb)`,
            'COMMIT',
          ].join('; '),
        );
      } finally {
        client.release();
      }
    });
  } finally {
    // As the connection's own user: the floor's rows go (its events with their cases).
    await pool.query(`DELETE FROM pgboss.job WHERE name = 'case-check' AND data->>'reference' LIKE '${FLOOR_PREFIX}%'`);
    await pool.query(`DELETE FROM sessions WHERE scope->>'reference' LIKE '${FLOOR_PREFIX}%'`);
    await pool.query(`DELETE FROM cases WHERE reference LIKE '${FLOOR_PREFIX}%'`);
    await pool.query('DELETE FROM idempotency WHERE scope = $1', [FLOOR_SCOPE]);
    await pool.end();
  }
}

/** A guest case read's SQL alone (see the file's comment), over guest sessions the run created. */
export async function readSqlFloor(url: string, concurrency: number, poolSize: number, limits: Limits): Promise<LoadResult> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
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
