import type { z } from '@/domain/zod';
import * as s from './schemas';

/**
 * The complaints API, each operation once: its id, method, path, parameters, body and answer schemas, the
 * problems it can answer with and whether it needs an Idempotency-Key. The OpenAPI document
 * (scripts/gen-api.ts), the portal's calls (./client.ts `callApi`), the simulated back office's routes
 * (mocks/) and the server's routes (server/) all come from this table; nothing types a path by hand.
 *
 * `operations` is the production contract. `demoOperations` (seeded customers, the simulated clock, reset and
 * faults) exist only in the simulated back office and a server started in demo mode, and are described in a
 * separate document.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * Who may call: anyone, a signed-in customer or guest, the provider's own system with its API key, or a signed-in
 * member of the provider's staff (the staff workspace, docs/decisions/0130-staff-workspace.md).
 */
export type Access = 'public' | 'session' | 'provider' | 'staff';

export interface OperationSpec {
  id: string;
  method: HttpMethod;
  /** OpenAPI style: `/cases/{reference}`. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  query?: z.ZodObject;
  /** A JSON body, or a multipart upload with one `file` part. */
  body?: z.ZodType | 'multipart';
  /** The success answer: its status and schema (null: no body; 'binary': a file). */
  ok: readonly [number, z.ZodType | null | 'binary'];
  /** Problem statuses besides 400 (bad provider) and 500. */
  errors: readonly number[];
  /** Requires an Idempotency-Key; the first answer is stored and replayed for every retry. */
  idempotent: boolean;
}

const op = <const T extends OperationSpec>(spec: T): T => spec;

// ---- the provider's staff workspace (docs/decisions/0130-staff-workspace.md): a signed-in staff session ----
const meets = 'Meets the clock of the current stage this action fulfils (the case answer says which, per action). Refused with 409 and a reason when the stage does not allow it, or with 409 `caseChanged` (what changed, in `errors`) when `version` is not the case’s.';
export const staffOperations = [
  op({ id: 'listStaff', method: 'GET', path: '/staff/members', summary: "The provider's staff", tag: 'staff', access: 'staff', ok: [200, s.staffListResponseSchema], errors: [401, 403], idempotent: false }),
  op({ id: 'inviteStaff', method: 'POST', path: '/staff/members', summary: 'Managers: add a member of staff by email (they sign in with a code)', tag: 'staff', access: 'staff', body: s.inviteStaffSchema, ok: [201, s.staffMemberSchema], errors: [401, 403, 409, 422], idempotent: false }),
  op({ id: 'removeStaff', method: 'DELETE', path: '/staff/members/{id}', summary: 'Managers: remove a member of staff (their sessions end at once)', tag: 'staff', access: 'staff', ok: [204, null], errors: [401, 403, 404, 409], idempotent: false }),
  op({ id: 'staffQueue', method: 'GET', path: '/staff/queue', summary: 'Open cases, the next deadline first, with what is due and by when; filters with counts; a page at a time', tag: 'staff', access: 'staff', query: s.staffQueueQuerySchema, ok: [200, s.staffQueueResponseSchema], errors: [401, 403, 422], idempotent: false }),
  op({ id: 'staffLogComplaint', method: 'POST', path: '/staff/cases', summary: 'Log a complaint made by phone, letter or email for the customer, from the date it was first made', tag: 'staff', access: 'staff', body: s.staffLogComplaintSchema, ok: [201, s.staffCaseResponseSchema], errors: [401, 403, 409, 422], idempotent: true }),
  op({ id: 'staffGetCase', method: 'GET', path: '/staff/cases/{reference}', summary: 'A case as staff see it: contact, support needs, notes, assignee, each clock and the actions its stage allows', tag: 'staff', access: 'staff', ok: [200, s.staffCaseResponseSchema], errors: [401, 403, 404], idempotent: false }),
  op({ id: 'staffAct', method: 'POST', path: '/staff/cases/{reference}/actions', summary: `Act on a case: acknowledge, update, ask for information, propose a resolution, move stage, issue a letter, close. ${meets}`, tag: 'staff', access: 'staff', body: s.staffActionInputSchema, ok: [200, s.staffCaseResponseSchema], errors: [401, 403, 404, 409, 422], idempotent: true }),
  op({ id: 'staffAssign', method: 'POST', path: '/staff/cases/{reference}/assignee', summary: 'Assign the case to a member of staff (or to no one)', tag: 'staff', access: 'staff', body: s.staffAssignInputSchema, ok: [200, s.staffCaseResponseSchema], errors: [401, 403, 404, 409, 422], idempotent: true }),
  op({ id: 'staffLetters', method: 'GET', path: '/staff/letters', summary: 'Letters to post and calls to make (decision 0141)', tag: 'staff', access: 'staff', query: s.staffLettersQuerySchema, ok: [200, s.staffLettersResponseSchema], errors: [401, 403, 422], idempotent: false }),
  op({ id: 'staffMarkLetterDone', method: 'POST', path: '/staff/letters/{id}/done', summary: 'Record a letter posted or a call made', tag: 'staff', access: 'staff', body: s.staffLetterDoneSchema, ok: [200, s.staffLetterSchema], errors: [401, 403, 404, 409, 422], idempotent: true }),
  op({ id: 'staffIntegrations', method: 'GET', path: '/staff/integrations', summary: 'Managers: connectors and webhooks (decision 0142)', tag: 'staff', access: 'staff', ok: [200, s.staffIntegrationsResponseSchema], errors: [401, 403], idempotent: false }),
  op({ id: 'staffCreateWebhook', method: 'POST', path: '/staff/webhooks', summary: 'Managers: add a webhook endpoint', tag: 'staff', access: 'staff', body: s.webhookInputSchema, ok: [201, s.webhookCreatedSchema], errors: [401, 403, 409, 422], idempotent: true }),
  op({ id: 'staffDeleteWebhook', method: 'DELETE', path: '/staff/webhooks/{id}', summary: 'Managers: remove a webhook endpoint', tag: 'staff', access: 'staff', ok: [204, null], errors: [401, 403, 404], idempotent: false }),
  op({ id: 'staffRetryWebhook', method: 'POST', path: '/staff/webhooks/deliveries/{id}/retry', summary: 'Managers: send a failed delivery again', tag: 'staff', access: 'staff', ok: [204, null], errors: [401, 403, 404], idempotent: false }),
  op({ id: 'staffAddNote', method: 'POST', path: '/staff/cases/{reference}/notes', summary: 'Add an internal note (never shown to the customer)', tag: 'staff', access: 'staff', body: s.staffNoteInputSchema, ok: [201, s.staffCaseResponseSchema], errors: [401, 403, 404, 422], idempotent: true }),
  op({ id: 'staffCustomers', method: 'GET', path: '/staff/customers', summary: 'Find customers by name, email or organisation (at most 50), and the business customers whose administrator has not yet accepted', tag: 'staff', access: 'staff', query: s.staffCustomersQuerySchema, ok: [200, s.staffCustomersResponseSchema], errors: [401, 403, 422], idempotent: false }),
  op({ id: 'staffGetCustomer', method: 'GET', path: '/staff/customers/{id}', summary: 'A customer, their cases and their organisation’s members', tag: 'staff', access: 'staff', ok: [200, s.staffCustomerResponseSchema], errors: [401, 403, 404], idempotent: false }),
  op({ id: 'staffCreateOrganisation', method: 'POST', path: '/staff/organisations', summary: 'Managers: create a business customer and invite its administrator (an offer they accept after signing in; decision 0105)', tag: 'staff', access: 'staff', body: s.staffCreateOrganisationSchema, ok: [201, s.pendingOrganisationSchema], errors: [401, 403, 409, 422], idempotent: true }),
  op({ id: 'staffRegister', method: 'GET', path: '/staff/register', summary: 'The complaints register: per complaint received in the period, its channel, category, customer type, support needs, stages, every clock with its due and met dates, letters, referral and outcome', tag: 'staff', access: 'staff', query: s.staffPeriodQuerySchema, ok: [200, s.staffRegisterResponseSchema], errors: [401, 403, 422], idempotent: false }),
  op({ id: 'staffCompliance', method: 'GET', path: '/staff/compliance', summary: 'The compliance report for complaints received in the period: share of each clock met on time, median and 90th percentile time to meet it, ADR letters on time and late, cases past the ADR point with none, referrals by scheme', tag: 'staff', access: 'staff', query: s.staffPeriodQuerySchema, ok: [200, s.staffComplianceResponseSchema], errors: [401, 403, 422], idempotent: false }),
] as const;

export const operations = [
  ...staffOperations,
  // ---- session ----
  op({ id: 'whoAmI', method: 'GET', path: '/session', summary: 'Who am I', tag: 'session', access: 'session', ok: [200, s.sessionSchema], errors: [401], idempotent: false }),
  op({ id: 'requestSignInCode', method: 'POST', path: '/session/code', summary: 'Email a one-time sign-in code and link (the same answer whether or not the address is known)', tag: 'session', access: 'public', body: s.signInCodeRequestSchema, ok: [202, s.signInCodeRequestedSchema], errors: [422, 429], idempotent: false }),
  op({ id: 'verifySignInCode', method: 'POST', path: '/session', summary: 'Sign in with the emailed code or link', tag: 'session', access: 'public', body: s.signInVerifySchema, ok: [201, s.sessionSchema], errors: [422, 429], idempotent: false }),
  op({ id: 'exportMyData', method: 'GET', path: '/session/export', summary: 'Everything held about the signed-in customer (or guest): their cases, timelines, letters and files, as JSON', tag: 'session', access: 'session', ok: [200, s.accountExportSchema], errors: [401], idempotent: false }),
  op({ id: 'signOut', method: 'DELETE', path: '/session', summary: 'Sign out (revokes the session)', tag: 'session', access: 'public', ok: [204, null], errors: [], idempotent: false }),

  // ---- organisation ----
  op({ id: 'listMembers', method: 'GET', path: '/organisation/members', summary: "The members of the administrator's organisation", tag: 'organisation', access: 'session', ok: [200, s.membersResponseSchema], errors: [401, 403], idempotent: false }),
  op({ id: 'inviteMember', method: 'POST', path: '/organisation/members', summary: 'Invite someone by email to join (an offer they accept or decline; the same answer whether or not the address is known)', tag: 'organisation', access: 'session', body: s.inviteMemberSchema, ok: [201, s.sentInvitationSchema], errors: [401, 403, 409, 422], idempotent: false }),
  op({ id: 'removeMember', method: 'DELETE', path: '/organisation/members/{id}', summary: 'Remove a member (their sessions end at once)', tag: 'organisation', access: 'session', ok: [204, null], errors: [401, 403, 404, 409], idempotent: false }),
  op({ id: 'revokeInvitation', method: 'DELETE', path: '/organisation/invitations/{id}', summary: 'Withdraw an invitation not yet answered', tag: 'organisation', access: 'session', ok: [204, null], errors: [401, 403, 404], idempotent: false }),
  op({ id: 'leaveOrganisation', method: 'DELETE', path: '/organisation/membership', summary: 'Leave the organisation (a member; its cases are no longer visible)', tag: 'organisation', access: 'session', ok: [204, null], errors: [401, 409], idempotent: false }),
  op({ id: 'listInvitations', method: 'GET', path: '/invitations', summary: 'Invitations to join an organisation waiting for my answer', tag: 'organisation', access: 'session', ok: [200, s.invitationsResponseSchema], errors: [401], idempotent: false }),
  op({ id: 'acceptInvitation', method: 'POST', path: '/invitations/{id}/accept', summary: 'Join the organisation that invited me (my earlier cases stay mine until I share them)', tag: 'organisation', access: 'session', ok: [200, s.sessionSchema], errors: [401, 404, 409], idempotent: false }),
  op({ id: 'declineInvitation', method: 'POST', path: '/invitations/{id}/decline', summary: 'Decline an invitation', tag: 'organisation', access: 'session', ok: [204, null], errors: [401, 404], idempotent: false }),

  // ---- provider ----
  op({ id: 'provider', method: 'GET', path: '/provider', summary: "The provider's complaints procedure", tag: 'provider', access: 'public', ok: [200, s.providerResponseSchema], errors: [], idempotent: false }),

  // ---- cases ----
  op({ id: 'listCases', method: 'GET', path: '/cases', summary: 'My cases (a business sees its whole account), a page at a time', tag: 'cases', access: 'session', query: s.caseListQuerySchema, ok: [200, s.caseListResponseSchema], errors: [401, 422], idempotent: false }),
  op({ id: 'submitComplaint', method: 'POST', path: '/cases', summary: 'Submit a complaint with its evidence (signed in or as a guest)', tag: 'cases', access: 'public', body: s.complaintSubmissionSchema, ok: [201, s.caseResponseSchema], errors: [409, 422, 429], idempotent: true }),
  op({ id: 'uploadAttachment', method: 'POST', path: '/attachments', summary: 'Upload an evidence file before submitting (type checked from content)', tag: 'cases', access: 'public', body: 'multipart', ok: [201, s.attachmentSchema], errors: [413, 422], idempotent: false }),
  op({ id: 'getCase', method: 'GET', path: '/cases/{reference}', summary: 'A case', tag: 'cases', access: 'session', ok: [200, s.caseResponseSchema], errors: [401, 404], idempotent: false }),
  op({ id: 'getTimeline', method: 'GET', path: '/cases/{reference}/timeline', summary: "A case's timeline", tag: 'cases', access: 'session', ok: [200, s.timelineResponseSchema], errors: [401, 404], idempotent: false }),
  op({ id: 'listCaseMessages', method: 'GET', path: '/cases/{reference}/messages', summary: 'Every message and letter sent about the case (the letters log)', tag: 'cases', access: 'session', ok: [200, s.caseMessagesResponseSchema], errors: [401, 404], idempotent: false }),
  op({ id: 'getCaseMessagePdf', method: 'GET', path: '/cases/{reference}/messages/{id}/pdf', summary: 'A letter of the case as a PDF', tag: 'cases', access: 'session', ok: [200, 'binary'], errors: [401, 404], idempotent: false }),
  op({ id: 'setEmailUpdates', method: 'PUT', path: '/cases/{reference}/email-updates', summary: 'Email updates beside letters or calls', tag: 'cases', access: 'session', body: s.emailUpdatesInputSchema, ok: [200, s.caseResponseSchema], errors: [401, 404, 409, 422], idempotent: false }),
  op({ id: 'getCaseCalendar', method: 'GET', path: '/cases/{reference}/calendar', summary: "The case's upcoming deadlines as an iCalendar (.ics) file", tag: 'cases', access: 'session', ok: [200, 'binary'], errors: [401, 404], idempotent: false }),
  op({ id: 'addComment', method: 'POST', path: '/cases/{reference}/comments', summary: 'Add a comment', tag: 'cases', access: 'session', body: s.commentInputSchema, ok: [201, s.timelineEventSchema], errors: [401, 404, 409, 422], idempotent: true }),
  op({ id: 'addEvidence', method: 'POST', path: '/cases/{reference}/attachments', summary: 'Add an evidence file to an open case', tag: 'cases', access: 'session', body: 'multipart', ok: [201, s.attachmentSchema], errors: [401, 404, 409, 413, 422], idempotent: true }),
  op({ id: 'shareCase', method: 'POST', path: '/cases/{reference}/share', summary: "Share my own case with my organisation (its members then see it)", tag: 'cases', access: 'session', ok: [200, s.caseResponseSchema], errors: [401, 404, 409], idempotent: false }),
  op({ id: 'downloadAttachment', method: 'GET', path: '/cases/{reference}/attachments/{id}', summary: 'Download an evidence file', tag: 'cases', access: 'session', ok: [200, 'binary'], errors: [401, 404], idempotent: false }),
  op({ id: 'decideResolution', method: 'POST', path: '/cases/{reference}/resolution', summary: 'Accept or reject a proposed resolution', tag: 'cases', access: 'session', body: s.resolutionDecisionSchema, ok: [200, s.caseResponseSchema], errors: [401, 404, 409, 422], idempotent: false }),
  op({ id: 'giveFeedback', method: 'POST', path: '/cases/{reference}/feedback', summary: 'Rate how a resolved case was handled', tag: 'cases', access: 'session', body: s.feedbackInputSchema, ok: [201, s.caseResponseSchema], errors: [401, 404, 409, 422], idempotent: false }),
  op({ id: 'requestEscalation', method: 'POST', path: '/cases/{reference}/escalations', summary: 'Ask to move to the next stage of the procedure', tag: 'escalation', access: 'session', body: s.escalationInputSchema, ok: [201, s.caseResponseSchema], errors: [401, 404, 409, 422], idempotent: false }),
  op({ id: 'requestDeadlockLetter', method: 'POST', path: '/cases/{reference}/deadlock-letter', summary: 'Ask for a deadlock letter', tag: 'escalation', access: 'session', body: s.letterRequestSchema, ok: [201, s.letterSchema], errors: [401, 404, 409, 422], idempotent: false }),
  op({ id: 'requestAdrLetter', method: 'POST', path: '/cases/{reference}/adr-letter', summary: 'Ask for the ADR letter owed once the regulator’s wait has passed', tag: 'escalation', access: 'session', ok: [201, s.letterSchema], errors: [401, 404, 409], idempotent: false }),
  op({ id: 'getLetter', method: 'GET', path: '/cases/{reference}/letters/{id}', summary: 'A letter issued on the case', tag: 'escalation', access: 'session', ok: [200, s.letterSchema], errors: [401, 404], idempotent: false }),
  op({ id: 'referToAdr', method: 'POST', path: '/cases/{reference}/referral', summary: "Record the referral to the provider's ADR scheme", tag: 'adr', access: 'session', body: s.referralInputSchema, ok: [201, s.caseResponseSchema], errors: [401, 404, 409, 422], idempotent: false }),
] as const;

export const demoOperations = [
  op({ id: 'demoCustomers', method: 'GET', path: '/demo/customers', summary: 'Demo only: the seeded customers', tag: 'demo', access: 'public', ok: [200, s.demoCustomersResponseSchema], errors: [], idempotent: false }),
  op({ id: 'getClock', method: 'GET', path: '/demo/clock', summary: "Demo only: the back office's clock", tag: 'demo', access: 'public', ok: [200, s.demoClockSchema], errors: [], idempotent: false }),
  op({ id: 'setClock', method: 'PUT', path: '/demo/clock', summary: 'Demo only: set or move the clock', tag: 'demo', access: 'public', body: s.demoClockInputSchema, ok: [200, s.demoClockSchema], errors: [422], idempotent: false }),
  op({ id: 'demoSignIn', method: 'POST', path: '/demo/session', summary: 'Demo only: sign in as a seeded customer by email alone', tag: 'demo', access: 'public', body: s.demoSignInSchema, ok: [201, s.sessionSchema], errors: [401, 422], idempotent: false }),
  op({ id: 'demoMailbox', method: 'GET', path: '/demo/mailbox', summary: 'Demo only: the latest mails sent (codes and links)', tag: 'demo', access: 'public', ok: [200, s.demoMailboxResponseSchema], errors: [], idempotent: false }),
  op({ id: 'demoStaff', method: 'GET', path: '/demo/staff', summary: "Demo only: the seeded staff of the provider", tag: 'demo', access: 'public', ok: [200, s.demoStaffResponseSchema], errors: [], idempotent: false }),
  op({ id: 'demoReset', method: 'POST', path: '/demo/reset', summary: 'Demo only: wipe every case, session and file, and seed again', tag: 'demo', access: 'public', ok: [204, null], errors: [], idempotent: false }),
] as const;

// ---- the provider's API: its own system (CRM) with an integration key, under /provider-api (decision 0090) ----
const ack = 'Meets the clock of the current stage this action fulfils, when one is running.';
export const providerOperations = [
  op({ id: 'providerListCases', method: 'GET', path: '/cases', summary: "Every case of the provider (all customers), a page at a time", tag: 'provider-api', access: 'provider', query: s.caseListQuerySchema, ok: [200, s.caseListResponseSchema], errors: [401, 422], idempotent: false }),
  op({ id: 'providerGetCase', method: 'GET', path: '/cases/{reference}', summary: 'A case of the provider', tag: 'provider-api', access: 'provider', ok: [200, s.caseResponseSchema], errors: [401, 404], idempotent: false }),
  op({ id: 'providerGetTimeline', method: 'GET', path: '/cases/{reference}/timeline', summary: "A case's timeline", tag: 'provider-api', access: 'provider', ok: [200, s.timelineResponseSchema], errors: [401, 404], idempotent: false }),
  op({ id: 'providerAcknowledge', method: 'POST', path: '/cases/{reference}/acknowledge', summary: `Acknowledge the complaint. ${ack}`, tag: 'provider-api', access: 'provider', body: s.providerAcknowledgeInputSchema, ok: [200, s.caseResponseSchema], errors: [401, 404, 409, 422], idempotent: true }),
  op({ id: 'providerSendUpdate', method: 'POST', path: '/cases/{reference}/updates', summary: `Send the customer a progress update, optionally setting the status. ${ack}`, tag: 'provider-api', access: 'provider', body: s.providerUpdateInputSchema, ok: [200, s.caseResponseSchema], errors: [401, 404, 409, 422], idempotent: true }),
  op({ id: 'providerProposeResolution', method: 'POST', path: '/cases/{reference}/proposal', summary: `Propose a resolution (the customer accepts or rejects it). ${ack}`, tag: 'provider-api', access: 'provider', body: s.providerProposalInputSchema, ok: [200, s.caseResponseSchema], errors: [401, 404, 409, 422], idempotent: true }),
  op({ id: 'providerMoveToStage', method: 'POST', path: '/cases/{reference}/stage', summary: 'Move the case to a stage of the procedure (its clocks start)', tag: 'provider-api', access: 'provider', body: s.providerMoveInputSchema, ok: [200, s.caseResponseSchema], errors: [401, 404, 409, 422], idempotent: true }),
  op({ id: 'providerIssueLetter', method: 'POST', path: '/cases/{reference}/letters', summary: 'Issue a deadlock letter or the ADR letter (once the regulator’s wait has passed)', tag: 'provider-api', access: 'provider', body: s.providerLetterInputSchema, ok: [200, s.caseResponseSchema], errors: [401, 404, 409, 422], idempotent: true }),
  op({ id: 'providerCloseCase', method: 'POST', path: '/cases/{reference}/close', summary: 'Close the case', tag: 'provider-api', access: 'provider', body: s.providerCloseInputSchema, ok: [200, s.caseResponseSchema], errors: [401, 404, 409, 422], idempotent: true }),
  op({ id: 'providerWhoAmI', method: 'GET', path: '/integration', summary: 'The integration the key belongs to (its id marks the events it caused: `data.via`)', tag: 'provider-api', access: 'provider', ok: [200, s.providerIntegrationSchema], errors: [401], idempotent: false }),
  op({ id: 'providerDownloadAttachment', method: 'GET', path: '/cases/{reference}/attachments/{id}', summary: 'Download an evidence file of a case', tag: 'provider-api', access: 'provider', ok: [200, 'binary'], errors: [401, 404], idempotent: false }),
  op({ id: 'providerGetExternalRefs', method: 'GET', path: '/cases/{reference}/external-refs', summary: "The case's twins in other systems (id, number, link), one per system", tag: 'provider-api', access: 'provider', ok: [200, s.externalRefsResponseSchema], errors: [401, 404], idempotent: false }),
  op({ id: 'providerSetExternalRef', method: 'PUT', path: '/cases/{reference}/external-refs/{system}', summary: "Record the case's twin in another system (replaces that system's); the list's search finds the case by its number", tag: 'provider-api', access: 'provider', body: s.externalRefInputSchema, ok: [200, s.externalRefsResponseSchema], errors: [401, 404, 422], idempotent: false }),
  op({ id: 'providerListWebhooks', method: 'GET', path: '/webhooks', summary: "The provider's webhook endpoints", tag: 'provider-api', access: 'provider', ok: [200, s.webhooksResponseSchema], errors: [401], idempotent: false }),
  op({ id: 'providerCreateWebhook', method: 'POST', path: '/webhooks', summary: 'Register a webhook endpoint (https; not an address of a private network): the answer carries its signing secret, once', tag: 'provider-api', access: 'provider', body: s.webhookInputSchema, ok: [201, s.webhookCreatedSchema], errors: [401, 409, 422], idempotent: true }),
  op({ id: 'providerDeleteWebhook', method: 'DELETE', path: '/webhooks/{id}', summary: 'Remove a webhook endpoint (deliveries stop)', tag: 'provider-api', access: 'provider', ok: [204, null], errors: [401, 404], idempotent: false }),
  op({ id: 'providerEvents', method: 'GET', path: '/events', summary: 'Timeline events of every case of the provider, in the order they were committed', tag: 'provider-api', access: 'provider', query: s.providerEventsQuerySchema, ok: [200, s.providerEventsResponseSchema], errors: [401, 422], idempotent: false }),
] as const;

/** Where an operation's path is mounted: the provider's API apart from the portal's. */
export const PROVIDER_API_BASE = '/provider-api';
export const API_BASE = '/api';
export type StaffOperation = (typeof staffOperations)[number];
export function basePathOf(o: { access: Access }): string {
  return o.access === 'provider' ? PROVIDER_API_BASE : API_BASE;
}
export type ProviderOperation = (typeof providerOperations)[number];
// ---- end of the provider's API ----

export type Operation = (typeof operations)[number];
export type DemoOperation = (typeof demoOperations)[number];
export type AnyOperation = Operation | DemoOperation | ProviderOperation;
export type OperationId = AnyOperation['id'];

const byId = new Map<string, AnyOperation>([...operations, ...demoOperations, ...providerOperations].map((o) => [o.id, o]));

export function operation<Id extends OperationId>(id: Id): Extract<AnyOperation, { id: Id }> {
  return byId.get(id) as Extract<AnyOperation, { id: Id }>;
}

/** The path parameters an operation's path names, e.g. `reference` and `id`. */
type ParamsOf<P extends string> = P extends `${string}{${infer Name}}${infer Rest}` ? Name | ParamsOf<Rest> : never;
export type PathParams<Id extends OperationId> = Record<ParamsOf<Extract<AnyOperation, { id: Id }>['path']>, string>;

/** The path with its parameters filled in and encoded. */
export function pathOf(path: string, params: Record<string, string> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Missing path parameter ${name} for ${path}`);
    return encodeURIComponent(value);
  });
}

/** The `:name` form routers use (MSW, Hono). */
export function routePattern(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}
