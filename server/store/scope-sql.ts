import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import pg from 'pg';
import { noScopeSettings, ruleOf, scopeSettings, type CaseScope } from '@/core/visibility';
import type { Database } from '../db/schema';

/**
 * The core's visibility rule (src/core/visibility.ts) in SQL: as a WHERE clause for the store's queries, and
 * as the transaction-local settings the row-level-security policy reads (migration 0005). Both are made from
 * `ruleOf`, so no kind of caller is named here; server/store/visibility.test.ts checks them case by case.
 */

type CaseRowExpression = ExpressionBuilder<Database, 'cases'>;

/** The cases a scope admits, as a WHERE clause. */
export function inScope(scope: CaseScope) {
  const r = ruleOf(scope);
  return (eb: CaseRowExpression): Expression<SqlBool> => {
    const provider = eb('cases.provider_id', '=', r.providerId);
    if (r.all) return provider;
    const any: Expression<SqlBool>[] = [];
    if (r.customerId !== null) any.push(eb('cases.customer_id', '=', r.customerId));
    if (r.organisationId !== null) any.push(eb('cases.organisation_id', '=', r.organisationId));
    if (r.reference !== null) any.push(eb('cases.reference', '=', r.reference));
    if (any.length === 0) return sql<SqlBool>`false`;
    return eb.and([provider, any.length === 1 ? any[0]! : eb.or(any)]);
  };
}

/**
 * What `inScope(scope)`'s clause depends on — its shape — and the values it passes, in its order: for a query kept
 * by shape (./shaped-query.ts), which checks the two against the builder's own on the first build of each shape.
 */
export function inScopeShape(scope: CaseScope): { shape: string; parameters: unknown[] } {
  const r = ruleOf(scope);
  if (r.all) return { shape: 'all', parameters: [r.providerId] };
  const any = [r.customerId, r.organisationId, r.reference];
  if (any.every((v) => v === null)) return { shape: 'none', parameters: [] };
  return { shape: any.map((v) => (v === null ? '0' : '1')).join(''), parameters: [r.providerId, ...any.filter((v) => v !== null)] };
}

/** The scope's settings for the policies (null: none, nothing admitted), as SQL text with the values as escaped literals (sent with a query). */
export function scopeSql(scope: CaseScope | null): string {
  return `SELECT ${(scope ? scopeSettings(scope) : noScopeSettings())
    .map(([name, value]) => `set_config('${name}', ${pg.escapeLiteral(value)}, true)`)
    .join(', ')}`;
}

/** Gives the transaction's caller scope to the row-level-security policies (transaction-local settings). */
export async function setScope(trx: Kysely<Database>, scope: CaseScope): Promise<void> {
  await sql.raw(scopeSql(scope)).execute(trx);
}
