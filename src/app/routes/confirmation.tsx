import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { complaintQueries, Confirmation } from '@/features/complaint';
import { sessionQueries } from '@/features/session';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/app/layout/page-title';

/** /complaints/confirmation/:reference — the reference, how to track it and the real due dates. */
export function Component() {
  const { t } = useTranslation(['complaint', 'common']);
  const { reference = '' } = useParams();
  const created = useQuery(complaintQueries.created(reference));
  // Asked again on arrival: a guest's session was made by the submission itself, after any earlier (empty) answer was cached.
  const session = useQuery({ ...sessionQueries.current(), refetchOnMount: 'always' });
  usePageTitle(t('complaint:confirmation.title'));
  if (created.isPending) return <p className="narrow">{t('complaint:loading')}</p>;
  if (!created.data) {
    return (
      <div className="narrow">
        <h1>{t('complaint:confirmation.titleReferenceOnly')}</h1>
        <p>{t('complaint:confirmation.referenceOnly', { reference })}</p>
        <p>
          <Link to={paths.track}>{t('complaint:confirmation.trackLink')}</Link>
        </p>
      </div>
    );
  }
  const scope = session.data?.scope;
  const signedIn = scope?.kind === 'customer';
  return (
    <Confirmation
      created={created.data}
      signedIn={signedIn}
      opensCase={signedIn || (scope?.kind === 'guest' && scope.reference === created.data.case.reference) || session.isPending || session.isFetching}
      trackPath={paths.track}
      casePath={paths.case(created.data.case.reference)}
    />
  );
}
