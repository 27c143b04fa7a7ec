import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describedBy, FieldError } from './field';
import { datePartOrder, type DateTimeParts } from './date-parts';

export interface DateTimeInputProps {
  /** Base id: the first input gets `${id}-<first part>`; pass `firstInputId(id, locale)` to link to it. */
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  value: DateTimeParts;
  onChange: (value: DateTimeParts) => void;
  onBlur?: () => void;
  /** Adds a time of day input ("14:30"). */
  withTime?: boolean;
  /** Names of the inputs' autocomplete, e.g. 'bday' parts; default off. */
  autoComplete?: boolean;
}

/** The id of the first input of a date group in a locale, for error summary links. */
export function firstInputId(id: string, locale: string): string {
  return `${id}-${datePartOrder(locale)[0] ?? 'day'}`;
}

/**
 * GOV.UK-style date input (day, month, year as separate numeric boxes, in the locale's order)
 * with an optional time box accepting the locale's ways of writing a time. The parent keeps
 * the parts exactly as typed; converting to an ISO date or instant is done with date-parts.ts.
 */
export function DateTimeInput({ id, legend, hint, error, value, onChange, onBlur, withTime }: DateTimeInputProps) {
  const { t } = useTranslation(['validation', 'common']);
  const locale = t('common:locale');
  const order = datePartOrder(locale);
  const described = describedBy(id, { hint, error });
  const set = (part: keyof DateTimeParts, v: string) => onChange({ ...value, [part]: v });
  const width = { day: 'input-width-2', month: 'input-width-2', year: 'input-width-4' } as const;
  return (
    <div className={['form-group', error ? 'form-group-error' : ''].filter(Boolean).join(' ')}>
      <fieldset role="group" aria-describedby={described}>
        <legend>{legend}</legend>
        {hint && (
          <p className="field-hint" id={`${id}-hint`}>
            {hint}
          </p>
        )}
        {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
        <div className="date-input">
          {order.map((part) => (
            <div className="date-input-item" key={part}>
              <label htmlFor={`${id}-${part}`}>{t(`validation:ui.${part}`)}</label>
              <input
                type="text"
                inputMode="numeric"
                id={`${id}-${part}`}
                name={`${id}-${part}`}
                className={width[part]}
                value={value[part]}
                aria-invalid={error ? true : undefined}
                onChange={(e) => set(part, e.target.value)}
                onBlur={onBlur}
              />
            </div>
          ))}
          {withTime && (
            <div className="date-input-item">
              <label htmlFor={`${id}-time`}>{t('validation:ui.time')}</label>
              <input
                type="text"
                id={`${id}-time`}
                name={`${id}-time`}
                className="input-width-5"
                value={value.time ?? ''}
                aria-invalid={error ? true : undefined}
                aria-describedby={`${id}-time-hint`}
                onChange={(e) => set('time', e.target.value)}
                onBlur={onBlur}
              />
              <span className="visually-hidden" id={`${id}-time-hint`}>
                {t('validation:ui.timeHint')}
              </span>
            </div>
          )}
        </div>
      </fieldset>
    </div>
  );
}
