import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Customer } from '@/api/schemas';
import { useErrorText } from '@/components/ui/api-error-text';
import { getProfile } from '@/domain/profiles';
import { useProviderId } from '@/lib/provider';
import { sessionQueries, useSignIn } from '../api/session';

export interface SignInPageProps {
  /** Where to go once signed in. */
  casesPath: string;
  trackPath: string;
}

function kindLabel(customer: Customer, t: (key: string, options?: Record<string, unknown>) => string) {
  return t(`cases:signIn.kind.${customer.kind}`, { count: customer.employees ?? 0 });
}

/** Demo sign-in: one button per seeded customer of the current provider (no password in the demo). */
export function SignInPage({ casesPath, trackPath }: SignInPageProps) {
  const { t } = useTranslation(['cases', 'errors', 'common']);
  const profile = getProfile(useProviderId());
  const customers = useQuery(sessionQueries.demoCustomers());
  const signIn = useSignIn();
  const navigate = useNavigate();
  const errorText = useErrorText();

  const choose = (customer: Customer) =>
    signIn.mutate(customer.email, {
      onSuccess: () => void navigate(casesPath),
    });

  return (
    <div className="narrow">
      <h1>{t('cases:signIn.title')}</h1>
      <p className="lead">{t('cases:signIn.lead')}</p>
      {signIn.isError && (
        <div className="notice notice-error" role="alert">
          {errorText(signIn.error)}
        </div>
      )}
      <h2>{t('cases:signIn.customersHeading', { provider: profile.name })}</h2>
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
              <button type="button" className="button button-secondary" disabled={signIn.isPending} onClick={() => choose(customer)}>
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
      <h2>{t('cases:signIn.guest')}</h2>
      <p>
        <Link to={trackPath}>{t('cases:signIn.guestLink')}</Link>
      </p>
    </div>
  );
}
