import type { Kysely, Selectable } from 'kysely';
import type { StoredAlert } from '@/core/ports';
import type { ProviderId } from '@/domain/profile-schema';
import type { Database, StaffAlertsTable } from '../db/schema';

/**
 * Alerts to staff on PostgreSQL (src/core/alerts.ts; migrations 0037, 0038; decisions 0133, 0134): kept apart from
 * pg-store.ts, which delegates to it. The primary key (provider, key) makes a second record of an alert a no-op; an
 * alert being sent is locked FOR UPDATE SKIP LOCKED, so two instances never send the same one. The table's
 * row-level policy (migration 0039): only under a scope that admits every case of the alert's provider (its staff, its jobs).
 */

type Tx = Kysely<Database>;

function storedAlert(r: Selectable<StaffAlertsTable>): StoredAlert {
  return {
    providerId: r.provider_id as ProviderId,
    key: r.key,
    reference: r.reference,
    at: new Date(r.sent_at).toISOString(),
    mail: (r.mail ?? {}) as unknown as StoredAlert['mail'],
    status: r.status as StoredAlert['status'],
    attempts: r.attempts,
    lastError: r.last_error,
  };
}

/** Records the alert; false when its key is recorded already (ON CONFLICT DO NOTHING: a concurrent one waits for this, then finds it). */
export async function recordAlert(trx: Tx, a: StoredAlert): Promise<boolean> {
  const result = await trx
    .insertInto('staff_alerts')
    .values({ provider_id: a.providerId, key: a.key, reference: a.reference, sent_at: a.at, mail: JSON.stringify(a.mail), status: a.status, attempts: a.attempts, last_error: a.lastError })
    .onConflict((oc) => oc.columns(['provider_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return result !== undefined;
}

export async function pendingAlertKeys(trx: Tx, providerId: ProviderId, limit: number): Promise<string[]> {
  const rows = await trx.selectFrom('staff_alerts').select('key').where('provider_id', '=', providerId).where('status', '=', 'pending').orderBy('sent_at').orderBy('key').limit(limit).execute();
  return rows.map((r) => r.key);
}

export async function claimAlert(trx: Tx, providerId: ProviderId, key: string): Promise<StoredAlert | null> {
  const row = await trx
    .selectFrom('staff_alerts')
    .selectAll()
    .where('provider_id', '=', providerId)
    .where('key', '=', key)
    .where('status', '=', 'pending')
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
  return row ? storedAlert(row) : null;
}

export async function updateAlert(trx: Tx, a: StoredAlert): Promise<void> {
  await trx
    .updateTable('staff_alerts')
    .set({ status: a.status, attempts: a.attempts, last_error: a.lastError, mail: JSON.stringify(a.mail) })
    .where('provider_id', '=', a.providerId)
    .where('key', '=', a.key)
    .execute();
}

export async function deleteAlerts(trx: Tx, providerId: ProviderId, which: { before?: Date; references?: readonly string[] }): Promise<number> {
  const { before, references = [] } = which;
  if (!before && references.length === 0) return 0;
  const result = await trx
    .deleteFrom('staff_alerts')
    .where('provider_id', '=', providerId)
    .where((eb) => eb.or([...(before ? [eb('sent_at', '<', before)] : []), ...(references.length ? [eb('reference', 'in', [...references])] : [])]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
