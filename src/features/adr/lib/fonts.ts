import type { PdfFontFiles } from './pdf';

/**
 * The PDF fonts, fetched only when a PDF is made (they are ~1.5 MB and not needed to read a page).
 * DejaVu Sans (Bitstream Vera licence, see fonts/LICENSE-DejaVu.txt) and Noto Emoji (SIL OFL 1.1).
 */
let cache: Promise<PdfFontFiles> | undefined;
let emojiCache: Promise<Uint8Array> | undefined;

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Font ${url}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

export async function loadPdfFonts({ emoji }: { emoji: boolean }): Promise<PdfFontFiles> {
  cache ??= Promise.all([
    import('../fonts/DejaVuSans.ttf?url').then((m) => fetchBytes(m.default)),
    import('../fonts/DejaVuSans-Bold.ttf?url').then((m) => fetchBytes(m.default)),
  ]).then(([regular, bold]) => ({ regular, bold }));
  const base = await cache.catch((error: unknown) => {
    cache = undefined;
    throw error;
  });
  if (!emoji) return base;
  emojiCache ??= import('@fontsource/noto-emoji/files/noto-emoji-emoji-400-normal.woff2?url').then((m) => fetchBytes(m.default));
  return { ...base, emoji: await emojiCache };
}
