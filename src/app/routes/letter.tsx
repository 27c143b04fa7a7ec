import { useTranslation } from 'react-i18next';
import { usePageTitle } from '@/app/layout/page-title';
import { LetterPage } from '@/features/adr';

export function Component() {
  const { t } = useTranslation('adr');
  usePageTitle(t('letterPage.title'));
  return <LetterPage />;
}
