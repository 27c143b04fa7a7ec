import fontkit from '@cantoo/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from '@cantoo/pdf-lib';
import type { DocBlock, DocModel } from './doc-model';
import { saveFile } from '@/lib/save-file';

/**
 * Renders a DocModel as a PDF with pdf-lib, in the browser. Text is set in DejaVu Sans (Latin,
 * Greek, Cyrillic, Hebrew, Arabic and many symbols) with Noto Emoji as a fallback, character by
 * character, so whatever the customer typed is rendered rather than dropped
 * (docs/decisions/0030-adr-documents-and-pdf.md). Fonts are embedded as subsets.
 */

export interface PdfFontFiles {
  regular: Uint8Array;
  bold: Uint8Array;
  /** Only needed when the text holds emoji. */
  emoji?: Uint8Array;
}

export interface PdfFile {
  name: string;
  kind: string;
  bytes: Uint8Array;
}

interface FontkitFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

interface FaceSet {
  faces: { pdf: PDFFont; kit: FontkitFont }[];
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const INK = rgb(0.043, 0.047, 0.047);
const GREY = rgb(0.3, 0.32, 0.33);

/** Characters that join onto the previous one (variation selectors, ZWJ, skin tones, tags, combining marks). */
function joinsPrevious(cp: number): boolean {
  return (
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    cp === 0x200d ||
    (cp >= 0x1f3fb && cp <= 0x1f3ff) ||
    (cp >= 0xe0020 && cp <= 0xe007f) ||
    (cp >= 0x0300 && cp <= 0x036f) ||
    cp === 0x20e3
  );
}

export function emojiNeeded(text: string): boolean {
  return /\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(text);
}

/** Splits text into runs that one font can render, preferring the first face that has the glyph. */
function runs(text: string, set: FaceSet): { text: string; font: PDFFont }[] {
  const out: { text: string; font: PDFFont }[] = [];
  const fallback = set.faces[0]!.pdf;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const last = out[out.length - 1];
    if (last && joinsPrevious(cp)) {
      last.text += ch;
      continue;
    }
    // Emoji presentation goes to the emoji face when there is one, even if the text face has a glyph.
    const emojiFirst = /\p{Extended_Pictographic}/u.test(ch) && cp > 0x2000;
    const order = emojiFirst ? [...set.faces].reverse() : set.faces;
    const face = order.find((f) => f.kit.hasGlyphForCodePoint(cp))?.pdf ?? fallback;
    if (last && last.font === face) last.text += ch;
    else out.push({ text: ch, font: face });
  }
  return out;
}

function clean(text: string): string {
  // Tabs and other control characters have no glyphs: show them as spaces.
  let out = '';
  for (const ch of text.replace(/\t/g, '    ')) {
    const cp = ch.codePointAt(0)!;
    out += cp === 10 || cp === 13 || (cp >= 32 && cp !== 127) ? ch : ' ';
  }
  return out;
}

class Writer {
  page: PDFPage;
  y: number;
  constructor(
    readonly doc: PDFDocument,
    readonly regular: FaceSet,
    readonly bold: FaceSet,
  ) {
    this.page = doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }
  get width() {
    return A4[0] - 2 * MARGIN;
  }
  ensure(height: number) {
    if (this.y - height < MARGIN && this.y < A4[1] - MARGIN) {
      this.page = this.doc.addPage(A4);
      this.y = A4[1] - MARGIN;
    }
  }
  measure(text: string, set: FaceSet, size: number) {
    return runs(text, set).reduce((w, r) => w + r.font.widthOfTextAtSize(r.text, size), 0);
  }
  /** Greedy word wrap; words longer than a line are broken between characters. */
  wrap(text: string, set: FaceSet, size: number, width: number): string[] {
    const lines: string[] = [];
    for (const paragraph of clean(text).split(/\r?\n/)) {
      let line = '';
      for (const word of paragraph.split(/(?<=\s)/)) {
        const candidate = line + word;
        if (this.measure(candidate.trimEnd(), set, size) <= width) {
          line = candidate;
          continue;
        }
        if (line) lines.push(line.trimEnd());
        line = '';
        let rest = word;
        while (this.measure(rest.trimEnd(), set, size) > width) {
          let cut = '';
          for (const ch of rest) {
            if (this.measure(cut + ch, set, size) > width) break;
            cut += ch;
          }
          if (!cut) cut = [...rest][0] ?? '';
          lines.push(cut);
          rest = rest.slice(cut.length);
        }
        line = rest;
      }
      lines.push(line.trimEnd());
    }
    return lines;
  }
  drawLine(text: string, x: number, set: FaceSet, size: number, color = INK) {
    let cx = x;
    for (const r of runs(text, set)) {
      this.page.drawText(r.text, { x: cx, y: this.y, size, font: r.font, color });
      cx += r.font.widthOfTextAtSize(r.text, size);
    }
  }
  text(text: string, opts: { size?: number; bold?: boolean; indent?: number; width?: number; color?: typeof INK; align?: 'left' | 'right' } = {}) {
    const size = opts.size ?? 10.5;
    const set = opts.bold ? this.bold : this.regular;
    const indent = opts.indent ?? 0;
    const width = opts.width ?? this.width - indent;
    const lead = size * 1.4;
    for (const line of this.wrap(text, set, size, width)) {
      this.ensure(lead);
      this.y -= lead;
      const x = opts.align === 'right' ? MARGIN + this.width - this.measure(line, set, size) : MARGIN + indent;
      this.drawLine(line, x, set, size, opts.color);
    }
  }
  gap(h: number) {
    this.y -= h;
  }
}

function block(w: Writer, b: DocBlock) {
  switch (b.kind) {
    case 'pageBreak':
      w.ensure(Number.POSITIVE_INFINITY);
      return;
    case 'heading':
      w.ensure(40);
      w.gap(b.level === 2 ? 10 : 6);
      w.text(b.text, { size: b.level === 2 ? 14 : 12, bold: true });
      w.gap(2);
      return;
    case 'paragraph':
      w.text(b.text, { bold: Boolean(b.strong) });
      w.gap(6);
      return;
    case 'lines':
      for (const line of b.lines) w.text(line, { align: b.align ?? 'left' });
      w.gap(8);
      return;
    case 'fields': {
      const labelWidth = 170;
      for (const row of b.rows) {
        const labelLines = w.wrap(row.label, w.bold, 10.5, labelWidth - 10);
        const valueLines = w.wrap(row.value || '—', w.regular, 10.5, w.width - labelWidth);
        const lead = 10.5 * 1.4;
        w.ensure(lead * Math.min(3, Math.max(labelLines.length, valueLines.length)));
        const n = Math.max(labelLines.length, valueLines.length);
        for (let i = 0; i < n; i++) {
          w.ensure(lead);
          w.y -= lead;
          if (labelLines[i]) w.drawLine(labelLines[i]!, MARGIN, w.bold, 10.5);
          if (valueLines[i]) w.drawLine(valueLines[i]!, MARGIN + labelWidth, w.regular, 10.5);
        }
        w.gap(3);
      }
      w.gap(6);
      return;
    }
    case 'list':
      for (const item of b.items) {
        const lines = w.wrap(item, w.regular, 10.5, w.width - 16);
        lines.forEach((line, i) => {
          w.ensure(14.7);
          w.y -= 14.7;
          if (i === 0) w.drawLine('•', MARGIN + 2, w.regular, 10.5);
          w.drawLine(line, MARGIN + 16, w.regular, 10.5);
        });
      }
      w.gap(6);
      return;
    case 'table': {
      w.text(b.caption, { bold: true });
      const cols = b.head.length;
      const colWidth = w.width / cols;
      const row = (cells: string[], bold: boolean) => {
        const set = bold ? w.bold : w.regular;
        const wrapped = cells.map((c) => w.wrap(c, set, 9.5, colWidth - 8));
        const n = Math.max(...wrapped.map((l) => l.length));
        w.ensure(n * 13.3 + 4);
        for (let i = 0; i < n; i++) {
          w.y -= 13.3;
          wrapped.forEach((lines, c) => {
            if (lines[i]) w.drawLine(lines[i]!, MARGIN + c * colWidth, set, 9.5);
          });
        }
        w.gap(3);
        w.page.drawLine({ start: { x: MARGIN, y: w.y }, end: { x: MARGIN + w.width, y: w.y }, thickness: 0.5, color: GREY });
      };
      row(b.head, true);
      for (const r of b.rows) row(r, false);
      w.gap(10);
      return;
    }
  }
}

async function appendFile(doc: PDFDocument, w: Writer, file: PdfFile, label: string) {
  try {
    if (file.kind === 'pdf') {
      const source = await PDFDocument.load(file.bytes, { ignoreEncryption: true });
      const pages = await doc.copyPages(source, source.getPageIndices());
      pages.forEach((p) => doc.addPage(p));
      return;
    }
    if (file.kind === 'png' || file.kind === 'jpg' || file.kind === 'jpeg') {
      const image = file.kind === 'png' ? await doc.embedPng(file.bytes) : await doc.embedJpg(file.bytes);
      w.page = doc.addPage(A4);
      w.y = A4[1] - MARGIN;
      w.text(label, { bold: true });
      const maxW = w.width;
      const maxH = w.y - MARGIN - 10;
      const scale = Math.min(1, maxW / image.width, maxH / image.height);
      w.page.drawImage(image, { x: MARGIN, y: w.y - 10 - image.height * scale, width: image.width * scale, height: image.height * scale });
    }
  } catch {
    // A file that cannot be laid out as pages stays an embedded attachment only.
  }
}

export interface RenderOptions {
  fonts: PdfFontFiles;
  /** Evidence files: embedded as attachments; PDFs and images are also appended as pages after the pack. */
  files?: readonly PdfFile[];
  /** Heading of the page printed before each appended image. */
  fileLabel?: (file: PdfFile, index: number) => string;
}

export async function renderPdf(model: DocModel, options: RenderOptions): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const dated = new Date(model.dated);
  doc.setTitle(model.title, { showInWindowTitleBar: true });
  doc.setLanguage(model.lang);
  doc.setKeywords(model.keywords);
  doc.setSubject(model.keywords.join(' · '));
  doc.setProducer('Redress (pdf-lib)');
  doc.setCreator('Redress');
  doc.setCreationDate(dated);
  doc.setModificationDate(dated);

  // fontkit's subsetter crashes (an uncaught RangeError) on Noto Emoji's ligature glyphs (flags, ZWJ
  // sequences), and embedding the woff2 whole is not a valid PDF font: for the emoji face, ligatures
  // are turned off, so a flag shows as its two letters and a ZWJ family as its people.
  const noLigatures = { liga: false, ccmp: false, rlig: false, clig: false, calt: false, dlig: false };
  const face = async (bytes: Uint8Array, emojiFace = false) => ({
    pdf: await doc.embedFont(bytes, { subset: true, ...(emojiFace ? { features: noLigatures } : {}) }),
    kit: fontkit.create(bytes) as unknown as FontkitFont,
  });
  const [regular, bold] = await Promise.all([face(options.fonts.regular), face(options.fonts.bold)]);
  const emoji = options.fonts.emoji ? await face(options.fonts.emoji, true) : undefined;
  const regularSet: FaceSet = { faces: emoji ? [regular, emoji] : [regular] };
  const boldSet: FaceSet = { faces: emoji ? [bold, emoji] : [bold] };

  const w = new Writer(doc, regularSet, boldSet);
  w.text(model.title, { size: 17, bold: true });
  w.gap(10);
  for (const b of model.blocks) block(w, b);

  for (const [i, file] of (options.files ?? []).entries()) {
    await doc.attach(file.bytes, file.name, { description: options.fileLabel?.(file, i) ?? file.name, creationDate: dated, modificationDate: dated });
    await appendFile(doc, w, file, options.fileLabel?.(file, i) ?? file.name);
  }

  // Page numbers.
  const pages = doc.getPages();
  pages.forEach((page, i) => {
    page.drawText(`${i + 1} / ${pages.length}`, { x: A4[0] - MARGIN - 30, y: 28, size: 8, font: regular.pdf, color: GREY });
  });
  return doc.save();
}

/** Starts a browser download of the bytes. */
export function downloadBytes(bytes: Uint8Array, filename: string, type = 'application/pdf') {
  saveFile(bytes as BlobPart, filename, type);
}
