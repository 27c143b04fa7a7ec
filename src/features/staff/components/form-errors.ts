import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/client';
import { fieldErrorsOf, type FieldError } from '@/api/schemas';
import type { ErrorSummaryItem } from '@/components/ui/error-summary';
import type { z } from '@/domain/zod';

/** A field of a staff form, by the path its schema names: the input's id and its (translated) label. */
export interface FormField {
  id: string;
  label: string;
}

/**
 * The problems of a staff form (log a complaint, invite a colleague, create a business customer): checked before
 * sending with the schema the back office checks with, or else as the back office answered them; each told beside
 * its field and once above the form (`ErrorSummary`), one a field in the form's order, in the reader's language.
 */
export function useFormErrors(fields: Readonly<Record<string, FormField>>, sent: unknown) {
  const { t } = useTranslation(['validation']);
  const [checked, setChecked] = useState<FieldError[]>([]);
  const [submits, setSubmits] = useState(0);
  const refused = isApiError(sent) ? sent.problem.errors ?? [] : [];
  const order = Object.keys(fields);
  const rank = (path: string) => (order.includes(path) ? order.indexOf(path) : order.length);
  const errors = (checked.length > 0 ? checked : refused).filter((e, i, all) => all.findIndex((o) => o.path === e.path) === i).sort((a, b) => rank(a.path) - rank(b.path));
  const message = (e: FieldError): string => t(`validation:${e.code}` as never, { defaultValue: t('validation:invalid') });
  const first = Object.values(fields)[0]?.id ?? '';
  const errorOf = (path: string): string | undefined => {
    const found = errors.find((e) => e.path === path);
    return found ? message(found) : undefined;
  };
  return {
    /** The message beside the field at `path`, if it has a problem. */
    errorOf,
    /** The field at `path` as `Field` and `TextField` take it: its id, its label and its problem (written once, above). */
    field(path: string): FormField & { error: string | undefined } {
      const found = fields[path];
      if (!found) throw new Error(`No field ${path} in this form`);
      return { ...found, error: errorOf(path) };
    },
    /** Above the form, linked to the fields (a problem no field shows goes to the first). */
    summary: errors.map((e): ErrorSummaryItem => {
      const field = fields[e.path];
      return { fieldId: field?.id ?? first, message: field ? `${field.label}: ${message(e)}` : message(e) };
    }),
    focusKey: `${submits}:${errors.length}`,
    /** Whether the back office's refusal is told field by field (else the page says what it was). */
    byField: refused.length > 0 && checked.length === 0,
    /**
     * Checks what the form holds; the input to send, or null when the form now shows its problems. A field left empty
     * is told as missing, whatever the schema found wrong with '' (not a date, not an address); `adjust` rewords any
     * other problem the form knows better.
     */
    check<S extends z.ZodType>(schema: S, raw: unknown, adjust: (e: FieldError) => FieldError = (e) => e): z.infer<S> | null {
      setSubmits((n) => n + 1);
      const parsed = schema.safeParse(raw);
      setChecked(parsed.success ? [] : fieldErrorsOf(parsed.error).map((e) => (valueAt(raw, e.path) === '' ? { ...e, code: 'required' } : adjust(e))));
      return parsed.success ? parsed.data : null;
    },
  };
}

/** The value at a problem's dotted path ('complaint.startedOn') in what the form sent to be checked. */
function valueAt(raw: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), raw);
}
