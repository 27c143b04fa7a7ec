/**
 * Typed translation keys (docs/decisions/0063-typed-translation-keys.md): every namespace the app loads is typed
 * from its English file, the source of truth, so `t('cases:nonexistent.key')` does not compile. Italian has the
 * same keys, plural forms and interpolations (src/lib/locales.test.ts). mail.json is not here: the back office
 * fills it itself (src/core/mail.ts), the app never loads it into i18next.
 */
import 'i18next';
import type adr from '@locales/en/adr.json';
import type cases from '@locales/en/cases.json';
import type common from '@locales/en/common.json';
import type complaint from '@locales/en/complaint.json';
import type errors from '@locales/en/errors.json';
import type providers from '@locales/en/providers.json';
import type staff from '@locales/en/staff.json';
import type validation from '@locales/en/validation.json';
import type { Namespace } from './i18n';

interface Resources {
  adr: typeof adr;
  cases: typeof cases;
  common: typeof common;
  complaint: typeof complaint;
  errors: typeof errors;
  providers: typeof providers;
  staff: typeof staff;
  validation: typeof validation;
}

/** Fails to compile unless Resources types exactly the namespaces src/lib/i18n.ts declares. */
type Exactly<T extends true> = T;
export type NamespacesAllTyped = Exactly<[Namespace] extends [keyof Resources] ? ([keyof Resources] extends [Namespace] ? true : false) : false>;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: Resources;
    returnNull: false;
  }
}
