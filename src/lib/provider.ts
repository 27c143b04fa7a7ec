import { useSyncExternalStore } from 'react';
import { isProviderId, type ProviderId } from '@/domain/provider-ids';
import { storedValue } from './storage';

/**
 * Which provider this portal serves. A production build serves the one in VITE_PROVIDER;
 * development and the demo let you choose with ?provider=<id> or the demo banner's picker,
 * and remember the choice.
 */
const chosen = storedValue('redress.provider');
const fallback: ProviderId = 'nasstar';

export const isDemo = __MOCKING__;

export function currentProviderId(): ProviderId {
  const value = isDemo ? chosen.get() : import.meta.env.VITE_PROVIDER;
  return isProviderId(value) ? value : fallback;
}

export function setProviderId(id: ProviderId) {
  if (isDemo) chosen.set(id);
}

/** Reads ?provider= from the address (demo only) and remembers it. */
export function adoptProviderFromUrl(search: string) {
  const requested = new URLSearchParams(search).get('provider');
  if (isProviderId(requested)) setProviderId(requested);
}

export function useProviderId(): ProviderId {
  useSyncExternalStore(chosen.subscribe, chosen.get, () => null);
  return currentProviderId();
}
