import { clear, createStore, del, get, getMany, promisifyRequest, set } from 'idb-keyval';
import type { CaseStatus, Customer, StaffMember, TimelineEvent } from '@/api/schemas';
import { filterCases, isOpen, makeDeadlineOf, sortCases } from '@/domain/cases';
import type { ProviderId } from '@/domain/profile-schema';
import { getProfile } from '@/domain/profiles';
import { searchableSummaryOf, summaryOf } from '@/core/use-cases';
import { admits, admitter } from '@/core/visibility';
import { cachedQueueKeys, queueInMemory, queueKeysOf, type QueueCase, type QueueKeys } from '@/core/staff-queue';
import { invitationAdmits } from '@/core/organisation';
import { windowOver } from '@/core/windows';
import { findDemoIntegration } from './provider-demo';
import type { CaseScope } from '@/core/visibility';
import type {
  BackOfficeStore,
  CasePage,
  CaseQuery,
  QueueBounds,
  QueueStorePage,
  QueueStoreQuery,
  BackOfficeTx,
  CaseHistory,
  FileStore,
  IdempotencyClaim,
  IdempotentReply,
  ListedFile,
  StoredAttachment,
  StoredInvitation,
  StoredCase,
  OutgoingMail,
  StoredAlert,
  StoredMessage,
  StoredSession,
  StoredSignInCode,
  StoredWebhook,
} from '@/core/ports';
import { isAnonymised, type PruneCounts, type PruneCutoffs } from '@/core/retention';


/**
 * A stored case as a list item, made once per stored object (an update stores a new object): the list helpers'
 * caches (search text, deadline) are keyed by the item, so a search typed a key at a time over 10,000 cases
 * reuses them instead of rebuilding every item on each request.
 */
const listItems = new WeakMap<StoredCase, ReturnType<typeof summaryOf> & { c: StoredCase }>();
function listItemOf(c: StoredCase) {
  let item = listItems.get(c);
  if (!item) listItems.set(c, (item = { ...summaryOf(c), summary: searchableSummaryOf(c), c }));
  return item;
}
/** The deadline function for a provider at one instant, reused while the back office's clock stands still. */
let deadlines: { key: string; of: ReturnType<typeof makeDeadlineOf<ReturnType<typeof listItemOf>>> } | null = null;
function deadlineOfAt(providerId: ProviderId, now: Date) {
  const key = `${providerId}@${now.getTime()}`;
  if (deadlines?.key !== key) deadlines = { key, of: makeDeadlineOf<ReturnType<typeof listItemOf>>(getProfile(providerId), now) };
  return deadlines.of;
}

/**
 * The simulated back office's database: the core's store (src/core/ports.ts) over one in-memory state,
 * persisted after every unit of work (IndexedDB in the browser so it survives a reload; nothing in Node).
 * Units of work run one at a time; their writes are applied only when they finish without an error.
 */

export interface IdempotencyRecord {
  state: 'inProgress' | 'done';
  fingerprint: string;
  reply: IdempotentReply | null;
  at: string;
}

export interface MockState {
  version: number;
  /** null: the real time. Otherwise the back office's clock, frozen at this instant. */
  frozenAt: string | null;
  customers: Customer[];
  cases: Record<string, StoredCase>;
  timelines: Record<string, TimelineEvent[]>;
  attachments: Record<string, StoredAttachment>;
  sessions: Record<string, StoredSession>;
  idempotency: Record<string, IdempotencyRecord>;
  /** One-time sign-in codes by id (hashes only). */
  signInCodes: Record<string, StoredSignInCode>;
  /** Rate-limit windows by key. */
  rateLimits: Record<string, { count: number; startedAt: string }>;
  /** The demo's mailbox: every mail sent, oldest first. */
  mails: OutgoingMail[];
  /** The provider's events feed: every appended event in order (its index + 1 is its seq). */
  feed?: { reference: string; id: string }[];
  /** The provider's webhook endpoints by id (registered; the simulated back office never sends). */
  webhooks?: Record<string, StoredWebhook>;
  /** When the back office was first seeded, on its own clock: ADR letters falling due from then on go out by themselves. */
  startedAt?: string;
  /** Messages about cases by id (docs/decisions/0140-notifications.md); one per event and channel. */
  messages?: Record<string, StoredMessage>;
  /** The providers' staff (src/core/staff.ts), removed ones included. */
  staff: StaffMember[];
  /** Alerts to staff, by provider and key (src/core/alerts.ts): each recorded once, its mail sent after commit. */
  staffAlerts?: Record<string, StoredAlert>;
  /** Invitations to join an organisation, by id (decision 0105). */
  invitations?: Record<string, StoredInvitation>;
  /** When the simulated provider last ran, per scope (src/core/use-cases.ts `simulatedProviderDue`). */
  simulatedRuns?: Record<string, number>;
  /** The staff queue's keys of each case by reference (src/core/staff-queue.ts), written with the case, as PostgreSQL's columns are. */
  queueKeys?: Record<string, QueueKeys>;
}

/**
 * 7: the ADR letter is kind "adr" and its request "adrLetterRequested" (docs/decisions/0161-adr-letter-names.md).
 * 8: the cases are stored one record each beside the rest of the state (docs/decisions/0177-demo-cases-one-record-each.md).
 * Older demo state is set aside.
 */
export const STATE_VERSION = 8;
/** The demo mailbox keeps the latest mails only. */
const MAILBOX_SIZE = 50;

export function emptyState(): MockState {
  return {
    version: STATE_VERSION,
    frozenAt: null,
    customers: [],
    cases: {},
    timelines: {},
    attachments: {},
    sessions: {},
    idempotency: {},
    signInCodes: {},
    rateLimits: {},
    mails: [],
    staff: [],
  };
}

/** The state as it is read first: everything but the cases, their timelines and their queue keys. */
export type HeadState = Omit<MockState, 'cases' | 'timelines' | 'queueKeys'>;

/** A case as it is stored, one record each: the case and its timeline. */
export interface CaseRecord {
  c: StoredCase;
  t: TimelineEvent[];
}

/**
 * What the first page of a list is worked out from before the cases themselves are read: a column per field the
 * lists filter and sort by, one entry per case in the order the cases were written (the lists' tie-break).
 */
export interface CaseIndex {
  references: string[];
  providerIds: ProviderId[];
  customerIds: (string | null)[];
  organisationIds: (string | null)[];
  updatedAt: string[];
  statuses: CaseStatus[];
  stageIds: string[];
  categories: StoredCase['complaint']['category'][];
  /** The staff queue's keys but its search text (src/core/staff-queue.ts `QueueKeys`), as numbers; NaN: none. */
  queue: { inQueue: Uint8Array; queueAt: Float64Array; nextDeadlineAt: Float64Array; adrLetterDueAt: Float64Array; supportNeeds: Uint8Array; assigneeIds: (string | null)[] };
}

const emptyQueueColumns = (n: number): CaseIndex['queue'] => ({
  inQueue: new Uint8Array(n),
  queueAt: new Float64Array(n),
  nextDeadlineAt: new Float64Array(n),
  adrLetterDueAt: new Float64Array(n),
  supportNeeds: new Uint8Array(n),
  assigneeIds: [],
});

export const emptyIndex = (): CaseIndex => ({ references: [], providerIds: [], customerIds: [], organisationIds: [], updatedAt: [], statuses: [], stageIds: [], categories: [], queue: emptyQueueColumns(0) });

const orNaN = (n: number | null) => n ?? NaN;
const orNull = (n: number) => (Number.isNaN(n) ? null : n);

/** The queue keys of the index's `i`th case, without the search text (a search waits for the cases). */
function indexedQueueKeys(q: CaseIndex['queue'], i: number): QueueKeys {
  return { inQueue: q.inQueue[i] === 1, queueAt: orNull(q.queueAt[i]!), nextDeadlineAt: orNull(q.nextDeadlineAt[i]!), adrLetterDueAt: orNull(q.adrLetterDueAt[i]!), supportNeeds: q.supportNeeds[i] === 1, assigneeId: q.assigneeIds[i] ?? null, search: '', refCompact: '' };
}

function indexOf(cases: Record<string, StoredCase>, queueKeys: Record<string, QueueKeys>): CaseIndex {
  const all = Object.values(cases);
  const index = { ...emptyIndex(), queue: emptyQueueColumns(all.length) };
  const q = index.queue;
  for (const [i, c] of all.entries()) {
    const k = queueKeys[c.reference] ?? cachedQueueKeys(c);
    q.inQueue[i] = k.inQueue ? 1 : 0;
    q.queueAt[i] = orNaN(k.queueAt);
    q.nextDeadlineAt[i] = orNaN(k.nextDeadlineAt);
    q.adrLetterDueAt[i] = orNaN(k.adrLetterDueAt);
    q.supportNeeds[i] = k.supportNeeds ? 1 : 0;
    q.assigneeIds.push(k.assigneeId);
    index.references.push(c.reference);
    index.providerIds.push(c.providerId);
    index.customerIds.push(c.customerId);
    index.organisationIds.push(c.organisationId);
    index.updatedAt.push(c.updatedAt);
    index.statuses.push(c.status);
    index.stageIds.push(c.stageId);
    index.categories.push(c.complaint.category);
  }
  return index;
}

/** One unit of work's writes: the head and, when cases changed, the index, the queue keys and the changed cases (null: gone). */
export interface StateWrite {
  head: HeadState;
  cases?: { index: CaseIndex; queueKeys: Record<string, QueueKeys>; changed: [string, CaseRecord | null][] };
}

/** How many case records are read at a time while the rest of the cases load (each slice one short task). */
const CASE_SLICE = 400;

export interface Persistence {
  /** The head and the case index; null when nothing was stored. */
  load(): Promise<{ head: HeadState; index: CaseIndex } | null>;
  /** Up to `count` case records after the reference `after` (null: from the first), by reference. */
  loadCaseSlice(after: string | null, count: number): Promise<CaseRecord[]>;
  /** The records of these cases, in the same order (undefined: none). */
  loadCases(references: readonly string[]): Promise<(CaseRecord | undefined)[]>;
  loadQueueKeys(): Promise<Record<string, QueueKeys>>;
  save(write: StateWrite): Promise<void>;
  loadBlob(id: string): Promise<Uint8Array | null>;
  saveBlob(id: string, bytes: Uint8Array): Promise<void>;
  deleteBlob(id: string): Promise<void>;
  /** The files saved before `olderThan` (the orphan sweep, src/core/retention.ts). */
  listBlobs(olderThan: Date): Promise<ListedFile[]>;
  clear(): Promise<void>;
}

/** A file as kept: its bytes and when they were saved (ms). A bare Uint8Array was saved before times were kept. */
type SavedBlob = Uint8Array | { bytes: Uint8Array; at: number };
const bytesOf = (blob: SavedBlob | undefined) => (blob === undefined ? null : blob instanceof Uint8Array ? blob : blob.bytes);
const listed = (entries: Iterable<[string, SavedBlob]>, olderThan: Date): ListedFile[] =>
  [...entries].map(([key, blob]) => ({ key, modifiedAt: new Date(blob instanceof Uint8Array ? 0 : blob.at) })).filter((f) => f.modifiedAt < olderThan);

export function memoryPersistence(): Persistence {
  let head: HeadState | null = null;
  let index = emptyIndex();
  let queueKeys: Record<string, QueueKeys> = {};
  const cases = new Map<string, CaseRecord>();
  const blobs = new Map<string, SavedBlob>();
  return {
    load: () => Promise.resolve(head ? structuredClone({ head, index }) : null),
    loadCaseSlice: (after, count) =>
      Promise.resolve(
        structuredClone(
          [...cases.keys()]
            .sort()
            .filter((ref) => after === null || ref > after)
            .slice(0, count)
            .map((ref) => cases.get(ref)!),
        ),
      ),
    loadCases: (references) => Promise.resolve(structuredClone(references.map((ref) => cases.get(ref)))),
    loadQueueKeys: () => Promise.resolve(structuredClone(queueKeys)),
    save: (write) => {
      head = structuredClone(write.head);
      if (write.cases) {
        index = structuredClone(write.cases.index);
        queueKeys = structuredClone(write.cases.queueKeys);
        for (const [ref, record] of write.cases.changed) {
          if (record) cases.set(ref, structuredClone(record));
          else cases.delete(ref);
        }
      }
      return Promise.resolve();
    },
    loadBlob: (id) => Promise.resolve(bytesOf(blobs.get(id))),
    saveBlob: (id, bytes) => {
      blobs.set(id, { bytes, at: Date.now() });
      return Promise.resolve();
    },
    deleteBlob: (id) => {
      blobs.delete(id);
      return Promise.resolve();
    },
    listBlobs: (olderThan) => Promise.resolve(listed(blobs, olderThan)),
    clear: () => {
      head = null;
      index = emptyIndex();
      queueKeys = {};
      cases.clear();
      blobs.clear();
      return Promise.resolve();
    },
  };
}

/**
 * The demo's data in the browser's IndexedDB, through idb-keyval (decision 0162): one database, one store. The head
 * under 'head', the case index under 'index', the queue keys under 'queueKeys', each case under 'case:<reference>'
 * and each file under 'blob:<id>' (decision 0177). A unit of work's writes go in one IndexedDB transaction, so the
 * index never names a case that is not stored. The database of the hand-written wrapper before it
 * ('redress-mock-back-office', two stores; idb-keyval keeps one store a database) is deleted once, and so is the
 * whole state kept as one record under 'state' (STATE_VERSION 7 and before).
 */
export function indexedDbPersistence(name = 'redress-demo-back-office'): Persistence {
  const store = createStore(name, 'keyval');
  if (name === 'redress-demo-back-office') globalThis.indexedDB?.deleteDatabase('redress-mock-back-office');
  void del('state', store).catch(() => undefined);
  const blob = (id: string) => `blob:${id}`;
  const caseKey = (reference: string) => `case:${reference}`;
  return {
    load: async () => {
      const [head, index] = await getMany<HeadState | CaseIndex | undefined>(['head', 'index'], store);
      return head ? { head: head as HeadState, index: (index as CaseIndex | undefined) ?? emptyIndex() } : null;
    },
    // Every 'case:…' key sorts before 'case;' (';' follows ':').
    loadCaseSlice: (after, count) =>
      store('readonly', (s) => promisifyRequest(s.getAll(IDBKeyRange.bound(after === null ? 'case:' : caseKey(after), 'case;', after !== null, true), count) as IDBRequest<CaseRecord[]>)),
    loadCases: (references) => getMany<CaseRecord | undefined>(references.map(caseKey), store),
    loadQueueKeys: async () => (await get<Record<string, QueueKeys>>('queueKeys', store)) ?? {},
    save: (write) =>
      store('readwrite', (s) => {
        s.put(write.head, 'head');
        if (write.cases) {
          s.put(write.cases.index, 'index');
          s.put(write.cases.queueKeys, 'queueKeys');
          for (const [ref, record] of write.cases.changed) {
            if (record) s.put(record, caseKey(ref));
            else s.delete(caseKey(ref));
          }
        }
        return promisifyRequest(s.transaction);
      }),
    loadBlob: async (id) => bytesOf(await get<SavedBlob>(blob(id), store)),
    saveBlob: (id, bytes) => set(blob(id), { bytes, at: Date.now() } satisfies SavedBlob, store),
    deleteBlob: (id) => del(blob(id), store),
    // The 'blob:…' keys only (they sort before 'blob;'), not every case record.
    listBlobs: (olderThan) =>
      store('readonly', async (s) => {
        const range = IDBKeyRange.bound('blob:', 'blob;', false, true);
        const [keys, values] = await Promise.all([promisifyRequest(s.getAllKeys(range)), promisifyRequest(s.getAll(range) as IDBRequest<SavedBlob[]>)]);
        return listed(keys.map((k, i) => [typeof k === 'string' ? k.slice(5) : '', values[i]!] as [string, SavedBlob]), olderThan);
      }),
    clear: () => clear(store),
  };
}

const clone = <T>(value: T): T => structuredClone(value);

/** Sets `record[key]` within a unit of work, remembering how to put back what was there. */
type Put = <V>(record: Record<string, V>, key: string, value: V | undefined) => void;
/** What each part of a unit of work shares: the state, how to write to it, and what undoes the writes. */
interface Unit {
  s: () => MockState;
  put: Put;
  undo: (() => void)[];
}

class Database implements BackOfficeStore {
  state: MockState = emptyState();
  private persistence: Persistence = memoryPersistence();
  private saving: Promise<void> = Promise.resolve();
  private queue: Promise<unknown> = Promise.resolve();
  /** Counts the writes, so a list computed for one query at one instant is reused until something changes. */
  private writes = 0;
  private listed: { key: string; state: MockState; sorted: ReturnType<typeof listItemOf>[] } | null = null;

  readonly files: FileStore = {
    put: (key, bytes) => this.persistence.saveBlob(key, bytes),
    get: (key) => this.persistence.loadBlob(key),
    delete: (key) => this.persistence.deleteBlob(key),
    list: (olderThan) => {
      const files = this.persistence.listBlobs(olderThan);
      return (async function* () {
        yield* await files;
      })();
    },
  };

  /**
   * Whether every case is in memory. Until then the state holds the head only, the lists' first pages are worked
   * out from the case index (`firstListPage`, `firstQueuePage`) and everything else that reads or writes a case
   * waits for `complete` (docs/decisions/0177-demo-cases-one-record-each.md).
   */
  private allLoaded = true;
  private complete: Promise<void> = Promise.resolve();
  /** The index as stored, for the first pages while the cases load. */
  private index: CaseIndex = emptyIndex();
  private queueKeysRead: Promise<Record<string, QueueKeys>> | null = null;
  /** Cases written since the last save (their records are written with it). */
  private dirty = new Set<string>();

  async open(persistence: Persistence): Promise<void> {
    this.persistence = persistence;
    this.dirty = new Set();
    this.listed = null;
    this.queueKeysRead = null;
    const loaded = await persistence.load().catch(() => null);
    if (!loaded || loaded.head.version !== STATE_VERSION) {
      this.state = emptyState();
      this.index = emptyIndex();
      this.allLoaded = true;
      this.complete = Promise.resolve();
      return;
    }
    const state: MockState = { ...loaded.head, cases: {}, timelines: {}, queueKeys: {} };
    this.state = state;
    this.index = loaded.index;
    this.allLoaded = loaded.index.references.length === 0;
    this.complete = this.allLoaded ? Promise.resolve() : this.loadCases(state, loaded.index);
  }

  /** Reads every case record, a slice per task, and puts them in memory in the index's order (the lists' tie-break). */
  private async loadCases(state: MockState, index: CaseIndex): Promise<void> {
    const persistence = this.persistence;
    try {
      const records = new Map<string, CaseRecord>();
      for (let after: string | null = null; ; ) {
        const slice = await persistence.loadCaseSlice(after, CASE_SLICE);
        for (const r of slice) records.set(r.c.reference, r);
        if (slice.length < CASE_SLICE) break;
        after = slice[slice.length - 1]!.c.reference;
      }
      const queueKeys = await this.storedQueueKeys();
      for (const ref of index.references) {
        const r = records.get(ref);
        if (!r) continue;
        state.cases[ref] = r.c;
        state.timelines[ref] = r.t;
      }
      state.queueKeys = queueKeys;
    } catch {
      // Unreadable: the cases read so far are dropped with the rest, as a state that cannot be read was before.
      state.cases = {};
      state.timelines = {};
      state.queueKeys = {};
    }
    if (this.state === state) this.allLoaded = true;
  }

  private storedQueueKeys(): Promise<Record<string, QueueKeys>> {
    return (this.queueKeysRead ??= this.persistence.loadQueueKeys().catch(() => ({})));
  }

  /** Every case in memory (at once when they are). */
  whenLoaded(): Promise<void> {
    return this.complete;
  }

  /**
   * Persists the head and the cases written since the last save, in one write; writes are serialised so a later
   * one never lands first. The index and the queue keys are written with any change of a case.
   */
  save(): Promise<void> {
    const state = this.state;
    const { cases, timelines, queueKeys, ...head } = state;
    let write: StateWrite = { head };
    if (this.allLoaded && this.dirty.size > 0) {
      const changed = [...this.dirty].map((ref): [string, CaseRecord | null] => {
        const c = cases[ref];
        return [ref, c ? { c, t: timelines[ref] ?? [] } : null];
      });
      this.dirty = new Set();
      write = { head, cases: { index: indexOf(cases, queueKeys ?? {}), queueKeys: queueKeys ?? {}, changed } };
    }
    this.saving = this.saving.then(() => this.persistence.save(write)).catch(() => undefined);
    return this.saving;
  }

  async reset(): Promise<void> {
    this.state = emptyState();
    this.index = emptyIndex();
    this.allLoaded = true;
    this.complete = Promise.resolve();
    this.dirty = new Set();
    this.queueKeysRead = null;
    await this.persistence.clear();
  }

  simulatedProviderRuns(): Record<string, number> {
    return (this.state.simulatedRuns ??= {});
  }

  now(): Date {
    return this.state.frozenAt ? new Date(this.state.frozenAt) : new Date();
  }

  /** One unit of work at a time; if it fails, what it changed is undone (it sees its own writes meanwhile). */
  transaction<T>(run: (tx: BackOfficeTx) => Promise<T>): Promise<T> {
    const result = this.queue.then(async () => {
      const undo: (() => void)[] = [];
      const runs = JSON.stringify(this.state.simulatedRuns ?? {});
      try {
        const value = await run(this.tx(undo));
        // A run of the simulated provider is kept too, even when it changed no case (else a reload replays it).
        if (undo.length || JSON.stringify(this.state.simulatedRuns ?? {}) !== runs) await this.save();
        return value;
      } catch (error) {
        for (const step of undo.reverse()) step();
        throw error;
      }
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  async hitRateLimits(keys: readonly string[], now: Date, windowMs: number): Promise<{ count: number; resetAt: Date }[]> {
    return this.transaction(async (tx) => {
      const hits: { count: number; resetAt: Date }[] = [];
      for (const key of keys) hits.push(await tx.hitRateLimit(key, now, windowMs));
      return hits;
    });
  }

  async claimIdempotency(scope: string, key: string, fingerprint: string, now: Date, staleAfterMs: number): Promise<IdempotencyClaim> {
    const id = `${scope}|${key}`;
    const found = this.state.idempotency[id];
    if (found?.state === 'done' && found.reply) return { state: 'done', fingerprint: found.fingerprint, reply: found.reply };
    if (found?.state === 'inProgress' && !windowOver(found.at, now, staleAfterMs)) return { state: 'inProgress' };
    this.state.idempotency[id] = { state: 'inProgress', fingerprint, reply: null, at: now.toISOString() };
    return { state: 'claimed' };
  }

  /** The simulated back office's mail: kept in its own mailbox, which the demo's /dev/mailbox page reads. */
  async sendMail(mail: OutgoingMail): Promise<void> {
    this.state.mails = [...this.state.mails, clone(mail)].slice(-MAILBOX_SIZE);
    await this.save();
  }

  async renewIdempotency(scope: string, key: string, now: Date): Promise<void> {
    const found = this.state.idempotency[`${scope}|${key}`];
    if (found?.state === 'inProgress') found.at = now.toISOString();
  }

  async prune(cutoffs: PruneCutoffs): Promise<PruneCounts> {
    const st = this.state;
    const drop = <V>(record: Record<string, V>, old: (v: V) => boolean) => {
      let n = 0;
      for (const [k, v] of Object.entries(record)) {
        if (!old(v)) continue;
        delete record[k];
        n++;
      }
      return n;
    };
    const before = (iso: string, cutoff: Date) => Date.parse(iso) < cutoff.getTime();
    const counts: PruneCounts = {
      sessions: drop(st.sessions, (x) => before(x.lastSeenAt, cutoffs.sessionsIdleBefore) || before(x.createdAt, cutoffs.sessionsCreatedBefore)),
      signInCodes: drop(st.signInCodes, (x) => before(x.expiresAt, cutoffs.signInCodesExpiredBefore)),
      rateLimits: drop(st.rateLimits, (x) => before(x.startedAt, cutoffs.rateLimitsStartedBefore)),
      idempotency: drop(st.idempotency, (x) => before(x.at, cutoffs.idempotencyBefore)),
      outbox: st.mails.filter((m) => before(m.sentAt, cutoffs.outboxBefore)).length,
      invitations: drop(st.invitations ?? {}, (x) => before(x.expiresAt, cutoffs.invitationsExpiredBefore)),
    };
    st.mails = st.mails.filter((m) => !before(m.sentAt, cutoffs.outboxBefore));
    this.writes++;
    await this.save();
    return counts;
  }

  async storageKeysInUse(keys: readonly string[]): Promise<Set<string>> {
    const inUse = new Set(Object.values(this.state.attachments).flatMap((a) => (a ? [a.storageKey] : [])));
    return new Set(keys.filter((k) => inUse.has(k)));
  }

  async releaseIdempotency(scope: string, key: string): Promise<void> {
    const id = `${scope}|${key}`;
    if (this.state.idempotency[id]?.state === 'inProgress') delete this.state.idempotency[id];
  }

  private tx(undo: (() => void)[]): BackOfficeTx {
    const s = () => this.state;
    /** Sets `record[key]`, remembering how to put back what was there. */
    const put = <V>(record: Record<string, V>, key: string, value: V | undefined) => {
      const had = Object.prototype.hasOwnProperty.call(record, key);
      const before = record[key];
      if (value === undefined) delete record[key];
      else record[key] = value;
      this.writes++;
      if (record === s().cases || record === s().timelines || record === s().queueKeys) this.dirty.add(key);
      undo.push(() => {
        this.writes++;
        if (had) record[key] = before as V;
        else delete record[key];
      });
    };
    const unit: Unit = { s, put, undo };
    const tx: BackOfficeTx = { ...this.casesTx(unit), ...this.customersTx(unit), ...this.signInTx(unit), ...this.messagesTx(unit), ...this.staffTx(unit), ...this.integrationsTx(unit) };
    // Whatever reads or writes a case waits until every case is in memory (the two lists answer their first pages before).
    const waiting = <K extends keyof BackOfficeTx>(name: K) => {
      const run = tx[name] as (...args: unknown[]) => Promise<unknown>;
      tx[name] = (async (...args: unknown[]) => {
        await this.complete;
        return run(...args);
      }) as BackOfficeTx[K];
    };
    for (const name of CASE_READS_AND_WRITES) waiting(name);
    return tx;
  }

  /** Part of a unit of work: the cases, their timelines, attachments and stored replies; the events feed. */
  private casesTx({ s, put, undo }: Unit): Pick<BackOfficeTx, 'actFor' | 'findCase' | 'listCases' | 'openCases' | 'staffQueue' | 'insertCase' | 'updateCase' | 'appendEvents' | 'timeline' | 'insertAttachment' | 'findAttachment' | 'linkAttachment' | 'completeIdempotency' | 'closedCasesBefore' | 'replaceTimeline' | 'deleteAttachment' | 'deletePendingAttachmentsBefore' | 'pendingUploadBytes' | 'eventsAfter'> {
    return {
      // No second lock here (the server's row-level security): the core's checks are the only ones.
      actFor: () => undefined,
      // No lock to take (opts.lock): units of work here run one at a time.
      findCase: async (scope, reference) => {
        const c = s().cases[reference];
        return c && admits(scope, c) ? clone(c) : null;
      },
      listCases: async (scope, query, now) => {
        // While the cases load, a page of the list by last update, with no search, is answered from the index.
        if (!this.allLoaded && !query.q && query.sort === 'updated') return this.firstListPage(scope, query);
        await this.complete;
        // The next page of the same list (the reader scrolling) reuses the filtered, sorted list while nothing changed.
        const key = JSON.stringify([scope, query.status, query.stage, query.q, query.sort, now.getTime(), this.writes]);
        if (this.listed?.key !== key || this.listed.state !== s()) {
          const mine = Object.values(s().cases).filter(admitter(scope));
          const filtered = filterCases(mine.map(listItemOf), { ...(query.status ? { status: query.status } : {}), stage: query.stage, q: query.q });
          this.listed = { key, state: s(), sorted: sortCases(filtered, query.sort, deadlineOfAt(scope.providerId, now)) };
        }
        const sorted = this.listed.sorted;
        const offset = query.cursor ? cursorOffset(query.cursor) : 0;
        const page = sorted.slice(offset, offset + query.limit);
        const next = offset + query.limit < sorted.length ? btoa(String(offset + query.limit)) : null;
        return { cases: page.map((item) => item.c), nextCursor: next, total: sorted.length };
      },
      openCases: async (scope) => {
        const admitted = admitter(scope);
        return Object.values(s().cases).filter((c) => admitted(c) && isOpen(c.status));
      },
      staffQueue: async (scope, query, bounds) => {
        // While the cases load, the queue with no search is answered from the index and the stored keys.
        if (!this.allLoaded && !query.q) {
          const page = await this.firstQueuePage(scope, query, bounds);
          if (page) return page;
        }
        await this.complete;
        const admitted = admitter(scope);
        const stored = s().queueKeys ?? {};
        const page = queueInMemory(
          Object.values(s().cases).filter((c) => admitted(c)),
          query,
          bounds,
          (c) => stored[c.reference] ?? cachedQueueKeys(c),
        );
        return { ...page, rows: page.rows.map((r) => ({ ...r, c: clone(r.c) })) };
      },
      insertCase: async (c) => {
        if (s().cases[c.reference]) return false;
        put(s().cases, c.reference, clone(c));
        put((s().queueKeys ??= {}), c.reference, queueKeysOf(c));
        put(s().timelines, c.reference, []);
        return true;
      },
      updateCase: async (c) => {
        put(s().cases, c.reference, clone(c));
        put((s().queueKeys ??= {}), c.reference, queueKeysOf(c));
      },
      appendEvents: async (reference, events) => {
        const timeline = (s().timelines[reference] ??= []);
        const length = timeline.length;
        timeline.push(...clone([...events]));
        this.dirty.add(reference);
        const feed = (s().feed ??= []);
        const feedLength = feed.length;
        feed.push(...events.map((e) => ({ reference, id: e.id })));
        undo.push(() => {
          timeline.length = length;
          feed.length = feedLength;
        });
      },
      timeline: async (reference) => clone(s().timelines[reference] ?? []),
      insertAttachment: async (a) => put(s().attachments, a.meta.id, clone(a)),
      findAttachment: async (id) => {
        const a = s().attachments[id];
        return a ? clone(a) : null;
      },
      linkAttachment: async (id, reference) => {
        const a = s().attachments[id];
        if (a) put(s().attachments, id, { ...a, caseRef: reference });
      },
      completeIdempotency: async (scope, key, fingerprint, reply) =>
        put(s().idempotency, `${scope}|${key}`, { state: 'done', fingerprint, reply: clone(reply), at: new Date().toISOString() }),
      // ---- retention ----
      closedCasesBefore: async (providerId, before, limit) =>
        Object.values(s().cases)
          .filter((c) => c.providerId === providerId && (c.status === 'closed' || c.status === 'resolved') && Date.parse(c.updatedAt) < before.getTime() && !isAnonymised(c))
          .slice(0, limit)
          .map(clone),
      replaceTimeline: async (reference, events) => put(s().timelines, reference, clone([...events])),
      deleteAttachment: async (id) => put(s().attachments, id, undefined),
      deletePendingAttachmentsBefore: async (providerId, before, limit) => {
        const due = Object.values(s().attachments)
          .filter((a) => a && a.caseRef === null && a.providerId === providerId && Date.parse(a.meta.uploadedAt) < before.getTime())
          .slice(0, limit);
        for (const a of due) put(s().attachments, a.meta.id, undefined);
        return due.map(clone);
      },
      pendingUploadBytes: async (providerId, uploader) =>
        Object.values(s().attachments)
          .filter((a) => a && a.caseRef === null && a.providerId === providerId && a.uploader === uploader)
          .reduce((sum, a) => sum + a.meta.size, 0),
      eventsAfter: async (scope, after, limit) => {
        const out: { seq: string; reference: string; event: TimelineEvent }[] = [];
        const feed = s().feed ?? [];
        const admitted = admitter(scope);
        for (let i = Math.max(0, Number(after) || 0); i < feed.length && out.length < limit; i++) {
          const entry = feed[i]!;
          const c = s().cases[entry.reference];
          const event = c && admitted(c) ? s().timelines[entry.reference]?.find((e) => e.id === entry.id) : undefined;
          if (event) out.push({ seq: String(i + 1), reference: entry.reference, event: clone(event) });
        }
        return out;
      },
    };
  }

  /** Part of a unit of work: customers and their organisations. */
  private customersTx({ s, put, undo }: Unit): Pick<BackOfficeTx, 'customers' | 'findCustomer' | 'findCustomers' | 'organisationMembers' | 'findCustomerByEmail' | 'insertCustomer' | 'updateCustomer' | 'attachGuestCases' | 'searchCustomers'> {
    return {
      customers: async (providerId: ProviderId) => s().customers.filter((c) => c.providerId === providerId),
      findCustomer: async (providerId, id) => clone(s().customers.find((c) => c.providerId === providerId && c.id === id) ?? null),
      findCustomers: async (providerId, ids) => {
        const wanted = new Set(ids);
        return clone(s().customers.filter((c) => c.providerId === providerId && wanted.has(c.id)));
      },
      organisationMembers: async (providerId, organisationId) => clone(s().customers.filter((c) => c.providerId === providerId && c.organisationId === organisationId)),
      findCustomerByEmail: async (providerId, email) =>
        s().customers.find((c) => c.providerId === providerId && c.email.toLowerCase() === email.trim().toLowerCase()) ?? null,
      insertCustomer: async (c) => {
        s().customers.push(clone(c));
        undo.push(() => void s().customers.pop());
      },
      updateCustomer: async (c) => {
        const customers = s().customers;
        const at = customers.findIndex((x) => x.id === c.id && x.providerId === c.providerId);
        if (at < 0) return;
        const before = customers[at]!;
        customers[at] = clone(c);
        undo.push(() => void (customers[at] = before));
      },
      attachGuestCases: async (providerId, email, customerId) => {
        const wanted = email.trim().toLowerCase();
        let n = 0;
        for (const c of Object.values(s().cases)) {
          if (c.providerId !== providerId || c.customerId !== null || c.aboutYou.email.trim().toLowerCase() !== wanted) continue;
          put(s().cases, c.reference, { ...c, customerId, organisationId: null });
          n++;
        }
        return n;
      },
      searchCustomers: async (providerId, q, limit) => {
        const needle = q.trim().toLowerCase();
        const hit = (c: Customer) => !needle || [c.name, c.email, c.organisation ?? ''].some((x) => x.toLowerCase().includes(needle));
        return clone(
          s()
            .customers.filter((c) => c.providerId === providerId && hit(c))
            .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
            .slice(0, limit),
        );
      },
    };
  }

  /** Part of a unit of work: sessions, sign-in codes and rate-limit windows. */
  private signInTx({ s, put }: Unit): Pick<BackOfficeTx, 'insertSession' | 'findSession' | 'touchSession' | 'deleteSession' | 'deleteCustomerSessions' | 'insertSignInCode' | 'latestSignInCode' | 'findSignInCodeByLink' | 'countSignInCodeTry' | 'deleteSignInCodes' | 'hitRateLimit'> {
    return {
      insertSession: async (session) => put(s().sessions, session.tokenHash, clone(session)),
      findSession: async (hash) => {
        const found = s().sessions[hash];
        return found ? clone(found) : null;
      },
      touchSession: async (hash, at) => {
        const found = s().sessions[hash];
        if (found) put(s().sessions, hash, { ...found, lastSeenAt: at.toISOString() });
      },
      deleteSession: async (hash) => put(s().sessions, hash, undefined),
      deleteCustomerSessions: async (providerId, customerId) => {
        for (const [hash, session] of Object.entries(s().sessions)) {
          if (session.providerId === providerId && session.scope.kind === 'customer' && session.scope.customerId === customerId) put(s().sessions, hash, undefined);
        }
      },
      insertSignInCode: async (c) => put(s().signInCodes, c.id, clone(c)),
      latestSignInCode: async (providerId, email) => {
        const mine = Object.values(s().signInCodes).filter((c) => c.providerId === providerId && c.email === email);
        const latest = mine.sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
        return latest ? clone(latest) : null;
      },
      findSignInCodeByLink: async (providerId, linkHash) => {
        const found = Object.values(s().signInCodes).find((c) => c.providerId === providerId && c.linkHash === linkHash);
        return found ? clone(found) : null;
      },
      countSignInCodeTry: async (providerId, email, now, maxTries) => {
        const counted: StoredSignInCode[] = [];
        for (const c of Object.values(s().signInCodes)) {
          if (c.providerId !== providerId || c.email !== email || c.usedAt || Date.parse(c.expiresAt) <= now.getTime() || c.tries >= maxTries) continue;
          const next = { ...c, tries: c.tries + 1 };
          put(s().signInCodes, c.id, next);
          counted.push(clone(next));
        }
        return counted;
      },
      deleteSignInCodes: async (providerId, email) => {
        for (const c of Object.values(s().signInCodes)) if (c.providerId === providerId && c.email === email) put(s().signInCodes, c.id, undefined);
      },
      hitRateLimit: async (key, now, windowMs) => {
        const found = s().rateLimits[key];
        const fresh = !found || windowOver(found.startedAt, now, windowMs);
        const next = fresh ? { count: 1, startedAt: now.toISOString() } : { ...found, count: found.count + 1 };
        put(s().rateLimits, key, next);
        return { count: next.count, resetAt: new Date(Date.parse(next.startedAt) + windowMs) };
      },
    };
  }

  /** Part of a unit of work: messages to customers, recorded, claimed for delivery and listed. */
  private messagesTx({ s, put }: Unit): Pick<BackOfficeTx, 'insertMessages' | 'caseHistories' | 'caseMessages' | 'pendingMessageIds' | 'claimMessage' | 'updateMessage' | 'messagesWithStatus' | 'messageCounts' | 'findMessage'> {
    return {
      // ---- messages to the customer ----
      insertMessages: async (messages) => {
        const all = (s().messages ??= {});
        for (const m of messages) {
          if (Object.values(all).some((x) => x.eventId === m.eventId && x.channel === m.channel)) continue;
          put(all, m.id, clone(m));
        }
      },
      caseHistories: async (scope, references) => {
        const wanted = new Set(references);
        const byCase = new Map<string, StoredMessage[]>();
        for (const m of Object.values(s().messages ?? {})) if (wanted.has(m.reference)) byCase.set(m.reference, [...(byCase.get(m.reference) ?? []), m]);
        const out = new Map<string, CaseHistory>();
        for (const reference of wanted) {
          const c = s().cases[reference];
          if (c && admits(scope, c)) out.set(reference, { events: clone(s().timelines[reference] ?? []), messages: clone(byCase.get(reference) ?? []) });
        }
        return out;
      },
      caseMessages: async (reference) =>
        Object.values(s().messages ?? {})
          .filter((m) => m.reference === reference)
          .map(clone),
      pendingMessageIds: async (providerId, limit) =>
        Object.values(s().messages ?? {})
          .filter((m) => m.providerId === providerId && m.status === 'pending' && m.channel === 'email')
          .slice(0, limit)
          .map((m) => m.id),
      claimMessage: async (providerId, id) => {
        const m = s().messages?.[id];
        return m && m.providerId === providerId && m.status === 'pending' ? clone(m) : null;
      },
      updateMessage: async (m) => put((s().messages ??= {}), m.id, clone(m)),
      messagesWithStatus: async (providerId, statuses, limit) =>
        Object.values(s().messages ?? {})
          .filter((m) => m.providerId === providerId && statuses.includes(m.status))
          .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
          .slice(0, limit)
          .map(clone),
      messageCounts: async (providerId) => {
        const counts: Partial<Record<StoredMessage['status'], number>> = {};
        for (const m of Object.values(s().messages ?? {})) if (m.providerId === providerId) counts[m.status] = (counts[m.status] ?? 0) + 1;
        return counts;
      },
      findMessage: async (providerId, id) => {
        const m = s().messages?.[id];
        return m && m.providerId === providerId ? clone(m) : null;
      },
    };
  }

  /** Part of a unit of work: staff, invitations and the alerts sent to staff. */
  private staffTx({ s, put, undo }: Unit): Pick<BackOfficeTx, 'staffMembers' | 'findStaffMember' | 'findStaffByEmail' | 'insertStaff' | 'updateStaff' | 'deleteStaffSessions' | 'insertInvitation' | 'updateInvitation' | 'findInvitation' | 'organisationInvitations' | 'invitationsFor' | 'recordAlert' | 'pendingAlertKeys' | 'claimAlert' | 'updateAlert' | 'deleteAlerts' | 'adminInvitations'> {
    return {
      // ---- the provider's staff ----
      staffMembers: async (providerId) => clone(s().staff.filter((m) => m.providerId === providerId)),
      findStaffMember: async (providerId, id) => {
        const found = s().staff.find((m) => m.providerId === providerId && m.id === id);
        return found ? clone(found) : null;
      },
      findStaffByEmail: async (providerId, email) => {
        const wanted = email.trim().toLowerCase();
        const found = s().staff.find((m) => m.providerId === providerId && m.removedAt === null && m.email.toLowerCase() === wanted);
        return found ? clone(found) : null;
      },
      insertStaff: async (member) => {
        s().staff.push(clone(member));
        undo.push(() => void s().staff.pop());
      },
      updateStaff: async (member) => {
        const staff = s().staff;
        const at = staff.findIndex((m) => m.id === member.id && m.providerId === member.providerId);
        if (at < 0) return;
        const before = staff[at]!;
        staff[at] = clone(member);
        undo.push(() => void (staff[at] = before));
      },
      deleteStaffSessions: async (providerId, staffId) => {
        for (const [hash, session] of Object.entries(s().sessions)) {
          if (session.providerId === providerId && session.scope.kind === 'staff' && session.scope.staffId === staffId) put(s().sessions, hash, undefined);
        }
      },
      // ---- invitations ----
      insertInvitation: async (scope, invitation) => {
        if (!invitationAdmits(scope, invitation)) throw new Error('insertInvitation: not in scope');
        put((s().invitations ??= {}), invitation.id, clone(invitation));
      },
      updateInvitation: async (scope, invitation) => {
        const found = s().invitations?.[invitation.id];
        if (!found || !invitationAdmits(scope, found) || !invitationAdmits(scope, invitation)) throw new Error('updateInvitation: not in scope');
        put(s().invitations!, invitation.id, clone(invitation));
      },
      findInvitation: async (scope, id) => {
        const found = s().invitations?.[id];
        return found && invitationAdmits(scope, found) ? clone(found) : null;
      },
      organisationInvitations: async (scope, organisationId) =>
        Object.values(s().invitations ?? {})
          .filter((i) => i.organisationId === organisationId && i.status === 'pending' && invitationAdmits(scope, i))
          .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
          .map(clone),
      invitationsFor: async (scope, email) =>
        Object.values(s().invitations ?? {})
          .filter((i) => i.email === email && i.status === 'pending' && invitationAdmits(scope, i))
          .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
          .map(clone),
      recordAlert: async (a) => {
        const all = (s().staffAlerts ??= {});
        const id = `${a.providerId}|${a.key}`;
        if (Object.prototype.hasOwnProperty.call(all, id)) return false;
        put(all, id, clone(a));
        return true;
      },
      pendingAlertKeys: async (providerId, limit) =>
        Object.values(s().staffAlerts ?? {})
          .filter((a) => a.providerId === providerId && a.status === 'pending')
          .sort((a, b) => a.at.localeCompare(b.at) || (a.key < b.key ? -1 : 1))
          .slice(0, limit)
          .map((a) => a.key),
      claimAlert: async (providerId, key) => {
        const a = s().staffAlerts?.[`${providerId}|${key}`];
        return a && a.status === 'pending' ? clone(a) : null;
      },
      updateAlert: async (a) => {
        const all = (s().staffAlerts ??= {});
        const id = `${a.providerId}|${a.key}`;
        if (all[id]) put(all, id, clone(a));
      },
      deleteAlerts: async (providerId, { before, references = [] }) => {
        const all = s().staffAlerts ?? {};
        const gone = Object.entries(all).filter(
          ([, a]) => a.providerId === providerId && ((before && Date.parse(a.at) < before.getTime()) || (a.reference !== null && references.includes(a.reference))),
        );
        for (const [id] of gone) put(all, id, undefined);
        return gone.length;
      },
      adminInvitations: async (providerId) =>
        Object.values(s().invitations ?? {})
          .filter((i) => i.providerId === providerId && i.role === 'admin' && i.status === 'pending')
          .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
          .map(clone),
    };
  }

  /** Part of a unit of work: provider integrations and webhook endpoints. */
  private integrationsTx({ s, put }: Unit): Pick<BackOfficeTx, 'findIntegrationByKeyHash' | 'insertWebhook' | 'webhooks' | 'deleteWebhook'> {
    return {
      // ---- the provider's API ----
      findIntegrationByKeyHash: (hash) => findDemoIntegration(hash),
      insertWebhook: async (w) => put((s().webhooks ??= {}), w.id, clone(w)),
      webhooks: async (providerId) => Object.values(s().webhooks ?? {}).filter((w) => w.providerId === providerId).map(clone),
      deleteWebhook: async (providerId, id) => {
        const w = s().webhooks?.[id];
        if (!w || w.providerId !== providerId) return false;
        put(s().webhooks!, id, undefined);
        return true;
      },
    };
  }

  /** A page of the list by last update (no search), worked out from the index; the page's cases are read by reference. */
  private async firstListPage(scope: CaseScope, query: CaseQuery): Promise<CasePage> {
    const ix = this.index;
    const admitted = admitter(scope);
    const items: { reference: string; summary: string; status: CaseStatus; stageId: string; updatedAt: string }[] = [];
    for (let i = 0; i < ix.references.length; i++) {
      const reference = ix.references[i]!;
      if (!admitted({ reference, providerId: ix.providerIds[i]!, customerId: ix.customerIds[i]!, organisationId: ix.organisationIds[i]! })) continue;
      items.push({ reference, summary: '', status: ix.statuses[i]!, stageId: ix.stageIds[i]!, updatedAt: ix.updatedAt[i]! });
    }
    // The same filter and order as a list of the cases in memory (listCases), so a cursor means the same either way.
    const sorted = sortCases(filterCases(items, { ...(query.status ? { status: query.status } : {}), stage: query.stage }), 'updated');
    const offset = query.cursor ? cursorOffset(query.cursor) : 0;
    const page = sorted.slice(offset, offset + query.limit);
    const records = await this.persistence.loadCases(page.map((item) => item.reference));
    // A record missing (never, but an index and its records could part): the answer waits for every case instead.
    if (records.some((r) => !r)) {
      await this.complete;
      return this.tx([]).listCases(scope, query, this.now());
    }
    const next = offset + query.limit < sorted.length ? btoa(String(offset + query.limit)) : null;
    return { cases: records.map((r) => r!.c), nextCursor: next, total: sorted.length };
  }

  /** The queue (no search) from the index's queue columns; the page's cases are read by reference. Null: wait for the cases. */
  private async firstQueuePage(scope: CaseScope, query: QueueStoreQuery, bounds: QueueBounds): Promise<QueueStorePage | null> {
    const ix = this.index;
    const admitted = admitter(scope);
    const entries: (QueueCase & { i: number })[] = [];
    for (let i = 0; i < ix.references.length; i++) {
      const reference = ix.references[i]!;
      if (!admitted({ reference, providerId: ix.providerIds[i]!, customerId: ix.customerIds[i]!, organisationId: ix.organisationIds[i]! })) continue;
      entries.push({ i, reference, status: ix.statuses[i]!, stageId: ix.stageIds[i]!, complaint: { category: ix.categories[i]! } });
    }
    const page = queueInMemory(entries, query, bounds, (e) => indexedQueueKeys(ix.queue, e.i));
    const records = await this.persistence.loadCases(page.rows.map((r) => r.c.reference));
    if (records.some((r) => !r)) return null;
    return { ...page, rows: page.rows.map((r, n) => ({ c: records[n]!.c, position: r.position })) };
  }
}

/** The store's methods that read or write cases, timelines or their queue keys. */
const CASE_READS_AND_WRITES = ['findCase', 'openCases', 'insertCase', 'updateCase', 'appendEvents', 'timeline', 'attachGuestCases', 'closedCasesBefore', 'replaceTimeline', 'eventsAfter'] as const satisfies readonly (keyof BackOfficeTx)[];

export const db = new Database();

/** The offset a case list's cursor names; 0 (the top) for anything made up, as on the server. */
function cursorOffset(cursor: string): number {
  try {
    const n = Number(atob(cursor));
    return Number.isSafeInteger(n) && n > 0 ? n : 0;
  } catch {
    return 0;
  }
}
