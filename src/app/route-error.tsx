import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';
import { paths } from '@/lib/paths';
import { usePageTitle } from './layout/page-title';

/** Something broke while showing a page: say so in the user's language, inside the shell. */
export function RouteError() {
  const { t } = useTranslation('common');
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  usePageTitle(notFound ? t('notFound.title') : t('error.title'));
  return (
    <div className="narrow">
      <h1>{notFound ? t('notFound.title') : t('error.title')}</h1>
      <p>{notFound ? t('notFound.body') : t('error.body')}</p>
      <p>
        <Link to={paths.home}>{t('error.home')}</Link>
      </p>
    </div>
  );
}
