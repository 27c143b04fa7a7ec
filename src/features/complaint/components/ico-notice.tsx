import { useTranslation } from 'react-i18next';

/** A complaint about personal data can also go to the Information Commissioner's Office (ASK4's seed, quoted in src/domain/profiles/ask4.ts). */
export function IcoNotice({ provider }: { provider: string }) {
  const { t } = useTranslation('complaint');
  return (
    <div className="inset">
      <p>{t('ico.body', { provider })}</p>
      <p>
        <a href="https://ico.org.uk/make-a-complaint/" rel="noreferrer" target="_blank">
          {t('ico.link')}
        </a>
      </p>
    </div>
  );
}
