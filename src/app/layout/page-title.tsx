import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useProviderId } from '@/lib/provider';
import { getProfile } from '@/domain/profiles';

/**
 * The server's render of a signed-in page's first screen (src/entry-server.tsx) is told the page's title here, as
 * the page renders: effects do not run there, and the title must be in the page's HTML (decision 0179). Only in the
 * SSR bundle (`import.meta.env.SSR`): the browser's build has none of it.
 */
let heard: ((title: string) => void) | undefined;
export function hearPageTitle(listener: ((title: string) => void) | undefined) {
  heard = listener;
}

/** Sets the document title for a route: "<page> – <provider> complaints". */
export function usePageTitle(title: string) {
  const { t } = useTranslation('common');
  const providerId = useProviderId();
  const full = t('shell.documentTitle', { page: title, provider: getProfile(providerId).name });
  if (import.meta.env.SSR) heard?.(full);
  useEffect(() => {
    document.title = full;
  }, [full]);
}
