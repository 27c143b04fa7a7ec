import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, isApiError } from '@/api/client';
import { demoCustomersResponseSchema, sessionSchema, type GuestLookup } from '@/api/schemas';
import { sessionToken } from '@/lib/session-token';
import { currentProviderId } from '@/lib/provider';

export const sessionQueries = {
  all: () => ['session', currentProviderId()] as const,
  current: () =>
    queryOptions({
      queryKey: [...sessionQueries.all(), 'current'],
      queryFn: async ({ signal }) => {
        if (!sessionToken.get()) return null;
        try {
          return await apiRequest('/session', { schema: sessionSchema, signal });
        } catch (error) {
          if (isApiError(error) && error.status === 401) {
            sessionToken.set(null);
            return null;
          }
          throw error;
        }
      },
      // Without a token the answer is known at once: no pending state (and no "Loading…") for guests.
      initialData: () => (sessionToken.get() ? undefined : null),
      staleTime: 5 * 60_000,
    }),
  demoCustomers: () =>
    queryOptions({
      queryKey: [...sessionQueries.all(), 'demo-customers'],
      queryFn: ({ signal }) => apiRequest('/demo/customers', { schema: demoCustomersResponseSchema, signal }),
    }),
};

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (email: string) => apiRequest('/session', { method: 'POST', body: { email }, schema: sessionSchema }),
    onSuccess: (session) => {
      sessionToken.set(session.token);
      queryClient.clear();
      queryClient.setQueryData(sessionQueries.current().queryKey, session);
    },
  });
}

export function useGuestLookup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (lookup: GuestLookup) => apiRequest('/session/guest', { method: 'POST', body: lookup, schema: sessionSchema }),
    onSuccess: (session) => {
      sessionToken.set(session.token);
      queryClient.clear();
      queryClient.setQueryData(sessionQueries.current().queryKey, session);
    },
  });
}

export { signOut } from '../sign-out';
