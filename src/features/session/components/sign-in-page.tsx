import { useCallback, useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { emailFormSchema, type Customer, type EmailForm, type Session } from '@/api/schemas';
import { errorCodeOf, useErrorText } from '@/components/ui/api-error-text';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Field } from '@/components/ui/field';
import { UntilReady } from '@/components/ui/until-ready';
import { getProfile } from '@/domain/profiles';
import { isDemo, useProviderId } from '@/lib/provider';
import { useHydrated } from '@/lib/use-hydrated';
import { sessionQueries, useDemoSignIn, useRequestSignInCode, useVerifySignInCode } from '../api/session';
import { CodeEntry } from './code-entry';
import { oneOf } from '@/lib/one-of';

/** The failures of a sign-in link that have their own sentence under cases:code.errors. */
const isLinkError = oneOf(['codeInvalid', 'codeExpired', 'codeTooManyTries'] as const);

export interface SignInPageProps {
  /** Where to go once signed in. */
  casesPath: string;
  casePath: (reference: string) => string;
  trackPath: string;
  /** Where a member of the provider's staff goes once signed in. */
  staffPath: string;
}

function kindLabel(customer: Customer, t: TFunction<readonly ['cases']>) {
  return t(`cases:signIn.kind.${customer.kind}`, { count: customer.employees ?? 0 });
}

/** The demo's seeded customers, one button each (demo builds only). */
function DemoCustomers({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const { t } = useTranslation(['cases', 'errors']);
  const profile = getProfile(useProviderId());
  const customers = useQuery(sessionQueries.demoCustomers());
  const signIn = useDemoSignIn();
  const errorText = useErrorText();
  return (
    <section aria-labelledby="demo-customers-heading">
      <h2 id="demo-customers-heading">{t('cases:signIn.customersHeading', { provider: profile.name })}</h2>
      <p>{t('cases:signIn.demoLead')}</p>
      {signIn.isError && (
        <div className="notice notice-error" role="alert">
          {errorText(signIn.error)}
        </div>
      )}
      {customers.isPending && <p role="status">{t('cases:signIn.loading')}</p>}
      {customers.isError && (
        <div className="notice notice-error" role="alert">
          <p>{errorText(customers.error)}</p>
          <button type="button" className="button button-secondary" onClick={() => void customers.refetch()}>
            {t('cases:retry')}
          </button>
        </div>
      )}
      {customers.data && (
        <ul className="plain-list customer-choices">
          {customers.data.customers.map((customer) => (
            <li key={customer.id} className="customer-choice">
              <button type="button" className="button button-secondary" disabled={signIn.isPending} onClick={() => signIn.mutate(customer.email, { onSuccess: onSignedIn })}>
                {t('cases:signIn.signInAs', { name: customer.name })}
              </button>
              <p className="customer-meta">
                {customer.organisation && <span>{customer.organisation} · </span>}
                <span>{kindLabel(customer, t)}</span>
                <br />
                <span className="hint">{customer.email}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The demo's seeded staff of the provider (a manager and an agent), one button each: they go to the staff workspace. */
function DemoStaff({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const { t } = useTranslation(['staff', 'cases', 'errors']);
  const profile = getProfile(useProviderId());
  const staff = useQuery(sessionQueries.demoStaff());
  const signIn = useDemoSignIn();
  const errorText = useErrorText();
  if (!staff.data) return null;
  return (
    <section aria-labelledby="demo-staff-heading">
      <h2 id="demo-staff-heading">{t('staff:signIn.heading', { provider: profile.name })}</h2>
      <p>{t('staff:signIn.lead')}</p>
      {signIn.isError && (
        <div className="notice notice-error" role="alert">
          {errorText(signIn.error)}
        </div>
      )}
      <ul className="plain-list customer-choices">
        {staff.data.staff
          .filter((member) => member.removedAt === null)
          .map((member) => (
            <li key={member.id} className="customer-choice">
              <button type="button" className="button button-secondary" disabled={signIn.isPending} onClick={() => signIn.mutate(member.email, { onSuccess: onSignedIn })}>
                {t('staff:signIn.signInAs', { name: member.name })}
              </button>
              <p className="customer-meta">
                <span>{t(`staff:roles.${member.role}`)}</span>
                <br />
                <span className="hint">{member.email}</span>
              </p>
            </li>
          ))}
      </ul>
    </section>
  );
}

/** The emailed link: `/sign-in?token=…` signs in once, then the address bar forgets the token. */
function useLinkSignIn(onSignedIn: (session: Session) => void) {
  const [params, setParams] = useSearchParams();
  const token = params.get('token');
  const verify = useVerifySignInCode();
  const started = useRef(false);
  useEffect(() => {
    if (!token || started.current) return;
    started.current = true;
    setParams({}, { replace: true });
    verify.mutate({ token }, { onSuccess: onSignedIn });
  }, [token, verify, onSignedIn, setParams]);
  return verify;
}

/**
 * Sign in without a password: an email address, then the 6-digit code sent to it (or its link). In the demo,
 * the seeded customers are also one click away.
 */
export function SignInPage({ casesPath, casePath, trackPath, staffPath }: SignInPageProps) {
  const hydrated = useHydrated();
  const { t } = useTranslation(['cases', 'validation', 'errors']);
  const navigate = useNavigate();
  const errorText = useErrorText();
  const requestCode = useRequestSignInCode();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm<EmailForm>({ resolver: zodResolver(emailFormSchema), defaultValues: { email: '' }, shouldFocusError: false });
  const { errors, submitCount } = form.formState;

  const onSignedIn = useCallback(
    (session: Session) => {
      void navigate(session.scope.kind === 'guest' ? casePath(session.scope.reference) : session.scope.kind === 'staff' ? staffPath : casesPath);
    },
    [navigate, casePath, casesPath, staffPath],
  );
  const link = useLinkSignIn(onSignedIn);
  const linkError = link.isError ? errorCodeOf(link.error) : null;

  const onSubmit = form.handleSubmit((values) => {
    requestCode.mutate({ purpose: 'signIn', email: values.email }, { onSuccess: () => setSentTo(values.email.trim()) });
  });

  const emailError = errors.email?.message
    ? errors.email.message === 'required'
      ? t('cases:signIn.errors.emailRequired')
      : t(`validation:${errors.email.message}`, { defaultValue: t('validation:invalid') })
    : undefined;

  return (
    <div className="narrow">
      <h1>{t('cases:signIn.title')}</h1>
      {link.isPending && <p role="status">{t('cases:signIn.checkingLink')}</p>}
      {link.isError && (
        <div className="notice notice-error" role="alert">
          {isLinkError(linkError) ? t(`cases:code.errors.${linkError}`) : errorText(link.error)}
        </div>
      )}
      {sentTo ? (
        <CodeEntry request={{ purpose: 'signIn', email: sentTo }} idPrefix="sign-in" onSignedIn={onSignedIn} onStartAgain={() => setSentTo(null)} />
      ) : (
        <>
          <p className="lead">{t('cases:signIn.lead')}</p>
          <ErrorSummary errors={emailError ? [{ fieldId: 'sign-in-email', message: emailError }] : []} title={t('cases:errorTitle')} focusKey={submitCount} />
          {requestCode.isError && (
            <div className="notice notice-error" role="alert">
              {errorText(requestCode.error)}
            </div>
          )}
          <form noValidate onSubmit={(e) => void onSubmit(e)}>
            <UntilReady ready={hydrated}>
              <Field id="sign-in-email" label={t('cases:signIn.email')} hint={t('cases:signIn.emailHint')} error={emailError}>
                <input type="email" autoComplete="email" spellCheck={false} {...form.register('email')} />
              </Field>
              <button type="submit" className="button" disabled={requestCode.isPending}>
                {requestCode.isPending ? t('cases:signIn.sending') : t('cases:signIn.sendCode')}
              </button>
            </UntilReady>
          </form>
        </>
      )}
      {/* The literal flag: a production build drops the demo customers and their request. */}
      {__MOCKING__ && isDemo && <DemoCustomers onSignedIn={onSignedIn} />}
      {__MOCKING__ && isDemo && <DemoStaff onSignedIn={onSignedIn} />}
      <h2>{t('cases:signIn.guest')}</h2>
      <p>
        <Link to={trackPath}>{t('cases:signIn.guestLink')}</Link>
      </p>
    </div>
  );
}
