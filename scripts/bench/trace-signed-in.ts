/**
 * `npx tsx scripts/bench/trace-signed-in.ts [path…]`: a Chrome trace (timeline, user timing marks and the V8 CPU
 * profiler) of a signed-in page load of the demo build in dist-demo/, written to TRACE_OUT (default /tmp/redress-trace),
 * one file per path ('{case}' stands for the demo customer's first case). TRACE_CPU=4 slows the CPU down as the
 * long-list bench does; the default (1) is what Lighthouse observes before it simulates a slow phone. Read the main
 * thread's long tasks and what ran in them with scripts/bench/trace-tasks.py.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { projectRoot } from './bundle.ts';
import { serve } from './serve.ts';

const PORT = Number(process.env.BENCH_PORT ?? 4391);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const NOW = '2026-11-23T10:00:00Z';
const OUT = process.env.TRACE_OUT ?? '/tmp/redress-trace';
const CPU = Number(process.env.TRACE_CPU ?? 1);
const RUNS = Number(process.env.TRACE_RUNS ?? 1);

mkdirSync(OUT, { recursive: true });
const server = await serve(process.env.LH_DIR ?? join(projectRoot, 'dist-demo'), PORT);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
try {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/sign-in?lng=en&provider=nasstar&now=${NOW}`);
  await page.getByRole('button', { name: 'Sign in as Priya Shah' }).click();
  await page.locator('.case-list-item a').first().waitFor({ timeout: 30_000 });
  const casePath = new URL((await page.locator('.case-list-item a').first().getAttribute('href'))!, ORIGIN).pathname;
  const paths = process.argv.slice(2).length ? process.argv.slice(2) : ['/cases?lng=en', '{case}?lng=en'];
  for (const p of paths) {
    for (let run = 0; run < RUNS; run++) {
      const path = p.replace('{case}', casePath);
      await page.goto(`${ORIGIN}/robots.txt`);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
      const file = join(OUT, `${path.replace(/[^a-z0-9]+/gi, '_')}-${run}.trace.json`);
      await browser.startTracing(page, {
        path: file,
        categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'loading', 'v8.execute', 'disabled-by-default-v8.cpu_profiler'],
      });
      await page.goto(`${ORIGIN}${path}`);
      await page.waitForTimeout(4000 * CPU);
      await browser.stopTracing();
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      const lcp = await page.evaluate(
        () =>
          new Promise<string>((resolve) => {
            new PerformanceObserver((l) => {
              const e = l.getEntries().at(-1) as PerformanceEntry & { element?: Element | null };
              resolve(`${Math.round(e.startTime)} ms ${e.element?.outerHTML.slice(0, 80) ?? ''}`);
            }).observe({ type: 'largest-contentful-paint', buffered: true });
          }),
      );
      console.log(`${path} run ${run}: LCP ${lcp}  ${file}`);
    }
  }
} finally {
  await browser.close();
  server.close();
}
