import { callApi } from '@/api/client';
import { sessionHint } from '@/lib/session-hint';
import { removeSessionPrefix, storage } from '@/lib/storage';
import { queryClient } from '@/lib/query-client-instance';

/** Ends the session and leaves no personal data in browser storage. */
export async function signOut() {
  try {
    await callApi('signOut', { retry: false });
  } catch {
    // Signed out locally either way; the server session expires on its own.
  } finally {
    sessionHint.set(null);
    storage.removePrefix('redress.draft');
    storage.removePrefix('redress.pending');
    removeSessionPrefix('redress.confirmation');
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
