import type { TimelineEvent } from '@/api/schemas';
import type { ProviderId } from '@/domain/profile-schema';
import type { BackOfficeDeps, PruneCounts, PruneCutoffs, StoredCase, StoredMessage } from './ports';

export type { PruneCounts, PruneCutoffs } from './ports';

/**
 * What the back office keeps, and for how long (issue 20.15; docs/security.md, decision 0112). Everything a
 * request leaves behind that is not the case itself goes within days; a closed case is kept whole for
 * CASE_RETENTION (default 6 years: the limitation period for a claim in contract in England and Wales,
 * Limitation Act 1980 s.5, during which the provider may need the record to answer a claim), then its
 * personal data is erased and what remains is kept for statistics (provider, stage, status, category, dates,
 * which clocks were met, letters' kinds, the referral's scheme).
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const RETENTION = {
  /** Sessions: once past their idle timeout (30 min) or absolute lifetime (12 h) they are useless; removed then. */
  sessionIdleMs: 30 * 60_000,
  sessionMaxMs: 12 * HOUR,
  /** Sign-in codes: removed an hour after they expire (15 min after they were sent), used or not. */
  signInCodeAfterExpiryMs: HOUR,
  /** Rate-limit windows: removed two days after they began (every window is shorter). */
  rateLimitMs: 2 * DAY,
  /** Idempotency replies (they hold the answer: names, emails, phones): a day, far past any client's retries. */
  idempotencyMs: DAY,
  /** The outbox (mail kept when no SMTP server is configured — development and the demo): a week. */
  outboxMs: 7 * DAY,
  /**
   * Invitations to join an organisation (the invitee's name and address): removed 30 days after they expire,
   * answered or not — long enough for the administrator to see an offer lapse, no longer.
   */
  invitationAfterExpiryMs: 30 * DAY,
  /**
   * A pending upload (on no complaint yet): a day after it was uploaded, on the back office's clock that stamped it
   * (issue 20.4, decision 0102) — its bytes with it. The client cookie that owns it lasts as long.
   */
  pendingUploadMs: DAY,
  /**
   * A file in the file store that no attachment's row names (its row was never written, or was undone): an hour
   * after it was written. An upload writes its bytes a moment before its row, so a younger one may be in flight.
   */
  orphanFileMs: HOUR,
  /**
   * An alert to staff (./alerts.ts; its record, its mail with the agent's address and the customer's name): 30 days
   * after it was recorded, on the back office's clock that recorded it — by then the clock it warned of is long past
   * its due date (an agent is told at most one working day before) and the summary's day long over, so no run can
   * owe it again. An alert about a case goes with the case's personal data when the case is anonymised.
   */
  staffAlertMs: 30 * DAY,
} as const;

export const DEFAULT_CASE_RETENTION_YEARS = 6;

export function pruneCutoffs(now: Date): PruneCutoffs {
  const before = (ms: number) => new Date(now.getTime() - ms);
  return {
    sessionsIdleBefore: before(RETENTION.sessionIdleMs),
    sessionsCreatedBefore: before(RETENTION.sessionMaxMs),
    signInCodesExpiredBefore: before(RETENTION.signInCodeAfterExpiryMs),
    rateLimitsStartedBefore: before(RETENTION.rateLimitMs),
    idempotencyBefore: before(RETENTION.idempotencyMs),
    outboxBefore: before(RETENTION.outboxMs),
    invitationsExpiredBefore: before(RETENTION.invitationAfterExpiryMs),
  };
}

/** The instant before which a closed case (its last change is its closing) is anonymised. */
export function caseRetentionCutoff(now: Date, years: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff;
}

const ERASED = 'Erased';
/** An anonymised case's address: it matches no one, so no guest or customer can reach the case again. */
export const ERASED_EMAIL = 'erased@erased.invalid';

export function isAnonymised(c: StoredCase): boolean {
  return c.aboutYou.email === ERASED_EMAIL;
}

/** The case with every personal datum erased; what is left still counts in statistics and passes the schema. */
export function anonymiseCase(c: StoredCase): StoredCase {
  return {
    ...c,
    customerId: null,
    organisationId: null,
    aboutYou: {
      customerKind: c.aboutYou.customerKind,
      ...(c.aboutYou.employees !== undefined ? { employees: c.aboutYou.employees } : {}),
      name: ERASED,
      email: ERASED_EMAIL,
      phone: '00000000000',
      replyBy: 'email',
    },
    complaint: {
      category: c.complaint.category,
      startedOn: c.complaint.startedOn,
      summary: ERASED,
      whatHappened: ERASED,
      outcomeWanted: ERASED,
      ...(c.complaint.compensationPence !== undefined ? { compensationPence: c.complaint.compensationPence } : {}),
    },
    evidence: { references: [], staff: [], calls: [], emails: [] },
    attachments: [],
    proposedResolution: c.proposedResolution ? { text: ERASED, proposedAt: c.proposedResolution.proposedAt } : null,
    feedback: c.feedback ? { rating: c.feedback.rating, at: c.feedback.at } : null,
  };
}

/** Facts in an event's data that are not personal (stages, letters, schemes, reasons); anything else goes. */
const KEPT_EVENT_DATA = new Set(['toStage', 'fromStage', 'letterId', 'kind', 'schemeId', 'reason', 'clockId', 'status', 'decision', 'rating']);

export function anonymiseEvent(e: TimelineEvent): TimelineEvent {
  const { text: _text, data, ...rest } = e;
  const kept = Object.fromEntries(Object.entries(data ?? {}).filter(([k]) => KEPT_EVENT_DATA.has(k)));
  return { ...rest, ...(Object.keys(kept).length ? { data: kept } : {}) };
}

/** A message sent to the customer, as kept after its case is anonymised: its kind, channel, status and dates. */
export function anonymiseMessage(m: StoredMessage): StoredMessage {
  return { ...m, recipient: ERASED, subject: null, text: null, facts: {}, lastError: null };
}

export interface RetentionReport extends PruneCounts {
  casesAnonymised: number;
  /** The files of the cases anonymised. */
  filesDeleted: number;
  /** Pending uploads removed, row and bytes (issue 20.4). */
  pendingUploads: number;
  /** Files no row named, removed (issue 20.4). */
  orphanFiles: number;
  /** Alerts to staff removed: past RETENTION.staffAlertMs, or about a case anonymised. */
  staffAlerts: number;
}

/**
 * Issue 20.4's sweep: the provider's pending uploads older than RETENTION.pendingUploadMs on the back office's
 * clock (rows, then bytes), then every file of the store older than RETENTION.orphanFileMs on the real clock that
 * no attachment's row names. The file store (folder or bucket) is the database's alone: a file another database's
 * rows name would look orphaned here.
 */
export async function sweepUploads(
  deps: Pick<BackOfficeDeps, 'store' | 'files'>,
  providerId: ProviderId,
  realNow: Date,
  caseNow: Date,
  batch = 100,
): Promise<{ pendingUploads: number; orphanFiles: number }> {
  let pendingUploads = 0;
  const before = new Date(caseNow.getTime() - RETENTION.pendingUploadMs);
  for (;;) {
    const gone = await deps.store.transaction((tx) => tx.deletePendingAttachmentsBefore(providerId, before, batch));
    for (const a of gone) await deps.files.delete(a.storageKey);
    pendingUploads += gone.length;
    if (gone.length < batch) break;
  }
  let orphanFiles = 0;
  let listed: string[] = [];
  const sweep = async () => {
    if (!listed.length) return;
    const inUse = await deps.store.storageKeysInUse(listed);
    for (const key of listed) {
      if (inUse.has(key)) continue;
      await deps.files.delete(key);
      orphanFiles++;
    }
    listed = [];
  };
  for await (const file of deps.files.list(new Date(realNow.getTime() - RETENTION.orphanFileMs))) {
    listed.push(file.key);
    if (listed.length >= 500) await sweep();
  }
  await sweep();
  return { pendingUploads, orphanFiles };
}

/**
 * One pass: prunes what has expired (on the real clock), then the alerts to staff past RETENTION.staffAlertMs, then
 * anonymises closed cases past their retention, their alerts with them (both on the back office's clock — the demo
 * can move it), a batch of `batch` cases per unit of work, then sweeps uploads (sweepUploads). Safe to run on several instances at once: each step is idempotent.
 */
export async function runRetention(
  deps: Pick<BackOfficeDeps, 'store' | 'files'>,
  providerId: ProviderId,
  realNow: Date,
  caseNow: Date,
  caseRetentionYears: number,
  batch = 100,
): Promise<RetentionReport> {
  const counts = await deps.store.prune(pruneCutoffs(realNow));
  const before = caseRetentionCutoff(caseNow, caseRetentionYears);
  let staffAlerts = await deps.store.transaction((tx) => tx.deleteAlerts(providerId, { before: new Date(caseNow.getTime() - RETENTION.staffAlertMs) }));
  let casesAnonymised = 0;
  let filesDeleted = 0;
  for (;;) {
    const storageKeys: string[] = [];
    const done = await deps.store.transaction(async (tx) => {
      const due = await tx.closedCasesBefore(providerId, before, batch);
      if (due.length) staffAlerts += await tx.deleteAlerts(providerId, { references: due.map((c) => c.reference) });
      for (const c of due) {
        for (const a of c.attachments) {
          const stored = await tx.findAttachment(a.id);
          if (stored) {
            storageKeys.push(stored.storageKey);
            await tx.deleteAttachment(a.id);
          }
        }
        await tx.updateCase(anonymiseCase(c));
        await tx.replaceTimeline(c.reference, (await tx.timeline(c.reference)).map(anonymiseEvent));
        for (const m of await tx.caseMessages(c.reference)) await tx.updateMessage(anonymiseMessage(m));
      }
      return due.length;
    });
    // The bytes go once the rows are gone (a file whose row is gone is unreachable; the reverse would be a dead link).
    for (const key of storageKeys) await deps.files.delete(key);
    casesAnonymised += done;
    filesDeleted += storageKeys.length;
    if (done < batch) break;
  }
  return { ...counts, casesAnonymised, filesDeleted, staffAlerts, ...(await sweepUploads(deps, providerId, realNow, caseNow, batch)) };
}
