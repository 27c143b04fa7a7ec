import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { guestLookupSchema, type GuestLookup } from '@/api/schemas';
import { errorCodeOf, useErrorText } from '@/components/ui/api-error-text';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Field } from '@/components/ui/field';
import { UntilReady } from '@/components/ui/until-ready';
import { useHydrated } from '@/lib/use-hydrated';
import { useGuestLookup } from '../api/session';

export interface TrackFormProps {
  casePath: (reference: string) => string;
  signInPath: string;
}

/**
 * A guest follows one case with its reference and the email it was raised with. A wrong
 * reference and a wrong email get the same answer, so neither can be probed.
 */
export function TrackForm({ casePath, signInPath }: TrackFormProps) {
  const hydrated = useHydrated();
  const { t } = useTranslation(['cases', 'validation', 'errors']);
  const navigate = useNavigate();
  const lookup = useGuestLookup();
  const errorText = useErrorText();
  const [attempt, setAttempt] = useState(0);
  const form = useForm<GuestLookup>({
    resolver: zodResolver(guestLookupSchema),
    defaultValues: { reference: '', email: '' },
    // The error summary takes focus (GOV.UK pattern), not the first field.
    shouldFocusError: false,
  });
  const { errors, submitCount } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setAttempt((n) => n + 1);
    lookup.mutate(values, {
      onSuccess: (session) => {
        if (session.scope.kind === 'guest') void navigate(casePath(session.scope.reference));
      },
    });
  });

  const fieldError = (name: keyof GuestLookup) => {
    const code = errors[name]?.message;
    if (!code) return undefined;
    if (code === 'required') return t(`cases:track.errors.${name}Required`);
    return t(`validation:${code}`, { defaultValue: t('validation:invalid') });
  };
  const summary = (['reference', 'email'] as const)
    .map((name) => ({ fieldId: `track-${name}`, message: fieldError(name) }))
    .filter((e): e is { fieldId: string; message: string } => Boolean(e.message));
  const notFound = lookup.isError && errorCodeOf(lookup.error) === 'caseNotFound';

  return (
    <div className="narrow">
      <h1>{t('cases:track.title')}</h1>
      <p className="lead">{t('cases:track.lead')}</p>
      <ErrorSummary errors={summary} title={t('cases:errorTitle')} focusKey={submitCount} />
      {lookup.isError && (
        <div key={attempt} className="notice notice-error" role="alert">
          {notFound ? t('cases:track.notFound') : errorText(lookup.error)}
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
          <button type="submit" className="button" disabled={lookup.isPending}>
            {lookup.isPending ? t('cases:track.submitting') : t('cases:track.submit')}
          </button>
        </UntilReady>
      </form>
      <p className="after-form">
        <Link to={signInPath}>{t('cases:track.signInInstead')}</Link>
      </p>
    </div>
  );
}
