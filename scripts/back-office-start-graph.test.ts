import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * What the demo's back office evaluates as it starts on a signed-in page load: the static import graph of
 * mocks/browser.ts (dynamic `import()` excluded, type-only imports too). pdf-lib and fontkit (≈ 250 KB gzip) were
 * once in it through the letters (src/core/letters.ts), one 350 ms task before every signed-in page's data
 * (docs/decisions/0178-back-office-start-without-pdf.md); they load only for a letter's PDF (src/core/letter-pdf.ts, decision 0164).
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const aliases: Record<string, string> = { '@/': 'src/', '@mocks/': 'mocks/', '@locales/': 'locales/' };

function resolveLocal(from: string, spec: string): string | null {
  const alias = Object.keys(aliases).find((a) => spec.startsWith(a));
  const base = alias ? join(root, aliases[alias]!, spec.slice(alias.length)) : spec.startsWith('.') ? resolve(dirname(from), spec) : null;
  if (!base) return null;
  return ['', '.ts', '.tsx', '/index.ts'].map((ext) => base + ext).find((f) => existsSync(f) && statSync(f).isFile()) ?? null;
}

function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = [entry];
  while (todo.length) {
    const file = todo.pop()!;
    if (files.has(file) || !/\.tsx?$/.test(file)) continue;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
      const spec = m[1]!;
      const local = resolveLocal(file, spec);
      if (local) todo.push(local);
      else if (!spec.startsWith('.') && !Object.keys(aliases).some((a) => spec.startsWith(a))) packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  }
  return { files, packages };
}

describe('the demo back office as it starts', () => {
  const { files, packages } = staticGraph(join(root, 'mocks/browser.ts'));

  it('reaches the core and MSW (the walk follows the imports)', () => {
    expect(files.has(join(root, 'src/core/letters.ts'))).toBe(true);
    expect(packages.has('msw')).toBe(true);
  });

  it('does not evaluate pdf-lib or fontkit: a letter PDF loads them when asked for', () => {
    // The letter layout is imported (src/core/letters.ts); it loads the libraries itself with the first letter (decision 0164).
    expect(files.has(join(root, 'src/core/letter-pdf.ts'))).toBe(true);
    expect([...packages].filter((p) => p.startsWith('@cantoo/'))).toEqual([]);
  });
});
