import { TZDate } from '@date-fns/tz';

/** What the user typed into a date (and optional time) input, kept as typed so nothing is lost. */
export interface DateTimeParts {
  day: string;
  month: string;
  year: string;
  time?: string;
}

export const emptyDateTimeParts = (withTime = false): DateTimeParts => (withTime ? { day: '', month: '', year: '', time: '' } : { day: '', month: '', year: '' });

const digits = (s: string) => /^\d{1,4}$/.test(s.trim());

export function isBlank(parts: DateTimeParts | undefined): boolean {
  return !parts || (!parts.day.trim() && !parts.month.trim() && !parts.year.trim() && !parts.time?.trim());
}

/** A calendar date as 'YYYY-MM-DD', or null when the parts are not a real date. */
export function partsToIsoDate(parts: DateTimeParts): string | null {
  if (![parts.day, parts.month, parts.year].every(digits)) return null;
  const d = Number(parts.day);
  const m = Number(parts.month);
  const y = Number(parts.year);
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return null;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > daysInMonth) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * A time of day typed the way people write it: "14:30", "14.30" (Italian), "9:05", "1430",
 * "2:30pm", "2.30 p.m.", "14". Returns minutes since midnight or null.
 */
export function parseTime(text: string): number | null {
  const s = text.trim().toLowerCase().replace(/\s+/g, '').replace(/a\.m\.?$/, 'am').replace(/p\.m\.?$/, 'pm').replace(/[.h]/g, ':');
  const m = /^(\d{1,2})(?::?(\d{2}))?(am|pm)?$/.exec(s);
  if (!m) return null;
  let hours = Number(m[1]);
  const minutes = m[2] ? Number(m[2]) : 0;
  if (minutes > 59) return null;
  if (m[3]) {
    if (hours < 1 || hours > 12) return null;
    if (m[3] === 'am' && hours === 12) hours = 0;
    if (m[3] === 'pm' && hours !== 12) hours += 12;
  } else if (hours > 23) return null;
  return hours * 60 + minutes;
}

/** Wall-clock date and time in a time zone → ISO instant with offset, or null when invalid. */
export function partsToInstant(parts: DateTimeParts, timeZone: string): string | null {
  const date = partsToIsoDate(parts);
  const minutes = parseTime(parts.time ?? '');
  if (!date || minutes === null) return null;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const zoned = new TZDate(y, m - 1, d, Math.floor(minutes / 60), minutes % 60, timeZone);
  return zoned.toISOString();
}

/** The reverse, for showing a stored instant or date in the form again. */
export function instantToParts(iso: string, timeZone: string): DateTimeParts {
  const z = new TZDate(new Date(iso).getTime(), timeZone);
  return {
    day: String(z.getDate()),
    month: String(z.getMonth() + 1),
    year: String(z.getFullYear()),
    time: `${String(z.getHours()).padStart(2, '0')}:${String(z.getMinutes()).padStart(2, '0')}`,
  };
}

export function isoDateToParts(date: string): DateTimeParts {
  const [y = '', m = '', d = ''] = date.split('-');
  return { day: String(Number(d)), month: String(Number(m)), year: y };
}

/** The order of day, month and year in a locale ('en-GB', 'it-IT' → day month year; 'en-US' → month day year). */
export function datePartOrder(locale: string): ('day' | 'month' | 'year')[] {
  try {
    const order = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric', year: 'numeric' })
      .formatToParts(new Date(Date.UTC(2000, 10, 22)))
      .map((p) => p.type)
      .filter((t): t is 'day' | 'month' | 'year' => t === 'day' || t === 'month' || t === 'year');
    return order.length === 3 ? order : ['day', 'month', 'year'];
  } catch {
    return ['day', 'month', 'year'];
  }
}
