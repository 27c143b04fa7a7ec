import { useSyncExternalStore } from 'react';

const subscribe = () => () => undefined;

/**
 * False on the server (build-time pre-rendering) and while React hydrates pre-rendered markup; true
 * afterwards and in any client-only render. A pre-rendered page reads the browser's own state (saved
 * drafts, the session) only once this is true, so its first client render matches the HTML it hydrates.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
