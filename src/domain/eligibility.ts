import type { ComplaintCategory, CustomerKind } from './case-model';
import type { Instant } from './case-clocks';
import { createCalendar } from './clocks';
import type { ProviderProfile } from './profile-schema';
import { getScheme, subjectRedirects, type AdrScheme, type ExcludedSubject } from './schemes';

/**
 * ADR eligibility (Ofcom General Condition C4, DESIGN.md; docs/decisions/0004-adr-eligibility.md).
 * Days are the provider's local calendar days (profile.timeZone).
 */

export interface EligibilityCase {
  firstComplainedAt: Instant;
  letters: readonly { kind: 'deadlock' | 'adr8Weeks'; issuedAt: Instant }[];
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
  | 'claimTooLarge'
  | 'tooLate'
  | 'alreadyReferred'
  /** The scheme takes complaints only after the provider's final response (Independent Assessor). */
  | 'awaitingFinalResponse';

export type LargeCustomerRoute = NonNullable<ProviderProfile['largeCustomerRoute']>[number];

export type Eligibility =
  | {
      status: 'eligible';
      scheme: AdrScheme;
      /** Why: a deadlock / ADR letter was issued, or 8 weeks have passed since the first complaint. */
      basis: 'letter' | 'eightWeeks';
      /** Last instant to apply (end of the last day, provider's time zone); absent without a letter or time limit. */
      deadline?: Date;
      /** The last day to apply as a local calendar date 'YYYY-MM-DD' (format this, not `deadline`, for display). */
      deadlineDay?: string;
    }
  | {
      status: 'eligibleFrom';
      scheme: AdrScheme;
      /** Start (00:00, provider's time zone) of the first day on which the customer may refer. */
      from: Date;
      /** That day as 'YYYY-MM-DD'. */
      fromDay: string;
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
      /** claimTooLarge: the scheme's cap. */
      claimCapPence?: number;
      /** tooLate: the last day it was possible ('YYYY-MM-DD'). */
      deadlineDay?: string;
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
  const rules = scheme.eligibility;
  const no = (reason: NotEligibleReason, extra: Omit<Extract<Eligibility, { status: 'notEligible' }>, 'status' | 'scheme' | 'reason'> = {}): Eligibility => ({
    status: 'notEligible',
    scheme,
    reason,
    ...extra,
  });
  const route = () => ((profile.largeCustomerRoute ?? []).length > 0 ? { route: [...(profile.largeCustomerRoute ?? [])] } : {});

  if (c.referral) return no('alreadyReferred');

  if (rules.maxEmployees !== null) {
    if (c.aboutYou.customerKind === 'largeOrganisation') return no('largeOrganisation', route());
    if (c.aboutYou.customerKind === 'business' && (c.aboutYou.employees ?? 0) > rules.maxEmployees) return no('tooManyEmployees', route());
  }

  const subject = categorySubjects[c.complaint.category];
  if (subject && rules.excludedSubjects.includes(subject)) {
    const redirect = subjectRedirects[subject];
    return no('excludedSubject', redirect ? { subject, redirect } : { subject });
  }

  if (rules.claimCapPence !== null && (c.complaint.compensationPence ?? 0) > rules.claimCapPence) {
    return no('claimTooLarge', { claimCapPence: rules.claimCapPence });
  }

  const cal = createCalendar(profile);
  // The latest deadlock / ADR letter issued so far starts the time limit.
  let letterAt: Date | undefined;
  for (const l of c.letters) {
    const t = toDate(l.issuedAt);
    if (t.getTime() <= now.getTime() && (!letterAt || t > letterAt)) letterAt = t;
  }

  if (letterAt) {
    if (rules.monthsToApply === null) return { status: 'eligible', scheme, basis: 'letter' };
    const deadlineDay = addMonthsToDay(cal.localDay(letterAt), rules.monthsToApply);
    // Eligible through the whole of the same calendar date 12 months later; refused from the next day.
    const refusedFrom = cal.atLocal(nextDay(deadlineDay));
    if (now.getTime() >= refusedFrom.getTime()) return no('tooLate', { deadlineDay });
    return { status: 'eligible', scheme, basis: 'letter', deadline: new Date(refusedFrom.getTime() - 1), deadlineDay };
  }

  if (rules.weeksBeforeEligible === null) return no('awaitingFinalResponse');

  // Eligible from the start of the local day 8 weeks (56 calendar days) after the day of the first complaint.
  const fromDay = cal.localDay(cal.addCalendarDays(toDate(c.firstComplainedAt), rules.weeksBeforeEligible * 7));
  const from = cal.atLocal(fromDay);
  if (now.getTime() >= from.getTime()) return { status: 'eligible', scheme, basis: 'eightWeeks' };
  return { status: 'eligibleFrom', scheme, from, fromDay };
}

function nextDay(day: string): string {
  const t = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)) + 1);
  return new Date(t).toISOString().slice(0, 10);
}
