/**
 * `npx tsx scripts/bench/lighthouse-detail.ts [path…]`: Lighthouse (same version, preset and profile as `npm run bench`)
 * on signed-in pages of the demo build already in dist-demo/, keeping each full JSON report in LH_OUT (default
 * /tmp/redress-lh) and printing what a budget miss needs to be understood: the LCP element and its phases, the main
 * thread's long tasks (with the script each is attributed to) and the user timing marks. BENCH_PORT as for the bench.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from './bundle.ts';
import { CHROME, CHROME_ARGS, signInProfile } from './demo-browser.ts';
import { serve } from './serve.ts';

const PORT = Number(process.env.BENCH_PORT ?? 4391);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const OUT = process.env.LH_OUT ?? '/tmp/redress-lh';
const RUNS = Number(process.env.BENCH_RUNS ?? 1);

interface Audit {
  numericValue?: number;
  details?: { items?: Record<string, unknown>[] };
}


mkdirSync(OUT, { recursive: true });
const profileDir = mkdtempSync(join(tmpdir(), 'redress-lh-profile-'));
const server = await serve(process.env.LH_DIR ?? join(projectRoot, 'dist-demo'), PORT);
try {
  const casePath = await signInProfile(ORIGIN, profileDir);
  const paths = process.argv.slice(2).length ? process.argv.slice(2) : ['/cases?lng=en', '/cases?lng=it', `${casePath}?lng=en`, `${casePath}?lng=it`];
  for (const p of paths) {
    for (let run = 0; run < RUNS; run++) {
      const path = p.replace('{case}', casePath ?? '');
      const out = join(OUT, `${path.replace(/[^a-z0-9]+/gi, '_')}-${run}.json`);
      await promisify(execFile)(
        'npx',
        ['-y', 'lighthouse@12.8.2', `${ORIGIN}${path}`, '--quiet', '--only-categories=performance', '--output=json', `--output-path=${out}`, `--chrome-flags=${[...CHROME_ARGS, `--user-data-dir=${profileDir}`].join(' ')}`, '--disable-storage-reset', ...(process.env.LH_ASSETS ? ['--save-assets'] : [])],
        { cwd: projectRoot, env: { ...process.env, CHROME_PATH: CHROME }, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
      );
      const report = JSON.parse(readFileSync(out, 'utf8')) as { categories: { performance: { score: number } }; audits: Record<string, Audit> };
      const a = report.audits;
      const lcpEl = a['largest-contentful-paint-element']?.details?.items?.[0] as { items?: { node?: { snippet?: string; nodeLabel?: string } }[] } | undefined;
      console.log(`\n${path} run ${run}: score ${Math.round(report.categories.performance.score * 100)}, LCP ${Math.round(a['largest-contentful-paint']!.numericValue!)} ms, TBT ${Math.round(a['total-blocking-time']!.numericValue!)} ms, FCP ${Math.round(a['first-contentful-paint']!.numericValue!)} ms  (${out})`);
      console.log(`  LCP element: ${lcpEl?.items?.[0]?.node?.snippet ?? '?'} "${lcpEl?.items?.[0]?.node?.nodeLabel ?? ''}"`);
      for (const t of (a['long-tasks']?.details?.items ?? []) as { url: string; startTime: number; duration: number }[]) console.log(`  long task ${Math.round(t.startTime)} +${Math.round(t.duration)} ms ${t.url}`);
      for (const m of (a['user-timings']?.details?.items ?? []) as { name: string; startTime: number; duration?: number; timingType: string }[]) console.log(`  ${m.timingType} ${m.name} ${Math.round(m.startTime)}${m.duration ? ` +${Math.round(m.duration)}` : ''}`);
    }
  }
} finally {
  server.close();
  rmSync(profileDir, { recursive: true, force: true });
}
