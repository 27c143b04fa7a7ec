import { CompiledQuery, sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from '../db/schema';

/**
 * Fewer round trips for a unit of work (docs/decisions/0160-sql-literal-inliner.md): a query built with the query
 * builder, its parameters written in as SQL literals, can go in one simple-protocol message with other
 * statements — the caller's scope settings before a read, and the writes nothing reads back (the idempotent
 * reply, a new session, a job) with the COMMIT. Used only by PgTx (./pg-store.ts).
 */

/**
 * A query parameter as an SQL literal, as the driver would send it as text (pg's prepareValue), then escaped
 * with pg's own escapeLiteral. Text with NUL, arrays and bytes are refused: the driver's text forms for them are not what
 * this function would write, and no query that goes through here has one.
 */
export function literalOf(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return pg.escapeLiteral(value.toISOString());
  if (typeof value === 'string') {
    // PostgreSQL's text cannot hold NUL (the driver's parameter is refused too); in a message's text it would end the statement.
    if (value.includes('\0')) throw new Error('literalOf: text with NUL');
    return pg.escapeLiteral(value);
  }
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return pg.escapeLiteral(String(value));
  if (Array.isArray(value) || value instanceof Uint8Array) throw new Error('literalOf: arrays and bytes are not sent as literals');
  return pg.escapeLiteral(JSON.stringify(value));
}

/**
 * A query built with the query builder, with its parameters written in as literals. Only for the builder's own
 * queries: every `$n` in their text is a placeholder (values are never spliced into the text).
 */
export function inlined(query: { sql: string; parameters: readonly unknown[] }): string {
  return query.sql.replace(/\$(\d+)/g, (_, n: string) => {
    const index = Number(n) - 1;
    if (index < 0 || index >= query.parameters.length) throw new Error(`inlined: no parameter $${n}`);
    return literalOf(query.parameters[index]);
  });
}

/** A write sent with the COMMIT. `asServer`: as the connection's own user (pg-boss's tables are not the app role's). */
export interface DeferredWrite {
  sql: string;
  parameters: readonly unknown[];
  asServer: boolean;
}

/** Names of the statements a COMMIT message prepares: unique in the process (and a failed message's are removed). */
const statementPrefix = Math.random().toString(36).slice(2, 8);
let statementCount = 0;

/**
 * The deferred writes as statements of one simple-protocol message: each as PREPARE, EXECUTE with its values as
 * escaped literals, DEALLOCATE — typed exactly as the driver's own unnamed statement would be. `prepared`: the
 * names, to remove them should the message fail part-way (PREPARE is not transactional).
 */
export function deferredWritesSql(writes: readonly DeferredWrite[], appRole: string): { statements: string[]; prepared: string[] } {
  const statements: string[] = [];
  const prepared: string[] = [];
  for (const w of writes) {
    const name = `redress_w_${statementPrefix}_${++statementCount}`;
    prepared.push(name);
    if (w.asServer) statements.push('SET LOCAL ROLE NONE');
    statements.push(`PREPARE ${name} AS ${w.sql}`, `EXECUTE ${name}${w.parameters.length ? `(${w.parameters.map(literalOf).join(', ')})` : ''}`, `DEALLOCATE ${name}`);
    if (w.asServer) statements.push(`SET LOCAL ROLE ${appRole}`);
  }
  return { statements, prepared };
}

/** Removes what a failed COMMIT message left prepared on its connection. */
export async function dropPrepared(conn: Kysely<Database>, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  const { rows } = await sql<{ name: string }>`SELECT name FROM pg_prepared_statements WHERE name = ANY(${names})`.execute(conn).catch(() => ({ rows: [] }));
  for (const { name } of rows) await sql.raw(`DEALLOCATE ${name}`).execute(conn).catch(() => undefined);
}

/** Sends a query with statements before it in the same message (they run first); the query's rows. */
export async function afterStatements<O>(conn: Kysely<Database>, before: string, query: CompiledQuery<O>): Promise<O[]> {
  return (await conn.executeQuery<O>(CompiledQuery.raw(`${before}; ${inlined(query)}`))).rows;
}
