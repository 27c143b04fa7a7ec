import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function SignedOut({ signInPath, trackPath }: { signInPath: string; trackPath: string }) {
  const { t } = useTranslation('cases');
  return (
    <div className="narrow">
      <h1>{t('signedOut.title')}</h1>
      <p>{t('signedOut.body')}</p>
      <p>
        <Link to={signInPath} className="button">
          {t('signedOut.signIn')}
        </Link>
      </p>
      <p>
        <Link to={trackPath}>{t('signedOut.track')}</Link>
      </p>
    </div>
  );
}
