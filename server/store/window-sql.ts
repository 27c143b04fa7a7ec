import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../db/schema';

/**
 * The core's window rule (src/core/windows.ts `windowOver`) in SQL, for the statements that must decide it
 * atomically inside the database; server/store/windows.test.ts checks it against the core at its edges.
 */

/** `started + length <= now OR started > now + length`, over a column or expression holding the window's start. */
export function windowOverSql(started: Expression<unknown> | RawBuilder<unknown>, now: Date, lengthMs: number): RawBuilder<SqlBool> {
  const lastStillOpen = new Date(now.getTime() - lengthMs);
  const firstTooLate = new Date(now.getTime() + lengthMs);
  return sql<SqlBool>`(${started} <= ${lastStillOpen} OR ${started} > ${firstTooLate})`;
}

/** An Idempotency-Key's claim whose window is over (`created_at` is when it was claimed). */
export function claimWindowOver(now: Date, lengthMs: number) {
  return (eb: ExpressionBuilder<Database, 'idempotency'>): Expression<SqlBool> => windowOverSql(eb.ref('created_at'), now, lengthMs);
}
