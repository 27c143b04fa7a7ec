import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { sessionSchema } from '@/api/schemas';
import { loadConfig } from '../config';
import { openMigratedDatabase } from '../db/connect';
import { jsonLogger } from '../http/log';
import { createServerApp } from '../server';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');

describe.skipIf(Boolean(process.env.DATABASE_URL))('npm run server:create-customer', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('issue 20.16: makes a production server\'s first business customer and its administrator, who signs in with a code', async () => {
    dir = await mkdtemp(join(tmpdir(), 'redress-create-customer-'));
    const env = { ...process.env, DATA_DIR: join(dir, 'pglite'), FILES_DIR: join(dir, 'files'), PROVIDER: 'nasstar', DATABASE_URL: '' };
    const cli = ['tsx', '--tsconfig', 'tsconfig.server.json', 'server/cli/create-customer.ts'];
    const args = ['--email', 'ada@firstco.example', '--name', 'Ada First', '--organisation', 'First Co Ltd', '--employees', '12'];
    const { stdout } = await run('npx', [...cli, ...args], { cwd: root, env });
    expect(stdout).toMatch(/administrator of "First Co Ltd"/);
    // The same address twice is refused.
    const again = await run('npx', [...cli, ...args], { cwd: root, env }).then(
      () => 'accepted',
      (error: { stderr: string }) => error.stderr,
    );
    expect(again).toMatch(/already exists/);

    // The server on that data folder (not demo mode): the administrator signs in with an emailed code.
    const config = loadConfig({ DATA_DIR: env.DATA_DIR, FILES_DIR: env.FILES_DIR, PROVIDER: 'nasstar', DIST_DIR: join(dir, 'no-portal'), LOG_LEVEL: 'silent' });
    const database = await openMigratedDatabase({ databaseUrl: null, dataDir: config.dataDir, poolSize: 2 });
    const server = await createServerApp(config, { logger: jsonLogger('silent'), database, jobs: false });
    try {
      const send = (path: string, body: unknown, cookie?: string) =>
        server.fetch(
          new Request(`http://localhost/api${path}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Redress-Provider': 'nasstar', Origin: 'http://localhost', ...(cookie ? { Cookie: cookie } : {}) },
            body: JSON.stringify(body),
          }),
        );
      expect((await send('/session/code', { purpose: 'signIn', email: 'ada@firstco.example', lng: 'en' })).status).toBe(202);
      const { rows } = await database.pool.query<{ body: string }>("SELECT body FROM outbox WHERE recipient = 'ada@firstco.example'");
      const code = /\b(\d{6})\b/.exec(rows[0]!.body)![1]!;
      const signedIn = await send('/session', { email: 'ada@firstco.example', code });
      expect(signedIn.status).toBe(201);
      const session = sessionSchema.parse(await signedIn.json());
      expect(session.scope).toMatchObject({ kind: 'customer', customer: { name: 'Ada First', kind: 'business', organisation: 'First Co Ltd', role: 'admin', employees: 12 } });
    } finally {
      await server.close();
    }
  });
});
