import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, decodePDFRawStream, type PDFObject } from '@cantoo/pdf-lib';

/**
 * Reads the text back out of a PDF made by pdf.ts (for tests, in Vitest and Playwright): decodes
 * each page's content streams and maps the glyph ids of `<hex> Tj` through the fonts' ToUnicode
 * CMaps. It handles what pdf-lib writes (Identity-H fonts, one Tm per text run), not every PDF.
 */

const latin1 = (bytes: Uint8Array) => {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
};

function streamText(doc: PDFDocument, obj: PDFObject | undefined): string {
  const stream = obj instanceof PDFRef ? doc.context.lookup(obj) : obj;
  if (stream instanceof PDFRawStream) return latin1(decodePDFRawStream(stream).decode());
  return '';
}

function parseCmap(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const section of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of section[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      const units: number[] = [];
      for (let i = 0; i < m[2]!.length; i += 4) units.push(parseInt(m[2]!.slice(i, i + 4), 16));
      map.set(m[1]!.toLowerCase(), String.fromCharCode(...units));
    }
  }
  return map;
}

export async function extractPdfText(bytes: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(bytes);
  const out: string[] = [];
  for (const page of doc.getPages()) {
    const cmaps = new Map<string, Map<string, string>>();
    const fonts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
    for (const [name, ref] of fonts?.entries() ?? []) {
      const font = doc.context.lookup(ref, PDFDict);
      cmaps.set(name.asString(), parseCmap(streamText(doc, font.get(PDFName.of('ToUnicode')))));
    }
    const contents = page.node.Contents();
    const parts = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
    const content = parts.map((p) => streamText(doc, p)).join('\n');
    let cmap = new Map<string, string>();
    let lastY: string | null = null;
    let size = 10;
    // The furthest right the previous run can have reached (no glyph is wider than 1.3 em): a run
    // starting beyond it is a new column (a label's value, a table cell) and gets a space.
    let reach = 0;
    let x = 0;
    let line = '';
    for (const m of content.matchAll(/(\/[^\s/]+)\s+([\d.]+)\s+Tf|[-\d.]+\s+[-\d.]+\s+[-\d.]+\s+[-\d.]+\s+([-\d.]+)\s+([-\d.]+)\s+Tm|<([0-9a-fA-F]*)>\s*Tj/g)) {
      if (m[1]) {
        cmap = cmaps.get(m[1]) ?? new Map<string, string>();
        size = Number(m[2]);
      } else if (m[4] !== undefined) {
        x = Number(m[3]);
        if (lastY !== null && m[4] !== lastY) {
          out.push(line);
          line = '';
        } else if (lastY !== null && x > reach + 0.5 && line && !line.endsWith(' ')) line += ' ';
        lastY = m[4];
      } else if (m[5] !== undefined) {
        const glyphs = m[5].length / 4;
        for (let i = 0; i < m[5].length; i += 4) line += cmap.get(m[5].slice(i, i + 4).toLowerCase()) ?? '';
        reach = x + glyphs * size * 1.3;
      }
    }
    out.push(line);
  }
  return out.join('\n');
}
