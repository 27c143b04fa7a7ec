import { useTranslation } from 'react-i18next';
import { usePageTitle } from '@/app/layout/page-title';
import { ReferPage } from '@/features/adr';

export function Component() {
  const { t } = useTranslation('adr');
  usePageTitle(t('refer.pageTitle'));
  return <ReferPage />;
}
