import { sql, type Kysely, type SqlBool } from 'kysely';
import type { StaffMember } from '@/api/schemas';
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
