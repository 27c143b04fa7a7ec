// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDraftSaver, discardDraft, draftKey, loadDraft, newDraft, newIdempotencyKey, saveDraft } from './draft';

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
});
