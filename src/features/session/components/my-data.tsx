import { useTranslation } from 'react-i18next';
import { useErrorText } from '@/components/ui/api-error-text';
import { useExportMyData } from '../api/session';

/**
 * "Download my data" (issue 20.15): everything the back office holds about the signed-in customer or guest —
 * their cases, timelines, letters and files — as one JSON file, made by the back office (exportMyData, through useExportMyData).
 */
export function MyData() {
  const { t } = useTranslation('cases');
  const errorText = useErrorText();
  const download = useExportMyData();
  return (
    <section className="my-data" aria-labelledby="my-data-title">
      <h2 id="my-data-title">{t('myData.title')}</h2>
      <p>{t('myData.intro')}</p>
      <button type="button" className="button button-secondary" onClick={() => download.mutate()} disabled={download.isPending}>
        {download.isPending ? t('myData.preparing') : t('myData.download')}
      </button>
      <div role="status">{download.isSuccess ? t('myData.done', { count: download.data }) : ''}</div>
      {download.isError && (
        <p className="notice notice-error" role="alert">
          {errorText(download.error)}
        </p>
      )}
    </section>
  );
}
