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
  return { ok: true, kind };
}

/** Limits over the whole set of files on one complaint. */
export function checkFileSet(sizes: number[]): FileRefusal | null {
  if (sizes.length > LIMITS.filesMax) return 'tooMany';
  if (sizes.reduce((a, b) => a + b, 0) > LIMITS.filesTotalMaxBytes) return 'totalTooLarge';
  return null;
}
