import { sql, type Kysely } from 'kysely';
import type { ConnectorStatus, WebhookFailure } from '@/api/schemas';
import type { BackOfficeTx, IntegrationsPort } from '@/core/ports';
import type { ProviderId } from '@/domain/profile-schema';
import type { PgTx } from '../store/pg-store';

/**
 * The staff's integrations page on the server (docs/decisions/0142-integrations-page.md): the connectors' state
 * (migration 0060) and the webhook deliveries (0061) are kept outside the portal's role, so they are read here on
 * the server's own connection — only the provider's own endpoints and deliveries, and never a payload or a secret.
 */

type Db = Kysely<unknown>;
/** Runs queries in the request's unit of work as the server's own user (PgTx.asServer). */
type AsServer = <T>(work: (db: Db) => Promise<T>) => Promise<T>;

export function serverIntegrations(asServer: AsServer): IntegrationsPort {
  return {
    async connectors(providerId: ProviderId): Promise<ConnectorStatus[]> {
      // A server serves one provider: each connector reads that provider's feed; its backlog is what it has not read yet.
      const { rows } = await asServer((db) => sql<{ connector: string; last_sync_at: Date | null; failures: number; last_error: string | null; backlog: string }>`
        SELECT s.connector, s.last_sync_at, s.failures, s.last_error,
          (SELECT count(*) FROM case_events e JOIN cases c ON c.reference = e.reference
            WHERE c.provider_id = ${providerId} AND e.seq > (CASE WHEN s.feed_cursor ~ '^[0-9]{1,19}$' THEN s.feed_cursor::bigint ELSE 0 END))::text AS backlog
        FROM connector_state s ORDER BY s.connector`.execute(db));
      return rows.map((r) => ({
        connector: r.connector,
        lastSyncAt: r.last_sync_at ? new Date(r.last_sync_at).toISOString() : null,
        backlog: Number(r.backlog),
        failures: r.failures,
        lastError: r.last_error,
      }));
    },
    async endpointFailures(providerId: ProviderId): Promise<Record<string, number>> {
      const { rows } = await asServer((db) => sql<{ id: string; consecutive_failures: number }>`SELECT id, consecutive_failures FROM webhook_endpoints WHERE provider_id = ${providerId}`.execute(db));
      return Object.fromEntries(rows.map((r) => [r.id, r.consecutive_failures]));
    },
    async failedDeliveries(providerId: ProviderId, limit: number): Promise<WebhookFailure[]> {
      const { rows } = await asServer((db) => sql<{ id: string; endpoint_id: string; reference: string; type: string | null; attempts: number; last_status: number | null; last_error: string | null; created_at: Date }>`
        SELECT d.id::text AS id, d.endpoint_id, d.reference, d.payload->>'type' AS type, d.attempts, d.last_status, d.last_error, d.created_at
        FROM webhook_deliveries d JOIN webhook_endpoints w ON w.id = d.endpoint_id
        WHERE w.provider_id = ${providerId} AND d.status = 'failed'
        ORDER BY d.created_at DESC, d.id DESC LIMIT ${limit}`.execute(db));
      return rows.map((r) => ({
        id: r.id,
        endpointId: r.endpoint_id,
        reference: r.reference,
        eventType: r.type ?? '',
        attempts: r.attempts,
        lastStatus: r.last_status,
        lastError: r.last_error,
        createdAt: new Date(r.created_at).toISOString(),
      }));
    },
    async retryDelivery(providerId: ProviderId, id: string): Promise<boolean> {
      if (!/^\d{1,19}$/.test(id)) return false;
      return asServer(async (trx) => {
        const { rows } = await sql<{ endpoint_id: string }>`
          UPDATE webhook_deliveries d SET status = 'pending', next_at = now(), created_at = now()
          FROM webhook_endpoints w
          WHERE d.id = ${id}::bigint AND d.status = 'failed' AND w.id = d.endpoint_id AND w.provider_id = ${providerId}
          RETURNING d.endpoint_id`.execute(trx);
        const endpoint = rows[0]?.endpoint_id;
        if (!endpoint) return false;
        // Sent again by a person: the endpoint takes deliveries again, its count of failures in a row starting afresh.
        await sql`UPDATE webhook_endpoints SET enabled = true, disabled_reason = NULL, consecutive_failures = 0 WHERE id = ${endpoint}`.execute(trx);
        return true;
      });
    },
  };
}

/** BackOfficeDeps.integrations on PostgreSQL: in the request's unit of work (a PgTx), as the server's own user. */
export const pgIntegrations = (tx: BackOfficeTx): IntegrationsPort => serverIntegrations((work) => (tx as PgTx).asServer((db) => work(db as unknown as Db)));
