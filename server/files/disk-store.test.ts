import { mkdir, mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiskFileStore, isStorageKey, newStorageKey } from './disk-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'redress-files-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('DiskFileStore', () => {
  it('keeps the bytes under a random key and gives them back', async () => {
    const store = new DiskFileStore(dir);
    const key = newStorageKey();
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 255]);
    await store.put(key, bytes);
    expect(await store.get(key)).toEqual(bytes);
    expect((await stat(join(dir, key.slice(0, 2), key))).mode & 0o777).toBe(0o600);
    // No half-written file is left beside it.
    expect(await readdir(join(dir, key.slice(0, 2)))).toEqual([key]);
  });

  it('answers null for a key it does not have, and forgets a deleted one', async () => {
    const store = new DiskFileStore(dir);
    const key = newStorageKey();
    expect(await store.get(key)).toBeNull();
    await store.put(key, new Uint8Array([1]));
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    await store.delete(key); // deleting twice is fine
  });

  it('makes keys that are random and safe as paths', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => newStorageKey()));
    expect(keys.size).toBe(1000);
    for (const key of keys) expect(isStorageKey(key)).toBe(true);
  });

  it('takes the core’s keys (randomToken(32), Crockford base32)', async () => {
    const store = new DiskFileStore(dir);
    await store.put('7KQ4M2ZX9P0RTV3WB8N6HJ5CDEFGAYS1', new Uint8Array([7]));
    expect(await store.get('7KQ4M2ZX9P0RTV3WB8N6HJ5CDEFGAYS1')).toEqual(new Uint8Array([7]));
  });

  it('refuses anything that is not one of its keys, such as a user’s file name or a path out of the folder', async () => {
    const store = new DiskFileStore(dir);
    for (const key of ['../../etc/passwd', 'bill.pdf', '/tmp/x', 'ab/../../x', 'ab/' + 'a'.repeat(29), 'short', '..' + 'a'.repeat(20), '']) {
      await expect(store.put(key, new Uint8Array([1]))).rejects.toThrow('Not a storage key');
      await expect(store.get(key)).rejects.toThrow('Not a storage key');
    }
  });

  it('issue 20.4: lists the files written before a given time, with that time; nothing else in the folder', async () => {
    const store = new DiskFileStore(dir);
    expect(await listed(new DiskFileStore(join(dir, 'not-yet')), new Date())).toEqual([]);
    const [old, young] = [newStorageKey(), newStorageKey()];
    await store.put(old, new Uint8Array([1]));
    await store.put(young, new Uint8Array([2]));
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    await utimes(join(dir, old.slice(0, 2), old), twoHoursAgo, twoHoursAgo);
    // Not its files: a half-written one, a stray name, a key in the wrong folder.
    await writeFile(join(dir, old.slice(0, 2), `${old}x.1a2b.partial`), 'x');
    await mkdir(join(dir, 'zz'), { recursive: true });
    await writeFile(join(dir, 'zz', 'README'), 'x');
    // Never starting with 'zz' (a random key does once in 1,024 tries, and is then in its own folder).
    await writeFile(join(dir, 'zz', `ab${newStorageKey().slice(2)}`), 'x');
    for (const f of [`${old}x.1a2b.partial`]) await utimes(join(dir, old.slice(0, 2), f), twoHoursAgo, twoHoursAgo);

    const hourAgo = new Date(Date.now() - 3_600_000);
    expect(await listed(store, hourAgo)).toEqual([{ key: old, modifiedAt: twoHoursAgo }]);
    expect((await listed(store, new Date(Date.now() + 1000))).map((f) => f.key).sort()).toEqual([old, young].sort());
  });
});

async function listed(store: DiskFileStore, olderThan: Date) {
  const files = [];
  for await (const file of store.list(olderThan)) files.push(file);
  return files;
}
