import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DemoClockInput } from '@/api/schemas';
import { CLOCK_ADVANCE_DAYS } from '@/api/demo-clock';

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

