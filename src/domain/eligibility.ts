import type { CaseStatus, ComplaintCategory, CustomerKind } from './case-model';
import type { Instant } from './case-clocks';
import { createCalendar } from './clocks';
import type { ProviderProfile } from './profile-schema';
import { adrWait } from './adr-rules';
import { getScheme, schemeRulesOn, subjectRedirects, type AdrScheme, type ExcludedSubject } from './schemes';

/**
 * ADR eligibility (Ofcom General Condition C4; docs/decisions/0004-adr-eligibility.md).
 * Days are the provider's local calendar days (profile.timeZone).
 */

export interface EligibilityCase {
  /** The case's current stage: the Independent Assessor needs the final stage's final response. */
  stageId: string;
  /** A resolved complaint (the customer accepted the resolution) is not one to refer. */
  status: CaseStatus;
  firstComplainedAt: Instant;
  letters: readonly { kind: 'deadlock' | 'adr'; issuedAt: Instant }[];
  aboutYou: { customerKind: CustomerKind; employees?: number | undefined };
  complaint: { category: ComplaintCategory; compensationPence?: number | undefined };
  referral: { schemeId: string; referredAt: Instant } | null;
}

export interface EligibilityInput {
  profile: ProviderProfile;
  case: EligibilityCase;
  now: Date;
}

export type NotEligibleReason =
  | 'largeOrganisation'
  | 'tooManyEmployees'
  | 'excludedSubject'
  | 'tooLate'
  /** The customer accepted the provider's resolution: the complaint is resolved. */
  | 'resolved'
  | 'alreadyReferred'
  /** The scheme takes complaints only after the provider's final response (Independent Assessor). */
  | 'awaitingFinalResponse';

export type LargeCustomerRoute = NonNullable<ProviderProfile['largeCustomerRoute']>[number];

export type Eligibility =
  | {
      status: 'eligible';
      scheme: AdrScheme;
      /** Why: a deadlock letter (final response) was issued, or the wait has passed since the first complaint. */
      basis: 'letter' | 'wait';
      /** basis 'wait': the weeks of the rule that applied to this complaint. */
      weeks?: number;
      /** Last instant to apply (end of the last day, provider's time zone); absent without a letter or time limit. */
      deadline?: Date;
      /** The last day to apply as a local calendar date 'YYYY-MM-DD' (format this, not `deadline`, for display). */
      deadlineDay?: string;
      /** The compensation asked for is above what the scheme can award (a warning: the claim can still be referred). */
      awardCapPence?: number;
    }
  | {
      status: 'eligibleFrom';
      scheme: AdrScheme;
      /** Start (00:00, provider's time zone) of the first day on which the customer may refer. */
      from: Date;
      /** That day as 'YYYY-MM-DD'. */
      fromDay: string;
      /** The weeks of the rule that applies to this complaint. */
      weeks: number;
      awardCapPence?: number;
    }
  | {
      status: 'notEligible';
      scheme: AdrScheme;
      reason: NotEligibleReason;
      /** largeOrganisation / tooManyEmployees: where the provider sends larger customers instead. */
      route?: LargeCustomerRoute[];
      /** excludedSubject: the body that deals with it instead (data protection → ICO). */
      redirect?: 'ico';
      subject?: ExcludedSubject;
      /** tooLate: the last day it was possible ('YYYY-MM-DD'). */
      deadlineDay?: string;
      /** tooLate: the time limit in months. */
      months?: number;
      /** tooManyEmployees: the most employees a business may have. */
      maxEmployees?: number;
    };

/** Complaint categories that fall under a subject the ADR schemes exclude. */
export const categorySubjects: Partial<Record<ComplaintCategory, ExcludedSubject>> = { personalData: 'dataProtection' };

const toDate = (v: Instant): Date => (typeof v === 'string' ? new Date(v) : v);

/** 'YYYY-MM-DD' + n months; the day is clamped to the month's length (29 Feb + 12 months → 28 Feb). */
export function addMonthsToDay(day: string, months: number): string {
  const y = Number(day.slice(0, 4));
  const m0 = Number(day.slice(5, 7)) - 1 + months;
  const d = Number(day.slice(8, 10));
  const ty = y + Math.floor(m0 / 12);
  const tm = ((m0 % 12) + 12) % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return new Date(Date.UTC(ty, tm, Math.min(d, last))).toISOString().slice(0, 10);
}

export function adrEligibility({ profile, case: c, now }: EligibilityInput): Eligibility {
  const scheme = getScheme(profile.adr.schemeId);
  const cal = createCalendar(profile);
  // Who may use the scheme, its cap and exclusions: the rules in force today.
  const rules = schemeRulesOn(scheme, cal.localDay(now));
  const no = (reason: NotEligibleReason, extra: Omit<Extract<Eligibility, { status: 'notEligible' }>, 'status' | 'scheme' | 'reason'> = {}): Eligibility => ({
    status: 'notEligible',
    scheme,
    reason,
    ...extra,
  });
  const route = () => ((profile.largeCustomerRoute ?? []).length > 0 ? { route: [...(profile.largeCustomerRoute ?? [])] } : {});

  if (c.referral) return no('alreadyReferred');
  if (c.status === 'resolved') return no('resolved');

  if (rules.maxEmployees !== null) {
    if (c.aboutYou.customerKind === 'largeOrganisation') return no('largeOrganisation', route());
    if (c.aboutYou.customerKind === 'business' && (c.aboutYou.employees ?? 0) > rules.maxEmployees) return no('tooManyEmployees', { ...route(), maxEmployees: rules.maxEmployees });
  }

  const subject = categorySubjects[c.complaint.category];
  if (subject && rules.excludedSubjects.includes(subject)) {
    const redirect = subjectRedirects[subject];
    return no('excludedSubject', redirect ? { subject, redirect } : { subject });
  }

  // £10,000 is what the scheme can award, not a limit on what may be claimed: warn, never refuse.
  const cap = rules.claimCapPence !== null && (c.complaint.compensationPence ?? 0) > rules.claimCapPence ? { awardCapPence: rules.claimCapPence } : {};

  // The latest deadlock letter issued so far (the provider's notice that it cannot resolve the complaint) starts
  // the time limit. An ADR letter sent because the wait has passed starts none.
  let letterAt: Date | undefined;
  for (const l of c.letters) {
    if (l.kind !== 'deadlock') continue;
    const t = toDate(l.issuedAt);
    if (t.getTime() <= now.getTime() && (!letterAt || t > letterAt)) letterAt = t;
  }

  const wait = adrWait(toDate(c.firstComplainedAt), scheme.rules, profile);

  if (!wait) {
    // A scheme without a wait (the Independent Assessor) is reached only after the final stage's final response.
    const atFinalStage = profile.stages.find((s) => s.id === c.stageId)?.final === true;
    if (!letterAt || !atFinalStage) return no('awaitingFinalResponse');
  }

  if (letterAt) {
    // The limit that applied on the day of the letter (an older letter keeps its rule).
    const limit = schemeRulesOn(scheme, cal.localDay(letterAt)).timeLimit;
    if (!limit) return { status: 'eligible', scheme, basis: 'letter', ...cap };
    const deadlineDay = addMonthsToDay(cal.localDay(letterAt), limit.months);
    // Eligible through the whole of the same calendar date N months later; refused from the next day.
    const refusedFrom = cal.atLocal(nextDay(deadlineDay));
    if (now.getTime() >= refusedFrom.getTime()) return no('tooLate', { deadlineDay, months: limit.months });
    return { status: 'eligible', scheme, basis: 'letter', deadline: new Date(refusedFrom.getTime() - 1), deadlineDay, ...cap };
  }

  if (!wait) return no('awaitingFinalResponse');
  // Eligible from the start of the local day on which the wait in force has passed; no time limit runs without a deadlock letter.
  if (now.getTime() >= wait.eligibleFrom.getTime()) return { status: 'eligible', scheme, basis: 'wait', weeks: wait.weeks, ...cap };
  return { status: 'eligibleFrom', scheme, from: wait.eligibleFrom, fromDay: wait.eligibleFromDay, weeks: wait.weeks, ...cap };
}

function nextDay(day: string): string {
  const t = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)) + 1);
  return new Date(t).toISOString().slice(0, 10);
}
