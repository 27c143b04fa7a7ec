import { getProfile } from '@/domain/profiles';
import type { Session } from '@/api/schemas';
import type { Caller } from './ports';
import { Refusal } from './problem';
import type { DispatchedId, Handler, HandlerInput, Handlers, Reply } from './handler-types';
import { exportMyData } from './data-export';
import * as letters from './letters';
import * as org from './organisation';
import { providerHandlers } from './provider-api';
import { staffHandlers } from './staff';
import * as uc from './use-cases';

/**
 * Each operation of the table answered in a caller's unit of work, once: a map typed by the table
 * (./handler-types.ts), so an operation without a handler does not compile, and each handler gets the body and
 * query its operation's schemas parsed. The HTTP binding (./http.ts) reads the request and runs the unit of work.
 */

function sessionAnswer(caller: Caller): Session {
  if (caller.kind === 'customer') return { scope: { kind: 'customer', customer: caller.customer } };
  if (caller.kind === 'staff') return { scope: { kind: 'staff', staff: caller.staff } };
  if (caller.kind === 'guest') return { scope: { kind: 'guest', reference: caller.reference, email: caller.email } };
  throw new Refusal(401, 'signInRequired');
}

/** Invitations run on the real clock, like sessions and codes (never the demo's movable one). */
const realNow = (ctx: uc.UseCaseContext) => ctx.realTime?.now() ?? new Date();

const portalHandlers: Handlers<Exclude<DispatchedId, keyof typeof providerHandlers | keyof typeof staffHandlers>> = {
  whoAmI: async ({ caller }) => ({ status: 200, body: sessionAnswer(caller) }),
  exportMyData: async (ctx) => ({ status: 200, body: await exportMyData(ctx), headers: { 'Cache-Control': 'private, no-store' } }),
  signOut: async ({ tx, caller }) => {
    if (caller.kind === 'customer' || caller.kind === 'guest' || caller.kind === 'staff') await tx.deleteSession(caller.sessionId);
    return { status: 204, cookie: null };
  },
  listMembers: async (ctx) => ({ status: 200, body: await org.listMembers(ctx, realNow(ctx)) }),
  inviteMember: async (ctx, { body, origin }) => {
    const { invitation, mail } = await org.inviteMember(ctx, body, origin(), realNow(ctx));
    return { status: 201, body: invitation, mails: [mail] };
  },
  removeMember: async (ctx, { params }) => {
    await org.removeMember(ctx, params.id ?? '');
    return { status: 204 };
  },
  revokeInvitation: async (ctx, { params }) => {
    await org.revokeInvitation(ctx, params.id ?? '');
    return { status: 204 };
  },
  leaveOrganisation: async (ctx) => {
    await org.leaveOrganisation(ctx);
    return { status: 204 };
  },
  listInvitations: async (ctx) => ({ status: 200, body: await org.listInvitations(ctx, realNow(ctx)) }),
  acceptInvitation: async (ctx, { params }) => ({ status: 200, body: await org.acceptInvitation(ctx, params.id ?? '', realNow(ctx)) }),
  declineInvitation: async (ctx, { params }) => {
    await org.declineInvitation(ctx, params.id ?? '', realNow(ctx));
    return { status: 204 };
  },
  shareCase: async (ctx, { reference }) => ({ status: 200, body: await uc.shareCase(ctx, reference, (c) => org.shareCase(ctx, c)) }),
  provider: async ({ caller }) => ({ status: 200, body: getProfile(caller.providerId) }),
  listCases: async (ctx, { query }) => ({ status: 200, body: await uc.listCases(ctx, query) }),
  submitComplaint: async (ctx, { body, guestSession }) => {
    const answer = await uc.submitComplaint(ctx, body);
    const reply: Reply = { status: 201, body: answer };
    // A guest who has just complained can open the case at once, in this browser, for this session. A guest
    // already tracking another case moves to the new one; the old session is left to lapse rather than
    // deleted, so a retry of this request with the old cookie is still recognised by its Idempotency-Key.
    if (ctx.caller.kind === 'anonymous' || ctx.caller.kind === 'guest') reply.cookie = await guestSession(answer);
    return reply;
  },
  uploadAttachment: async (ctx, { storeUploadOnce }) => ({ status: 201, body: await uc.uploadAttachment(ctx, await storeUploadOnce(ctx.caller)) }),
  getCase: async (ctx, { reference }) => ({ status: 200, body: await uc.getCase(ctx, reference) }),
  getTimeline: async (ctx, { reference }) => ({ status: 200, body: await uc.getTimeline(ctx, reference) }),
  listCaseMessages: async (ctx, { reference }) => ({ status: 200, body: await uc.listCaseMessages(ctx, reference) }),
  getCaseMessagePdf: async (ctx, { reference, params }) => ({ status: 200, file: { ...(await letters.messagePdf(ctx, reference, params.id ?? '')), type: 'application/pdf' } }),
  setEmailUpdates: async (ctx, { reference, body }) => ({ status: 200, body: await letters.setEmailUpdates(ctx, reference, body) }),
  getCaseCalendar: async (ctx, { reference }) => ({ status: 200, file: { ...(await uc.caseCalendarFile(ctx, reference)), type: 'text/calendar; charset=utf-8' } }),
  addComment: async (ctx, { reference, body }) => ({ status: 201, body: await uc.addComment(ctx, reference, body.text) }),
  addEvidence: async (ctx, { reference, storeUploadOnce }) => {
    await uc.visibleCase(ctx, reference);
    return { status: 201, body: await uc.addEvidence(ctx, reference, await storeUploadOnce(ctx.caller)) };
  },
  downloadAttachment: async (ctx, { reference, params }) => {
    const file = await uc.downloadAttachment(ctx, reference, params.id ?? '');
    return { status: 200, file: { bytes: file.bytes, name: file.meta.name } };
  },
  decideResolution: async (ctx, { reference, body }) => ({ status: 200, body: await uc.decideResolution(ctx, reference, body) }),
  giveFeedback: async (ctx, { reference, body }) => ({ status: 201, body: await uc.giveFeedback(ctx, reference, body) }),
  requestEscalation: async (ctx, { reference, body }) => ({ status: 201, body: await uc.requestEscalation(ctx, reference, body) }),
  requestDeadlockLetter: async (ctx, { reference }) => ({ status: 201, body: await uc.requestDeadlockLetter(ctx, reference) }),
  requestAdrLetter: async (ctx, { reference }) => ({ status: 201, body: await uc.requestAdrLetter(ctx, reference) }),
  getLetter: async (ctx, { reference, params }) => ({ status: 200, body: await uc.getLetter(ctx, reference, params.id ?? '') }),
  referToAdr: async (ctx, { reference, body }) => ({ status: 201, body: await uc.referToAdr(ctx, reference, body.schemeId) }),
};

const handlers: Handlers<DispatchedId> = { ...portalHandlers, ...providerHandlers, ...staffHandlers };

/**
 * What a member of the provider's staff may call besides the staff operations (which check the caller
 * themselves): their session, the provider's procedure, and a case's files and letters (found within the staff
 * scope). Never a customer's own action in the customer's name (docs/decisions/0130-staff-workspace.md).
 */
const staffMayAlso: ReadonlySet<string> = new Set<DispatchedId>(['whoAmI', 'signOut', 'provider', 'downloadAttachment', 'getLetter', 'listCaseMessages', 'getCaseMessagePdf']);

/** Whether an operation is answered here (every one but the demo's and sign-in's). */
export function isDispatched(id: string): id is DispatchedId {
  return Object.prototype.hasOwnProperty.call(handlers, id);
}

/** Answers one operation in the caller's unit of work (`ctx`). */
export function dispatch<Id extends DispatchedId>(id: Id, ctx: uc.UseCaseContext, input: HandlerInput<Id>): Promise<Reply> {
  if (ctx.caller.kind === 'staff' && !staffMayAlso.has(id) && !Object.prototype.hasOwnProperty.call(staffHandlers, id)) throw new Refusal(403, 'notForStaff');
  const handler: Handler<Id> = handlers[id];
  return handler(ctx, input);
}
