/**
 * Bundle measurements shared by `npm run check:size` and `npm run bench`:
 * what a build's index.html loads up front (entry script, modulepreloads, stylesheets) and
 * every lazily loaded chunk, gzip and brotli; and the floor build (scripts/bench/floor).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const projectRoot = resolve(import.meta.dirname, '..', '..');
export const floorRoot = join(projectRoot, 'scripts', 'bench', 'floor');
export const floorOutDir = join(projectRoot, 'node_modules', '.cache', 'redress-floor');

/**
 * Library chunks that no route loads: they are imported only when the customer presses a button.
 * Each has its own budget, so it cannot grow unnoticed (docs/decisions/0042-on-demand-chunks.md).
 *   pdf — pdf-lib + fontkit, loaded by "Download PDF" (letters, referral pack).
 */
export const ON_DEMAND: Record<string, number> = { pdf: 500 * 1024 };
/** The on-demand budget of a chunk file (assets/<name>-<hash>.js), if it is one. */
export const onDemandBudget = (file: string): number | undefined => ON_DEMAND[/assets\/([a-z-]+)-[\w-]+\.js$/.exec(file)?.[1] ?? ''];

export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}
export interface ChunkSize extends Sizes {
  file: string;
}
export interface BuildSizes {
  initialJs: Sizes & { files: string[] };
  initialCss: Sizes & { files: string[] };
  lazyChunks: ChunkSize[];
  /** Files of the build that carry MSW (must be none in production). */
  mswInBuild: string[];
}

export function sizesOf(buffer: Buffer): Sizes {
  return {
    raw: buffer.length,
    gzip: gzipSync(buffer).length,
    brotli: brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

const sum = (list: Sizes[]): Sizes =>
  list.reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }), { raw: 0, gzip: 0, brotli: 0 });

/** Sizes of a built app in `dir` (its index.html decides what is initial). */
export function measureBuild(dir: string): BuildSizes {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  // The shell: the entry script, modulepreloads and stylesheets in the HTML, or — on a pre-rendered page —
  // the files the boot script loads after first paint (its data-shell; the page's own route chunk is not the shell).
  const tags = [...html.matchAll(/<(?:script|link)\b[^>]*>/g)].map((m) => m[0]);
  const refs = tags.flatMap((tag) => [
    ...[...tag.matchAll(/(?:src|href)="\/?((?:[^"/]+\/)*[^"/]+\.(?:js|css))"/g)].map((m) => m[1]!),
    ...(/data-shell="([^"]*)"/.exec(tag)?.[1] ?? '').split(' ').filter(Boolean).map((f) => f.replace(/^\//, '')),
  ]);
  const jsFiles = [...new Set(refs.filter((f) => f.endsWith('.js')))];
  const cssFiles = [...new Set(refs.filter((f) => f.endsWith('.css')))];
  const read = (f: string) => readFileSync(join(dir, f));
  const jsSizes = jsFiles.map((f) => sizesOf(read(f)));
  const cssSizes = cssFiles.map((f) => sizesOf(read(f)));
  const assetsDir = join(dir, 'assets');
  const all = existsSync(assetsDir) ? readdirSync(assetsDir).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`) : [];
  const initial = new Set(jsFiles);
  const lazyChunks = all
    .filter((f) => !initial.has(f))
    .map((file) => ({ file, ...sizesOf(read(file)) }))
    .sort((a, b) => b.gzip - a.gzip);
  const mswInBuild = [
    ...(existsSync(join(dir, 'mockServiceWorker.js')) ? ['mockServiceWorker.js'] : []),
    ...all.filter((f) => /mockServiceWorker|setupWorker|\[MSW\]/.test(read(f).toString('utf8'))),
  ];
  return {
    initialJs: { ...sum(jsSizes), files: jsFiles },
    initialCss: { ...sum(cssSizes), files: cssFiles },
    lazyChunks,
    mswInBuild,
  };
}

/**
 * Builds the floor app with the portal's own vite.config.ts (same plugins, target, chunking), in
 * production mode, into node_modules/.cache/redress-floor. About a second with Vite 8.
 */
export async function buildFloor(): Promise<BuildSizes> {
  const { build } = await import('vite');
  await build({
    configFile: join(projectRoot, 'vite.config.ts'),
    root: floorRoot,
    mode: 'production',
    publicDir: false,
    logLevel: 'error',
    build: { outDir: floorOutDir, emptyOutDir: true },
  });
  return measureBuild(floorOutDir);
}

export const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
export const rel = (p: string) => relative(projectRoot, p);
