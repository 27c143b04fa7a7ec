/**
 * `npm run bench`: the performance benchmark (issue 6). Writes bench-results/latest.{md,json} and prints
 * the table, every figure next to its budget. About 8–9 minutes on 2 cores; BENCH_RUNS=1 for a quick look,
 * BENCH_ONLY=bundle,lighthouse,list,queue (any of them) to run some parts, written to bench-results/only-….md; BENCH_MACHINE says whether the machine was idle.
 *
 *  1. Bundle: production build (dist/) vs the floor (scripts/bench/floor), gzip and brotli.
 *  2. Lighthouse 12.8.2 (npx, not a dependency), mobile preset, median of BENCH_RUNS (3), on the demo build
 *     served with gzip: public pages and signed-in pages in EN and IT, and a static HTML copy of the home
 *     page (no JavaScript) as the LCP baseline. Signed-in pages: a Chromium profile is signed in with
 *     Playwright first, and Lighthouse runs on that profile with --disable-storage-reset.
 *  3. Long list: 10,000 seeded cases on /cases at 4× CPU slowdown (CDP Emulation.setCPUThrottlingRate):
 *     first row rendered, filter keystroke to next paint (Event Timing: median and slowest of 3 keystrokes), scroll frame times
 *     and whether rows are painted where the reader is looking after each scroll step.
 *  4. Staff queue: 10,000 open cases on /staff at 4× CPU slowdown, first row rendered, beside the long list's.
 *  5. Server (part `server`): Lighthouse on the production build served by the Node server (PGlite, demo seed),
 *     signed in through the server's own sign-in, beside the static baseline served by the same server; the
 *     signed-in pages come with their first screen (decision 0179). scripts/bench/server-pages.ts.
 */
import { execFile, execSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { buildFloor, kb, measureBuild, onDemandBudget, projectRoot, type BuildSizes } from './bundle.ts';
import { BENCH_NOW, CHROME, CHROME_ARGS, signInProfile } from './demo-browser.ts';
import { serve } from './serve.ts';
import { BASELINE_DIR, signInOnServer, startServer, writeServerBaseline } from './server-pages.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ONLY = process.env.BENCH_ONLY;
/** BENCH_ONLY names the parts to run, comma-separated (bundle, lighthouse, list, queue, server); none: all. */
const runs = (part: string) => !ONLY || ONLY.split(',').includes(part);
const PORT = Number(process.env.BENCH_PORT ?? 4391);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const demoDir = join(projectRoot, 'dist-demo');
const outDir = join(projectRoot, 'bench-results');
/** Say whether the machine was idle: BENCH_MACHINE="shared: …" when other work ran beside the benchmark. */
const MACHINE = process.env.BENCH_MACHINE ?? `not stated (load average at start ${(await import('node:os')).loadavg()[0]!.toFixed(1)})`;

export const BUDGETS = {
  initialJsGzip: 140 * 1024,
  floorRatio: 1.1,
  chunkGzip: 40 * 1024,
  publicScore: 98,
  signedInScore: 95,
  lcpRatio: 1.2,
  listInteractionMs: 50,
  /** First row after navigation at 4× CPU slowdown, 10,000 cases: the customer's list and the staff queue (issue 21.11, 23). */
  firstRowMs: 1500,
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2 : NaN;
};
/** Budgets that failed in this run's report: each mark the report makes goes through `ok`. */
let failedBudgets = 0;
const ok = (pass: boolean) => {
  if (!pass) failedBudgets++;
  return pass ? '✅' : '❌';
};
const ms = (n: number) => (Number.isFinite(n) ? `${Math.round(n)} ms` : '–');

// ---------------------------------------------------------------- bundle

interface BundleResult {
  ours: BuildSizes;
  floor: BuildSizes;
  ratio: number;
}

async function bundle(): Promise<BundleResult> {
  execSync('npx vite build', { cwd: projectRoot, stdio: 'ignore' });
  const ours = measureBuild(join(projectRoot, 'dist'));
  const floor = await buildFloor();
  return { ours, floor, ratio: ours.initialJs.gzip / floor.initialJs.gzip };
}

// ---------------------------------------------------------------- lighthouse

interface LhRun {
  score: number;
  lcp: number;
  tbt: number;
  cls: number;
}
interface LhPage {
  name: string;
  lng: string;
  path: string;
  kind: 'public' | 'signed-in' | 'baseline';
  runs: LhRun[];
  median: LhRun;
}

/** Lighthouse in a child process, awaited: the build is served from this process, so it must not block. */
async function lighthouse(url: string, profileDir?: string): Promise<LhRun> {
  const out = join(tmpdir(), `redress-lh-${process.pid}.json`);
  const flags = [...CHROME_ARGS, ...(profileDir ? [`--user-data-dir=${profileDir}`] : [])].join(' ');
  await promisify(execFile)(
    'npx',
    ['-y', 'lighthouse@12.8.2', url, '--quiet', '--only-categories=performance', '--output=json', `--output-path=${out}`, `--chrome-flags=${flags}`, ...(profileDir ? ['--disable-storage-reset'] : [])],
    { cwd: projectRoot, env: { ...process.env, CHROME_PATH: CHROME }, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
  );
  const report = JSON.parse(readFileSync(out, 'utf8')) as {
    categories: { performance: { score: number } };
    audits: Record<string, { numericValue: number }>;
  };
  rmSync(out, { force: true });
  return {
    score: Math.round(report.categories.performance.score * 100),
    lcp: report.audits['largest-contentful-paint']!.numericValue,
    tbt: report.audits['total-blocking-time']!.numericValue,
    cls: report.audits['cumulative-layout-shift']!.numericValue,
  };
}

function medianRun(runs: LhRun[]): LhRun {
  return { score: median(runs.map((r) => r.score)), lcp: median(runs.map((r) => r.lcp)), tbt: median(runs.map((r) => r.tbt)), cls: median(runs.map((r) => r.cls)) };
}

/** The home page as plain HTML: the pre-rendered markup and the stylesheet, no script. */
function writeStaticBaseline() {
  const html = readFileSync(join(demoDir, 'index.html'), 'utf8');
  const strip = (s: string) => s.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '').replace(/<link rel="modulepreload"[^>]*>/g, '');
  const root = /<div id="root"[^>]*>[\s\S]*?<\/div>(?=<template|<script)/.exec(html)?.[0] ?? '';
  const templates = [...html.matchAll(/<template id="prerender-(\w+)"[^>]*>([\s\S]*?)<\/template>/g)];
  mkdirSync(join(demoDir, '__bench'), { recursive: true });
  const base = strip(html).replace(/<template[\s\S]*?<\/template>/g, '');
  writeFileSync(join(demoDir, '__bench', 'static-en.html'), base);
  for (const [, lng, markup] of templates) {
    writeFileSync(join(demoDir, '__bench', `static-${lng}.html`), base.replace(root, `<div id="root">${markup}</div>`).replace(/<html lang="\w+"/, `<html lang="${lng}"`));
  }
}

async function lighthouseAll(): Promise<LhPage[]> {
  execSync('npx vite build --mode demo', { cwd: projectRoot, stdio: 'ignore' });
  writeStaticBaseline();
  const profileDir = mkdtempSync(join(tmpdir(), 'redress-bench-profile-'));
  const server = await serve(demoDir, PORT);
  const results: LhPage[] = [];
  try {
    const casePath = await signInProfile(ORIGIN, profileDir).catch(() => null);
    const pages: Omit<LhPage, 'runs' | 'median' | 'lng'>[] = [
      { name: 'static baseline (home)', path: '/__bench/static-{lng}.html', kind: 'baseline' },
      { name: 'home', path: '/', kind: 'public' },
      { name: 'complaint start', path: '/complaints/new', kind: 'public' },
      { name: 'track a case', path: '/track', kind: 'public' },
      { name: 'case list', path: '/cases', kind: 'signed-in' },
      ...(casePath ? [{ name: 'case page', path: casePath, kind: 'signed-in' as const }] : []),
    ];
    results.push(...(await lighthousePages(ORIGIN, pages, profileDir, 'lighthouse')));
  } finally {
    server.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
  return results;
}

/** Each page in each language, RUNS times, its median kept; signed-in pages with the signed-in profile. */
async function lighthousePages(origin: string, pages: readonly Omit<LhPage, 'runs' | 'median' | 'lng'>[], profileDir: string, label: string): Promise<LhPage[]> {
  const results: LhPage[] = [];
  for (const p of pages) {
    for (const lng of ['en', 'it']) {
      const path = p.path.replace('{lng}', lng);
      const url = p.kind === 'baseline' ? `${origin}${path}` : `${origin}${path}?lng=${lng}`;
      const runs: LhRun[] = [];
      for (let i = 0; i < RUNS; i++) {
        try {
          runs.push(await lighthouse(url, p.kind === 'signed-in' ? profileDir : undefined));
        } catch (error) {
          console.error(`lighthouse ${url}: ${String(error).slice(0, 200)}`);
        }
      }
      results.push({ ...p, path, lng, runs, median: medianRun(runs) });
      console.error(`${label} ${p.name} ${lng}: ${JSON.stringify(medianRun(runs))}`);
    }
  }
  return results;
}

/**
 * The real product: the production build served by the Node server, signed in through its own sign-in; LCP / static
 * against the static home page served by the same server (issue 21.10, decision 0179).
 */
async function serverLighthouseAll(): Promise<LhPage[]> {
  execSync('npx vite build', { cwd: projectRoot, stdio: 'ignore' });
  writeServerBaseline();
  const profileDir = mkdtempSync(join(tmpdir(), 'redress-bench-server-profile-'));
  const server = await startServer(PORT);
  const results: LhPage[] = [];
  try {
    const casePath = await signInOnServer(server.origin, profileDir, 'priya@harbourlane.example').catch((error: unknown) => {
      console.error(`server sign-in: ${String(error).slice(0, 300)}`);
      return null;
    });
    const pages: Omit<LhPage, 'runs' | 'median' | 'lng'>[] = [
      { name: 'static baseline (home)', path: `/${BASELINE_DIR}/static-{lng}.html`, kind: 'baseline' },
      { name: 'home', path: '/', kind: 'public' },
      { name: 'case list', path: '/cases', kind: 'signed-in' },
      ...(casePath ? [{ name: 'case page', path: casePath, kind: 'signed-in' as const }] : []),
    ];
    results.push(...(await lighthousePages(server.origin, pages, profileDir, 'lighthouse (server)')));
  } finally {
    await server.stop();
    rmSync(profileDir, { recursive: true, force: true });
    rmSync(join(projectRoot, 'dist', BASELINE_DIR), { recursive: true, force: true });
  }
  return results;
}

// ---------------------------------------------------------------- long list

interface ListRun {
  firstRowMs: number;
  keystrokeMs: number;
  keystrokeWorstMs: number;
  filteredMs: number;
  scrollP95Ms: number;
  scrollMaxMs: number;
  /** Points of the screen (3 per scroll step) where no row was painted 50 ms after the step: short frames only count with rows in them. */
  scrollBlank: number;
}

const probe = () => {
  const w = window as unknown as Record<string, unknown>;
  w.__events = [] as number[][];
  new MutationObserver((_, obs) => {
    if (document.querySelector('.case-list-item, .queue-table tbody tr')) {
      w.__firstRow = performance.now();
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (['keydown', 'keyup', 'keypress', 'input', 'beforeinput'].includes(e.name)) (w.__events as number[][]).push([e.startTime, e.duration]);
  }).observe({ type: 'event', buffered: true, durationThreshold: 16 } as PerformanceObserverInit);
};

async function listRun(page: Page): Promise<ListRun> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(`${ORIGIN}/cases?lng=en`);
  await page.locator('.case-list-item').first().waitFor({ timeout: 60_000 });
  const firstRowMs = (await page.evaluate(() => (window as unknown as { __firstRow: number }).__firstRow)) ?? NaN;
  await page.waitForTimeout(1000);
  const search = page.getByLabel('Search by reference or words');
  await search.focus();
  const status = page.getByRole('status').first();
  const before = await status.textContent();
  const t0 = Date.now();
  await page.keyboard.press('s');
  await page.waitForFunction((b) => document.querySelector('[role="status"]')?.textContent !== b, before, { polling: 'raf', timeout: 30_000 }).catch(() => undefined);
  const filteredMs = Date.now() - t0;
  // Two more keystrokes, each after the list has settled: every keystroke is one interaction.
  for (const key of ['e', 'r']) {
    await page.waitForTimeout(600);
    await page.keyboard.press(key);
  }
  await page.waitForTimeout(600);
  const events = await page.evaluate(() => (window as unknown as { __events: number[][] }).__events);
  // Group the events of each keystroke (keydown, keypress, beforeinput, input, keyup: one frame apart at most).
  const keystrokes: number[] = [];
  let lastStart = -Infinity;
  for (const [start, duration] of [...events].sort((a, b) => a[0]! - b[0]!)) {
    if (start! - lastStart > 200) keystrokes.push(duration!);
    else keystrokes[keystrokes.length - 1] = Math.max(keystrokes.at(-1)!, duration!);
    lastStart = start!;
  }
  // Event Timing reports only events of 16 ms or more: a keystroke with none took less.
  while (keystrokes.length < 3) keystrokes.push(16);
  const keystrokeMs = median(keystrokes);
  const keystrokeWorstMs = Math.max(...keystrokes);
  await search.fill('');
  await page.waitForTimeout(1000);
  const { frames, blank } = await page.evaluate(async () => {
    // The steps start with the list's top at the top of the screen, so every sampled point is over the list
    // (from the top of the page, the first step's upper point fell on the filters above it).
    document.querySelector('.case-list')?.scrollIntoView();
    await new Promise((r) => setTimeout(r, 300));
    const deltas: number[] = [];
    let blank = 0;
    let last = performance.now();
    let running = true;
    const tick = (t: number) => {
      deltas.push(t - last);
      last = t;
      if (running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    for (let i = 0; i < 40; i++) {
      window.scrollBy(0, 600);
      await new Promise((r) => setTimeout(r, 50));
      for (const y of [0.15, 0.5, 0.85]) if (!document.elementFromPoint(window.innerWidth / 2, window.innerHeight * y)?.closest('.case-list-item')) blank++;
    }
    running = false;
    return { frames: deltas.slice(1), blank };
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const sorted = [...frames].sort((a, b) => a - b);
  return { firstRowMs, keystrokeMs, keystrokeWorstMs, filteredMs, scrollP95Ms: sorted[Math.floor(sorted.length * 0.95)] ?? NaN, scrollMaxMs: sorted.at(-1) ?? NaN, scrollBlank: blank };
}

async function longList(): Promise<{ runs: ListRun[]; median: ListRun } | null> {
  if (!runs('lighthouse')) execSync('npx vite build --mode demo', { cwd: projectRoot, stdio: 'ignore' }); // else the Lighthouse part built dist-demo
  const server = await serve(demoDir, PORT);
  const browser = await chromium.launch({ executablePath: CHROME, args: CHROME_ARGS.slice(1) });
  try {
    const context = await browser.newContext({ viewport: { width: 412, height: 823 }, locale: 'en-GB', timezoneId: 'Europe/London' });
    // tsx compiles this file with esbuild's keepNames, which wraps functions sent to the page in __name().
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await context.addInitScript(probe);
    const page = await context.newPage();
    await page.goto(`${ORIGIN}/sign-in?seed=bulk&count=10000&lng=en&provider=nasstar&now=${BENCH_NOW}`);
    await page.getByRole('button', { name: 'Sign in as Priya Shah' }).click();
    await page.getByRole('status').filter({ hasText: /^10,0\d\d cases$/ }).waitFor({ timeout: 60_000 });
    const runs: ListRun[] = [];
    for (let i = 0; i < Math.max(RUNS, 3); i++) runs.push(await listRun(page));
    const m = (k: keyof ListRun) => median(runs.map((r) => r[k]));
    return { runs, median: { firstRowMs: m('firstRowMs'), keystrokeMs: m('keystrokeMs'), keystrokeWorstMs: m('keystrokeWorstMs'), filteredMs: m('filteredMs'), scrollP95Ms: m('scrollP95Ms'), scrollMaxMs: m('scrollMaxMs'), scrollBlank: Math.max(...runs.map((r) => r.scrollBlank)) } };
  } catch (error) {
    console.error(`long list: ${String(error).slice(0, 300)}`);
    return null;
  } finally {
    await browser.close();
    server.close();
  }
}

// ---------------------------------------------------------------- staff queue

interface QueueRun {
  firstRowMs: number;
}

/**
 * The staff queue at 10,000 open cases (issue 23): the demo's agent of nasstar, whose simulated provider never
 * answered the 10,000 seeded cases (`?seed=bulk&count=10000&open=1`), opens /staff at 4× CPU slowdown; first
 * row rendered from navigation.
 */
async function staffQueue(): Promise<{ runs: QueueRun[]; median: QueueRun; open: number } | null> {
  if (!runs('lighthouse') && !runs('list')) execSync('npx vite build --mode demo', { cwd: projectRoot, stdio: 'ignore' });
  const server = await serve(demoDir, PORT);
  const browser = await chromium.launch({ executablePath: CHROME, args: CHROME_ARGS.slice(1) });
  try {
    const context = await browser.newContext({ viewport: { width: 412, height: 823 }, locale: 'en-GB', timezoneId: 'Europe/London' });
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await context.addInitScript(probe);
    const page = await context.newPage();
    await page.goto(`${ORIGIN}/sign-in?seed=bulk&count=10000&open=1&lng=en&provider=nasstar&now=${BENCH_NOW}`);
    await page.getByRole('button', { name: 'Sign in as Jordan Lee' }).click();
    await page.locator('.queue-table tbody tr').first().waitFor({ timeout: 120_000 });
    const open = await page.evaluate(async () => ((await (await fetch('/api/staff/queue?limit=1', { headers: { 'X-Redress-Provider': 'nasstar' } })).json()) as { total: number }).total);
    const runs: QueueRun[] = [];
    const cdp = await context.newCDPSession(page);
    for (let i = 0; i < Math.max(RUNS, 3); i++) {
      await page.goto(`${ORIGIN}/?lng=en`);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await page.goto(`${ORIGIN}/staff?lng=en`);
      await page.locator('.queue-table tbody tr').first().waitFor({ timeout: 60_000 });
      runs.push({ firstRowMs: (await page.evaluate(() => (window as unknown as { __firstRow: number }).__firstRow)) ?? NaN });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    }
    return { runs, median: { firstRowMs: median(runs.map((r) => r.firstRowMs)) }, open };
  } catch (error) {
    console.error(`staff queue: ${String(error).slice(0, 300)}`);
    return null;
  } finally {
    await browser.close();
    server.close();
  }
}

// ---------------------------------------------------------------- report

/** Lighthouse rows: score, LCP and LCP / the same run's static baseline in the same language, against the budgets. */
/** `signedInBudgeted` false: the signed-in rows are information (the demo build's, decision 0179), with no mark. */
function lighthouseRows(lh: LhPage[], signedInBudgeted = true): string[] {
  const lines = ['| page | lng | score | LCP | LCP / static | TBT | CLS | budget | |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |'];
  for (const p of lh) {
    const baseline = lh.find((x) => x.kind === 'baseline' && x.lng === p.lng)?.median.lcp ?? NaN;
    const ratio = p.median.lcp / baseline;
    const information = p.kind === 'signed-in' && !signedInBudgeted;
    const scoreBudget = p.kind === 'public' ? BUDGETS.publicScore : p.kind === 'signed-in' ? BUDGETS.signedInScore : NaN;
    // LCP ≤ 1.2 × static on every page, signed in or not (issue 21.10).
    const pass = p.kind === 'baseline' ? true : p.median.score >= scoreBudget && ratio <= BUDGETS.lcpRatio;
    const budget = p.kind === 'baseline' ? 'baseline' : information ? 'information' : `≥ ${scoreBudget}, LCP ≤ ${BUDGETS.lcpRatio}×`;
    const mark = !p.runs.length ? '⚠️ no run' : information ? '' : ok(pass);
    lines.push(`| ${p.name} (${p.path}) | ${p.lng} | ${p.median.score} | ${ms(p.median.lcp)} | ${p.kind === 'baseline' ? '1.00' : ratio.toFixed(2)} | ${ms(p.median.tbt)} | ${p.median.cls.toFixed(3)} | ${budget} | ${mark} |`);
  }
  return lines;
}

function report(b: BundleResult | null, lh: LhPage[], list: Awaited<ReturnType<typeof longList>>, queue: Awaited<ReturnType<typeof staffQueue>>, served: LhPage[] = []): string {
  const lines: string[] = [
    `# Benchmark — ${new Date().toISOString()}`,
    '',
    `Node ${process.version}, ${RUNS} Lighthouse run(s) per page (median), mobile preset. Machine: ${MACHINE}.`,
    '',
  ];
  if (b) {
    const { ours, floor } = b;
    lines.push('## Bundle (production build)', '', '| what | ours gzip | ours brotli | floor gzip | floor brotli | budget | |', '| --- | --- | --- | --- | --- | --- | --- |');
    lines.push(`| initial JS | ${kb(ours.initialJs.gzip)} | ${kb(ours.initialJs.brotli)} | ${kb(floor.initialJs.gzip)} | ${kb(floor.initialJs.brotli)} | ≤ ${kb(BUDGETS.initialJsGzip)} gzip | ${ok(ours.initialJs.gzip <= BUDGETS.initialJsGzip)} |`);
    lines.push(`| initial JS ours/floor | ${b.ratio.toFixed(3)} | ${(ours.initialJs.brotli / floor.initialJs.brotli).toFixed(3)} | | | ≤ ${BUDGETS.floorRatio} | ${ok(b.ratio <= BUDGETS.floorRatio)} |`);
    lines.push(`| initial CSS | ${kb(ours.initialCss.gzip)} | ${kb(ours.initialCss.brotli)} | ${kb(floor.initialCss.gzip)} | ${kb(floor.initialCss.brotli)} | | |`);
    lines.push(`| MSW in build | ${ours.mswInBuild.length ? ours.mswInBuild.join(', ') : 'none'} | | | | none | ${ok(ours.mswInBuild.length === 0)} |`);
    lines.push('', '| lazy chunk | gzip | brotli | budget | |', '| --- | --- | --- | --- | --- |');
    for (const c of ours.lazyChunks.filter((c) => c.gzip >= 1024)) {
      // A library chunk loaded only on a button press (PDF) has its own budget (decision 0042).
      const onDemand = onDemandBudget(c.file);
      const budget = onDemand ?? BUDGETS.chunkGzip;
      lines.push(`| ${c.file}${onDemand ? ' (on demand)' : ''} | ${kb(c.gzip)} | ${kb(c.brotli)} | ≤ ${kb(budget)} | ${ok(c.gzip <= budget)} |`);
    }
    const small = ours.lazyChunks.filter((c) => c.gzip < 1024);
    lines.push(`| ${small.length} chunks under 1 KB | | | | ✅ |`, '');
  }
  if (served.length) {
    lines.push(
      '## Lighthouse (production build served by the Node server, mobile)',
      '',
      "The real product: dist/ served by server/main.ts on PGlite (demo seed), signed in through the server's own sign-in; the static baseline is served by the same server. Signed-in pages come with their first screen (decision 0179).",
      '',
      ...lighthouseRows(served),
      '',
    );
  }
  if (lh.length) {
    lines.push('## Lighthouse (demo build, mobile)', '', 'The demo build answers the API from the simulated back office in the page (MSW), so a signed-in page\'s data waits for it to start (information: the budget is the server\'s rows above).', '', ...lighthouseRows(lh, false), '');
  }
  if (list) {
    const m = list.median;
    const B = BUDGETS.listInteractionMs;
    lines.push(`## Long list (10,000 cases, /cases, 4× CPU slowdown, median of ${list.runs.length})`, '', '| measure | value | budget | |', '| --- | --- | --- | --- |');
    lines.push(`| first row rendered (from navigation) | ${ms(m.firstRowMs)} | ≤ ${BUDGETS.firstRowMs} ms | ${ok(m.firstRowMs <= BUDGETS.firstRowMs)} |`);
    lines.push(`| filter keystroke → next paint (Event Timing, median of 3 keystrokes) | ${ms(m.keystrokeMs)} | ≤ ${B} ms | ${ok(m.keystrokeMs <= B)} |`);
    lines.push(`| slowest of the 3 keystrokes | ${ms(m.keystrokeWorstMs)} | (reported) | |`);
    lines.push(`| filter keystroke → results shown | ${ms(m.filteredMs)} | (reported) | |`);
    lines.push(`| scroll frame time p95 | ${ms(m.scrollP95Ms)} | ≤ ${B} ms | ${ok(m.scrollP95Ms <= B)} |`);
    // Scrolling is not an interaction in the Event Timing sense (no input event waits for it); its frames are
    // budgeted at the 95th percentile, the slowest one reported (software raster at 4× slowdown on this machine).
    lines.push(`| scroll frame time max | ${ms(m.scrollMaxMs)} | (reported) | |`);
    // Short frames count only with the rows painted in them (rows mounted late would make frames short).
    lines.push(`| screen points with no row 50 ms after a scroll step (slowest run, of 120) | ${m.scrollBlank} | 0 | ${ok(m.scrollBlank === 0)} |`, '');
  }
  if (queue || list) {
    lines.push('## First row at 10,000 cases, side by side (4× CPU slowdown, from navigation)', '', 'Demo build: the simulated back office (MSW, IndexedDB) in the page answers the list; the server (npm start) is not measured here.', '', '| list | cases | first row | budget | |', '| --- | --- | --- | --- | --- |');
    if (list) lines.push(`| customer's case list (/cases) | 10,000 | ${ms(list.median.firstRowMs)} | ≤ ${BUDGETS.firstRowMs} ms | ${ok(list.median.firstRowMs <= BUDGETS.firstRowMs)} |`);
    if (queue) lines.push(`| staff queue (/staff, open cases) | ${queue.open.toLocaleString('en-GB')} | ${ms(queue.median.firstRowMs)} | ≤ ${BUDGETS.firstRowMs} ms | ${ok(queue.median.firstRowMs <= BUDGETS.firstRowMs)} |`);
    lines.push('');
  }
  return lines.join('\n');
}

async function main() {
  const started = Date.now();
  const b = runs('bundle') ? await bundle() : null;
  const lh = runs('lighthouse') ? await lighthouseAll() : [];
  const list = runs('list') ? await longList() : null;
  const queue = runs('queue') ? await staffQueue() : null;
  const served = runs('server') ? await serverLighthouseAll() : [];
  const md = `${report(b, lh, list, queue, served)}\nTook ${Math.round((Date.now() - started) / 1000)} s.\n`;
  mkdirSync(outDir, { recursive: true });
  // A run of some parts only is written beside the full report, not over it.
  const name = ONLY ? `only-${ONLY.replace(/,/g, '-')}` : 'latest';
  writeFileSync(join(outDir, `${name}.md`), md);
  writeFileSync(join(outDir, `${name}.json`), JSON.stringify({ date: new Date().toISOString(), machine: MACHINE, runs: RUNS, budgets: BUDGETS, bundle: b, lighthouse: lh, serverLighthouse: served, longList: list, staffQueue: queue }, null, 2));
  console.log(md);
  // As bench:api does: a failed budget fails the command.
  console.log(failedBudgets ? `${failedBudgets} budget(s) failed` : 'every budget in the report holds');
  if (failedBudgets) process.exitCode = 1;
}

await main();
