import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { z } from '@/domain/zod';
import { LIMITS, escalationReasonSchema, type Case } from '@/api/schemas';
import { paths } from '@/lib/paths';
import { clockPeriods } from '@/lib/clock-periods';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Field } from '@/components/ui/field';
import { Radios } from '@/components/ui/radios';
import { createCalendar } from '@/domain/clocks';
import { stageClockStart } from '@/domain/case-clocks';
import { isOpen, nextStageId, providerMovesTo } from '@/domain/cases';
import { letterContext } from '@/lib/letter-context';
import { getProfile, getStage } from '@/domain/profiles';
import type { ProviderProfile, Stage } from '@/domain/profile-schema';
import { useEscalate, useRequestLetter, type AdrFlash } from '../api/adr-queries';
import { formatters } from '../lib/format';
import { buildEscalationLetter } from '../lib/letters';
import { useDocumentT } from '../lib/use-document-t';
import { BackToCase, CaseLoader } from './case-loader';
import { DocView } from './doc-view';
import { errorMessage } from './messages';
import { PdfButtons } from './pdf-buttons';
import { oneOf } from '@/lib/one-of';
import { clockFromKey, clockKey, stageKey } from '@/lib/provider-keys';

const formSchema = z
  .object({
    reason: escalationReasonSchema.nullish(),
    details: z.string().trim().max(LIMITS.textMax, { error: 'detailsTooLong' }).optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'reasonRequired' });
    if (v.reason === 'other' && !v.details) ctx.addIssue({ code: 'custom', path: ['details'], message: 'detailsRequired' });
  });
/** The messages formSchema gives, each with its text under adr:escalate. */
const isFormMessage = oneOf(['reasonRequired', 'detailsRequired', 'detailsTooLong'] as const);
type FormValues = z.input<typeof formSchema>;

export function EscalatePage() {
  const { reference = '' } = useParams();
  return (
    <div className="narrow adr-page">
      <BackToCase reference={reference} />
      <CaseLoader reference={reference}>{(c, asOf) => <EscalateForm c={c} asOf={asOf} />}</CaseLoader>
    </div>
  );
}

/** The next stage's clocks, each as a sentence: with its due date when it runs from the stage's start. */
function useNextStageClocks(profile: ProviderProfile, next: Stage | undefined, asOf: string): { id: string; text: string }[] {
  const { t } = useTranslation(['adr', 'providers', 'common']);
  const provider = profile.name;
  const f = formatters(t('common:locale'), profile.timeZone);
  return useMemo(() => {
    if (!next) return [];
    const cal = createCalendar(profile);
    return next.clocks.map((clock) => {
      const from = clock.from === 'stageStart' ? '' : t('common:procedure.fromClock', { clock: t(clockFromKey(profile.id, clock.from)) });
      const due = clock.from === 'stageStart' ? cal.dueDate(clock, stageClockStart(profile, next.id, new Date(asOf))) : null;
      const values = {
        what: t(clockKey(profile.id, clock.id)),
        period: t(`common:clockUnits.${clock.unit}`, { count: clock.amount }),
        from,
        provider,
      };
      return {
        id: clock.id,
        text: due
          ? t(clock.strength === 'aim' ? 'adr:escalate.clockLineAim' : 'adr:escalate.clockLine', { ...values, date: f.date(due) })
          : t(clock.strength === 'aim' ? 'common:procedure.clockAim' : 'common:procedure.clockCommitment', values),
      };
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [next, asOf, t]);
}

/** Why the next stage is not this page's to ask for (the last stage, the provider moves the case itself, or it is closed). */
function NotOffered({ c, nextId }: { c: Case; nextId: string | undefined }) {
  const { t } = useTranslation(['adr', 'providers']);
  const profile = getProfile(c.providerId);
  const provider = profile.name;
  const scheme = t(`providers:schemes.${profile.adr.schemeId}.name`);
  const stageName = (id: string) => t(stageKey(profile.id, id, 'name'));
  return (
    <>
      <h1>{t('adr:escalate.notOffered')}</h1>
      <p>
        {!nextId
          ? t('adr:escalate.notOfferedLast', { provider, stage: stageName(c.stageId), scheme, context: letterContext(profile) })
          : isOpen(c.status) && !c.referral
            ? t('adr:escalate.providerMoves', { provider, stage: stageName(nextId) })
            : t('adr:escalate.notOfferedClosed')}
      </p>
      <DeadlockOffer c={c} />
    </>
  );
}

function EscalateForm({ c, asOf }: { c: Case; asOf: string }) {
  const { t } = useTranslation(['adr', 'providers', 'common', 'errors']);
  const navigate = useNavigate();
  const profile = getProfile(c.providerId);
  const provider = profile.name;
  const nextId = nextStageId(profile, c.stageId);
  const next = nextId ? getStage(profile, nextId) : undefined;
  const stageName = (id: string) => t(stageKey(profile.id, id, 'name'));
  const letterT = useDocumentT(profile.procedureLanguage);
  const escalate = useEscalate(c.reference);
  // The error summary takes focus on a failed submit (GOV.UK), not the first field: with react-hook-form
  // focusing the field too, whichever ran last won.
  const form = useForm<FormValues>({ resolver: zodResolver(formSchema), defaultValues: { details: '' }, shouldFocusError: false });
  const { errors, submitCount } = form.formState;
  const reason = useWatch({ control: form.control, name: 'reason' });
  const details = useWatch({ control: form.control, name: 'details' });

  const clocks = useNextStageClocks(profile, next, asOf);

  if (!nextId || !next || !isOpen(c.status) || c.referral || providerMovesTo(profile, nextId)) return <NotOffered c={c} nextId={nextId} />;

  const byLetter = next.escalation?.method === 'letter';
  const letter =
    byLetter && letterT
      ? buildEscalationLetter({
          caseData: c,
          profile,
          toStageId: nextId,
          request: { ...(reason ? { reason } : {}), ...(details ? { details } : {}) },
          t: letterT,
          locale: letterT('common:locale'),
          now: asOf,
        })
      : null;

  const onSubmit = form.handleSubmit((values) => {
    if (!values.reason) return;
    escalate.mutate(
      { reason: values.reason, ...(values.details ? { details: values.details } : {}) },
      {
        onSuccess: () => {
          const adrFlash: AdrFlash = { kind: 'escalated', stageId: nextId };
          void navigate(paths.case(c.reference), { state: { adrFlash } });
        },
      },
    );
  });

  // Only formSchema's own messages reach the form; any other falls back to the field's "required" text.
  const reasonError = errors.reason?.message ? t(`adr:escalate.${isFormMessage(errors.reason.message) ? errors.reason.message : 'reasonRequired'}`) : undefined;
  const detailsError = errors.details?.message ? t(`adr:escalate.${isFormMessage(errors.details.message) ? errors.details.message : 'detailsRequired'}`) : undefined;
  const summary = [...(reasonError ? [{ fieldId: 'reason', message: reasonError }] : []), ...(detailsError ? [{ fieldId: 'details', message: detailsError }] : [])];
  const reasons = escalationReasonSchema.options;

  return (
    <>
      <ErrorSummary errors={summary} focusKey={submitCount} />
      <span className="caption">{t('adr:escalate.caption', { reference: c.reference })}</span>
      <h1>{t('adr:escalate.heading', { stage: stageName(nextId) })}</h1>
      <p className="lead">{t('adr:escalate.intro', { provider, current: stageName(c.stageId), stage: stageName(nextId) })}</p>
      <p>{t(stageKey(profile.id, nextId, 'description'), { replace: clockPeriods(next.clocks, t) })}</p>
      <p className="hint">{t('adr:escalate.handledBy', { who: t(stageKey(profile.id, nextId, 'handler')) })}</p>

      <h2>{t('adr:escalate.clocksTitle', { provider })}</h2>
      {clocks.length ? (
        <ul>
          {clocks.map((clock) => (
            <li key={clock.id}>{clock.text}</li>
          ))}
        </ul>
      ) : (
        <p>{t('adr:escalate.noClocks', { provider })}</p>
      )}

      <h2>{t('adr:escalate.nextTitle')}</h2>
      <p>{t(byLetter ? 'adr:escalate.nextLetter' : next.escalation ? 'adr:escalate.nextPortal' : 'adr:escalate.nextContact', { provider, stage: stageName(nextId) })}</p>
      {next.escalation?.assumedDeliveryWorkingDays && next.clocks.length > 0 && (
        <p className="hint">
          {t('adr:escalate.letterClockNote', { provider, delivery: t('common:clockUnits.workingDays', { count: next.escalation.assumedDeliveryWorkingDays }) })}
        </p>
      )}

      <form onSubmit={(e) => void onSubmit(e)} noValidate className="no-print-form">
        <Radios
          id="reason"
          legend={t('adr:escalate.reasonLegend')}
          {...(reasonError ? { error: reasonError } : {})}
          options={reasons.map((r) => ({ value: r, label: t(`adr:reasons.${r}`) }))}
          register={form.register('reason')}
          {...(reason ? { value: reason } : {})}
        />
        <Field
          id="details"
          label={t(reason === 'other' ? 'adr:escalate.detailsLabelOther' : 'adr:escalate.detailsLabel')}
          hint={t('adr:escalate.detailsHint')}
          {...(detailsError ? { error: detailsError } : {})}
        >
          <textarea rows={5} {...form.register('details')} />
        </Field>

        {letter && !c.aboutYou.address && <p className="notice notice-warning">{t('adr:escalate.addressNeeded', { provider })}</p>}
        {letter && (
          <section className="adr-letter-preview" aria-labelledby="escalation-letter-title">
            <h2 className="no-print">{t('adr:escalate.letterTitle', { provider })}</h2>
            <DocView doc={letter} id="escalation-letter" />
            <PdfButtons doc={letter} filename={`${c.reference}-escalation-letter.pdf`} />
          </section>
        )}

        {escalate.isError && (
          <p className="notice notice-error" role="alert">
            {errorMessage(escalate.error, t)}
          </p>
        )}
        <button type="submit" className="button" disabled={escalate.isPending}>
          {escalate.isPending ? t('adr:escalate.submitting') : t(byLetter ? 'adr:escalate.submitLetter' : 'adr:escalate.submit')}
        </button>
      </form>
    </>
  );
}

/** At the last stage: the next step is a deadlock letter. */
function DeadlockOffer({ c }: { c: Case }) {
  const { t } = useTranslation(['adr', 'providers', 'common', 'errors']);
  const navigate = useNavigate();
  const profile = getProfile(c.providerId);
  const ask = useRequestLetter(c.reference);
  const existing = c.letters.find((l) => l.kind === 'deadlock');
  const f = formatters(t('common:locale'), profile.timeZone);
  const context = letterContext(profile);
  if (existing) {
    return (
      <p>
        <Link to={paths.letter(c.reference, existing.id)}>
          {t('adr:panel.letterView', { kind: t('adr:letterKinds.deadlock', { context }), date: f.date(existing.issuedAt) })}
        </Link>
      </p>
    );
  }
  if (c.referral || c.status === 'resolved' || c.status === 'closed') return null;
  return (
    <>
      <p>
        {context
          ? t('adr:panel.finalResponseBody', { provider: profile.name, scheme: t(`providers:schemes.${profile.adr.schemeId}.name`), stage: t(stageKey(profile.id, c.stageId, 'name')) })
          : t('adr:panel.letterBody', { provider: profile.name, scheme: t(`providers:schemes.${profile.adr.schemeId}.name`) })}
      </p>
      <button
        type="button"
        className="button"
        disabled={ask.isPending}
        onClick={() => ask.mutate('deadlock', { onSuccess: (letter) => void navigate(paths.letter(c.reference, letter.id)) })}
      >
        {ask.isPending ? t('adr:panel.letterAsking') : t(context ? 'adr:panel.finalResponseAction' : 'adr:panel.letterAction')}
      </button>
      {ask.isError && (
        <p className="notice notice-error" role="alert">
          {errorMessage(ask.error, t)}
        </p>
      )}
    </>
  );
}
