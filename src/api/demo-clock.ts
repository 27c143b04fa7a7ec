/**
 * Demo only: how far the demo banner's buttons move the back office's clock, in days — a day, a week, and the
 * regulator's wait in force since 8 April 2026 (6 weeks; src/domain/adr-rules.ts). Kept apart from the schemas so
 * the banner does not pull the schema library into the page's first chunk.
 */
export const CLOCK_ADVANCE_DAYS = { P1D: 1, P1W: 7, P6W: 42 } as const;
export type ClockAdvance = keyof typeof CLOCK_ADVANCE_DAYS;
export const clockAdvances = Object.keys(CLOCK_ADVANCE_DAYS) as [ClockAdvance, ...ClockAdvance[]];
