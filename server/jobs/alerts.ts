import { deliverAlert, runStaffAlerts, type AlertDeliveryDeps, type AlertsReport } from '@/core/alerts';
import type { BackOfficeStore } from '@/core/ports';
import type { ProviderId } from '@/domain/profile-schema';
import type { PgStoreHooks } from '../store/pg-store';
import type { Jobs } from './jobs';

/**
 * Alerts to staff on the server (src/core/alerts.ts; docs/decisions/0133, 0134): pg-boss's hourly cron
 * (`staff-alerts`, STAFF_ALERTS_CRON, a singleton) records the alerts due on the back office's clock in one
 * transaction; each alert recorded there gets a `deliver-staff-alert` job enqueued with the same COMMIT, and that
 * job sends its mail through the core's `deliverAlert` — outside the run's transaction. A refused send throws and
 * pg-boss retries it with backoff; on the last try the alert is marked failed.
 */

export function alertScheduling(jobs: Pick<Jobs, 'scheduleAlertMail'>): PgStoreHooks {
  return {
    async afterAlert(tx, alert) {
      await jobs.scheduleAlertMail(alert.key, { db: tx.jobConnection() });
    },
  };
}

export class AlertNotSent extends Error {
  constructor(readonly key: string) {
    super(`alert ${key} not sent; it will be tried again`);
  }
}

export interface StaffAlertJobs {
  /** The back office's clock (the demo's, when it is set). */
  now: () => Date;
  /** The portal's address, for the links. */
  origin: string;
  onRun?: (report: AlertsReport) => void;
}

/** Registers the hourly run and the delivery of each alert's mail. */
export async function startStaffAlerts(jobs: Pick<Jobs, 'onStaffAlerts' | 'onAlertMail'>, deps: AlertDeliveryDeps & { store: BackOfficeStore }, providerId: ProviderId, options: StaffAlertJobs): Promise<void> {
  await jobs.onStaffAlerts(async () => {
    const report = await runStaffAlerts(deps, providerId, options.now(), options.origin);
    options.onRun?.(report);
  });
  await jobs.onAlertMail(async ({ key }, { final }) => {
    const outcome = await deliverAlert(deps, providerId, key, { final });
    if (outcome === 'retry') throw new AlertNotSent(key);
  });
}
