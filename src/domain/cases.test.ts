import { filterCases, isOpen, letterRefusal, makeDeadlineOf, nextStageId, normaliseForSearch, sortCases, type CaseListItem } from './cases';
import { getProfile, misoProfile, nasstarProfile } from './profiles';

const item = (reference: string, summary: string, over: Partial<CaseListItem> = {}): CaseListItem => ({
  reference,
  summary,
  status: 'investigating',
  stageId: 'complaintsTeam',
  updatedAt: '2026-12-01T10:00:00Z',
  ...over,
});

const list = [
  item('NAS-2026-7KQ4M2', 'Fattura sbagliata per la linea in Perù', { status: 'submitted', updatedAt: '2026-12-03T10:00:00Z' }),
  item('NAS-2026-AB12CD', 'Broadband keeps dropping', { status: 'closed', updatedAt: '2026-12-02T10:00:00Z' }),
  item('NAS-2026-ZZ99YY', 'Engineer did not arrive — café line', { stageId: 'customerServicesManager', updatedAt: '2026-12-04T10:00:00Z' }),
];

describe('filterCases', () => {
  it('filters by status, several statuses and stage', () => {
    expect(filterCases(list, { status: 'closed' }).map((c) => c.reference)).toEqual(['NAS-2026-AB12CD']);
    expect(filterCases(list, { status: ['submitted', 'investigating'] })).toHaveLength(2);
    expect(filterCases(list, { stage: 'customerServicesManager' }).map((c) => c.reference)).toEqual(['NAS-2026-ZZ99YY']);
    expect(filterCases(list)).toHaveLength(3);
  });
  it('matches the reference with or without separators, any case', () => {
    expect(filterCases(list, { q: 'nas-2026-7kq' }).map((c) => c.reference)).toEqual(['NAS-2026-7KQ4M2']);
    expect(filterCases(list, { q: '7KQ4M2' })).toHaveLength(1);
    expect(filterCases(list, { q: 'ab12' })).toHaveLength(1);
  });
  it('matches beginnings of words of the summary, ignoring case and accents', () => {
    expect(filterCases(list, { q: 'PERU' }).map((c) => c.reference)).toEqual(['NAS-2026-7KQ4M2']);
    expect(filterCases(list, { q: 'cafe' })).toHaveLength(1);
    expect(filterCases(list, { q: 'fattura linea' })).toHaveLength(1); // every word must match
    expect(filterCases(list, { q: 'fattura broadband' })).toHaveLength(0);
    expect(filterCases(list, { q: 'roadband' })).toHaveLength(0); // not a word start
    expect(filterCases(list, { q: '   ' })).toHaveLength(3);
  });
  it('re-normalises when an item is edited in place', () => {
    const c = item('MISO-1', 'old words');
    expect(filterCases([c], { q: 'old' })).toHaveLength(1);
    c.summary = 'new words';
    expect(filterCases([c], { q: 'old' })).toHaveLength(0);
  });
  it('normalises accents and punctuation', () => {
    expect(normaliseForSearch('  Città — Perché?  ')).toBe('citta perche');
  });
});

describe('sortCases', () => {
  it('most recently updated first, without touching the input', () => {
    expect(sortCases(list, 'updated').map((c) => c.reference)).toEqual(['NAS-2026-ZZ99YY', 'NAS-2026-7KQ4M2', 'NAS-2026-AB12CD']);
    expect(list[0]!.reference).toBe('NAS-2026-7KQ4M2');
  });
  it('earliest deadline first, no deadline last', () => {
    const due: Record<string, Date | null> = {
      'NAS-2026-7KQ4M2': new Date('2026-12-22T17:30:00Z'),
      'NAS-2026-AB12CD': null,
      'NAS-2026-ZZ99YY': new Date('2026-12-10T17:30:00Z'),
    };
    expect(sortCases(list, 'deadline', (c) => due[c.reference]).map((c) => c.reference)).toEqual([
      'NAS-2026-ZZ99YY',
      'NAS-2026-7KQ4M2',
      'NAS-2026-AB12CD',
    ]);
  });
  it('sorts and filters 10,000 cases by deadline (how fast: `npm run bench`, the long list at 10,000 cases)', () => {
    // One case a minute from Thu 1 Jan 2026 (a bank holiday): their acknowledgements fall due on a few days.
    const many = Array.from({ length: 10_000 }, (_, i) => {
      const t = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
      return {
        ...item(`NAS-2026-${i.toString(36).toUpperCase().padStart(6, '0')}`, `Case number ${i} about broadband`, { updatedAt: t }),
        kind: 'complaint' as const,
        stageStartedAt: t,
        firstComplainedAt: t,
        clocksMet: [],
        letters: [],
      };
    });
    const deadlineOf = makeDeadlineOf(nasstarProfile, new Date('2026-06-01T00:00:00Z'));
    const sorted = sortCases(filterCases(many, { q: 'broad', status: ['investigating'] }), 'deadline', deadlineOf);
    expect(sorted).toHaveLength(10_000);
    for (let i = 1; i < sorted.length; i++) {
      const a = deadlineOf(sorted[i - 1]!)!.getTime();
      const b = deadlineOf(sorted[i]!)!.getTime();
      expect(a <= b && (a < b || sorted[i - 1]!.updatedAt >= sorted[i]!.updatedAt)).toBe(true);
    }
    // Received before 17:30 on Fri 2 Jan (1 Jan is a holiday) → acknowledgement due Tue 6 Jan 17:30.
    expect(deadlineOf(sorted[0]!)!.toISOString()).toBe('2026-01-06T17:30:00.000Z');
  });
});

describe('stages and statuses', () => {
  it('nextStageId walks the procedure and stops at the last stage', () => {
    expect(nextStageId(nasstarProfile, 'complaintsTeam')).toBe('customerServicesManager');
    expect(nextStageId(nasstarProfile, 'customerServicesManager')).toBeUndefined();
    expect(nextStageId(misoProfile, 'attempt1')).toBe('attempt2');
    expect(nextStageId(misoProfile, 'nope')).toBeUndefined();
  });
  it('isOpen', () => {
    expect(isOpen('submitted')).toBe(true);
    expect(isOpen('responseIssued')).toBe(true);
    expect(isOpen('resolved')).toBe(false);
    expect(isOpen('closed')).toBe(false);
    expect(isOpen('deadlock')).toBe(false);
  });
});

describe('letterRefusal: which letters a procedure has', () => {
  const co = getProfile('commsombudsman');
  it('the Communications Ombudsman issues no ADR letter, and its final response only at its last stage', () => {
    expect(letterRefusal(co, { stageId: 'firstStage' }, 'adr')).toBe('noLetterInProcedure');
    expect(letterRefusal(co, { stageId: 'secondStage' }, 'adr')).toBe('noLetterInProcedure');
    expect(letterRefusal(co, { stageId: 'firstStage' }, 'deadlock')).toBe('finalResponseLater');
    expect(letterRefusal(co, { stageId: 'secondStage' }, 'deadlock')).toBeNull();
  });
  it('issue 22 point 9: Miso issues its deadlock letter only after Resolution Attempt 3; its ADR letter at any stage', () => {
    const miso = getProfile('miso');
    expect(letterRefusal(miso, { stageId: 'attempt1' }, 'deadlock')).toBe('deadlockLater');
    expect(letterRefusal(miso, { stageId: 'attempt2' }, 'deadlock')).toBe('deadlockLater');
    expect(letterRefusal(miso, { stageId: 'attempt3' }, 'deadlock')).toBeNull();
    for (const stage of miso.stages) expect(letterRefusal(miso, { stageId: stage.id }, 'adr')).toBeNull();
  });
  it('a provider under Ofcom-approved ADR may otherwise issue either letter at any stage', () => {
    for (const id of ['nasstar', 'netservers', 'ask4'] as const) {
      const profile = getProfile(id);
      for (const stage of profile.stages) for (const kind of ['deadlock', 'adr'] as const) expect(letterRefusal(profile, { stageId: stage.id }, kind)).toBeNull();
    }
  });
});
