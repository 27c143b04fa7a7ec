import { isOpen, openCaseStatuses, type CaseStatus } from './case-model';
import { nextDeadline, type CaseClockInput } from './case-clocks';
import type { ProviderProfile } from './profile-schema';
import { getScheme } from './schemes';

/**
 * Pure helpers for the case list, shared by the UI and the simulated back office.
 * Built for lists of 10,000 cases: one pass to filter, keys computed once to sort, search text cached per item.
 */

/** The fields of a case summary the list helpers read (CaseSummary satisfies it). */
export interface CaseListItem {
  reference: string;
  summary: string;
  status: CaseStatus;
  stageId: string;
  updatedAt: string;
}

export interface CaseFilter {
  /** One status or any of several (e.g. the open ones). */
  status?: CaseStatus | readonly CaseStatus[] | undefined;
  stage?: string | undefined;
  /** Free text: matches the reference, or the beginnings of words of the summary; case- and accent-insensitive. */
  q?: string | undefined;
}

export { isOpen, openCaseStatuses };

/** Lower case, accents removed, anything that is not a letter or digit turned into a single space. */
export function normaliseForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

interface SearchText {
  /** ' word word word' — a leading space so that ' ' + token finds a word start. */
  words: string;
  /** the reference without separators, e.g. 'nas20267kq4m2' */
  ref: string;
}
const searchCache = new WeakMap<object, { reference: string; summary: string; text: SearchText }>();

function searchTextOf(item: CaseListItem): SearchText {
  const hit = searchCache.get(item);
  if (hit && hit.reference === item.reference && hit.summary === item.summary) return hit.text;
  const text = { words: ' ' + normaliseForSearch(item.summary), ref: normaliseForSearch(item.reference).replace(/ /g, '') };
  searchCache.set(item, { reference: item.reference, summary: item.summary, text });
  return text;
}

export function filterCases<T extends CaseListItem>(list: readonly T[], filter: CaseFilter = {}): T[] {
  const { status, stage } = filter;
  const statusSet = status === undefined ? null : typeof status === 'string' ? null : new Set<string>(status);
  const single = typeof status === 'string' ? status : null;
  const q = filter.q ? normaliseForSearch(filter.q) : '';
  const tokens = q ? q.split(' ') : [];
  const compact = q.replace(/ /g, '');
  const out: T[] = [];
  for (const c of list) {
    if (single !== null && c.status !== single) continue;
    if (statusSet !== null && !statusSet.has(c.status)) continue;
    if (stage !== undefined && c.stageId !== stage) continue;
    if (tokens.length > 0) {
      const t = searchTextOf(c);
      if (!t.ref.includes(compact)) {
        let all = true;
        for (const tok of tokens) {
          if (!t.words.includes(' ' + tok) && !t.ref.includes(tok)) {
            all = false;
            break;
          }
        }
        if (!all) continue;
      }
    }
    out.push(c);
  }
  return out;
}

export type CaseSort = 'updated' | 'deadline';

/**
 * A sorted copy. 'updated': most recently updated first. 'deadline': earliest next deadline first, cases with
 * no running clock last; ties by most recently updated. `deadlineOf` is called once per case.
 */
export function sortCases<T extends CaseListItem>(
  list: readonly T[],
  by: CaseSort,
  deadlineOf?: (c: T) => Date | null | undefined,
): T[] {
  const n = list.length;
  const updated = new Float64Array(n);
  const deadline = by === 'deadline' ? new Float64Array(n) : null;
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const c = list[i]!;
    idx[i] = i;
    updated[i] = Date.parse(c.updatedAt);
    if (deadline) deadline[i] = deadlineOf?.(c)?.getTime() ?? Number.POSITIVE_INFINITY;
  }
  idx.sort((a, b) => {
    if (deadline) {
      const d = deadline[a]! - deadline[b]!;
      if (d !== 0 && !Number.isNaN(d)) return d;
    }
    return updated[b]! - updated[a]! || a - b;
  });
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) out[i] = list[idx[i]!]!;
  return out;
}

/** The next deadline of a case (earliest unmet clock of its current stage), memoised per case object for one `now`. */
export function makeDeadlineOf<T extends CaseListItem & CaseClockInput>(profile: ProviderProfile, now: Date): (c: T) => Date | null {
  const memo = new WeakMap<object, Date | null>();
  return (c) => {
    let d = memo.get(c);
    if (d === undefined) {
      d = isOpen(c.status) ? (nextDeadline(profile, c, now)?.dueAt ?? null) : null;
      memo.set(c, d);
    }
    return d;
  };
}

/** The stage after `stageId` in the profile's procedure; undefined at the last stage (or for an unknown stage). */
export function nextStageId(profile: ProviderProfile, stageId: string): string | undefined {
  const stages = profile.stages;
  for (let i = 0; i < stages.length - 1; i++) if (stages[i]!.id === stageId) return stages[i + 1]!.id;
  return undefined;
}

/**
 * What the provider's procedure calls the letter that ends it: a deadlock letter, or (the Communications Ombudsman,
 * seed 002) its final response. Every page, letter and timeline line names a 'deadlock' letter by this.
 */
export function finalLetterName(profile: Pick<ProviderProfile, 'finalLetter'>): 'deadlockLetter' | 'finalResponse' {
  return profile.finalLetter?.name ?? 'deadlockLetter';
}

/** True when the procedure moves the complaint to `stageId` itself (Miso's attempts 2 and 3): the customer does not ask. */
export function providerMovesTo(profile: ProviderProfile, stageId: string | undefined): boolean {
  return stageId !== undefined && profile.stages.find((s) => s.id === stageId)?.escalation?.method === 'provider';
}

/**
 * Why a provider may not issue a letter of this kind on a case at its stage, or null when it may. ADR letters belong
 * to Ofcom-approved ADR: the Communications Ombudsman's own procedure (seed 002) has none, and its 'deadlock' letter
 * is the final response, which only its last stage issues ("The second stage of the process ends our complaints
 * procedure"). A procedure whose deadlock letter follows its last stage (Miso: after Resolution Attempt 3) issues it
 * only there (profile.finalLetter.at).
 */
export function letterRefusal(
  profile: ProviderProfile,
  c: { stageId: string },
  kind: 'deadlock' | 'adr',
): 'noLetterInProcedure' | 'finalResponseLater' | 'deadlockLater' | null {
  const ofcom = getScheme(profile.adr.schemeId).kind === 'ofcomAdr';
  if (kind === 'adr') return ofcom ? null : 'noLetterInProcedure';
  if (profile.finalLetter?.at !== 'finalStage' || nextStageId(profile, c.stageId) === undefined) return null;
  return finalLetterName(profile) === 'finalResponse' ? 'finalResponseLater' : 'deadlockLater';
}
