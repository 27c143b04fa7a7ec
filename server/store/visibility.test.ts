import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { StoredCase } from '@/core/ports';
import { admits, type CaseScope } from '@/core/visibility';
import { storeForThisFile } from '../test/database';
import { makeCase } from '../test/cases';
import { inScope, scopeSql } from './scope-sql';

/**
 * The visibility rule three ways, case by case: the core's predicate (src/core/visibility.ts), the store's WHERE
 * clause (`inScope`, run as the server's own user, so no policy applies) and the row-level-security policy alone
 * (SELECT * as redress_app with the scope's settings and no WHERE). Every scope × case must agree.
 */

const db = storeForThisFile(['cases', 'staff_alerts']);

const cases: Record<string, StoredCase> = {
  alicesOwn: makeCase({ customerId: 'cus_alice', organisationId: null }),
  alicesAtAcme: makeCase({ customerId: 'cus_alice', organisationId: 'org_acme' }),
  carolsAtAcme: makeCase({ customerId: 'cus_carol', organisationId: 'org_acme' }),
  davesOwn: makeCase({ customerId: 'cus_dave', organisationId: null }),
  erinsAtGlobex: makeCase({ customerId: 'cus_erin', organisationId: 'org_globex' }),
  guests: makeCase({ customerId: null, organisationId: null }),
  aliceElsewhere: makeCase({ providerId: 'netservers', stageId: 'stage1', customerId: 'cus_alice', organisationId: 'org_acme' }),
  guestElsewhere: makeCase({ providerId: 'netservers', stageId: 'stage1', customerId: null, organisationId: null }),
};

const scopes: Record<string, CaseScope> = {
  alice: { providerId: 'nasstar', kind: 'customer', customerId: 'cus_alice', organisationId: null },
  aliceAtAcme: { providerId: 'nasstar', kind: 'customer', customerId: 'cus_alice', organisationId: 'org_acme' },
  carolAtAcme: { providerId: 'nasstar', kind: 'customer', customerId: 'cus_carol', organisationId: 'org_acme' },
  nobodyKnown: { providerId: 'nasstar', kind: 'customer', customerId: 'cus_zed', organisationId: null },
  guestOfTheGuestCase: { providerId: 'nasstar', kind: 'guest', reference: cases.guests!.reference },
  guestOfDavesCase: { providerId: 'nasstar', kind: 'guest', reference: cases.davesOwn!.reference },
  guestOfAnotherProvidersCase: { providerId: 'nasstar', kind: 'guest', reference: cases.guestElsewhere!.reference },
  guestOfNothing: { providerId: 'nasstar', kind: 'guest', reference: 'NAS-0000-NOPE' },
  nasstar: { providerId: 'nasstar', kind: 'provider' },
  netservers: { providerId: 'netservers', kind: 'provider' },
  aliceAtNetservers: { providerId: 'netservers', kind: 'customer', customerId: 'cus_alice', organisationId: 'org_acme' },
};

/** What the table expects, written out by hand: the rule as the product states it. */
const expected: Record<string, string[]> = {
  alice: ['alicesOwn', 'alicesAtAcme'],
  aliceAtAcme: ['alicesOwn', 'alicesAtAcme', 'carolsAtAcme'],
  carolAtAcme: ['alicesAtAcme', 'carolsAtAcme'],
  nobodyKnown: [],
  guestOfTheGuestCase: ['guests'],
  guestOfDavesCase: ['davesOwn'],
  guestOfAnotherProvidersCase: [],
  guestOfNothing: [],
  nasstar: ['alicesOwn', 'alicesAtAcme', 'carolsAtAcme', 'davesOwn', 'erinsAtGlobex', 'guests'],
  netservers: ['aliceElsewhere', 'guestElsewhere'],
  aliceAtNetservers: ['aliceElsewhere'],
};

const nameOf = new Map(Object.entries(cases).map(([name, c]) => [c.reference, name]));
const names = (references: string[]) => references.map((r) => nameOf.get(r)!).sort();

async function insertAll() {
  // As the server's own user: the fixtures are not anyone's scope.
  for (const c of Object.values(cases)) {
    await db.handle.db
      .insertInto('cases')
      .values({
        reference: c.reference,
        provider_id: c.providerId,
        customer_id: c.customerId,
        organisation_id: c.organisationId,
        status: c.status,
        stage_id: c.stageId,
        updated_at: c.updatedAt,
        first_complained_at: c.firstComplainedAt,
        next_deadline_at: null,
        search_words: ' ',
        ref_compact: c.reference,
        data: JSON.stringify(c),
      })
      .execute();
  }
}

describe('who may see a case: the core, the query and the policy agree', () => {
  it.each(Object.keys(scopes))('scope %s', async (scopeName) => {
    await insertAll();
    const scope = scopes[scopeName]!;

    const byCore = names(Object.values(cases).filter((c) => admits(scope, c)).map((c) => c.reference));
    expect(byCore).toEqual([...expected[scopeName]!].sort());

    const byQuery = await db.handle.db.selectFrom('cases').select('reference').where(inScope(scope)).execute();
    expect(names(byQuery.map((r) => r.reference))).toEqual(byCore);

    const byPolicy = await db.handle.db.connection().execute(async (conn) => {
      await sql.raw(`BEGIN; SET LOCAL ROLE redress_app; ${scopeSql(scope)}`).execute(conn);
      try {
        return (await sql<{ reference: string }>`SELECT reference FROM cases`.execute(conn)).rows;
      } finally {
        await sql.raw('ROLLBACK').execute(conn);
      }
    });
    expect(names(byPolicy.map((r) => r.reference))).toEqual(byCore);
  });
});

/**
 * Tables of one provider's records with no case to follow (migration 0039, docs/decisions/0135): only a scope that
 * admits every case of that provider — its staff, or the provider scope its jobs run under — sees or writes a row.
 * Run through the policy alone: as redress_app, with the scope's settings and no WHERE.
 */
describe("a provider's staff alerts: the policy admits only that provider's whole scope", () => {
  async function asApp<T>(scope: CaseScope | null, run: (conn: typeof db.handle.db) => Promise<T>): Promise<T | Error> {
    return db.handle.db.connection().execute(async (conn) => {
      await sql.raw(`BEGIN; SET LOCAL ROLE redress_app${scope ? `; ${scopeSql(scope)}` : ''}`).execute(conn);
      try {
        return await run(conn);
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      } finally {
        await sql.raw('ROLLBACK').execute(conn);
      }
    });
  }

  async function insertAlerts() {
    // As the server's own user: the fixtures are not anyone's scope.
    for (const providerId of ['nasstar', 'netservers']) {
      await db.handle.db.insertInto('staff_alerts').values({ provider_id: providerId, key: `summary|${providerId}`, sent_at: new Date(), status: 'pending' }).execute();
    }
  }

  const staffOfNasstar: CaseScope = { providerId: 'nasstar', kind: 'staff', staffId: 'stf_1' };
  const seen: [string, CaseScope | null, string[]][] = [
    ['nasstar (its jobs)', scopes.nasstar!, ['nasstar']],
    ["nasstar's staff", staffOfNasstar, ['nasstar']],
    ['netservers', scopes.netservers!, ['netservers']],
    ["a customer of nasstar", scopes.aliceAtAcme!, []],
    ['a guest of nasstar', scopes.guestOfTheGuestCase!, []],
    ['no scope', null, []],
  ];

  it.each(seen)('%s sees %j', async (_name, scope, providers) => {
    await insertAlerts();
    const rows = await asApp(scope, async (conn) => (await sql<{ provider_id: string }>`SELECT provider_id FROM staff_alerts ORDER BY provider_id`.execute(conn)).rows);
    expect(rows).toEqual(providers.map((provider_id) => ({ provider_id })));
  });

  it("another provider's scope cannot insert, update or delete the provider's alerts", async () => {
    await insertAlerts();
    const inserted = await asApp(scopes.netservers!, (conn) => sql`INSERT INTO staff_alerts (provider_id, key, sent_at) VALUES ('nasstar', 'forged', now())`.execute(conn));
    expect(inserted).toBeInstanceOf(Error);
    expect((inserted as Error).message).toMatch(/row-level security/);
    const changed = await asApp(scopes.netservers!, async (conn) => {
      const updated = await sql`UPDATE staff_alerts SET status = 'failed' WHERE provider_id = 'nasstar'`.execute(conn);
      const deleted = await sql`DELETE FROM staff_alerts WHERE provider_id = 'nasstar'`.execute(conn);
      return [Number(updated.numAffectedRows ?? 0), Number(deleted.numAffectedRows ?? 0)];
    });
    expect(changed).toEqual([0, 0]);
    // A customer of the same provider cannot insert one either; the provider's own scope can.
    expect(await asApp(scopes.aliceAtAcme!, (conn) => sql`INSERT INTO staff_alerts (provider_id, key, sent_at) VALUES ('nasstar', 'forged', now())`.execute(conn))).toBeInstanceOf(Error);
    expect(await asApp(scopes.nasstar!, (conn) => sql`INSERT INTO staff_alerts (provider_id, key, sent_at) VALUES ('nasstar', 'own', now())`.execute(conn))).not.toBeInstanceOf(Error);
    const rows = await db.handle.db.selectFrom('staff_alerts').select(['provider_id', 'status']).orderBy('provider_id').execute();
    expect(rows).toEqual([
      { provider_id: 'nasstar', status: 'pending' },
      { provider_id: 'netservers', status: 'pending' },
    ]);
  });
});
