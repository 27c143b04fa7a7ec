import type { BackOfficeStore } from '@/core/ports';
import { nextCheckAt, runCaseCheck } from '@/core/timed-checks';
import type { ProviderId } from '@/domain/profile-schema';
import { APP_ROLE, type PgStoreHooks } from '../store/pg-store';
import { asServer, caseByReference, kyselyJobConnection } from '../store/pg-provider';
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
      const c = await caseByReference(tx.trx, reference);
      if (!c) return;
      const at = nextCheckAt(c, [...(await tx.timeline(reference)), ...events]);
      if (!at) return;
      await asServer(tx.trx, APP_ROLE, () => jobs.scheduleCaseCheck(reference, at, { db: kyselyJobConnection(tx.trx) }));
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
