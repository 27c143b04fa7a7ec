import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useProviderId } from '@/lib/provider';
import { getProfile } from '@/domain/profiles';

/** Sets the document title for a route: "<page> – <provider> complaints". */
export function usePageTitle(title: string) {
  const { t } = useTranslation('common');
  const providerId = useProviderId();
  useEffect(() => {
    document.title = t('shell.documentTitle', { page: title, provider: getProfile(providerId).name });
  }, [t, title, providerId]);
}
