import enProviders from '@locales/en/providers.json';
import itProviders from '@locales/it/providers.json';
import type { MailLanguage, StaffMember } from '@/api/schemas';
import { clocksToAlert, summaryDayAt } from '@/domain/alerts';
import { caseClocks, missingAdrLetter } from '@/domain/case-clocks';
import type { ProviderId, ProviderProfile } from '@/domain/profile-schema';
import { getProfile } from '@/domain/profiles';
import { composeMail, fillText, mailWords } from './mail';
import { sendOnce, type DeliveryOutcome } from './notifications';
import type { BackOfficeStore, BackOfficeTx, Mailer, StoredAlert, StoredCase, TimeSource } from './ports';
import { adrLetterStillDue } from './staff-queue';
import { dateTimeFormat } from '@/domain/date-format';

/**
 * Alerts to the provider's staff (issue 23.6, docs/decisions/0133-staff-alerts.md, 0134). An agent is mailed, in
 * their language, the working day before a clock of a case assigned to them falls due (src/domain/alerts.ts says
 * when); each manager gets a summary of the clocks overdue and the ADR letters due, once a working day. Each alert is
 * recorded under its own key (the case, the clock and its due date; the manager and the day), with its mail, in the
 * unit of work that decides it is due — the store's unique key makes it once, across runs, restarts and instances —
 * and its mail leaves after that unit of work has committed (`deliverAlert`: the server's job, or the simulated back
 * office right after the run), never inside it: a slow mail server holds no lock, and a unit of work undone sends
 * nothing. The server runs this as a job (server/jobs), the simulated back office when the demo's clock moves; both
 * call this.
 */

export interface AlertsReport {
  agentAlerts: number;
  summaries: number;
}

const clockNames: Record<MailLanguage, Record<string, { clocks?: Record<string, string> }>> = {
  en: enProviders as unknown as Record<string, { clocks?: Record<string, string> }>,
  it: itProviders as unknown as Record<string, { clocks?: Record<string, string> }>,
};

const clockName = (lng: MailLanguage, providerId: ProviderId, clockId: string) => clockNames[lng][providerId]?.clocks?.[clockId] ?? clockId;

function dateText(lng: MailLanguage, profile: ProviderProfile, at: Date): string {
  return dateTimeFormat(lng === 'it' ? 'it-IT' : 'en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: profile.timeZone }).format(at);
}

function dayText(lng: MailLanguage, day: string): string {
  return dateTimeFormat(lng === 'it' ? 'it-IT' : 'en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}

/** What the manager's summary lists: every overdue clock of an open case, and every ADR letter owed and not sent. */
export function summaryOf(profile: ProviderProfile, open: readonly StoredCase[], now: Date) {
  const overdue = open.flatMap((c) => caseClocks(profile, c, now).filter((s) => s.state === 'overdue' && s.dueAt).map((s) => ({ c, clockId: s.clockId, dueAt: s.dueAt! })));
  const adr = open.filter((c) => missingAdrLetter(c, now, profile)).map((c) => ({ c, dueAt: adrLetterStillDue(c, profile)! }));
  return { overdue, adr };
}

/** Records the alert with its mail, pending; false when its key was recorded before (nothing to send). */
const record = (tx: BackOfficeTx, providerId: ProviderId, key: string, reference: string | null, now: Date, mail: ReturnType<typeof composeMail>) =>
  tx.recordAlert({ providerId, key, reference, at: now.toISOString(), mail, status: 'pending', attempts: 0, lastError: null });

/**
 * Records every alert due at `now` (the back office's clock) that was not recorded before, each with its mail, in
 * one unit of work; nothing is sent here (`deliverAlert` sends after commit). `origin` is the portal's address for
 * the links.
 */
export async function runStaffAlerts(deps: { store: BackOfficeStore }, providerId: ProviderId, now: Date, origin: string): Promise<AlertsReport> {
  const profile = getProfile(providerId);
  return deps.store.transaction(async (tx) => {
    tx.actFor({ providerId, kind: 'provider' });
    const staff = (await tx.staffMembers(providerId)).filter((s) => s.removedAt === null);
    const byId = new Map(staff.map((s) => [s.id, s]));
    const open = (await tx.openCases({ providerId, kind: 'provider' })).filter((c) => !c.referral);
    const report: AlertsReport = { agentAlerts: 0, summaries: 0 };

    for (const c of open) {
      const agent = c.assigneeId ? byId.get(c.assigneeId) : undefined;
      if (!agent) continue;
      for (const clock of clocksToAlert(profile, c, now)) {
        const dueAt = clock.dueAt!;
        const key = `clock|${c.reference}|${clock.stageId}|${clock.clockId}|${dueAt.toISOString()}`;
        const recorded = await record(
          tx,
          providerId,
          key,
          c.reference,
          now,
          composeMail(
            'staffClockAlert',
            { providerId, address: agent.email, lng: agent.lng },
            {
              name: agent.name,
              reference: c.reference,
              customer: c.aboutYou.organisation ? `${c.aboutYou.name} (${c.aboutYou.organisation})` : c.aboutYou.name,
              clock: clockName(agent.lng, providerId, clock.clockId),
              due: dateText(agent.lng, profile, dueAt),
              provider: profile.name,
              link: `${origin}/staff/cases/${encodeURIComponent(c.reference)}?lng=${agent.lng}`,
            },
          ),
        );
        if (recorded) report.agentAlerts += 1;
      }
    }

    const day = summaryDayAt(profile, now);
    if (!day) return report;
    const { overdue, adr } = summaryOf(profile, open, now);
    if (overdue.length === 0 && adr.length === 0) return report;
    const managers = staff.filter((s) => s.role === 'manager');
    for (const manager of managers) {
      if (await record(tx, providerId, `summary|${day}|${manager.id}`, null, now, summaryMail(profile, manager, day, overdue, adr, byId, origin))) report.summaries += 1;
    }
    return report;
  });
}

function summaryMail(
  profile: ProviderProfile,
  manager: StaffMember,
  day: string,
  overdue: ReturnType<typeof summaryOf>['overdue'],
  adr: ReturnType<typeof summaryOf>['adr'],
  byId: ReadonlyMap<string, StaffMember>,
  origin: string,
) {
  const lng = manager.lng;
  const words = mailWords(lng).staffSummary;
  const assignee = (c: StoredCase) => (c.assigneeId ? byId.get(c.assigneeId)?.name : undefined) ?? words.unassigned;
  const lines = <T extends { c: StoredCase; dueAt: Date }>(items: readonly T[], line: string, clock: (item: T) => string) =>
    items.length === 0
      ? words.none
      : [...items]
          .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || (a.c.reference < b.c.reference ? -1 : 1))
          .map((item) => fillText(lng, line, { reference: item.c.reference, clock: clock(item), due: dateText(lng, profile, item.dueAt), assignee: assignee(item.c) }))
          .join('\n');
  return composeMail(
    'staffSummary',
    { providerId: profile.id, address: manager.email, lng },
    {
      name: manager.name,
      provider: profile.name,
      day: dayText(lng, day),
      overdue: String(overdue.length),
      adr: String(adr.length),
      overdueList: lines(overdue, words.overdueLine, (o) => clockName(lng, profile.id, o.clockId)),
      adrList: lines(adr, words.adrLine, () => ''),
      link: `${origin}/staff?filter=overdue&lng=${lng}`,
    },
  );
}

// ---------- sending, after commit ----------

export interface AlertDeliveryDeps {
  store: BackOfficeStore;
  mailer: Mailer;
  /** The real clock (the mail's sent time). */
  realTime?: TimeSource;
}

/**
 * Sends one recorded alert, exactly once, as a message to a customer is sent (./notifications.ts `deliverMessage`):
 * locked (`claimAlert`) in a unit of work that sends its mail and marks it sent — a second instance or a repeated
 * job finds it sent (or locked) and does nothing. When the mail server refuses, the unit of work is undone and the
 * try is counted (its error class only); `final` (or MESSAGE_TRIES tries) marks it failed. The mail's id (its
 * Message-ID) is the one recorded, the same on every try. A crash between the mail server's acceptance and the
 * commit sends it again, as the same mail (docs/mail-delivery.md).
 */
export async function deliverAlert(deps: AlertDeliveryDeps, providerId: ProviderId, key: string, opts: { final: boolean }): Promise<DeliveryOutcome> {
  const now = deps.realTime?.now() ?? new Date();
  return sendOnce(deps.store, opts, {
    claim: (tx) => tx.claimAlert(providerId, key),
    send: async (tx, a) => {
      await (deps.mailer.deliver ?? deps.mailer.send).call(deps.mailer, { ...a.mail, sentAt: now.toISOString() }, tx);
      await tx.updateAlert({ ...a, status: 'sent' });
      return 'sent';
    },
    countTry: (tx, a: StoredAlert, tried) => tx.updateAlert({ ...a, ...tried }),
  });
}

/** Sends every pending alert of the provider (the simulated back office and the demo, right after a run). */
export async function deliverPendingAlerts(deps: AlertDeliveryDeps, providerId: ProviderId): Promise<void> {
  const keys = await deps.store.transaction((tx) => tx.pendingAlertKeys(providerId, 500));
  for (const key of keys) await deliverAlert(deps, providerId, key, { final: false });
}
