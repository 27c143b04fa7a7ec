import { describe, expect, it } from 'vitest';
import { datePartOrder, instantToParts, parseTime, partsToInstant, partsToIsoDate } from './date-parts';

describe('date parts', () => {
  it('accepts real dates only', () => {
    expect(partsToIsoDate({ day: '29', month: '2', year: '2024' })).toBe('2024-02-29');
    expect(partsToIsoDate({ day: '29', month: '2', year: '2026' })).toBeNull();
    expect(partsToIsoDate({ day: 'x', month: '2', year: '2026' })).toBeNull();
    expect(partsToIsoDate({ day: '1', month: '13', year: '2026' })).toBeNull();
  });
  it('reads times written the English and Italian ways', () => {
    expect(parseTime('14:30')).toBe(870);
    expect(parseTime('14.30')).toBe(870);
    expect(parseTime('2:30pm')).toBe(870);
    expect(parseTime('2.30 p.m.')).toBe(870);
    expect(parseTime('12am')).toBe(0);
    expect(parseTime('9')).toBe(540);
    expect(parseTime('1430')).toBe(870);
    expect(parseTime('25:00')).toBeNull();
    expect(parseTime('13pm')).toBeNull();
    expect(parseTime('')).toBeNull();
  });
  it('stores wall-clock London time as an instant, across summer time', () => {
    expect(new Date(partsToInstant({ day: '1', month: '7', year: '2026', time: '14:30' }, 'Europe/London')!).toISOString()).toBe('2026-07-01T13:30:00.000Z');
    expect(new Date(partsToInstant({ day: '1', month: '12', year: '2026', time: '14:30' }, 'Europe/London')!).toISOString()).toBe('2026-12-01T14:30:00.000Z');
    expect(instantToParts('2026-07-01T13:30:00.000Z', 'Europe/London')).toEqual({ day: '1', month: '7', year: '2026', time: '14:30' });
  });
  it('orders the boxes by locale', () => {
    expect(datePartOrder('en-GB')).toEqual(['day', 'month', 'year']);
    expect(datePartOrder('it-IT')).toEqual(['day', 'month', 'year']);
    expect(datePartOrder('en-US')).toEqual(['month', 'day', 'year']);
  });
});
