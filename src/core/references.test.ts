import { describe, expect, it } from 'vitest';
import { newReference } from './references';

describe('case references', () => {
  it('carry 40 random bits: format, every position uses the whole alphabet, next to no repeats over many', () => {
    const n = 20_000;
    const seen = new Set<string>();
    const perPosition = Array.from({ length: 8 }, () => new Set<string>());
    for (let i = 0; i < n; i++) {
      const r = newReference('NAS-', new Date('2026-12-18T10:00:00.000Z'));
      expect(r).toMatch(/^NAS-2026-[0-9A-HJKMNP-TV-Z]{8}$/);
      seen.add(r);
      [...r.slice(-8)].forEach((ch, p) => perPosition[p]!.add(ch));
    }
    // 8 positions × 32 symbols = 40 bits.
    expect(perPosition.map((s) => s.size)).toEqual(Array.from({ length: 8 }, () => 32));
    // 40 bits do repeat, rarely: two of 20,000 references are alike once in about 5,500 runs (n²/2 pairs in 2^40),
    // three repeats once in 10^12 runs. A smaller space repeats often (24 bits: a dozen times), which this still tells.
    expect(n - seen.size).toBeLessThanOrEqual(2);
  });
});
