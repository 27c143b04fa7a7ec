import { describe, expect, it } from 'vitest';
import { windowOver } from './windows';

describe('windowOver', () => {
  const now = new Date('2026-12-06T10:00:00.000Z');
  it('is open until its length has passed, over from that instant', () => {
    expect(windowOver(new Date(now.getTime() - 59_999), now, 60_000)).toBe(false);
    expect(windowOver(new Date(now.getTime() - 60_000), now, 60_000)).toBe(true);
    expect(windowOver(now.toISOString(), now, 60_000)).toBe(false);
  });
  it('is over when it started more than its length after now (a clock set back)', () => {
    expect(windowOver(new Date(now.getTime() + 60_001), now, 60_000)).toBe(true);
    expect(windowOver(new Date(now.getTime() + 3_600_000), now, 60_000)).toBe(true);
  });
  it('is still open when it started a little after now: a racing request read its clock before the claim it finds', () => {
    expect(windowOver(new Date(now.getTime() + 1), now, 60_000)).toBe(false);
    expect(windowOver(new Date(now.getTime() + 60_000), now, 60_000)).toBe(false);
  });
});
