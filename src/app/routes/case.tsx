import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { caseQueries, CasePage } from '@/features/cases';
import { AdrPanel } from '@/features/adr';
import { ShareCase } from '@/features/organisation';
import { sessionQueries } from '@/features/session';
import { paths } from '@/lib/paths';
import { prefetchFirstScreen } from '@/lib/first-screen';
import { usePageTitle } from '@/app/layout/page-title';

// The first screen's data and translations, asked for while the app boots (issue 21.10).
prefetchFirstScreen('case', ['cases', 'errors', 'adr'], (client, [, reference]) => {
  const ref = decodeURIComponent(reference ?? '');
  return [client.prefetchQuery(sessionQueries.current()), client.prefetchQuery(caseQueries.detail(ref)), client.prefetchQuery(caseQueries.timeline(ref))];
});

export function Component() {
  const { t } = useTranslation('cases');
  const reference = useParams().reference ?? '';
  const query = useQuery(caseQueries.detail(reference));
  const session = useQuery(sessionQueries.current());
  const queryClient = useQueryClient();
  const customer = session.data?.scope.kind === 'customer' ? session.data.scope.customer : null;
  usePageTitle(
    query.data
      ? `${query.data.case.complaint.summary} (${query.data.case.reference})`
      : query.isError
        ? t('case.notFoundTitle')
        : t('case.caption', { reference }),
  );
  return (
    <CasePage
      reference={reference}
      casesPath={paths.cases}
      signInPath={paths.signIn}
      trackPath={paths.track}
      homePath={paths.home}
      letterPath={paths.letter}
      renderNextSteps={(caseData, asOf) => <AdrPanel caseData={caseData} asOf={asOf} />}
      renderSharing={(caseData) =>
        customer ? <ShareCase caseData={caseData} customer={customer} onShared={() => void queryClient.invalidateQueries({ queryKey: caseQueries.all() })} /> : null
      }
    />
  );
}
