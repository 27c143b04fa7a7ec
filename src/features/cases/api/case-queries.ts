import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiBaseUrl, apiRequest } from '@/api/client';
import {
  attachmentSchema,
  caseListResponseSchema,
  caseResponseSchema,
  timelineEventSchema,
  timelineResponseSchema,
  type FeedbackInput,
  type ResolutionDecision,
  type TimelineEvent,
} from '@/api/schemas';
import { currentProviderId } from '@/lib/provider';
import { sessionToken } from '@/lib/session-token';

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
      queryFn: ({ signal }) => apiRequest('/cases', { schema: caseListResponseSchema, signal }),
    }),
  details: () => [...caseQueries.all(), 'detail'] as const,
  detail: (reference: string) =>
    queryOptions({
      queryKey: [...caseQueries.details(), reference],
      queryFn: ({ signal }) => apiRequest(`/cases/${encodeURIComponent(reference)}`, { schema: caseResponseSchema, signal }),
    }),
  timeline: (reference: string) =>
    queryOptions({
      queryKey: [...caseQueries.details(), reference, 'timeline'],
      queryFn: ({ signal }) => apiRequest(`/cases/${encodeURIComponent(reference)}/timeline`, { schema: timelineResponseSchema, signal }),
    }),
};

/** A key the server uses to recognise a retry of the same request (16–128 URL-safe characters). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID().replace(/-/g, '');
}

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
      apiRequest(`/cases/${encodeURIComponent(reference)}/comments`, {
        method: 'POST',
        body: { text: input.text },
        schema: timelineEventSchema,
        idempotencyKey: input.key,
      }),
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
      return apiRequest(`/cases/${encodeURIComponent(reference)}/attachments`, {
        method: 'POST',
        form,
        schema: attachmentSchema,
        idempotencyKey: input.key,
      });
    },
    onSuccess: invalidate,
  });
}

export function useDecideResolution(reference: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateCase(reference);
  return useMutation({
    mutationFn: (decision: ResolutionDecision) =>
      apiRequest(`/cases/${encodeURIComponent(reference)}/resolution`, { method: 'POST', body: decision, schema: caseResponseSchema }),
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
      apiRequest(`/cases/${encodeURIComponent(reference)}/feedback`, { method: 'POST', body: input, schema: caseResponseSchema }),
    onSuccess: async (data) => {
      queryClient.setQueryData(caseQueries.detail(reference).queryKey, data);
      await invalidate();
    },
  });
}

/** Where the browser fetches a file from; downloads go through the API client to carry the session. */
export async function downloadAttachment(reference: string, id: string, name: string) {
  const headers = new Headers({ 'X-Redress-Provider': currentProviderId() });
  const token = sessionToken.get();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  const response = await fetch(`${apiBaseUrl()}/cases/${encodeURIComponent(reference)}/attachments/${encodeURIComponent(id)}`, { headers });
  if (!response.ok) throw new Error(String(response.status));
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 1000);
}
