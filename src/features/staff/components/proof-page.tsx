import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { callApi } from '@/api/client';
import { staffPeriodQuerySchema, type RegisterRow, type StaffComplianceResponse } from '@/api/schemas';
import { useErrorText } from '@/components/ui/api-error-text';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Field } from '@/components/ui/field';
import { toCsv } from '@/domain/compliance';
import type { ProviderProfile } from '@/domain/profile-schema';
import { clockKey, stageKey } from '@/lib/provider-keys';
import { staffQueries } from '../api/staff';
import { dateFormatter, formText } from '../lib/format';
import { useFormErrors } from './form-errors';
import { StaffTable } from './staff-table';
import { saveFile } from '@/lib/save-file';

/**
 * The provider's proof (issue 23.7, docs/decisions/0131-register-and-compliance-report.md): the compliance report for
 * a period — each clock's share met on time as a bar beside its table row, the ADR letters and referrals — and the
 * complaints register it comes from, downloadable as CSV. Every figure is the core's; the page only draws them.
 * Printable: the print style sheet keeps the report and drops the controls.
 */

type T = ReturnType<typeof useTranslation<readonly ['staff', 'providers', 'cases']>>['t'];

const percent = (share: number | null, locale: string) => (share === null ? '—' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share));
const days = (hours: number | null, locale: string) => (hours === null ? '—' : new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(hours / 24));

/** One horizontal bar per clock: the share met on time (accessible name: the same words as the table's row). */
function ShareBars({ report, profile, t, locale }: { report: StaffComplianceResponse; profile: ProviderProfile; t: T; locale: string }) {
  const rows = report.clocks.filter((c) => c.counted > 0);
  if (rows.length === 0) return null;
  const rowHeight = 46;
  return (
    <svg className="share-bars" role="img" aria-labelledby="share-bars-title" viewBox={`0 0 600 ${rows.length * rowHeight}`} width="100%" preserveAspectRatio="xMinYMin meet">
      <title id="share-bars-title">{t('staff:proof.chartTitle')}</title>
      {rows.map((c, i) => {
        const share = c.share ?? 0;
        const label = `${t(stageKey(profile.id, c.stageId, 'name'))} — ${t(clockKey(profile.id, c.clockId))}`;
        return (
          <g key={`${c.stageId}/${c.clockId}`} transform={`translate(0 ${i * rowHeight})`}>
            <title>{t('staff:proof.barLabel', { label, share: percent(c.share, locale), met: c.metOnTime, counted: c.counted })}</title>
            <text x="0" y="15" className="share-label">
              {label}
            </text>
            <rect x="0" y="21" width="520" height="18" className="share-track" />
            <rect x="0" y="21" width={520 * share} height="18" className="share-bar" />
            <text x="528" y="35" className="share-value">
              {percent(c.share, locale)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** A key made from data (a message kind, a channel, a scheme): its text, or the id itself when there is none. */
const text = (t: T, key: string, fallback: string): string => String(t(key as never, { defaultValue: fallback }));
const letterKind = (t: T, kind: string) => text(t, `staff:proof.letterKinds.${kind}`, kind);
const schemeName = (t: T, id: string) => text(t, `providers:schemes.${id}.name`, id);

function registerCsv(rows: readonly RegisterRow[], profile: ProviderProfile, t: T): string {
  const clockText = (r: RegisterRow) =>
    r.clocks
      .map((c) => `${t(stageKey(profile.id, c.stageId, 'name'))} / ${t(clockKey(profile.id, c.clockId))}: ${t('staff:proof.csv.due')} ${c.dueAt ?? '—'}; ${t('staff:proof.csv.met')} ${c.metAt ?? '—'}`)
      .join(' | ');
  return toCsv([
    [t('staff:proof.columns.reference'), t('staff:proof.columns.received'), t('staff:proof.columns.channel'), t('staff:proof.columns.category'), t('staff:proof.columns.customerKind'), t('staff:proof.columns.supportNeeds'), t('staff:proof.columns.stages'), t('staff:proof.columns.clocks'), t('staff:proof.columns.letters'), t('staff:proof.columns.referral'), t('staff:proof.columns.outcome')],
    ...rows.map((r) => [
      r.reference,
      r.received,
      t(`staff:channels.${r.channel}`),
      t(`cases:categories.${r.category}` as never),
      t(`staff:proof.customerKinds.${r.customerKind}` as never),
      r.supportNeeds ? t('staff:proof.yes') : t('staff:proof.no'),
      r.stages.map((s) => t(stageKey(profile.id, s, 'name'))).join(' → '),
      clockText(r),
      r.letters.map((l) => `${letterKind(t, l.kind)} (${text(t, `staff:replyMethods.${l.channel}`, l.channel)}) ${l.at}`).join(' | '),
      r.referral ? `${schemeName(t, r.referral.schemeId)} ${r.referral.referredAt}` : '',
      t(`cases:status.${r.outcome}`),
    ]),
  ]);
}

const download = (name: string, text: string) => saveFile(text, name, 'text/csv;charset=utf-8');

/** The compliance report for the period: each clock's share met on time (bars and table), the ADR letters, the referrals. */
function ComplianceReport({ report: r, profile, date }: { report: StaffComplianceResponse; profile: ProviderProfile; date: (iso: string) => string }) {
  const { t } = useTranslation(['staff', 'providers', 'cases', 'common']);
  const locale = t('common:locale');
  return (
    <section aria-labelledby="compliance-heading">
      <h2 id="compliance-heading">{t('staff:proof.reportHeading', { from: date(`${r.from}T12:00:00Z`), to: date(`${r.to}T12:00:00Z`) })}</h2>
      <p>{t('staff:proof.cases', { count: r.cases })}</p>
      <h3>{t('staff:proof.clocksHeading')}</h3>
      <div className="proof-chart">
        <ShareBars report={r} profile={profile} t={t} locale={locale} />
        <StaffTable caption={t('staff:proof.clocksHeading')} region={t('staff:proof.clocksHeading')} testId="compliance-clocks" columns={[t('staff:proof.columns.clock'), t('staff:proof.columns.share'), t('staff:proof.columns.metOnTime'), t('staff:proof.columns.metLate'), t('staff:proof.columns.missed'), t('staff:proof.columns.median'), t('staff:proof.columns.p90')]}>
          {r.clocks.map((c) => (
            <tr key={`${c.stageId}/${c.clockId}`} data-clock={`${c.stageId}/${c.clockId}`}>
              <th scope="row">
                {t(stageKey(profile.id, c.stageId, 'name'))} — {t(clockKey(profile.id, c.clockId))}
              </th>
              <td data-share>{percent(c.share, locale)}</td>
              <td>{c.metOnTime}</td>
              <td>{c.metLate}</td>
              <td>{c.missed}</td>
              <td>{days(c.medianHours, locale)}</td>
              <td>{days(c.p90Hours, locale)}</td>
            </tr>
          ))}
        </StaffTable>
      </div>
      <p className="hint">{t('staff:proof.timesHint')}</p>
      <h3>{t('staff:proof.adrHeading')}</h3>
      <table className="table table-narrow" data-testid="compliance-adr">
        <caption className="visually-hidden">{t('staff:proof.adrHeading')}</caption>
        <tbody>
          <tr>
            <th scope="row">{t('staff:proof.adrOnTime')}</th>
            <td>{r.adrLetters.onTime}</td>
          </tr>
          <tr>
            <th scope="row">{t('staff:proof.adrLate')}</th>
            <td>{r.adrLetters.late}</td>
          </tr>
          <tr>
            <th scope="row">{t('staff:proof.adrMissing')}</th>
            <td>{r.adrLetters.missing}</td>
          </tr>
        </tbody>
      </table>
      <h3>{t('staff:proof.referralsHeading')}</h3>
      {r.referrals.length === 0 ? (
        <p>{t('staff:proof.noReferrals')}</p>
      ) : (
        <table className="table table-narrow">
          <caption className="visually-hidden">{t('staff:proof.referralsHeading')}</caption>
          <tbody>
            {r.referrals.map((x) => (
              <tr key={x.schemeId}>
                <th scope="row">{schemeName(t, x.schemeId)}</th>
                <td>{x.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The complaints register: one row per complaint received in the period, with its clocks, letters and outcome. */
function RegisterTable({ rows, profile, date }: { rows: readonly RegisterRow[]; profile: ProviderProfile; date: (iso: string) => string }) {
  const { t } = useTranslation(['staff', 'providers', 'cases']);
  return (
    <StaffTable caption={t('staff:proof.registerHeading')} region={t('staff:proof.registerHeading')} className="register-table" columns={[t('staff:proof.columns.reference'), t('staff:proof.columns.received'), t('staff:proof.columns.channel'), t('staff:proof.columns.category'), t('staff:proof.columns.clocks'), t('staff:proof.columns.letters'), t('staff:proof.columns.outcome')]}>
      {rows.map((row) => (
        <tr key={row.reference}>
          <th scope="row" className="nowrap">
            {row.reference}
          </th>
          <td className="nowrap">{date(row.received)}</td>
          <td>{t(`staff:channels.${row.channel}`)}</td>
          <td>{t(`cases:categories.${row.category}` as never)}</td>
          <td>
            <ul className="plain-list">
              {row.clocks.map((c) => (
                <li key={`${c.stageId}/${c.clockId}`}>
                  {t(clockKey(profile.id, c.clockId))}: {t(`staff:proof.states.${c.state}`)}
                  {c.dueAt ? ` · ${t('staff:proof.csv.due')} ${date(c.dueAt)}` : ''}
                  {c.metAt ? ` · ${t('staff:proof.csv.met')} ${date(c.metAt)}` : ''}
                </li>
              ))}
            </ul>
          </td>
          <td>
            <ul className="plain-list">
              {row.letters.map((l, i) => (
                <li key={i}>
                  {letterKind(t, l.kind)} · {date(l.at)}
                </li>
              ))}
            </ul>
          </td>
          <td>{t(`cases:status.${row.outcome}`)}</td>
        </tr>
      ))}
    </StaffTable>
  );
}

export function ProofPage({ profile, today }: { profile: ProviderProfile; today: string }) {
  const { t } = useTranslation(['staff', 'providers', 'cases', 'common', 'errors']);
  const errorText = useErrorText();
  const locale = t('common:locale');
  const date = dateFormatter(locale, profile.timeZone, false);
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? `${today.slice(0, 8)}01`;
  const to = params.get('to') ?? today;
  const query = { from, to };
  const report = useQuery({ queryKey: [...staffQueries.all(), 'compliance', query], queryFn: ({ signal }) => callApi('staffCompliance', { signal, query }) });
  const register = useQuery({ queryKey: [...staffQueries.all(), 'register', query], queryFn: ({ signal }) => callApi('staffRegister', { signal, query }) });
  // The period is checked with the schema the back office checks with; a period from the address that it refuses
  // (the last day before the first) is told beside its field too.
  const form = useFormErrors({ from: { id: 'period-from', label: t('staff:proof.from') }, to: { id: 'period-to', label: t('staff:proof.to') } }, report.error);
  return (
    <div className="proof">
      <h1>{t('staff:proof.title')}</h1>
      <p className="lead">{t('staff:proof.lead')}</p>
      <ErrorSummary id="period-summary" errors={form.summary} focusKey={form.focusKey} />
      <form
        className="period-form no-print"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const d = new FormData(e.currentTarget);
          const period = { from: formText(d, 'from'), to: formText(d, 'to') };
          const input = form.check(staffPeriodQuerySchema, period);
          if (input) setParams(input);
        }}
      >
        <Field {...form.field('from')}>
          <input name="from" type="date" className="input input-medium" defaultValue={from} required />
        </Field>
        <Field {...form.field('to')}>
          <input name="to" type="date" className="input input-medium" defaultValue={to} required />
        </Field>
        <button type="submit" className="button button-secondary">
          {t('staff:proof.show')}
        </button>{' '}
        <button type="button" className="button button-secondary" onClick={() => window.print()}>
          {t('staff:proof.print')}
        </button>
      </form>
      {report.isError && !form.byField && (
        <div className="notice notice-error" role="alert">
          {errorText(report.error)}
        </div>
      )}
      {report.data && <ComplianceReport report={report.data} profile={profile} date={date} />}
      <section aria-labelledby="register-heading">
        <h2 id="register-heading">{t('staff:proof.registerHeading')}</h2>
        {register.isError && !form.byField && (
          <div className="notice notice-error" role="alert">
            {errorText(register.error)}
          </div>
        )}
        {register.data && (
          <>
            <p className="no-print">
              <button type="button" className="button" onClick={() => download(`register-${register.data.from}-${register.data.to}.csv`, registerCsv(register.data.rows, profile, t))}>
                {t('staff:proof.downloadCsv')}
              </button>
            </p>
            {register.data.rows.length === 0 ? (
              <p>{t('staff:proof.noCases')}</p>
            ) : (
              <RegisterTable rows={register.data.rows} profile={profile} date={date} />
            )}
          </>
        )}
      </section>
    </div>
  );
}
