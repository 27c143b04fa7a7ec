import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
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
});
