import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { changeLanguage, languages, type Language } from '@/lib/i18n';

const names: Record<Language, string> = { en: 'English', it: 'Italiano' };

/** Each language is named in itself, so a reader of either can find theirs. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation('common');
  const [searchParams, setSearchParams] = useSearchParams();
  const choose = (lng: Language) => {
    void changeLanguage(lng);
    // An address that names a language keeps naming the one chosen, so a reload keeps it.
    if (searchParams.has('lng')) {
      setSearchParams(
        (params) => {
          params.set('lng', lng);
          return params;
        },
        { replace: true, preventScrollReset: true },
      );
    }
  };
  return (
    <nav aria-label={t('shell.language')} className="language-switch">
      <ul>
        {languages.map((lng) => (
          <li key={lng}>
            {i18n.language === lng ? (
              <span aria-current="true" lang={lng}>
                {names[lng]}
              </span>
            ) : (
              <button type="button" className="link-button" lang={lng} onClick={() => choose(lng)}>
                {names[lng]}
              </button>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
