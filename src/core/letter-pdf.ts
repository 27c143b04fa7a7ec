import type * as Fontkit from '@cantoo/fontkit';
import type * as PdfLib from '@cantoo/pdf-lib';
import type { Color, PDFFont, PDFPage } from '@cantoo/pdf-lib';
import enMail from '@locales/en/mail.json';
import itMail from '@locales/it/mail.json';
import type { MailLanguage } from '@/api/schemas';
import { getProfile } from '@/domain/profiles';
import type { LetterFonts, StoredMessage } from './ports';
import { dateTimeFormat } from '@/domain/date-format';

/**
 * A letter to the customer as a PDF in the provider's letter layout (docs/decisions/0141-letters-and-calls.md):
 * the provider's name and postal address from its profile, the date the letter was written, the case's reference,
 * the recipient's postal address as the message recorded it, then the letter's subject and text — the copy kept
 * on the message when it was recorded, in the customer's language. Set in DejaVu Sans (Latin with every Italian
 * accent, Greek, Cyrillic), embedded as a subset; a character it has no glyph for is shown as "?", never dropped
 * silently. Made from the stored copy alone, so the PDF staff post and the one the customer downloads are the same
 * letter.
 */

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 64;

/**
 * pdf-lib and fontkit, loaded with the first letter: a process that writes none (most requests, and the API
 * server between letters) does not hold their code (issue 21.9: the server's memory).
 */
let pdfModules: Promise<{ lib: typeof PdfLib; fontkit: (typeof Fontkit)['default'] }> | undefined;
const loadPdf = () => (pdfModules ??= Promise.all([import('@cantoo/pdf-lib'), import('@cantoo/fontkit')]).then(([lib, kit]) => ({ lib, fontkit: kit.default })));

const texts: Record<MailLanguage, { letterReference: string }> = { en: enMail.case, it: itMail.case };

interface Face {
  pdf: PDFFont;
  has: (cp: number) => boolean;
}

/** The fonts, read once: from the file beside the portal's PDF fonts (disk on the server and in tests, fetched in the browser). */
let fontCache: Promise<LetterFonts> | undefined;
export function defaultLetterFonts(): Promise<LetterFonts> {
  fontCache ??= Promise.all([
    readBytes(new URL('../features/adr/fonts/DejaVuSans.ttf', import.meta.url)),
    readBytes(new URL('../features/adr/fonts/DejaVuSans-Bold.ttf', import.meta.url)),
  ]).then(([regular, bold]) => ({ regular, bold }));
  return fontCache.catch((error: unknown) => {
    fontCache = undefined;
    throw error;
  });
}

async function readBytes(url: URL): Promise<Uint8Array> {
  if (url.protocol === 'file:') {
    const name = 'node:fs/promises';
    const fs = (await import(/* @vite-ignore */ name)) as { readFile(path: URL): Promise<Uint8Array> };
    return new Uint8Array(await fs.readFile(url));
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`font ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

function formatDate(iso: string, lng: MailLanguage, timeZone: string): string {
  return dateTimeFormat(lng === 'it' ? 'it-IT' : 'en-GB', { dateStyle: 'long', timeZone }).format(new Date(iso));
}

/** Only what the face can draw: a control character becomes a space, a missing glyph "?". */
function printable(text: string, face: Face): string {
  let out = '';
  for (const ch of text.replace(/\t/g, '    ')) {
    const cp = ch.codePointAt(0)!;
    if (cp < 32 || cp === 127) out += ' ';
    else out += face.has(cp) ? ch : '?';
  }
  return out;
}

/** Greedy word wrap; a word longer than the line is cut between characters. */
function wrap(text: string, face: Face, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of printable(paragraph, face).split(/(?<=\s)/)) {
      const candidate = line + word;
      if (face.pdf.widthOfTextAtSize(candidate.trimEnd(), size) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line.trimEnd());
      let rest = word;
      while (face.pdf.widthOfTextAtSize(rest.trimEnd(), size) > width) {
        let cut = '';
        for (const ch of rest) {
          if (face.pdf.widthOfTextAtSize(cut + ch, size) > width) break;
          cut += ch;
        }
        cut ||= [...rest][0] ?? '';
        lines.push(cut);
        rest = rest.slice(cut.length);
      }
      line = rest;
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** The letter as a PDF (A4, one or more pages). */
export async function letterPdf(m: Pick<StoredMessage, 'providerId' | 'reference' | 'recipient' | 'lng' | 'createdAt' | 'subject' | 'text'>, fonts: LetterFonts): Promise<Uint8Array> {
  const profile = getProfile(m.providerId);
  const { lib, fontkit } = await loadPdf();
  const INK = lib.rgb(0.043, 0.047, 0.047);
  const GREY = lib.rgb(0.3, 0.32, 0.33);
  const doc = await lib.PDFDocument.create();
  doc.registerFontkit(fontkit);
  const face = async (bytes: Uint8Array): Promise<Face> => {
    const kit = fontkit.create(bytes) as unknown as { hasGlyphForCodePoint(cp: number): boolean };
    return { pdf: await doc.embedFont(bytes, { subset: true }), has: (cp) => kit.hasGlyphForCodePoint(cp) };
  };
  const regular = await face(fonts.regular);
  const bold = await face(fonts.bold);
  const written = new Date(m.createdAt);
  doc.setTitle(m.subject ?? m.reference);
  doc.setAuthor(profile.name);
  doc.setLanguage(m.lng === 'it' ? 'it-IT' : 'en-GB');
  doc.setProducer('Redress');
  doc.setCreator('Redress');
  doc.setCreationDate(written);
  doc.setModificationDate(written);

  const width = A4[0] - 2 * MARGIN;
  let page: PDFPage = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const line = (text: string, f: Face, size: number, opts: { right?: boolean; color?: Color } = {}) => {
    if (y - size < MARGIN) {
      page = doc.addPage(A4);
      y = A4[1] - MARGIN;
    }
    y -= size * 1.4;
    const shown = printable(text, f);
    const x = opts.right ? A4[0] - MARGIN - f.pdf.widthOfTextAtSize(shown, size) : MARGIN;
    page.drawText(shown, { x, y, size, font: f.pdf, color: opts.color ?? INK });
  };
  const block = (text: string, f: Face, size: number) => {
    for (const l of wrap(text, f, size, width)) line(l, f, size);
  };

  // The provider, top right: its name and postal address as its profile publishes them.
  line(profile.name, bold, 11, { right: true });
  for (const l of profile.contact.address ?? []) line(l, regular, 10, { right: true, color: GREY });
  for (const l of [profile.contact.phone, profile.contact.email].filter((v): v is string => Boolean(v))) line(l, regular, 10, { right: true, color: GREY });
  y -= 24;
  // The recipient's postal address, one part a line, as the message recorded it.
  for (const part of m.recipient.split(/,\s*/)) line(part, regular, 11);
  y -= 18;
  line(formatDate(m.createdAt, m.lng, profile.timeZone), regular, 11);
  line(texts[m.lng].letterReference.replace('{{reference}}', m.reference), regular, 11);
  y -= 14;
  if (m.subject) block(m.subject, bold, 13);
  y -= 8;
  for (const paragraph of (m.text ?? '').split(/\n{2,}/)) {
    block(paragraph, regular, 11);
    y -= 8;
  }
  return doc.save();
}
