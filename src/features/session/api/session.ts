import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { callApi, isApiError } from '@/api/client';
import type { GuestLookup } from '@/api/schemas';
import { sessionHint } from '@/lib/session-hint';
import { currentProviderId } from '@/lib/provider';

export const sessionQueries = {
  all: () => ['session', currentProviderId()] as const,
  current: () =>
    queryOptions({
      queryKey: [...sessionQueries.all(), 'current'],
      queryFn: async ({ signal }) => {
        if (!sessionHint.get()) return null;
        try {
          return await callApi('whoAmI', { signal });
        } catch (error) {
          if (isApiError(error) && error.status === 401) {
            sessionHint.set(null);
            return null;
          }
          throw error;
        }
      },
      // Without a token the answer is known at once: no pending state (and no "Loading…") for guests.
      initialData: () => (sessionHint.get() ? undefined : null),
      staleTime: 5 * 60_000,
    }),
  demoCustomers: () =>
    queryOptions({
      queryKey: [...sessionQueries.all(), 'demo-customers'],
      queryFn: ({ signal }) => callApi('demoCustomers', { signal }),
    }),
};

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (email: string) => callApi('signIn', { body: { email } }),
    onSuccess: (session) => {
      sessionHint.set(session.scope.kind);
      queryClient.clear();
      queryClient.setQueryData(sessionQueries.current().queryKey, session);
    },
  });
}

export function useGuestLookup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (lookup: GuestLookup) => callApi('guestLookup', { body: lookup }),
    onSuccess: (session) => {
      sessionHint.set(session.scope.kind);
      queryClient.clear();
      queryClient.setQueryData(sessionQueries.current().queryKey, session);
    },
  });
}

export { signOut } from '../sign-out';
