import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { downloadFile } from '@/api/client';
import { staffLetterDoneSchema, type StaffLetter, type StaffLettersQuery } from '@/api/schemas';
import { useErrorText } from '@/components/ui/api-error-text';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Field } from '@/components/ui/field';
import type { ProviderProfile } from '@/domain/profile-schema';
import { staffQueries, useMarkLetterDone } from '../api/staff';
import { dateFormatter, formText } from '../lib/format';
import { staffPaths } from '../lib/paths';
import { useFormErrors } from './form-errors';

type Show = NonNullable<StaffLettersQuery['show']>;
type Channel = NonNullable<StaffLettersQuery['channel']>;
const shows: readonly Show[] = ['toDo', 'failed', 'done'];

/** The provider's calendar date of an instant (YYYY-MM-DD). */
function dayIn(timeZone: string, iso: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

/** What "posted on" offers first: the back office's today (the demo's clock may be moved), never before the letter was written. */
function postedOnFirst(item: StaffLetter, timeZone: string, asOf: string): string {
  const written = dayIn(timeZone, item.createdAt);
  const today = dayIn(timeZone, asOf);
  return written > today ? written : today;
}

/** A date as running text takes it ("posted on 18 January 2027", "spedita il 18 gennaio 2027"): the day first. */
function dayFormatter(locale: string, timeZone: string): (iso: string) => string {
  const f = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone });
  return (iso) => f.format(new Date(iso));
}

function LetterItem({ item, profile, asOf, format }: { item: StaffLetter; profile: ProviderProfile; asOf: string; format: (iso: string) => string }) {
  const { t, i18n } = useTranslation(['staff', 'cases', 'errors']);
  const day = dayFormatter(i18n.language === 'it' ? 'it-IT' : 'en-GB', profile.timeZone);
  const errorText = useErrorText();
  const mark = useMarkLetterDone();
  const [pdfFailed, setPdfFailed] = useState(false);
  const headingId = `letter-${item.id}`;
  const onLabel = t(item.channel === 'letter' ? 'staff:letters.postedOn' : 'staff:letters.calledOn');
  // The day is checked with the schema the back office checks with; a day it refuses (before the letter, in the
  // future) is told beside the field too.
  const form = useFormErrors({ on: { id: `on-${item.id}`, label: onLabel } }, mark.error);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const on = formText(new FormData(e.currentTarget), 'on');
    const input = form.check(staffLetterDoneSchema, { on });
    if (input) mark.mutate({ id: item.id, on: input.on });
  };
  const kind = t(`cases:messages.kinds.${item.kind}` as never, { defaultValue: item.kind });
  const language = t(`staff:letters.languages.${item.lng}`);
  return (
    <li className="letter-item" data-id={item.id} data-channel={item.channel} data-kind={item.kind} data-status={item.status} aria-labelledby={headingId}>
      <h2 id={headingId} className="letter-title">
        {t(`staff:letters.channels.${item.channel}`)}: {kind} — <Link to={staffPaths.case(item.reference)}>{item.reference}</Link>
      </h2>
      <dl className="letter-facts">
        <dt>{t('staff:letters.written')}</dt>
        <dd>
          <time dateTime={item.createdAt}>{format(item.createdAt)}</time>
        </dd>
        <dt>{t(item.channel === 'phone' ? 'staff:letters.phone' : item.channel === 'letter' ? 'staff:letters.address' : 'staff:letters.email')}</dt>
        <dd>{item.recipient}</dd>
        <dt>{t('staff:letters.language')}</dt>
        <dd>{language}</dd>
        {item.status === 'failed' && (
          <>
            <dt>{t('staff:letters.error')}</dt>
            <dd>
              <code>{item.lastError ?? '—'}</code> · {t('staff:letters.attempts', { count: item.attempts })}
            </dd>
          </>
        )}
        {item.doneAt && (
          <>
            <dt>{t('staff:letters.done')}</dt>
            <dd>{t(`cases:messages.status.${item.status}` as never, { date: day(item.doneAt) })}</dd>
          </>
        )}
      </dl>
      {item.channel === 'phone' && item.status === 'toCall' && (
        <div className="call-script">
          <h3>{t('staff:letters.scriptHeading')}</h3>
          <ol>
            <li>{t('staff:letters.script1', { phone: item.recipient, provider: profile.name, reference: item.reference })}</li>
            <li>{t('staff:letters.script2', { language })}</li>
            <li>{t('staff:letters.script3')}</li>
          </ol>
        </div>
      )}
      {item.text && (
        <details>
          <summary>{t(item.channel === 'phone' ? 'staff:letters.whatToSay' : 'staff:letters.text')}</summary>
          <pre className="mail-text" lang={item.lng}>
            {item.subject ? `${item.subject}\n\n` : ''}
            {item.text}
          </pre>
        </details>
      )}
      <ErrorSummary id={`on-${item.id}-summary`} errors={form.summary} focusKey={form.focusKey} />
      <div className="letter-actions">
        {item.channel === 'letter' && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setPdfFailed(false);
              downloadFile('getCaseMessagePdf', { reference: item.reference, id: item.id }, `${item.reference}-${item.kind}-${item.createdAt.slice(0, 10)}.pdf`).catch(() => setPdfFailed(true));
            }}
          >
            {t('staff:letters.pdf')}
          </button>
        )}
        {(item.status === 'toPost' || item.status === 'toCall') && (
          <form className="inline-form" onSubmit={onSubmit} noValidate>
            <Field {...form.field('on')}>
              <input name="on" type="date" className="input input-short" defaultValue={postedOnFirst(item, profile.timeZone, asOf)} required />
            </Field>
            <button type="submit" className="button" disabled={mark.isPending}>
              {t(item.channel === 'letter' ? 'staff:letters.markPosted' : 'staff:letters.markCalled')}
            </button>
          </form>
        )}
      </div>
      {pdfFailed && (
        <p className="notice notice-error" role="alert">
          {t('cases:messages.pdfFailed')}
        </p>
      )}
      {mark.isError && !form.byField && (
        <p className="notice notice-error" role="alert">
          {errorText(mark.error)}
        </p>
      )}
    </li>
  );
}

/**
 * Letters to post and calls to make, the oldest first, and the emails that could not be delivered
 * (docs/decisions/0141-letters-and-calls.md): download each letter as a PDF, record it posted on a day (or the call
 * made); the case then shows "posted on …" to the customer and to staff.
 */
export function LettersPage({ profile }: { profile: ProviderProfile }) {
  const { t, i18n } = useTranslation(['staff', 'errors']);
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const show: Show = shows.find((s) => s === params.get('show')) ?? 'toDo';
  const channelParam = params.get('channel');
  const channel: Channel | undefined = channelParam === 'letter' || channelParam === 'phone' ? channelParam : undefined;
  const list = useQuery(staffQueries.letters({ show, ...(channel ? { channel } : {}) }));
  const format = dateFormatter(i18n.language === 'it' ? 'it-IT' : 'en-GB', profile.timeZone, false);
  const change = (next: Record<string, string | undefined>) => {
    const out = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) out.set(k, v);
      else out.delete(k);
    }
    setParams(out);
  };
  const counts = list.data?.counts;
  return (
    <>
      <h1>{t('staff:letters.title')}</h1>
      <p className="lead">{t('staff:letters.lead')}</p>
      <nav aria-label={t('staff:letters.views')} className="letters-views">
        <ul className="plain-list inline-list">
          {shows.map((s) => (
            <li key={s}>
              <Link to={`?show=${s}${channel ? `&channel=${channel}` : ''}`} aria-current={s === show ? 'page' : undefined} className="sub-navigation-link">
                {t(`staff:letters.show.${s}`)}
                {counts && s !== 'done' ? ` (${counts[s]})` : ''}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {show !== 'failed' && (
        <div className="form-group">
          <label className="label" htmlFor="letters-channel">
            {t('staff:letters.channelFilter')}
          </label>
          <select id="letters-channel" className="select" value={channel ?? ''} onChange={(e) => change({ channel: e.target.value || undefined })}>
            <option value="">{t('staff:letters.allChannels')}</option>
            <option value="letter">{t('staff:letters.channels.letter')}</option>
            <option value="phone">{t('staff:letters.channels.phone')}</option>
          </select>
        </div>
      )}
      {show === 'failed' && <p>{t('staff:letters.failedLead')}</p>}
      {list.isPending && <p role="status">{t('staff:letters.loading')}</p>}
      {list.isError && (
        <p className="notice notice-error" role="alert">
          {errorText(list.error)}
        </p>
      )}
      {list.data && list.data.items.length === 0 && <p>{t(`staff:letters.none.${show}`)}</p>}
      {list.data && list.data.items.length > 0 && (
        <ol className="plain-list letters-list">
          {list.data.items.map((item) => (
            <LetterItem key={item.id} item={item} profile={profile} asOf={list.data.asOf} format={format} />
          ))}
        </ol>
      )}
    </>
  );
}
