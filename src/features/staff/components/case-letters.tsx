import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '@/api/client';
import { staffQueries } from '../api/staff';

/** The case's letters log as staff see it (decisions 0140, 0141): each message, its channel and status ("posted on …"), and each letter's PDF. */
export function CaseLetters({ reference, timeZone, format }: { reference: string; timeZone: string; format: { dateTime: (iso: string) => string } }) {
  const { t, i18n } = useTranslation(['staff', 'cases']);
  // "posted on 18 January 2027", "spedita il 18 gennaio 2027": the day first, as running text takes it.
  const day = new Intl.DateTimeFormat(i18n.language === 'it' ? 'it-IT' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone });
  const messages = useQuery(staffQueries.caseMessages(reference));
  const list = messages.data ? [...messages.data.messages].reverse() : [];
  const [failed, setFailed] = useState<string | null>(null);
  return (
    <section aria-labelledby="letters-heading" className="case-section">
      <h2 id="letters-heading">{t('staff:letters.onCase.heading')}</h2>
      {messages.data && list.length === 0 && <p>{t('staff:letters.onCase.none')}</p>}
      {list.length > 0 && (
        <ol className="plain-list case-messages">
          {list.map((m) => (
            <li key={m.id} data-channel={m.channel} data-kind={m.kind} data-status={m.status}>
              <h3 className="timeline-title">{m.subject ?? t(`cases:messages.kinds.${m.kind}` as never, { defaultValue: m.kind })}</h3>
              <p className="timeline-meta">
                {t(`cases:messages.channels.${m.channel}`)} · {t('staff:letters.onCase.to', { recipient: m.recipient })} · <time dateTime={m.createdAt}>{format.dateTime(m.createdAt)}</time>
                {' · '}
                {t(`cases:messages.status.${m.status}`, { date: m.doneAt ? day.format(new Date(m.doneAt)) : '' })}
                {m.channel === 'letter' && (
                  <>
                    {' · '}
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        setFailed(null);
                        downloadFile('getCaseMessagePdf', { reference, id: m.id }, `${reference}-${m.kind}-${m.createdAt.slice(0, 10)}.pdf`).catch(() => setFailed(m.id));
                      }}
                    >
                      {t('staff:letters.pdf')}
                    </button>
                  </>
                )}
              </p>
              {failed === m.id && (
                <p className="notice notice-error" role="alert">
                  {t('cases:messages.pdfFailed')}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
