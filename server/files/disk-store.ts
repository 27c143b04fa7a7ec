import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileStore, ListedFile } from '@/core/ports';

/**
 * Uploaded files on local disk (FILES_DIR), in a folder per the key's first two characters. Keys are random
 * tokens the core draws (`randomToken(32)`), never a name a user gave; anything else — a dot, a slash — is
 * refused here, so no key can reach outside the folder.
 */

const KEY = /^[A-Za-z0-9_-]{16,128}$/;

/** A fresh random key (160 bits, base32), for callers other than the core. */
export function newStorageKey(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let out = '';
  for (const b of randomBytes(32)) out += alphabet[b % 32];
  return out;
}

export function isStorageKey(key: string): boolean {
  return KEY.test(key);
}

function checked(key: string): string {
  if (!isStorageKey(key)) throw new Error('Not a storage key');
  return key;
}

export class DiskFileStore implements FileStore {
  constructor(private readonly dir: string) {}

  private folderOf(key: string): string {
    return join(this.dir, checked(key).slice(0, 2));
  }

  private pathOf(key: string): string {
    return join(this.folderOf(key), key);
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(this.folderOf(key), { recursive: true });
    // Write beside, then rename: a reader never sees half a file.
    const partial = `${path}.${randomBytes(6).toString('hex')}.partial`;
    await writeFile(partial, bytes, { flag: 'wx', mode: 0o600 });
    await rename(partial, path);
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await readFile(this.pathOf(key)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  /** The stored files written before `olderThan` (a file's modification time), folder by folder. */
  async *list(olderThan: Date): AsyncIterable<ListedFile> {
    for (const folder of await namesIn(this.dir)) {
      if (folder.length !== 2) continue;
      for (const key of await namesIn(join(this.dir, folder))) {
        // Only its own keys: a `.partial` being written (or left by a crash) is not one.
        if (!isStorageKey(key) || key.slice(0, 2) !== folder) continue;
        const modifiedAt = await stat(join(this.dir, folder, key)).then((s) => s.mtime, () => null);
        if (modifiedAt && modifiedAt < olderThan) yield { key, modifiedAt };
      }
    }
  }
}

/** The names in a folder; none when it does not exist (yet, or any more). */
async function namesIn(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
    throw error;
  }
}
