import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { callApi } from '@/api/client';
import { useErrorText } from '@/components/ui/api-error-text';
import { usePageTitle } from '@/app/layout/page-title';
import { currentProviderId } from '@/lib/provider';

/**
 * Demo builds only (the router adds this route under the literal __MOCKING__ flag): the mails the simulated
 * back office has "sent" — sign-in codes and links — newest first, so the demo can be signed in to for real.
 */
export function Component() {
  const { t, i18n } = useTranslation(['cases', 'errors']);
  usePageTitle(t('cases:mailbox.title'));
  const errorText = useErrorText();
  const mailbox = useQuery({ queryKey: ['demo-mailbox', currentProviderId()], queryFn: ({ signal }) => callApi('demoMailbox', { signal }), refetchInterval: 3000 });
  const when = new Intl.DateTimeFormat(i18n.language === 'it' ? 'it-IT' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
  return (
    <div className="narrow">
      <h1>{t('cases:mailbox.title')}</h1>
      <p className="lead">{t('cases:mailbox.lead')}</p>
      <button type="button" className="button button-secondary" onClick={() => void mailbox.refetch()}>
        {t('cases:mailbox.refresh')}
      </button>
      {mailbox.isError && (
        <div className="notice notice-error" role="alert">
          {errorText(mailbox.error)}
        </div>
      )}
      {mailbox.data?.mails.length === 0 && <p>{t('cases:mailbox.empty')}</p>}
      {mailbox.data && mailbox.data.mails.length > 0 && (
        <ol className="plain-list" aria-label={t('cases:mailbox.title')}>
          {mailbox.data.mails.map((mail) => (
            <li key={mail.id}>
              <article aria-labelledby={`mail-${mail.id}`}>
                <h2 id={`mail-${mail.id}`}>{mail.subject}</h2>
                <p className="hint">
                  {t('cases:mailbox.to')}: {mail.to} · {t('cases:mailbox.sent')}: <time dateTime={mail.sentAt}>{when.format(new Date(mail.sentAt))}</time>
                </p>
                <pre className="mail-text" lang={mail.lng}>
                  {mail.text}
                </pre>
              </article>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
