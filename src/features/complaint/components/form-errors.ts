import type { FieldErrors, FieldValues } from 'react-hook-form';
import type { TFunction } from 'i18next';
import type { ErrorSummaryItem } from '@/components/ui';

/** The id of a form field from its path: "calls.0.fromNumber" → "f-calls-0-fromNumber". */
export const fieldId = (path: string) => `f-${path.replace(/\./g, '-')}`;

const datePaths = /(^|\.)(startedOn|at|sentAt)$/;
/** Where an error summary link lands: date groups go to their first box (day, in en-GB and it-IT). */
export const linkId = (path: string) => (datePaths.test(path) ? `${fieldId(path)}-day` : fieldId(path));

const radioFields = new Set(['customerKind', 'replyBy', 'category', 'hasRepresentative']);
const fallbackByField: Partial<Record<string, 'invalidNumber' | 'invalidAmount'>> = { employees: 'invalidNumber', compensationPence: 'invalidAmount' };

/** The `t` of the complaint form's steps: their own strings and the shared validation messages. */
export type FormT = TFunction<readonly ['complaint', 'validation']>;

/** A validation message key (from the shared schemas) in the user's language. */
export function messageFor(t: FormT, path: string, message: string | undefined): string {
  const field = path.split('.').pop() ?? '';
  // The schemas' message codes are data; a code without a text of its own falls back to the field's message below.
  const own = message ? t(`validation:${message}`, { defaultValue: '' }) : '';
  if (own) return own;
  if (radioFields.has(field)) return t('validation:select');
  return t(`validation:${fallbackByField[field] ?? 'invalid'}`);
}

export interface FlatError {
  path: string;
  message: string | undefined;
}

/** react-hook-form's nested errors as a flat list of paths and message keys. */
export function flattenErrors<T extends FieldValues>(errors: FieldErrors<T>): FlatError[] {
  const out: FlatError[] = [];
  const walk = (node: unknown, path: string) => {
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record.type === 'string' || typeof record.message === 'string') {
      if (path) out.push({ path, message: typeof record.message === 'string' ? record.message : undefined });
      return;
    }
    for (const [key, value] of Object.entries(record)) {
      if (key === 'ref' || key === 'root') continue;
      walk(value, path ? `${path}.${key}` : key);
    }
  };
  walk(errors, '');
  return out;
}

/** The message at a path, translated, or undefined. */
export function errorAt(t: FormT, errors: FlatError[], path: string): string | undefined {
  const e = errors.find((x) => x.path === path);
  return e ? messageFor(t, e.path, e.message) : undefined;
}

/** "Full name: Enter …", but "Who is complaining? Select …" (no colon after a question). */
const joinLabel = (label: string, message: string) => (/[?:]$/.test(label.trim()) ? `${label.trim()} ${message}` : `${label}: ${message}`);

/** Summary items in the page's order (by the position of each field in the document). */
export function summaryItems(t: FormT, errors: FlatError[], labelFor: (path: string) => string): ErrorSummaryItem[] {
  const items = errors.map((e) => ({ fieldId: linkId(e.path), message: joinLabel(labelFor(e.path), messageFor(t, e.path, e.message)) }));
  if (typeof document === 'undefined') return items;
  return items.sort((a, b) => {
    const ea = document.getElementById(a.fieldId);
    const eb = document.getElementById(b.fieldId);
    if (!ea || !eb) return 0;
    return ea.compareDocumentPosition(eb) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
}
