import { useTranslation } from 'react-i18next';
import { SignInPage } from '@/features/session';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/app/layout/page-title';

export function Component() {
  const { t } = useTranslation('cases');
  usePageTitle(t('signIn.title'));
  return <SignInPage casesPath={paths.cases} casePath={paths.case} trackPath={paths.track} staffPath={paths.staff} />;
}
