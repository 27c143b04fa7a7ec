/**
 * A document the customer takes away (a letter, a referral pack), as plain data. The same model is
 * rendered as HTML on the page (print stylesheet) and as a PDF (pdf.ts), so what the customer reads
 * and what they download cannot drift apart, and tests can check the content without parsing a PDF.
 */

export type DocBlock =
  | { kind: 'heading'; text: string; level: 2 | 3 }
  /** `own`: the customer's own words, reproduced exactly as typed (never translated). */
  | { kind: 'paragraph'; text: string; own?: boolean; strong?: boolean }
  /** An address or signature block: one line each. */
  | { kind: 'lines'; lines: string[]; align?: 'left' | 'right' }
  | { kind: 'fields'; rows: { label: string; value: string; own?: boolean }[] }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; caption: string; head: string[]; rows: string[][] }
  /** Starts a new page in the PDF (and when printed). */
  | { kind: 'pageBreak' };

export interface DocModel {
  /** Document title (PDF metadata and the page's heading). */
  title: string;
  /** BCP 47 language of the document's own text. */
  lang: string;
  /** Searchable facts for the PDF's keywords (reference, scheme). */
  keywords: string[];
  /** ISO instant the document is dated (PDF creation date). */
  dated: string;
  blocks: DocBlock[];
}

/** The text of a document, in reading order: for tests and for the PDF's text checks. */
export function docText(doc: DocModel): string {
  const out: string[] = [doc.title];
  for (const b of doc.blocks) {
    if (b.kind === 'heading' || b.kind === 'paragraph') out.push(b.text);
    else if (b.kind === 'lines') out.push(...b.lines);
    else if (b.kind === 'fields') out.push(...b.rows.map((r) => `${r.label}: ${r.value}`));
    else if (b.kind === 'list') out.push(...b.items);
    else if (b.kind === 'table') out.push(b.caption, b.head.join(' | '), ...b.rows.map((r) => r.join(' | ')));
  }
  return out.join('\n');
}
