import { describe, expect, it } from 'vitest';
import { dateTimeFormat } from './date-format';

describe('dateTimeFormat: one Intl.DateTimeFormat per locale and options', () => {
  const at = new Date('2026-04-08T10:05:00Z');

  it('writes what a new Intl.DateTimeFormat writes', () => {
    for (const [locale, options] of [
      ['en-GB', { dateStyle: 'long', timeZone: 'Europe/London' }],
      ['it-IT', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' }],
      ['en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }],
    ] as const) {
      expect(dateTimeFormat(locale, options).format(at)).toBe(new Intl.DateTimeFormat(locale, options).format(at));
    }
  });

  it('gives the same object for the same locale and options, another for others', () => {
    const a = dateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/London' });
    expect(dateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/London' })).toBe(a);
    expect(dateTimeFormat('it-IT', { dateStyle: 'long', timeZone: 'Europe/London' })).not.toBe(a);
    expect(dateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' })).not.toBe(a);
    expect(dateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(at)).toBe('8 April 2026');
  });
});
