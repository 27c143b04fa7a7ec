import type { z } from '@/domain/zod';
import { fieldErrorsOf } from '@/api/schemas';
import { providerIdSchema, type ProviderId } from '@/domain/profile-schema';
import { isJsonType, refuseUnkeepable, unkeepableFields } from '../input';
import { Refusal } from '../problem';

/** Reading a request's input: its provider, JSON body and query, each checked before any operation runs. */

export class BadInput extends Refusal {}

export function parseWith<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new BadInput(422, 'validationFailed', fieldErrorsOf(parsed.error));
  return parsed.data;
}

/**
 * The request's body as text, read once however many parts of the core ask for it (the JSON input, the
 * idempotency fingerprint). A multipart body is read from a clone, so the upload can still read the Request's
 * own; any other body only ever as text here, so it is read directly (a clone tees the stream: CPU on every write).
 */
const bodies = new WeakMap<Request, Promise<string>>();
export function bodyText(request: Request): Promise<string> {
  let text = bodies.get(request);
  if (!text) {
    const multipart = request.headers.get('Content-Type')?.toLowerCase().startsWith('multipart/') ?? false;
    text = multipart ? request.clone().text() : request.text();
    bodies.set(request, text);
  }
  return text;
}

export async function jsonBody(request: Request): Promise<unknown> {
  const text = await bodyText(request);
  const type = request.headers.get('Content-Type');
  if (!text.trim() && type === null) return {};
  // A JSON body says so (issue 20.14): a form or text/plain post is what another site's page can send unasked.
  if (!isJsonType(type)) throw new BadInput(415, 'unsupportedMediaType');
  if (!text.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    throw new BadInput(400, 'invalidJson');
  }
  const unkeepable = unkeepableFields(parsed);
  if (unkeepable.length) throw new BadInput(422, 'validationFailed', unkeepable);
  return parsed;
}

/** The query's parameters, none with text that cannot be kept. */
export function queryOf(request: Request): Record<string, string> {
  const params = new URL(request.url).searchParams;
  refuseUnkeepable(params);
  return Object.fromEntries(params);
}

/** The provider a request is for: the deployment's own, or (none configured) the X-Redress-Provider header's. */
export function providerOf(request: Request, configured: ProviderId | undefined): ProviderId {
  const header = request.headers.get('X-Redress-Provider');
  if (configured) {
    if (header && header !== configured) throw new BadInput(400, 'unknownProvider');
    return configured;
  }
  const parsed = providerIdSchema.safeParse(header);
  if (!parsed.success) throw new BadInput(400, 'unknownProvider');
  return parsed.data;
}
