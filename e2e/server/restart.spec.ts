import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aboutYou, complaintDetails } from '../complaint-form';
import { expect, test } from '../fixtures';

/**
 * `npm start` as a newcomer runs it (scripts/start.ts: the production build and the compiled server; then that server
 * on PGlite in a data folder, no database installed, not in demo mode): a complaint sent in the browser is still
 * there, and still the guest's, after the server is stopped and started again on the same folder.
 */

const PORT = Number(process.env.E2E_RESTART_PORT ?? 4191);
const BASE = `http://localhost:${PORT}`;

/** What the servers wrote to stderr (passed on as well): nothing is expected but the builds' own lines. */
let stderr = '';

function startServer(dataDir: string): ChildProcess {
  // As a newcomer types it: npm runs scripts/start.ts (the builds), then replaces its shell with the compiled server,
  // and passes SIGTERM on to it.
  const server = spawn('npm', ['start', '--silent'], {
    env: { ...process.env, NODE_ENV: undefined, PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: join(dataDir, 'pglite'), FILES_DIR: join(dataDir, 'files'), LOG_LEVEL: 'warn', DEMO: '', MAIL_OUTBOX: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  server.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    process.stderr.write(chunk);
  });
  return server;
}

async function untilHealthy(server: ChildProcess) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`npm start exited with ${server.exitCode}`);
    const ok = await fetch(`${BASE}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('npm start did not answer /api/health within 2 minutes');
}

async function stop(server: ChildProcess) {
  if (server.exitCode !== null) return;
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  await exited;
}

test('a complaint sent in the browser survives a restart of npm start', async ({ page }) => {
  test.setTimeout(300_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'redress-restart-'));
  let server = startServer(dataDir);
  try {
    await untilHealthy(server);
    const summary = `Refund not received ${Date.now()}`;
    await page.goto(`${BASE}/complaints/new?lng=en`);
    await aboutYou(page, 'en', { name: 'Jo Bloggs', email: 'jo.bloggs@example.com', phone: '01632 960 001' });
    await complaintDetails(page, 'en', summary);
    await expect(page.locator('h1')).toHaveText('Evidence');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Send complaint' }).click();
    await expect(page.locator('h1')).toHaveText('Complaint received');
    const reference = (await page.getByTestId('case-reference').textContent())!.trim();
    await page.getByRole('link', { name: 'Go to your case' }).click();
    await expect(page.getByRole('heading', { level: 1, name: summary })).toBeVisible();

    await stop(server);
    await expect.poll(() => fetch(`${BASE}/api/health`).then(() => 'up', () => 'down')).toBe('down');
    server = startServer(dataDir);
    await untilHealthy(server);

    // The same browser, after the restart: the case and the guest's session were both kept in the database.
    await page.goto(`${BASE}/cases/${reference}?lng=en`);
    await expect(page.getByRole('heading', { level: 1, name: summary })).toBeVisible();
    await expect(page.getByText(reference).first()).toBeVisible();
    // React's production build (server/main.ts), which writes no development warnings.
    expect(stderr).not.toMatch(/React|Warning:/);
  } finally {
    await stop(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
