import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { callApi } from '@/api/client';
import { useErrorText } from '@/components/ui/api-error-text';

/**
 * "Download my data" (issue 20.15): everything the back office holds about the signed-in customer or guest —
 * their cases, timelines, letters and files — as one JSON file, made by the back office (exportMyData).
 */
export function MyData() {
  const { t } = useTranslation('cases');
  const errorText = useErrorText();
  const download = useMutation({
    mutationFn: async () => {
      const data = await callApi('exportMyData');
      const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `redress-my-data-${data.exportedAt.slice(0, 10)}.json`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return data.cases.length;
    },
  });
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
