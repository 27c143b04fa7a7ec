import { createCalendar, type CalendarProfile } from './clocks';

/**
 * The regulator's and the schemes' rules as dated, sourced data, and the one function that says which wait
 * applies to a complaint (docs/decisions/0060-dated-adr-rules.md).
 *
 * A rule set is in force from the start (00:00 in the provider's time zone) of its `effectiveFrom` day until the
 * next set's `effectiveFrom`. `effectiveFrom: null` is the rule in force before any dated change we record.
 */

/** Where a rule comes from. `verbatim` is false when `quote` restates a third-party document in our words. */
export interface RuleSource {
  document: string;
  url?: string;
  quote: string;
  verbatim: boolean;
}

/** What the time limit runs from. Only the provider's notice that it cannot resolve the complaint starts it. */
export type TimeLimitStart = 'deadlockLetter';

export interface SchemeRuleSet {
  /** 'YYYY-MM-DD' (provider's local day) from which this set applies; null = before any recorded change. */
  effectiveFrom: string | null;
  /** Weeks after the first complaint after which the customer may go to the scheme without a deadlock letter; null = only after the final response. */
  waitWeeks: number | null;
  /** Months within which the customer must apply, and from what; null = no limit published. */
  timeLimit: { months: number; from: TimeLimitStart } | null;
  /** Who may use it; null = anyone who complained. */
  maxEmployees: number | null;
  /** Largest claim it can award, in pence; null = no cap published. */
  claimCapPence: number | null;
  excludedSubjects: readonly string[];
  /** The documents each value comes from. */
  sources: readonly RuleSource[];
}

// Ofcom, news release of its statement of 8 July 2025, "Quicker complaints resolution for telecoms customers".
export const ofcomStatement2025: RuleSource = {
  document: 'Ofcom statement, 8 July 2025: "Quicker complaints resolution for telecoms customers" (rules in force from 8 April 2026)',
  quote:
    'Ofcom reduces the time before a customer can take an unresolved complaint to an approved ADR scheme from eight weeks to six, from 8 April 2026; providers must tell customers of that right when the wait has passed or the complaint reaches deadlock.',
  verbatim: false,
};

/** The date from which the 2025 statement applies (provider's local day, Europe/London). */
export const SIX_WEEK_RULE_FROM = '2026-04-08';

/** The ruleset in force on a local day ('YYYY-MM-DD'); rule sets must be ordered by `effectiveFrom`. */
export function ruleSetOn<R extends { effectiveFrom: string | null }>(sets: readonly R[], day: string): R {
  let found: R | undefined;
  for (const s of sets) if (s.effectiveFrom === null || s.effectiveFrom <= day) found = s;
  if (!found) throw new Error(`No rule in force on ${day}`);
  return found;
}

export interface AdrWait {
  /** The wait that applies to this complaint (the wait in force on the day it is reached). */
  weeks: number;
  /** The rule set that applies. */
  rule: SchemeRuleSet;
  /** When the provider owes the ADR letter unprompted (same local time as the first complaint, or 00:00 on the day a shorter wait takes effect). */
  letterDueAt: Date;
  /** Start (00:00 local) of the first day on which the customer may go to the scheme without a deadlock letter. */
  eligibleFrom: Date;
  /** That day as 'YYYY-MM-DD'. */
  eligibleFromDay: string;
}

/**
 * The wait in force on a day applies on that day: the complaint becomes eligible at the first instant T at which
 * T ≥ first complaint + (wait in force at T). For each rule set that is the later of (first complaint + its wait)
 * and its start, provided that falls before the next set starts; the earliest such instant wins. With the 2026
 * change this is the earlier of (first complaint + 8 weeks) and the later of (first complaint + 6 weeks, 8 April 2026).
 * Returns null when the scheme has no wait (it is reached only after a final response).
 */
export function adrWait(firstComplainedAt: Date | string, sets: readonly SchemeRuleSet[], profile: CalendarProfile): AdrWait | null {
  const cal = createCalendar(profile);
  const first = typeof firstComplainedAt === 'string' ? new Date(firstComplainedAt) : firstComplainedAt;
  let best: { at: Date; rule: SchemeRuleSet; weeks: number } | undefined;
  sets.forEach((rule, i) => {
    if (rule.waitWeeks === null) return;
    const start = rule.effectiveFrom === null ? null : cal.atLocal(rule.effectiveFrom);
    const nextFrom = sets[i + 1]?.effectiveFrom;
    const end = nextFrom ? cal.atLocal(nextFrom) : null;
    const afterWait = cal.addWeeks(first, rule.waitWeeks);
    const at = start && start > afterWait ? start : afterWait;
    if (end && at >= end) return;
    if (!best || at < best.at) best = { at, rule, weeks: rule.waitWeeks };
  });
  if (!best) return null;
  const eligibleFromDay = cal.localDay(best.at);
  return { weeks: best.weeks, rule: best.rule, letterDueAt: best.at, eligibleFrom: cal.atLocal(eligibleFromDay), eligibleFromDay };
}
