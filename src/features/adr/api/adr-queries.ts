import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiBaseUrl, apiRequest } from '@/api/client';
import { sessionToken } from '@/lib/session-token';
import { caseResponseSchema, escalationInputSchema, letterSchema, timelineResponseSchema, type EscalationInput } from '@/api/schemas';
import type { AdrSchemeId } from '@/domain/profile-schema';
import { currentProviderId } from '@/lib/provider';
import { z } from '@/domain/zod';

/**
 * The ADR feature's queries. Keys share the case page's root (['cases', provider, 'detail', ref]) and
 * shapes, so both read one cache entry; mutations invalidate every ['cases'] query.
 */
const path = (reference: string) => `/cases/${encodeURIComponent(reference)}`;
const detail = (reference: string) => ['cases', currentProviderId(), 'detail', reference] as const;

export const adrQueries = {
  case: (reference: string) =>
    queryOptions({
      queryKey: detail(reference),
      queryFn: ({ signal }) => apiRequest(path(reference), { schema: caseResponseSchema, signal }),
    }),
  timeline: (reference: string) =>
    queryOptions({
      queryKey: [...detail(reference), 'timeline'],
      queryFn: ({ signal }) => apiRequest(`${path(reference)}/timeline`, { schema: timelineResponseSchema, signal }),
    }),
  letter: (reference: string, letterId: string) =>
    queryOptions({
      queryKey: [...detail(reference), 'letters', letterId],
      queryFn: ({ signal }) => apiRequest(`${path(reference)}/letters/${encodeURIComponent(letterId)}`, { schema: letterSchema, signal }),
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
      apiRequest(`${path(reference)}/escalations`, { method: 'POST', body: escalationInputSchema.parse(input), schema: caseResponseSchema }),
    onSuccess: invalidate,
  });
}

export function useRequestDeadlockLetter(reference: string) {
  const invalidate = useInvalidateCases();
  return useMutation({
    mutationFn: (kind: 'deadlock' | 'adr8Weeks' = 'deadlock') =>
      apiRequest(`${path(reference)}/deadlock-letter`, { method: 'POST', body: { kind }, schema: letterSchema }),
    onSuccess: invalidate,
  });
}

export function useRefer(reference: string) {
  const invalidate = useInvalidateCases();
  return useMutation({
    mutationFn: (schemeId: AdrSchemeId) =>
      apiRequest(`${path(reference)}/referral`, { method: 'POST', body: { schemeId, confirmed: true }, schema: caseResponseSchema }),
    onSuccess: invalidate,
  });
}

/** An evidence file's bytes (GET /cases/:ref/attachments/:id). */
export async function fetchAttachment(reference: string, id: string): Promise<Uint8Array> {
  const headers = new Headers({ 'X-Redress-Provider': currentProviderId() });
  const token = sessionToken.get();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  const response = await fetch(`${apiBaseUrl()}${path(reference)}/attachments/${encodeURIComponent(id)}`, { headers });
  if (!response.ok) throw new Error(`attachment ${id}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

export const flashSchema = z.object({
  adrFlash: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('escalated'), stageId: z.string() }),
    z.object({ kind: z.literal('referred'), schemeId: z.string() }),
  ]),
});
export type AdrFlash = z.infer<typeof flashSchema>['adrFlash'];
