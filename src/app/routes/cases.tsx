import { useTranslation } from 'react-i18next';
import { CaseList } from '@/features/cases';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/app/layout/page-title';

export function Component() {
  const { t } = useTranslation('cases');
  usePageTitle(t('list.title'));
  return <CaseList casePath={paths.case} signInPath={paths.signIn} trackPath={paths.track} newComplaintPath={paths.newComplaint} />;
}
