import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { leaseOwner, Repeater, underLease } from '../connectors/repeater';
import { sql, type Kysely } from 'kysely';
import { ConnectorStateStore } from '../connectors/state-store';
import { feedHorizon } from '../store/pg-provider';
import { checkWebhookUrl, type AddressPolicy } from './address';
import { signDelivery } from './signature';

/**
 * Delivers the events feed to the providers' webhook endpoints (docs/decisions/0151-signed-webhooks.md):
 *   1. fan-out: each event committed after the dispatcher's cursor becomes one delivery per enabled endpoint of
 *      its provider that asked for its type (a unique row per endpoint and event: a repeat adds nothing);
 *   2. send: for each endpoint and case only the earliest pending delivery, when due — so a case's events
 *      arrive in order while other cases go on; signed, sent to the address checked at this moment.
 * A delivery is done on any 2xx. Otherwise it is tried again after 1, 2, 4 … minutes (at most an hour apart)
 * until a day has passed since the event, then marked failed; an endpoint that fails 50 times in a row is
 * disabled with the reason, both shown to the provider. At least once: a crash after the receiver got it but
 * before it was recorded sends it again with the same `Redress-Event-Id`, which receivers de-duplicate on.
 * One dispatcher across instances: a lease, as the connectors have (connector_state 'webhooks').
 */

const RETRY_FOR_MS = 24 * 3_600_000;
const MAX_BACKOFF_MS = 3_600_000;
const DISABLE_AFTER_FAILURES = 50;
const TIMEOUT_MS = 10_000;

export interface DeliveryResult {
  status: number | null;
  error: string | null;
}

/** Sends one signed request to a checked address; resolves with its status (never throws). */
export type Sender = (url: string, address: { address: string; family: number }, headers: Record<string, string>, body: string) => Promise<DeliveryResult>;

export const nodeSender: Sender = (url, address, headers, body) =>
  new Promise((resolve) => {
    const target = new URL(url);
    const pinned: LookupFunction = (_host, options, callback) => {
      if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [address]);
      else callback(null, address.address, address.family);
    };
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(target, { method: 'POST', headers: { ...headers, 'Content-Length': Buffer.byteLength(body) }, lookup: pinned, timeout: TIMEOUT_MS }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? null, error: null }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => resolve({ status: null, error: error.message.slice(0, 200) }));
    req.end(body);
  });

export interface DispatcherOptions {
  db: Kysely<unknown>;
  policy: AddressPolicy;
  sender?: Sender;
  /** The clock retries and the day's limit run on (tests move it). */
  now?: () => Date;
  log?: (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, string | number | boolean | null>) => void;
}

interface DueRow {
  id: string;
  endpoint_id: string;
  url: string;
  secret: string;
  event_id: string;
  payload: unknown;
  attempts: number;
  created_at: Date;
}

export class WebhookDispatcher {
  private readonly state: ConnectorStateStore;
  private readonly owner = leaseOwner();
  private readonly sender: Sender;
  private readonly now: () => Date;
  private readonly repeater: Repeater;
  private intervalMs = 5_000;

  constructor(private readonly options: DispatcherOptions) {
    this.state = new ConnectorStateStore(options.db, 'webhooks');
    this.sender = options.sender ?? nodeSender;
    this.now = options.now ?? (() => new Date());
    this.repeater = new Repeater(async () => {
      try {
        await this.runOnce();
      } catch (error) {
        this.options.log?.('error', 'webhook dispatcher failed', { error: error instanceof Error ? error.message : String(error) });
      }
      return this.intervalMs;
    });
  }

  /** Fans out new events, then sends what is due. false: another instance holds the lease. */
  async runOnce(): Promise<{ ran: boolean; sent: number }> {
    const sent = await underLease(this.state, this.owner, 60_000, async () => {
      await this.fanOut();
      return this.sendDue();
    });
    return sent === null ? { ran: false, sent: 0 } : { ran: true, sent };
  }

  private async fanOut(): Promise<void> {
    const { db } = this.options;
    let { feedCursor } = await this.state.state();
    // Only up to the feed's horizon: an event above it may yet be joined by one below it, committed later.
    const horizon = await feedHorizon(db);
    for (;;) {
      // The next events in seq order (at most 500), then their deliveries in one statement: one per enabled
      // endpoint of the event's provider that asked for its type — none, and no round trip per event, when the
      // provider has no endpoint (issue 21.9: this ran one INSERT per event, for every case created).
      const { rows } = await sql<{ seq: string }>`
        SELECT e.seq::text AS seq FROM cases c JOIN case_events e ON e.reference = c.reference
        WHERE e.seq > ${feedCursor}::bigint AND e.seq <= ${horizon}::bigint ORDER BY e.seq LIMIT 500`.execute(db);
      if (rows.length === 0) return;
      const at = this.now();
      const last = rows.at(-1)!.seq;
      await sql`INSERT INTO webhook_deliveries (endpoint_id, seq, reference, event_id, payload, next_at, created_at)
        SELECT w.id, e.seq, e.reference, e.event->>'id',
          jsonb_build_object('id', e.event->'id', 'type', e.event->'type', 'reference', e.reference, 'seq', e.seq::text, 'event', e.event), ${at}, ${at}
        FROM cases c JOIN case_events e ON e.reference = c.reference
          JOIN webhook_endpoints w ON w.provider_id = c.provider_id AND w.enabled AND (e.event->>'type' = ANY(w.events) OR '*' = ANY(w.events))
        WHERE e.seq > ${feedCursor}::bigint AND e.seq <= ${last}::bigint
        ORDER BY e.seq, w.id
        ON CONFLICT (endpoint_id, event_id) DO NOTHING`.execute(db);
      feedCursor = last;
      await this.state.saveCursor(feedCursor);
      if (rows.length < 500) return;
    }
  }

  private async sendDue(): Promise<number> {
    const { db } = this.options;
    const now = this.now();
    const { rows } = await sql<DueRow>`
      SELECT d.id::text AS id, d.endpoint_id, w.url, w.secret, d.event_id, d.payload, d.attempts, d.created_at
      FROM webhook_deliveries d JOIN webhook_endpoints w ON w.id = d.endpoint_id
      WHERE d.status = 'pending' AND d.next_at <= ${now} AND w.enabled
        AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p WHERE p.endpoint_id = d.endpoint_id AND p.reference = d.reference AND p.status = 'pending' AND p.seq < d.seq)
      ORDER BY d.seq LIMIT 200`.execute(db);
    let sent = 0;
    for (const row of rows) {
      const result = await this.deliver(row, now);
      if (result.status !== null && result.status >= 200 && result.status < 300) {
        sent++;
        await sql`UPDATE webhook_deliveries SET status = 'delivered', attempts = attempts + 1, last_status = ${result.status}, last_error = NULL, delivered_at = ${now} WHERE id = ${row.id}::bigint`.execute(db);
        await sql`UPDATE webhook_endpoints SET consecutive_failures = 0 WHERE id = ${row.endpoint_id}`.execute(db);
        continue;
      }
      const attempts = row.attempts + 1;
      const expired = now.getTime() - new Date(row.created_at).getTime() >= RETRY_FOR_MS;
      const next = new Date(now.getTime() + Math.min(MAX_BACKOFF_MS, 60_000 * 2 ** Math.min(attempts - 1, 10)));
      await sql`UPDATE webhook_deliveries SET attempts = ${attempts}, last_status = ${result.status}, last_error = ${result.error},
        status = ${expired ? 'failed' : 'pending'}, next_at = ${next} WHERE id = ${row.id}::bigint`.execute(db);
      await sql`UPDATE webhook_endpoints SET consecutive_failures = consecutive_failures + 1,
          enabled = consecutive_failures + 1 < ${DISABLE_AFTER_FAILURES},
          disabled_reason = CASE WHEN consecutive_failures + 1 >= ${DISABLE_AFTER_FAILURES} THEN ${`${DISABLE_AFTER_FAILURES} failed deliveries in a row`} ELSE disabled_reason END
        WHERE id = ${row.endpoint_id}`.execute(db);
      this.options.log?.('warn', 'webhook delivery failed', { endpoint: row.endpoint_id, status: result.status, error: result.error, attempts });
    }
    return sent;
  }

  private async deliver(row: DueRow, now: Date): Promise<DeliveryResult> {
    // Checked again at each send: the name may resolve elsewhere today than at registration.
    const checked = await checkWebhookUrl(row.url, this.options.policy);
    if (!checked.ok) return { status: null, error: `refused: ${checked.problem}` };
    const body = JSON.stringify(row.payload);
    const timestamp = Math.floor(now.getTime() / 1000);
    return this.sender(
      row.url,
      checked,
      {
        'Content-Type': 'application/json',
        'User-Agent': 'Redress-Webhooks/1',
        'Redress-Event-Id': row.event_id,
        'Redress-Timestamp': String(timestamp),
        'Redress-Signature': signDelivery(row.secret, timestamp, body),
      },
      body,
    );
  }

  start(intervalMs: number): void {
    this.intervalMs = intervalMs;
    this.repeater.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.repeater.stop();
  }
}
