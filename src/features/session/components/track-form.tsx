import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { guestCodeFormSchema, type GuestCodeForm, type Session } from '@/api/schemas';
import { useErrorText } from '@/components/ui/api-error-text';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Field } from '@/components/ui/field';
import { UntilReady } from '@/components/ui/until-ready';
import { useHydrated } from '@/lib/use-hydrated';
import { useRequestSignInCode } from '../api/session';
import { CodeEntry } from './code-entry';

export interface TrackFormProps {
  casePath: (reference: string) => string;
  casesPath: string;
  signInPath: string;
}

/**
 * A guest comes back to one case: its reference and the email it was raised with, then the code sent to that
 * address. The reference alone is not a key: a wrong reference and a wrong email get the same answer as the
 * right ones ("if they match, we have sent a code"), so neither can be probed.
 */
export function TrackForm({ casePath, casesPath, signInPath }: TrackFormProps) {
  const hydrated = useHydrated();
  const { t } = useTranslation(['cases', 'validation', 'errors']);
  const navigate = useNavigate();
  const requestCode = useRequestSignInCode();
  const errorText = useErrorText();
  const [sent, setSent] = useState<GuestCodeForm | null>(null);
  const form = useForm<GuestCodeForm>({
    resolver: zodResolver(guestCodeFormSchema),
    defaultValues: { reference: '', email: '' },
    // The error summary takes focus (GOV.UK pattern), not the first field.
    shouldFocusError: false,
  });
  const { errors, submitCount } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    requestCode.mutate({ purpose: 'guest', reference: values.reference, email: values.email }, { onSuccess: () => setSent({ reference: values.reference.trim(), email: values.email.trim() }) });
  });

  const onSignedIn = (session: Session) => {
    // The same address as an account: the account, with this case in it.
    void navigate(session.scope.kind === 'guest' ? casePath(session.scope.reference) : casesPath);
  };

  const fieldError = (name: keyof GuestCodeForm) => {
    const code = errors[name]?.message;
    if (!code) return undefined;
    if (code === 'required') return t(`cases:track.errors.${name}Required`);
    return t(`validation:${code}`, { defaultValue: t('validation:invalid') });
  };
  const summary = (['reference', 'email'] as const)
    .map((name) => ({ fieldId: `track-${name}`, message: fieldError(name) }))
    .filter((e): e is { fieldId: string; message: string } => Boolean(e.message));

  return (
    <div className="narrow">
      <h1>{t('cases:track.title')}</h1>
      {sent ? (
        <CodeEntry request={{ purpose: 'guest', ...sent }} idPrefix="track" onSignedIn={onSignedIn} onStartAgain={() => setSent(null)} />
      ) : (
        <>
          <p className="lead">{t('cases:track.lead')}</p>
          <ErrorSummary errors={summary} title={t('cases:errorTitle')} focusKey={submitCount} />
          {requestCode.isError && (
            <div className="notice notice-error" role="alert">
              {errorText(requestCode.error)}
            </div>
          )}
          <form noValidate onSubmit={(e) => void onSubmit(e)}>
            <UntilReady ready={hydrated}>
              <Field id="track-reference" label={t('cases:track.reference')} hint={t('cases:track.referenceHint')} error={fieldError('reference')}>
                <input className="input-medium" type="text" autoComplete="off" spellCheck={false} {...form.register('reference')} />
              </Field>
              <Field id="track-email" label={t('cases:track.email')} error={fieldError('email')}>
                <input type="email" autoComplete="email" spellCheck={false} {...form.register('email')} />
              </Field>
              <button type="submit" className="button" disabled={requestCode.isPending}>
                {requestCode.isPending ? t('cases:track.submitting') : t('cases:track.submit')}
              </button>
            </UntilReady>
          </form>
        </>
      )}
      <p className="after-form">
        <Link to={signInPath}>{t('cases:track.signInInstead')}</Link>
      </p>
    </div>
  );
}
