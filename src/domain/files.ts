import { fileTypeFromBuffer } from 'file-type/core';
import { LIMITS, type FileKind } from './case-model';

/**
 * Evidence files are checked from their content, never from their name alone: the same
 * check runs in the browser before upload and in the (simulated) server on receipt.
 */

export type FileRefusal =
  | 'empty'
  | 'tooLarge'
  | 'notAllowedType'
  | 'nameMismatch'
  | 'activeContent'
  | 'tooMany'
  | 'totalTooLarge';

export type FileCheck = { ok: true; kind: FileKind } | { ok: false; reason: FileRefusal };

const extensionKinds: Record<string, FileKind> = {
  pdf: 'pdf',
  png: 'png',
  jpg: 'jpg',
  jpeg: 'jpg',
  doc: 'doc',
  docx: 'docx',
  msg: 'msg',
  eml: 'eml',
  txt: 'txt',
};

const mimeKinds: Record<string, FileKind[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg'],
  'application/msword': ['doc'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.ms-outlook': ['msg'],
  'message/rfc822': ['eml'],
  'text/plain': ['txt', 'eml'],
  'application/octet-stream': ['doc', 'msg', 'eml', 'docx', 'pdf', 'png', 'jpg', 'txt'],
};

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/**
 * The bytes as one char per byte, for pattern checks: a 10 MB file in tens of milliseconds (a
 * string built byte by byte took seconds). The WHATWG "latin1" decoder is windows-1252, which
 * changes some of 0x80–0x9F but keeps every byte the patterns below look for (ASCII, 0x7F, 0x90).
 */
const latin1 = (() => {
  try {
    return new TextDecoder('latin1');
  } catch {
    return null;
  }
})();
const ascii = (bytes: Uint8Array, max = bytes.length) => {
  const view = bytes.subarray(0, Math.min(bytes.length, max));
  if (latin1) return latin1.decode(view);
  const chunks: string[] = [];
  for (let i = 0; i < view.length; i += 0x2000) chunks.push(String.fromCharCode(...view.subarray(i, i + 0x2000)));
  return chunks.join('');
};

/** Markup that a browser or mail client could execute, anywhere in the file (polyglots included). */
function hasActiveContent(bytes: Uint8Array, kind: FileKind): boolean {
  const text = ascii(bytes).toLowerCase();
  if (/<script[\s>/]|<svg[\s>]|<html[\s>]|<!doctype html|<iframe[\s>]|javascript:/.test(text)) return true;
  // A ZIP hidden behind an image, PDF or text file (docx is itself a ZIP).
  if (kind !== 'docx' && text.includes('pk\u0003\u0004')) return true;
  // An executable's header anywhere but at the start is still a polyglot.
  // eslint-disable-next-line no-control-regex -- matching binary executable headers on purpose
  if (kind !== 'doc' && kind !== 'msg' && /\u007felf|mz\u0090\u0000/.test(text)) return true;
  return false;
}

/**
 * Markup a browser would render as a page, in a file that claims to be plain text: tags that load,
 * link, style or submit, and event-handler attributes (`<… onload=`). An email keeps its HTML part.
 */
function isHtmlText(text: string): boolean {
  if (/<(a|img|body|head|meta|style|form|object|embed|base|link|input|button|video|audio|math|frameset|frame|applet|template|title)[\s>/]/.test(text)) return true;
  return /<[a-z][^>]*[\s/"']on[a-z]+\s*=/.test(text);
}

/** PDF names that run scripts, start actions on their own, submit or fetch data, or carry files or media. */
const PDF_ACTIVE_NAMES = new Set(['JavaScript', 'JS', 'OpenAction', 'Launch', 'AA', 'SubmitForm', 'ImportData', 'RichMedia', 'EmbeddedFile']);
/** At most this many bytes are inflated from one PDF's compressed streams (a zip bomb is refused, not expanded). */
export const PDF_INFLATE_BUDGET = 4 * LIMITS.fileMaxBytes;

/** The names in a piece of PDF syntax, `#xx` escapes decoded (`/J#61vaScript` is `/JavaScript`). */
function pdfNames(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/\/([^\0\t\n\f\r ()<>[\]{}/%]*)/g)) {
    names.push(m[1]!.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
  }
  return names;
}
const hasActiveName = (text: string) => pdfNames(text).some((n) => PDF_ACTIVE_NAMES.has(n));

/** Mostly printable text (PDF syntax), as opposed to image, font or other binary data. */
function isTextLike(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  let printable = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if ((b >= 0x20 && b < 0x7f) || b === 0x09 || b === 0x0a || b === 0x0d) printable++;
  }
  return n === 0 || printable / n >= 0.9;
}

type Inflated = Uint8Array | 'overBudget';

/** Inflates one FlateDecode stream with the platform's DecompressionStream, stopping at the budget. */
async function inflate(data: Uint8Array, budget: { left: number }): Promise<Inflated> {
  const stream = new DecompressionStream('deflate');
  const writer = stream.writable.getWriter();
  writer.write(data as Uint8Array<ArrayBuffer>).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > budget.left) {
        await reader.cancel().catch(() => undefined);
        return 'overBudget';
      }
      chunks.push(value);
    }
  } catch {
    // A broken or truncated stream: what did inflate is read; an object stream that gave nothing is refused.
  }
  budget.left -= total;
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}

/**
 * Whether a PDF carries scripts or automatic actions: an active name in its objects, in plain
 * view or inside an object stream (FlateDecode inflated, within PDF_INFLATE_BUDGET). What cannot be
 * checked — an object stream under another filter, with a predictor or that does not inflate, or
 * more to inflate than the budget — counts as active. Image and font data is not read for names
 * (its bytes are not PDF syntax, and random bytes would spell a name now and then).
 */
async function pdfHasActiveContent(bytes: Uint8Array): Promise<boolean> {
  const text = ascii(bytes);
  const budget = { left: PDF_INFLATE_BUDGET };
  const outside: string[] = [];
  let from = 0;
  const streamStart = /(?<![a-z])stream(\r\n|\n|\r)/g;
  for (let m = streamStart.exec(text); m; m = streamStart.exec(text)) {
    const bodyStart = m.index + m[0].length;
    const end = text.indexOf('endstream', bodyStart);
    const bodyEnd = end < 0 ? text.length : end;
    const header = text.slice(Math.max(from, text.lastIndexOf('obj', m.index)), m.index);
    outside.push(text.slice(from, bodyStart));
    from = bodyEnd;
    streamStart.lastIndex = bodyEnd;

    const names = pdfNames(header);
    // A reader parses a stream as objects when it has /First (with /N); /Type /ObjStm says so too.
    const objects = names.includes('ObjStm') || names.includes('First');
    const filterAt = names.indexOf('Filter');
    const filters = filterAt < 0 ? [] : names.slice(filterAt + 1).filter((n) => /Decode$|^(Fl|AHx|A85|LZW|RL|CCF|DCT)$/.test(n));
    const body = bytes.subarray(bodyStart, bodyEnd);
    // A filter given by reference (`/Filter 5 0 R`) cannot be known here.
    if (filterAt >= 0 && filters.length === 0 && objects) return true;
    if (filters.length === 0) {
      if ((objects || isTextLike(body)) && hasActiveName(ascii(body))) return true;
      continue;
    }
    const flate = filters[0] === 'FlateDecode' || filters[0] === 'Fl';
    if (!flate || filters.length > 1) {
      if (objects) return true;
      continue;
    }
    if (names.includes('Subtype') && names.includes('Image') && !objects) continue;
    if (typeof DecompressionStream === 'undefined') continue; // an old browser: the back office checks on receipt
    const inflated = await inflate(body, budget);
    if (inflated === 'overBudget') return true;
    if (objects && (names.includes('Predictor') || inflated.length === 0)) return true;
    if ((objects || isTextLike(inflated)) && hasActiveName(ascii(inflated))) return true;
  }
  outside.push(text.slice(from));
  return hasActiveName(outside.join(''));
}

function isPlainText(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  return !bytes.includes(0);
}

function looksLikeEmail(bytes: Uint8Array): boolean {
  const head = ascii(bytes, 8192);
  return /^(from|to|subject|date|received|return-path|message-id|mime-version):/im.test(head);
}

/** Decides the kind of one file from its bytes, its name and its declared MIME type. */
export async function checkFile(name: string, declaredType: string, bytes: Uint8Array): Promise<FileCheck> {
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  if (bytes.length > LIMITS.fileMaxBytes) return { ok: false, reason: 'tooLarge' };
  const claimed = extensionKinds[extensionOf(name)];
  if (!claimed) return { ok: false, reason: 'notAllowedType' };

  const detected = await fileTypeFromBuffer(bytes);
  let kind: FileKind | undefined;
  if (detected) {
    if (detected.ext === 'pdf') kind = 'pdf';
    else if (detected.ext === 'png') kind = 'png';
    else if (detected.ext === 'jpg') kind = 'jpg';
    else if (detected.ext === 'docx') kind = 'docx';
    // Word 97 documents and Outlook messages share the Compound File container.
    else if (detected.ext === 'cfb' && (claimed === 'doc' || claimed === 'msg')) kind = claimed;
    else return { ok: false, reason: 'notAllowedType' };
  } else if (isPlainText(bytes)) {
    kind = claimed === 'eml' && looksLikeEmail(bytes) ? 'eml' : claimed === 'txt' ? 'txt' : undefined;
    if (!kind) return { ok: false, reason: 'nameMismatch' };
  } else {
    return { ok: false, reason: 'notAllowedType' };
  }

  if (kind !== claimed) return { ok: false, reason: 'nameMismatch' };
  if (declaredType && !(mimeKinds[declaredType.toLowerCase()] ?? []).includes(kind)) {
    return { ok: false, reason: 'nameMismatch' };
  }
  if (hasActiveContent(bytes, kind)) return { ok: false, reason: 'activeContent' };
  if (kind === 'txt' && isHtmlText(ascii(bytes).toLowerCase())) return { ok: false, reason: 'activeContent' };
  if (kind === 'pdf' && (await pdfHasActiveContent(bytes))) return { ok: false, reason: 'activeContent' };
  return { ok: true, kind };
}

/** Limits over the whole set of files on one complaint. */
export function checkFileSet(sizes: number[]): FileRefusal | null {
  if (sizes.length > LIMITS.filesMax) return 'tooMany';
  if (sizes.reduce((a, b) => a + b, 0) > LIMITS.filesTotalMaxBytes) return 'totalTooLarge';
  return null;
}
