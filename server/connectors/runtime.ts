import { leaseOwner, Repeater, underLease } from './repeater';
import type { Kysely } from 'kysely';
import type { FeedEvent } from '@/api/schemas';
import type { ProviderApiClient } from './provider-client';
import { ConnectorStateStore } from './state-store';

/**
 * The connector runtime (docs/decisions/0150-connector-runtime.md): Redress in front of another case system.
 * One run:
 *   1. push — reads the provider's events feed after the cursor kept in the database and hands each event
 *      to the connector, in feed order; the cursor moves after each event is done, so a crash repeats at most
 *      one event, which the connector makes safe to repeat (it looks before it writes);
 *   2. pull — the connector reads what changed in the other system and turns it into provider-API actions
 *      with Idempotency-Keys derived from the other system's ids, so a repeat is a replay, never a second act.
 * Events the connector's own integration caused (`data.via`) are not pushed back: no echo.
 * One active runner across instances: a lease on the connector's row (taken with one atomic UPDATE, renewed
 * as the run goes, running out by itself when a runner dies).
 */

/** How long a runner's lease lasts without renewal. */
const LEASE_MS = 60_000;

export interface Connector {
  /** A stable name: the key of its state and lock (e.g. `servicenow`). */
  readonly name: string;
  /** Problems with the configuration against the other system; the runtime refuses to run while there are any. */
  check(): Promise<string[]>;
  /** Sends one Redress event to the other system. Must be safe to repeat. */
  push(event: FeedEvent, ctx: ConnectorContext): Promise<void>;
  /** Brings the other system's changes back as provider-API actions. */
  pull(ctx: ConnectorContext): Promise<void>;
}

export interface ConnectorContext {
  api: ProviderApiClient;
  state: ConnectorStateStore;
}

export interface RunResult {
  /** false: another instance holds the lock; nothing was done. */
  ran: boolean;
  pushed: number;
  backlog: boolean;
}

export interface RuntimeOptions {
  db: Kysely<unknown>;
  connector: Connector;
  api: ProviderApiClient;
  /** Events read per feed page (default 100). */
  pageSize?: number;
  /** Events pushed per run at most (default 1,000), so a backlog does not starve the pull. */
  maxEventsPerRun?: number;
  log?: (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, string | number | boolean | null>) => void;
}

export class ConnectorRuntime {
  readonly state: ConnectorStateStore;
  private ownActor: string | null = null;
  private checked = false;
  private readonly repeater: Repeater;
  /** This runner, for the lease. */
  private readonly owner = leaseOwner();

  constructor(private readonly options: RuntimeOptions) {
    this.state = new ConnectorStateStore(options.db, options.connector.name);
    this.repeater = new Repeater(() => this.tick());
  }

  /** One run under the lease: push what the feed has, then pull. Throws what failed (after recording it). */
  async runOnce(): Promise<RunResult> {
    const result = await underLease(this.state, this.owner, LEASE_MS, async () => {
      try {
        return await this.run();
      } catch (error) {
        await this.state.recordFailure(describe(error));
        throw error;
      }
    });
    return result ?? { ran: false, pushed: 0, backlog: false };
  }

  private async run(): Promise<RunResult> {
    const { connector, api } = this.options;
    if (!this.checked) {
      const problems = await connector.check();
      if (problems.length > 0) throw new ConnectorConfigError(problems);
      this.checked = true;
    }
    this.ownActor ??= (await api.call('providerWhoAmI')).actor;
    const ctx: ConnectorContext = { api, state: this.state };
    const pageSize = this.options.pageSize ?? 100;
    const maxEvents = this.options.maxEventsPerRun ?? 1000;
    let { feedCursor } = await this.state.state();
    let pushed = 0;
    let backlog = false;
    for (;;) {
      const page = await api.call('providerEvents', { query: { after: feedCursor, limit: String(pageSize) } });
      for (const event of page.events) {
        if (event.event.data?.via !== this.ownActor) await connector.push(event, ctx);
        feedCursor = event.seq;
        await this.state.saveCursor(feedCursor);
        pushed++;
        // A long backlog keeps the lease; a runner that dies lets it run out.
        if (pushed % 20 === 0 && !(await this.state.lease(this.owner, LEASE_MS))) throw new Error('connector lease lost');
      }
      backlog = page.hasMore;
      if (!page.hasMore || pushed >= maxEvents) break;
    }
    await connector.pull(ctx);
    await this.state.recordSuccess(new Date());
    return { ran: true, pushed, backlog };
  }

  /** Runs every `intervalMs` (and at once while there is a backlog) until `stop`. A failed run is logged and tried again. */
  start(intervalMs: number): void {
    this.intervalMs = intervalMs;
    this.repeater.start(0);
  }

  stop(): Promise<void> {
    return this.repeater.stop();
  }

  private intervalMs = 60_000;

  /** One run; the wait before the next: none while there is a backlog, longer while runs fail. */
  private async tick(): Promise<number> {
    try {
      return (await this.runOnce()).backlog ? 0 : this.intervalMs;
    } catch (error) {
      this.options.log?.('error', 'connector run failed', { connector: this.options.connector.name, error: describe(error) });
      // Back off while the other system (or the configuration) is failing: up to 5 minutes.
      const { failures } = await this.state.state().catch(() => ({ failures: 1 }));
      return Math.min(300_000, this.intervalMs * 2 ** Math.min(failures, 6));
    }
  }
}

export class ConnectorConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`connector configuration does not match the other system: ${problems.join('; ')}`);
    this.name = 'ConnectorConfigError';
  }
}

/** What is recorded of a failure: its name, status and code — never a request body (customers' data). */
function describe(error: unknown): string {
  if (error instanceof Error) {
    const { status, code } = error as { status?: unknown; code?: unknown };
    return [error.name, typeof status === 'number' ? status : null, typeof code === 'string' ? code : null, error.message.slice(0, 200)].filter(Boolean).join(' ');
  }
  return String(error);
}
