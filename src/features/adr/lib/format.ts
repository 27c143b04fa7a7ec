import type { TFunction } from 'i18next';

/** Dates and money for ADR documents: the locale's own formats, in the provider's time zone. */

/**
 * i18next's `t` over the namespaces the ADR documents use, keys checked against locales/en (src/lib/i18next.d.ts):
 * the page's own `t` (which has these namespaces and more) or one fixed to the document's language (use-document-t.ts).
 */
export type Translate = TFunction<readonly ['adr', 'providers', 'common']>;

export interface Formatters {
  locale: string;
  /** An instant as a date in the provider's time zone: "23 November 2026". */
  date(instant: string | Date): string;
  /** An instant as date and time: "23 November 2026, 14:05". */
  dateTime(instant: string | Date): string;
  /** A local calendar day 'YYYY-MM-DD' (no time zone shift). */
  day(day: string): string;
  money(pence: number): string;
  bytes(n: number): string;
}

export function formatters(locale: string, timeZone: string): Formatters {
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency: 'GBP' });
  const kb = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return {
    locale,
    date: (v) => date.format(new Date(v)),
    dateTime: (v) => dateTime.format(new Date(v)),
    day: (d) => day.format(new Date(`${d}T12:00:00Z`)),
    money: (pence) => money.format(pence / 100),
    bytes: (n) => (n >= 1024 * 1024 ? `${kb.format(n / 1024 / 1024)} MB` : `${kb.format(Math.max(1, Math.round(n / 1024)))} KB`),
  };
}
