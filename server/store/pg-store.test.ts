import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BackOfficeTx, CaseQuery, CaseScope, StoredCase, StoredInvitation } from '@/core/ports';
import { filterCases, makeDeadlineOf, sortCases } from '@/domain/cases';
import { getProfile } from '@/domain/profiles';
import type { CaseStatus } from '@/api/schemas';
import { storeForThisFile } from '../test/database';
import { makeCase, makeEvent } from '../test/cases';
import { nextDeadlineOf, type PgTx } from './pg-store';
import { backfillQueueKeys } from './pg-staff';
import { queueKeysOf } from '@/core/staff-queue';

const db = storeForThisFile(['cases', 'case_events', 'attachments', 'idempotency', 'customers', 'invitations']);

const alice: CaseScope = { providerId: 'nasstar', kind: 'customer', customerId: 'cus_alice', organisationId: null };
const bob: CaseScope = { providerId: 'nasstar', kind: 'customer', customerId: 'cus_bob', organisationId: 'org_acme' };
const nasstar: CaseScope = { providerId: 'nasstar', kind: 'provider' };

async function insert(...cases: StoredCase[]) {
  await db.store.transaction(async (tx) => {
    for (const c of cases) expect(await tx.insertCase(c)).toBe(true);
  });
}

describe('cases and their scope', () => {
  it('stores a case and reads back exactly what was stored', async () => {
    const c = makeCase({ summary: 'Wrong bill for March' });
    await insert(c);
    const found = await db.store.transaction((tx) => tx.findCase(alice, c.reference));
    expect(found).toEqual(c);
  });

  it('finds a taken reference when the case is sent, and runs the unit of work again (which draws another)', async () => {
    const c = makeCase();
    await insert(c);
    const fresh = makeCase();
    let runs = 0;
    const inserted = await db.store.transaction(async (tx) => {
      runs++;
      return tx.insertCase(runs === 1 ? { ...c, customerId: 'cus_bob' } : fresh);
    });
    expect({ inserted, runs }).toEqual({ inserted: true, runs: 2 });
    expect(await db.store.transaction((tx) => tx.findCase(nasstar, c.reference))).toEqual(c);
    expect(await db.store.transaction((tx) => tx.findCase(nasstar, fresh.reference))).toEqual(fresh);
    // Taken every time: the unit of work fails after its tries, and nothing of it stays.
    runs = 0;
    await expect(
      db.store.transaction(async (tx) => {
        runs++;
        await tx.insertCase({ ...c, customerId: 'cus_bob' });
        await tx.appendEvents(c.reference, [makeEvent(runs)]);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(runs).toBe(5);
    expect(await db.store.transaction((tx) => tx.findCase(nasstar, c.reference))).toEqual(c);
  });

  it('shows a case to its customer, their organisation, a guest with its reference and its provider — no one else', async () => {
    const own = makeCase({ customerId: 'cus_alice' });
    const orgs = makeCase({ customerId: 'cus_carol', organisationId: 'org_acme' });
    const other = makeCase({ customerId: 'cus_dave' });
    const elsewhere = makeCase({ providerId: 'netservers', stageId: 'stage1', customerId: 'cus_alice' });
    await insert(own, orgs, other, elsewhere);
    const sees = (scope: CaseScope) =>
      db.store.transaction(async (tx) => {
        const refs: string[] = [];
        for (const c of [own, orgs, other, elsewhere]) if (await tx.findCase(scope, c.reference)) refs.push(c.reference);
        return refs;
      });
    expect(await sees(alice)).toEqual([own.reference]);
    expect(await sees(bob)).toEqual([orgs.reference]);
    expect(await sees({ providerId: 'nasstar', kind: 'guest', reference: other.reference })).toEqual([other.reference]);
    expect(await sees(nasstar)).toEqual([own.reference, orgs.reference, other.reference]);
    expect(await sees({ providerId: 'netservers', kind: 'provider' })).toEqual([elsewhere.reference]);
  });

  it('updates a case within the scope, and refuses one outside it', async () => {
    const c = makeCase({ status: 'submitted' });
    await insert(c);
    await db.store.transaction(async (tx) => {
      const found = (await tx.findCase(alice, c.reference))!;
      await tx.updateCase({ ...found, status: 'acknowledged', updatedAt: '2026-03-03T09:00:00.000Z' });
    });
    expect((await db.store.transaction((tx) => tx.findCase(alice, c.reference)))?.status).toBe('acknowledged');
    await expect(
      db.store.transaction(async (tx) => {
        await tx.findCase(bob, c.reference);
        await tx.updateCase({ ...c, status: 'closed' });
      }),
    ).rejects.toThrow();
  });

  it('lists the open cases of a provider for timed steps', async () => {
    await insert(makeCase({ status: 'investigating' }), makeCase({ status: 'closed' }), makeCase({ providerId: 'ask4', stageId: 'x' }));
    const open = await db.store.transaction((tx) => tx.openCases({ providerId: 'nasstar', kind: 'provider' }));
    expect(open.map((c) => c.status)).toEqual(['investigating']);
  });

  it('fills in the staff queue\'s columns of cases written before them (migration 0035), from the core\'s keys', async () => {
    const open = makeCase({ status: 'investigating', assigneeId: 'staff_1' });
    const closed = makeCase({ status: 'closed' });
    await insert(open, closed);
    const columns = () =>
      db.handle.db
        .selectFrom('cases')
        .select(['reference', 'in_queue', 'queue_at', 'adr_letter_due_at', 'assignee_id', 'staff_search', 'queue_keys_version'])
        .orderBy('reference')
        .execute();
    const written = await columns();
    const mine = written.find((r) => r.reference === open.reference)!;
    const keys = queueKeysOf(open);
    expect(mine).toMatchObject({ in_queue: true, queue_at: new Date(keys.queueAt!), adr_letter_due_at: keys.adrLetterDueAt === null ? null : new Date(keys.adrLetterDueAt), assignee_id: 'staff_1', staff_search: keys.search });
    expect(written.find((r) => r.reference === closed.reference)).toMatchObject({ in_queue: false, queue_at: null });
    await db.handle.db.updateTable('cases').set({ in_queue: false, queue_at: null, assignee_id: null, staff_search: '', queue_keys_version: null }).execute();
    expect(await backfillQueueKeys(db.handle.db, 1)).toBe(2);
    expect(await columns()).toEqual(written);
    expect(await backfillQueueKeys(db.handle.db)).toBe(0);
  });

  it('commits nothing when the unit of work fails', async () => {
    const c = makeCase();
    await expect(
      db.store.transaction(async (tx) => {
        await tx.insertCase(c);
        await tx.completeIdempotency('nasstar', 'key-rollback-000001', 'fp', { status: 201, body: {} });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.store.transaction((tx) => tx.findCase(nasstar, c.reference))).toBeNull();
    expect(await db.store.claimIdempotency('nasstar', 'key-rollback-000001', 'fp', new Date(), 60_000)).toEqual({ state: 'claimed' });
  });
});

describe('the timeline and attachments', () => {
  it('keeps events in the order they were appended, visible only within the scope', async () => {
    const c = makeCase();
    await insert(c);
    const events = [makeEvent(3), makeEvent(1), makeEvent(2)];
    await db.store.transaction(async (tx) => {
      await tx.findCase(alice, c.reference);
      await tx.appendEvents(c.reference, events.slice(0, 2));
      await tx.appendEvents(c.reference, events.slice(2));
    });
    expect(
      await db.store.transaction(async (tx) => {
        await tx.findCase(alice, c.reference);
        return tx.timeline(c.reference);
      }),
    ).toEqual(events);
    expect(
      await db.store.transaction(async (tx) => {
        await tx.findCase(bob, c.reference);
        return tx.timeline(c.reference);
      }),
    ).toEqual([]);
  });

  it('finds an attachment not yet attached by its id, then only within its case’s scope', async () => {
    const meta = { id: 'att_0123456789ABCDEF', name: 'bill.pdf', kind: 'pdf' as const, size: 1234, uploadedAt: '2026-03-02T10:00:00.000Z' };
    const stored = { meta, providerId: 'nasstar' as const, caseRef: null, uploader: 'guest', storageKey: 'k/abc' };
    await db.store.transaction((tx) => tx.insertAttachment(stored));
    // An anonymous submission: the attachment by id, then the new case, then the link.
    const c = makeCase({ customerId: null, attachments: [meta] });
    await db.store.transaction(async (tx) => {
      expect(await tx.findAttachment(meta.id)).toEqual(stored);
      expect(await tx.insertCase(c)).toBe(true);
      await tx.linkAttachment(meta.id, c.reference);
      await tx.appendEvents(c.reference, [makeEvent(1, { type: 'submitted' })]);
    });
    const guest: CaseScope = { providerId: 'nasstar', kind: 'guest', reference: c.reference };
    const asGuest = await db.store.transaction(async (tx) => {
      await tx.findCase(guest, c.reference);
      return tx.findAttachment(meta.id);
    });
    expect(asGuest).toEqual({ ...stored, caseRef: c.reference });
    const asAlice = await db.store.transaction(async (tx) => {
      await tx.findCase(alice, c.reference);
      return tx.findAttachment(meta.id);
    });
    expect(asAlice).toBeNull();
  });
});

describe('customers', () => {
  it('lists a provider’s customers', async () => {
    const customer = { id: 'cus_alice', providerId: 'nasstar' as const, kind: 'residential' as const, name: 'Alice', email: 'Alice@Example.com', phone: '+441632960001' };
    // As each provider's whole scope (the demo's picker): the policy lets each see its own (migration 0100).
    const asProvider = <T>(providerId: 'nasstar' | 'ask4', work: (tx: BackOfficeTx) => Promise<T>) =>
      db.store.transaction((tx) => {
        tx.actFor({ providerId, kind: 'provider' });
        return work(tx);
      });
    await asProvider('nasstar', (tx) => tx.insertCustomer(customer));
    expect(await asProvider('nasstar', (tx) => tx.customers('nasstar'))).toEqual([customer]);
    expect(await asProvider('ask4', (tx) => tx.customers('ask4'))).toEqual([]);
  });
});

describe('the case list in SQL matches the domain’s filterCases and sortCases', () => {
  const statuses: CaseStatus[] = ['submitted', 'acknowledged', 'investigating', 'resolved', 'closed'];
  const summaries = [
    'Broadband keeps dropping',
    'Café bill wrong',
    'Overcharged for the router',
    'BROADBAND speed too slow',
    'Engineer never came',
    'Phone line crackles — again',
  ];
  let cases: StoredCase[];
  const now = new Date('2026-04-01T12:00:00Z');

  beforeEach(async () => {
    cases = [];
    for (let i = 0; i < 40; i++) {
      // Several cases share an updatedAt, so the tie-break by reference is exercised.
      const updatedAt = new Date(Date.UTC(2026, 2, 1 + (i % 9), 9 + (i % 3))).toISOString();
      const stageStartedAt = new Date(Date.UTC(2026, 1, 1 + (i % 13), 10)).toISOString();
      cases.push(
        makeCase({
          status: statuses[i % statuses.length]!,
          stageId: i % 4 === 0 ? 'department' : 'complaintsTeam',
          summary: `${summaries[i % summaries.length]!} #${i}`,
          updatedAt,
          stageStartedAt,
          customerId: i % 7 === 0 ? 'cus_other' : 'cus_alice',
        }),
      );
    }
    await insert(...cases);
  });

  /** What the simulated back office answers: the domain's helpers over the visible cases (ties in reference order). */
  function expected(query: Omit<CaseQuery, 'limit' | 'cursor'>): string[] {
    const mine = cases
      .filter((c) => c.customerId === 'cus_alice')
      .sort((a, b) => (a.reference < b.reference ? -1 : 1))
      .map((c) => ({ ...c, summary: c.complaint.summary }));
    const filtered = filterCases(mine, { status: query.status, stage: query.stage, q: query.q });
    return sortCases(filtered, query.sort, makeDeadlineOf(getProfile('nasstar'), now)).map((c) => c.reference);
  }

  async function allPages(query: Omit<CaseQuery, 'limit' | 'cursor'>, limit: number) {
    const refs: string[] = [];
    let cursor: string | null = null;
    let total = -1;
    for (let pages = 0; pages < 100; pages++) {
      const page = await db.store.transaction((tx) => tx.listCases(alice, { ...query, limit, ...(cursor ? { cursor } : {}) }, now));
      total = page.total;
      refs.push(...page.cases.map((c) => c.reference));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    return { refs, total };
  }

  const queries: Omit<CaseQuery, 'limit' | 'cursor'>[] = [
    { sort: 'updated' },
    { sort: 'deadline' },
    { sort: 'deadline', status: ['submitted', 'acknowledged', 'investigating'] },
    { sort: 'updated', stage: 'department' },
    { sort: 'updated', q: 'broad' },
    { sort: 'updated', q: 'cafe' },
    { sort: 'updated', q: 'CAFÉ BI' },
    { sort: 'deadline', q: 'band' }, // not the start of a word: nothing
    { sort: 'updated', q: 'nas-2026-t' }, // the reference
    { sort: 'updated', status: [] },
  ];

  it.each(queries)('%o, seven at a time', async (query) => {
    const want = expected(query);
    const { refs, total } = await allPages(query, 7);
    expect(refs).toEqual(want);
    expect(total).toBe(want.length);
  });

  it('stores the next deadline the domain computes, none for a closed case', () => {
    const open = cases.find((c) => c.status === 'submitted' && c.stageId === 'complaintsTeam')!;
    expect(nextDeadlineOf(open)).toEqual(makeDeadlineOf(getProfile('nasstar'), now)({ ...open, summary: '' }));
    expect(nextDeadlineOf({ ...open, status: 'closed' })).toBeNull();
  });

  it('starts from the top for a cursor it did not make', async () => {
    const page = await db.store.transaction((tx) => tx.listCases(alice, { sort: 'updated', limit: 3, cursor: 'not-a-cursor' }, now));
    expect(page.cases.map((c) => c.reference)).toEqual(expected({ sort: 'updated' }).slice(0, 3));
  });
});

describe('Idempotency-Key claims', () => {
  const t0 = new Date('2026-03-02T10:00:00Z');

  it('claims a new key, reports a running one in progress, and replays a completed one', async () => {
    expect(await db.store.claimIdempotency('nasstar', 'k1', 'fp1', t0, 60_000)).toEqual({ state: 'claimed' });
    expect(await db.store.claimIdempotency('nasstar', 'k1', 'fp1', t0, 60_000)).toEqual({ state: 'inProgress' });
    await db.store.transaction((tx) => tx.completeIdempotency('nasstar', 'k1', 'fp1', { status: 201, body: { case: { reference: 'NAS-1' } } }));
    expect(await db.store.claimIdempotency('nasstar', 'k1', 'fp2', t0, 60_000)).toEqual({
      state: 'done',
      fingerprint: 'fp1',
      reply: { status: 201, body: { case: { reference: 'NAS-1' } } },
    });
    // Keys are per scope.
    expect(await db.store.claimIdempotency('ask4', 'k1', 'fp1', t0, 60_000)).toEqual({ state: 'claimed' });
  });

  it('lets a released claim be claimed again', async () => {
    await db.store.claimIdempotency('nasstar', 'k2', 'fp', t0, 60_000);
    await db.store.releaseIdempotency('nasstar', 'k2');
    expect(await db.store.claimIdempotency('nasstar', 'k2', 'fp', t0, 60_000)).toEqual({ state: 'claimed' });
  });

  it('takes over a claim left in progress longer than staleAfterMs (a crashed request)', async () => {
    await db.store.claimIdempotency('nasstar', 'k3', 'fp', t0, 60_000);
    expect(await db.store.claimIdempotency('nasstar', 'k3', 'fp', new Date(t0.getTime() + 59_000), 60_000)).toEqual({ state: 'inProgress' });
    expect(await db.store.claimIdempotency('nasstar', 'k3', 'fp', new Date(t0.getTime() + 61_000), 60_000)).toEqual({ state: 'claimed' });
    expect(await db.store.claimIdempotency('nasstar', 'k3', 'fp', new Date(t0.getTime() + 62_000), 60_000)).toEqual({ state: 'inProgress' });
  });

  it('issue 20.13: renews a running claim\'s lease, so only a claim not renewed for the lease is taken over', async () => {
    await db.store.claimIdempotency('nasstar', 'k4', 'fp', t0, 10_000);
    await db.store.renewIdempotency('nasstar', 'k4', new Date(t0.getTime() + 8_000));
    expect(await db.store.claimIdempotency('nasstar', 'k4', 'fp', new Date(t0.getTime() + 12_000), 10_000)).toEqual({ state: 'inProgress' });
    expect(await db.store.claimIdempotency('nasstar', 'k4', 'fp', new Date(t0.getTime() + 19_000), 10_000)).toEqual({ state: 'claimed' });
  });

  it('gives two claims of one key at the same moment one claim and one "in progress"', async () => {
    for (let round = 0; round < 5; round++) {
      const key = `race-${round}`;
      const results = await Promise.all([
        db.store.claimIdempotency('nasstar', key, 'fp', t0, 60_000),
        db.store.claimIdempotency('nasstar', key, 'fp', t0, 60_000),
      ]);
      expect(results.map((r) => r.state).sort()).toEqual(['claimed', 'inProgress']);
    }
  });
});

describe('row-level security', () => {
  it('inside a customer-scoped transaction, SELECT * FROM cases with no WHERE returns only that customer’s cases', async () => {
    const mine = makeCase({ customerId: 'cus_alice' });
    const theirs = makeCase({ customerId: 'cus_dave' });
    const otherProvider = makeCase({ customerId: 'cus_alice', providerId: 'ask4', stageId: 'x' });
    await insert(mine, theirs, otherProvider);
    await db.store.transaction(async (tx) => {
      await tx.findCase(alice, mine.reference); // gives the caller's scope to the transaction
      const { trx } = tx as PgTx;
      const { rows } = await sql<{ reference: string }>`SELECT * FROM cases`.execute(trx);
      expect(rows.map((r) => r.reference)).toEqual([mine.reference]);
      // Writes outside the scope are refused too.
      const updated = await sql`UPDATE cases SET status = 'closed'`.execute(trx);
      expect(updated.numAffectedRows).toBe(1n);
    });
    await expect(
      db.store.transaction(async (tx) => {
        await tx.findCase(alice, mine.reference);
        await sql`INSERT INTO case_events (reference, event_id, at, event) VALUES (${theirs.reference}, 'evt_x', now(), '{}')`.execute((tx as PgTx).trx);
      }),
    ).rejects.toThrow(/row-level security/);
  });

  it('issue 20.1: an invitation is seen only by its organisation and by the customer with its address; SELECT * with no WHERE shows no other', async () => {
    const invitation = (id: string, organisationId: string, email: string): StoredInvitation => ({
      id,
      providerId: 'nasstar',
      organisationId,
      organisation: 'Acme',
      email,
      name: 'Someone',
      invitedBy: 'cus_admin',
      invitedByName: 'Admin',
      createdAt: '2026-12-18T10:00:00.000Z',
      expiresAt: '2027-01-01T10:00:00.000Z',
      status: 'pending',
    });
    await db.store.transaction(async (tx) => {
      tx.actFor({ providerId: 'nasstar', kind: 'provider' });
      await tx.insertCustomer({ id: 'cus_alice', providerId: 'nasstar', kind: 'residential', name: 'Alice', email: 'Alice@example.com', phone: '' });
      await tx.insertInvitation({ providerId: 'nasstar', kind: 'provider' }, invitation('inv_acme_alice', 'org_acme', 'alice@example.com'));
      await tx.insertInvitation({ providerId: 'nasstar', kind: 'provider' }, invitation('inv_acme_carol', 'org_acme', 'carol@example.com'));
      await tx.insertInvitation({ providerId: 'nasstar', kind: 'provider' }, invitation('inv_other_dave', 'org_other', 'dave@example.com'));
    });
    const visibleTo = (scope: Parameters<PgTx['findInvitation']>[0]) =>
      db.store.transaction(async (tx) => {
        expect(await tx.findInvitation(scope, 'inv_other_dave')).toBeNull();
        const { rows } = await sql<{ id: string }>`SELECT id FROM invitations ORDER BY id`.execute((tx as PgTx).trx);
        return rows.map((r) => r.id);
      });
    // Alice (no organisation): the one to her address. Bob, of Acme: Acme's.
    expect(await visibleTo({ providerId: 'nasstar', kind: 'customer', customerId: 'cus_alice', email: 'alice@example.com', organisationId: null })).toEqual(['inv_acme_alice']);
    expect(await visibleTo({ providerId: 'nasstar', kind: 'customer', customerId: 'cus_bob', email: 'bob@example.com', organisationId: 'org_acme' })).toEqual(['inv_acme_alice', 'inv_acme_carol']);
    // A scope that claims someone else's address in its argument sees nothing more: the policy reads the customer's own.
    expect(await visibleTo({ providerId: 'nasstar', kind: 'customer', customerId: 'cus_nobody', email: 'dave@example.com', organisationId: null })).toEqual([]);
    await expect(
      db.store.transaction((tx) => tx.insertInvitation({ providerId: 'nasstar', kind: 'customer', customerId: 'cus_bob', email: 'bob@example.com', organisationId: 'org_acme' }, invitation('inv_x', 'org_other', 'x@example.com'))),
    ).rejects.toThrow(/row-level security/);
  });

  it('shows nothing to a transaction that has not said whose it is', async () => {
    await insert(makeCase());
    await db.store.transaction(async (tx) => {
      const { trx } = tx as PgTx;
      expect((await sql`SELECT * FROM cases`.execute(trx)).rows).toEqual([]);
      expect((await sql<{ user: string }>`SELECT current_user AS user`.execute(trx)).rows[0]!.user).toBe('redress_app');
    });
  });
});
