import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { callApi, downloadFile } from '@/api/client';
import type { FeedbackInput, ResolutionDecision, TimelineEvent } from '@/api/schemas';
import { currentProviderId } from '@/lib/provider';

/**
 * Query keys for cases come from one root, so a mutation invalidates exactly what it changed.
 * The list is fetched once, unfiltered: filtering, search and sorting run in the browser with the
 * domain's helpers (they are instant for 10,000 cases and keep the filters in the URL only).
 */
export const caseQueries = {
  all: () => ['cases', currentProviderId()] as const,
  lists: () => [...caseQueries.all(), 'list'] as const,
  list: () =>
    queryOptions({
      queryKey: caseQueries.lists(),
      queryFn: async ({ signal }) => {
        // Every page, in the back office's order: the list filters and searches in the browser.
        const first = await callApi('listCases', { query: { limit: 500 }, signal });
        const cases = [...first.cases];
        for (let cursor = first.nextCursor; cursor; ) {
          const page = await callApi('listCases', { query: { limit: 500, cursor }, signal });
          cases.push(...page.cases);
          cursor = page.nextCursor;
        }
        return { ...first, cases, nextCursor: null };
      },
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
