import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { OrganisationPage } from '@/features/organisation';
import { sessionQueries, useSessionChanged } from '@/features/session';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/app/layout/page-title';

export function Component() {
  const { t } = useTranslation('cases');
  usePageTitle(t('organisation.title'));
  const session = useQuery(sessionQueries.current());
  const changed = useSessionChanged();
  const customer = session.isPending ? undefined : session.data?.scope.kind === 'customer' ? session.data.scope.customer : null;
  return <OrganisationPage signInPath={paths.signIn} customer={customer} onMembershipChanged={changed} />;
}
