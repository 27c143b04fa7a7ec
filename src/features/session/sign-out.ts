import { MutationObserver as QueryMutation } from '@tanstack/react-query';
import { callApi } from '@/api/client';
import { sessionHint } from '@/lib/session-hint';
import { removeSessionPrefix, storage } from '@/lib/storage';
import { queryClient } from '@/lib/query-client-instance';

/**
 * Ends the session and leaves no personal data in browser storage. The request is a mutation of the app's query
 * client like every other write, with two differences that keep the promise: it goes even offline
 * (`networkMode: 'always'`: a paused sign-out would leave the browser signed in until the network came back) and
 * it is tried once. Whatever its answer, the browser is cleaned after it has settled: signed out locally either
 * way (the server's session expires on its own).
 */
export async function signOut() {
  const ending = new QueryMutation(queryClient, {
    mutationKey: ['session', 'signOut'],
    mutationFn: () => callApi('signOut'),
    networkMode: 'always',
    retry: false,
  });
  try {
    await ending.mutate();
  } catch {
    // Cleaned below all the same.
  } finally {
    sessionHint.set(null);
    storage.removePrefix('redress.draft');
    storage.removePrefix('redress.pending');
    removeSessionPrefix('redress.confirmation');
    // Every query and mutation, this one included: nothing read or sent while signed in stays in memory.
    queryClient.clear();
  }
}

/**
 * "Forget this device" (a guest on a shared computer): signs out and removes every redress.* key from
 * localStorage and sessionStorage — drafts, the language and provider chosen, everything.
 */
export async function forgetThisDevice() {
  await signOut();
  storage.removePrefix('redress.');
  removeSessionPrefix('redress.');
}
