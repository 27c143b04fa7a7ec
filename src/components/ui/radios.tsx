import type { ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { describedBy, FieldError } from './field';

export interface RadioOption {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
  /** Shown under the option when it is chosen (GOV.UK conditional reveal). */
  conditional?: ReactNode;
}

export interface RadiosProps {
  /** Base id: the first radio gets this id, so an error summary link lands on it. */
  id: string;
  legend: ReactNode;
  legendAsHeading?: boolean;
  hint?: ReactNode;
  error?: string;
  options: readonly RadioOption[];
  /** react-hook-form's register(name), or name/onChange for a controlled group. */
  register?: UseFormRegisterReturn;
  name?: string;
  value?: string;
  onChange?: (value: string) => void;
  inline?: boolean;
}

/** A fieldset + legend radio group with hint, inline error and conditional reveals. */
export function Radios({ id, legend, legendAsHeading, hint, error, options, register, name, value, onChange, inline }: RadiosProps) {
  const described = describedBy(id, { hint, error });
  return (
    <div className={['form-group', error ? 'form-group-error' : ''].filter(Boolean).join(' ')}>
      <fieldset aria-describedby={described}>
        <legend>{legendAsHeading ? <h1 className="legend-heading">{legend}</h1> : legend}</legend>
        {hint && (
          <p className="field-hint" id={`${id}-hint`}>
            {hint}
          </p>
        )}
        {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
        <div className={inline ? 'choices choices-inline' : 'choices'}>
          {options.map((option, i) => {
            const optionId = i === 0 ? id : `${id}-${option.value}`;
            const controlled =
              register ?? {
                name: name ?? id,
                checked: value === option.value,
                onChange: () => onChange?.(option.value),
              };
            return (
              <div key={option.value}>
                <div className="choice">
                  <input
                    type="radio"
                    id={optionId}
                    value={option.value}
                    aria-describedby={option.hint ? `${optionId}-hint` : undefined}
                    {...controlled}
                  />
                  <div>
                    <label htmlFor={optionId}>{option.label}</label>
                    {option.hint && (
                      <p className="field-hint" id={`${optionId}-hint`}>
                        {option.hint}
                      </p>
                    )}
                  </div>
                </div>
                {option.conditional && value === option.value && <div className="choice-conditional">{option.conditional}</div>}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
