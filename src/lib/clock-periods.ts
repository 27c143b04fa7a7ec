import type { Clock, ClockUnit } from '@/domain/profile-schema';

/** Each clock's period by clock id ("2 working days"), for the stage descriptions that state them by interpolation. */
export function clockPeriods(clocks: readonly Clock[], t: (key: `common:clockUnits.${ClockUnit}`, options: { count: number }) => string): Record<string, string> {
  return Object.fromEntries(clocks.map((c) => [c.id, t(`common:clockUnits.${c.unit}`, { count: c.amount })]));
}
