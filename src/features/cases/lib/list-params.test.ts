import type { CaseSummary } from '@/api/schemas';
import { filterCases, sortCases } from '@/domain/cases';
import { readListParams, toCaseFilter, writeListParams } from './list-params';

const stages = ['complaintsTeam', 'customerServicesManager'];

const item = (reference: string, summary: string, status: CaseSummary['status'], stageId: string, updatedAt: string): CaseSummary => ({
  reference,
  raisedBy: null,
  summary,
  status,
  stageId,
  updatedAt,
  kind: 'complaint',
  stageStartedAt: updatedAt,
  firstComplainedAt: updatedAt,
  clocksMet: [],
  letters: [],
});

const cases = [
  item('NAS-2026-AAAAA1', 'Broadband drops every evening', 'investigating', 'complaintsTeam', '2026-11-01T10:00:00Z'),
  item('NAS-2026-BBBBB2', 'Charged twice for October', 'resolved', 'complaintsTeam', '2026-11-03T10:00:00Z'),
  item('NAS-2026-CCCCC3', 'Broadband installation missed', 'submitted', 'customerServicesManager', '2026-11-02T10:00:00Z'),
];

describe('case list URL state', () => {
  it('reads the filters from the address, ignoring unknown values', () => {
    expect(readListParams(new URLSearchParams('status=open&stage=complaintsTeam&q=broad&sort=deadline'), stages)).toEqual({
      status: 'open',
      stage: 'complaintsTeam',
      q: 'broad',
      sort: 'deadline',
    });
    expect(readListParams(new URLSearchParams('status=bogus&stage=nope&sort=x'), stages)).toEqual({
      status: undefined,
      stage: undefined,
      q: '',
      sort: 'updated',
    });
    expect(readListParams(new URLSearchParams('status=resolved'), stages).status).toBe('resolved');
  });

  it('writes changes back, dropping defaults and keeping other parameters', () => {
    const start = new URLSearchParams('lng=it&status=open');
    expect(writeListParams(start, { q: 'broadband' }).toString()).toBe('lng=it&status=open&q=broadband');
    expect(writeListParams(start, { status: undefined, sort: 'updated' }).toString()).toBe('lng=it');
    expect(writeListParams(start, { sort: 'deadline', q: '' }).toString()).toBe('lng=it&status=open&sort=deadline');
  });

  it('round-trips through the address', () => {
    const params = { status: 'submitted' as const, stage: 'customerServicesManager', q: 'missed', sort: 'deadline' as const };
    expect(readListParams(writeListParams(new URLSearchParams(), params), stages)).toEqual(params);
  });

  it('filters with the domain helpers: open cases, stage, words and reference', () => {
    const run = (search: string) =>
      filterCases(cases, toCaseFilter(readListParams(new URLSearchParams(search), stages))).map((c) => c.reference);
    expect(run('')).toHaveLength(3);
    expect(run('status=open')).toEqual(['NAS-2026-AAAAA1', 'NAS-2026-CCCCC3']);
    expect(run('status=resolved')).toEqual(['NAS-2026-BBBBB2']);
    expect(run('stage=customerServicesManager')).toEqual(['NAS-2026-CCCCC3']);
    expect(run('q=broadband')).toEqual(['NAS-2026-AAAAA1', 'NAS-2026-CCCCC3']);
    expect(run('q=broadband&status=open&stage=complaintsTeam')).toEqual(['NAS-2026-AAAAA1']);
    expect(run('q=bbbbb2')).toEqual(['NAS-2026-BBBBB2']);
    expect(run('q=%20%20')).toHaveLength(3);
  });

  it('sorts by last update by default', () => {
    expect(sortCases(cases, readListParams(new URLSearchParams(), stages).sort).map((c) => c.reference)).toEqual([
      'NAS-2026-BBBBB2',
      'NAS-2026-CCCCC3',
      'NAS-2026-AAAAA1',
    ]);
  });
});
