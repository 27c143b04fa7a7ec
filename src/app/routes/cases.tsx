import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CaseList } from '@/features/cases';
import { MyData, sessionQueries } from '@/features/session';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/app/layout/page-title';

export function Component() {
  const { t } = useTranslation('cases');
  usePageTitle(t('list.title'));
  const session = useQuery(sessionQueries.current());
  return (
    <>
      <CaseList casePath={paths.case} signInPath={paths.signIn} trackPath={paths.track} newComplaintPath={paths.newComplaint} />
      {session.data ? <MyData /> : null}
    </>
  );
}
