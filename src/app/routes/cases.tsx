import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { caseQueries, CaseList, listFilterOf, listStageIds, readListParams } from '@/features/cases';
import { getProfile } from '@/domain/profiles';
import { currentProviderId } from '@/lib/provider';
import { prefetchFirstScreen } from '@/lib/first-screen';
import { InvitationOffers } from '@/features/organisation';
import { MyData, sessionQueries, useSessionChanged } from '@/features/session';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/app/layout/page-title';

// The first screen's data and translations, asked for while the app boots (issue 21.10).
prefetchFirstScreen('cases', ['cases', 'errors'], (client, _match, search) => [
  client.prefetchQuery(sessionQueries.current()),
  client.prefetchInfiniteQuery(caseQueries.list(listFilterOf(readListParams(search, listStageIds(getProfile(currentProviderId())))))),
]);

export function Component() {
  const { t } = useTranslation('cases');
  usePageTitle(t('list.title'));
  const session = useQuery(sessionQueries.current());
  const changed = useSessionChanged();
  // A signed-in customer outside any organisation answers an invitation here, above their cases.
  const invitable = session.data?.scope.kind === 'customer' && !session.data.scope.customer.organisationId;
  return (
    <>
      <CaseList
        casePath={paths.case}
        signInPath={paths.signIn}
        trackPath={paths.track}
        newComplaintPath={paths.newComplaint}
        notices={invitable ? <InvitationOffers onJoined={changed} /> : null}
      />
      {session.data ? <MyData /> : null}
    </>
  );
}
