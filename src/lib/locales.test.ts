/**
 * Every namespace in every language: same keys as English, no literal counts of days, weeks, months or hours
 * (numbers reach the text only by interpolation from a profile or a scheme), and no Italian aim rendered as a
 * commitment (docs/decisions/0061-italian-register.md, docs/glossary.md).
 */
type Tree = { [k: string]: string | Tree };
const files = import.meta.glob<Tree>('../../locales/*/*.json', { eager: true, import: 'default' });
const filesOf = (lng: string) => Object.keys(files).filter((f) => f.startsWith(`../../locales/${lng}/`)).map((f) => f.split('/').pop()!);
const load = (lng: string, ns: string): Tree => files[`../../locales/${lng}/${ns}`] ?? {};
const flat = (t: Tree, prefix = ''): [string, string][] =>
  Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v] as [string, string]] : flat(v, `${prefix}${k}.`)));
const namespaces: string[] = filesOf('en');

const literalCount = {
  en: /\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty)[\s-]+(working[\s-]+)?(days?|weeks?|months?|hours?)\b/i,
  it: /\b(\d+|uno|una|due|tre|quattro|cinque|sei|sette|otto|nove|dieci|dodici|venti)\s+(giorn[oi]|settiman[ae]|mes[ei]|or[ae])\b/i,
};

describe('locales', () => {
  it('has the same namespace files in every language', () => {
    expect(filesOf('it').sort()).toEqual([...namespaces].sort());
    expect(namespaces.length).toBeGreaterThanOrEqual(7);
  });
  it.each(namespaces)('%s: Italian has exactly the English keys, none empty', (ns) => {
    const en = flat(load('en', ns));
    const it = flat(load('it', ns));
    expect(it.map(([k]) => k).sort()).toEqual(en.map(([k]) => k).sort());
    for (const [, v] of [...en, ...it]) expect(v.trim()).not.toBe('');
  });
  it.each(namespaces)('%s: no string states a count of days, weeks, months or hours literally', (ns) => {
    for (const lng of ['en', 'it'] as const) {
      const offenders = flat(load(lng, ns)).filter(([, v]) => literalCount[lng].test(v));
      expect(offenders).toEqual([]);
    }
  });
  it.each(namespaces)('%s: every count has its plural forms in both languages', (ns) => {
    for (const lng of ['en', 'it']) {
      const keys = new Set(flat(load(lng, ns)).map(([k]) => k));
      for (const k of keys) {
        if (k.endsWith('_one')) expect(keys.has(k.replace(/_one$/, '_other'))).toBe(true);
        if (k.endsWith('_other')) expect(keys.has(k.replace(/_other$/, '_one'))).toBe(true);
      }
    }
  });
  it.each(namespaces)('%s: an aim is never rendered as a commitment in Italian', (ns) => {
    const en = new Map(flat(load('en', ns)));
    const offenders = flat(load('it', ns)).filter(([k, v]) => /\baims?\b|\bideally\b/i.test(en.get(k) ?? '') && /impegn|garantisc|assicur/i.test(v));
    expect(offenders).toEqual([]);
  });
  it.each(namespaces)('%s: Italian uses the formal register (no informal imperatives at the start of a string)', (ns) => {
    const informal = /^(Inizia|Segui|Rifiuta|Accetta|Invia|Vai|Scarica|Continua|Aggiungi|Cerca|Esci|Accedi|Torna|Modifica|Carica|Stampa|Presenta|Segnala|Elimina|Riprova|Scegli|Chiedi)\b/;
    expect(flat(load('it', ns)).filter(([, v]) => informal.test(v))).toEqual([]);
  });
  it.each(namespaces)('%s: Italian uses one term per concept (docs/glossary.md)', (ns) => {
    const banned = [/lettera di deadlock/i, /lettera di chiusura(?! del reclamo)/i, /\bDocumentazione\b/, /\bTextphone\b/];
    expect(flat(load('it', ns)).filter(([, v]) => banned.some((b) => b.test(v)))).toEqual([]);
  });
});
