import { adrLetterDue, caseClocks, missingAdrLetter, type CaseClockInput, type ClockStateName } from './case-clocks';
import type { CaseStatus } from './case-model';
import { createCalendar } from './clocks';
import type { ProviderProfile } from './profile-schema';

/**
 * The provider's proof (issue 23.7): the complaints register and the compliance report for a period, computed from
 * the same clocks the customer sees (./case-clocks.ts `caseClocks`, `missingAdrLetter`) — nothing here has a rule of
 * its own about deadlines. Pure: the back office gives it the cases, their stage history and their letters log.
 * (docs/decisions/0131-register-and-compliance-report.md)
 */

export interface ComplianceCase extends CaseClockInput {
  reference: string;
  status: CaseStatus;
  referral: { schemeId: string; referredAt: string } | null;
  receivedBy: 'portal' | 'phone' | 'letter' | 'email';
  category: string;
  customerKind: string;
  supportNeeds: boolean;
  /** The stages the case entered, in order, with when (its submission, then each move: timeline events). */
  stageHistory: readonly { stageId: string; at: string }[];
  /** The letters log (case_messages): every letter and message sent about the case, with its channel and date. */
  messages: readonly { kind: string; channel: string; at: string }[];
}

export interface RegisterClock {
  stageId: string;
  clockId: string;
  dueAt: string | null;
  metAt: string | null;
  state: ClockStateName;
  /** Hours from the stage's start to when the clock was met (met or met late). */
  hoursToMeet: number | null;
}

export interface RegisterRow {
  reference: string;
  received: string;
  channel: ComplianceCase['receivedBy'];
  category: string;
  customerKind: string;
  supportNeeds: boolean;
  stages: string[];
  clocks: RegisterClock[];
  letters: { kind: string; channel: string; at: string }[];
  referral: ComplianceCase['referral'];
  outcome: CaseStatus;
}

const HOUR = 3_600_000;

/**
 * Every clock of every stage the case has been in, as the customer's page showed it when the stage ended (or now,
 * for the stage it is in): a stage left before a clock was met leaves that clock missed ('overdue') or, when left
 * before it fell due, not owed ('due' at the end of the stage, which the report does not count).
 */
export function clocksOfCase(profile: ProviderProfile, c: ComplianceCase, now: Date): RegisterClock[] {
  const visits = c.stageHistory.length ? c.stageHistory : [{ stageId: c.stageId, at: String(c.stageStartedAt) }];
  const out: RegisterClock[] = [];
  visits.forEach((visit, i) => {
    const last = i === visits.length - 1;
    const start = last ? String(c.stageStartedAt) : visit.at;
    const end = last ? now : new Date(visits[i + 1]!.at);
    for (const s of caseClocks(profile, { ...c, stageId: visit.stageId, stageStartedAt: start }, end)) {
      out.push({
        stageId: s.stageId,
        clockId: s.clockId,
        dueAt: s.dueAt ? s.dueAt.toISOString() : null,
        metAt: s.metAt ? s.metAt.toISOString() : null,
        state: s.state,
        hoursToMeet: s.metAt ? (s.metAt.getTime() - Date.parse(start)) / HOUR : null,
      });
    }
  });
  return out;
}

/** One line of the register per case, oldest first. */
export function registerRows(profile: ProviderProfile, cases: readonly ComplianceCase[], now: Date): RegisterRow[] {
  return [...cases]
    .sort((a, b) => Date.parse(String(a.firstComplainedAt)) - Date.parse(String(b.firstComplainedAt)) || a.reference.localeCompare(b.reference))
    .map((c) => ({
      reference: c.reference,
      received: new Date(c.firstComplainedAt).toISOString(),
      channel: c.receivedBy,
      category: c.category,
      customerKind: c.customerKind,
      supportNeeds: c.supportNeeds,
      stages: (c.stageHistory.length ? c.stageHistory : [{ stageId: c.stageId }]).map((s) => s.stageId),
      clocks: clocksOfCase(profile, c, now),
      letters: [
        ...c.letters.map((l) => ({ kind: l.kind === 'deadlock' ? 'deadlockLetter' : 'adrLetter', channel: 'letter', at: new Date(l.issuedAt).toISOString() })),
        ...c.messages.map((m) => ({ kind: m.kind, channel: m.channel, at: m.at })),
      ].sort((a, b) => a.at.localeCompare(b.at)),
      referral: c.referral,
      outcome: c.status,
    }));
}

// ---------- the compliance report ----------

export interface ClockCompliance {
  stageId: string;
  clockId: string;
  /** Clocks that fell due or were met: met on time + met late + missed. */
  counted: number;
  metOnTime: number;
  metLate: number;
  missed: number;
  /** metOnTime / counted, 0..1; null when nothing counted. */
  share: number | null;
  /** Hours from the stage's start to meeting the clock (met on time or late): median and 90th percentile. */
  medianHours: number | null;
  p90Hours: number | null;
}

export interface ComplianceReport {
  from: string;
  to: string;
  cases: number;
  clocks: ClockCompliance[];
  adrLetters: { onTime: number; late: number; missing: number };
  referrals: { schemeId: string; count: number }[];
}

/** The median of sorted values: the middle one, or the mean of the middle two. */
export function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The nearest-rank percentile of sorted values: the smallest value with at least p% of values at or below it. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * The compliance report for complaints received in [from, to): per stage and clock, the share met on time and the
 * median and 90th percentile time to meet it; ADR letters (the first deadlock or ADR letter) on time or late — late
 * when issued after the day it fell due (`adrLetterDue`) — and cases past the ADR point with none now (`missingAdrLetter`);
 * referrals by scheme. Abuse reports are not complaints and are left out.
 */
export function complianceReport(profile: ProviderProfile, cases: readonly ComplianceCase[], from: Date, to: Date, now: Date): ComplianceReport {
  const inPeriod = cases.filter((c) => {
    const t = Date.parse(String(c.firstComplainedAt));
    return c.kind === 'complaint' && t >= from.getTime() && t < to.getTime();
  });
  const byClock = new Map<string, { stageId: string; clockId: string; met: number; late: number; missed: number; hours: number[] }>();
  // In the procedure's own order: stages, then clocks within each.
  for (const stage of profile.stages) for (const clock of stage.clocks) byClock.set(`${stage.id}/${clock.id}`, { stageId: stage.id, clockId: clock.id, met: 0, late: 0, missed: 0, hours: [] });
  const adr = { onTime: 0, late: 0, missing: 0 };
  const calendar = createCalendar(profile);
  const referrals = new Map<string, number>();
  for (const c of inPeriod) {
    for (const k of clocksOfCase(profile, c, now)) {
      const entry = byClock.get(`${k.stageId}/${k.clockId}`);
      if (!entry) continue;
      if (k.state === 'met') entry.met++;
      else if (k.state === 'metLate') entry.late++;
      else if (k.state === 'overdue') entry.missed++;
      if (k.hoursToMeet !== null) entry.hours.push(k.hoursToMeet);
    }
    const letter = c.letters.filter((l) => l.kind === 'deadlock' || l.kind === 'adr').sort((a, b) => Date.parse(String(a.issuedAt)) - Date.parse(String(b.issuedAt)))[0];
    if (letter) {
      // On time: issued on or before the day it fell due, in the provider's time zone (it may not go out earlier
      // than the wait allows, so the day itself is the window).
      const due = adrLetterDue(c, profile);
      if (due && calendar.localDay(new Date(letter.issuedAt)) > calendar.localDay(due)) adr.late++;
      else adr.onTime++;
    } else if (missingAdrLetter(c, now, profile)) adr.missing++;
    if (c.referral) referrals.set(c.referral.schemeId, (referrals.get(c.referral.schemeId) ?? 0) + 1);
  }
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    cases: inPeriod.length,
    clocks: [...byClock.values()].map((e) => {
      const counted = e.met + e.late + e.missed;
      const hours = [...e.hours].sort((a, b) => a - b);
      return { stageId: e.stageId, clockId: e.clockId, counted, metOnTime: e.met, metLate: e.late, missed: e.missed, share: counted ? e.met / counted : null, medianHours: median(hours), p90Hours: percentile(hours, 90) };
    }),
    adrLetters: adr,
    referrals: [...referrals].map(([schemeId, count]) => ({ schemeId, count })).sort((a, b) => a.schemeId.localeCompare(b.schemeId)),
  };
}

// ---------- CSV ----------

/**
 * One CSV cell: a text a spreadsheet would read as a formula (starting with =, +, -, @, tab or carriage return) is
 * prefixed with an apostrophe; a cell with a comma, quote, line break or edge space is quoted, quotes doubled.
 */
export function csvCell(value: string | number | boolean | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV file (RFC 4180, CRLF) with a UTF-8 byte-order mark, so Excel reads its accents and emoji as written. */
export function toCsv(rows: readonly (readonly (string | number | boolean | null)[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
