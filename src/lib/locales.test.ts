/**
 * Every namespace file in locales/en (read from the directory, not listed here), in every language: same keys as
 * English, the plural forms each language's rules ask for, the same {{variables}}, no literal counts of days, weeks, months or hours
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

/** i18next's plural suffixes (JSON v4): `key_one`, `key_other`… — the forms each language's Intl.PluralRules selects. */
const pluralSuffix = /_(zero|one|two|few|many|other)$/;
const baseKey = (k: string) => k.replace(pluralSuffix, '');
/** The plural forms a language needs for whole-number counts, as i18next picks them (Intl.PluralRules). */
const pluralForms = (lng: string) => new Intl.PluralRules(lng).resolvedOptions().pluralCategories.filter((c) => c !== 'zero' || lng === 'ar').sort();
/** `{{name}}` and `{{count, number}}` → the variable names. */
const variables = (v: string) => [...v.matchAll(/\{\{-?\s*([^},\s]+)[^}]*\}\}/g)].map((m) => m[1]!);

const literalCount = {
  en: /\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty)[\s-]+(working[\s-]+)?(days?|weeks?|months?|hours?)\b/i,
  it: /\b(\d+|uno|una|due|tre|quattro|cinque|sei|sette|otto|nove|dieci|dodici|venti)\s+(giorn[oi]|settiman[ae]|mes[ei]|or[ae])\b/i,
};

describe('locales', () => {
  it('has the same namespace files in every language', () => {
    expect(filesOf('it').sort()).toEqual([...namespaces].sort());
    expect(namespaces.length).toBeGreaterThanOrEqual(7);
  });
  it.each(namespaces)('%s: Italian has exactly the English keys (plural forms aside), none empty', (ns) => {
    const en = flat(load('en', ns));
    const it = flat(load('it', ns));
    expect([...new Set(it.map(([k]) => baseKey(k)))].sort()).toEqual([...new Set(en.map(([k]) => baseKey(k)))].sort());
    for (const [, v] of [...en, ...it]) expect(v.trim()).not.toBe('');
  });
  it.each(namespaces)('%s: a counted string has the plural forms of each language (Intl.PluralRules), and no other', (ns) => {
    const byLng = Object.fromEntries(['en', 'it'].map((lng) => [lng, new Set(flat(load(lng, ns)).map(([k]) => k))]));
    const counted = new Set(Object.values(byLng).flatMap((keys) => [...keys].filter((k) => pluralSuffix.test(k)).map(baseKey)));
    for (const [lng, keys] of Object.entries(byLng)) {
      const wanted = pluralForms(lng);
      for (const base of counted) {
        const forms = [...keys].filter((k) => baseKey(k) === base && pluralSuffix.test(k)).map((k) => k.slice(base.length + 1)).sort();
        expect({ lng, key: base, forms, bare: keys.has(base) }).toEqual({ lng, key: base, forms: wanted, bare: false });
      }
    }
  });
  it.each(namespaces)('%s: every string interpolates the same variables in both languages', (ns) => {
    const vars = (lng: string) => {
      const out = new Map<string, Set<string>>();
      for (const [k, v] of flat(load(lng, ns))) {
        const set = out.get(baseKey(k)) ?? new Set<string>();
        for (const name of variables(v)) set.add(name);
        out.set(baseKey(k), set);
      }
      return out;
    };
    const en = vars('en');
    const it = vars('it');
    const differing = [...en].filter(([k, names]) => [...names].sort().join() !== [...(it.get(k) ?? [])].sort().join());
    expect(differing.map(([k, names]) => ({ key: k, en: [...names].sort(), it: [...(it.get(k) ?? [])].sort() }))).toEqual([]);
  });
  it.each(namespaces)('%s: no string states a count of days, weeks, months or hours literally', (ns) => {
    for (const lng of ['en', 'it'] as const) {
      const offenders = flat(load(lng, ns)).filter(([, v]) => literalCount[lng].test(v));
      expect(offenders).toEqual([]);
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
    const banned = [
      /lettera di deadlock/i,
      /lettera di chiusura(?! del reclamo)/i,
      /\bDocumentazione\b/,
      /\bTextphone\b/,
      /\be-mail\b/i, // email
      /numero di riferimento|numero (della|del) (Sua )?(pratica|reclamo)|\breclamo n\./i, // numero di pratica
      /\bgiudizi[oi]\b|\bfeedback\b|\bcommenti\b|commento sul servizio/i, // valutazione
      /\bpasso\b|\bi passi\b/i, // fase (procedure), passaggio (form)
      /far salire|far proseguire/i, // chieda che il reclamo passi alla fase successiva
      /\bimpegno\b/i, // termine: an aim is no commitment
    ];
    expect(flat(load('it', ns)).filter(([, v]) => banned.some((b) => b.test(v)))).toEqual([]);
  });
  it.each(namespaces)('%s: "Ricorso" is ASK4\'s own stage, never a referral to a scheme (docs/glossary.md)', (ns) => {
    const ask4Own = (k: string) => ns === 'providers.json' && k.startsWith('ask4.stages.appeal.');
    expect(flat(load('it', ns)).filter(([k, v]) => !ask4Own(k) && /\bricors[oi]\b|\bricorrere\b/i.test(v))).toEqual([]);
  });
  it.each(namespaces)('%s: Italian has none of the calques a native reader stumbles on (FIDELITY D)', (ns) => {
    const calques = [
      /Come siamo andati/i,
      /Che cosa Le deve/i,
      /garantisc/i, // an aim is not a guarantee
      /^Segua i miei/i,
      /^(Acceda|Esca|Vada al|Vada alla|Inizi|Dimentichi)$/, // labels are nouns
      /^Vada (al|alla|alle)\b/,
      /ogni ora/i,
      /Non sono soddisfatt/i, // the customer's own words hold for anyone
      /A quest'ora/i,
      /\bVeda che cosa\b/,
      /\be entro\b/, // ed entro
      /alla fase: /, // «Fase attuale: …»
      /Danni a beni di propriet/i,
    ];
    expect(flat(load('it', ns)).filter(([, v]) => calques.some((c) => c.test(v)))).toEqual([]);
  });
});
