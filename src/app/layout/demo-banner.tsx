import { useId, useMemo, useSyncExternalStore } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '@/api/client';
import { demoClockSchema } from '@/api/schemas';
import { providerIds, type ProviderId } from '@/domain/provider-ids';
import { getProfile } from '@/domain/profiles';
import { setProviderId, useProviderId } from '@/lib/provider';
import { demoBackOffice } from '@/lib/demo-back-office';

const clockKey = ['demo', 'clock'] as const;

/** Demo and development only: choose the provider and move the simulated back office's clock. */
export default function DemoBanner() {
  const { t } = useTranslation('common');
  const id = useId();
  const providerId = useProviderId();
  const queryClient = useQueryClient();
  // The simulated back office starts on the page's first API request or when the visitor reaches for these
  // controls; the clock shows once it runs (a public page that needs no API does not load it at all).
  const running = useSyncExternalStore(demoBackOffice.subscribe, demoBackOffice.isRunning, () => false);
  const wakeBackOffice = () => void demoBackOffice.start();
  const clock = useQuery({ queryKey: clockKey, queryFn: ({ signal }) => apiRequest('/demo/clock', { schema: demoClockSchema, signal }), enabled: running });
  const move = useMutation({
    mutationFn: (body: { advance: 'P1D' | 'P1W' | 'P8W' } | { reset: true }) =>
      apiRequest('/demo/clock', { method: 'PUT', body, schema: demoClockSchema }),
    onSuccess: async (data) => {
      queryClient.setQueryData(clockKey, data);
      await queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'demo' });
    },
  });
  const changeProvider = (next: ProviderId) => {
    setProviderId(next);
    queryClient.clear();
  };
  const now = clock.data ? new Date(clock.data.now) : null;
  const locale = t('locale');
  const format = useMemo(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' }), [locale]);

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
        <span className="demo-clock" aria-live="polite">
          {t('demo.clock')}{' '}
          <time dateTime={clock.data?.now} data-testid="mock-now">
            {now ? format.format(now) : '…'}
          </time>
        </span>
        <span className="demo-actions">
          <button type="button" className="button-small" onClick={() => move.mutate({ advance: 'P1D' })} disabled={move.isPending}>
            {t('demo.plusDay')}
          </button>
          <button type="button" className="button-small" onClick={() => move.mutate({ advance: 'P1W' })} disabled={move.isPending}>
            {t('demo.plusWeek')}
          </button>
          <button type="button" className="button-small" onClick={() => move.mutate({ advance: 'P8W' })} disabled={move.isPending}>
            {t('demo.plus8Weeks')}
          </button>
          {clock.data?.frozen && (
            <button type="button" className="button-small" onClick={() => move.mutate({ reset: true })} disabled={move.isPending}>
              {t('demo.realTime')}
            </button>
          )}
        </span>
      </div>
    </aside>
  );
}
