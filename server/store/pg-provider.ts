import { sql, type Kysely } from 'kysely';
import type { TimelineEvent } from '@/api/schemas';
import type { CaseScope, StoredFeedEvent, StoredIntegration, StoredCase } from '@/core/ports';
import { newId } from '@/core/references';
import type { ProviderId } from '@/domain/profile-schema';
import type { Database } from '../db/schema';

/**
 * The provider's API on PostgreSQL (docs/decisions/0090-provider-api.md): integrations by key hash, the events
 * feed in commit order, and the hook that schedules a case's next timed check when the case is written
 * (docs/decisions/0091-timed-case-checks.md). Kept apart from pg-store.ts, which delegates to it.
 */

/** A connection inside a transaction (PgStore.transaction). */
type Tx = Kysely<Database>;

/**
 * The feed's advisory lock (docs/decisions/0184-feed-order-shared-lock.md). Events' `seq` (an identity) is handed
 * out at INSERT, not at COMMIT, so a transaction may commit seq 11 while a slower one's seq 10 is still to commit.
 * Every transaction that stores timeline events takes this lock SHARED just before it does and holds it until it
 * commits: writers never wait for one another. A reader of the feed takes it EXCLUSIVE, which waits for the
 * writers then in flight and holds new ones back while it has it; what it then reads is final — no event below
 * what it sees can still commit, so a cursor past it skips nothing.
 */
export const FEED_LOCK = 0x7265_6472; // 'redr'

/** Takes the feed lock shared (FEED_LOCK), as a write of the unit of work's last message (pg-batch.ts DeferredWrite). */
export const FEED_LOCK_WRITE = { sql: 'SELECT pg_advisory_xact_lock_shared($1)', parameters: [FEED_LOCK], asServer: false } as const;

/**
 * Waits for every transaction storing events to end and holds new ones back until this transaction ends: a
 * reader of the feed runs it first, in the transaction it then reads in (each statement after it sees every
 * event whose seq is taken, and no smaller seq can come later).
 */
export async function holdFeed<DB>(trx: Kysely<DB>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${FEED_LOCK})`.execute(trx);
}

/**
 * The feed's horizon: the largest seq below which every event is committed (or never will be), for a reader that
 * reads outside the transaction that waited for it (the webhooks' fan-out). A short transaction of its own, so
 * writers are held back only while it reads the largest seq.
 */
export async function feedHorizon<DB>(db: Kysely<DB>): Promise<string> {
  return db.transaction().execute(async (trx) => {
    await holdFeed(trx);
    const { rows } = await sql<{ seq: string }>`SELECT coalesce(max(seq), 0)::text AS seq FROM case_events`.execute(trx);
    return rows[0]!.seq;
  });
}

/**
 * Stores timeline events: its one parameter is a JSON array of { reference, event_id, at, event }, inserted in the
 * array's order (WITH ORDINALITY), so the identity column numbers them as given. One text for any number of events,
 * so it is parsed and planned once per connection (kept prepared, pg-batch.ts).
 */
export const EVENTS_INSERT =
  'INSERT INTO case_events (reference, event_id, at, event) SELECT e.reference, e.event_id, e.at, e.event FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (reference text, event_id text, at timestamptz, event jsonb)) WITH ORDINALITY AS e(reference, event_id, at, event, n) ORDER BY e.n';

export async function findIntegrationByKeyHash(trx: Tx, keyHash: string): Promise<StoredIntegration | null> {
  const row = await trx.selectFrom('integrations').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    providerId: row.provider_id as ProviderId,
    name: row.name,
    createdAt: row.created_at.toISOString(),
    revokedAt: row.revoked_at ? row.revoked_at.toISOString() : null,
  };
}

/**
 * Events of the provider's cases after `after`, in seq order (the scope is already set on the transaction): read
 * after holding the feed (`holdFeed`), so none below the last one returned can still commit.
 */
export async function eventsAfter(trx: Tx, scope: CaseScope, after: string, limit: number): Promise<StoredFeedEvent[]> {
  await holdFeed(trx);
  const rows = await trx
    .selectFrom('case_events')
    .innerJoin('cases', 'cases.reference', 'case_events.reference')
    .select(['case_events.seq', 'case_events.reference', 'case_events.event'])
    .where('cases.provider_id', '=', scope.providerId)
    .where('case_events.seq', '>', after)
    .orderBy('case_events.seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ seq: String(r.seq), reference: r.reference, event: r.event as TimelineEvent }));
}

/** The stored case by reference within the transaction's scope (for the scheduling hook). */
export async function caseByReference(trx: Tx, reference: string): Promise<StoredCase | null> {
  const row = await trx.selectFrom('cases').select('data').where('reference', '=', reference).executeTakeFirst();
  return row ? (row.data as StoredCase) : null;
}

// ---------- integrations, for the CLI ----------

export async function createIntegration(db: Kysely<Database>, input: { providerId: ProviderId; name: string; keyHash: string }): Promise<StoredIntegration> {
  const id = newId('int');
  const row = await db
    .insertInto('integrations')
    .values({ id, provider_id: input.providerId, name: input.name, key_hash: input.keyHash })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { id, providerId: input.providerId, name: row.name, createdAt: row.created_at.toISOString(), revokedAt: null };
}

export async function revokeIntegration(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db.updateTable('integrations').set({ revoked_at: new Date() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function listIntegrations(db: Kysely<Database>) {
  return db.selectFrom('integrations').select(['id', 'provider_id', 'name', 'created_at', 'revoked_at']).orderBy('created_at').execute();
}
