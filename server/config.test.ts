import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, startupProblems } from './config';
import { secretInDataDir } from './server';

describe('start-up checks', () => {
  it('issue 20.7: a production server without SMTP_URL does not start unless the outbox is chosen; demo mode keeps its mailbox', () => {
    expect(startupProblems(loadConfig({}))).toEqual([expect.stringMatching(/^SMTP_URL: .*MAIL_OUTBOX=1/)]);
    expect(startupProblems(loadConfig({ SMTP_URL: 'smtp://mail.example:587' }))).toEqual([]);
    expect(startupProblems(loadConfig({ MAIL_OUTBOX: '1' }))).toEqual([]);
    expect(startupProblems(loadConfig({ DEMO: '1' }))).toEqual([]);
  });

  it('issue 20.7: on PostgreSQL the secret must be given (instances share it); a short one is refused', () => {
    const pg = { DATABASE_URL: 'postgres://u:p@db.example:5432/redress', MAIL_OUTBOX: '1' };
    expect(startupProblems(loadConfig(pg))).toEqual([expect.stringMatching(/^SERVER_SECRET: required/)]);
    expect(startupProblems(loadConfig({ ...pg, SERVER_SECRET: 'x'.repeat(32) }))).toEqual([]);
    expect(() => loadConfig({ SERVER_SECRET: 'short' })).toThrow(/SERVER_SECRET: at least 32 characters/);
  });

  it('issue 20.7: on PGlite the secret is made once into DATA_DIR/secret, readable by the owner only, and kept', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'redress-secret-'));
    try {
      const first = await secretInDataDir(dir);
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect((await stat(join(dir, 'secret'))).mode & 0o777).toBe(0o600);
      expect((await readFile(join(dir, 'secret'), 'utf8')).trim()).toBe(first);
      expect(await secretInDataDir(dir)).toBe(first);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
