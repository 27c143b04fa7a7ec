import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CaseList } from '@/features/cases';
import { InvitationOffers } from '@/features/organisation';
import { MyData, sessionQueries, useSessionChanged } from '@/features/session';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/app/layout/page-title';

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
