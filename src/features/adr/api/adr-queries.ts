import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { callApi, fetchFile } from '@/api/client';
import { escalationInputSchema, type EscalationInput } from '@/api/schemas';
import type { AdrSchemeId } from '@/domain/profile-schema';
import { currentProviderId } from '@/lib/provider';
import { z } from '@/domain/zod';

/**
 * The ADR feature's queries. Keys share the case page's root (['cases', provider, 'detail', ref]) and
 * shapes, so both read one cache entry; mutations invalidate every ['cases'] query.
 */
const detail = (reference: string) => ['cases', currentProviderId(), 'detail', reference] as const;

export const adrQueries = {
  case: (reference: string) =>
    queryOptions({
      queryKey: detail(reference),
      queryFn: ({ signal }) => callApi('getCase', { params: { reference }, signal }),
    }),
  timeline: (reference: string) =>
    queryOptions({
      queryKey: [...detail(reference), 'timeline'],
      queryFn: ({ signal }) => callApi('getTimeline', { params: { reference }, signal }),
    }),
  letter: (reference: string, letterId: string) =>
    queryOptions({
      queryKey: [...detail(reference), 'letters', letterId],
      queryFn: ({ signal }) => callApi('getLetter', { params: { reference, id: letterId }, signal }),
      staleTime: Infinity,
    }),
};

function useInvalidateCases() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['cases'] });
}

export function useEscalate(reference: string) {
  const invalidate = useInvalidateCases();
  return useMutation({
    mutationFn: (input: EscalationInput) =>
      callApi('requestEscalation', { params: { reference }, body: escalationInputSchema.parse(input) }),
    onSuccess: invalidate,
  });
}

/** Asks for a letter: a deadlock letter, or the ADR letter owed once the regulator's wait has passed. */
export function useRequestLetter(reference: string) {
  const invalidate = useInvalidateCases();
  return useMutation({
    mutationFn: (kind: 'deadlock' | 'adr') =>
      kind === 'deadlock' ? callApi('requestDeadlockLetter', { params: { reference }, body: {} }) : callApi('requestAdrLetter', { params: { reference } }),
    onSuccess: invalidate,
  });
}

export function useRefer(reference: string) {
  const invalidate = useInvalidateCases();
  return useMutation({
    mutationFn: (schemeId: AdrSchemeId) =>
      callApi('referToAdr', { params: { reference }, body: { schemeId, confirmed: true } }),
    onSuccess: invalidate,
  });
}

/** An evidence file's bytes (the downloadAttachment operation). */
export function fetchAttachment(reference: string, id: string): Promise<Uint8Array> {
  return fetchFile('downloadAttachment', { reference, id });
}

export const flashSchema = z.object({
  adrFlash: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('escalated'), stageId: z.string() }),
    z.object({ kind: z.literal('referred'), schemeId: z.string() }),
  ]),
});
export type AdrFlash = z.infer<typeof flashSchema>['adrFlash'];
