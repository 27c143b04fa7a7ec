import { sql, type Kysely } from 'kysely';
import type { StoredWebhook, WebhookAddressProblem } from '@/core/ports';
import type { ProviderId } from '@/domain/profile-schema';
import { checkWebhookUrl, type AddressPolicy } from './address';

/**
 * Webhook endpoints on PostgreSQL (migration 0061): written and read inside the request's unit of work (pg-store
 * delegates here), under the provider's scope — the row-level-security policy admits only the provider's own.
 */

interface Row {
  id: string;
  provider_id: string;
  url: string;
  events: string[];
  secret: string;
  enabled: boolean;
  disabled_reason: string | null;
  created_at: Date;
}

// The webhook tables are the server's alone, not in the portal's typed schema.
type Db = Kysely<unknown>;
const untyped = <T>(db: Kysely<T>): Db => db as unknown as Db;

function rowToWebhook(r: Row): StoredWebhook {
  return {
    id: r.id,
    providerId: r.provider_id as ProviderId,
    url: r.url,
    events: r.events as StoredWebhook['events'],
    secret: r.secret,
    enabled: r.enabled,
    disabledReason: r.disabled_reason,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export async function insertWebhook<T>(trx: Kysely<T>, w: StoredWebhook): Promise<void> {
  await sql`INSERT INTO webhook_endpoints (id, provider_id, url, events, secret, enabled, created_at)
    VALUES (${w.id}, ${w.providerId}, ${w.url}, ${w.events}, ${w.secret}, ${w.enabled}, ${w.createdAt})`.execute(untyped(trx));
}

export async function webhooksOf<T>(trx: Kysely<T>, providerId: ProviderId): Promise<StoredWebhook[]> {
  const { rows } = await sql<Row>`SELECT id, provider_id, url, events, secret, enabled, disabled_reason, created_at
    FROM webhook_endpoints WHERE provider_id = ${providerId} ORDER BY created_at, id`.execute(untyped(trx));
  return rows.map(rowToWebhook);
}

export async function deleteWebhook<T>(trx: Kysely<T>, providerId: ProviderId, id: string): Promise<boolean> {
  const { rows } = await sql`DELETE FROM webhook_endpoints WHERE provider_id = ${providerId} AND id = ${id} RETURNING 1`.execute(untyped(trx));
  return rows.length === 1;
}

/** The core's `webhookAddressCheck` for this deployment. */
export function webhookAddressCheck(policy: AddressPolicy): (url: string) => Promise<WebhookAddressProblem | null> {
  return async (url) => {
    const checked = await checkWebhookUrl(url, policy);
    return checked.ok ? null : checked.problem;
  };
}
