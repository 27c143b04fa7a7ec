import { useTranslation } from 'react-i18next';
import { TrackForm } from '@/features/session';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/app/layout/page-title';

export function Component() {
  const { t } = useTranslation('cases');
  usePageTitle(t('track.title'));
  return <TrackForm casePath={paths.case} casesPath={paths.cases} signInPath={paths.signIn} />;
}
