import { lazy, Suspense, useId, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '@/lib/paths';
import { providerIds, type ProviderId } from '@/domain/provider-ids';
import { getProfile } from '@/domain/profiles';
import { setProviderId, useProviderId } from '@/lib/provider';
import { demoBackOffice } from '@/lib/demo-back-office';
import { contract, staged } from '../staged';

// The clock talks to the API, so it loads on its own, after the contract (staged, as for the form pages). Marked
// pure, so that a production build, where nothing renders the banner, drops it and the clock's controls.
const DemoClock = /* @__PURE__ */ lazy(/* @__PURE__ */ staged(contract, () => import('./demo-clock')));

export { ClockControls, type ClockMove } from './clock-controls';
import { ClockControls } from './clock-controls';

/** Demo and development only: choose the provider and move the simulated back office's clock. */
export function DemoBanner() {
  const { t } = useTranslation('common');
  const id = useId();
  const providerId = useProviderId();
  const queryClient = useQueryClient();
  // The simulated back office starts on the page's first API request or when the visitor reaches for these
  // controls; the clock shows once it runs (a public page that needs no API does not load it at all).
  const running = useSyncExternalStore(demoBackOffice.subscribe, demoBackOffice.isRunning, () => false);
  const wakeBackOffice = () => void demoBackOffice.start();
  const changeProvider = (next: ProviderId) => {
    setProviderId(next);
    queryClient.clear();
  };

  return (
    <aside className="demo-banner" aria-label={t('demo.label')} onPointerEnter={wakeBackOffice} onFocus={wakeBackOffice}>
      <div className="container demo-inner">
        <strong className="demo-tag">{t('demo.tag')}</strong>
        <label htmlFor={`${id}-provider`}>{t('demo.provider')}</label>
        <select id={`${id}-provider`} value={providerId} onChange={(e) => changeProvider(e.target.value as ProviderId)}>
          {providerIds.map((p) => (
            <option key={p} value={p}>
              {getProfile(p).name}
            </option>
          ))}
        </select>
        <Suspense fallback={<ClockControls />}>
          <DemoClock running={running} />
        </Suspense>
        <Link to={paths.devMailbox} className="demo-mailbox-link">
          {t('nav.mailbox')}
        </Link>
      </div>
    </aside>
  );
}
