import type { AnyOperation } from '@/api/operations';
import { sha256 } from '../hash';
import { bodyText } from './request';

/**
 * What a request asks for, so a retry can be told from a different request under the same key. A multipart
 * body is described by its parts, not its bytes: the boundary differs on every send.
 */
export async function fingerprintOf(request: Request, op: AnyOperation): Promise<string> {
  if ('body' in op && op.body === 'multipart') {
    try {
      const form = await request.clone().formData();
      const parts: string[] = [];
      for (const [name, value] of form.entries()) {
        if (typeof value === 'string') parts.push(`${name}=${await sha256(value)}`);
        else parts.push(`${name}=file:${value.name}:${value.type}:${value.size}:${await sha256(new Uint8Array(await value.arrayBuffer()))}`);
      }
      return `${op.id} multipart ${parts.join('&')}`;
    } catch {
      // not parseable: fall back to the raw body (the operation answers invalidUpload)
    }
  }
  return `${op.id} ${await sha256(await bodyText(request))}`;
}
