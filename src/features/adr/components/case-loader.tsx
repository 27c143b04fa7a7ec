import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Case } from '@/api/schemas';
import { isApiError } from '@/api/client';
import { paths } from '@/lib/paths';
import { adrQueries } from '../api/adr-queries';

/** Loads the case for an ADR page and shows loading, sign-in and error states. */
export function CaseLoader({ reference, children }: { reference: string; children: (c: Case, asOf: string) => ReactNode }) {
  const { t } = useTranslation(['adr', 'common']);
  const query = useQuery(adrQueries.case(reference));
  if (query.isPending) return <p role="status">{t('adr:common.loading')}</p>;
  if (query.isError) {
    const error = query.error;
    if (isApiError(error) && error.status === 401) {
      return (
        <p className="notice">
          <Link to={paths.signIn}>{t('adr:common.signIn')}</Link>
        </p>
      );
    }
    return (
      <div className="notice notice-error" role="alert">
        <p>{isApiError(error) && error.status === 404 ? t('adr:common.notFound') : t('adr:common.loadFailed')}</p>
        <button type="button" className="button button-secondary" onClick={() => void query.refetch()}>
          {t('adr:common.retry')}
        </button>
      </div>
    );
  }
  return <>{children(query.data.case, query.data.asOf)}</>;
}

export function BackToCase({ reference }: { reference: string }) {
  const { t } = useTranslation('adr');
  return (
    <Link className="back-link no-print" to={paths.case(reference)}>
      {t('common.back')}
    </Link>
  );
}
