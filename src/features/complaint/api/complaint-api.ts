import { mutationOptions, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { z } from '@/domain/zod';
import { callApi, isApiError } from '@/api/client';
import { caseResponseSchema, type ComplaintSubmission } from '@/api/schemas';
import { sessionHint } from '@/lib/session-hint';
import { currentProviderId, isDemo } from '@/lib/provider';

export type CaseResponse = z.infer<typeof caseResponseSchema>;

export const complaintQueries = {
  created: (reference: string) =>
    queryOptions({
      queryKey: ['complaint', currentProviderId(), 'created', reference],
      queryFn: async ({ signal }): Promise<CaseResponse | null> => {
        const kept = readCreated(reference);
        if (kept) return kept;
        try {
          return await callApi('getCase', { params: { reference }, signal });
        } catch (error) {
          // A failure worth another try (network, 5xx) is TanStack Query's to retry; a refusal means no case to show.
          if (isApiError(error) && error.retriable) throw error;
          return null;
        }
      },
      staleTime: Infinity,
    }),
};

/** The created case is kept for this tab, so the confirmation page survives a reload. */
const createdKey = (reference: string) => `redress.confirmation.${currentProviderId()}.${reference}`;
function readCreated(reference: string): CaseResponse | null {
  try {
    const raw = globalThis.sessionStorage?.getItem(createdKey(reference));
    const parsed = raw ? caseResponseSchema.safeParse(JSON.parse(raw)) : null;
    return parsed?.success ? parsed.data : null;
  } catch {
    return null;
  }
}
function keepCreated(response: CaseResponse) {
  try {
    globalThis.sessionStorage?.setItem(createdKey(response.case.reference), JSON.stringify(response));
  } catch {
    // the confirmation page falls back to GET /cases/:reference
  }
}

function uploadAttachment(file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return callApi('uploadAttachment', { form, timeoutMs: 60_000 });
}

/**
 * POST /attachments as a TanStack Query mutation, under the app's retry rules (src/lib/query-client.ts): it waits
 * while the browser is offline and goes once it is back. It is never retried after a failure: the operation takes
 * no Idempotency-Key (src/api/operations.ts, idempotent: false), so the client marks its errors not retriable
 * (src/api/client.ts) and a repeat that could store the file twice is never sent.
 */
export const uploadAttachmentMutation = () => mutationOptions({ mutationKey: ['complaint', 'uploadAttachment'], mutationFn: uploadAttachment });

export function useUploadAttachment() {
  return useMutation(uploadAttachmentMutation());
}

/** POST /cases with the draft's Idempotency-Key: retried by the client, replayed by the server. */
export function useSubmitComplaint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ submission, idempotencyKey }: { submission: ComplaintSubmission; idempotencyKey: string }) =>
      callApi('submitComplaint', { body: submission, idempotencyKey }),
    onSuccess: (response) => {
      // A guest now has a session for this one case (the back office set its cookie).
      if (!sessionHint.get()) sessionHint.set('guest');
      keepCreated(response);
      queryClient.setQueryData(complaintQueries.created(response.case.reference).queryKey, response);
    },
  });
}

/**
 * "Now" for checking that dates are not in the future: the later of the browser's clock and,
 * in the demo, the back office's (which tests and demos move with ?now=).
 */
export function useLatestNow(): () => Date {
  const clock = useQuery({
    queryKey: ['complaint', 'back-office-clock'],
    queryFn: ({ signal }) => callApi('getClock', { signal }),
    enabled: isDemo,
    staleTime: 60_000,
  });
  const backOffice = clock.data ? new Date(clock.data.now).getTime() : 0;
  const fetchedAt = clock.dataUpdatedAt;
  return useCallback(() => new Date(Math.max(Date.now(), backOffice + (fetchedAt ? Date.now() - fetchedAt : 0))), [backOffice, fetchedAt]);
}
