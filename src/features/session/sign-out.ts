import { apiRequest } from '@/api/client';
import { sessionToken } from '@/lib/session-token';
import { storage } from '@/lib/storage';
import { queryClient } from '@/lib/query-client-instance';

/** Ends the session and leaves no personal data in browser storage. */
export async function signOut() {
  try {
    await apiRequest('/session', { method: 'DELETE', schema: null, retry: false });
  } catch {
    // Signed out locally either way; the server session expires on its own.
  } finally {
    sessionToken.set(null);
    storage.removePrefix('redress.draft');
    storage.removePrefix('redress.pending');
    queryClient.clear();
  }
}
