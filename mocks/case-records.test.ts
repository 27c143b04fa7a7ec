import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBulk } from '@/core/demo-seed';
import { queueBounds } from '@/core/staff-queue';
import type { CaseQuery, QueueStoreQuery } from '@/core/ports';
import type { CaseScope } from '@/core/visibility';
import { openCaseStatuses } from '@/domain/cases';
import { getProfile } from '@/domain/profiles';
import { db, memoryPersistence, type Persistence } from './db';

/**
 * The demo's cases are stored one record each and the lists' first pages are answered from the case index while
 * the records load (docs/decisions/0177-demo-cases-one-record-each.md). Every page of the customer's list and of
 * the staff queue, answered while no case record has been read, must be the page the cases in memory give.
 */

const now = new Date('2026-11-23T10:00:00Z');
const customer: CaseScope = { providerId: 'nasstar', kind: 'customer', customerId: 'nasstar-business', organisationId: 'nasstar-org-harbourlane' };
const staff: CaseScope = { providerId: 'nasstar', kind: 'staff', staffId: 'nasstar-staff-1' };
const bounds = queueBounds(getProfile('nasstar'), now, 'nasstar-staff-1');
const lists: Omit<CaseQuery, 'cursor'>[] = [
  { sort: 'updated', limit: 40 },
  { sort: 'updated', limit: 25, status: openCaseStatuses },
  { sort: 'updated', limit: 25, stage: 'complaintsTeam' },
];
const queues: Omit<QueueStoreQuery, 'after'>[] = [{ limit: 30 }, { limit: 30, filter: 'overdue' }, { limit: 30, stage: 'complaintsTeam' }, { limit: 30, category: 'billing' }];

/** Every page of a list: the references, totals and cursors. */
async function walkList(query: Omit<CaseQuery, 'cursor'>) {
  const pages: { refs: string[]; total: number; next: string | null }[] = [];
  let cursor: string | undefined;
  do {
    const page = await db.transaction((tx) => tx.listCases(customer, { ...query, ...(cursor ? { cursor } : {}) }, now));
    pages.push({ refs: page.cases.map((c) => c.reference), total: page.total, next: page.nextCursor });
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return pages;
}

async function walkQueue(query: Omit<QueueStoreQuery, 'after'>) {
  const pages: { refs: string[]; positions: unknown[]; matching: number; counts: unknown }[] = [];
  let after: QueueStoreQuery['after'] = null;
  for (;;) {
    const page = await db.transaction((tx) => tx.staffQueue(staff, { ...query, after }, bounds));
    pages.push({ refs: page.rows.map((r) => r.c.reference), positions: page.rows.map((r) => r.position), matching: page.matching, counts: page.counts });
    if (page.rows.length <= query.limit) return pages;
    after = page.rows[query.limit - 1]!.position;
  }
}

describe('the demo store: cases one record each, first pages from the index', () => {
  const stored = memoryPersistence();
  /** Holds back every case record until released: the lists can only be answered from the index meanwhile. */
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  let sliceReads = 0;
  const slow: Persistence = {
    ...stored,
    loadCaseSlice: async (after, count) => {
      sliceReads++;
      await held;
      return stored.loadCaseSlice(after, count);
    },
  };
  const expected: { lists: Awaited<ReturnType<typeof walkList>>[]; queues: Awaited<ReturnType<typeof walkQueue>>[]; order: string[] } = { lists: [], queues: [], order: [] };

  beforeAll(async () => {
    await db.open(stored);
    await db.reset();
    await db.transaction((tx) => seedBulk(tx, 'nasstar', 260, now));
    for (const q of lists) expected.lists.push(await walkList(q));
    for (const q of queues) expected.queues.push(await walkQueue(q));
    expected.order = Object.keys(db.state.cases);
    await db.open(slow);
  });
  afterAll(() => release());

  it('answers every page of the customer list and the staff queue before any case record is read, as the cases in memory do', async () => {
    expect(expected.lists[0]!.length).toBeGreaterThan(3);
    expect(expected.queues[0]!.length).toBeGreaterThan(3);
    for (const [i, q] of lists.entries()) expect(await walkList(q)).toEqual(expected.lists[i]);
    for (const [i, q] of queues.entries()) expect(await walkQueue(q)).toEqual(expected.queues[i]);
    // Nothing came from a slice: the first slice is still held.
    expect(Object.keys(db.state.cases)).toEqual([]);
    expect(sliceReads).toBe(1);
  });

  it('a search waits for the cases; once read they are in memory in the order they were written', async () => {
    const searched = db.transaction((tx) => tx.listCases(customer, { sort: 'updated', limit: 10, q: 'fee' }, now));
    release();
    const page = await searched;
    expect(page.total).toBeGreaterThan(0);
    await db.whenLoaded();
    expect(Object.keys(db.state.cases)).toEqual(expected.order);
    for (const [i, q] of lists.entries()) expect(await walkList(q)).toEqual(expected.lists[i]);
  });

  it('a write after the reload is stored with the index: reopened, the changed case is there and the pages still agree', async () => {
    // The last case of the customer's list moves to the top.
    const ref = expected.lists[0]!.at(-1)!.refs.at(-1)!;
    await db.transaction(async (tx) => {
      const c = (await tx.findCase({ providerId: 'nasstar', kind: 'provider' }, ref))!;
      await tx.updateCase({ ...c, updatedAt: '2026-11-24T00:00:00.000Z' });
    });
    const after = await walkList(lists[0]!);
    expect(after[0]!.refs[0]).toBe(ref);
    await db.open(stored);
    expect(await walkList(lists[0]!)).toEqual(after);
    await db.whenLoaded();
    expect(db.state.cases[ref]!.updatedAt).toBe('2026-11-24T00:00:00.000Z');
    expect(Object.keys(db.state.cases)).toEqual(expected.order);
  });
});
