import { startTransition, useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ComplaintFlow, hasDraft, isStepId } from '@/features/complaint';
import { sessionQueries } from '@/features/session';
import { useProviderId } from '@/lib/provider';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/app/layout/page-title';
import { useHydrated } from '@/lib/use-hydrated';
import { sessionHint } from '@/lib/session-hint';

const titleKeys = { 'about-you': 'aboutYou.title', complaint: 'details.title', evidence: 'evidence.title', check: 'check.title' } as const;

/**
 * /complaints/new/:step — composes the complaint feature with the session (prefill for signed-in customers).
 * /complaints/new is pre-rendered at build time as a fresh first step; what the browser has saved (a draft,
 * a session) is applied once the page has hydrated, remounting the flow with it (decision 0043).
 */
export function Component() {
  const { t } = useTranslation(['complaint', 'validation', 'common']);
  const { step } = useParams();
  const [search] = useSearchParams();
  const providerId = useProviderId();
  const kindParam = search.get('kind');
  const requestedKind = kindParam === 'abuseReport' ? 'abuseReport' : !step ? 'complaint' : null;
  const hydrated = useHydrated();
  // Decided once per visit: a page hydrating its pre-rendered HTML starts as a fresh first step, then (just
  // after hydration) takes up the saved draft, the session or ?kind= if there is one, remounting the flow once.
  const [mode, setMode] = useState<'hydrating' | 'fresh' | 'restored'>(() => (hydrated ? 'restored' : 'hydrating'));
  useEffect(() => {
    // A transition: the re-render (or remount with the saved draft) does not block the page it follows.
    if (mode === 'hydrating') startTransition(() => setMode(sessionHint.get() !== null || hasDraft(providerId) || requestedKind === 'abuseReport' ? 'restored' : 'fresh'));
  }, [mode, providerId, requestedKind]);
  const session = useQuery({ ...sessionQueries.current(), enabled: mode !== 'hydrating' });
  usePageTitle(t(`complaint:${titleKeys[isStepId(step) ? step : 'about-you']}`));

  if (mode !== 'hydrating' && session.isPending) return <p className="narrow">{t('complaint:loading')}</p>;
  const customer = mode !== 'hydrating' && session.data?.scope.kind === 'customer' ? session.data.scope.customer : null;
  return (
    <ComplaintFlow
      key={`${providerId}-${mode === 'restored' ? 'restored' : 'fresh'}`}
      restore={mode === 'restored'}
      ready={mode !== 'hydrating'}
      providerId={providerId}
      step={step}
      requestedKind={mode === 'hydrating' ? 'complaint' : requestedKind}
      returnToCheck={search.get('return') === 'check'}
      customer={customer}
      stepPath={(s, query = '') => `${paths.complaintStep(s)}${query}`}
      confirmationPath={paths.complaintConfirmation}
    />
  );
}
