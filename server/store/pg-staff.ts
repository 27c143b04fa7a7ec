import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { queueFilterSchema, type QueueFilter, type StaffMember } from '@/api/schemas';
import type { QueueBounds, QueuePosition, QueueStorePage, QueueStoreQuery, StoredCase } from '@/core/ports';
import { emptyCounts, queueKeysOf } from '@/core/staff-queue';
import { normaliseForSearch } from '@/domain/cases';
import type { ProviderId } from '@/domain/profile-schema';
import type { Database } from '../db/schema';

/**
 * The provider's staff on PostgreSQL (docs/decisions/0130-staff-workspace.md, migration 0030_staff.sql). Kept
 * apart from pg-store.ts, which delegates to it.
 */

type Tx = Kysely<Database>;

export async function staffMembers(trx: Tx, providerId: ProviderId): Promise<StaffMember[]> {
  const rows = await trx.selectFrom('staff').select('data').where('provider_id', '=', providerId).orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => r.data as StaffMember);
}

export async function findStaffMember(trx: Tx, providerId: ProviderId, id: string): Promise<StaffMember | null> {
  const row = await trx.selectFrom('staff').select('data').where('provider_id', '=', providerId).where('id', '=', id).executeTakeFirst();
  return row ? (row.data as StaffMember) : null;
}

export async function findStaffByEmail(trx: Tx, providerId: ProviderId, email: string): Promise<StaffMember | null> {
  const row = await trx
    .selectFrom('staff')
    .select('data')
    .where('provider_id', '=', providerId)
    .where('email_lower', '=', email.trim().toLowerCase())
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return row ? (row.data as StaffMember) : null;
}

export async function insertStaff(trx: Tx, s: StaffMember): Promise<void> {
  await trx
    .insertInto('staff')
    .values({ id: s.id, provider_id: s.providerId, email_lower: s.email.trim().toLowerCase(), data: JSON.stringify(s), created_at: s.createdAt, removed_at: s.removedAt })
    .execute();
}

export async function updateStaff(trx: Tx, s: StaffMember): Promise<void> {
  await trx
    .updateTable('staff')
    .set({ email_lower: s.email.trim().toLowerCase(), data: JSON.stringify(s), removed_at: s.removedAt })
    .where('id', '=', s.id)
    .where('provider_id', '=', s.providerId)
    .execute();
}

export async function deleteStaffSessions(trx: Tx, providerId: ProviderId, staffId: string): Promise<void> {
  await trx
    .deleteFrom('sessions')
    .where('provider_id', '=', providerId)
    .where(sql<SqlBool>`scope->>'kind' = 'staff' AND scope->>'staffId' = ${staffId}`)
    .execute();
}

// ---------- the queue (src/core/staff-queue.ts, migration 0035_staff_queue.sql) ----------

/** The version of the stored queue keys; rows written with another (or none) are recomputed at start-up. */
export const QUEUE_KEYS_VERSION = 2; // 2: external references' numbers in the search text

/** The queue's columns of a case, from the core's keys (written with every insert and update of a case). */
export function queueColumns(c: StoredCase) {
  const k = queueKeysOf(c);
  const at = (ms: number | null) => (ms === null ? null : new Date(ms));
  return {
    next_deadline_at: at(k.nextDeadlineAt),
    in_queue: k.inQueue,
    adr_letter_due_at: at(k.adrLetterDueAt),
    queue_at: at(k.queueAt),
    assignee_id: k.assigneeId,
    support_needs: k.supportNeeds,
    category: c.complaint.category,
    staff_search: k.search,
    queue_keys_version: QUEUE_KEYS_VERSION,
  };
}

type CaseRowExpression = ExpressionBuilder<Database, 'cases'>;

/** Each filter in SQL: the same comparisons as the core's `queueFilterHolds`. */
function filterSql(filter: QueueFilter, b: QueueBounds) {
  return (eb: CaseRowExpression): Expression<SqlBool> => {
    switch (filter) {
      case 'overdue':
        return eb('cases.next_deadline_at', '<', b.now);
      case 'dueToday':
        return eb.and([eb('cases.next_deadline_at', '>=', b.now), eb('cases.next_deadline_at', '<', b.dueTodayBefore)]);
      case 'dueSoon':
        return eb.and([eb('cases.next_deadline_at', '>=', b.now), eb('cases.next_deadline_at', '<', b.dueSoonBefore)]);
      case 'adrLetterDue':
        return eb('cases.adr_letter_due_at', '<=', b.now);
      case 'awaitingCustomer':
        return eb('cases.status', '=', 'awaitingCustomer');
      case 'unassigned':
        return eb('cases.assignee_id', 'is', null);
      case 'mine':
        return eb('cases.assignee_id', '=', b.staffId);
      case 'supportNeeds':
        return eb('cases.support_needs', '=', true);
    }
  };
}

/** Stage, category and search (the core's `queueSearchHolds`; strpos, not LIKE: nothing in the text is a pattern). */
function queueMatching(query: QueueStoreQuery) {
  return (eb: CaseRowExpression): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [eb('cases.in_queue', '=', true)];
    if (query.stage) conditions.push(eb('cases.stage_id', '=', query.stage));
    if (query.category) conditions.push(eb('cases.category', '=', query.category));
    const q = query.q ? normaliseForSearch(query.q) : '';
    if (q) {
      const words = q.split(' ').map((w) => sql<SqlBool>`strpos(cases.staff_search, ${' ' + w}) > 0`);
      conditions.push(eb.or([sql<SqlBool>`strpos(cases.ref_compact, ${q.replace(/ /g, '')}) > 0`, eb.and(words)]));
    }
    return eb.and(conditions);
  };
}

/** After a position in `queue_at ASC NULLS LAST, reference COLLATE "C"` order. */
function afterPosition(p: QueuePosition) {
  return (eb: CaseRowExpression): Expression<SqlBool> => {
    const laterRef = sql<SqlBool>`cases.reference COLLATE "C" > ${p.reference}`;
    if (p.queueAt === null) return eb.and([eb('cases.queue_at', 'is', null), laterRef]);
    const at = new Date(p.queueAt);
    return eb.or([eb('cases.queue_at', 'is', null), eb('cases.queue_at', '>', at), eb.and([eb('cases.queue_at', '=', at), laterRef])]);
  };
}

/**
 * One page of the queue and its counts: two queries over the index `cases_staff_queue`; the counts are one pass
 * with a FILTER per filter. `where` is the caller's scope as a WHERE clause (the policies are the second lock).
 */
export async function staffQueue(
  trx: Tx,
  where: (eb: CaseRowExpression) => Expression<SqlBool>,
  query: QueueStoreQuery,
  bounds: QueueBounds,
): Promise<QueueStorePage> {
  const base = trx.selectFrom('cases').where(where).where(queueMatching(query));
  const countsRow = await base
    .select((eb) => [
      eb.fn.countAll<string>().as('matching'),
      ...queueFilterSchema.options.map((f) => eb.fn.countAll<string>().filterWhere(filterSql(f, bounds)).as(f)),
    ])
    .executeTakeFirstOrThrow();
  const counts = emptyCounts();
  for (const f of queueFilterSchema.options) counts[f] = Number((countsRow as Record<string, unknown>)[f]);
  let page = base.select(['data', 'queue_at', 'reference']);
  if (query.filter) page = page.where(filterSql(query.filter, bounds));
  if (query.after) page = page.where(afterPosition(query.after));
  const rows = await page
    .orderBy('queue_at', (ob) => ob.asc().nullsLast())
    .orderBy(sql`reference COLLATE "C"`)
    .limit(query.limit + 1)
    .execute();
  return {
    rows: rows.map((r) => ({ c: r.data as StoredCase, position: { queueAt: r.queue_at ? r.queue_at.toISOString() : null, reference: r.reference } })),
    matching: Number(countsRow.matching),
    counts,
  };
}

/**
 * Fills in the queue's columns of cases written before them (or by another version of the keys), as the
 * database's owner (no caller scope: every provider's cases), a batch at a time. Run at start-up, after the
 * migrations.
 */
export async function backfillQueueKeys(db: Tx, batch = 500): Promise<number> {
  let done = 0;
  for (;;) {
    const rows = await db
      .selectFrom('cases')
      .select(['reference', 'data'])
      .where((eb) => eb.or([eb('queue_keys_version', 'is', null), eb('queue_keys_version', '<>', QUEUE_KEYS_VERSION)]))
      .orderBy('reference')
      .limit(batch)
      .execute();
    if (rows.length === 0) return done;
    await db.transaction().execute(async (trx) => {
      for (const r of rows) await trx.updateTable('cases').set(queueColumns(r.data as StoredCase)).where('reference', '=', r.reference).execute();
    });
    done += rows.length;
  }
}
