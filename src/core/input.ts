import type { Problem } from '@/api/schemas';
import { Refusal } from './problem';

/**
 * Checks on what a request carries that hold for every operation, before any schema (issue 20.10, 20.14): text
 * a database cannot keep — a NUL character, or half of a UTF-16 surrogate pair (JSON's "\ud800" parses to one) —
 * is refused as a field error naming where it was, in a body, a path parameter, a query parameter or a file
 * name; and a JSON body must say it is JSON (a form or text/plain body is how another site's page posts).
 */

/** A NUL, or a surrogate that is not half of a pair. */
// eslint-disable-next-line no-control-regex -- finding the NUL character is the point
const UNKEEPABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const INVALID_CHARACTERS = 'invalidCharacters';

export const hasUnkeepableText = (text: string) => UNKEEPABLE.test(text);

/** Every string in a parsed JSON value (keys included) that cannot be kept, with its path ('a.b.0'). */
export function unkeepableFields(value: unknown, path: string[] = [], found: NonNullable<Problem['errors']> = []): NonNullable<Problem['errors']> {
  if (typeof value === 'string') {
    if (hasUnkeepableText(value)) found.push({ path: path.join('.'), code: INVALID_CHARACTERS });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => unkeepableFields(item, [...path, String(i)], found));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (hasUnkeepableText(key)) found.push({ path: [...path, key.replace(UNKEEPABLE, '?')].join('.'), code: INVALID_CHARACTERS });
      else unkeepableFields(item, [...path, key], found);
    }
  }
  return found;
}

/** Refuses (422, field errors) when any of `fields` (name → value) cannot be kept. */
export function refuseUnkeepable(fields: Iterable<readonly [string, string]>): void {
  const errors: NonNullable<Problem['errors']> = [];
  for (const [name, value] of fields) if (hasUnkeepableText(value)) errors.push({ path: name, code: INVALID_CHARACTERS });
  if (errors.length) throw new Refusal(422, 'validationFailed', errors);
}

/** `application/json` or any `…+json` type, with or without parameters. */
export function isJsonType(contentType: string | null): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(type);
}
