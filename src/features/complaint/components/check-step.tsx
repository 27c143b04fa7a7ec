import { useRef } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '@/components/ui';
import type { ComplaintSubmission } from '@/api/schemas';
import { toSubmission } from '../model/form';
import type { StepId } from '../model/steps';
import { useCheckRows, type QuestionStep, type Row } from './check-rows';
import { StepLayout } from './step-layout';
import type { StepProps } from './step-props';
import { errorCodeOf, useErrorText } from '@/components/ui/api-error-text';

const stepOfPath = (path: string): QuestionStep => (path.startsWith('aboutYou') ? 'about-you' : path.startsWith('complaint') ? 'complaint' : 'evidence');

export function CheckStep({
  draft,
  profile,
  layout,
  changeHref,
  submit,
}: Omit<StepProps<never>, 'onChange' | 'onDone'> & {
  changeHref: (step: StepId, field?: string) => string;
  submit: { send: (submission: ComplaintSubmission) => void; isPending: boolean; error: unknown };
}) {
  const { t, i18n } = useTranslation(['complaint', 'validation', 'errors', 'common']);
  const tz = profile.timeZone;
  const abuse = draft.kind === 'abuseReport';
  const sending = useRef(false);
  const rows = useCheckRows(draft, profile);

  const parsed = toSubmission(draft, tz);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const path = issue.path.join('.');
        return { path, step: stepOfPath(path) };
      });
  const problemSteps = [...new Set(problems.map((p) => p.step))];

  const onSend = () => {
    if (!parsed.success || submit.isPending || sending.current) return;
    sending.current = true;
    // Every message and letter about the case will be in the language the customer complained in.
    submit.send({ ...parsed.data, aboutYou: { ...parsed.data.aboutYou, lng: i18n.language.startsWith('it') ? 'it' : 'en' } });
    // released after this click's events settle; isPending keeps the button disabled from here on
    setTimeout(() => (sending.current = false), 0);
  };

  const section = (heading: string, rows: Row[]) => (
    <>
      <h2 className="summary-heading">{heading}</h2>
      <dl className="summary-list">
        {rows.map((row) => (
          <div key={row.key}>
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
            <dd className="summary-actions">
              <Link to={changeHref(row.step, row.field)}>
                {t('complaint:check.change')}
                <span className="visually-hidden"> {row.label.toLowerCase()}</span>
              </Link>
            </dd>
          </div>
        ))}
      </dl>
    </>
  );

  const submitError = submit.error;
  const errorText = useErrorText();
  const errorCode = submitError ? errorCodeOf(submitError) : null;

  return (
    <StepLayout {...layout} title={t('complaint:check.title')}>
      <ErrorSummary
        title={t('complaint:check.incompleteTitle')}
        errors={problemSteps.map((s) => ({ fieldId: `change-${s}`, message: t(`complaint:check.incomplete.${s}`) }))}
      />
      {problemSteps.map((s) => (
        <p key={s}>
          <Link id={`change-${s}`} to={changeHref(s)}>
            {t(`complaint:check.incompleteLink.${s}`)}
          </Link>
        </p>
      ))}
      {section(t('complaint:aboutYou.title'), rows.about)}
      {section(t('complaint:details.title', { context: abuse ? 'abuse' : undefined }), rows.complaint)}
      {section(t('complaint:evidence.title'), rows.evidence)}
      <h2>{t('complaint:check.sendHeading', { context: abuse ? 'abuse' : undefined })}</h2>
      <p>{t('complaint:check.declaration', { provider: profile.name })}</p>
      {errorCode && (
        <div className="notice notice-error" role="alert" id="submit-error">
          <h3 className="notice-title">{t('complaint:check.failedTitle')}</h3>
          <p>{errorText(submitError)}</p>
          <p>{t('complaint:check.failedKept')}</p>
        </div>
      )}
      <div className="button-group">
        <button type="button" className="button" onClick={onSend} disabled={submit.isPending || !parsed.success} aria-describedby={errorCode ? 'submit-error' : undefined}>
          {submit.isPending ? t('complaint:check.sending') : errorCode ? t('complaint:check.retry') : t('complaint:check.send', { context: abuse ? 'abuse' : undefined })}
        </button>
      </div>
    </StepLayout>
  );
}
