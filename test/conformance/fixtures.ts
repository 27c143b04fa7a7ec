import { LIMITS, type ComplaintSubmission } from '@/api/schemas';
import { concat, enc, objectStream, pdf } from '../pdf-bytes';

export { concat, enc };

/** Inputs the conformance suite sends: complaints, hostile text and files, names in many scripts. */

export const NOW = '2026-12-18T10:00:00.000Z';

let keySeq = 0;
/** A fresh Idempotency-Key (16–128 URL-safe characters). */
export const newKey = (what: string) => `${what}_${(keySeq++).toString(36).padStart(6, '0')}_${crypto.randomUUID().replace(/-/g, '')}`;

export function submissionWith(summary: string, overrides: Partial<ComplaintSubmission['aboutYou']> = {}): ComplaintSubmission {
  return {
    kind: 'complaint',
    aboutYou: { customerKind: 'residential', name: 'Zoë Ğüneş 🙂', email: 'zoe@example.com', phone: '07911 654321', replyBy: 'email', ...overrides },
    complaint: { category: 'billing', summary, whatHappened: 'I cancelled in October and was still charged.', startedOn: '2026-10-01', outcomeWanted: 'A refund' },
    evidence: { references: [{ reference: 'TCK-1' }], staff: [], calls: [], emails: [], attachmentIds: [] },
  };
}

export const textFile = (name: string, text: string) => new File([enc(text)], name, { type: 'text/plain' });
export const formWith = (file: File) => {
  const form = new FormData();
  form.set('file', file);
  return form;
};

/** A minimal PNG: signature, IHDR (1×1, 8-bit RGBA), IDAT, IEND. */
export const PNG = concat(
  new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  new Uint8Array([0, 0, 0, 13]), enc('IHDR'), new Uint8Array([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]), new Uint8Array([0x1f, 0x15, 0xc4, 0x89]),
  new Uint8Array([0, 0, 0, 10]), enc('IDAT'), new Uint8Array([0x78, 0x9c, 0x63, 0, 1, 0, 0, 5, 0, 1]), new Uint8Array([0x0d, 0x0a, 0x2d, 0xb4]),
  new Uint8Array([0, 0, 0, 0]), enc('IEND'), new Uint8Array([0xae, 0x42, 0x60, 0x82]),
);
export const PDF = pdf();
const MZ = concat(new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0, 0, 0, 0x04, 0, 0, 0, 0xff, 0xff, 0, 0]), new Uint8Array(112), enc('PE\0\0'), new Uint8Array(64));
const ELF = concat(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), new Uint8Array(120));
const ZIP = concat(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0, 0]), new Uint8Array(20), enc('payload.exe'));

/** PDFs with scripts or automatic actions (issue 20.11): in plain view, behind `#xx` escapes, inside a compressed object stream. */
export const ACTIVE_PDFS = {
  plain: pdf('3 0 obj << /Type /Action /S /JavaScript /JS (app.alert(1)) >> endobj\n4 0 obj << /OpenAction 3 0 R >> endobj\n'),
  escaped: pdf('3 0 obj << /S /L#61unch /F (calc.exe) >> endobj\n4 0 obj << /Open#41ction 3 0 R >> endobj\n'),
  compressed: await objectStream('<< /S /JavaScript /JS (app.alert(1)) >>').then((stream) => pdf(stream)),
};
export const HTML_AS_TEXT = enc('Notes from the call\n<img src=x onerror=alert(1)> <a href="https://evil.example/">my bill</a>\n');

export interface HostileFile {
  label: string;
  name: string;
  type: string;
  bytes: Uint8Array;
  /** The refusal reasons either check may give. */
  reasons: string[];
}

export const hostileFiles: HostileFile[] = [
  { label: 'renamed Windows executable', name: 'invoice.pdf', type: 'application/pdf', bytes: MZ, reasons: ['notAllowedType'] },
  { label: 'renamed Linux executable', name: 'photo.png', type: 'image/png', bytes: ELF, reasons: ['notAllowedType'] },
  { label: 'executable as plain text', name: 'notes.txt', type: 'text/plain', bytes: MZ, reasons: ['notAllowedType'] },
  { label: 'HTML page', name: 'letter.html', type: 'text/html', bytes: enc('<!doctype html><script>alert(1)</script>'), reasons: ['notAllowedType'] },
  { label: 'HTML named .txt', name: 'letter.txt', type: 'text/plain', bytes: enc('<html><body><script>alert(1)</script></body></html>'), reasons: ['activeContent'] },
  { label: 'SVG with script', name: 'logo.svg', type: 'image/svg+xml', bytes: enc('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), reasons: ['notAllowedType'] },
  { label: 'SVG with script named .png', name: 'logo.png', type: 'image/png', bytes: enc('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'), reasons: ['nameMismatch', 'notAllowedType', 'activeContent'] },
  { label: 'polyglot PNG + <script>', name: 'screenshot.png', type: 'image/png', bytes: concat(PNG, enc('<script>alert(document.cookie)</script>')), reasons: ['activeContent'] },
  { label: 'polyglot PNG + ZIP', name: 'screenshot.png', type: 'image/png', bytes: concat(PNG, ZIP), reasons: ['activeContent'] },
  { label: 'polyglot PDF + HTML', name: 'bill.pdf', type: 'application/pdf', bytes: concat(PDF, enc('<html><iframe src="javascript:alert(1)">')), reasons: ['activeContent'] },
  { label: 'polyglot PDF + MZ', name: 'bill.pdf', type: 'application/pdf', bytes: concat(PDF, MZ), reasons: ['activeContent'] },
  { label: 'PDF with /JavaScript and /OpenAction', name: 'bill.pdf', type: 'application/pdf', bytes: ACTIVE_PDFS.plain, reasons: ['activeContent'] },
  { label: 'PDF with #xx-escaped /Launch and /OpenAction', name: 'bill.pdf', type: 'application/pdf', bytes: ACTIVE_PDFS.escaped, reasons: ['activeContent'] },
  { label: 'PDF with /JavaScript in a compressed object stream', name: 'bill.pdf', type: 'application/pdf', bytes: ACTIVE_PDFS.compressed, reasons: ['activeContent'] },
  { label: 'HTML with no script named .txt', name: 'notes.txt', type: 'text/plain', bytes: HTML_AS_TEXT, reasons: ['activeContent'] },
  { label: 'lying MIME: PNG declared as PDF', name: 'scan.png', type: 'application/pdf', bytes: PNG, reasons: ['nameMismatch'] },
  { label: 'lying extension: PDF named .png', name: 'scan.png', type: 'image/png', bytes: PDF, reasons: ['nameMismatch'] },
  { label: 'lying MIME: text declared as HTML', name: 'notes.txt', type: 'text/html', bytes: enc('just words'), reasons: ['nameMismatch'] },
  { label: 'empty', name: 'empty.pdf', type: 'application/pdf', bytes: new Uint8Array(0), reasons: ['empty'] },
  { label: 'oversized (10 MB + 1 byte)', name: 'big.txt', type: 'text/plain', bytes: new Uint8Array(LIMITS.fileMaxBytes + 1).fill(0x61), reasons: ['tooLarge'] },
  { label: 'no extension', name: 'README', type: '', bytes: enc('hello'), reasons: ['notAllowedType'] },
];

export const HOSTILE_TEXT = [
  '<script data-x>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  "{{constructor.constructor('alert(1)')()}}",
  "'; DROP TABLE cases; --",
  '</textarea><iframe srcdoc="<script>parent.x=1</script>">',
];

/** Names and text in many scripts: accents, RTL Arabic and Hebrew, CJK, emoji (with ZWJ sequences). */
export const WORLD_NAMES = [
  'Zoë Ğüneş-Ångström',
  'Łucja Żółkiewska',
  'محمد بن سلمان',
  'דוד בן־גוריון',
  '山田 太郎',
  '김민준',
  'Nguyễn Thị Minh Khai',
  'Ølga 👩🏽‍💻 Ramírez 🇮🇹',
  'Σωκράτης Παπαδόπουλος',
  'Владимир Иванович',
  'श्रीनिवास रामानुजन',
];
