import i18next, { type BackendModule, type ReadCallback } from 'i18next';
import { initReactI18next } from 'react-i18next';
import enCommon from '@locales/en/common.json';
import enProviders from '@locales/en/providers.json';
import { storage } from './storage';

/**
 * English is the source of truth and ships with the first page (common + providers);
 * every other namespace, and every Italian one, loads on demand as its own chunk.
 */
export const languages = ['en', 'it'] as const;
export type Language = (typeof languages)[number];
export const namespaces = ['common', 'providers', 'complaint', 'cases', 'adr', 'validation', 'errors'] as const;
export type Namespace = (typeof namespaces)[number];

const LANGUAGE_KEY = 'redress.lng';

// English common + providers ship with the first page (imported above), so they are not lazy too.
const loaders = import.meta.glob<{ default: Record<string, unknown> }>([
  '../../locales/*/*.json',
  '!../../locales/en/common.json',
  '!../../locales/en/providers.json',
]);

const lazyBackend: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(language: string, namespace: string, callback: ReadCallback) {
    const load = loaders[`../../locales/${language}/${namespace}.json`];
    if (!load) {
      callback(new Error(`No ${language}/${namespace} translations`), false);
      return;
    }
    load().then(
      (module) => callback(null, module.default),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

const isLanguage = (value: string | null | undefined): value is Language => languages.includes(value as Language);

/** ?lng= on the address, else the saved choice, else the browser's languages, else English. */
export function detectLanguage(search: string): Language {
  const fromUrl = new URLSearchParams(search).get('lng');
  if (isLanguage(fromUrl)) {
    storage.set(LANGUAGE_KEY, fromUrl);
    return fromUrl;
  }
  const saved = storage.get(LANGUAGE_KEY);
  if (isLanguage(saved)) return saved;
  for (const tag of globalThis.navigator?.languages ?? []) {
    const base = tag.slice(0, 2).toLowerCase();
    if (isLanguage(base)) return base;
  }
  return 'en';
}

export async function initI18n(language: Language) {
  await i18next
    .use(lazyBackend)
    .use(initReactI18next)
    .init({
      lng: language,
      fallbackLng: 'en',
      supportedLngs: [...languages],
      ns: ['common', 'providers'],
      defaultNS: 'common',
      resources: { en: { common: enCommon, providers: enProviders } },
      partialBundledLanguages: true,
      interpolation: { escapeValue: false }, // React escapes
      returnNull: false,
      react: { useSuspense: true },
    });
  i18next.services.formatter?.add('inText', (value, lng) => nameInText(value, lng));
  i18next.services.formatter?.add('inTextStart', (value, lng) => {
    const name = nameInText(value, lng);
    return name.charAt(0).toUpperCase() + name.slice(1);
  });
  applyDocumentLanguage(language);
  return i18next;
}

/**
 * A provider's or a scheme's name in running text (`{{provider, inText}}`, `{{scheme, inTextStart}}` at the start
 * of a sentence): English says "the Communications Ombudsman" and "the Independent Assessor" but "Nasstar" and
 * "CISAS" — the names that take an article are listed in providers.json `inText`, keyed by the name as shown.
 * Italian writes every name bare (docs/decisions/0061-italian-register.md).
 */
function nameInText(value: unknown, lng: string | undefined): string {
  const name = String(value);
  const inText = i18next.getResource(lng ?? 'en', 'providers', 'inText') as Record<string, string> | undefined;
  return inText?.[name] ?? name;
}

function applyDocumentLanguage(language: string) {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

export async function changeLanguage(language: Language) {
  storage.set(LANGUAGE_KEY, language);
  await i18next.changeLanguage(language);
  applyDocumentLanguage(language);
}

export { i18next };

/**
 * A list in running text — "portal, email or letter", "portale, e-mail o lettera" — joined with the
 * language's own separator and last connective (common:list). Not Intl.ListFormat: its first use loads
 * ICU list data, measured at 60+ ms on the main thread, on the pre-rendered pages' hydration path
 * (docs/decisions/0043-boot-after-first-paint.md).
 */
export function formatList(items: readonly string[], type: 'and' | 'or'): string {
  if (items.length <= 1) return items[0] ?? '';
  const head = items.slice(0, -1).join(i18next.t('common:list.separator'));
  return i18next.t(`common:list.${type}`, { head, last: items[items.length - 1] });
}
