/**
 * Where the time to the first row goes: the demo build, 10,000 seeded cases, a CPU profile (CDP) of the navigation
 * to the list at 4× slowdown until the first row is in the page, summed by function (self time), top 30.
 * `npx tsx --tsconfig tsconfig.node.json scripts/bench/profile-first-row.ts [customer|staff]` after `npx vite build --mode demo`.
 */
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { projectRoot } from './bundle.ts';
import { serve } from './serve.ts';

const PORT = Number(process.env.PROFILE_PORT ?? 4392);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const NOW = '2026-11-23T10:00:00Z';
const who = process.argv[2] === 'staff' ? 'staff' : 'customer';
const server = await serve(process.env.PROFILE_DIR ?? join(projectRoot, 'dist-demo'), PORT);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
try {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  const page = await context.newPage();
  const rowSelector = who === 'staff' ? '.queue-table tbody tr' : '.case-list-item';
  await page.goto(`${ORIGIN}/sign-in?seed=bulk&count=10000${who === 'staff' ? '&open=1' : ''}&lng=en&provider=nasstar&now=${NOW}`);
  await page.getByRole('button', { name: who === 'staff' ? 'Sign in as Jordan Lee' : 'Sign in as Priya Shah' }).click();
  await page.locator(rowSelector).first().waitFor({ timeout: 120_000 });
  await page.goto(`${ORIGIN}/`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  const t0 = Date.now();
  await page.goto(`${ORIGIN}${who === 'staff' ? '/staff' : '/cases'}?lng=en`);
  await page.locator(rowSelector).first().waitFor({ timeout: 60_000 });
  const wall = Date.now() - t0;
  const nav = await page.evaluate(() => performance.now());
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[]; samples: number[]; timeDeltas: number[] } };
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const n = byId.get(id)!;
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  console.log(`${who}: first row ${wall} ms after goto (page clock at first row ${Math.round(nav)} ms)`);
  for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${v.toFixed(0).padStart(6)} ms  ${k}`);
} finally {
  await browser.close();
  server.close();
}
