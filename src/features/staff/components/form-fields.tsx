import type { InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailLanguage } from '@/api/schemas';
import { Field } from '@/components/ui/field';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name'>;

/**
 * A required input with its label, as the staff forms ask for them (invite, create a customer, log a complaint);
 * `error`, the translated message, is shown next to it (../../../components/ui/field.tsx).
 */
export function TextField({ id, name, label, error, type = 'text', className = 'input', ...input }: { id: string; name: string; label: string; error?: string } & InputProps) {
  return (
    <Field id={id} label={label} error={error}>
      <input name={name} type={type} className={className} required {...input} />
    </Field>
  );
}

/** The language someone is written to in (their mails and letters), sent as `lng`; with a hint when given. */
export function LanguageField({ id, label, hint, defaultValue }: { id: string; label: string; hint?: string; defaultValue: MailLanguage }) {
  const { t } = useTranslation(['staff']);
  const hintId = `${id}-hint`;
  return (
    <div className="form-group">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      <select id={id} name="lng" className="select" defaultValue={defaultValue} aria-describedby={hint ? hintId : undefined}>
        <option value="en">{t('staff:languages.en')}</option>
        <option value="it">{t('staff:languages.it')}</option>
      </select>
    </div>
  );
}
