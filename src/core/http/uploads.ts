import type { ProviderId } from '@/domain/profile-schema';
import type { BackOfficeDeps, Caller } from '../ports';
import { sha256 } from '../hash';
import { refuseUnkeepable } from '../input';
import { randomToken } from '../references';
import * as uc from '../use-cases';
import { BadInput } from './request';
import { cookieHeader, readCookie, tokenFrom, type CookieFlags } from './cookies';
import type { Route } from './types';

/**
 * A request's uploaded file: read from its multipart body, checked and stored before the unit of work, and
 * (anonymous) the client token its pending upload belongs to.
 */

/**
 * An anonymous client's own random token (issue 20.5), set on its first upload: the pending upload belongs to it
 * (its SHA-256 is the uploader), so only that browser can attach it to a complaint. SameSite=Strict: no other site
 * ever sends it.
 */
export const CLIENT_COOKIE = 'redress_client';
const CLIENT_COOKIE_MAX_AGE_S = 24 * 60 * 60; // as long as a pending upload is kept

/** The client cookie's Set-Cookie: the session cookie's flags, but always SameSite=Strict. */
export function clientCookie(token: string, flags: CookieFlags): string {
  return cookieHeader(CLIENT_COOKIE, token, CLIENT_COOKIE_MAX_AGE_S, 'Strict', flags);
}

/**
 * An anonymous client's uploads are its token's (issue 20.5): `client` is who the request's client token says
 * uploads (null: none yet); `anonymousUploader` makes the token on its first upload, and `newToken` is then the
 * one to set.
 */
export class ClientToken {
  client: string | null = null;
  newToken: string | null = null;

  static async of(request: Request, route: Route): Promise<ClientToken> {
    const token = tokenFrom(route.clientToken !== undefined ? route.clientToken : readCookie(request, CLIENT_COOKIE));
    const it = new ClientToken();
    it.client = token ? `client:${await sha256(token)}` : null;
    return it;
  }

  async anonymousUploader(): Promise<string> {
    if (this.client) return this.client;
    this.newToken = randomToken(43);
    return (this.client = `client:${await sha256(this.newToken)}`);
  }
}

export async function fileBody(request: Request): Promise<File> {
  let form: FormData;
  try {
    form = await request.clone().formData();
  } catch {
    throw new BadInput(400, 'invalidUpload');
  }
  const file = form.get('file');
  if (!(file instanceof File)) throw new BadInput(422, 'fileRefused', [{ path: 'file', code: 'empty' }]);
  refuseUnkeepable([['file', file.name]]);
  return file;
}

export type StoredUpload = Awaited<ReturnType<typeof uc.storeUpload>>;

/**
 * The request's file, checked and its bytes stored the first time an operation asks for it (a refused file
 * stores nothing); the same stored upload however many times it is asked for.
 */
export function uploadOnce(
  deps: BackOfficeDeps,
  now: Date,
  providerId: ProviderId,
  request: Request,
  client: ClientToken,
): ((caller: Caller) => Promise<StoredUpload>) & { discard(): Promise<void> } {
  let upload: StoredUpload | null = null;
  const once = async (caller: Caller) =>
    (upload ??= await uc.storeUpload({ ...deps, now }, providerId, await fileBody(request), caller.kind === 'anonymous' ? await client.anonymousUploader() : caller.kind === 'provider' ? caller.actor : caller.sessionId));
  return Object.assign(once, {
    /** The request failed after its bytes were stored (its row was never written, or was undone): the bytes go too (issue 20.4). */
    async discard() {
      if (upload) await deps.files.delete(upload.storageKey).catch(() => undefined); // the orphan sweep removes what stays
    },
  });
}
