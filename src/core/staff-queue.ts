import type { QueueFilter } from '@/api/schemas';
import { queueFilterSchema } from '@/api/schemas';
import { adrLetterDue, dueWithinBefore, nextDeadline } from '@/domain/case-clocks';
import { isOpen, normaliseForSearch } from '@/domain/cases';
import type { ProviderProfile } from '@/domain/profile-schema';
import { getProfile } from '@/domain/profiles';
import type { QueueBounds, QueuePosition, QueueStorePage, QueueStoreQuery, StoredCase } from './ports';

/**
 * The staff queue's keys (docs/decisions/0170-staff-queue-on-the-server.md): what the queue orders, filters and
 * counts by, computed from the case alone when it is written — a clock's due date depends on the case (stage
 * start, clocks met, first complaint), never on when it is asked — and stored beside it. PostgreSQL keeps them in
 * columns with an index (server/store/pg-staff.ts, migration 0035); the simulated back office reads them here.
 * What depends on the time asked (overdue, due today, within two working days, ADR letter due) is a comparison of
 * a stored instant with bounds the core computes from the procedure's calendar (`queueBounds`).
 */
export interface QueueKeys {
  /** Open and not referred to the scheme: in the queue. */
  inQueue: boolean;
  /** The next clock's due date (domain `nextDeadline`): the earliest unmet clock of the current stage (ms since 1970). */
  nextDeadlineAt: number | null;
  /** The ADR letter's due date while it is still owed (a complaint with no deadlock or ADR letter yet). */
  adrLetterDueAt: number | null;
  /** The earlier of the two: the queue's order (none: last). */
  queueAt: number | null;
  assigneeId: string | null;
  supportNeeds: boolean;
  /** ' ' + the customer's name, organisation and email, normalised: ' ' + a word finds the start of a word. */
  search: string;
  /** The reference without separators, lower case. */
  refCompact: string;
}

/** The ADR letter's due date while it is still owed (no deadlock or ADR letter yet), for a complaint. */
export function adrLetterStillDue(c: StoredCase, profile: ProviderProfile): Date | null {
  if (c.kind !== 'complaint' || c.letters.some((l) => l.kind === 'deadlock' || l.kind === 'adr')) return null;
  return adrLetterDue(c, profile);
}

export function queueKeysOf(c: StoredCase): QueueKeys {
  const open = isOpen(c.status);
  const profile = getProfile(c.providerId);
  // The due dates do not depend on the time asked: the case's last change is as good a "now" as any.
  const nextDeadlineAt = open ? (nextDeadline(profile, c, new Date(c.updatedAt))?.dueAt?.getTime() ?? null) : null;
  const adrLetterDueAt = open ? (adrLetterStillDue(c, profile)?.getTime() ?? null) : null;
  const times = [nextDeadlineAt, adrLetterDueAt].filter((t): t is number => t !== null);
  return {
    inQueue: open && !c.referral,
    nextDeadlineAt,
    adrLetterDueAt,
    queueAt: times.length ? Math.min(...times) : null,
    assigneeId: c.assigneeId ?? null,
    supportNeeds: Boolean(c.aboutYou.supportNeeds || c.aboutYou.representative),
    // The case's numbers in other systems (a connector's twin, issue 25.1) are searchable beside the customer's words.
    search: ` ${normaliseForSearch([c.aboutYou.name, c.aboutYou.organisation ?? '', c.aboutYou.email, ...(c.externalRefs ?? []).map((r) => r.number)].join(' '))}`,
    refCompact: normaliseForSearch(c.reference).replace(/ /g, ''),
  };
}

export function queueBounds(profile: ProviderProfile, now: Date, staffId: string): QueueBounds {
  return { now, dueTodayBefore: dueWithinBefore(profile, now, 0), dueSoonBefore: dueWithinBefore(profile, now, 2), staffId };
}

/**
 * Each filter as a comparison of the stored keys with the bounds; server/store/pg-staff.ts says the same in SQL
 * (the conformance suite checks the two agree, filter by filter, against the clocks the queue shows).
 */
export function queueFilterHolds(k: QueueKeys & { status: StoredCase['status'] }, filter: QueueFilter, b: QueueBounds): boolean {
  const now = b.now.getTime();
  const next = k.nextDeadlineAt;
  switch (filter) {
    case 'overdue':
      return next !== null && next < now;
    case 'dueToday':
      return next !== null && next >= now && next < b.dueTodayBefore.getTime();
    case 'dueSoon':
      return next !== null && next >= now && next < b.dueSoonBefore.getTime();
    case 'adrLetterDue':
      return k.adrLetterDueAt !== null && k.adrLetterDueAt <= now;
    case 'awaitingCustomer':
      return k.status === 'awaitingCustomer';
    case 'unassigned':
      return k.assigneeId === null;
    case 'mine':
      return k.assigneeId === b.staffId;
    case 'supportNeeds':
      return k.supportNeeds;
  }
}

/** The search: the reference contains the text, or every word of it begins a word of the name, organisation or email. */
export function queueSearchHolds(k: Pick<QueueKeys, 'search' | 'refCompact'>, q: string): boolean {
  const text = normaliseForSearch(q);
  if (!text) return true;
  if (k.refCompact.includes(text.replace(/ /g, ''))) return true;
  return text.split(' ').every((word) => k.search.includes(` ${word}`));
}

// ---------- what a store is asked (./ports.ts) ----------

export const emptyCounts = (): Record<QueueFilter, number> => Object.fromEntries(queueFilterSchema.options.map((f) => [f, 0])) as Record<QueueFilter, number>;

/** Year 9999 either side of 1970: far outside any case's dates, well inside timestamptz. */
const MAX_CURSOR_MS = Date.UTC(9999, 11, 31);

export function encodeQueueCursor(p: QueuePosition): string {
  return btoa(JSON.stringify([p.queueAt, p.reference])).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The position a cursor names; null for anything else (a stale or made-up cursor starts from the top). */
export function decodeQueueCursor(text: string | undefined): QueuePosition | null {
  if (!text) return null;
  try {
    const parsed: unknown = JSON.parse(atob(text.replace(/-/g, '+').replace(/_/g, '/')));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [queueAt, reference] = parsed as unknown[];
    const isInstant = (v: unknown): v is string => typeof v === 'string' && Number.isFinite(Date.parse(v)) && Math.abs(Date.parse(v)) <= MAX_CURSOR_MS;
    if (!(queueAt === null || isInstant(queueAt)) || typeof reference !== 'string') return null;
    return { queueAt: queueAt === null ? null : new Date(queueAt).toISOString(), reference };
  } catch {
    return null;
  }
}

/**
 * The keys of a stored case object already seen: the simulated back office replaces a case's object when it
 * changes (mocks/db.ts `put`) and never mutates one in place, so 10,000 cases are keyed once, not per request.
 */
const keysOf = new WeakMap<StoredCase, QueueKeys>();
export function cachedQueueKeys(c: StoredCase): QueueKeys {
  let keys = keysOf.get(c);
  if (!keys) keysOf.set(c, (keys = queueKeysOf(c)));
  return keys;
}

/**
 * The queue over cases in memory (the simulated back office): the same keys, filters, order and counts as the
 * SQL of server/store/pg-staff.ts. `keysOf`: the keys the store kept with each case (computed when missing).
 */
/** The fields of a case the queue filters by besides its keys (the simulated back office's case index has them too). */
export type QueueCase = Pick<StoredCase, 'reference' | 'stageId' | 'status'> & { complaint: Pick<StoredCase['complaint'], 'category'> };

export function queueInMemory(cases: Iterable<StoredCase>, query: QueueStoreQuery, bounds: QueueBounds, keysOf?: (c: StoredCase) => QueueKeys): QueueStorePage;
export function queueInMemory<C extends QueueCase>(cases: Iterable<C>, query: QueueStoreQuery, bounds: QueueBounds, keysOf: (c: C) => QueueKeys): Omit<QueueStorePage, 'rows'> & { rows: { c: C; position: QueuePosition }[] };
export function queueInMemory<C extends QueueCase>(
  cases: Iterable<C>,
  query: QueueStoreQuery,
  bounds: QueueBounds,
  keysOf: (c: C) => QueueKeys = cachedQueueKeys as unknown as (c: C) => QueueKeys,
): Omit<QueueStorePage, 'rows'> & { rows: { c: C; position: QueuePosition }[] } {
  const counts = emptyCounts();
  let matching = 0;
  const after = query.after ? { t: query.after.queueAt === null ? Infinity : Date.parse(query.after.queueAt), reference: query.after.reference } : null;
  const shown: { c: C; t: number }[] = [];
  for (const c of cases) {
    const k = keysOf(c);
    if (!k.inQueue) continue;
    if (query.stage && c.stageId !== query.stage) continue;
    if (query.category && c.complaint.category !== query.category) continue;
    if (query.q && !queueSearchHolds(k, query.q)) continue;
    matching++;
    const keyed = { ...k, status: c.status };
    for (const f of queueFilterSchema.options) if (queueFilterHolds(keyed, f, bounds)) counts[f]++;
    if (query.filter && !queueFilterHolds(keyed, query.filter, bounds)) continue;
    const t = k.queueAt ?? Infinity;
    if (after && (t < after.t || (t === after.t && c.reference <= after.reference))) continue;
    shown.push({ c, t });
  }
  // Numbers, not instants, in the comparison: 10,000 cases sort in a few milliseconds.
  shown.sort((a, b) => (a.t !== b.t ? (a.t < b.t ? -1 : 1) : a.c.reference < b.c.reference ? -1 : a.c.reference > b.c.reference ? 1 : 0));
  return {
    rows: shown.slice(0, query.limit + 1).map(({ c, t }) => ({ c, position: { queueAt: Number.isFinite(t) ? new Date(t).toISOString() : null, reference: c.reference } })),
    matching,
    counts,
  };
}
