import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/client';

/** The stable code of a failure: the API's problem code, or 'unknown'. */
export function errorCodeOf(error: unknown): string {
  return isApiError(error) ? error.code : 'unknown';
}

/** Translates any failure into one sentence in the user's language (`errors:<code>`). */
export function useErrorText() {
  const { t } = useTranslation('errors');
  return useCallback(
    (error: unknown) => {
      const code = errorCodeOf(error);
      return t(code, { defaultValue: t('unknown') });
    },
    [t],
  );
}
