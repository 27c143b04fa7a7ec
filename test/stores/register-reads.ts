import { expect } from 'vitest';
import type { BackOfficeStore, BackOfficeTx, StoredMessage } from '@/core/ports';
import { register } from '@/core/staff-proof';
import type { UseCaseContext } from '@/core/use-cases';
import { getProfile } from '@/domain/profiles';
import { makeCase, makeEvent } from '../../server/test/cases';

/**
 * The complaints register reads the histories of its cases in bulk (`caseHistories`), not one case at a time: at 200
 * cases it makes the same handful of store reads as at 2, and each row still has its stages and letters. The same
 * on both stores (mocks/staff-proof.test.ts, server/store/staff-proof.test.ts).
 */
export async function registerReadsScenario(store: BackOfficeStore): Promise<void> {
  const profile = getProfile('nasstar');
  const next = profile.stages[1]!.id;
  const cases = Array.from({ length: 200 }, (_, i) => makeCase({ firstComplainedAt: new Date(Date.UTC(2026, 2, 2, 10, i)).toISOString() }));
  const elsewhere = makeCase({ providerId: 'miso', reference: `MIS-2026-R${String(Date.now() % 1e7).padStart(7, '0')}` });
  await store.transaction((tx) => tx.insertCase(elsewhere));
  await store.transaction(async (tx) => {
    for (const c of cases) await tx.insertCase(c);
    for (const [i, c] of cases.entries()) {
      const submitted = makeEvent(0, { type: 'submitted', actor: 'customer', at: c.firstComplainedAt, stageId: c.stageId });
      const moved = i % 2 === 0 ? [makeEvent(5, { type: 'escalated', actor: 'provider', stageId: next, data: { fromStage: c.stageId, toStage: next } })] : [];
      await tx.appendEvents(c.reference, [submitted, ...moved]);
    }
    await tx.findCase({ providerId: 'nasstar', kind: 'provider' }, cases[0]!.reference);
    const letter = (i: number): StoredMessage => ({
      id: `msg_reads_${i}`, providerId: 'nasstar', reference: cases[i]!.reference, eventId: `evt_reads_${i}`, kind: 'acknowledged', channel: 'letter',
      recipient: 'Alice Example, 1 High Street', lng: 'en', status: 'posted', attempts: 0, lastError: null, createdAt: '2026-03-03T10:00:00.000Z',
      doneAt: '2026-03-04T10:00:00.000Z', subject: 'Acknowledged', text: 'Dear Alice', facts: {},
    });
    await tx.insertMessages([letter(0), letter(1)]);
  });

  const reads = new Map<string, number>();
  const counted = (tx: BackOfficeTx): BackOfficeTx =>
    new Proxy(tx, {
      get(target, name, receiver) {
        const value: unknown = Reflect.get(target, name, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          reads.set(String(name), (reads.get(String(name)) ?? 0) + 1);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  const staff = { id: 'stf_reads', providerId: 'nasstar' as const, name: 'Reed', email: 'reed@staff.nasstar.example', role: 'manager' as const, lng: 'en' as const, createdAt: '2026-01-01T00:00:00.000Z', removedAt: null };
  const answer = await store.transaction((tx) =>
    register(
      {
        store,
        tx: counted(tx),
        caller: { kind: 'staff', providerId: 'nasstar', sessionId: 'ses_reads', staff },
        now: new Date('2026-06-01T10:00:00Z'),
        simulateProvider: false,
      } as UseCaseContext,
      { from: '2026-03-01', to: '2026-03-31' },
    ),
  );

  const ours = answer.rows.filter((r) => cases.some((c) => c.reference === r.reference));
  expect(ours).toHaveLength(200);
  expect(answer.rows.map((r) => r.reference)).not.toContain(elsewhere.reference);
  const row = (i: number) => ours.find((r) => r.reference === cases[i]!.reference)!;
  expect(row(0).stages).toEqual([cases[0]!.stageId, next]);
  expect(row(1).stages).toEqual([cases[1]!.stageId]);
  expect(row(0).letters).toEqual([{ kind: 'acknowledged', channel: 'letter', at: '2026-03-04T10:00:00.000Z' }]);
  expect(row(2).letters).toEqual([]);
  // One page of the list and one bulk read of the histories: nothing per case.
  expect(Object.fromEntries(reads)).toEqual({ listCases: 1, caseHistories: 1 });

  // Scoped like every read: another provider's scope sees none of these histories.
  const theirs = await store.transaction((tx) => tx.caseHistories({ providerId: 'miso', kind: 'provider' }, cases.slice(0, 3).map((c) => c.reference)));
  expect(theirs.size).toBe(0);
}
