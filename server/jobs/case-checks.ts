import type { BackOfficeStore } from '@/core/ports';
import { nextCheckAt, runCaseCheck } from '@/core/timed-checks';
import type { ProviderId } from '@/domain/profile-schema';
import type { PgStoreHooks } from '../store/pg-store';
import type { Jobs } from './jobs';

/**
 * Timed case checks (docs/decisions/0091-timed-case-checks.md): whenever a case is written, its next timed
 * check (src/core/timed-checks.ts `nextCheckAt`) is enqueued in the same transaction; the worker runs the
 * check as the provider, records what fell due exactly once, and enqueues the one after. A check's job id is
 * derived from the case and the instant, so writing a case many times enqueues each check once.
 */

export function caseCheckScheduling(jobs: Pick<Jobs, 'scheduleCaseCheck'>): PgStoreHooks {
  return {
    async beforeCaseEvents(tx, reference, events) {
      const known = await tx.caseAndTimelineBefore(reference);
      if (!known) return;
      const at = nextCheckAt(known.c, [...known.timeline, ...events]);
      if (!at) return;
      // Enqueued with the transaction's COMMIT, as the connection's own user (pg-store.ts `PgTx.jobConnection`).
      await jobs.scheduleCaseCheck(reference, at, { db: tx.jobConnection() });
    },
  };
}

/** Registers the worker: each check runs on the real clock and schedules the next one it finds. */
export async function startCaseChecks(jobs: Jobs, store: BackOfficeStore, providerId: ProviderId, now: () => Date = () => new Date()): Promise<void> {
  await jobs.onCaseCheck(async (check) => {
    const next = await runCaseCheck(store, providerId, check.reference, now());
    if (next) await jobs.scheduleCaseCheck(check.reference, next);
  });
}
