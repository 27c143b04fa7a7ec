import type { i18n } from 'i18next';
import { dateInText, nameInText } from '@/domain/running-text';

/**
 * The formatters the strings use (docs/decisions/0120-italian-name-and-date-forms.md), on any i18next instance;
 * ./i18n.ts loads this module beside the first page:
 * - `{{provider, inText}}`, `{{scheme, inTextStart}}` at the start of a sentence: a provider's or a scheme's name in
 *   running text, as providers.json `inText` writes it for the language ("the Communications Ombudsman",
 *   "il Communications Ombudsman"; a name not listed is bare: "Nasstar", "ASK4").
 * - `{{scheme, inText(prep: a)}}`: the same after a preposition, fused with the article in Italian
 *   ("al Communications Ombudsman", "dell'Independent Assessor", "ad ASK4").
 * - `{{date, dateWith(prep: dal)}}`: a formatted date after an articled preposition, in the form its day asks for
 *   ("dall'8 aprile 2026", "l'11 maggio", "dal 9 aprile").
 */
export function addRunningTextFormatters(instance: i18n) {
  const formatter = instance.services.formatter;
  if (!formatter) return;
  const prepOf = (options: unknown) => {
    const prep = (options as { prep?: unknown } | undefined)?.prep;
    return typeof prep === 'string' ? prep : undefined;
  };
  const name = (value: unknown, lng: string | undefined, options: unknown, start: boolean) => {
    const language = lng ?? instance.language ?? 'en';
    const forms = instance.getResource(language, 'providers', 'inText') as Record<string, string> | undefined;
    return nameInText(language, String(value), forms, prepOf(options), start);
  };
  formatter.add('inText', (value, lng, options) => name(value, lng, options, false));
  formatter.add('inTextStart', (value, lng, options) => name(value, lng, options, true));
  formatter.add('dateWith', (value, lng, options) => dateInText(lng ?? instance.language ?? 'en', String(value), prepOf(options)));
}
