import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServer } from './build-server';

/**
 * The compiled server (scripts/build-server.ts, decision 0174): the two sources that find files beside themselves
 * with import.meta — the migrations, the letter fonts — find them from the bundle too.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outFile = resolve(root, 'build/server-test/main.js');
afterAll(() => rmSync(dirname(outFile), { recursive: true, force: true }));

describe('build/server/main.js', () => {
  it('resolves the migrations folder and the letter fonts to the sources’ own places', async () => {
    await buildServer(outFile);
    const bundle = readFileSync(outFile, 'utf8');
    const bundleUrl = pathToFileURL(outFile).href;
    expect(bundle).not.toContain('import.meta.dirname');
    const migrations = /var migrationsDir = join\d*\(decodeURIComponent\(new URL\(("[^"]+"), import\.meta\.url\)\.pathname\), "migrations"\)/.exec(bundle);
    expect(migrations).not.toBeNull();
    const dir = resolve(fileURLToPath(new URL(JSON.parse(migrations![1]!) as string, bundleUrl)), 'migrations');
    expect(dir).toBe(resolve(root, 'server/db/migrations'));
    const fonts = [...bundle.matchAll(/new URL\("(\.\.\/features\/adr\/fonts\/[^"]+)", new URL\(("[^"]+"), import\.meta\.url\)\.href\)/g)];
    expect(fonts).toHaveLength(2);
    for (const [, font, source] of fonts) {
      const file = fileURLToPath(new URL(font!, new URL(JSON.parse(source!) as string, bundleUrl)));
      expect(existsSync(file)).toBe(true);
    }
  });
});
