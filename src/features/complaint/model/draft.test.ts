// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDraftSaver, discardDraft, draftKey, loadDraft, newDraft, newIdempotencyKey, parseDraft, saveDraft, type Draft } from './draft';

afterEach(() => {
  localStorage.clear();
  vi.useRealTimers();
});

describe('draft', () => {
  it('creates an Idempotency-Key the back office accepts', () => {
    const key = newIdempotencyKey();
    expect(key).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(newIdempotencyKey()).not.toBe(key);
  });
  it('saves and restores answers, step and key under redress.draft.<provider>', () => {
    const d = { ...newDraft(), step: 'evidence' as const, aboutYou: { ...newDraft().aboutYou, name: 'Jo' } };
    saveDraft('ask4', d);
    expect(draftKey('ask4')).toBe('redress.draft.ask4');
    const back = loadDraft('ask4');
    expect(back).toMatchObject({ step: 'evidence', idempotencyKey: d.idempotencyKey, aboutYou: { name: 'Jo' } });
    expect(loadDraft('nasstar')).toBeNull();
    discardDraft('ask4');
    expect(loadDraft('ask4')).toBeNull();
  });
  it('survives damaged or partial storage', () => {
    localStorage.setItem('redress.draft.miso', '{not json');
    expect(loadDraft('miso')).toBeNull();
    localStorage.setItem('redress.draft.miso', JSON.stringify({ version: 1, idempotencyKey: 'abcdefghijklmnopq', step: 'nowhere', aboutYou: { name: 'Kept' }, attachments: [{ bogus: true }] }));
    expect(loadDraft('miso')).toMatchObject({ step: 'about-you', aboutYou: { name: 'Kept', email: '' }, attachments: [], kind: 'complaint' });
  });
  it('writes within the debounce after the last change, and once', () => {
    vi.useFakeTimers();
    const saver = createDraftSaver('nasstar', 300);
    const spy = vi.spyOn(Storage.prototype, 'setItem');
    saver.schedule({ ...newDraft(), step: 'complaint' });
    saver.schedule({ ...newDraft(), step: 'evidence' });
    expect(localStorage.getItem('redress.draft.nasstar')).toBeNull();
    vi.advanceTimersByTime(300);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(loadDraft('nasstar')?.step).toBe('evidence');
    saver.schedule(newDraft());
    saver.cancel();
    vi.advanceTimersByTime(1000);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  describe('parsed by a schema from the contract', () => {
    const filled = (): Draft => {
      const d = newDraft('abuseReport');
      return {
        ...d,
        step: 'check',
        aboutYou: { ...d.aboutYou, customerKind: 'business', employees: '12', name: 'Ada', email: 'ada@example.com', replyBy: 'letter', address: { line1: '1 High St', line2: '', town: 'Leeds', postcode: 'LS1 1AA' }, hasRepresentative: 'yes', representative: { name: 'Bo', relationship: 'son' } },
        complaint: { ...d.complaint, category: 'billing', summary: 'Charged twice', startedOn: { day: '3', month: '2', year: '2026' }, compensationPence: '£12' },
        evidence: {
          references: [{ reference: 'T-1', note: '' }],
          staff: [{ name: 'Cy', team: 'Billing' }],
          calls: [{ at: { day: '4', month: '2', year: '2026', time: '10:30' }, fromNumber: '0113', spokeTo: '', whatWasSaid: 'Refund promised' }],
          emails: [{ sentAt: { day: '5', month: '2', year: '2026', time: '' }, toAddress: 'help@example.com', subject: 'Refund' }],
        },
        attachments: [{ id: 'att_1', name: 'bill.pdf', kind: 'pdf', size: 1234, uploadedAt: '2026-02-05T10:00:00.000Z' }],
      };
    };

    it('round-trips a valid draft unchanged', () => {
      const d = filled();
      expect(parseDraft(JSON.parse(JSON.stringify(d)))).toEqual(d);
      saveDraft('ask4', d);
      const { savedAt: _saved, ...answers } = d;
      expect(loadDraft('ask4')).toMatchObject(answers);
    });

    it('keeps every other field when one is bad', () => {
      const d = filled();
      const stored = JSON.parse(JSON.stringify(d)) as Record<string, Record<string, unknown>>;
      stored.aboutYou!.customerKind = 'alien';
      stored.complaint!.summary = 42;
      (stored.evidence!.calls as unknown[]).push('not a call');
      (stored.attachments as unknown as unknown[]).push({ id: 'att_2', kind: 'exe' });
      const back = parseDraft(stored);
      expect(back.aboutYou).toEqual({ ...d.aboutYou, customerKind: '' });
      expect(back.complaint).toEqual({ ...d.complaint, summary: '' });
      expect(back.evidence).toEqual(d.evidence);
      expect(back.attachments).toEqual(d.attachments);
      expect(back).toMatchObject({ kind: 'abuseReport', step: 'check', idempotencyKey: d.idempotencyKey });
    });

    it('turns garbage into an empty draft with a fresh key', () => {
      for (const garbage of [null, 7, 'draft', [1, 2], { aboutYou: 'x', evidence: [], step: 9, idempotencyKey: 'short' }]) {
        const { idempotencyKey, savedAt, ...answers } = parseDraft(garbage);
        const { idempotencyKey: _key, savedAt: _at, ...empty } = newDraft();
        expect(answers).toEqual(empty);
        expect(idempotencyKey).toMatch(/^[A-Za-z0-9_-]{16,}$/);
        expect(Number.isNaN(Date.parse(savedAt))).toBe(false);
      }
      localStorage.setItem('redress.draft.miso', '[1,2]');
      expect(loadDraft('miso')).toBeNull();
    });

    it('loads a draft saved by an older version (no version, kind or later fields) with what it had', () => {
      const old = {
        step: 'complaint',
        idempotencyKey: 'cmp_abcdefghijklmnop',
        aboutYou: { name: 'Old', email: 'old@example.com', address: { line1: '2 Low Rd' } },
        complaint: { category: 'delay', summary: 'Slow', startedOn: { day: '1', month: '1', year: '2025' } },
        evidence: { references: [{ reference: 'R-9' }] },
      };
      localStorage.setItem('redress.draft.nasstar', JSON.stringify(old));
      const back = loadDraft('nasstar');
      expect(back).toMatchObject({
        version: 1,
        kind: 'complaint',
        step: 'complaint',
        idempotencyKey: 'cmp_abcdefghijklmnop',
        aboutYou: { name: 'Old', email: 'old@example.com', phone: '', address: { line1: '2 Low Rd', line2: '', town: '', postcode: '' }, representative: { name: '', relationship: '' } },
        complaint: { category: 'delay', summary: 'Slow', firstComplainedAt: { day: '', month: '', year: '' }, firstReference: '' },
        evidence: { references: [{ reference: 'R-9', note: '' }], staff: [], calls: [], emails: [] },
        attachments: [],
      });
    });
  });
});
