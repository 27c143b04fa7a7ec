import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProviderProfile } from '@/domain/profile-schema';
import { makeDateFormatter } from '../lib/deadline-wording';

/** Date formatters in the user's language, on the provider's calendar (its time zone). */
export function useFormatters(profile: ProviderProfile) {
  const { t, i18n } = useTranslation('common');
  const locale = t('locale');
  return useMemo(
    () => ({
      date: makeDateFormatter(locale, profile.timeZone),
      dateTime: makeDateFormatter(locale, profile.timeZone, true),
      size: (bytes: number) =>
        bytes >= 1024 * 1024
          ? new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)
          : new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(Math.max(1, bytes / 1024)),
    }),
    // i18n.language: formatters follow a language switch
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [locale, profile.timeZone, i18n.language],
  );
}
