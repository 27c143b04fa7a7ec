import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { BackOfficeTx, StoredCase } from '@/core/ports';
import { admits, signInScope, type CaseScope } from '@/core/visibility';
import { storeForThisFile } from '../test/database';
import { makeCase } from '../test/cases';
import type { PgTx } from './pg-store';
import { inScope, scopeSql } from './scope-sql';

/**
 * The visibility rule three ways, case by case: the core's predicate (src/core/visibility.ts), the store's WHERE
 * clause (`inScope`, run as the server's own user, so no policy applies) and the row-level-security policy alone
 * (SELECT * as redress_app with the scope's settings and no WHERE). Every scope × case must agree.
 */

const db = storeForThisFile(['cases', 'staff_alerts', 'customers', 'staff', 'outbox']);

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

/** Runs `run` as redress_app with `scope`'s settings (null: none), then rolls back; a failure is returned, not thrown. */
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

/**
 * People's records and their mail (migration 0100, docs/decisions/0136-sign-in-scope.md), through the policies
 * alone: as redress_app with each scope's settings and no WHERE. A customer sees their own record and their
 * organisation's members; the provider's whole scope (its jobs, its staff) all of its customers, staff and mail; a
 * sign-in scope only that provider's records with its address; a guest, another provider or no scope nothing.
 */
describe("customers, staff and outbox: each scope sees only what the policies admit", () => {
  const customer = (id: string, providerId: string, email: string, organisationId?: string) => ({
    id,
    provider_id: providerId,
    email_lower: email,
    data: JSON.stringify({ id, providerId, kind: 'residential', name: id, email, phone: '', ...(organisationId ? { organisationId, role: 'member' } : {}) }),
  });
  const member = (id: string, providerId: string, email: string) => ({
    id,
    provider_id: providerId,
    email_lower: email,
    created_at: new Date('2026-12-01T10:00:00.000Z'),
    data: JSON.stringify({ id, providerId, name: id, email, role: 'agent', lng: 'en', createdAt: '2026-12-01T10:00:00.000Z', removedAt: null }),
  });
  const mail = (id: string, providerId: string, recipient: string) => ({ id, provider_id: providerId, recipient, subject: 's', body: 'b', lng: 'en', sent_at: new Date() });

  async function insertPeople() {
    // As the server's own user: the fixtures are not anyone's scope.
    await db.handle.db
      .insertInto('customers')
      .values([
        customer('cus_alice', 'nasstar', 'alice@example.com', 'org_acme'),
        customer('cus_carol', 'nasstar', 'carol@example.com', 'org_acme'),
        customer('cus_dave', 'nasstar', 'dave@example.com'),
        // The same address at another provider: another person's account.
        customer('cus_erin', 'netservers', 'alice@example.com'),
      ])
      .execute();
    await db.handle.db
      .insertInto('staff')
      .values([member('stf_alex', 'nasstar', 'alex@staff.example'), member('stf_jo', 'nasstar', 'jo@staff.example'), member('stf_sam', 'netservers', 'alex@staff.example')])
      .execute();
    await db.handle.db.insertInto('outbox').values([mail('mail_nasstar', 'nasstar', 'alice@example.com'), mail('mail_netservers', 'netservers', 'alice@example.com')]).execute();
  }

  const staffOfNasstar: CaseScope = { providerId: 'nasstar', kind: 'staff', staffId: 'stf_alex' };
  const dave: CaseScope = { providerId: 'nasstar', kind: 'customer', customerId: 'cus_dave', organisationId: null };
  // [who, scope, customers seen, staff seen, mail seen]
  const seen: [string, CaseScope | null, string[], string[], string[]][] = [
    ['nasstar (its jobs, the demo)', scopes.nasstar!, ['cus_alice', 'cus_carol', 'cus_dave'], ['stf_alex', 'stf_jo'], ['mail_nasstar']],
    ["nasstar's staff", staffOfNasstar, ['cus_alice', 'cus_carol', 'cus_dave'], ['stf_alex', 'stf_jo'], ['mail_nasstar']],
    ['netservers', scopes.netservers!, ['cus_erin'], ['stf_sam'], ['mail_netservers']],
    ['alice, a member of acme', scopes.aliceAtAcme!, ['cus_alice', 'cus_carol'], [], []],
    ['dave, in no organisation', dave, ['cus_dave'], [], []],
    ["alice's scope at netservers", scopes.aliceAtNetservers!, [], [], []],
    ['a guest of nasstar', scopes.guestOfTheGuestCase!, [], [], []],
    ['signing in at nasstar as Alice@Example.com', signInScope('nasstar', ' Alice@Example.com'), ['cus_alice'], [], []],
    ['signing in at nasstar as alex@staff.example', signInScope('nasstar', 'alex@staff.example'), [], ['stf_alex'], []],
    ['signing in at netservers as alice@example.com', signInScope('netservers', 'alice@example.com'), ['cus_erin'], [], []],
    ['signing in at nasstar as nobody@example.com', signInScope('nasstar', 'nobody@example.com'), [], [], []],
    ['no scope', null, [], [], []],
  ];

  it.each(seen)('%s', async (_name, scope, customers, staff, mails) => {
    await insertPeople();
    const rows = await asApp(scope, async (conn) => ({
      customers: (await sql<{ id: string }>`SELECT id FROM customers ORDER BY id`.execute(conn)).rows.map((r) => r.id),
      staff: (await sql<{ id: string }>`SELECT id FROM staff ORDER BY id`.execute(conn)).rows.map((r) => r.id),
      mails: (await sql<{ id: string }>`SELECT id FROM outbox ORDER BY id`.execute(conn)).rows.map((r) => r.id),
    }));
    expect(rows).toEqual({ customers, staff, mails });
  });

  it('through the store: a unit of work acts for whom it is told, and for no one after actFor(null) (a session that ended)', async () => {
    await insertPeople();
    const ids = async (tx: BackOfficeTx, table: 'customers' | 'staff') => (await (tx as PgTx).trx.selectFrom(table).select('id').orderBy('id').execute()).map((r) => r.id);
    const seenBy = await db.store.transaction(async (tx) => {
      tx.actFor(signInScope('nasstar', 'alice@example.com'));
      const signingIn = [await ids(tx, 'customers'), await ids(tx, 'staff')];
      tx.actFor(staffOfNasstar);
      const staff = await ids(tx, 'staff');
      tx.actFor(null);
      const noOne = [await ids(tx, 'customers'), await ids(tx, 'staff')];
      return { signingIn, staff, noOne };
    });
    expect(seenBy).toEqual({ signingIn: [['cus_alice'], []], staff: ['stf_alex', 'stf_jo'], noOne: [[], []] });
  });

  /** How many rows a statement changed as `scope`, or the error it failed with. */
  const affected = (scope: CaseScope | null, statement: ReturnType<typeof sql>) =>
    asApp(scope, async (conn) => Number((await statement.execute(conn)).numAffectedRows ?? 0));
  const refused = (result: unknown, why: RegExp) => {
    expect(result).toBeInstanceOf(Error);
    expect((result as Error).message).toMatch(why);
  };

  it("another provider's scope, a customer or a sign-in lookup inserts nothing and changes none of the provider's customers", async () => {
    await insertPeople();
    const forged = sql`INSERT INTO customers (id, provider_id, email_lower, data) VALUES ('cus_forged', 'nasstar', 'x@example.com', '{}')`;
    refused(await affected(scopes.netservers!, forged), /row-level security/);
    refused(await affected(scopes.aliceAtAcme!, forged), /row-level security/);
    refused(await affected(signInScope('nasstar', 'x@example.com'), forged), /row-level security/);
    expect(await affected(scopes.nasstar!, forged)).toBe(1);

    const renamed = sql`UPDATE customers SET email_lower = 'taken@example.com' WHERE provider_id = 'nasstar'`;
    expect(await affected(scopes.netservers!, renamed)).toBe(0);
    expect(await affected(signInScope('nasstar', 'alice@example.com'), renamed)).toBe(0);
    expect(await affected(null, renamed)).toBe(0);
    // Dave changes only his own record; alice those of acme's members …
    expect(await affected(dave, renamed)).toBe(1);
    expect(await affected(scopes.aliceAtAcme!, sql`UPDATE customers SET data = data || '{"phone": "1"}' WHERE id IN ('cus_carol', 'cus_dave')`)).toBe(1);
    // … but cannot move a record to another provider, or out of her sight (taking a member out of acme is written as
    // the provider's, after the core's check: organisation.ts removeMember).
    refused(await affected(scopes.aliceAtAcme!, sql`UPDATE customers SET data = data - 'organisationId' WHERE id = 'cus_carol'`), /row-level security/);
    refused(await affected(scopes.aliceAtAcme!, sql`UPDATE customers SET provider_id = 'netservers' WHERE id = 'cus_carol'`), /row-level security/);
    refused(await affected(scopes.aliceAtAcme!, sql`UPDATE customers SET data = jsonb_set(data, '{organisationId}', '"org_globex"') WHERE id = 'cus_carol'`), /row-level security/);
    // No one deletes a customer as the portal's role.
    refused(await affected(scopes.nasstar!, sql`DELETE FROM customers`), /permission denied/);

    const rows = await db.handle.db.selectFrom('customers').select(['id', 'email_lower']).orderBy('id').execute();
    expect(rows.map((r) => r.email_lower)).toEqual(['alice@example.com', 'carol@example.com', 'dave@example.com', 'alice@example.com']);
  });

  it("only the provider's whole scope adds or removes its staff", async () => {
    await insertPeople();
    const forged = sql`INSERT INTO staff (id, provider_id, email_lower, data) VALUES ('stf_forged', 'nasstar', 'x@staff.example', '{}')`;
    refused(await affected(scopes.netservers!, forged), /row-level security/);
    refused(await affected(scopes.aliceAtAcme!, forged), /row-level security/);
    refused(await affected(signInScope('nasstar', 'x@staff.example'), forged), /row-level security/);
    expect(await affected(staffOfNasstar, forged)).toBe(1);

    const removed = sql`UPDATE staff SET removed_at = now() WHERE provider_id = 'nasstar'`;
    expect(await affected(scopes.netservers!, removed)).toBe(0);
    expect(await affected(scopes.aliceAtAcme!, removed)).toBe(0);
    expect(await affected(signInScope('nasstar', 'alex@staff.example'), removed)).toBe(0);
    expect(await affected(staffOfNasstar, removed)).toBe(2);
    refused(await affected(staffOfNasstar, sql`UPDATE staff SET provider_id = 'netservers' WHERE id = 'stf_jo'`), /row-level security/);
    expect(await db.handle.db.selectFrom('staff').select('id').where('removed_at', 'is not', null).execute()).toEqual([]);
  });

  it("mail is written only by the provider's whole scope, in its provider, and never changed by the portal's role", async () => {
    await insertPeople();
    const forged = (providerId: string) =>
      sql`INSERT INTO outbox (id, provider_id, recipient, subject, body, lng, sent_at) VALUES ('mail_forged', ${providerId}, 'alice@example.com', 's', 'b', 'en', now()) ON CONFLICT (id) DO NOTHING`;
    refused(await affected(scopes.netservers!, forged('nasstar')), /row-level security/);
    refused(await affected(scopes.aliceAtAcme!, forged('nasstar')), /row-level security/);
    refused(await affected(scopes.guestOfTheGuestCase!, forged('nasstar')), /row-level security/);
    refused(await affected(signInScope('nasstar', 'alice@example.com'), forged('nasstar')), /row-level security/);
    refused(await affected(null, forged('nasstar')), /row-level security/);
    // The senders' way (server/mail/mailer.ts in a unit of work under the provider's scope).
    expect(await affected(scopes.nasstar!, forged('nasstar'))).toBe(1);
    refused(await affected(scopes.nasstar!, sql`UPDATE outbox SET recipient = 'mallory@example.com'`), /permission denied/);
    refused(await affected(scopes.nasstar!, sql`DELETE FROM outbox`), /permission denied/);
    expect((await db.handle.db.selectFrom('outbox').select('id').orderBy('id').execute()).map((r) => r.id)).toEqual(['mail_nasstar', 'mail_netservers']);
  });
});
