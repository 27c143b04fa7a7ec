import { useMemo } from 'react';
import { Controller, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DateTimeInput, Field, Radios } from '@/components/ui';
import { categoriesFor } from '@/domain/case-model';
import { useLatestNow } from '../api/complaint-api';
import { complaintResolverSchema, type ComplaintForm } from '../model/form';
import { errorAt, fieldId, flattenErrors, summaryItems } from './form-errors';
import { StepLayout, ContinueButton } from './step-layout';
import { useStepForm } from './use-step-form';
import type { StepProps } from './step-props';
import { IcoNotice } from './ico-notice';
import { oneOf } from '@/lib/one-of';

/** The fields of this step, each with its label under complaint:details. */
const isDetailField = oneOf(['category', 'summary', 'whatHappened', 'startedOn', 'outcomeWanted', 'compensationPence', 'firstComplainedAt', 'firstReference'] as const);

export function ComplaintStep({ draft, profile, onChange, onDone, layout }: StepProps<ComplaintForm>) {
  const { t } = useTranslation(['complaint', 'validation', 'common']);
  const abuse = draft.kind === 'abuseReport';
  const now = useLatestNow();
  const schema = useMemo(() => complaintResolverSchema(now), [now]);
  const form = useStepForm(schema, abuse && !draft.complaint.category ? { ...draft.complaint, category: 'other' } : draft.complaint, onChange);
  const { register, control, handleSubmit, formState } = form;
  const category = useWatch({ control, name: 'category' });
  const errors = flattenErrors(formState.errors);
  const err = (path: string) => errorAt(t, errors, path);
  const k = abuse ? 'abuse' : 'complaint';
  const context = k === 'abuse' ? 'abuse' : undefined;
  /** The examples in the hints: an abuse report, a complaint about an ombudsman's own service, or about a provider's. */
  const hintContext = abuse ? 'abuse' : profile.complaintsAbout === 'ombudsmanService' ? 'ombudsman' : undefined;
  // Errors are reported by form path; a path of no field of this step is labelled with the step's title.
  const label = (path: string) => (isDetailField(path) ? t(`complaint:details.${path}.label`, { context }) : t('complaint:details.title', { context }));

  return (
    <StepLayout {...layout} title={t(`complaint:details.title`, { context: abuse ? 'abuse' : undefined })} errors={summaryItems(t, errors, label)} focusKey={formState.submitCount}>
      <form noValidate onSubmit={(e) => void handleSubmit(onDone)(e)}>
        {!abuse && (
          <Radios
            id={fieldId('category')}
            legend={label('category')}
            error={err('category')}
            register={register('category')}
            value={category}
            options={categoriesFor(profile.complaintsAbout).map((c) => ({
              value: c,
              label: t(`complaint:categories.${c}`),
              conditional:
                c === 'personalData' ? <IcoNotice provider={profile.name} /> : undefined,
            }))}
          />
        )}
        <Field id={fieldId('summary')} label={label('summary')} hint={t('complaint:details.summary.hint', { context: hintContext })} error={err('summary')}>
          {(aria) => <input type="text" {...aria} {...register('summary')} />}
        </Field>
        <Field id={fieldId('whatHappened')} label={label('whatHappened')} hint={t('complaint:details.whatHappened.hint', { context: hintContext })} error={err('whatHappened')}>
          {(aria) => <textarea rows={8} {...aria} {...register('whatHappened')} />}
        </Field>
        <Controller
          control={control}
          name="startedOn"
          render={({ field }) => (
            <DateTimeInput
              id={fieldId('startedOn')}
              legend={label('startedOn')}
              hint={t('complaint:details.startedOn.hint')}
              error={err('startedOn')}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
            />
          )}
        />
        <Field id={fieldId('outcomeWanted')} label={label('outcomeWanted')} hint={t('complaint:details.outcomeWanted.hint')} error={err('outcomeWanted')}>
          {(aria) => <textarea rows={4} {...aria} {...register('outcomeWanted')} />}
        </Field>
        {!abuse && profile.earlierComplaintOutsidePortal && (
          <fieldset className="form-group">
            <legend>{t('complaint:details.earlier.legend', { provider: profile.name })}</legend>
            <p className="hint">{t('complaint:details.earlier.hint', { provider: profile.name })}</p>
            <Controller
              control={control}
              name="firstComplainedAt"
              render={({ field }) => (
                <DateTimeInput
                  id={fieldId('firstComplainedAt')}
                  legend={t('complaint:optional', { label: label('firstComplainedAt') })}
                  hint={t('complaint:details.firstComplainedAt.hint')}
                  error={err('firstComplainedAt')}
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                />
              )}
            />
            <Field id={fieldId('firstReference')} label={t('complaint:optional', { label: label('firstReference') })} error={err('firstReference')}>
              {(aria) => <input type="text" className="input-medium" {...aria} {...register('firstReference')} />}
            </Field>
          </fieldset>
        )}
        {!abuse && (
          <Field id={fieldId('compensationPence')} label={t('complaint:optional', { label: label('compensationPence') })} hint={t('complaint:details.compensationPence.hint')} error={err('compensationPence')}>
            {(aria) => (
              <div className="input-prefix">
                <span aria-hidden="true">£</span>
                <input type="text" inputMode="decimal" className="input-short" {...aria} {...register('compensationPence')} />
              </div>
            )}
          </Field>
        )}
        <ContinueButton />
      </form>
    </StepLayout>
  );
}
