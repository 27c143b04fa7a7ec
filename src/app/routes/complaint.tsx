import { useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ComplaintFlow, isStepId } from '@/features/complaint';
import { sessionQueries } from '@/features/session';
import { useProviderId } from '@/lib/provider';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/app/layout/page-title';

const titleKeys = { 'about-you': 'aboutYou.title', complaint: 'details.title', evidence: 'evidence.title', check: 'check.title' } as const;

/** /complaints/new/:step — composes the complaint feature with the session (prefill for signed-in customers). */
export function Component() {
  const { t } = useTranslation(['complaint', 'validation', 'common']);
  const { step } = useParams();
  const [search] = useSearchParams();
  const providerId = useProviderId();
  const session = useQuery(sessionQueries.current());
  const kindParam = search.get('kind');
  const requestedKind = kindParam === 'abuseReport' ? 'abuseReport' : !step ? 'complaint' : null;
  usePageTitle(isStepId(step) ? t(`complaint:${titleKeys[step]}`) : t('complaint:caption', { provider: '' }).trim());

  if (session.isPending) return <p className="narrow">{t('complaint:loading')}</p>;
  const customer = session.data?.scope.kind === 'customer' ? session.data.scope.customer : null;
  return (
    <ComplaintFlow
      key={providerId}
      providerId={providerId}
      step={step}
      requestedKind={requestedKind}
      returnToCheck={search.get('return') === 'check'}
      customer={customer}
      stepPath={(s, query = '') => `${paths.complaintStep(s)}${query}`}
      confirmationPath={paths.complaintConfirmation}
    />
  );
}
