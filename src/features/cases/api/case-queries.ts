import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { callApi, downloadFile } from '@/api/client';
import type { CaseStatus, FeedbackInput, ResolutionDecision, TimelineEvent } from '@/api/schemas';
import { currentProviderId } from '@/lib/provider';

/**
 * Query keys for cases come from one root, so a mutation invalidates exactly what it changed.
 * The list is fetched once, unfiltered: filtering, search and sorting run in the browser with the
 * domain's helpers (they are instant for 10,000 cases and keep the filters in the URL only).
 */
export interface CaseListFilter {
  status?: CaseStatus | 'open' | undefined;
  stage?: string | undefined;
  q?: string | undefined;
  sort: 'updated' | 'deadline';
}

/** Cases fetched per page of the list: a few screens' worth. */
export const PAGE_SIZE = 100;

export const caseQueries = {
  all: () => ['cases', currentProviderId()] as const,
  lists: () => [...caseQueries.all(), 'list'] as const,
  /**
   * One filtered, sorted list, a page at a time: filters, search and sort are done by the back office, which
   * answers the total and a cursor for the next page (10,000 cases never travel at once).
   */
  list: (filter: CaseListFilter) =>
    infiniteQueryOptions({
      queryKey: [...caseQueries.lists(), filter],
      queryFn: ({ signal, pageParam }) =>
        callApi('listCases', {
          query: { ...(filter.status ? { status: filter.status } : {}), ...(filter.stage ? { stage: filter.stage } : {}), ...(filter.q ? { q: filter.q } : {}), sort: filter.sort, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
          signal,
        }),
      initialPageParam: '',
      getNextPageParam: (last) => last.nextCursor ?? undefined,
    }),
  details: () => [...caseQueries.all(), 'detail'] as const,
  detail: (reference: string) =>
    queryOptions({
      queryKey: [...caseQueries.details(), reference],
      queryFn: ({ signal }) => callApi('getCase', { params: { reference }, signal }),
    }),
  timeline: (reference: string) =>
    queryOptions({
      queryKey: [...caseQueries.details(), reference, 'timeline'],
      queryFn: ({ signal }) => callApi('getTimeline', { params: { reference }, signal }),
    }),
};

export { newIdempotencyKey } from '@/api/client';

function useInvalidateCase(reference: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: [...caseQueries.details(), reference] }),
      queryClient.invalidateQueries({ queryKey: caseQueries.lists() }),
    ]);
}

export const PENDING_PREFIX = 'pending-';

/**
 * Adds a comment optimistically: it shows on the timeline at once and is rolled back if the
 * server refuses it (the form keeps the text so nothing is lost).
 */
export function useAddComment(reference: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateCase(reference);
  const timelineKey = caseQueries.timeline(reference).queryKey;
  return useMutation({
    mutationFn: (input: { text: string; key: string }) =>
      callApi('addComment', { params: { reference }, body: { text: input.text }, idempotencyKey: input.key }),
    onMutate: async (input) => {
      await queryClient.cancelQueries({ queryKey: timelineKey });
      const previous = queryClient.getQueryData(timelineKey);
      const optimistic: TimelineEvent = {
        id: `${PENDING_PREFIX}${input.key}`,
        at: new Date().toISOString(),
        type: 'comment',
        actor: 'customer',
        stageId: '',
        text: input.text,
      };
      queryClient.setQueryData(timelineKey, (old) => ({ events: [...(old?.events ?? []), optimistic] }));
      return { previous };
    },
    onError: (_error, _input, context) => {
      if (context?.previous) queryClient.setQueryData(timelineKey, context.previous);
      else queryClient.removeQueries({ queryKey: timelineKey, exact: true });
    },
    onSettled: invalidate,
  });
}

export function useAddEvidence(reference: string) {
  const invalidate = useInvalidateCase(reference);
  return useMutation({
    mutationFn: (input: { file: File; key: string }) => {
      const form = new FormData();
      form.append('file', input.file);
      return callApi('addEvidence', { params: { reference }, form, idempotencyKey: input.key });
    },
    onSuccess: invalidate,
  });
}

export function useDecideResolution(reference: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateCase(reference);
  return useMutation({
    mutationFn: (decision: ResolutionDecision) =>
      callApi('decideResolution', { params: { reference }, body: decision }),
    onSuccess: async (data) => {
      queryClient.setQueryData(caseQueries.detail(reference).queryKey, data);
      await invalidate();
    },
  });
}

export function useGiveFeedback(reference: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateCase(reference);
  return useMutation({
    mutationFn: (input: FeedbackInput) =>
      callApi('giveFeedback', { params: { reference }, body: input }),
    onSuccess: async (data) => {
      queryClient.setQueryData(caseQueries.detail(reference).queryKey, data);
      await invalidate();
    },
  });
}

/** Downloads an evidence file; the request carries the session cookie. */
export function downloadAttachment(reference: string, id: string, name: string) {
  return downloadFile('downloadAttachment', { reference, id }, name);
}

/** Email updates beside letters or calls (docs/decisions/0141-letters-and-calls.md). */
export function useSetEmailUpdates(reference: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateCase(reference);
  return useMutation({
    mutationFn: (emailUpdates: boolean) => callApi('setEmailUpdates', { params: { reference }, body: { emailUpdates } }),
    onSuccess: async (data) => {
      queryClient.setQueryData(caseQueries.detail(reference).queryKey, data);
      await invalidate();
    },
  });
}
