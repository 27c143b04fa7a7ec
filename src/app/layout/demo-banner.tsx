import { lazy, Suspense, useId, useMemo, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DemoClockInput } from '@/api/schemas';
import { CLOCK_ADVANCE_DAYS } from '@/api/demo-clock';
import { paths } from '@/lib/paths';
import { providerIds, type ProviderId } from '@/domain/provider-ids';
import { getProfile } from '@/domain/profiles';
import { setProviderId, useProviderId } from '@/lib/provider';
import { demoBackOffice } from '@/lib/demo-back-office';
import { contract, staged } from '../staged';

// The clock talks to the API, so it loads on its own, after the contract (staged, as for the form pages).
const DemoClock = lazy(staged(contract, () => import('./demo-clock')));

export type ClockMove = Exclude<DemoClockInput, { now: string }>;

/**
 * The clock and its buttons as they look: rendered by the clock once it has loaded, and, disabled, in its
 * place until then — the same size either way, so nothing below moves when it arrives.
 */
export function ClockControls({ now, frozen = false, onMove, busy = true }: { now?: string; frozen?: boolean; onMove?: (move: ClockMove) => void; busy?: boolean }) {
  const { t } = useTranslation('common');
  const locale = t('locale');
  const format = useMemo(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' }), [locale]);
  const move = (m: ClockMove) => onMove?.(m);
  return (
    <>
      <span className="demo-clock" aria-live="polite">
        {t('demo.clock')}{' '}
        <time dateTime={now} data-testid="mock-now">
          {now ? format.format(new Date(now)) : '…'}
        </time>
      </span>
      <span className="demo-actions">
        <button type="button" className="button-small" onClick={() => move({ advance: 'P1D' })} disabled={busy}>
          {t('demo.plusDay', { count: 1 })}
        </button>
        <button type="button" className="button-small" onClick={() => move({ advance: 'P1W' })} disabled={busy}>
          {t('demo.plusWeek', { count: 1 })}
        </button>
        <button type="button" className="button-small" onClick={() => move({ advance: 'P6W' })} disabled={busy}>
          {t('demo.plusWeeks', { count: CLOCK_ADVANCE_DAYS.P6W / 7 })}
        </button>
        {/* Always there (disabled while the clock runs in real time), so the banner keeps its size. */}
        <button type="button" className="button-small" onClick={() => move({ reset: true })} disabled={busy || !frozen}>
          {t('demo.realTime')}
        </button>
      </span>
    </>
  );
}

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
