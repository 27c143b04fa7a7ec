import { openCaseStatuses, type CaseFilter, type CaseSort } from '@/domain/cases';
import { caseStatusSchema, type CaseStatus } from '@/api/schemas';
import type { ProviderProfile } from '@/domain/profile-schema';

/** The list's filters as they live in the address: ?status=open&stage=complaintsTeam&q=broadband&sort=deadline */
export interface ListParams {
  /** a status, 'open' (any open status) or undefined for all */
  status: CaseStatus | 'open' | undefined;
  stage: string | undefined;
  q: string;
  sort: CaseSort;
}

export function readListParams(search: URLSearchParams, stageIds: readonly string[]): ListParams {
  const rawStatus = search.get('status');
  const status = rawStatus === 'open' ? 'open' : caseStatusSchema.safeParse(rawStatus).success ? (rawStatus as CaseStatus) : undefined;
  const rawStage = search.get('stage');
  const stage = rawStage && stageIds.includes(rawStage) ? rawStage : undefined;
  return { status, stage, q: search.get('q') ?? '', sort: search.get('sort') === 'deadline' ? 'deadline' : 'updated' };
}

/** The stages a customer's list filters by: those a portal case can reach (from the entry stage on), not the department before it. */
export function listStageIds(profile: ProviderProfile): string[] {
  return profile.stages.slice(Math.max(0, profile.stages.findIndex((s) => s.id === profile.entryStageId))).map((s) => s.id);
}

/** The list query the address asks for (the list's query key: src/features/cases/api/case-queries.ts `caseQueries.list`). */
export function listFilterOf(params: ListParams) {
  return { status: params.status, stage: params.stage, q: params.q.trim() || undefined, sort: params.sort };
}

/** Writes one change back, dropping defaults so the address stays short; other params are kept. */
export function writeListParams(search: URLSearchParams, change: Partial<ListParams>): URLSearchParams {
  const next = new URLSearchParams(search);
  for (const [key, value] of Object.entries(change)) {
    const isDefault = value === undefined || value === '' || (key === 'sort' && value === 'updated');
    if (isDefault) next.delete(key);
    else next.set(key, String(value));
  }
  return next;
}

export function toCaseFilter(params: Pick<ListParams, 'status' | 'stage' | 'q'>): CaseFilter {
  return {
    status: params.status === 'open' ? openCaseStatuses : params.status,
    stage: params.stage,
    q: params.q.trim() || undefined,
  };
}
