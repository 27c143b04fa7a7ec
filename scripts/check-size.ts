/**
 * Budgets on the production build (dist/), fast enough to run with every `npm test` (~2 s):
 *   - initial JS (entry + modulepreloads in index.html) ≤ 140 KB gzip
 *   - initial JS ≤ 1.1 × the floor's (an empty app with the same libraries, scripts/bench/floor,
 *     built here with the same vite.config.ts)
 *   - every lazily loaded chunk ≤ 40 KB gzip
 *   - no MSW code and no mockServiceWorker.js
 * The full report (brotli, CSS, every chunk, Lighthouse, the long list) is `npm run bench`.
 *
 * Usage: check-size [dist] [--no-floor]
 */
import { buildFloor, kb, measureBuild, onDemandBudget } from './bench/bundle.ts';

export const BUDGETS = { initialJsGzip: 140 * 1024, floorRatio: 1.1, chunkGzip: 40 * 1024 } as const;

const args = process.argv.slice(2);
const dist = args.find((a) => !a.startsWith('--')) ?? 'dist';
const ours = measureBuild(dist);
const failures: string[] = [];

const initial = ours.initialJs.gzip;
console.log(`initial JS: ${kb(initial)} gzip (budget ${kb(BUDGETS.initialJsGzip)}) — ${ours.initialJs.files.join(', ')}`);
if (initial > BUDGETS.initialJsGzip) failures.push(`initial JS ${kb(initial)} > ${kb(BUDGETS.initialJsGzip)}`);

if (!args.includes('--no-floor')) {
  const floor = await buildFloor();
  const ratio = initial / floor.initialJs.gzip;
  console.log(`floor initial JS: ${kb(floor.initialJs.gzip)} gzip; ours/floor = ${ratio.toFixed(3)} (budget ${BUDGETS.floorRatio})`);
  if (ratio > BUDGETS.floorRatio) failures.push(`initial JS is ${ratio.toFixed(3)} × the floor > ${BUDGETS.floorRatio}`);
}

for (const chunk of ours.lazyChunks) {
  const budget = onDemandBudget(chunk.file) ?? BUDGETS.chunkGzip;
  if (budget !== BUDGETS.chunkGzip) console.log(`on-demand chunk ${chunk.file}: ${kb(chunk.gzip)} gzip (budget ${kb(budget)})`);
  if (chunk.gzip > budget) failures.push(`${chunk.file} ${kb(chunk.gzip)} > ${kb(budget)}`);
}
for (const file of ours.mswInBuild) failures.push(`MSW in the production build: ${file}`);

if (failures.length) {
  console.error(`Size budget failed:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(`Size budget: ok (${ours.lazyChunks.length} lazy chunks, none over ${kb(BUDGETS.chunkGzip)}; no MSW)`);
