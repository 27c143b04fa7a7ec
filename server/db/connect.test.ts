import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from './connect';

/** Ports this process listens on over TCP (IPv4 and IPv6), from /proc/net/tcp* (state 0A = LISTEN), by socket inode. */
async function listeningTcpInodes(): Promise<Set<string>> {
  const { readFile } = await import('node:fs/promises');
  const inodes = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(file, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] === '0A') inodes.add(cols[9]!);
    }
  }
  return inodes;
}

/** The socket inodes this process holds open. */
async function ownSocketInodes(): Promise<Set<string>> {
  const { readdir, readlink } = await import('node:fs/promises');
  const inodes = new Set<string>();
  for (const fd of await readdir('/proc/self/fd')) {
    const target = await readlink(`/proc/self/fd/${fd}`).catch(() => '');
    const m = /^socket:\[(\d+)\]$/.exec(target);
    if (m) inodes.add(m[1]!);
  }
  return inodes;
}

describe.skipIf(Boolean(process.env.DATABASE_URL) || process.platform !== 'linux')('the embedded database (PGlite)', () => {
  let dir: string;
  let handle: DatabaseHandle;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'redress-sock-'));
    handle = await openDatabase({ databaseUrl: null, dataDir: dir, poolSize: 2 });
  });
  afterAll(async () => {
    await handle.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('issue 20.6: listens on no TCP port, only on a Unix socket in a folder of the data folder that only its user may enter', async () => {
    expect((await sql<{ one: number }>`SELECT 1 AS one`.execute(handle.db)).rows[0]!.one).toBe(1);
    const listening = await listeningTcpInodes();
    const ours = await ownSocketInodes();
    expect([...ours].filter((inode) => listening.has(inode))).toEqual([]);
    expect(handle.connectionString).not.toMatch(/127\.0\.0\.1|localhost/);
    const folder = await stat(join(dir, 'socket'));
    expect(folder.mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, 'socket', '.s.PGSQL.5432'))).isSocket()).toBe(true);
  });
});
