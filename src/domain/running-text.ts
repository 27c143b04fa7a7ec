/**
 * Names and dates in running text, and their Italian forms (docs/decisions/0120-italian-name-and-date-forms.md).
 *
 * Italian puts an article before most organisation names ("il Communications Ombudsman", "l'Independent Assessor",
 * "l'ISPA") and before a day of the month ("il 9 aprile", "l'8 aprile"), and fuses it with the simple prepositions
 * a, di, da, in, su ("al", "dell'", "dall'8 aprile"). Which names take which article is data
 * (locales/it/providers.json `inText`: the name as written in running text); how an article fuses with a
 * preposition is the language's grammar, here. Pure: used by the portal's i18next formatters (src/lib/i18n.ts)
 * and by the back office's mails (src/core/mail.ts).
 */

/** The prepositions that fuse with a following article. */
const fusing = ['a', 'di', 'da', 'in', 'su'] as const;
type Fusing = (typeof fusing)[number];
const isFusing = (word: string): word is Fusing => (fusing as readonly string[]).includes(word);

/** The definite articles, as written before a word ("l'" is elided: no space after it). */
type Article = 'il' | 'lo' | "l'" | 'la' | 'i' | 'gli' | 'le';

/** Preposition + article → the fused form (a + il = al, di + l' = dell'…). */
const fused: Record<Fusing, Record<Article, string>> = {
  a: { il: 'al', lo: 'allo', "l'": "all'", la: 'alla', i: 'ai', gli: 'agli', le: 'alle' },
  di: { il: 'del', lo: 'dello', "l'": "dell'", la: 'della', i: 'dei', gli: 'degli', le: 'delle' },
  da: { il: 'dal', lo: 'dallo', "l'": "dall'", la: 'dalla', i: 'dai', gli: 'dagli', le: 'dalle' },
  in: { il: 'nel', lo: 'nello', "l'": "nell'", la: 'nella', i: 'nei', gli: 'negli', le: 'nelle' },
  su: { il: 'sul', lo: 'sullo', "l'": "sull'", la: 'sulla', i: 'sui', gli: 'sugli', le: 'sulle' },
};

/** Splits "il Communications Ombudsman" / "l'Independent Assessor" into its article and the bare name. */
function splitArticle(text: string): { article: Article | null; rest: string } {
  const elided = /^l['’](.+)$/iu.exec(text);
  if (elided) return { article: "l'", rest: elided[1]! };
  const spaced = /^(il|lo|la|i|gli|le) (.+)$/iu.exec(text);
  if (spaced) return { article: spaced[1]!.toLowerCase() as Article, rest: spaced[2]! };
  return { article: null, rest: text };
}

const joinArticle = (article: string, rest: string) => (article.endsWith("'") ? `${article}${rest}` : `${article} ${rest}`);
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const startsWithVowel = (s: string) => /^[aeiouàèéìòù]/iu.test(s);

/**
 * `preposition` before a word written as `inText` ("il Communications Ombudsman", or a bare "ASK4"):
 * - a fusing preposition (a, di, da, in, su) as the last word fuses with the article: "al Communications Ombudsman",
 *   "dell'Independent Assessor", "fino all'ISPA";
 * - with no article, "a" before a vowel becomes "ad" ("ad ASK4", "ad abuse@…");
 * - any other preposition ("presso", "verso", "con", "per", "entro") stands before the article unchanged.
 * A capitalised preposition gives a capitalised result ("Dal", "Al").
 */
export function withPreposition(preposition: string | undefined, inText: string): string {
  const prep = (preposition ?? '').trim();
  if (!prep) return inText;
  const words = prep.split(/\s+/);
  const last = words.at(-1)!;
  const head = words.slice(0, -1);
  const lower = last.toLowerCase();
  const keepCase = (s: string) => (last.charAt(0) === last.charAt(0).toUpperCase() && last.charAt(0) !== last.charAt(0).toLowerCase() ? capitalise(s) : s);
  const { article, rest } = splitArticle(inText);
  let tail: string;
  if (article && isFusing(lower)) tail = joinArticle(keepCase(fused[lower][article]), rest);
  else if (!article && lower === 'a' && startsWithVowel(inText)) tail = `${keepCase('ad')} ${inText}`;
  else tail = `${last} ${inText}`;
  return [...head, tail].join(' ');
}

/**
 * A name in Italian running text: `forms` maps a name as shown to its running-text form with its article
 * (locales/it/providers.json `inText`); a name not listed is written bare (companies: "Nasstar", "ASK4").
 */
export function nameInItalian(name: string, forms: Readonly<Record<string, string>> | undefined, preposition?: string, start = false): string {
  const text = withPreposition(preposition, forms?.[name] ?? name);
  return start ? capitalise(text) : text;
}

/** The articled prepositions a date is written after in the strings: "il 9 aprile", "dal 9 aprile", "entro il", "fino al". */
const dateArticled: Record<string, Fusing | ''> = { il: '', al: 'a', del: 'di', dal: 'da', nel: 'in', sul: 'su' };

/** A day read with an initial vowel takes "l'": 1 (uno), 8 (otto), 11 (undici), and 80–89 (ottanta…). */
const elidedDay = (day: number) => day === 1 || day === 8 || day === 11 || (day >= 80 && day <= 89);

/**
 * `articled` (as written before an ordinary date: "il", "dal", "al", "del", "nel", "sul", optionally after other
 * words: "entro il", "fino al") before a formatted date, in the form the date's day asks for:
 * "dall'8 aprile 2026", "l'1 maggio", "all'11 giugno", "dal 9 aprile". A date written from its weekday
 * ("mar 22 dic 2026") takes no article: "da mar 22 dic 2026", "mar 22 dic 2026". Any other preposition stands as written.
 */
export function dateWithPreposition(articled: string | undefined, date: string): string {
  const prep = (articled ?? '').trim();
  if (!prep) return date;
  const words = prep.split(/\s+/);
  const last = words.at(-1)!;
  const head = words.slice(0, -1);
  const base = dateArticled[last.toLowerCase()];
  if (base === undefined) return `${prep} ${date}`;
  const upper = last.charAt(0) !== last.charAt(0).toLowerCase();
  const day = /^(\d{1,2})(?!\d)/.exec(date);
  let lead: string;
  if (day) {
    const article: Article = elidedDay(Number(day[1])) ? "l'" : 'il';
    lead = base === '' ? article : fused[base][article];
  } else {
    lead = base;
  }
  if (upper && lead) lead = capitalise(lead);
  const text = lead ? joinArticle(lead, date) : upper ? capitalise(date) : date;
  return [...head, text].join(' ');
}

const isItalian = (language: string) => language === 'it' || language.startsWith('it-');

/**
 * A provider's or a scheme's name in running text in `language`, from that language's forms (providers.json
 * `inText`, keyed by the name as shown): English "the Communications Ombudsman" (a preposition stands before it
 * as written); Italian with its article fused to the preposition (nameInItalian). Unlisted names are bare.
 */
export function nameInText(language: string, name: string, forms: Readonly<Record<string, string>> | undefined, preposition?: string, start = false): string {
  if (isItalian(language)) return nameInItalian(name, forms, preposition, start);
  const text = `${preposition ? `${preposition} ` : ''}${forms?.[name] ?? name}`;
  return start ? capitalise(text) : text;
}

/** A formatted date after a preposition in `language`: Italian fixes the article (dateWithPreposition); English writes it as given. */
export function dateInText(language: string, date: string, preposition?: string): string {
  if (isItalian(language)) return dateWithPreposition(preposition, date);
  return preposition ? `${preposition} ${date}` : date;
}
