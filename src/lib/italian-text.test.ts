/**
 * Every Italian string, rendered with every provider's and scheme's name and with the dates whose day Italian reads
 * with a vowel, reads as Italian writes it (docs/decisions/0120-italian-name-and-date-forms.md): a name that takes an
 * article never stands bare after a preposition ("a Communications Ombudsman", "presso Communications Ombudsman",
 * "di Independent Assessor"), "a" before a vowel is "ad" ("ad ASK4"), and no date reads "dal 8 aprile".
 * mail.json is rendered by the back office's own filler: src/core/mail.test.ts.
 */
import itProviders from '@locales/it/providers.json';
import { providerIds } from '@/domain/provider-ids';
import { getProfile } from '@/domain/profiles';
import { i18next, initI18n, namespaces } from './i18n';

type Tree = { [k: string]: string | Tree };
const files = import.meta.glob<Tree>('../../locales/it/*.json', { eager: true, import: 'default' });
const flat = (t: Tree, prefix = ''): [string, string][] =>
  Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v] as [string, string]] : flat(v, `${prefix}${k}.`)));
const strings = Object.entries(files)
  .filter(([file]) => !file.endsWith('/mail.json'))
  .flatMap(([file, tree]) => flat(tree).map(([key, value]) => [`${file.split('/').pop()!.replace('.json', '')}:${key}`, value] as const));

const schemeNames = Object.values(itProviders.schemes).map((s) => s.name);
const providerNames = providerIds.map((id) => getProfile(id).name);
/** Names that take an article in Italian running text (providers.json inText): never bare after a preposition. */
const articled = Object.entries(itProviders.inText as Record<string, string>)
  .filter(([name, form]) => form !== name)
  .map(([name]) => name);
/** Every name a string can be given: providers, schemes, an address, the demo's organisations, a person. */
const names = [...new Set([...providerNames, ...schemeNames, 'abuse@nasstar.com', 'Harbour Lane Bakery Ltd', 'Acme Ltd', 'Anna Rossi'])];
const nameVariables = new Set(['provider', 'scheme', 'name', 'email', 'organisation', 'admin', 'to', 'who']);
/** The variables that hold a provider's or a scheme's name (`name` only where another scheme is named). */
const schemeVariables = (key: string) => new Set(['provider', 'scheme', ...(key.endsWith('alsoNamed') ? ['name'] : [])]);
/** Days Italian reads with an initial vowel (l'1, l'8, l'11), one it does not, and dates written from the weekday. */
const dates = ['1 aprile 2026', '8 aprile 2026', '11 aprile 2026', '9 aprile 2026', 'mer 8 apr 2026'];

/** `template` with `name` in the variables `named` (every name-holding one unless given), `date` in the dates, filler elsewhere. */
function render(template: string, name: string, date: string, named: Set<string> = nameVariables): string {
  const values: Record<string, unknown> = { count: 2, total: 3 };
  for (const [, variable] of template.matchAll(/\{\{-?\s*([^},\s]+)[^}]*\}\}/g)) {
    if (variable === 'count' || variable === 'total') continue;
    values[variable!] = named.has(variable!) ? name : variable === 'date' || variable === 'day' ? date : 'Zeta';
  }
  return i18next.services.interpolator.interpolate(template, values, 'it', {});
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** What may stand before an articled name: its article (alone or fused), or nothing in a label ("Organismo: …"). */
const beforeArticled = /(?:^|[:,«(–]\s?|\b(?:il|al|dal|del|nel|sul|Il|Al|Dal|Del|Nel|Sul) |\b(?:[lL]|all|dall|dell|nell|sull|All|Dall|Dell|Nell|Sull)')$/;

describe('Italian strings rendered with every name and date', () => {
  beforeAll(async () => {
    await initI18n('it');
    await i18next.loadNamespaces([...namespaces]);
  });

  it('renders every string of every namespace', () => {
    expect(strings.length).toBeGreaterThan(500);
    expect(articled.sort()).toEqual(['CISAS', 'Communications Ombudsman', "ISPA (Internet Services Providers' Association)", 'Independent Assessor']);
  });

  it('no name that takes an article stands bare after a word (a, di, presso…): "al Communications Ombudsman", "dell\'Independent Assessor"', () => {
    const offenders: string[] = [];
    for (const [key, template] of strings) {
      for (const name of articled) {
        const out = render(template, name, dates[3]!, schemeVariables(key));
        for (const m of out.matchAll(new RegExp(escape(name), 'g'))) {
          if (!beforeArticled.test(out.slice(Math.max(0, m.index - 8), m.index))) offenders.push(`${key}: ${out}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('"a" before a name that starts with a vowel is "ad": "ad ASK4", "ad abuse@…", "ad Acme Ltd"', () => {
    const offenders: string[] = [];
    for (const [key, template] of strings) {
      for (const name of names.filter((n) => /^[aeiou]/i.test(n))) {
        const out = render(template, name, dates[3]!);
        if (new RegExp(`(^|[^\\p{L}'’])[Aa] ${escape(name)}`, 'u').test(out)) offenders.push(`${key}: ${out}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('no date reads "dal 8", "il 1", "al 11": the article the day asks for', () => {
    const offenders: string[] = [];
    for (const [key, template] of strings) {
      for (const date of dates) {
        const out = render(template, 'Nasstar', date);
        if (/(^|[^\p{L}])(il|dal|al|del|nel|sul) (1|8|11)\b/iu.test(out)) offenders.push(`${key}: ${out}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('no placeholder is left unfilled', () => {
    const offenders = strings.filter(([, template]) => render(template, 'Nasstar', dates[0]!).includes('{{')).map(([key]) => key);
    expect(offenders).toEqual([]);
  });

  it('a name is given its preposition through the formatter, and a date its articled preposition', () => {
    const misuse: string[] = [];
    for (const [key, template] of strings) {
      for (const [, prep] of template.matchAll(/inText(?:Start)?\(prep: ([^)]*)\)/g)) {
        if (!/^(.* )?(a|di|da|in|su|Da|A|Di)$/.test(prep!)) misuse.push(`${key}: inText(prep: ${prep})`);
      }
      for (const [, prep] of template.matchAll(/dateWith\(prep: ([^)]*)\)/g)) {
        if (!/^(.* )?(il|dal|al|del|nel|sul|Il|Dal|Al)$/.test(prep!)) misuse.push(`${key}: dateWith(prep: ${prep})`);
      }
      // A bare provider's or scheme's name right after a preposition, or any name after "a": the formatter is missing.
      for (const m of template.matchAll(/\b(a|di|da|in|su|presso|verso|con|per|tra|fra) \{\{(provider|scheme)\}\}|\ba \{\{(name|email|organisation|admin|to|who)\}\}/g)) {
        misuse.push(`${key}: ${m[0]}`);
      }
      // A hand-written preposition before a date: the formatter writes it.
      for (const m of template.matchAll(/\b(il|dal|al|del|nel|sul|Il|Dal|Al) \{\{(date|day)\}\}/g)) misuse.push(`${key}: ${m[0]}`);
    }
    expect(misuse).toEqual([]);
  });
});
