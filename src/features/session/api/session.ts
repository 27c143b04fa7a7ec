import { queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { callApi, isApiError } from '@/api/client';
import type { Session, SignInCodeRequest, SignInVerify } from '@/api/schemas';
import { i18next } from '@/lib/i18n';
import { sessionHint } from '@/lib/session-hint';
import { currentProviderId } from '@/lib/provider';
import { saveFile } from '@/lib/save-file';

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
  demoStaff: () =>
    queryOptions({
      queryKey: [...sessionQueries.all(), 'demo-staff'],
      queryFn: ({ signal }) => callApi('demoStaff', { signal }),
    }),
};

/**
 * Who is signed in, asked again now (not from the cache) through the session query: TanStack Query's retries and
 * offline pause (src/lib/query-client.ts), and one request however many ask at once.
 */
export const refetchSession = (queryClient: QueryClient) => queryClient.fetchQuery({ ...sessionQueries.current(), staleTime: 0 });

/** What the header needs to know, without asking: signed in, and whether as an organisation's administrator or member, or as staff. */
export function hintFor(session: Session): 'customer' | 'guest' | 'admin' | 'member' | 'staff' {
  if (session.scope.kind === 'guest') return 'guest';
  if (session.scope.kind === 'staff') return 'staff';
  const { customer } = session.scope;
  if (!customer.organisationId) return 'customer';
  return customer.role === 'admin' ? 'admin' : 'member';
}

function useSignedIn() {
  const queryClient = useQueryClient();
  return (session: Session) => {
    sessionHint.set(hintFor(session));
    queryClient.clear();
    queryClient.setQueryData(sessionQueries.current().queryKey, session);
  };
}

/**
 * Who is signed in changed without signing in again (joined or left an organisation): everything read for the
 * old membership is dropped. Given no session, it is asked for.
 */
export function useSessionChanged() {
  const queryClient = useQueryClient();
  const changed = (session: Session) => {
    sessionHint.set(hintFor(session));
    queryClient.setQueryData(sessionQueries.current().queryKey, session);
    // Kept on screen while they are read again (the page stays as it is; clearing would orphan its queries).
    void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
  };
  return (session: Session | null) => {
    if (session) changed(session);
    else
      void refetchSession(queryClient).then(
        (current) => current && changed(current),
        () => undefined,
      );
  };
}

/** Demo only: one click signs in as a seeded customer. */
export function useDemoSignIn() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (email: string) => callApi('demoSignIn', { body: { email } }),
    onSuccess: (session) => signedIn(session),
  });
}

/** What asking for a code needs; the mail's language is the page's. */
export type CodeRequestInput = { purpose: 'signIn'; email: string } | { purpose: 'guest'; email: string; reference: string };

/** Asks for a code by email (the answer is the same whether or not the address is known). */
export function useRequestSignInCode() {
  return useMutation({
    // No automatic retry: a 429 says to wait minutes, which the page tells the customer instead.
    mutationFn: (request: CodeRequestInput) =>
      callApi('requestSignInCode', { body: { ...request, lng: i18next.language === 'it' ? 'it' : 'en' } satisfies SignInCodeRequest, retry: false }),
  });
}

/** Signs in with the emailed code (and its address) or the link's token. */
export function useVerifySignInCode() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (input: SignInVerify) => callApi('verifySignInCode', { body: input, retry: false }),
    onSuccess: (session) => signedIn(session),
  });
}

/**
 * "Download my data" (issue 20.15): everything the back office holds about the caller, saved by the browser as one
 * JSON file. The mutation answers only how many cases the file holds: the export itself (everything personal) is
 * not kept in the query client's memory.
 */
export function useExportMyData() {
  return useMutation({
    mutationKey: [...sessionQueries.all(), 'export'],
    mutationFn: async () => {
      const data = await callApi('exportMyData');
      saveFile(JSON.stringify(data, null, 2), `redress-my-data-${data.exportedAt.slice(0, 10)}.json`, 'application/json');
      return data.cases.length;
    },
  });
}

export { signOut, forgetThisDevice } from '../sign-out';
