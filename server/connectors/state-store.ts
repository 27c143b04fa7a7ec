import { sql, type Kysely, type RawBuilder } from 'kysely';

/**
 * What a connector keeps in the database (migration 0060): its cursor in the events feed, its watermark in
 * the other system, the other system's records it has already acted on, and each case's twin. Every method
 * commits on its own: the runtime records a step only once the step is done.
 */

export interface ConnectorState {
  feedCursor: string;
  remoteWatermark: string | null;
  lastSyncAt: string | null;
  lastError: string | null;
  failures: number;
}

export interface CaseLink {
  reference: string;
  externalId: string;
  number: string | null;
  url: string | null;
  lastState: string | null;
}

// The connector tables are not part of the portal's typed schema: they are the runtime's alone.
type Db = Kysely<unknown>;

export class ConnectorStateStore {
  constructor(
    private readonly db: Db,
    readonly connector: string,
  ) {}

  async state(): Promise<ConnectorState> {
    await sql`INSERT INTO connector_state (connector) VALUES (${this.connector}) ON CONFLICT (connector) DO NOTHING`.execute(this.db);
    const { rows } = await sql<{ feed_cursor: string; remote_watermark: string | null; last_sync_at: Date | null; last_error: string | null; failures: number }>`
      SELECT feed_cursor, remote_watermark, last_sync_at, last_error, failures FROM connector_state WHERE connector = ${this.connector}`.execute(this.db);
    const row = rows[0]!;
    return {
      feedCursor: row.feed_cursor,
      remoteWatermark: row.remote_watermark,
      lastSyncAt: row.last_sync_at ? new Date(row.last_sync_at).toISOString() : null,
      lastError: row.last_error,
      failures: row.failures,
    };
  }

  /** Takes (or renews) the runner's lease; false while another live runner holds it. */
  async lease(owner: string, ms: number): Promise<boolean> {
    await sql`INSERT INTO connector_state (connector) VALUES (${this.connector}) ON CONFLICT (connector) DO NOTHING`.execute(this.db);
    const { rows } = await sql`UPDATE connector_state SET lease_owner = ${owner}, lease_until = now() + make_interval(secs => ${ms / 1000})
      WHERE connector = ${this.connector} AND (lease_owner IS NULL OR lease_owner = ${owner} OR lease_until < now()) RETURNING 1`.execute(this.db);
    return rows.length === 1;
  }

  async releaseLease(owner: string): Promise<void> {
    await sql`UPDATE connector_state SET lease_owner = NULL, lease_until = NULL WHERE connector = ${this.connector} AND lease_owner = ${owner}`.execute(this.db);
  }

  async saveCursor(cursor: string): Promise<void> {
    await sql`UPDATE connector_state SET feed_cursor = ${cursor}, updated_at = now() WHERE connector = ${this.connector}`.execute(this.db);
  }

  async saveWatermark(watermark: string): Promise<void> {
    await sql`UPDATE connector_state SET remote_watermark = ${watermark}, updated_at = now() WHERE connector = ${this.connector}`.execute(this.db);
  }

  async recordSuccess(at: Date): Promise<void> {
    await sql`UPDATE connector_state SET last_sync_at = ${at}, last_error = NULL, failures = 0, updated_at = now() WHERE connector = ${this.connector}`.execute(this.db);
  }

  /** A failed run: the message (never a customer's data: the runtime passes the error's code and status only). */
  async recordFailure(message: string): Promise<void> {
    await sql`UPDATE connector_state SET last_error = ${message.slice(0, 500)}, failures = failures + 1, updated_at = now() WHERE connector = ${this.connector}`.execute(this.db);
  }

  async seen(externalId: string): Promise<boolean> {
    const { rows } = await sql`SELECT 1 FROM connector_seen WHERE connector = ${this.connector} AND external_id = ${externalId}`.execute(this.db);
    return rows.length > 0;
  }

  async markSeen(externalId: string): Promise<void> {
    await sql`INSERT INTO connector_seen (connector, external_id) VALUES (${this.connector}, ${externalId}) ON CONFLICT DO NOTHING`.execute(this.db);
  }

  async link(reference: string): Promise<CaseLink | null> {
    return (await this.linksWhere(sql`reference = ${reference}`))[0] ?? null;
  }

  async linkByExternalId(externalId: string): Promise<CaseLink | null> {
    return (await this.linksWhere(sql`external_id = ${externalId}`))[0] ?? null;
  }

  async saveLink(link: Omit<CaseLink, 'lastState'>): Promise<void> {
    await sql`INSERT INTO connector_links (connector, reference, external_id, number, url)
      VALUES (${this.connector}, ${link.reference}, ${link.externalId}, ${link.number}, ${link.url})
      ON CONFLICT (connector, reference) DO UPDATE SET external_id = EXCLUDED.external_id, number = EXCLUDED.number, url = EXCLUDED.url`.execute(this.db);
  }

  async saveLastState(reference: string, state: string): Promise<void> {
    await sql`UPDATE connector_links SET last_state = ${state} WHERE connector = ${this.connector} AND reference = ${reference}`.execute(this.db);
  }

  async links(): Promise<CaseLink[]> {
    return this.linksWhere(sql`true`);
  }

  /** This connector's links matching `condition`, oldest first. */
  private async linksWhere(condition: RawBuilder<unknown>): Promise<CaseLink[]> {
    const { rows } = await sql<LinkRow>`
      SELECT reference, external_id, number, url, last_state FROM connector_links
      WHERE connector = ${this.connector} AND ${condition} ORDER BY created_at`.execute(this.db);
    return rows.map(linkOf);
  }
}

interface LinkRow {
  reference: string;
  external_id: string;
  number: string | null;
  url: string | null;
  last_state: string | null;
}

function linkOf(row: LinkRow): CaseLink {
  return { reference: row.reference, externalId: row.external_id, number: row.number, url: row.url, lastState: row.last_state };
}
