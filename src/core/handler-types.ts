import type { z } from '@/domain/zod';
import type { AnyOperation, DemoOperation, OperationId } from '@/api/operations';
import type { ComposedMail } from './mail';
import type { Caller } from './ports';
import type { storeUpload, UseCaseContext } from './use-cases';

/**
 * The types of the operation handlers (./dispatch.ts): each operation's handler receives its body and query as
 * parsed by that operation's own schemas, so the map of handlers is typed by the operation table.
 */

type OperationOf<Id extends OperationId> = Extract<AnyOperation, { id: Id }>;

/** The JSON body an operation takes, as its schema parses it (undefined: none, or a multipart upload). */
export type BodyOf<Id extends OperationId> = Id extends OperationId ? BodyOfOne<Id> : never;
type BodyOfOne<Id extends OperationId> = OperationOf<Id> extends { body: infer B } ? (B extends z.ZodType ? z.output<B> : undefined) : undefined;

/** The query an operation takes, as its schema parses it (undefined: none). */
export type QueryOf<Id extends OperationId> = Id extends OperationId ? QueryOfOne<Id> : never;
type QueryOfOne<Id extends OperationId> = OperationOf<Id> extends { query: infer Q } ? (Q extends z.ZodType ? z.output<Q> : undefined) : undefined;

/** An answer before it becomes a Response (./http.ts). */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A new session token to set, or null to clear the cookie. */
  cookie?: string | null;
  /** A file to download; `type`: its media type when it has a known one (default application/octet-stream). */
  file?: { bytes: Uint8Array; name: string; type?: string };
  /** Mails to send once the unit of work has committed (never part of the answer). */
  mails?: ComposedMail[];
}

export interface HandlerInput<Id extends OperationId> {
  body: BodyOf<Id>;
  query: QueryOf<Id>;
  /** The `reference` path parameter ('' when the path has none). */
  reference: string;
  params: Record<string, string>;
  /** The portal's address, for links in mails (worked out only by the operations that write one). */
  origin: () => string;
  /** The request's uploaded file, checked and stored (once, however many times it is asked for). */
  storeUploadOnce: (caller: Caller) => Promise<Awaited<ReturnType<typeof storeUpload>>>;
  /** A new session for a guest on the case an answer names (returns its token). */
  guestSession: (answer: { case: { reference: string; aboutYou: { email: string } } }) => Promise<string>;
}

export type Handler<Id extends OperationId> = (ctx: UseCaseContext, input: HandlerInput<Id>) => Promise<Reply>;

/** Operations answered outside a caller's unit of work: the demo's, and sign-in's two (./http.ts). */
export type UndispatchedId = DemoOperation['id'] | 'requestSignInCode' | 'verifySignInCode';
/** Every other operation of the table has a handler in ./dispatch.ts: a missing one is a compile error. */
export type DispatchedId = Exclude<OperationId, UndispatchedId>;

export type Handlers<Ids extends OperationId> = { [Id in Ids]: Handler<Id> };
