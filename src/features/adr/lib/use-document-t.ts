import { useEffect, useState } from 'react';
import { i18next } from '@/lib/i18n';
import type { Translate } from './format';

const NS = ['adr', 'providers', 'common'] as const;

const loaded = (lng: string) => NS.every((ns) => i18next.hasResourceBundle(lng, ns));

/** Loads the ADR, provider and common strings of a language, whatever the portal's language is. */
export async function loadDocumentLanguage(lng: string): Promise<Translate> {
  if (!loaded(lng)) {
    await i18next.loadLanguages(lng);
    await i18next.loadNamespaces([...NS]);
  }
  return i18next.getFixedT(lng, NS);
}

/**
 * A translator fixed to one language (the referral pack is always English; a letter to a provider
 * is in its procedure's language). null until that language's strings are loaded.
 */
export function useDocumentT(lng: string): Translate | null {
  const [t, setT] = useState<{ lng: string; t: Translate } | null>(null);
  useEffect(() => {
    let live = true;
    void loadDocumentLanguage(lng).then((fixed) => {
      if (live) setT({ lng, t: fixed });
    });
    return () => {
      live = false;
    };
  }, [lng]);
  return t?.lng === lng ? t.t : null;
}
