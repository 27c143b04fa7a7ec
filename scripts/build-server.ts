/**
 * The server compiled to one JavaScript file, build/server/main.js (decision 0174): `npm start` and
 * `npm run bench:api` run it with plain Node instead of under tsx, whose loader and compiled-on-load sources kept
 * ~55 MB more per instance. Packages stay in node_modules (not bundled). Builds in well under a second.
 *
 * Two sources find files beside themselves with import.meta (the migrations folder, the letter fonts); in the bundle
 * import.meta is the bundle's, so each such use is rewritten to the source file's own place, relative to the bundle:
 * the build/ folder must stay inside the project, as it does.
 */
import { build, type Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';


export const serverBundle = resolve(import.meta.dirname, '../build/server/main.js');
const root = resolve(import.meta.dirname, '..');

/** `import.meta.url` / `import.meta.dirname` of a source file, as an expression valid in the bundle at `outDir`. */
const importMetaOf = (outDir: string): Plugin => ({
  name: 'source-import-meta',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes('node_modules')) return undefined;
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.')) return undefined;
      const fromBundle = (target: string) => JSON.stringify(relative(outDir, target).split('\\').join('/'));
      const contents = text
        .replaceAll('import.meta.url', `new URL(${fromBundle(args.path)}, BUNDLE_URL).href`)
        .replaceAll('import.meta.dirname', `decodeURIComponent(new URL(${fromBundle(dirname(args.path))}, BUNDLE_URL).pathname)`)
        .replaceAll('BUNDLE_URL', 'import.meta.url');
      return { contents, loader: 'ts' };
    });
  },
});

export async function buildServer(outFile = serverBundle): Promise<string> {
  const outDir = dirname(outFile);
  await build({
    entryPoints: [resolve(root, 'server/main.ts')],
    outfile: outFile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    tsconfig: resolve(root, 'tsconfig.server.json'),
    plugins: [importMetaOf(outDir)],
    logLevel: 'warning',
    banner: { js: "// Built by scripts/build-server.ts from server/main.ts; do not edit." },
  });
  return outFile;
}

if (process.argv[1] && import.meta.filename && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  process.stdout.write(`${await buildServer()}\n`);
}
