import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/client';

/** The stable code of a failure: the API's problem code, or 'unknown'. */
export function errorCodeOf(error: unknown): string {
  return isApiError(error) ? error.code : 'unknown';
}

/**
 * Translates any failure into one sentence in the user's language (`errors:<code>`). Too many tries (429 with
 * Retry-After, issue 20.4) says how long to wait: minutes, or seconds under a minute.
 */
export function useErrorText() {
  const { t } = useTranslation('errors');
  return useCallback(
    (error: unknown) => {
      const wait = isApiError(error) && error.status === 429 ? error.retryAfter : null;
      if (wait) return wait < 60 ? t('tryAgainInSeconds', { count: wait }) : t('tryAgainInMinutes', { count: Math.ceil(wait / 60) });
      return t(errorCodeOf(error), { defaultValue: t('unknown') });
    },
    [t],
  );
}
