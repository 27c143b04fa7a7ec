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

const db = storeForThisFile(['cases']);

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
