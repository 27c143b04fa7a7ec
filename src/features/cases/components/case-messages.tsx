import { useState } from 'react';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { callApi, downloadFile } from '@/api/client';
import type { Case, CaseMessage } from '@/api/schemas';
import type { ProviderProfile } from '@/domain/profile-schema';
import { useErrorText } from '@/components/ui/api-error-text';
import { caseQueries, useSetEmailUpdates } from '../api/case-queries';
import { useFormatters } from './use-formatters';

/**
 * The letters log (decision 0140): every message and letter about the case — channel, date, recipient and the
 * copy as sent — and the case's upcoming deadlines as a calendar file. Under the case's own query key, so whatever
 * changes the case refreshes it.
 */
export const caseMessagesQuery = (reference: string) =>
  queryOptions({
    queryKey: [...caseQueries.all(), 'messages', reference] as const,
    queryFn: ({ signal }) => callApi('listCaseMessages', { params: { reference }, signal }),
  });

function StatusText({ m, profile }: { m: CaseMessage; profile: ProviderProfile }) {
  const { t, i18n } = useTranslation('cases');
  // The day first, as running text takes a date: "posted on 18 January 2027", "spedita il 18 gennaio 2027".
  const when = m.doneAt ? new Intl.DateTimeFormat(i18n.language === 'it' ? 'it-IT' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: profile.timeZone }).format(new Date(m.doneAt)) : '';
  return <>{t(`messages.status.${m.status}`, { date: when })}</>;
}

/** A customer who chose letters or calls can add email updates (or stop them) here (decision 0141). */
function EmailUpdates({ reference, aboutYou }: { reference: string; aboutYou: Case['aboutYou'] }) {
  const { t } = useTranslation('cases');
  const errorText = useErrorText();
  const set = useSetEmailUpdates(reference);
  if (aboutYou.replyBy === 'email' || !aboutYou.email) return null;
  const on = aboutYou.emailUpdates ?? false;
  return (
    <div className="email-updates">
      <p>{t(on ? 'messages.emailUpdates.on' : 'messages.emailUpdates.off', { channel: t(`messages.emailUpdates.by.${aboutYou.replyBy}`), email: aboutYou.email })}</p>
      <button type="button" className="button button-secondary" disabled={set.isPending} onClick={() => set.mutate(!on)}>
        {t(on ? 'messages.emailUpdates.stop' : 'messages.emailUpdates.start')}
      </button>
      {set.isSuccess && (
        <p role="status" className="notice notice-success">
          {t(on ? 'messages.emailUpdates.started' : 'messages.emailUpdates.stopped', { channel: t(`messages.emailUpdates.by.${aboutYou.replyBy}`) })}
        </p>
      )}
      {set.isError && (
        <p role="alert" className="notice notice-error">
          {errorText(set.error)}
        </p>
      )}
    </div>
  );
}

export function CaseMessages({ reference, profile, aboutYou }: { reference: string; profile: ProviderProfile; aboutYou?: Case['aboutYou'] }) {
  const { t } = useTranslation('cases');
  const fmt = useFormatters(profile);
  const errorText = useErrorText();
  const messages = useQuery(caseMessagesQuery(reference));
  const [calendarFailed, setCalendarFailed] = useState(false);
  const [pdfFailed, setPdfFailed] = useState<string | null>(null);
  const downloadCalendar = () => {
    setCalendarFailed(false);
    downloadFile('getCaseCalendar', { reference }, `${reference}.ics`).catch(() => setCalendarFailed(true));
  };
  const downloadLetter = (m: CaseMessage) => {
    setPdfFailed(null);
    downloadFile('getCaseMessagePdf', { reference, id: m.id }, `${reference}-${m.kind}-${m.createdAt.slice(0, 10)}.pdf`).catch(() => setPdfFailed(m.id));
  };
  const list = messages.data ? [...messages.data.messages].reverse() : [];
  return (
    <section aria-labelledby="messages-heading" className="case-section">
      <h2 id="messages-heading">{t('messages.heading')}</h2>
      <p>
        <button type="button" className="button button-secondary" onClick={downloadCalendar}>
          {t('messages.calendar')}
        </button>
      </p>
      {calendarFailed && (
        <p className="notice notice-error" role="alert">
          {t('messages.calendarFailed')}
        </p>
      )}
      {aboutYou && <EmailUpdates reference={reference} aboutYou={aboutYou} />}
      {messages.isPending && <p role="status">{t('messages.loading')}</p>}
      {messages.isError && (
        <div className="notice notice-error" role="alert">
          <p>{errorText(messages.error)}</p>
          <button type="button" className="button button-secondary" onClick={() => void messages.refetch()}>
            {t('retry')}
          </button>
        </div>
      )}
      {messages.data && list.length === 0 && <p>{t('messages.none')}</p>}
      {list.length > 0 && (
        <ol className="plain-list case-messages">
          {list.map((m) => (
            <li key={m.id} data-channel={m.channel} data-kind={m.kind} data-status={m.status}>
              <h3 className="timeline-title">{m.subject ?? t(`messages.kinds.${m.kind}`, { defaultValue: m.kind })}</h3>
              <p className="timeline-meta">
                {t(`messages.channels.${m.channel}`)} · {t('messages.to', { recipient: m.recipient })} · <time dateTime={m.createdAt}>{fmt.dateTime(new Date(m.createdAt))}</time>
                {' · '}
                <StatusText m={m} profile={profile} />
              </p>
              {m.text && (
                <details>
                  <summary>{t('messages.copy')}</summary>
                  <pre className="mail-text" lang={m.lng}>
                    {m.text}
                  </pre>
                </details>
              )}
              {m.channel === 'letter' && (
                <p>
                  <button type="button" className="button button-secondary" onClick={() => downloadLetter(m)}>
                    {t('messages.pdf')}
                  </button>
                </p>
              )}
              {pdfFailed === m.id && (
                <p className="notice notice-error" role="alert">
                  {t('messages.pdfFailed')}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
