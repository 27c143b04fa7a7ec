import i18next, { type BackendModule, type i18n, type ReadCallback } from 'i18next';
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
export const namespaces = ['common', 'providers', 'complaint', 'cases', 'adr', 'validation', 'errors', 'staff'] as const;
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

/**
 * A `{{placeholder}}` the caller gave no value for must never reach a page (issue 22: "It is more than {{period}}").
 * In tests it throws, so a component test that renders the string fails; in a build it is reported as a console
 * error (every browser test fails on one) and left out of the text instead of showing braces.
 */
export function missingInterpolationHandler(text: string, match: RegExpExecArray | string[]): string {
  const message = `Missing value for ${match[0] ?? '{{…}}'} in "${text}"`;
  if (import.meta.env.MODE === 'test') throw new Error(message);
  console.error(message);
  return '';
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
      missingInterpolationHandler,
      returnNull: false,
      react: { useSuspense: true },
    });
  await registerFormatters(i18next);
  applyDocumentLanguage(language);
  return i18next;
}

/**
 * The formatters the strings use (./i18n-formatters.ts, docs/decisions/0120-italian-name-and-date-forms.md) are
 * loaded beside the first page rather than in the first bundle (the budget of decision 0040): initI18n waits for
 * them, so no string is formatted before they are there.
 */
export async function registerFormatters(instance: i18n) {
  const { addRunningTextFormatters } = await import('./i18n-formatters');
  addRunningTextFormatters(instance);
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
