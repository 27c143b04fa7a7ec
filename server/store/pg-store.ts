import { CompiledQuery, sql, type Expression, type Selectable, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Customer, MessageStatus, StaffMember, TimelineEvent } from '@/api/schemas';
import type {
  BackOfficeStore,
  BackOfficeTx,
  CasePage,
  CaseHistory,
  CaseQuery,
  CaseScope,
  IdempotencyClaim,
  IdempotentReply,
  InvitationScope,
  QueueBounds,
  QueueStorePage,
  QueueStoreQuery,
  StoredAlert,
  StoredAttachment,
  StoredInvitation,
  StoredCase,
  StoredFeedEvent,
  StoredIntegration,
  StoredMessage,
  StoredSession,
  StoredSignInCode,
  StoredWebhook,
} from '@/core/ports';
import { admits, sameScope } from '@/core/visibility';
import { windowOver } from '@/core/windows';
import { nextDeadline } from '@/domain/case-clocks';
import { isOpen, normaliseForSearch, openCaseStatuses } from '@/domain/cases';
import type { ProviderId } from '@/domain/profile-schema';
import { getProfile } from '@/domain/profiles';
import { ERASED_EMAIL, type PruneCounts, type PruneCutoffs } from '@/core/retention';
import { searchableSummaryOf } from '@/core/use-cases';
import * as hooks from '../webhooks/registry';
import * as alerts from './pg-alerts';
import * as messages from './pg-messages';
import type { MessageJson } from './pg-messages';
import type { CasesTable, Database, InvitationsTable, SignInCodesTable } from '../db/schema';
import * as provider from './pg-provider';
import { inScope, inScopeShape, scopeSql } from './scope-sql';
import { claimWindowOver, windowOverSql } from './window-sql';
import { deferredWritesSql, dropPrepared, inlined, keptStatements, kyselyOn, UnitConnection, type DeferredWrite } from './pg-batch';
import * as staff from './pg-staff';
import { shapedInsert, shapedQuery } from './shaped-query';

/**
 * The back office's store on PostgreSQL (or PGlite): src/core/ports.ts over Kysely.
 *
 * Every transaction runs as the unprivileged role `redress_app` under row-level security
 * (server/db/migrations/0002_row_level_security.sql, docs/decisions/0072-row-level-security.md). The caller's
 * scope is given to the database when a method names it (findCase, listCases, openCases) and stays for the rest
 * of the transaction, so the methods that only name a reference (timeline, appendEvents, linkAttachment…) see
 * no more than the caller may. Each query also filters by the scope itself: the policies are the second lock,
 * not the only one.
 */

export const APP_ROLE = 'redress_app';

type Db = Kysely<Database>;
/** One connection of the pool, inside the transaction PgStore.transaction opened on it. */
type Tx = Kysely<Database>;
type CaseRowExpression = ExpressionBuilder<Database, 'cases'>;

// ---------- what is stored beside a case, computed here with the domain's own functions ----------

/** ' ' + the summary's words, so that ' ' + token finds the beginning of a word (domain filterCases). */
export function searchWordsOf(summary: string): string {
  return ' ' + normaliseForSearch(summary);
}

/** The reference without separators, lower case: 'nas20267kq4m2'. */
export function refCompactOf(reference: string): string {
  return normaliseForSearch(reference).replace(/ /g, '');
}

/**
 * The earliest unmet clock of the case's current stage, or null when none runs or the case is closed — what
 * the domain's `makeDeadlineOf` sorts by. A due date depends only on the case (stage start, clocks met), not
 * on when it is asked, so it is computed when the case is written.
 */
export function nextDeadlineOf(c: StoredCase): Date | null {
  if (!isOpen(c.status)) return null;
  return nextDeadline(getProfile(c.providerId), c, new Date(c.updatedAt))?.dueAt ?? null;
}

function caseColumns(c: StoredCase) {
  return {
    provider_id: c.providerId,
    customer_id: c.customerId,
    organisation_id: c.organisationId,
    status: c.status,
    stage_id: c.stageId,
    updated_at: c.updatedAt,
    first_complained_at: c.firstComplainedAt,
    // next_deadline_at (nextDeadlineOf) and the staff queue's keys
    ...staff.queueColumns(c),
    search_words: searchWordsOf(searchableSummaryOf(c)),
    ref_compact: refCompactOf(c.reference),
    data: JSON.stringify(c),
  } satisfies Omit<Record<keyof CasesTable, unknown>, 'reference'>;
}

// ---------- the case list's cursor ----------

interface Cursor {
  sort: CaseQuery['sort'];
  /** next_deadline_at of the last case on the page (sort 'deadline'); null: it had none. */
  deadline: string | null;
  updatedAt: string;
  reference: string;
}

/** Year 9999 either side of 1970: far outside any case's dates, well inside timestamptz. */
const MAX_CURSOR_MS = Date.UTC(9999, 11, 31);

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.deadline, cursor.updatedAt, cursor.reference])).toString('base64url');
}

/** The position a cursor names; null for anything else (a stale or made-up cursor starts from the top, as in the simulated back office). */
function decodeCursor(text: string | undefined, sort: CaseQuery['sort']): Cursor | null {
  if (!text) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 4) return null;
    const [s, deadline, updatedAt, reference] = parsed as unknown[];
    // An instant PostgreSQL can hold (JavaScript's dates reach year −271821, timestamptz only 4713 BC): issue 20.10.
    const isInstant = (v: unknown): v is string => typeof v === 'string' && Math.abs(Date.parse(v)) <= MAX_CURSOR_MS;
    if (s !== sort || !(deadline === null || isInstant(deadline)) || !isInstant(updatedAt) || typeof reference !== 'string') return null;
    return { sort, deadline, updatedAt, reference };
  } catch {
    return null;
  }
}

/** Rows after the cursor in the list's order: 'updated' = updated_at desc, reference; 'deadline' = next_deadline_at asc nulls last first. */
function after(cursor: Cursor) {
  const updatedAt = new Date(cursor.updatedAt);
  const deadline = cursor.deadline === null ? null : new Date(cursor.deadline);
  return (eb: CaseRowExpression): Expression<SqlBool> => {
    const byUpdated = eb.or([
      eb('cases.updated_at', '<', updatedAt),
      eb.and([eb('cases.updated_at', '=', updatedAt), eb('cases.reference', '>', cursor.reference)]),
    ]);
    if (cursor.sort === 'updated') return byUpdated;
    if (deadline === null) return eb.and([eb('cases.next_deadline_at', 'is', null), byUpdated]);
    return eb.or([
      eb('cases.next_deadline_at', 'is', null),
      eb('cases.next_deadline_at', '>', deadline),
      eb.and([eb('cases.next_deadline_at', '=', deadline), byUpdated]),
    ]);
  };
}

/** Filters and free-text search of the case list (domain `filterCases`, in SQL). */
function matching(query: CaseQuery) {
  return (eb: CaseRowExpression): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [];
    if (query.status) {
      conditions.push(query.status.length > 0 ? eb('cases.status', 'in', [...query.status]) : sql<SqlBool>`false`);
    }
    if (query.stage !== undefined) conditions.push(eb('cases.stage_id', '=', query.stage));
    const q = query.q ? normaliseForSearch(query.q) : '';
    if (q) {
      // The reference contains the text, or every word of it begins a word of the summary (or is in the reference).
      // strpos, not LIKE: nothing in the text is a pattern.
      const compact = q.replace(/ /g, '');
      const words = q.split(' ').map((token) =>
        eb.or([sql<SqlBool>`strpos(cases.search_words, ${' ' + token}) > 0`, sql<SqlBool>`strpos(cases.ref_compact, ${token}) > 0`]),
      );
      conditions.push(eb.or([sql<SqlBool>`strpos(cases.ref_compact, ${compact}) > 0`, eb.and(words)]));
    }
    return eb.and(conditions);
  };
}

// ---------- the transaction ----------

export class PgTx implements BackOfficeTx {
  /** The caller's scope as the policies see it; null until a method names one (then nothing is visible). */
  private scope: CaseScope | null = null;
  /**
   * Timeline events appended but not yet stored: they are written at the end of the unit of work, in the same
   * message as the feed lock (shared: writers do not wait for one another, a reader of the feed waits for them,
   * decision 0184) and the COMMIT (`commitSql`), so that no round trip to this process happens while the lock is
   * held. Stored earlier when something in the transaction reads the timeline or changes the scope.
   */
  private pending: { reference: string; event: TimelineEvent }[] = [];
  /**
   * Writes whose result nothing in the unit of work reads (the idempotent reply, a new session, a timed check's
   * job): sent with the COMMIT, in the same message (`commitSql`). `asServer`: as the connection's own user
   * (pg-boss's tables are not redress_app's), then back to redress_app.
   */
  private deferred: DeferredWrite[] = [];
  /** The cases this transaction wrote, as written (for the scheduling hook); `true`: inserted here. */
  private readonly written = new Map<string, { c: StoredCase; inserted: boolean }>();
  /**
   * Whether a case was inserted without asking the database whether its reference was free (`insertCase`): a
   * taken reference then fails the unit of work at its next message, and PgStore.transaction runs it again.
   */
  insertedUnchecked = false;

  /**
   * `trx` is public for tests that show what the policies let through; the core sees only BackOfficeTx. `unit`:
   * the connection under `trx`, which holds back statements to send with the next (see UnitConnection).
   */
  constructor(
    readonly trx: Tx,
    private readonly unit: UnitConnection,
    private readonly hooks: PgStoreHooks = {},
  ) {}

  /**
   * Gives `scope` to the policies, with the next message: the pending events first (stored under the scope they
   * were appended in: the policies check each insert), then the settings.
   */
  private holdScope(scope: CaseScope): void {
    if (sameScope(this.scope, scope)) return;
    this.holdEvents();
    this.unit.holdSetting(scopeSql(scope));
    this.scope = scope;
  }

  /**
   * Whose unit of work this is (ports.ts `actFor`): the scope the policies see from the next message on. null:
   * no one's — the settings are cleared (a session resolved to no one must not keep the scope its lookup used).
   */
  actFor(scope: CaseScope | null): void {
    if (scope) return this.holdScope(scope);
    if (this.scope === null) return;
    this.holdEvents();
    this.unit.holdSetting(scopeSql(null));
    this.scope = null;
  }

  /** Gives `scope` to the policies before the next query (which `trx` sends after what is held back). */
  private async useScope(scope: CaseScope): Promise<void> {
    this.holdScope(scope);
  }

  /** A builder query, in one message with what is held back (its parameters written in as literals). */
  private rows<O>(query: CompiledQuery<O>): Promise<O[]> {
    return this.unit.executeInlined(query);
  }

  /** Runs a query under `scope`: the settings, when the scope changes, and the query in one message. */
  private async runInScope<O>(scope: CaseScope, query: CompiledQuery<O>): Promise<O[]> {
    this.holdScope(scope);
    return this.rows(query);
  }

  /** For a write that names its provider: the caller's scope if one is set, else the provider's. */
  private async scopeFor(providerId: ProviderId): Promise<CaseScope> {
    if (!this.scope) await this.useScope({ providerId, kind: 'provider' });
    return this.scope!;
  }

  async findCase(scope: CaseScope, reference: string, opts: { lock?: boolean } = {}): Promise<StoredCase | null> {
    const { shape, parameters } = inScopeShape(scope);
    const compiled = shapedQuery(`findCase ${shape}${opts.lock ? ' lock' : ''}`, [reference, ...parameters], () => {
      const query = this.trx.selectFrom('cases').select('data').where('reference', '=', reference).where(inScope(scope));
      return (opts.lock ? query.forUpdate() : query).compile();
    });
    const [row] = await this.runInScope(scope, compiled);
    return row ? (row.data as StoredCase) : null;
  }

  async listCases(scope: CaseScope, query: CaseQuery, _now: Date): Promise<CasePage> {
    await this.useScope(scope);
    const base = this.trx.selectFrom('cases').where(inScope(scope)).where(matching(query));
    const { total } = await base.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow();

    const cursor = decodeCursor(query.cursor, query.sort);
    let page = base.select(['data', 'updated_at', 'next_deadline_at', 'reference']);
    if (cursor) page = page.where(after(cursor));
    page =
      query.sort === 'deadline'
        ? page.orderBy('next_deadline_at', (ob) => ob.asc().nullsLast()).orderBy('updated_at', 'desc').orderBy('reference')
        : page.orderBy('updated_at', 'desc').orderBy('reference');
    const limit = Math.max(1, Math.floor(query.limit));
    const rows = await page.limit(limit + 1).execute();

    const shown = rows.slice(0, limit);
    const last = shown.at(-1);
    const nextCursor =
      rows.length > limit && last
        ? encodeCursor({
            sort: query.sort,
            deadline: last.next_deadline_at ? last.next_deadline_at.toISOString() : null,
            updatedAt: last.updated_at.toISOString(),
            reference: last.reference,
          })
        : null;
    return { cases: shown.map((r) => r.data as StoredCase), nextCursor, total: Number(total) };
  }

  async openCases(scope: CaseScope): Promise<StoredCase[]> {
    await this.useScope(scope);
    const rows = await this.trx
      .selectFrom('cases')
      .select('data')
      .where(inScope(scope))
      .where('status', 'in', [...openCaseStatuses])
      .orderBy('reference')
      .execute();
    return rows.map((r) => r.data as StoredCase);
  }

  async staffQueue(scope: CaseScope, query: QueueStoreQuery, bounds: QueueBounds): Promise<QueueStorePage> {
    await this.useScope(scope);
    return staff.staffQueue(this.trx, inScope(scope), query, bounds);
  }

  async insertCase(c: StoredCase): Promise<boolean> {
    const asProvider: CaseScope = { providerId: c.providerId, kind: 'provider' };
    // The caller's scope, else the provider's; a new case the caller's scope does not admit (a guest submitting
    // another complaint) is written as its provider.
    const current = this.scope ?? asProvider;
    const scope = admits(current, c) ? current : asProvider;
    // Sent with the next message (often the COMMIT): no round trip to learn that a random reference is free. A
    // taken one fails that message (cases' primary key) and PgStore.transaction runs the unit of work again.
    this.holdScope(scope);
    const row = { reference: c.reference, ...caseColumns(c) };
    await this.unit.holdWrite(shapedInsert('cases', [row], [], () => this.trx.insertInto('cases').values(row).compile()));
    this.insertedUnchecked = true;
    this.written.set(c.reference, { c, inserted: true });
    return true;
  }

  async updateCase(c: StoredCase): Promise<void> {
    const scope = await this.scopeFor(c.providerId);
    const result = await this.trx
      .updateTable('cases')
      .set(caseColumns(c))
      .where('reference', '=', c.reference)
      .where(inScope(scope))
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw new Error('updateCase: no such case in the caller’s scope');
    this.written.set(c.reference, { c, inserted: this.written.get(c.reference)?.inserted ?? false });
  }

  async appendEvents(reference: string, events: readonly TimelineEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.hooks.beforeCaseEvents?.(this, reference, events);
    for (const event of events) this.pending.push({ reference, event });
  }

  /**
   * The case as this transaction wrote it and its timeline before `events` (the scheduling hook): no query for
   * a case inserted here (its timeline is what this transaction appended), else read within the scope.
   */
  async caseAndTimelineBefore(reference: string): Promise<{ c: StoredCase; timeline: TimelineEvent[] } | null> {
    const written = this.written.get(reference);
    const ours = this.pending.filter((p) => p.reference === reference).map((p) => p.event);
    if (written?.inserted) return { c: written.c, timeline: ours };
    const c = written?.c ?? (await provider.caseByReference(this.trx, reference));
    if (!c) return null;
    return { c, timeline: [...(await this.storedTimeline(reference)), ...ours] };
  }

  /** Stores the pending events with the next message, under the feed lock (held until the transaction ends). */
  private holdEvents(): void {
    if (this.pending.length) this.unit.hold(this.eventsSql());
  }

  /** Stores the pending events before the next query of the unit of work (which reads them), under the feed lock. */
  private async flushEvents(): Promise<void> {
    this.holdEvents();
  }

  /**
   * The pending events as one write (pg-provider.ts EVENTS_INSERT, its one parameter the rows in order), taken from `pending`. The
   * identity column numbers the rows in the order given.
   */
  private takeEvents(): DeferredWrite {
    const rows = this.pending.map(({ reference, event }) => ({ reference, event_id: event.id, at: event.at, event }));
    this.pending = [];
    return { sql: provider.EVENTS_INSERT, parameters: [JSON.stringify(rows)], asServer: false };
  }

  /**
   * The feed lock and the INSERT of the pending events, as SQL text with the values as an escaped literal: held for
   * the next message of the unit of work (something in it reads the timeline, or the scope changes). At the COMMIT
   * the same INSERT goes as a kept statement instead (`commitSql`).
   */
  private eventsSql(): string {
    return `${inlined(provider.FEED_LOCK_WRITE)}; ${inlined(this.takeEvents())};`;
  }

  /** A write to send with the COMMIT (see `deferred`); its statement is parsed and planned as if sent on its own. */
  defer(query: { sql: string; parameters: readonly unknown[] }, options: { asServer?: boolean } = {}): void {
    this.deferred.push({ sql: query.sql, parameters: query.parameters, asServer: options.asServer ?? false });
  }

  /**
   * Runs `work` in this unit of work as the connection's own user, outside the portal's role (the integrations'
   * own tables, server/webhooks/integrations.ts), then takes the role back. On its connection: PGlite has one.
   */
  async asServer<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    await this.flushEvents();
    await sql.raw('SET LOCAL ROLE NONE').execute(this.trx);
    try {
      return await work(this.trx);
    } finally {
      await sql.raw(`SET LOCAL ROLE ${APP_ROLE}`).execute(this.trx);
    }
  }

  /** pg-boss's `db` for a job enqueued with this transaction's COMMIT (as the connection's own user). */
  jobConnection() {
    return {
      executeSql: async (text: string, values: unknown[]) => {
        this.defer({ sql: text, parameters: values }, { asServer: true });
        return { rows: [] };
      },
    };
  }

  /**
   * What ends the unit of work, in one simple-protocol message: the deferred writes (each as PREPARE, EXECUTE
   * with its values as escaped literals, DEALLOCATE — typed exactly as the driver's own unnamed statement would
   * be), then the pending events under the feed lock, then COMMIT.
   */
  commitSql(kept?: ReadonlySet<string>): { sql: string; prepared: string[]; writes: number } {
    // The events last, under the feed lock, so it is held (and a feed reader waits) for as short a time as can be;
    // their INSERT kept prepared as the deferred writes are (planning it was a fifth of a creation's PostgreSQL time).
    const events = this.pending.length ? [this.takeEvents()] : [];
    const writes = [...this.deferred, ...(events.length ? [provider.FEED_LOCK_WRITE, ...events] : [])];
    const { statements, prepared } = deferredWritesSql(writes, APP_ROLE, kept);
    this.deferred = [];
    return { sql: `${statements.map((p) => `${p};`).join(' ')} COMMIT`.trim(), prepared, writes: writes.length };
  }

  async timeline(reference: string): Promise<TimelineEvent[]> {
    await this.flushEvents();
    return this.storedTimeline(reference);
  }

  private async storedTimeline(reference: string): Promise<TimelineEvent[]> {
    if (!this.scope) return [];
    const rows = await this.trx
      .selectFrom('case_events')
      .innerJoin('cases', 'cases.reference', 'case_events.reference')
      .select('case_events.event')
      .where('case_events.reference', '=', reference)
      .where(inScope(this.scope))
      .orderBy('case_events.seq')
      .execute();
    return rows.map((r) => r.event as TimelineEvent);
  }

  // ---- retention (src/core/retention.ts) ----

  async closedCasesBefore(providerId: ProviderId, before: Date, limit: number): Promise<StoredCase[]> {
    await this.useScope({ providerId, kind: 'provider' });
    const rows = await this.trx
      .selectFrom('cases')
      .select('data')
      .where('provider_id', '=', providerId)
      .where('status', 'in', ['closed', 'resolved'])
      .where('updated_at', '<', before)
      .where(sql<SqlBool>`data->'aboutYou'->>'email' <> ${ERASED_EMAIL}`)
      .orderBy('updated_at')
      .limit(limit)
      .execute();
    return rows.map((r) => r.data as StoredCase);
  }

  async replaceTimeline(reference: string, events: readonly TimelineEvent[]): Promise<void> {
    await this.flushEvents();
    for (const event of events) {
      await this.trx.updateTable('case_events').set({ event: JSON.stringify(event) }).where('reference', '=', reference).where('event_id', '=', event.id).execute();
    }
  }

  async deleteAttachment(id: string): Promise<void> {
    await this.trx.deleteFrom('attachments').where('id', '=', id).execute();
  }

  async deletePendingAttachmentsBefore(providerId: ProviderId, before: Date, limit: number): Promise<StoredAttachment[]> {
    await this.useScope({ providerId, kind: 'provider' });
    // `case_ref IS NULL` again on the row deleted: one attached meanwhile (its update committed first) stays.
    const rows = await this.trx
      .deleteFrom('attachments')
      .where((eb) =>
        eb('id', 'in', eb.selectFrom('attachments').select('id').where('provider_id', '=', providerId).where('case_ref', 'is', null).where('created_at', '<', before).orderBy('created_at').limit(limit)),
      )
      .where('case_ref', 'is', null)
      .returning(['meta', 'provider_id', 'case_ref', 'uploader', 'storage_key'])
      .execute();
    return rows.map((row) => ({
      meta: row.meta as StoredAttachment['meta'],
      providerId: row.provider_id as ProviderId,
      caseRef: row.case_ref,
      uploader: row.uploader,
      storageKey: row.storage_key,
    }));
  }

  async pendingUploadBytes(providerId: ProviderId, uploader: string): Promise<number> {
    const row = await this.trx
      .selectFrom('attachments')
      .select(sql<string>`coalesce(sum((meta->>'size')::bigint), 0)`.as('bytes'))
      .where('provider_id', '=', providerId)
      .where('uploader', '=', uploader)
      .where('case_ref', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.bytes);
  }

  async insertAttachment(a: StoredAttachment): Promise<void> {
    await this.scopeFor(a.providerId);
    await this.trx
      .insertInto('attachments')
      .values({
        id: a.meta.id,
        provider_id: a.providerId,
        case_ref: a.caseRef,
        uploader: a.uploader,
        storage_key: a.storageKey,
        meta: JSON.stringify(a.meta),
        created_at: a.meta.uploadedAt,
      })
      .execute();
  }

  async findAttachment(id: string): Promise<StoredAttachment | null> {
    // Not yet attached: found by its id (the core checks provider and uploader). Attached: only within the scope.
    const scope = this.scope;
    const row = await this.trx
      .selectFrom('attachments')
      .select(['meta', 'provider_id', 'case_ref', 'uploader', 'storage_key'])
      .where('id', '=', id)
      .where((eb) =>
        scope
          ? eb.or([
              eb('attachments.case_ref', 'is', null),
              eb.exists(eb.selectFrom('cases').select(sql`1`.as('one')).whereRef('cases.reference', '=', 'attachments.case_ref').where(inScope(scope))),
            ])
          : eb('attachments.case_ref', 'is', null),
      )
      .executeTakeFirst();
    if (!row) return null;
    return {
      meta: row.meta as StoredAttachment['meta'],
      providerId: row.provider_id as ProviderId,
      caseRef: row.case_ref,
      uploader: row.uploader,
      storageKey: row.storage_key,
    };
  }

  async linkAttachment(id: string, reference: string): Promise<void> {
    if (!this.scope) throw new Error('linkAttachment: no case in scope');
    const scope = this.scope;
    const result = await this.trx
      .updateTable('attachments')
      .set({ case_ref: reference })
      .where('id', '=', id)
      .where((eb) => eb.exists(eb.selectFrom('cases').select(sql`1`.as('one')).where('cases.reference', '=', reference).where(inScope(scope))))
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw new Error('linkAttachment: no such attachment or case in scope');
  }

  async completeIdempotency(scope: string, key: string, fingerprint: string, reply: IdempotentReply): Promise<void> {
    const done = { fingerprint, state: 'done' as const, status: reply.status, body: JSON.stringify(reply.body ?? null) };
    // Written with the COMMIT: nothing in the unit of work reads it, and it commits with the work or not at all.
    const row = { scope, key, created_at: new Date(), ...done };
    this.defer(
      shapedInsert('idempotency reply', [row], [], () =>
        this.trx
          .insertInto('idempotency')
          .values(row)
          // From the row itself (`excluded`): the reply, often a whole case, goes once in the statement, not twice.
          .onConflict((oc) =>
            oc.columns(['scope', 'key']).doUpdateSet((eb) => ({
              fingerprint: eb.ref('excluded.fingerprint'),
              state: eb.ref('excluded.state'),
              status: eb.ref('excluded.status'),
              body: eb.ref('excluded.body'),
            })),
          )
          .compile(),
      ),
    );
  }

  async customers(providerId: ProviderId): Promise<Customer[]> {
    const rows = await this.trx.selectFrom('customers').select('data').where('provider_id', '=', providerId).orderBy('created_at').orderBy('id').execute();
    return rows.map((r) => r.data as Customer);
  }

  async findCustomer(providerId: ProviderId, id: string): Promise<Customer | null> {
    const row = await this.trx.selectFrom('customers').select('data').where('provider_id', '=', providerId).where('id', '=', id).executeTakeFirst();
    return row ? (row.data as Customer) : null;
  }

  async findCustomers(providerId: ProviderId, ids: readonly string[]): Promise<Customer[]> {
    if (ids.length === 0) return [];
    const rows = await this.trx.selectFrom('customers').select('data').where('provider_id', '=', providerId).where('id', 'in', [...new Set(ids)]).execute();
    return rows.map((r) => r.data as Customer);
  }

  async organisationMembers(providerId: ProviderId, organisationId: string): Promise<Customer[]> {
    const rows = await this.trx
      .selectFrom('customers')
      .select('data')
      .where('provider_id', '=', providerId)
      .where(sql<SqlBool>`data->>'organisationId' = ${organisationId}`)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => r.data as Customer);
  }

  async findCustomerByEmail(providerId: ProviderId, email: string): Promise<Customer | null> {
    const row = await this.trx
      .selectFrom('customers')
      .select('data')
      .where('provider_id', '=', providerId)
      .where('email_lower', '=', email.trim().toLowerCase())
      .executeTakeFirst();
    return row ? (row.data as Customer) : null;
  }

  async insertSession(s: StoredSession): Promise<void> {
    // Written with the COMMIT: a unit of work never reads the session it creates.
    const row = { token_hash: s.tokenHash, provider_id: s.providerId, scope: JSON.stringify(s.scope), created_at: s.createdAt, last_seen_at: s.lastSeenAt };
    this.defer(shapedInsert('sessions', [row], [], () => this.trx.insertInto('sessions').values(row).compile()));
  }

  async findSession(tokenHash: string): Promise<StoredSession | null> {
    const [row] = await this.rows(shapedQuery('findSession', [tokenHash], () => this.trx.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).compile()));
    if (!row) return null;
    return {
      tokenHash: row.token_hash,
      providerId: row.provider_id as ProviderId,
      scope: row.scope as StoredSession['scope'],
      createdAt: row.created_at.toISOString(),
      lastSeenAt: row.last_seen_at.toISOString(),
    };
  }

  async touchSession(tokenHash: string, at: Date): Promise<void> {
    await this.trx.updateTable('sessions').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute();
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.trx.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  async updateCustomer(c: Customer): Promise<void> {
    await this.trx
      .updateTable('customers')
      .set({ email_lower: c.email.trim().toLowerCase(), data: JSON.stringify(c) })
      .where('id', '=', c.id)
      .where('provider_id', '=', c.providerId)
      .execute();
  }

  async attachGuestCases(providerId: ProviderId, email: string, customerId: string): Promise<number> {
    // Cases of no one yet are outside any customer's scope: this runs as the provider's (the code proved the address).
    await this.useScope({ providerId, kind: 'provider' });
    const rows = await this.trx
      .selectFrom('cases')
      .select('data')
      .where('provider_id', '=', providerId)
      .where('customer_id', 'is', null)
      .where(sql<SqlBool>`lower(trim(data->'aboutYou'->>'email')) = ${email.trim().toLowerCase()}`)
      .execute();
    for (const row of rows) {
      // The customer's own: never an organisation's (decision 0105).
      const c: StoredCase = { ...(row.data as StoredCase), customerId, organisationId: null };
      await this.trx.updateTable('cases').set(caseColumns(c)).where('reference', '=', c.reference).execute();
    }
    return rows.length;
  }

  async deleteCustomerSessions(providerId: ProviderId, customerId: string): Promise<void> {
    await this.trx
      .deleteFrom('sessions')
      .where('provider_id', '=', providerId)
      .where(sql<SqlBool>`scope->>'kind' = 'customer' AND scope->>'customerId' = ${customerId}`)
      .execute();
  }

  async insertSignInCode(c: StoredSignInCode): Promise<void> {
    const row = {
      id: c.id,
      provider_id: c.providerId,
      email_lower: c.email,
      purpose: c.purpose,
      reference: c.reference,
      code_hash: c.codeHash,
      link_hash: c.linkHash,
      tries: c.tries,
      created_at: c.createdAt,
      expires_at: c.expiresAt,
      used_at: c.usedAt,
    };
    await this.holdWrite(shapedInsert('sign_in_codes', [row], [], () => this.trx.insertInto('sign_in_codes').values(row).compile()));
  }

  async latestSignInCode(providerId: ProviderId, email: string): Promise<StoredSignInCode | null> {
    const row = await this.trx
      .selectFrom('sign_in_codes')
      .selectAll()
      .where('provider_id', '=', providerId)
      .where('email_lower', '=', email)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    return row ? signInCodeOf(row) : null;
  }

  async findSignInCodeByLink(providerId: ProviderId, linkHash: string): Promise<StoredSignInCode | null> {
    const row = await this.trx.selectFrom('sign_in_codes').selectAll().where('provider_id', '=', providerId).where('link_hash', '=', linkHash).executeTakeFirst();
    return row ? signInCodeOf(row) : null;
  }

  async countSignInCodeTry(providerId: ProviderId, email: string, now: Date, maxTries: number): Promise<StoredSignInCode[]> {
    // One statement: the row lock orders concurrent tries, and each re-checks `tries < maxTries` after the one before.
    const rows = await this.trx
      .updateTable('sign_in_codes')
      .set({ tries: sql<number>`tries + 1` })
      .where('provider_id', '=', providerId)
      .where('email_lower', '=', email)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .where('tries', '<', maxTries)
      .returningAll()
      .execute();
    return rows.map(signInCodeOf);
  }

  async deleteSignInCodes(providerId: ProviderId, email: string): Promise<void> {
    await this.trx.deleteFrom('sign_in_codes').where('provider_id', '=', providerId).where('email_lower', '=', email).execute();
  }

  async hitRateLimit(key: string, now: Date, windowMs: number): Promise<{ count: number; resetAt: Date }> {
    // A window that is over (core `windowOver`) starts again at 1.
    const over = windowOverSql(sql.ref('r.started_at'), now, windowMs);
    // With BEGIN and the role when it is the unit of work's first statement (one message, not two).
    const [first] = (await this.rows(
      sql<{ count: number; started_at: Date }>`
      INSERT INTO rate_limits AS r (key, started_at, count) VALUES (${key}, ${now}, 1)
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN ${over} THEN 1 ELSE r.count + 1 END,
        started_at = CASE WHEN ${over} THEN ${now} ELSE r.started_at END
      RETURNING count, started_at`.compile(this.trx),
    )) as [{ count: number; started_at: Date | string }];
    return { count: Number(first.count), resetAt: new Date(new Date(first.started_at).getTime() + windowMs) };
  }

  // ---- messages to the customer (./pg-messages.ts) ----

  async insertMessages(list: readonly StoredMessage[]): Promise<void> {
    if (list.length === 0) return;
    // Nothing in the unit of work reads them: written with the COMMIT, and the job that sends each is enqueued with it.
    this.defer(messages.insertMessagesQuery(this.trx, list));
    await this.hooks.afterMessages?.(this, list);
  }

  async caseHistories(scope: CaseScope, references: readonly string[]): Promise<Map<string, CaseHistory>> {
    const out = new Map<string, CaseHistory>();
    if (references.length === 0) return out;
    // One query: each case in scope with its events and its messages, aggregated beside it (the policies check
    // all three tables; the scope's own filter is on the cases). Events this unit of work appended go first.
    this.holdEvents();
    const query = this.trx
      .selectFrom('cases')
      .select([
        'cases.reference',
        sql<TimelineEvent[]>`coalesce((SELECT jsonb_agg(e.event ORDER BY e.seq) FROM case_events e WHERE e.reference = cases.reference), '[]'::jsonb)`.as('events'),
        sql<MessageJson[]>`coalesce((SELECT jsonb_agg(to_jsonb(m) ORDER BY m.created_at, m.id) FROM case_messages m WHERE m.reference = cases.reference), '[]'::jsonb)`.as('messages'),
      ])
      .where('cases.reference', 'in', [...references])
      .where(inScope(scope))
      .compile();
    for (const row of await this.runInScope(scope, query)) {
      out.set(row.reference, { events: row.events, messages: row.messages.map(messages.storedMessageFromJson) });
    }
    return out;
  }

  async caseMessages(reference: string): Promise<StoredMessage[]> {
    if (!this.scope) return [];
    return messages.caseMessages(this.trx, reference);
  }

  async pendingMessageIds(providerId: ProviderId, limit: number): Promise<string[]> {
    await this.useScope({ providerId, kind: 'provider' });
    return messages.pendingMessageIds(this.trx, providerId, limit);
  }

  async claimMessage(providerId: ProviderId, id: string): Promise<StoredMessage | null> {
    // With BEGIN and the scope when it is the unit of work's first query (one message, not two).
    const [row] = await this.runInScope({ providerId, kind: 'provider' }, messages.claimMessageQuery(this.trx, providerId, id));
    return messages.claimedMessage(row);
  }

  async updateMessage(m: StoredMessage): Promise<void> {
    await this.scopeFor(m.providerId);
    await this.holdWrite(messages.updateMessageQuery(this.trx, m));
  }

  /**
   * A write whose result nothing reads (a message's new state, a sign-in code, a mail in the outbox): sent with
   * the unit of work's next message — the next query sees it — or its COMMIT, not on its own (issue 21.9: a
   * message's delivery took seven round trips, now three). It fails with that message, which undoes the unit.
   */
  holdWrite(query: CompiledQuery): Promise<void> {
    return this.unit.holdWrite(query);
  }

  async messagesWithStatus(providerId: ProviderId, statuses: readonly MessageStatus[], limit: number): Promise<StoredMessage[]> {
    await this.useScope({ providerId, kind: 'provider' });
    return messages.messagesWithStatus(this.trx, providerId, statuses, limit);
  }

  async messageCounts(providerId: ProviderId): Promise<Partial<Record<MessageStatus, number>>> {
    await this.useScope({ providerId, kind: 'provider' });
    return messages.messageCounts(this.trx, providerId);
  }

  async findMessage(providerId: ProviderId, id: string): Promise<StoredMessage | null> {
    await this.useScope({ providerId, kind: 'provider' });
    return messages.findMessage(this.trx, providerId, id);
  }

  // ---- the provider's staff (./pg-staff.ts) ----

  staffMembers(providerId: ProviderId): Promise<StaffMember[]> {
    return staff.staffMembers(this.trx, providerId);
  }

  findStaffMember(providerId: ProviderId, id: string): Promise<StaffMember | null> {
    return staff.findStaffMember(this.trx, providerId, id);
  }

  findStaffByEmail(providerId: ProviderId, email: string): Promise<StaffMember | null> {
    return staff.findStaffByEmail(this.trx, providerId, email);
  }

  insertStaff(s: StaffMember): Promise<void> {
    return staff.insertStaff(this.trx, s);
  }

  updateStaff(s: StaffMember): Promise<void> {
    return staff.updateStaff(this.trx, s);
  }

  deleteStaffSessions(providerId: ProviderId, staffId: string): Promise<void> {
    return staff.deleteStaffSessions(this.trx, providerId, staffId);
  }

  // ---- invitations (decision 0105; the `invitations` policy is the second lock) ----

  /** The case scope whose settings the `invitations` policy reads for an invitation scope. */
  private async useInvitationScope(scope: InvitationScope): Promise<void> {
    await this.useScope(scope.kind === 'provider' ? scope : { providerId: scope.providerId, kind: 'customer', customerId: scope.customerId, organisationId: scope.organisationId });
  }

  async insertInvitation(scope: InvitationScope, i: StoredInvitation): Promise<void> {
    await this.useInvitationScope(scope);
    await this.trx.insertInto('invitations').values(invitationColumns(i)).execute();
  }

  async updateInvitation(scope: InvitationScope, i: StoredInvitation): Promise<void> {
    await this.useInvitationScope(scope);
    const { id: _id, ...columns } = invitationColumns(i);
    const result = await this.trx.updateTable('invitations').set(columns).where('id', '=', i.id).where('provider_id', '=', i.providerId).executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw new Error('updateInvitation: no such invitation in scope');
  }

  async findInvitation(scope: InvitationScope, id: string): Promise<StoredInvitation | null> {
    await this.useInvitationScope(scope);
    const row = await this.trx.selectFrom('invitations').selectAll().where('id', '=', id).where('provider_id', '=', scope.providerId).executeTakeFirst();
    return row ? invitationOf(row) : null;
  }

  async organisationInvitations(scope: InvitationScope, organisationId: string): Promise<StoredInvitation[]> {
    await this.useInvitationScope(scope);
    const rows = await this.trx
      .selectFrom('invitations')
      .selectAll()
      .where('provider_id', '=', scope.providerId)
      .where('organisation_id', '=', organisationId)
      .where('status', '=', 'pending')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(invitationOf);
  }

  async invitationsFor(scope: InvitationScope, email: string): Promise<StoredInvitation[]> {
    await this.useInvitationScope(scope);
    const rows = await this.trx
      .selectFrom('invitations')
      .selectAll()
      .where('provider_id', '=', scope.providerId)
      .where('email_lower', '=', email)
      .where('status', '=', 'pending')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(invitationOf);
  }

  async adminInvitations(providerId: ProviderId): Promise<StoredInvitation[]> {
    await this.useInvitationScope({ providerId, kind: 'provider' });
    const rows = await this.trx
      .selectFrom('invitations')
      .selectAll()
      .where('provider_id', '=', providerId)
      .where('status', '=', 'pending')
      .where('role', '=', 'admin')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(invitationOf);
  }

  // Alerts are the provider's (policy of migration 0039): their queries run under the provider's whole scope, as
  // its timed jobs do; the table's callers are those jobs and retention, never a customer's or guest's request.
  private alertScope(providerId: ProviderId): Promise<void> {
    return this.useScope({ providerId, kind: 'provider' });
  }

  async recordAlert(a: StoredAlert): Promise<boolean> {
    await this.alertScope(a.providerId);
    const recorded = await alerts.recordAlert(this.trx, a);
    // Its sending is enqueued with the COMMIT (server/jobs/alerts.ts): an alert undone is never sent.
    if (recorded && a.status === 'pending') await this.hooks.afterAlert?.(this, a);
    return recorded;
  }

  async pendingAlertKeys(providerId: ProviderId, limit: number): Promise<string[]> {
    await this.alertScope(providerId);
    return alerts.pendingAlertKeys(this.trx, providerId, limit);
  }

  async claimAlert(providerId: ProviderId, key: string): Promise<StoredAlert | null> {
    await this.alertScope(providerId);
    return alerts.claimAlert(this.trx, providerId, key);
  }

  async updateAlert(a: StoredAlert): Promise<void> {
    await this.alertScope(a.providerId);
    await alerts.updateAlert(this.trx, a);
  }

  async deleteAlerts(providerId: ProviderId, which: { before?: Date; references?: readonly string[] }): Promise<number> {
    await this.alertScope(providerId);
    return alerts.deleteAlerts(this.trx, providerId, which);
  }

  async searchCustomers(providerId: ProviderId, q: string, limit: number): Promise<Customer[]> {
    const needle = q.trim().toLowerCase();
    let query = this.trx.selectFrom('customers').select('data').where('provider_id', '=', providerId);
    if (needle) {
      // strpos, not LIKE: nothing in the search is a pattern.
      query = query.where(
        sql<SqlBool>`(strpos(lower(data->>'name'), ${needle}) > 0 OR strpos(email_lower, ${needle}) > 0 OR strpos(lower(coalesce(data->>'organisation', '')), ${needle}) > 0)`,
      );
    }
    const rows = await query.orderBy(sql`data->>'name' COLLATE "C"`).orderBy(sql`id COLLATE "C"`).limit(limit).execute();
    return rows.map((r) => r.data as Customer);
  }

  // ---- the provider's API (./pg-provider.ts) ----

  async findIntegrationByKeyHash(keyHash: string): Promise<StoredIntegration | null> {
    return provider.findIntegrationByKeyHash(this.trx, keyHash);
  }

  async eventsAfter(scope: CaseScope, after: string, limit: number): Promise<StoredFeedEvent[]> {
    await this.useScope(scope);
    await this.flushEvents();
    return provider.eventsAfter(this.trx, scope, after, limit);
  }

  async insertWebhook(w: StoredWebhook): Promise<void> {
    await this.useScope({ providerId: w.providerId, kind: 'provider' });
    await hooks.insertWebhook(this.trx, w);
  }

  async webhooks(providerId: ProviderId): Promise<StoredWebhook[]> {
    await this.useScope({ providerId, kind: 'provider' });
    return hooks.webhooksOf(this.trx, providerId);
  }

  async deleteWebhook(providerId: ProviderId, id: string): Promise<boolean> {
    await this.useScope({ providerId, kind: 'provider' });
    return hooks.deleteWebhook(this.trx, providerId, id);
  }

  async insertCustomer(c: Customer): Promise<void> {
    await this.trx
      .insertInto('customers')
      .values({ id: c.id, provider_id: c.providerId, email_lower: c.email.trim().toLowerCase(), data: JSON.stringify(c) })
      .execute();
  }
}

function invitationColumns(i: StoredInvitation) {
  return {
    id: i.id,
    provider_id: i.providerId,
    organisation_id: i.organisationId,
    organisation: i.organisation,
    email_lower: i.email,
    name: i.name,
    invited_by: i.invitedBy,
    invited_by_name: i.invitedByName,
    created_at: i.createdAt,
    expires_at: i.expiresAt,
    status: i.status,
    role: i.role ?? 'member',
  };
}

function invitationOf(row: Selectable<InvitationsTable>): StoredInvitation {
  return {
    id: row.id,
    providerId: row.provider_id as ProviderId,
    organisationId: row.organisation_id,
    organisation: row.organisation,
    email: row.email_lower,
    name: row.name,
    invitedBy: row.invited_by,
    invitedByName: row.invited_by_name,
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: new Date(row.expires_at).toISOString(),
    status: row.status,
    ...(row.role === 'admin' ? { role: 'admin' as const } : {}),
  };
}

function signInCodeOf(row: Selectable<SignInCodesTable>): StoredSignInCode {
  return {
    id: row.id,
    providerId: row.provider_id as ProviderId,
    email: row.email_lower,
    purpose: row.purpose,
    reference: row.reference,
    codeHash: row.code_hash,
    linkHash: row.link_hash,
    tries: row.tries,
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: new Date(row.expires_at).toISOString(),
    usedAt: row.used_at ? new Date(row.used_at).toISOString() : null,
  };
}

// ---------- the store ----------

/** What the server adds around the store's writes (server/jobs/case-checks.ts schedules timed checks). */
export interface PgStoreHooks {
  /** Before a case's new timeline events are stored, in the same transaction (the case row is already written). */
  beforeCaseEvents?(tx: PgTx, reference: string, events: readonly TimelineEvent[]): Promise<void>;
  /** When messages to customers are recorded, in the same transaction (server/jobs/messages.ts enqueues their sending). */
  afterMessages?(tx: PgTx, messages: readonly StoredMessage[]): Promise<void>;
  /** When an alert to staff is recorded, in the same transaction (server/jobs/alerts.ts enqueues its sending). */
  afterAlert?(tx: PgTx, alert: StoredAlert): Promise<void>;
}

/** How many times a unit of work runs when the reference of the case it inserts is taken (as drawReference's tries). */
const REFERENCE_TRIES = 5;

/** PostgreSQL's unique violation on cases' primary key: a new case's reference was taken. */
function isTakenReference(error: unknown): boolean {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  return e?.code === '23505' && e.constraint === 'cases_pkey';
}

export interface PgStoreOptions {
  /**
   * Keep the deferred writes' statements prepared on each pooled connection (pg-batch.ts, decision 0174). Only on
   * PostgreSQL: PGlite's connections share its one session, and a reconnection would find them there already.
   */
  keepPrepared?: boolean;
}

export class PgStore implements BackOfficeStore {
  constructor(
    private readonly db: Db,
    private readonly hooks: PgStoreHooks = {},
    private readonly options: PgStoreOptions = {},
  ) {}

  /**
   * One unit of work on one connection, in as few messages as its reads allow: the role (and the scope) go with
   * each read, and `BEGIN` with the first write or lock (UnitConnection, decision 0181); the writes nothing reads
   * back, the pending timeline events under the feed lock and COMMIT with the last message (PgTx.commitSql). A unit
   * that only read sends no COMMIT. Rolled back on any failure. A new case's reference is not
   * checked before the COMMIT (PgTx.insertCase): when it turns out taken, the unit of work runs again (a new one
   * draws a new reference), at most `REFERENCE_TRIES` times.
   */
  async transaction<T>(run: (tx: BackOfficeTx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.once(run);
      if ('result' in outcome) return outcome.result;
      if (!outcome.referenceTaken || attempt >= REFERENCE_TRIES) throw outcome.error;
    }
  }

  private once<T>(run: (tx: BackOfficeTx) => Promise<T>): Promise<{ result: T } | { error: unknown; referenceTaken: boolean }> {
    const executor = this.db.getExecutor();
    return executor.provideConnection(async (connection) => {
      const kept = this.options.keepPrepared ? keptStatements(connection) : undefined;
      const unit = new UnitConnection(connection, [`SET LOCAL ROLE ${APP_ROLE}`], kept);
      const conn = kyselyOn(executor, unit);
      const tx = new PgTx(conn, unit, this.hooks);
      let prepared: string[] = [];
      try {
        const result = await run(tx);
        const commit = tx.commitSql(kept);
        // A unit of work that only read opened no transaction (UnitConnection): nothing to commit, no message.
        if (commit.writes === 0 && !unit.inTransaction) return { result };
        prepared = commit.prepared;
        await sql.raw(commit.sql).execute(conn);
        for (const name of [...unit.preparing, ...prepared]) kept?.add(name);
        return { result };
      } catch (error) {
        unit.drop();
        if (unit.sent) {
          // After a failed COMMIT the transaction is over already: ROLLBACK then only warns.
          await sql.raw('ROLLBACK').execute(conn).catch(() => undefined);
          // A message that failed part-way may have left prepared statements on this connection (PREPARE is not transactional).
          await dropPrepared(connection, [...unit.preparing, ...prepared], kept);
        }
        return { error, referenceTaken: tx.insertedUnchecked && isTakenReference(error) };
      }
    });
  }

  async claimIdempotency(scope: string, key: string, fingerprint: string, now: Date, staleAfterMs: number): Promise<IdempotencyClaim> {
    // Each statement commits on its own, so a concurrent repeat sees the claim at once.
    for (let attempt = 0; attempt < 3; attempt++) {
      const row = { scope, key, fingerprint, state: 'in_progress' as const, status: null, body: null, created_at: now };
      const claim = shapedInsert('idempotency claim', [row], [], () =>
        this.db
          .insertInto('idempotency')
          .values(row)
          .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
          .returning('key')
          .compile(),
      );
      const { rows: inserted } = await this.db.executeQuery<{ key: string }>(CompiledQuery.raw(claim.sql, [...claim.parameters]));
      if (inserted.length > 0) return { state: 'claimed' };

      const found = await this.db
        .selectFrom('idempotency')
        .select(['fingerprint', 'state', 'status', 'body', 'created_at'])
        .where('scope', '=', scope)
        .where('key', '=', key)
        .executeTakeFirst();
      if (!found) continue; // released in between: claim it afresh
      if (found.state === 'done') {
        return { state: 'done', fingerprint: found.fingerprint, reply: { status: found.status ?? 200, body: found.body } };
      }
      if (windowOver(found.created_at, now, staleAfterMs)) {
        // A claim its request never completed (the process died): take it over, unless someone else just did.
        const taken = await this.db
          .updateTable('idempotency')
          .set({ fingerprint, created_at: now })
          .where('scope', '=', scope)
          .where('key', '=', key)
          .where('state', '=', 'in_progress')
          .where(claimWindowOver(now, staleAfterMs))
          .returning('key')
          .executeTakeFirst();
        if (taken) return { state: 'claimed' };
        continue;
      }
      return { state: 'inProgress' };
    }
    return { state: 'inProgress' };
  }

  async hitRateLimits(keys: readonly string[], now: Date, windowMs: number): Promise<{ count: number; resetAt: Date }[]> {
    if (keys.length === 0) return [];
    if (new Set(keys).size !== keys.length) throw new Error('hitRateLimits: keys must be distinct');
    // One statement, committed on its own (no unit of work: one message, not three). A window that is over (core `windowOver`) starts again at 1.
    const over = windowOverSql(sql.ref('r.started_at'), now, windowMs);
    const { rows } = await sql<{ key: string; count: number; started_at: Date }>`
      INSERT INTO rate_limits AS r (key, started_at, count) VALUES ${sql.join(keys.map((key) => sql`(${key}, ${now}, 1)`))}
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN ${over} THEN 1 ELSE r.count + 1 END,
        started_at = CASE WHEN ${over} THEN ${now} ELSE r.started_at END
      RETURNING key, count, started_at`.execute(this.db);
    const byKey = new Map(rows.map((r) => [r.key, r]));
    return keys.map((key) => {
      const row = byKey.get(key)!;
      return { count: Number(row.count), resetAt: new Date(new Date(row.started_at).getTime() + windowMs) };
    });
  }

  async renewIdempotency(scope: string, key: string, now: Date): Promise<void> {
    await this.db.updateTable('idempotency').set({ created_at: now }).where('scope', '=', scope).where('key', '=', key).where('state', '=', 'in_progress').execute();
  }

  async prune(cutoffs: PruneCutoffs): Promise<PruneCounts> {
    const n = (r: { numDeletedRows: bigint }) => Number(r.numDeletedRows);
    return {
      sessions: n(
        await this.db
          .deleteFrom('sessions')
          .where((eb) => eb.or([eb('last_seen_at', '<', cutoffs.sessionsIdleBefore), eb('created_at', '<', cutoffs.sessionsCreatedBefore)]))
          .executeTakeFirst(),
      ),
      signInCodes: n(await this.db.deleteFrom('sign_in_codes').where('expires_at', '<', cutoffs.signInCodesExpiredBefore).executeTakeFirst()),
      rateLimits: n(await this.db.deleteFrom('rate_limits').where('started_at', '<', cutoffs.rateLimitsStartedBefore).executeTakeFirst()),
      idempotency: n(await this.db.deleteFrom('idempotency').where('created_at', '<', cutoffs.idempotencyBefore).executeTakeFirst()),
      outbox: n(await this.db.deleteFrom('outbox').where('sent_at', '<', cutoffs.outboxBefore).executeTakeFirst()),
      invitations: n(await this.db.deleteFrom('invitations').where('expires_at', '<', cutoffs.invitationsExpiredBefore).executeTakeFirst()),
    };
  }

  async storageKeysInUse(keys: readonly string[]): Promise<Set<string>> {
    if (!keys.length) return new Set();
    // As the owner, not under row-level security: a file attached to any provider's case is in use.
    const rows = await this.db.selectFrom('attachments').select('storage_key').where('storage_key', 'in', [...keys]).execute();
    return new Set(rows.map((r) => r.storage_key));
  }

  async releaseIdempotency(scope: string, key: string): Promise<void> {
    await this.db.deleteFrom('idempotency').where('scope', '=', scope).where('key', '=', key).where('state', '=', 'in_progress').execute();
  }
}
