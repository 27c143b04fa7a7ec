import { changeLanguage, i18next, initI18n, namespaces } from './i18n';

/**
 * Issue 22 point 1: no rendered string may ever show `{{`. Every key of every namespace, in both languages, is rendered
 * with the app's own i18next set-up (its formatters, `inText`, plurals) and a value for each of its placeholders:
 * what comes out has no braces left. And a value the caller forgets is an error, not braces on the page
 * (src/lib/i18n.ts `missingInterpolationHandler`), so a component test that renders it fails.
 */
type Tree = { [k: string]: string | Tree };
const files = import.meta.glob<Tree>('../../locales/*/*.json', { eager: true, import: 'default' });
const flat = (t: Tree, prefix = ''): [string, string][] =>
  Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v] as [string, string]] : flat(v, `${prefix}${k}.`)));
const pluralSuffix = /_(zero|one|two|few|many|other)$/;
const contextSuffix = /_(ombudsman|abuse|finalResponse|letter|serviceReview|scheme|policy)$/;

/** Keys read from the files at run time, not typed literals. */
const anyKey = (key: string, options: Record<string, unknown>) => (i18next.t as unknown as (k: string, o: Record<string, unknown>) => string)(key, options);

describe('every string renders without a placeholder left', () => {
  beforeAll(async () => {
    await initI18n('en');
    await i18next.loadNamespaces([...namespaces]);
    await i18next.loadLanguages(['it']);
  });

  for (const lng of ['en', 'it'] as const) {
    it(`${lng}: every key of every namespace, with a value for each of its placeholders`, async () => {
      await changeLanguage(lng);
      await i18next.loadNamespaces([...namespaces]);
      let checked = 0;
      for (const ns of namespaces) {
        const tree = files[`../../locales/${lng}/${ns}.json`];
        expect(tree, `${lng}/${ns}`).toBeDefined();
        for (const [key, raw] of flat(tree!)) {
          const names = [...raw.matchAll(/\{\{-?\s*([^},\s]+)[^}]*\}\}/g)].map((m) => m[1]!);
          const values: Record<string, unknown> = Object.fromEntries(names.map((n) => [n, n === 'count' ? 2 : `‹${n}›`]));
          const context = contextSuffix.exec(key.replace(pluralSuffix, ''))?.[1];
          const base = key.replace(pluralSuffix, '').replace(contextSuffix, '');
          const out = anyKey(`${ns}:${base}`, { ...values, ...(context ? { context } : {}), ...(pluralSuffix.test(key) ? { count: 2 } : {}) });
          expect(out, `${lng} ${ns}:${key}`).not.toMatch(/\{\{|\}\}/);
          checked += 1;
        }
      }
      expect(checked).toBeGreaterThan(900);
    });
  }

  it('a placeholder given no value is an error, never braces on the page', async () => {
    await changeLanguage('en');
    await i18next.loadNamespaces(['adr']);
    expect(() => i18next.t('adr:panel.missingBody', { provider: 'Nasstar', scheme: 'CISAS', date: '1 December 2026' })).toThrow(/period/);
    expect(i18next.t('adr:panel.missingBody', { provider: 'Nasstar', scheme: 'CISAS', date: '1 December 2026', period: '6 weeks' })).toContain('more than 6 weeks');
  });
});
