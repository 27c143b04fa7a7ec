import { isApiError } from '@/api/client';
import type { TFunction } from 'i18next';

/** A failed request as a sentence in the user's language. */
export function errorMessage(error: unknown, t: TFunction<readonly ['adr', 'errors']>): string {
  if (isApiError(error)) {
    if (error.code === 'lastStage') return t('adr:escalate.errorLastStage');
    return t(`errors:${error.code}`, { defaultValue: t('adr:common.failed', { message: error.code }) });
  }
  return t('adr:common.failed', { message: String(error) });
}
