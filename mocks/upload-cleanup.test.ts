import { beforeAll, describe, expect, it } from 'vitest';
import { BackOfficeApi } from '@/core/http';
import type { BackOfficeStore, FileStore } from '@/core/ports';
import { db, memoryPersistence } from './db';

/**
 * Issue 20.4: when the attachment's row cannot be written, the bytes the request just stored are removed — no
 * file is left in the store with no record of it.
 */
beforeAll(async () => {
  await db.open(memoryPersistence());
});

function backOfficeWith(failingInsert: boolean) {
  const stored = new Map<string, Uint8Array>();
  const files: FileStore = {
    put: async (key, bytes) => void stored.set(key, bytes),
    get: async (key) => stored.get(key) ?? null,
    delete: async (key) => void stored.delete(key),
    list: async function* () { yield* []; },
  };
  const store: BackOfficeStore = Object.assign(Object.create(db) as BackOfficeStore, {
    transaction: <T,>(run: Parameters<BackOfficeStore['transaction']>[0]) =>
      db.transaction((tx) => run(failingInsert ? { ...tx, insertAttachment: () => Promise.reject(new Error('insert failed')) } : tx)) as Promise<T>,
  });
  const api = new BackOfficeApi({ store, files, time: { now: () => new Date('2026-12-18T10:00:00Z') }, mailer: { send: async () => undefined } }, { simulateProvider: false, cookieFlags: { httpOnly: false, secure: false } });
  const upload = () => {
    const form = new FormData();
    form.set('file', new File(['Called on 2 Oct'], 'notes.txt', { type: 'text/plain' }));
    return api.handle(new Request('http://localhost/api/attachments', { method: 'POST', headers: { 'X-Redress-Provider': 'nasstar' }, body: form }), { operationId: 'uploadAttachment', params: {} });
  };
  return { stored, upload };
}

describe('issue 20.4: bytes whose row was never written', () => {
  it('are deleted when inserting the attachment fails', async () => {
    const { stored, upload } = backOfficeWith(true);
    await expect(upload()).rejects.toThrow('insert failed');
    expect(stored.size).toBe(0);
  });

  it('control: a written row keeps its bytes', async () => {
    const { stored, upload } = backOfficeWith(false);
    expect((await upload()).status).toBe(201);
    expect(stored.size).toBe(1);
  });
});
