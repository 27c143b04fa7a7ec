import enMail from '@locales/en/mail.json';
import itMail from '@locales/it/mail.json';
import enProviders from '@locales/en/providers.json';
import itProviders from '@locales/it/providers.json';
import { nameInText } from '@/domain/running-text';
import type { MailLanguage } from '@/api/schemas';
import type { ProviderId } from '@/domain/profile-schema';
import type { OutgoingMail } from './ports';
import { newId } from './references';

/**
 * The mails the back office sends, written in locales/<lng>/mail.json and filled here: `{{name}}` is replaced
 * by the value of that name (an unknown name by nothing), and `{{provider, inText}}` / `{{provider, inText(prep: di)}}`
 * by the provider's name in running text, as the portal's own formatter writes it (src/lib/i18n.ts,
 * docs/decisions/0120-italian-name-and-date-forms.md). Plain text only — no markup reaches a mail.
 */

export type MailKind = Exclude<keyof typeof enMail, 'case' | 'demoProvider'>;

/** A mail as written, before it leaves: the HTTP binding stamps `sentAt` when it sends it (./http.ts). */
export type ComposedMail = Omit<OutgoingMail, 'sentAt'>;

const texts: Record<MailLanguage, typeof enMail> = { en: enMail, it: itMail };
const nameForms: Record<MailLanguage, Readonly<Record<string, string>>> = { en: enProviders.inText, it: itProviders.inText };

export function composeMail(
  kind: MailKind,
  to: { providerId: ProviderId; address: string; lng: MailLanguage },
  values: Record<string, string>,
): ComposedMail {
  const words = texts[to.lng][kind];
  return { id: newId('mail'), providerId: to.providerId, to: to.address.trim(), subject: fillText(to.lng, words.subject, values), text: fillText(to.lng, words.body, values), lng: to.lng };
}

/** A text of locales/<lng>/mail.json filled with `values` as `composeMail` fills a mail (a line of a list in one). */
export function fillText(lng: MailLanguage, template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)(?:,\s*(inText|inTextStart)(?:\(prep:\s*([^)]*)\))?)?\}\}/g, (_m, name: string, format?: string, prep?: string) => {
    const value = values[name] ?? '';
    return format && value ? nameInText(lng, value, nameForms[lng], prep, format === 'inTextStart') : value;
  });
}

/** The words of a mail in a language (its lines, for mails that list things). */
export const mailWords = (lng: MailLanguage) => texts[lng];
