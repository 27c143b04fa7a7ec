import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { codeFormSchema, type CodeForm, type Session } from '@/api/schemas';
import { errorCodeOf, useErrorText } from '@/components/ui/api-error-text';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Field } from '@/components/ui/field';
import { oneOf } from '@/lib/one-of';
import { useRequestSignInCode, useVerifySignInCode, type CodeRequestInput } from '../api/session';

export interface CodeEntryProps {
  /** The request that sent the code, to send a new one. */
  request: CodeRequestInput;
  onSignedIn: (session: Session) => void;
  /** Back to the first step (another address or reference). */
  onStartAgain: () => void;
  idPrefix: string;
}

const isCodeError = oneOf(['codeInvalid', 'codeExpired', 'codeTooManyTries', 'required', 'codeFormat'] as const);

/**
 * The second step of signing in: the 6-digit code from the email. Wrong, expired and burned codes are told
 * apart next to the field and in the error summary, in the customer's language.
 */
export function CodeEntry({ request, onSignedIn, onStartAgain, idPrefix }: CodeEntryProps) {
  const { t } = useTranslation(['cases', 'errors']);
  const verify = useVerifySignInCode();
  const resend = useRequestSignInCode();
  const errorText = useErrorText();
  const [resent, setResent] = useState(0);
  const form = useForm<CodeForm>({ resolver: zodResolver(codeFormSchema), defaultValues: { code: '' }, shouldFocusError: false });
  const { errors, submitCount } = form.formState;
  const fieldId = `${idPrefix}-code`;

  const onSubmit = form.handleSubmit((values) => {
    verify.mutate(
      { email: request.email, code: values.code },
      {
        onSuccess: onSignedIn,
        onError: (error) => {
          const code = errorCodeOf(error);
          if (isCodeError(code)) form.setError('code', { message: code });
        },
      },
    );
  });

  const sendAgain = () => {
    resend.mutate(request, {
      onSuccess: () => {
        form.clearErrors();
        form.reset({ code: '' });
        setResent((n) => n + 1);
      },
    });
  };

  const code = errors.code?.message;
  const message = isCodeError(code) ? t(`cases:code.errors.${code}`) : code ? t('cases:code.errors.codeInvalid') : undefined;
  const otherError = verify.isError && !isCodeError(errorCodeOf(verify.error)) ? errorText(verify.error) : null;

  return (
    <div>
      <h2>{t('cases:code.heading')}</h2>
      <p>{t('cases:code.lead', { email: request.email })}</p>
      <ErrorSummary errors={message ? [{ fieldId, message }] : []} title={t('cases:errorTitle')} focusKey={`${submitCount}:${message ?? ""}`} />
      {otherError && (
        <div className="notice notice-error" role="alert">
          {otherError}
        </div>
      )}
      <p role="status" className={resent ? 'notice' : 'visually-hidden'}>
        {resent ? t('cases:code.resent', { email: request.email }) : ''}
      </p>
      {resend.isError && (
        <div className="notice notice-error" role="alert">
          {errorText(resend.error)}
        </div>
      )}
      <form noValidate onSubmit={(e) => void onSubmit(e)}>
        <Field id={fieldId} label={t('cases:code.label')} hint={t('cases:code.hint')} error={message}>
          <input className="input-short" type="text" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]*" maxLength={6} spellCheck={false} {...form.register('code')} />
        </Field>
        <button type="submit" className="button" disabled={verify.isPending}>
          {verify.isPending ? t('cases:code.submitting') : t('cases:code.submit')}
        </button>
      </form>
      <p className="after-form">
        <button type="button" className="link-button" disabled={resend.isPending} onClick={sendAgain}>
          {t('cases:code.resend')}
        </button>
        {' · '}
        <button type="button" className="link-button" onClick={onStartAgain}>
          {t('cases:code.startAgain')}
        </button>
      </p>
    </div>
  );
}
