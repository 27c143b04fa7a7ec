import { clocksOfCase, complianceReport, csvCell, median, percentile, registerRows, toCsv, type ComplianceCase } from './compliance';
import { nasstarProfile } from './profiles';

/**
 * A hand-computed fixture (Nasstar's complaints team: acknowledgement in 2 working days, resolution aimed at in 20;
 * England and Wales bank holidays 25 and 28 December 2026, 1 January 2027). Every case starts on Fri 18 Dec 2026
 * 10:00 (UK time = UTC in winter): the acknowledgement is due Tue 22 Dec 17:30, the resolution Wed 20 Jan 17:30.
 * The report is read on Fri 15 Jan 2027 12:00, before any resolution falls due.
 */
const START = '2026-12-18T10:00:00.000Z';
const NOW = new Date('2027-01-15T12:00:00Z');
const met = (clockId: string, metAt: string) => ({ stageId: 'complaintsTeam', clockId, metAt });

function complaint(reference: string, over: Partial<ComplianceCase> = {}): ComplianceCase {
  const first = over.firstComplainedAt ?? START;
  return {
    reference,
    kind: 'complaint',
    status: 'acknowledged',
    stageId: 'complaintsTeam',
    stageStartedAt: first,
    firstComplainedAt: first,
    clocksMet: [],
    letters: [],
    referral: null,
    receivedBy: 'portal',
    category: 'billing',
    customerKind: 'residential',
    supportNeeds: false,
    stageHistory: [{ stageId: 'complaintsTeam', at: String(first) }],
    messages: [],
    ...over,
  };
}

const cases: ComplianceCase[] = [
  // Acknowledged Mon 21 Dec 10:00 (72 h): on time; resolved Fri 8 Jan 10:00 (504 h): on time.
  complaint('A', { clocksMet: [met('acknowledge', '2026-12-21T10:00:00Z'), met('resolve', '2027-01-08T10:00:00Z')] }),
  // Acknowledged Wed 23 Dec 10:00 (120 h): late.
  complaint('B', { clocksMet: [met('acknowledge', '2026-12-23T10:00:00Z')] }),
  // Never acknowledged: missed.
  complaint('C', { status: 'submitted' }),
  // Acknowledged Tue 22 Dec 12:00 (98 h): on time.
  complaint('D', { clocksMet: [met('acknowledge', '2026-12-22T12:00:00Z')], receivedBy: 'phone', supportNeeds: true }),
  // Received 1 Oct 2026: its ADR letter went out on 5 Nov, before the wait passed (on time); referred to CISAS.
  complaint('E', { firstComplainedAt: '2026-10-01T09:00:00.000Z', letters: [{ kind: 'adr', issuedAt: '2026-11-05T10:00:00Z' }], status: 'closed', referral: { schemeId: 'cisas', referredAt: '2026-11-20T10:00:00Z' }, clocksMet: [met('acknowledge', '2026-10-02T09:00:00Z')] }),
  // Received 1 Oct 2026: a deadlock letter only on 10 Dec, after the wait (late).
  complaint('F', { firstComplainedAt: '2026-10-01T09:00:00.000Z', letters: [{ kind: 'deadlock', issuedAt: '2026-12-10T10:00:00Z' }], clocksMet: [met('acknowledge', '2026-10-02T09:00:00Z')] }),
  // Received 1 Oct 2026, still open, no letter: past the ADR point with none.
  complaint('G', { firstComplainedAt: '2026-10-01T09:00:00.000Z', clocksMet: [met('acknowledge', '2026-10-02T09:00:00Z')] }),
  // Resolved without a letter: owed none.
  complaint('H', { firstComplainedAt: '2026-10-01T09:00:00.000Z', status: 'resolved', clocksMet: [met('acknowledge', '2026-10-02T09:00:00Z'), met('resolve', '2026-10-20T09:00:00Z')] }),
  // Outside the period (received 1 Sep), and an abuse report: neither counted.
  complaint('X', { firstComplainedAt: '2026-09-01T09:00:00.000Z', clocksMet: [met('acknowledge', '2026-09-10T09:00:00Z')] }),
  complaint('Y', { kind: 'abuseReport' }),
];

describe('the compliance report — a hand-computed fixture', () => {
  const report = complianceReport(nasstarProfile, cases, new Date('2026-10-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'), NOW);
  const clock = (id: string) => report.clocks.find((c) => c.stageId === 'complaintsTeam' && c.clockId === id)!;

  it('counts the complaints received in the period only', () => {
    expect(report.cases).toBe(8);
  });

  it('acknowledgement: 6 of 8 met on time (A, D, and E–H the next day), B late, C missed', () => {
    expect(clock('acknowledge')).toMatchObject({ counted: 8, metOnTime: 6, metLate: 1, missed: 1, share: 0.75 });
    // Hours to meet (7 met, on time or late), sorted: 24 ×4 (E–H), 72 (A), 98 (D), 120 (B) → median the 4th = 24;
    // 90th percentile: rank ⌈0.9 × 7⌉ = 7 → 120.
    expect(clock('acknowledge').medianHours).toBe(24);
    expect(clock('acknowledge').p90Hours).toBe(120);
  });

  it('resolution: A and H met on time; B, C, D not yet due (not counted); E, F, G missed', () => {
    // E, F and G started 1 Oct: 20 working days passed on 29 Oct, unmet.
    expect(clock('resolve')).toMatchObject({ counted: 5, metOnTime: 2, metLate: 0, missed: 3, share: 0.4 });
    // A: 504 h; H: 1 Oct 09:00 → 20 Oct 09:00 = 456 h.
    expect(clock('resolve').medianHours).toBe(480);
    expect(clock('resolve').p90Hours).toBe(504);
  });

  it('ADR letters: E on time, F late, G past the point with none; H resolved is owed none', () => {
    expect(report.adrLetters).toEqual({ onTime: 1, late: 1, missing: 1 });
  });

  it('referrals by scheme', () => {
    expect(report.referrals).toEqual([{ schemeId: 'cisas', count: 1 }]);
  });

  it('a stage with no clocks is listed with nothing counted', () => {
    const empty = report.clocks.filter((c) => c.counted === 0);
    expect(empty.every((c) => c.share === null && c.medianHours === null)).toBe(true);
  });
});

describe('the register', () => {
  it('one row per case, oldest first, with each clock’s due and met dates and the letters by date', () => {
    const rows = registerRows(nasstarProfile, cases.slice(0, 6), NOW);
    expect(rows.map((r) => r.reference)).toEqual(['E', 'F', 'A', 'B', 'C', 'D']);
    const a = rows.find((r) => r.reference === 'A')!;
    expect(a.clocks.map((c) => [c.clockId, c.dueAt, c.metAt, c.state])).toEqual([
      ['acknowledge', '2026-12-22T17:30:00.000Z', '2026-12-21T10:00:00.000Z', 'met'],
      ['resolve', '2027-01-20T17:30:00.000Z', '2027-01-08T10:00:00.000Z', 'met'],
    ]);
    const d = rows.find((r) => r.reference === 'D')!;
    expect(d).toMatchObject({ channel: 'phone', supportNeeds: true, stages: ['complaintsTeam'], outcome: 'acknowledged' });
    expect(rows.find((r) => r.reference === 'E')!.letters).toEqual([{ kind: 'adrLetter', channel: 'letter', at: '2026-11-05T10:00:00.000Z' }]);
  });

  it('a stage left for another: its clocks as they stood when it ended', () => {
    const moved = complaint('M', {
      stageId: 'customerServicesManager',
      stageStartedAt: '2026-12-23T10:00:00.000Z',
      stageHistory: [
        { stageId: 'complaintsTeam', at: START },
        { stageId: 'customerServicesManager', at: '2026-12-23T10:00:00.000Z' },
      ],
      clocksMet: [met('acknowledge', '2026-12-21T10:00:00Z')],
    });
    const clocks = clocksOfCase(nasstarProfile, moved, NOW);
    // The team's acknowledgement met; its resolution not yet due when the case moved on (23 Dec), so 'due'.
    expect(clocks.filter((c) => c.stageId === 'complaintsTeam').map((c) => c.state)).toEqual(['met', 'due']);
    expect(clocks.some((c) => c.stageId === 'customerServicesManager')).toBe(true);
  });
});

describe('median and percentile', () => {
  it('median of odd and even counts; nearest-rank percentile', () => {
    expect(median([1, 2, 3])).toBe(2);
    expect(median([1, 2, 3, 10])).toBe(2.5);
    expect(median([])).toBeNull();
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([5], 90)).toBe(5);
  });
});

describe('CSV', () => {
  it('quotes commas, quotes and line breaks; prefixes what a spreadsheet would run as a formula', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(null)).toBe('');
    expect(csvCell(3)).toBe('3');
  });
  it('a file with a byte-order mark and CRLF lines', () => {
    expect(toCsv([['a', 'b'], ['Zoë', 'x,y']])).toBe('\uFEFFa,b\r\nZoë,"x,y"\r\n');
  });
});
