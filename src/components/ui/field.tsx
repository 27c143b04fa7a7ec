import { cloneElement, isValidElement, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Props a Field hands to its control: spread them on the input, textarea or select. */
export interface FieldControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

export interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  /** The translated message; when set, the group shows the error state. */
  error?: string;
  /** Renders the label as the page heading (one-question pages). */
  labelAsHeading?: boolean;
  className?: string;
  children: ((control: FieldControlProps) => ReactNode) | ReactElement<FieldControlProps>;
}

/** ids of the hint and error texts of a field, for aria-describedby. */
export function describedBy(id: string, { hint, error }: { hint?: unknown; error?: unknown }): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** The inline error line with a visually hidden "Error:" prefix for screen readers. */
export function FieldError({ id, children }: { id: string; children: ReactNode }) {
  const { t } = useTranslation('validation');
  return (
    <p className="field-error" id={id}>
      <span className="visually-hidden">{t('ui.errorPrefix')} </span>
      {children}
    </p>
  );
}

/**
 * A labelled form control with hint and inline error (GOV.UK form group). The control gets
 * `id`, `aria-invalid` and `aria-describedby` either through a render prop or by cloning the
 * single child element.
 */
export function Field({ id, label, hint, error, labelAsHeading, className, children }: FieldProps) {
  const control: FieldControlProps = {
    id,
    ...(error ? { 'aria-invalid': true as const } : {}),
    ...(describedBy(id, { hint, error }) ? { 'aria-describedby': describedBy(id, { hint, error }) } : {}),
  };
  const labelElement = <label htmlFor={id}>{label}</label>;
  return (
    <div className={['form-group', error ? 'form-group-error' : '', className ?? ''].filter(Boolean).join(' ')}>
      {labelAsHeading ? <h1 className="label-heading">{labelElement}</h1> : labelElement}
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
      {typeof children === 'function' ? children(control) : isValidElement(children) ? cloneElement(children, control) : null}
    </div>
  );
}
