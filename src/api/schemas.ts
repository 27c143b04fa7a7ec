import { z } from '@/domain/zod';
import { adrSchemeIdSchema, clockActionSchema, clockSchema, providerIdSchema, providerProfileSchema } from '@/domain/profile-schema';
import { isValidPhone } from '@/domain/phone';
import { caseStatusSchema, complaintCategorySchema, customerKindSchema, fileKindSchema, LIMITS } from '@/domain/case-model';
import { clockAdvances } from './demo-clock';

export {
  LIMITS,
  acceptedFileKinds,
  fileKindSchema,
  customerKindSchema,
  complaintCategorySchema,
  caseStatusSchema,
  type FileKind,
  type CustomerKind,
  type ComplaintCategory,
  type CaseStatus,
} from '@/domain/case-model';

/**
 * The complaints API's schemas: one source for the OpenAPI document (scripts/gen-api.ts),
 * the API client's response parsing, the forms' resolvers and the simulated back office.
 * Error messages are translation keys in the `validation` namespace, so errors reach the
 * user in their own language.
 */



const required = (max: number) =>
  z
    .string({ error: 'required' })
    .trim()
    .min(1, { error: 'required' })
    .max(max, { error: 'tooLong' });
const optionalText = (max: number) => z.string().trim().max(max, { error: 'tooLong' }).optional();
const instant = z.iso.datetime({ offset: true, error: 'invalidDateTime' });
const email = z.string().trim().min(1, { error: 'required' }).pipe(z.email({ error: 'invalidEmail' }));
const phone = z
  .string()
  .trim()
  .min(1, { error: 'required' })
  .refine(isValidPhone, { error: 'invalidPhone' });

// ---------- problem+json (RFC 9457) ----------

export const fieldErrorSchema = z.object({ path: z.string(), code: z.string() });
export const problemSchema = z.object({
  type: z.string().default('about:blank'),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  /** Stable machine-readable code; the UI translates it (`errors:<code>`). */
  code: z.string(),
  errors: z.array(fieldErrorSchema).optional(),
});
export type Problem = z.infer<typeof problemSchema>;
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** A schema's refusal as the API words it: each issue's dotted path, and its message, which is a code (`validation:<code>`). */
export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), code: issue.message }));
}

// ---------- customers and session ----------

export const replyMethodSchema = z.enum(['phone', 'email', 'letter']);
export type ReplyMethod = z.infer<typeof replyMethodSchema>;

export const addressSchema = z.object({
  line1: required(LIMITS.nameMax),
  line2: optionalText(LIMITS.nameMax),
  town: required(LIMITS.nameMax),
  postcode: required(20),
});
export type Address = z.infer<typeof addressSchema>;

export const customerSchema = z.object({
  id: z.string(),
  providerId: providerIdSchema,
  kind: customerKindSchema,
  employees: z.number().int().positive().optional(),
  name: z.string(),
  organisation: z.string().optional(),
  accountNumber: z.string().optional(),
  email: z.string(),
  phone: z.string(),
  address: addressSchema.optional(),
  /** A small business's members share its cases. */
  organisationId: z.string().optional(),
  role: z.enum(['admin', 'member']).optional(),
});
export type Customer = z.infer<typeof customerSchema>;

/** Demo only: sign in as a seeded customer by email alone (demoSignIn). */
export const demoSignInSchema = z.object({ email });

export const mailLanguageSchema = z.enum(['en', 'it']);
export type MailLanguage = z.infer<typeof mailLanguageSchema>;

const caseReference = z.string().trim().min(1, { error: 'required' }).max(40, { error: 'tooLong' });

/**
 * Ask for a one-time sign-in code by email. `signIn`: a customer's account. `guest`: one case, named by its
 * reference, raised with that email. The answer is the same whether or not anything matched.
 */
export const signInCodeRequestSchema = z.discriminatedUnion('purpose', [
  z.object({ purpose: z.literal('signIn'), email, lng: mailLanguageSchema.default('en') }),
  z.object({ purpose: z.literal('guest'), email, reference: caseReference, lng: mailLanguageSchema.default('en') }),
]);
export type SignInCodeRequest = z.input<typeof signInCodeRequestSchema>;
export const signInCodeRequestedSchema = z.object({ sent: z.literal(true) });

/** The 6-digit code sent by email. */
export const signInCodeSchema = z
  .string({ error: 'required' })
  .trim()
  .min(1, { error: 'required' })
  .regex(/^\d{6}$/, { error: 'codeFormat' });
/** Sign in with the emailed code (and the address it went to) or with the emailed link's token. */
export const signInVerifySchema = z.union([
  z.object({ email, code: signInCodeSchema }),
  z.object({ token: z.string().min(20).max(200) }),
]);
export type SignInVerify = z.infer<typeof signInVerifySchema>;

/** The track page's first step: which case, and the address it was raised with. */
export const guestCodeFormSchema = z.object({ reference: caseReference, email });
export type GuestCodeForm = z.infer<typeof guestCodeFormSchema>;
export const codeFormSchema = z.object({ code: signInCodeSchema });
export type CodeForm = z.infer<typeof codeFormSchema>;
export const emailFormSchema = z.object({ email });
export type EmailForm = z.infer<typeof emailFormSchema>;

/** A member of the provider's staff (docs/decisions/0130-staff-workspace.md): an agent, or a manager who also invites and removes staff. */
export const staffRoleSchema = z.enum(['agent', 'manager']);
export type StaffRole = z.infer<typeof staffRoleSchema>;
export const staffMemberSchema = z.object({
  id: z.string(),
  providerId: providerIdSchema,
  name: z.string(),
  email: z.string(),
  role: staffRoleSchema,
  /** The language their mails are written in. */
  lng: mailLanguageSchema,
  createdAt: instant,
  /** Set when a manager removed them: they can no longer sign in. */
  removedAt: instant.nullable(),
});
export type StaffMember = z.infer<typeof staffMemberSchema>;

/** The session itself is an HttpOnly cookie: the answer says who it is for, never its token. */
export const sessionSchema = z.object({
  /** A guest session is scoped to one case; a staff session sees every case of the provider. */
  scope: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('customer'), customer: customerSchema }),
    z.object({ kind: z.literal('guest'), reference: z.string(), email: z.string() }),
    z.object({ kind: z.literal('staff'), staff: staffMemberSchema }),
  ]),
});
export type Session = z.infer<typeof sessionSchema>;

// ---------- organisations ----------

export const memberSchema = z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.enum(['admin', 'member']) });
export type Member = z.infer<typeof memberSchema>;
/**
 * An invitation to join an organisation: an offer the invitee accepts or declines after signing in
 * (docs/decisions/0105-membership-by-consent.md). Nothing about the invitee changes before they accept.
 */
export const invitationStatusSchema = z.enum(['pending', 'accepted', 'declined', 'revoked']);
/** As the administrator sees it: whom they invited, and until when the offer stands. */
export const sentInvitationSchema = z.object({ id: z.string(), name: z.string(), email: z.string(), status: z.literal('invited'), invitedAt: instant, expiresAt: instant });
export type SentInvitation = z.infer<typeof sentInvitationSchema>;
export const membersResponseSchema = z.object({ organisation: z.string(), members: z.array(memberSchema), invitations: z.array(sentInvitationSchema).default([]) });
export type MembersResponse = z.infer<typeof membersResponseSchema>;
/** The invitation mail goes out in `lng` (the administrator's language when the portal sends it). */
export const inviteMemberSchema = z.object({ email, name: required(LIMITS.nameMax), lng: mailLanguageSchema.optional() });
export type InviteMember = z.infer<typeof inviteMemberSchema>;
/** As the invitee sees it: which organisation, and who asked. */
export const receivedInvitationSchema = z.object({ id: z.string(), organisation: z.string(), invitedBy: z.string(), invitedAt: instant, expiresAt: instant });
export type ReceivedInvitation = z.infer<typeof receivedInvitationSchema>;
export const invitationsResponseSchema = z.object({ invitations: z.array(receivedInvitationSchema) });
export type InvitationsResponse = z.infer<typeof invitationsResponseSchema>;

// ---------- the complaint ----------


export const aboutYouSchema = z
  .object({
    customerKind: customerKindSchema,
    employees: z.number({ error: 'invalidNumber' }).int({ error: 'invalidNumber' }).positive({ error: 'invalidNumber' }).max(1_000_000, { error: 'invalidNumber' }).optional(),
    name: required(LIMITS.nameMax),
    organisation: optionalText(LIMITS.nameMax),
    accountNumber: optionalText(40),
    email,
    phone,
    replyBy: replyMethodSchema,
    /** Email updates as well, when the reply is by letter or phone (docs/decisions/0140-notifications.md). */
    emailUpdates: z.boolean().optional(),
    /** The language of every message and letter about the case (the portal's language when it was raised). */
    lng: mailLanguageSchema.optional(),
    address: addressSchema.optional(),
    supportNeeds: optionalText(LIMITS.shortTextMax),
    representative: z
      .object({ name: required(LIMITS.nameMax), relationship: required(LIMITS.nameMax) })
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.customerKind === 'business' && v.employees === undefined) {
      ctx.addIssue({ code: 'custom', path: ['employees'], message: 'required' });
    }
    if (v.replyBy === 'letter' && !v.address) {
      ctx.addIssue({ code: 'custom', path: ['address', 'line1'], message: 'addressForLetter' });
    }
  });
export type AboutYou = z.infer<typeof aboutYouSchema>;

export const complaintDetailsSchema = z.object({
  category: complaintCategorySchema,
  summary: required(LIMITS.summaryMax),
  whatHappened: required(LIMITS.textMax),
  startedOn: z.iso.date({ error: 'invalidDate' }),
  outcomeWanted: required(LIMITS.textMax),
  compensationPence: z.number().int().min(0).max(LIMITS.compensationMaxPence, { error: 'tooLarge' }).optional(),
  /**
   * The day the customer first complained, where the procedure's earlier stages happen outside the portal (Nasstar's
   * Stage 1): the case's `firstComplainedAt`, and so the regulator's wait, counts from it (src/domain/first-complaint.ts).
   */
  firstComplainedAt: z.iso.date({ error: 'invalidDate' }).optional(),
  /** The case reference the customer was given when they first complained there. */
  firstReference: optionalText(60),
});
export type ComplaintDetails = z.infer<typeof complaintDetailsSchema>;

export const ticketReferenceSchema = z.object({
  reference: required(60),
  note: optionalText(LIMITS.shortTextMax),
});
export const staffContactSchema = z.object({ name: required(LIMITS.nameMax), team: optionalText(LIMITS.nameMax) });
export const callSchema = z.object({
  at: instant,
  fromNumber: phone,
  spokeTo: optionalText(LIMITS.nameMax),
  whatWasSaid: required(LIMITS.textMax),
});
export const emailSentSchema = z.object({
  sentAt: instant,
  toAddress: email,
  subject: required(LIMITS.summaryMax),
});

export const attachmentSchema = z.object({
  id: z.string(),
  name: z.string().max(255),
  kind: fileKindSchema,
  size: z.number().int().positive(),
  uploadedAt: instant,
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const evidenceSchema = z.object({
  references: z.array(ticketReferenceSchema).max(LIMITS.evidenceItemsMax),
  staff: z.array(staffContactSchema).max(LIMITS.evidenceItemsMax),
  calls: z.array(callSchema).max(LIMITS.evidenceItemsMax),
  emails: z.array(emailSentSchema).max(LIMITS.evidenceItemsMax),
  /** Ids of attachments uploaded with POST /attachments before submitting. */
  attachmentIds: z.array(z.string()).max(LIMITS.filesMax, { error: 'tooManyFiles' }),
});
export type Evidence = z.infer<typeof evidenceSchema>;
export type TicketReference = z.infer<typeof ticketReferenceSchema>;
export type StaffContact = z.infer<typeof staffContactSchema>;
export type CallRecord = z.infer<typeof callSchema>;
export type EmailSent = z.infer<typeof emailSentSchema>;

export const caseKindSchema = z.enum(['complaint', 'abuseReport']);
export type CaseKind = z.infer<typeof caseKindSchema>;

export const complaintSubmissionSchema = z.object({
  kind: caseKindSchema,
  aboutYou: aboutYouSchema,
  complaint: complaintDetailsSchema,
  evidence: evidenceSchema,
});
export type ComplaintSubmission = z.infer<typeof complaintSubmissionSchema>;

// ---------- cases ----------


/** When each clock of a stage was met (the event the provider owed happened). */
export const clockMetSchema = z.object({ stageId: z.string(), clockId: z.string(), metAt: instant });

export const letterSchema = z.object({
  id: z.string(),
  kind: z.enum(['deadlock', 'adr']),
  issuedAt: instant,
  schemeId: adrSchemeIdSchema,
});
export type Letter = z.infer<typeof letterSchema>;

/**
 * Asking for a deadlock letter (the provider can do no more; the case is closed in deadlock). The ADR letter
 * Ofcom requires once its wait has passed (the case stays open) has an operation of its own, requestAdrLetter;
 * `kind` is accepted only as 'deadlock', so an older client asking this operation for another letter is refused
 * rather than given a deadlock letter.
 */
export const letterRequestSchema = z.object({ kind: z.literal('deadlock').optional() });
export type LetterRequest = z.input<typeof letterRequestSchema>;

export const referralSchema = z.object({
  schemeId: adrSchemeIdSchema,
  referredAt: instant,
});

export const caseSchema = z.object({
  reference: z.string(),
  providerId: providerIdSchema,
  customerId: z.string().nullable(),
  kind: caseKindSchema,
  status: caseStatusSchema,
  stageId: z.string(),
  stageStartedAt: instant,
  /** The date of first complaint: the regulator's wait for ADR (6 weeks since 8 April 2026) runs from here. */
  firstComplainedAt: instant,
  updatedAt: instant,
  aboutYou: aboutYouSchema,
  complaint: complaintDetailsSchema,
  evidence: evidenceSchema.omit({ attachmentIds: true }),
  attachments: z.array(attachmentSchema),
  clocksMet: z.array(clockMetSchema),
  proposedResolution: z.object({ text: z.string(), proposedAt: instant }).nullable(),
  letters: z.array(letterSchema),
  referral: referralSchema.nullable(),
  feedback: z.object({ rating: z.number().int().min(1).max(5), comment: z.string().optional(), at: instant }).nullable(),
  /** Who raised it: the customer's name (an organisation's members see each other's cases); null for a guest's case. */
  raisedBy: z.object({ name: z.string() }).nullable().default(null),
  /** Shared with an organisation: its members see it (a case raised before joining is shared only by choice). */
  sharedWithOrganisation: z.boolean().default(false),
});
export type Case = z.infer<typeof caseSchema>;

export const caseSummarySchema = caseSchema.pick({
  reference: true,
  kind: true,
  status: true,
  stageId: true,
  stageStartedAt: true,
  firstComplainedAt: true,
  updatedAt: true,
  clocksMet: true,
  letters: true,
  raisedBy: true,
}).extend({ summary: z.string() });
export type CaseSummary = z.infer<typeof caseSummarySchema>;

/**
 * A page of the case list. Filters, search and sort are done by the back office; `cursor` is the previous
 * page's `nextCursor`. `status=open` matches every open status.
 */
export const caseListQuerySchema = z.object({
  status: z.union([caseStatusSchema, z.literal('open')]).optional(),
  stage: z.string().max(60).optional(),
  q: z.string().max(LIMITS.summaryMax).optional(),
  sort: z.enum(['updated', 'deadline']).default('updated'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type CaseListQuery = z.input<typeof caseListQuerySchema>;

/** Every list and detail response carries the server's clock, so countdowns use the back office's time. */
export const caseListResponseSchema = z.object({
  asOf: instant,
  cases: z.array(caseSummarySchema),
  nextCursor: z.string().nullable(),
  total: z.number().int().min(0),
});
export const caseResponseSchema = z.object({ asOf: instant, case: caseSchema });

export const timelineEventTypeSchema = z.enum([
  'submitted',
  'acknowledged',
  'assigned',
  'update',
  'response',
  'resolutionProposed',
  'resolutionAccepted',
  'resolutionRejected',
  'escalationRequested',
  'escalated',
  'deadlockRequested',
  'adrLetterRequested',
  'letterIssued',
  'referred',
  'comment',
  'evidenceAdded',
  'feedback',
  'closed',
  'abuseHandled',
  // system events recorded by timed case checks (server jobs)
  'clockOverdue',
  'adrLetterDue',
]);
export type TimelineEventType = z.infer<typeof timelineEventTypeSchema>;

export const timelineEventSchema = z.object({
  id: z.string(),
  at: instant,
  type: timelineEventTypeSchema,
  actor: z.enum(['customer', 'provider', 'system']),
  stageId: z.string(),
  /** Customer's own words (comments, reasons) — shown as written, never translated. */
  text: z.string().optional(),
  /** Extra facts for the message: toStage, letterId, schemeId, attachment names, reason… */
  data: z.record(z.string(), z.string()).optional(),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;
export const timelineResponseSchema = z.object({ events: z.array(timelineEventSchema) });

/**
 * A message the back office sent (or queued) about a case: the letters log (docs/decisions/0140-notifications.md).
 * One per customer-facing event and channel. `pending`: recorded, not yet sent; `failed`: every try failed
 * (staff see it); `toPost`/`toCall`: a letter or a call for staff; `posted`/`called`: done, on `doneAt`.
 */
export const messageChannelSchema = z.enum(['email', 'letter', 'phone']);
export type MessageChannel = z.infer<typeof messageChannelSchema>;
export const messageStatusSchema = z.enum(['pending', 'sent', 'failed', 'toPost', 'posted', 'toCall', 'called']);
export type MessageStatus = z.infer<typeof messageStatusSchema>;
export const caseMessageSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  kind: z.string(),
  channel: messageChannelSchema,
  recipient: z.string(),
  lng: mailLanguageSchema,
  status: messageStatusSchema,
  createdAt: instant,
  /** When it left (email) or was posted / called (letter, phone). */
  doneAt: instant.nullable(),
  /** The copy as sent (email) or as written (letter, call script); null until composed. */
  subject: z.string().nullable(),
  text: z.string().nullable(),
});
export type CaseMessage = z.infer<typeof caseMessageSchema>;
export const caseMessagesResponseSchema = z.object({ messages: z.array(caseMessageSchema) });

export const commentInputSchema = z.object({ text: required(LIMITS.commentMax) });
export type CommentInput = z.infer<typeof commentInputSchema>;

export const resolutionDecisionSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('accept') }),
  z.object({ decision: z.literal('reject'), reason: required(LIMITS.textMax) }),
]);
export type ResolutionDecision = z.infer<typeof resolutionDecisionSchema>;

export const escalationReasonSchema = z.enum(['noProgress', 'missedDeadline', 'unhappyWithResponse', 'other']);
export const escalationInputSchema = z
  .object({ reason: escalationReasonSchema, details: optionalText(LIMITS.textMax) })
  .superRefine((v, ctx) => {
    if (v.reason === 'other' && !v.details) ctx.addIssue({ code: 'custom', path: ['details'], message: 'required' });
  });
export type EscalationInput = z.infer<typeof escalationInputSchema>;

export const feedbackInputSchema = z.object({
  rating: z.number({ error: 'required' }).int().min(1, { error: 'required' }).max(5),
  comment: optionalText(LIMITS.shortTextMax),
});
export type FeedbackInput = z.infer<typeof feedbackInputSchema>;

export const referralInputSchema = z.object({
  schemeId: adrSchemeIdSchema,
  /** The customer confirms the pack is complete and true. */
  confirmed: z.literal(true, { error: 'mustConfirm' }),
});

// ---------- provider, demo ----------

export const providerResponseSchema = providerProfileSchema;
export const demoCustomersResponseSchema = z.object({ customers: z.array(customerSchema) });
export const demoClockSchema = z.object({ now: instant, frozen: z.boolean() });
export type DemoClock = z.infer<typeof demoClockSchema>;
export const demoClockInputSchema = z.union([
  z.object({ now: instant }),
  z.object({ advance: z.enum(clockAdvances) }),
  z.object({ reset: z.literal(true) }),
]);
export type DemoClockInput = z.infer<typeof demoClockInputSchema>;

/** Demo only: the mails the back office has sent (newest first), so the demo and its tests can read a code. */
export const mailSchema = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  lng: mailLanguageSchema,
  sentAt: instant,
});
export type Mail = z.infer<typeof mailSchema>;
export const demoMailboxResponseSchema = z.object({ mails: z.array(mailSchema) });
// ---------- the provider's API (its CRM), docs/decisions/0090-provider-api.md ----------

export const providerUpdateInputSchema = z.object({
  text: required(LIMITS.textMax),
  status: z.enum(['investigating', 'awaitingCustomer', 'acknowledged']).optional(),
});
export type ProviderUpdateInput = z.infer<typeof providerUpdateInputSchema>;
export const providerProposalInputSchema = z.object({ text: required(LIMITS.textMax) });
export const providerMoveInputSchema = z.object({ stageId: z.string().trim().min(1, { error: 'required' }).max(60, { error: 'tooLong' }) });
export const providerLetterInputSchema = z.object({ kind: z.enum(['deadlock', 'adr']) });
export const providerCloseInputSchema = z.object({ text: optionalText(LIMITS.textMax) });
export const providerAcknowledgeInputSchema = z.object({ text: optionalText(LIMITS.textMax) });

/** A case's twin in another system (a connector's, e.g. ServiceNow): its id there, its number, a link for staff. */
export const externalRefInputSchema = z.object({
  id: z.string().trim().min(1, { error: 'required' }).max(200, { error: 'tooLong' }),
  number: z.string().trim().min(1, { error: 'required' }).max(100, { error: 'tooLong' }),
  url: z.url({ protocol: /^https?$/, error: 'invalidUrl' }).max(2000, { error: 'tooLong' }).optional(),
});
export const externalRefSchema = externalRefInputSchema.extend({ system: z.string() });
export type ExternalRef = z.infer<typeof externalRefSchema>;
export const externalRefsResponseSchema = z.object({ externalRefs: z.array(externalRefSchema) });

/** Who a provider key acts as: events its actions cause carry `data.via` = `integration:<id>`. */
export const providerIntegrationSchema = z.object({ id: z.string(), name: z.string(), actor: z.string() });
export type ProviderIntegration = z.infer<typeof providerIntegrationSchema>;

/** A webhook endpoint: where the provider wants the events of the chosen types (docs/decisions/0151-signed-webhooks.md). */
export const webhookInputSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: 'invalidUrl' }).max(2000, { error: 'tooLong' }),
  events: z.array(z.union([timelineEventTypeSchema, z.literal('*')])).min(1, { error: 'required' }).max(40),
});
export type WebhookInput = z.infer<typeof webhookInputSchema>;
export const webhookViewSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.union([timelineEventTypeSchema, z.literal('*')])),
  enabled: z.boolean(),
  /** Why deliveries stopped (too many failures in a row), when they did. */
  disabledReason: z.string().nullable(),
  createdAt: instant,
});
export type WebhookView = z.infer<typeof webhookViewSchema>;
export const webhookCreatedSchema = z.object({ webhook: webhookViewSchema, /** Shown once: sign checks with it. */ secret: z.string() });
export const webhooksResponseSchema = z.object({ webhooks: z.array(webhookViewSchema) });

/** The events feed: `after` is the previous page's `cursor` (absent or '0': from the beginning). */
export const providerEventsQuerySchema = z.object({
  // A position in the feed: a PostgreSQL bigint, so at most 2^63 − 1 (issue 20.10).
  after: z
    .string()
    .regex(/^\d{1,19}$/, { error: 'invalidCursor' })
    .refine((v) => !/^\d+$/.test(v) || BigInt(v) <= 9_223_372_036_854_775_807n, { error: 'invalidCursor' })
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const feedEventSchema = z.object({
  /** Position in the feed: increases in the order events were committed. */
  seq: z.string(),
  reference: z.string(),
  event: timelineEventSchema,
});
export type FeedEvent = z.infer<typeof feedEventSchema>;
export const providerEventsResponseSchema = z.object({
  events: z.array(feedEventSchema),
  /** Pass as `after` next time (the last event's seq, or the given `after` when nothing new). */
  cursor: z.string(),
  hasMore: z.boolean(),
});

// ---------- a customer's own data (issue 20.15: everything held about them, to download) ----------

export const exportedFileSchema = attachmentSchema.extend({
  /** The file's bytes, base64. */
  contentBase64: z.string(),
});
export const accountExportSchema = z.object({
  exportedAt: instant,
  providerId: providerIdSchema,
  /** The account (null for a guest, who has none). */
  customer: customerSchema.nullable(),
  /**
   * Every case raised by the caller (a guest: the case they track), with its timeline, letters, files and the
   * messages sent to the customer about it (email, post, phone; staff's internal notes are never part of it).
   */
  cases: z.array(z.object({ case: caseSchema, timeline: z.array(timelineEventSchema), files: z.array(exportedFileSchema), messages: z.array(caseMessageSchema) })),
  /** Invitations to join an organisation sent to the customer's address, still open (a guest: none). */
  invitations: z.array(receivedInvitationSchema),
});
export type AccountExport = z.infer<typeof accountExportSchema>;
// ---------- the provider's staff workspace (docs/decisions/0130-staff-workspace.md) ----------

export const staffListResponseSchema = z.object({ staff: z.array(staffMemberSchema) });
export const inviteStaffSchema = z.object({ email, name: required(LIMITS.nameMax), role: staffRoleSchema, lng: mailLanguageSchema.optional() });
export type InviteStaff = z.input<typeof inviteStaffSchema>;
export const demoStaffResponseSchema = z.object({ staff: z.array(staffMemberSchema) });

/** The queue's filters (one at a time), each with its count. */
export const queueFilterSchema = z.enum(['overdue', 'dueToday', 'dueSoon', 'adrLetterDue', 'awaitingCustomer', 'unassigned', 'mine', 'supportNeeds']);
export type QueueFilter = z.infer<typeof queueFilterSchema>;
export const staffQueueQuerySchema = z.object({
  filter: queueFilterSchema.optional(),
  stage: z.string().max(60).optional(),
  category: complaintCategorySchema.optional(),
  /** A reference, or part of the customer's name or email. */
  q: z.string().max(LIMITS.nameMax).optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type StaffQueueQuery = z.input<typeof staffQueueQuerySchema>;

/** A clock of the case's current stage as the domain computes it (src/domain/case-clocks.ts), in the procedure's own units. */
export const staffClockSchema = z.object({
  stageId: z.string(),
  clockId: z.string(),
  action: clockActionSchema,
  strength: clockSchema.shape.strength,
  amount: z.number(),
  unit: clockSchema.shape.unit,
  dueAt: instant.nullable(),
  metAt: instant.nullable(),
  state: z.enum(['met', 'metLate', 'due', 'overdue', 'waiting']),
  workingDaysLeft: z.number().int().optional(),
  workingDaysOverdue: z.number().int().optional(),
});
export type StaffClock = z.infer<typeof staffClockSchema>;

export const queueItemSchema = z.object({
  reference: z.string(),
  kind: caseKindSchema,
  status: caseStatusSchema,
  stageId: z.string(),
  category: complaintCategorySchema,
  summary: z.string(),
  customerName: z.string(),
  email: z.string(),
  firstComplainedAt: instant,
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  supportNeeds: z.boolean(),
  /** The earliest unmet clock (due or overdue); null when none runs. */
  next: staffClockSchema.nullable(),
  /** When the ADR letter falls due (null: the scheme has no wait, or a letter was issued). */
  adrLetterDueAt: instant.nullable(),
  adrLetterMissing: z.boolean(),
});
export type QueueItem = z.infer<typeof queueItemSchema>;
export const staffQueueResponseSchema = z.object({
  asOf: instant,
  items: z.array(queueItemSchema),
  /** Open cases matching the search, stage and category, per filter. */
  counts: z.record(queueFilterSchema, z.number().int().min(0)),
  /** Open cases matching the search, stage and category, whatever the filter. */
  matching: z.number().int().min(0),
  /** All open cases matching search, stage, category and filter. */
  total: z.number().int().min(0),
  nextCursor: z.string().nullable(),
});
export type StaffQueueResponse = z.infer<typeof staffQueueResponseSchema>;

export const staffActionIdSchema = z.enum(['acknowledge', 'update', 'requestInfo', 'propose', 'moveStage', 'deadlockLetter', 'adrLetter', 'close']);
export type StaffActionId = z.infer<typeof staffActionIdSchema>;
/** An action on the case, whether its stage allows it (the reason when not), and the clock it meets. */
export const staffActionStateSchema = z.object({
  action: staffActionIdSchema,
  allowed: z.boolean(),
  reason: z.string().optional(),
  meetsClock: z.string().optional(),
  /** The ADR letter the regulator's wait makes owed now: a deadlock or ADR letter meets it. */
  meetsAdrLetter: z.literal(true).optional(),
});
export const internalNoteSchema = z.object({ id: z.string(), at: instant, staffId: z.string(), staffName: z.string(), text: z.string() });
export const receivedBySchema = z.enum(['portal', 'phone', 'letter', 'email']);
export const staffCaseResponseSchema = z.object({
  asOf: instant,
  case: caseSchema,
  /** Changes when the case's timeline grows: send it back with a write (a stale one is refused with what changed). */
  version: z.number().int().min(0),
  events: z.array(timelineEventSchema),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  notes: z.array(internalNoteSchema),
  clocks: z.array(staffClockSchema),
  adr: z.object({ letterDueAt: instant.nullable(), missing: z.boolean() }),
  actions: z.array(staffActionStateSchema),
  receivedBy: receivedBySchema,
  lng: mailLanguageSchema,
  /** The case's twins in other systems (connectors, issue 25): staff see them; customers never do. */
  externalRefs: z.array(externalRefSchema),
});
export type StaffCaseResponse = z.infer<typeof staffCaseResponseSchema>;

const version = z.number({ error: 'required' }).int().min(0);
const replyText = required(LIMITS.textMax);
export const staffActionInputSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('acknowledge'), text: optionalText(LIMITS.textMax), version }),
  z.object({ action: z.literal('update'), text: replyText, version }),
  z.object({ action: z.literal('requestInfo'), text: replyText, version }),
  z.object({ action: z.literal('propose'), text: replyText, version }),
  z.object({ action: z.literal('moveStage'), stageId: z.string().trim().min(1, { error: 'required' }).max(60), version }),
  z.object({ action: z.literal('deadlockLetter'), version }),
  z.object({ action: z.literal('adrLetter'), version }),
  z.object({ action: z.literal('close'), text: optionalText(LIMITS.textMax), version }),
]);
export type StaffActionInput = z.infer<typeof staffActionInputSchema>;
export const staffAssignInputSchema = z.object({ staffId: z.string().max(80).nullable(), version });
export const staffNoteInputSchema = z.object({ text: required(LIMITS.textMax) });

/** A complaint made by phone, letter or email that staff log for the customer: the clocks run from `firstComplainedAt`. */
export const staffLogComplaintSchema = complaintSubmissionSchema.extend({
  firstComplainedAt: instant,
  receivedBy: z.enum(['phone', 'letter', 'email']),
  lng: mailLanguageSchema.default('en'),
});
export type StaffLogComplaint = z.input<typeof staffLogComplaintSchema>;

/**
 * Organisations and customers as staff see them (issue 23.5, docs/decisions/0132-staff-customers.md): a customer found
 * by name, email or organisation, with their cases; a business customer a manager creates by inviting its
 * administrator, who joins by consent (docs/decisions/0105-membership-by-consent.md).
 */
export const staffCustomersQuerySchema = z.object({ q: z.string().trim().max(100, { error: 'tooLong' }).optional() });
export type StaffCustomersQuery = z.input<typeof staffCustomersQuerySchema>;
export const staffCustomerSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string(),
  kind: customerKindSchema,
  organisation: z.string().nullable(),
  organisationId: z.string().nullable(),
  role: z.enum(['admin', 'member']).nullable(),
});
export type StaffCustomer = z.infer<typeof staffCustomerSchema>;
/** A business customer staff created whose administrator has not yet accepted. */
export const pendingOrganisationSchema = z.object({
  organisationId: z.string(),
  organisation: z.string(),
  name: z.string(),
  email: z.string(),
  invitedBy: z.string(),
  invitedAt: instant,
  expiresAt: instant,
});
export type PendingOrganisation = z.infer<typeof pendingOrganisationSchema>;
export const staffCustomersResponseSchema = z.object({
  customers: z.array(staffCustomerSchema),
  /** More customers match than are listed: a narrower search finds them. */
  more: z.boolean(),
  pendingOrganisations: z.array(pendingOrganisationSchema),
});
export type StaffCustomersResponse = z.infer<typeof staffCustomersResponseSchema>;
export const staffCustomerResponseSchema = z.object({
  asOf: instant,
  customer: staffCustomerSchema,
  /** Every case the customer sees in the portal (their own, and their organisation's). */
  cases: z.array(caseSummarySchema),
  /** The other members of their organisation (none: not in one). */
  members: z.array(memberSchema),
});
export type StaffCustomerResponse = z.infer<typeof staffCustomerResponseSchema>;
/** A manager creates a business customer: the organisation and the administrator invited to run its account. */
export const staffCreateOrganisationSchema = z.object({
  organisation: required(LIMITS.nameMax),
  name: required(LIMITS.nameMax),
  email,
  lng: mailLanguageSchema.optional(),
});
export type StaffCreateOrganisation = z.input<typeof staffCreateOrganisationSchema>;

/**
 * Letters to post, calls to make and mail that could not be delivered (docs/decisions/0141-letters-and-calls.md):
 * the staff workspace's list, oldest first. `toDo`: letters to post and calls to make; `failed`: emails that
 * failed after their last try; `done`: posted and called, newest first.
 */
export const staffLettersQuerySchema = z.object({
  show: z.enum(['toDo', 'failed', 'done']).default('toDo'),
  channel: z.enum(['letter', 'phone']).optional(),
});
export type StaffLettersQuery = z.input<typeof staffLettersQuerySchema>;
export const staffLetterSchema = caseMessageSchema.extend({
  reference: z.string(),
  /** Failed tries so far (emails). */
  attempts: z.number().int().min(0),
  /** The class of the last failure (`EENVELOPE 550`), never its words. */
  lastError: z.string().nullable(),
});
export type StaffLetter = z.infer<typeof staffLetterSchema>;
export const staffLettersResponseSchema = z.object({
  /** The back office's time: "posted on" offers its day (the demo's clock may be moved). */
  asOf: instant,
  items: z.array(staffLetterSchema),
  counts: z.object({ toDo: z.number().int().min(0), failed: z.number().int().min(0) }),
});
export type StaffLettersResponse = z.infer<typeof staffLettersResponseSchema>;
/** A letter posted or a call made, on a day (the provider's calendar date; not after today). */
export const staffLetterDoneSchema = z.object({ on: z.iso.date({ error: 'invalidDate' }) });

/** The customer asks for (or stops) email updates beside their letters or calls. */
export const emailUpdatesInputSchema = z.object({ emailUpdates: z.boolean({ error: 'required' }) });

/**
 * The provider's integrations as its managers see them in the staff workspace (docs/decisions/0142-integrations-page.md):
 * each connector's state over the events feed, the webhook endpoints, and the deliveries that failed.
 */
export const connectorStatusSchema = z.object({
  /** The connector's name (`servicenow`; `webhooks`: the webhook dispatcher's own reading of the feed). */
  connector: z.string(),
  lastSyncAt: instant.nullable(),
  /** Events in the feed it has not read yet. */
  backlog: z.number().int().min(0),
  /** Failures in a row (0 once a run succeeds), and the class of the last one. */
  failures: z.number().int().min(0),
  lastError: z.string().nullable(),
});
export type ConnectorStatus = z.infer<typeof connectorStatusSchema>;
export const webhookFailureSchema = z.object({
  id: z.string(),
  endpointId: z.string(),
  reference: z.string(),
  eventType: z.string(),
  attempts: z.number().int().min(0),
  /** The receiver's HTTP status, or null when it could not be reached. */
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: instant,
});
export type WebhookFailure = z.infer<typeof webhookFailureSchema>;
export const staffIntegrationsResponseSchema = z.object({
  connectors: z.array(connectorStatusSchema),
  webhooks: z.array(webhookViewSchema.extend({ consecutiveFailures: z.number().int().min(0) })),
  failedDeliveries: z.array(webhookFailureSchema),
});
export type StaffIntegrationsResponse = z.infer<typeof staffIntegrationsResponseSchema>;
// ---------- the provider's proof: the complaints register and the compliance report (issue 23.7, decision 0131) ----------

const isoDay = z.iso.date({ error: 'invalidDate' });
/** A period of days in the provider's records: from `from` (included) to `to` (included), by when complaints were received. */
export const staffPeriodQuerySchema = z
  .object({ from: isoDay, to: isoDay })
  .refine((p) => p.from <= p.to, { path: ['to'], error: 'beforeFrom' });
export type StaffPeriodQuery = z.input<typeof staffPeriodQuerySchema>;

const registerClockSchema = z.object({
  stageId: z.string(),
  clockId: z.string(),
  dueAt: instant.nullable(),
  metAt: instant.nullable(),
  state: z.enum(['met', 'metLate', 'due', 'overdue', 'waiting']),
  hoursToMeet: z.number().nullable(),
});
export const registerRowSchema = z.object({
  reference: z.string(),
  received: instant,
  channel: z.enum(['portal', 'phone', 'letter', 'email']),
  category: z.string(),
  customerKind: z.string(),
  supportNeeds: z.boolean(),
  stages: z.array(z.string()),
  clocks: z.array(registerClockSchema),
  letters: z.array(z.object({ kind: z.string(), channel: z.string(), at: instant })),
  referral: z.object({ schemeId: z.string(), referredAt: instant }).nullable(),
  outcome: caseStatusSchema,
});
export type RegisterRow = z.infer<typeof registerRowSchema>;
export const staffRegisterResponseSchema = z.object({ asOf: instant, from: isoDay, to: isoDay, rows: z.array(registerRowSchema) });
export type StaffRegisterResponse = z.infer<typeof staffRegisterResponseSchema>;

export const staffComplianceResponseSchema = z.object({
  asOf: instant,
  from: isoDay,
  to: isoDay,
  cases: z.number().int(),
  clocks: z.array(
    z.object({
      stageId: z.string(),
      clockId: z.string(),
      counted: z.number().int(),
      metOnTime: z.number().int(),
      metLate: z.number().int(),
      missed: z.number().int(),
      share: z.number().nullable(),
      medianHours: z.number().nullable(),
      p90Hours: z.number().nullable(),
    }),
  ),
  adrLetters: z.object({ onTime: z.number().int(), late: z.number().int(), missing: z.number().int() }),
  referrals: z.array(z.object({ schemeId: z.string(), count: z.number().int() })),
});
export type StaffComplianceResponse = z.infer<typeof staffComplianceResponseSchema>;
