/**
 * Budgets on the production build (dist/), fast enough to run with every `npm test`:
 *   - initial JS (entry + modulepreloads in index.html) ≤ 140 KB gzip
 *   - every lazily loaded chunk ≤ 40 KB gzip
 *   - no MSW code and no mockServiceWorker.js
 * The full comparison with the floor build and Lighthouse are in `npm run bench`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUDGETS = { initialJsGzip: 140 * 1024, chunkGzip: 40 * 1024 } as const;

const dist = process.argv[2] ?? 'dist';
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = new Set([...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!));
const assets = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
const gz = (file: string) => gzipSync(readFileSync(join(dist, file))).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

const failures: string[] = [];
const initialBytes = [...initial].reduce((sum, f) => sum + gz(f), 0);
console.log(`initial JS: ${kb(initialBytes)} gzip (budget ${kb(BUDGETS.initialJsGzip)}) — ${[...initial].join(', ')}`);
if (initialBytes > BUDGETS.initialJsGzip) failures.push(`initial JS ${kb(initialBytes)} > ${kb(BUDGETS.initialJsGzip)}`);

for (const file of assets.map((f) => `assets/${f}`).filter((f) => !initial.has(f))) {
  const size = gz(file);
  if (size > BUDGETS.chunkGzip) failures.push(`${file} ${kb(size)} > ${kb(BUDGETS.chunkGzip)}`);
}
if (existsSync(join(dist, 'mockServiceWorker.js'))) failures.push('mockServiceWorker.js is in the production build');
for (const file of assets) {
  const text = readFileSync(join(dist, 'assets', file), 'utf8');
  if (/mockServiceWorker|setupWorker|\[MSW\]/.test(text)) failures.push(`MSW code in ${file}`);
}

if (failures.length) {
  console.error(`Size budget failed:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(`Size budget: ok (${assets.length} chunks, none over ${kb(BUDGETS.chunkGzip)}; no MSW)`);
