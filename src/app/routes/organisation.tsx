import { useTranslation } from 'react-i18next';
import { OrganisationPage } from '@/features/organisation';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/app/layout/page-title';

export function Component() {
  const { t } = useTranslation('cases');
  usePageTitle(t('organisation.title'));
  return <OrganisationPage signInPath={paths.signIn} />;
}
