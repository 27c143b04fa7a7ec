import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type CompiledQuery } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaseScope } from '@/core/ports';
import type { Database } from '../db/schema';
import { inScope, inScopeShape } from './scope-sql';

/** A Kysely that only compiles (no database): the builder's own text and parameters to compare with. */
const db = new Kysely<Database>({
  dialect: { createAdapter: () => new PostgresAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (k) => new PostgresIntrospector(k), createQueryCompiler: () => new PostgresQueryCompiler() },
});

const session = (n: number) => ({ token_hash: `hash-${n}`, provider_id: 'nasstar', scope: JSON.stringify({ kind: 'guest', reference: `NAS-${n}` }), created_at: new Date(Date.UTC(2026, 11, n)), last_seen_at: new Date(Date.UTC(2026, 11, n)) });
const build = (row: ReturnType<typeof session>) => db.insertInto('sessions').values(row).compile();

/** The module as production loads it (no test runner: a kept shape is not rebuilt), fresh for each test. */
async function asInProduction() {
  vi.stubEnv('VITEST', undefined);
  vi.resetModules();
  return (await import('./shaped-query')).shapedInsert;
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('shapedInsert: a builder INSERT built once per shape (decision 0182)', () => {
  it('builds a shape once, then gives the kept text with the new row values in column order — what the builder gives', async () => {
    const shapedInsert = await asInProduction();
    const builds = vi.fn(build);
    const [one, two] = [session(1), session(2)];
    const first = shapedInsert('sessions-a', [one], [], () => builds(one));
    expect(first).toMatchObject({ sql: build(one).sql, parameters: build(one).parameters });
    const second = shapedInsert('sessions-a', [two], [], () => builds(two));
    expect(builds).toHaveBeenCalledTimes(1);
    expect(second.sql).toBe(build(two).sql);
    expect(second.parameters).toEqual(build(two).parameters);
  });

  it('keeps a shape per row count, and with what follows the VALUES (ON CONFLICT … DO UPDATE SET)', async () => {
    const shapedInsert = await asInProduction();
    const twoRows = (rows: ReturnType<typeof session>[]) => db.insertInto('sessions').values(rows).compile();
    const [s1, s2, s3, s4, s5] = [1, 2, 3, 4, 5].map(session);
    shapedInsert('sessions-b', [s1!, s2!], [], () => twoRows([s1!, s2!]));
    const kept = shapedInsert('sessions-b', [s3!, s4!], [], () => { throw new Error('not built again'); });
    expect(kept).toMatchObject({ sql: twoRows([s3!, s4!]).sql, parameters: twoRows([s3!, s4!]).parameters });
    // One row is another shape: built, not the two-row text.
    const one = shapedInsert('sessions-b', [s5!], [], () => build(s5!));
    expect(one.sql).toBe(build(s5!).sql);
    expect(one.sql).not.toBe(kept.sql);

    const upsert = (n: number) => {
      const done = { fingerprint: `f${n}`, state: 'done' as const, status: 201, body: `{"n":${n}}` };
      const row = { scope: 's', key: `k${n}`, created_at: new Date(Date.UTC(2026, 0, n)), ...done };
      const q = () => db.insertInto('idempotency').values(row).onConflict((oc) => oc.columns(['scope', 'key']).doUpdateSet(done)).compile();
      return { row, after: [done.fingerprint, done.state, done.status, done.body], q };
    };
    const u1 = upsert(1);
    shapedInsert('idem', [u1.row], u1.after, u1.q);
    const u2 = upsert(2);
    expect(shapedInsert('idem', [u2.row], u2.after, () => { throw new Error('not built again'); })).toMatchObject({ sql: u2.q().sql, parameters: u2.q().parameters });
  });

  it('builds every time a row with an undefined value (the builder leaves that column out)', async () => {
    const shapedInsert = await asInProduction();
    const builds = vi.fn((): CompiledQuery => db.insertInto('sessions').values({ ...session(1), last_seen_at: undefined as unknown as Date }).compile());
    const row = { ...session(1), last_seen_at: undefined };
    shapedInsert('sessions-c', [row], [], builds);
    const again = shapedInsert('sessions-c', [row], [], builds);
    expect(builds).toHaveBeenCalledTimes(2);
    expect(again.sql).not.toContain('last_seen_at');
  });

  it('never keeps a shape whose build does not give the listed values (in production: built every time)', async () => {
    const shapedInsert = await asInProduction();
    const builds = vi.fn(() => build(session(1)));
    // The listed row is not the built one: its values are not the builder's parameters.
    shapedInsert('sessions-d', [session(2)], [], builds);
    shapedInsert('sessions-d', [session(2)], [], builds);
    expect(builds).toHaveBeenCalledTimes(2);
  });

  it('under the test runner, rebuilds every call and fails when text or values differ from the kept shape', async () => {
    vi.resetModules();
    const { shapedInsert } = await import('./shaped-query');
    const builds = vi.fn(build);
    const [one, two, three] = [session(1), session(2), session(3)];
    shapedInsert('sessions-e', [one], [], () => builds(one));
    shapedInsert('sessions-e', [two], [], () => builds(two));
    expect(builds).toHaveBeenCalledTimes(2);
    expect(() => shapedInsert('sessions-e', [three], [], () => db.insertInto('sessions').values(three).returning('token_hash').compile())).toThrow(/differ/);
    expect(() => shapedInsert('sessions-f', [session(4)], [], () => build(session(5)))).toThrow(/not the values listed/);
  });
});

describe('inScopeShape: the visibility clause’s shape and values, as the builder writes them (decision 0182)', () => {
  const scopes: CaseScope[] = [
    { providerId: 'nasstar', kind: 'provider' },
    { providerId: 'nasstar', kind: 'staff', staffId: 'stf_1' },
    { providerId: 'nasstar', kind: 'guest', reference: 'NAS-2026-AAAA1111' },
    { providerId: 'nasstar', kind: 'customer', customerId: 'cus_1', organisationId: null },
    { providerId: 'nasstar', kind: 'customer', customerId: 'cus_1', organisationId: 'org_1' },
    { providerId: 'nasstar', kind: 'signIn', email: 'someone@example.com' },
  ];
  const findCase = (scope: CaseScope, reference: string) => db.selectFrom('cases').select('data').where('reference', '=', reference).where(inScope(scope)).compile();

  it.each(scopes.map((s) => [s.kind, s] as const))('%s: the values in the builder’s order, the same text for every scope of its shape', (_, scope) => {
    const { shape, parameters } = inScopeShape(scope);
    const built = findCase(scope, 'NAS-2026-ZZZZ9999');
    expect(built.parameters).toEqual(['NAS-2026-ZZZZ9999', ...parameters]);
    // Another scope of the same kind and shape (other ids): same shape name, same text.
    const other = JSON.parse(JSON.stringify(scope).replace(/nasstar/g, 'ask4').replace(/_1/g, '_2').replace(/AAAA1111/g, 'BBBB2222')) as CaseScope;
    expect(inScopeShape(other).shape).toBe(shape);
    expect(findCase(other, 'NAS-2026-YYYY8888').sql).toBe(built.sql);
  });

  it('names every shape apart: different texts never share a shape', () => {
    const byShape = new Map<string, string>();
    for (const scope of scopes) {
      const { shape } = inScopeShape(scope);
      const text = findCase(scope, 'X').sql;
      expect(byShape.get(shape) ?? text).toBe(text);
      byShape.set(shape, text);
    }
    expect(byShape.size).toBe(5); // all; a reference; a customer; a customer or an organisation; none ('false')
  });
});
