import type { ExternalRef, WebhookView } from '@/api/schemas';
import type { Attachment, Case, CaseStatus, ConnectorStatus, Customer, Mail, MailLanguage, MessageChannel, MessageStatus, QueueFilter, StaffMember, TimelineEvent, WebhookFailure } from '@/api/schemas';
import type { ProviderId } from '@/domain/profile-schema';
import type { CaseScope } from './visibility';

/**
 * The back-office core's view of the world: the small interfaces its use-cases run over. Two adapters
 * implement them — the simulated back office in the browser (mocks/, IndexedDB) and the server
 * (server/, PostgreSQL or PGlite). Nothing here knows of MSW, HTTP or SQL.
 */

/** How the simulated provider keeps its promises on a case: on time, late, or not at all. */
export type Behaviour = 'prompt' | 'late' | 'silent';

/** A case as the back office stores it: the public case plus what only the back office knows. */
export type StoredCase = Omit<Case, 'raisedBy' | 'sharedWithOrganisation'> & {
  behaviour: Behaviour;
  /** The organisation whose members all see the case (a small business); null for a person's own case. */
  organisationId: string | null;
  /** Its twins in other systems (connectors); for the provider and its staff, never in the customer's answers. */
  externalRefs?: ExternalRef[];
  /** The provider's staff member working the case (./staff.ts); absent or null: unassigned. */
  assigneeId?: string | null;
  /** Notes the provider's staff keep on the case: never shown to the customer, never in their data. */
  internalNotes?: InternalNote[];
  /** How the complaint reached the provider when staff logged it (phone, letter, email); absent: the portal. */
  receivedBy?: ReceivedBy;
  /** The language the customer is written to in (a complaint staff logged says it; absent: English). */
  lng?: MailLanguage;
};

export type { Caller, CaseScope } from './visibility';
export { scopeOf } from './visibility';
/** A note a staff member kept on a case (back office only). */
export interface InternalNote {
  id: string;
  at: string;
  staffId: string;
  staffName: string;
  text: string;
}

export type ReceivedBy = 'portal' | 'phone' | 'letter' | 'email';

/** A member of the provider's staff (docs/decisions/0130-staff-workspace.md): not a customer. */
export type { StaffMember } from '@/api/schemas';


export type CaseSortKey = 'updated' | 'deadline';

export interface CaseQuery {
  status?: readonly CaseStatus[];
  stage?: string;
  /** Free text: the reference, or the beginnings of words of the summary (domain `normaliseForSearch`). */
  q?: string;
  sort: CaseSortKey;
  /** Opaque, from a previous page's `nextCursor`. */
  cursor?: string;
  limit: number;
}

// ---------- the staff queue (./staff-queue.ts) ----------

/** The instants the time-dependent filters compare stored due dates with, and who "mine" is. */
export interface QueueBounds {
  now: Date;
  /** Due today: a due date before this (the start of the next working day). */
  dueTodayBefore: Date;
  /** Due within two working days: a due date before this (the start of the third working day after today). */
  dueSoonBefore: Date;
  staffId: string;
}

/** A position in the queue's order: queueAt ascending (none last), then the reference (code-point order). */
export interface QueuePosition {
  queueAt: string | null;
  reference: string;
}

export interface QueueStoreQuery {
  filter?: QueueFilter | undefined;
  stage?: string | undefined;
  category?: string | undefined;
  q?: string | undefined;
  /** Only cases after this position. */
  after?: QueuePosition | null;
  limit: number;
}

export interface QueueStorePage {
  /** Up to `limit + 1` cases, in the queue's order, each with the position it was sorted by (one more: a next page). */
  rows: { c: StoredCase; position: QueuePosition }[];
  /** Cases matching the stage, category and search (whatever the filter), and per filter. */
  matching: number;
  counts: Record<QueueFilter, number>;
}

export interface CasePage {
  cases: StoredCase[];
  nextCursor: string | null;
  /** Cases matching the filters (all pages). */
  total: number;
}

export interface StoredAttachment {
  meta: Attachment;
  providerId: ProviderId;
  caseRef: string | null;
  /** The session (or 'guest') that uploaded it, so only its uploader can attach it to a case. */
  uploader: string;
  /** Random key of the bytes in the file store. */
  storageKey: string;
}

export interface IdempotentReply {
  status: number;
  body: unknown;
}

/** What claiming an Idempotency-Key found. */
export type IdempotencyClaim =
  | { state: 'claimed' }
  | { state: 'inProgress' }
  | { state: 'done'; fingerprint: string; reply: IdempotentReply };

/** One unit of work: everything a use-case changes is committed together or not at all. */
export interface BackOfficeTx {
  /**
   * Whose unit of work this is from here on, before it reads or writes anyone's record (customers, staff, mail):
   * the caller's scope once known (null: no one — an anonymous caller, a session that ended), a session's own
   * person while the session is resolved, the address being signed in (`signInScope`), or the provider's for its
   * jobs, the demo and the operator's command line. The server gives it to its row-level-security policies (a
   * second lock beside each query's own provider filter: docs/decisions/0136-sign-in-scope.md); the simulated
   * back office has no second lock and keeps nothing. Methods that name a scope (findCase…) still set their own.
   */
  actFor(scope: CaseScope | null): void;
  /**
   * The case in scope. `lock`: held for this unit of work (a write that checks what it read — a version, a stage — is
   * not raced by another unit of work on the same case; the second waits and then reads what the first committed).
   */
  findCase(scope: CaseScope, reference: string, opts?: { lock?: boolean }): Promise<StoredCase | null>;
  listCases(scope: CaseScope, query: CaseQuery, now: Date): Promise<CasePage>;
  /** Every open case in scope whose next timed step may be due (for the simulated provider and jobs). */
  openCases(scope: CaseScope): Promise<StoredCase[]>;
  /** The staff queue's page, its per-filter counts and how many match, by the keys stored with each case (./staff-queue.ts). */
  staffQueue(scope: CaseScope, query: QueueStoreQuery, bounds: QueueBounds): Promise<QueueStorePage>;
  /**
   * false when the reference is taken (the caller draws another) — or the store finds it taken when the unit of
   * work commits, and runs the unit of work again, which draws another (PostgreSQL: docs/decisions/0172).
   */
  insertCase(c: StoredCase): Promise<boolean>;
  updateCase(c: StoredCase): Promise<void>;
  appendEvents(reference: string, events: readonly TimelineEvent[]): Promise<void>;
  timeline(reference: string): Promise<TimelineEvent[]>;

  insertAttachment(a: StoredAttachment): Promise<void>;
  findAttachment(id: string): Promise<StoredAttachment | null>;
  linkAttachment(id: string, reference: string): Promise<void>;

  /** Completes a claimed key with the answer to replay, in the same unit of work as the change. */
  completeIdempotency(scope: string, key: string, fingerprint: string, reply: IdempotentReply): Promise<void>;

  /** Demo only (the demo's customer picker): every customer of the provider. No request of the portal reads them all. */
  customers(providerId: ProviderId): Promise<Customer[]>;
  findCustomer(providerId: ProviderId, id: string): Promise<Customer | null>;
  /** The customers with these ids (any order; unknown ids are left out). */
  findCustomers(providerId: ProviderId, ids: readonly string[]): Promise<Customer[]>;
  /** The members of an organisation, oldest first. */
  organisationMembers(providerId: ProviderId, organisationId: string): Promise<Customer[]>;
  findCustomerByEmail(providerId: ProviderId, email: string): Promise<Customer | null>;
  insertCustomer(c: Customer): Promise<void>;
  /** Replaces a customer's record (an organisation link added or removed). */
  updateCustomer(c: Customer): Promise<void>;
  /**
   * Gives a customer the cases raised as a guest with their email (aboutYou.email, any case) that belong to no
   * one yet, as the customer's own: never an organisation's (decision 0105). Returns how many.
   */
  attachGuestCases(providerId: ProviderId, email: string, customerId: string): Promise<number>;

  /** Sessions are stored by the SHA-256 of their token; the token itself exists only in the cookie. */
  insertSession(s: StoredSession): Promise<void>;
  findSession(tokenHash: string): Promise<StoredSession | null>;
  touchSession(tokenHash: string, at: Date): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Ends every session of a customer (removed from an organisation). */
  deleteCustomerSessions(providerId: ProviderId, customerId: string): Promise<void>;

  /** One-time sign-in codes, stored by hash (see StoredSignInCode). */
  insertSignInCode(c: StoredSignInCode): Promise<void>;
  /** The newest code sent to this address (lower-cased), used or not. */
  latestSignInCode(providerId: ProviderId, email: string): Promise<StoredSignInCode | null>;
  findSignInCodeByLink(providerId: ProviderId, linkHash: string): Promise<StoredSignInCode | null>;
  /**
   * Counts one try, atomically (one UPDATE … SET tries = tries + 1 … RETURNING, issue 20.2), on every live code
   * of this address — unused, expiring after `now`, with fewer than `maxTries` — and answers them with their
   * new count. Concurrent tries each see their own count: no more than `maxTries` checks ever reach a code.
   */
  countSignInCodeTry(providerId: ProviderId, email: string, now: Date, maxTries: number): Promise<StoredSignInCode[]>;
  /** Drops every code of this address (one was used: all are spent). */
  deleteSignInCodes(providerId: ProviderId, email: string): Promise<void>;

  /**
   * Counts one attempt against `key` in a fixed window of `windowMs` starting at the key's first attempt, and
   * answers the count so far in that window (this one included) and when the window ends.
   */
  hitRateLimit(key: string, now: Date, windowMs: number): Promise<{ count: number; resetAt: Date }>;
}

/**
 * A one-time sign-in code and link (epic-stack's verification model): the 6-digit code and the link's token
 * exist only in the mail; the store keeps their HMAC with the server's secret, how many tries were made and
 * when it expires.
 */
export interface StoredSignInCode {
  id: string;
  providerId: ProviderId;
  /** Lower-cased. */
  email: string;
  purpose: 'signIn' | 'guest';
  /** The case a guest code opens; null for an account's. */
  reference: string | null;
  codeHash: string;
  linkHash: string;
  tries: number;
  createdAt: string;
  expiresAt: string;
  /** Set once it has signed someone in: a used code is refused. */
  usedAt: string | null;
}

/** A mail as the back office sends it. */
export interface OutgoingMail {
  id: string;
  providerId: ProviderId;
  to: string;
  subject: string;
  text: string;
  /** The same message as HTML (messages about a case); sign-in mails are plain text only. */
  html?: string;
  lng: MailLanguage;
  sentAt: string;
}

/** Sends mail: SMTP or an outbox table on the server, an in-memory mailbox in the simulated back office. */
/**
 * `within`: the unit of work a message about a case is sent from (./notifications.ts `deliverMessage`). A mailer
 * that writes to the database (the server's outbox) writes in it: the embedded database has one connection, which
 * that unit of work holds, so a write on another would wait for it until the pool gives up.
 */
export interface Mailer {
  send(mail: OutgoingMail, within?: BackOfficeTx): Promise<void>;
  /**
   * Sends and waits for the mail server's answer, throwing when it refuses or cannot be reached (messages about
   * a case are retried). Absent: `send` is awaited instead.
   */
  deliver?(mail: OutgoingMail, within?: BackOfficeTx): Promise<void>;
}

export type { Mail };

export type SessionScope = { kind: 'customer'; customerId: string } | { kind: 'guest'; reference: string; email: string } | { kind: 'staff'; staffId: string };

export interface StoredSession {
  tokenHash: string;
  providerId: ProviderId;
  scope: SessionScope;
  createdAt: string;
  lastSeenAt: string;
}

// ---- retention (./retention.ts) ----

/** The instants before which each kind of record goes. */
export interface PruneCutoffs {
  sessionsIdleBefore: Date;
  sessionsCreatedBefore: Date;
  signInCodesExpiredBefore: Date;
  rateLimitsStartedBefore: Date;
  idempotencyBefore: Date;
  outboxBefore: Date;
  invitationsExpiredBefore: Date;
}

export interface PruneCounts {
  sessions: number;
  signInCodes: number;
  rateLimits: number;
  idempotency: number;
  outbox: number;
  invitations: number;
}

export interface BackOfficeStore {
  transaction<T>(run: (tx: BackOfficeTx) => Promise<T>): Promise<T>;
  /**
   * Claims a key for a request before it runs, committed at once so a concurrent repeat sees 'inProgress'.
   * A claim in progress is a lease: one not claimed or renewed for `leaseMs` (its request died) may be claimed again.
   */
  claimIdempotency(scope: string, key: string, fingerprint: string, now: Date, leaseMs: number): Promise<IdempotencyClaim>;
  /**
   * Counts one hit in the rate-limit window of each key (distinct keys; the window rule of ./windows.ts: one that is
   * over starts again at 1), committed at once and on its own, like a claim: the counts and when each window ends,
   * in the order of `keys`.
   */
  hitRateLimits(keys: readonly string[], now: Date, windowMs: number): Promise<{ count: number; resetAt: Date }[]>;
  /** Renews the lease of a claim still in progress (its request is still running), from `now`. */
  renewIdempotency(scope: string, key: string, now: Date): Promise<void>;
  /** Drops a claim whose request failed without a change, so a retry runs it afresh. */
  releaseIdempotency(scope: string, key: string): Promise<void>;
  /** Deletes what has outlived its retention (./retention.ts): expired sessions and codes, old rate-limit windows, replies, mail. */
  prune(cutoffs: PruneCutoffs): Promise<PruneCounts>;
  /**
   * Which of these file-store keys an attachment's row names, of any provider and any case (the orphan sweep,
   * ./retention.ts: a key no row names is a file whose row was never written, or was undone).
   */
  storageKeysInUse(keys: readonly string[]): Promise<Set<string>>;
  /**
   * When the demo's simulated provider last played its part, per scope (ms of back-office time), kept with the
   * store's data so a reload of the page does not replay 10,000 cases at the same instant (./use-cases.ts). Optional:
   * without it the process remembers.
   */
  simulatedProviderRuns?(): Record<string, number>;
}

/** A file in the file store, as its listing gives it (the orphan sweep, issue 20.4). */
export interface ListedFile {
  key: string;
  /** When its bytes were last written. */
  modifiedAt: Date;
}

export interface FileStore {
  put(key: string, bytes: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array | null>;
  delete(key: string): Promise<void>;
  /** Every file last written before `olderThan`, in no particular order (./retention.ts's orphan sweep). */
  list(olderThan: Date): AsyncIterable<ListedFile>;
}

export interface TimeSource {
  now(): Date;
}

export interface BackOfficeDeps {
  store: BackOfficeStore;
  files: FileStore;
  /** The back office's clock (the demo can move it): case clocks, deadlines, letters. */
  time: TimeSource;
  /**
   * The real clock: sessions, sign-in codes and rate limits run on it, never on the demo's movable clock.
   * Defaults to `new Date()`; tests inject one to see a code or a session expire.
   */
  realTime?: TimeSource;
  mailer: Mailer;
  /**
   * Whether the deployment may send webhooks to an address (the server resolves it and refuses its own networks,
   * server/webhooks/address.ts); absent: only https is required (the simulated back office never sends).
   */
  webhookAddressCheck?: (url: string) => Promise<WebhookAddressProblem | null>;
  /**
   * The simulated back office (the demo, the tests): since when it has been running, so that as its clock moves
   * it issues the ADR letters that fall due from then on, as the server's case checks do (./adr-letter.ts).
   * Unset: a read issues none (the server's jobs do).
   */
  automaticLettersSince?: () => Date | null;
  /**
   * The server's secret: sign-in codes, links and rate-limit keys are stored as HMACs with it
   * (docs/decisions/0100-sign-in-and-request-hardening.md). Unset: the simulated back office's fixed one.
   */
  secret?: string;
  /**
   * What the server's integrations keep outside the portal's role (connector state, webhook deliveries): read for
   * the staff's integrations page and a failed delivery sent again. Unset (the simulated back office): no connector
   * runs and nothing is delivered.
   */
  integrations?: (tx: BackOfficeTx) => IntegrationsPort;
  /** The fonts letters are set in (./letter-pdf.ts); unset: read from the portal's PDF fonts. */
  letterFonts?: () => Promise<LetterFonts>;
}

/** The fonts a letter's PDF is set in (./letter-pdf.ts): DejaVu Sans, regular and bold. */
export interface LetterFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

/** The server's integrations seen from the staff workspace (docs/decisions/0142-integrations-page.md). */
export interface IntegrationsPort {
  connectors(providerId: ProviderId): Promise<ConnectorStatus[]>;
  /** Consecutive failed deliveries of each of the provider's endpoints, by endpoint id. */
  endpointFailures(providerId: ProviderId): Promise<Record<string, number>>;
  failedDeliveries(providerId: ProviderId, limit: number): Promise<WebhookFailure[]>;
  /** A failed delivery pending again, now, and its endpoint enabled; false when there is no such failed delivery. */
  retryDelivery(providerId: ProviderId, id: string): Promise<boolean>;
}

/** A provider's webhook endpoint as kept (docs/decisions/0151-signed-webhooks.md). */
export interface StoredWebhook extends WebhookView {
  providerId: ProviderId;
  /** The signing secret: kept to sign with (it cannot be hashed), shown to the provider once. */
  secret: string;
}

export type WebhookAddressProblem = 'httpsRequired' | 'privateAddress' | 'unresolvable' | 'credentialsInUrl';


// ---------- the provider's API (docs/decisions/0090-provider-api.md) ----------
// Kept as its own block (BackOfficeTx is merged with the declaration above) so it stays apart from sign-in.

/** One integration of the provider's own system (its CRM): a key, stored only as its SHA-256. */
export interface StoredIntegration {
  id: string;
  providerId: ProviderId;
  name: string;
  createdAt: string;
  /** Set when the key was revoked; a revoked key is refused like an unknown one. */
  revokedAt: string | null;
}

/** A timeline event in the provider's feed: its position (increasing in commit order) and its case. */
export interface StoredFeedEvent {
  seq: string;
  reference: string;
  event: TimelineEvent;
}

export interface BackOfficeTx {
  findIntegrationByKeyHash(keyHash: string): Promise<StoredIntegration | null>;

  // ---- retention (./retention.ts) ----
  /** Up to `limit` resolved or closed cases of the provider last changed before `before`, not yet anonymised (any scope). */
  closedCasesBefore(providerId: ProviderId, before: Date, limit: number): Promise<StoredCase[]>;
  /** Replaces a case's timeline events (same ids, same order) — their personal data erased. */
  replaceTimeline(reference: string, events: readonly TimelineEvent[]): Promise<void>;
  /** Removes an attachment's record (its bytes are the caller's to delete from the file store). */
  deleteAttachment(id: string): Promise<void>;
  /**
   * Removes up to `limit` of the provider's pending uploads (on no case yet) uploaded before `before`, and answers
   * them (their bytes are the caller's to delete). One attached meanwhile is not removed (issue 20.4's sweep).
   */
  deletePendingAttachmentsBefore(providerId: ProviderId, before: Date, limit: number): Promise<StoredAttachment[]>;
  /** The bytes of the uploader's pending uploads (on no case yet) at the provider (issue 20.4's quota). */
  pendingUploadBytes(providerId: ProviderId, uploader: string): Promise<number>;
  /** Events of every case in scope with a position after `after` ('0': from the start), in order, at most `limit`. */
  eventsAfter(scope: CaseScope, after: string, limit: number): Promise<StoredFeedEvent[]>;
  /** The provider's webhook endpoints (docs/decisions/0151-signed-webhooks.md). */
  insertWebhook(w: StoredWebhook): Promise<void>;
  webhooks(providerId: ProviderId): Promise<StoredWebhook[]>;
  deleteWebhook(providerId: ProviderId, id: string): Promise<boolean>;
}

// ---------- messages to the customer (docs/decisions/0140-notifications.md) ----------
// Kept as its own block (merged with the declaration above).

/**
 * A message about a case, recorded in the same unit of work as the event it tells of: one per event and
 * channel (the store's unique key), composed and sent after commit. The copy as sent is kept on the row.
 */
export interface StoredMessage {
  id: string;
  providerId: ProviderId;
  reference: string;
  eventId: string;
  /** The template (locales/<lng>/mail.json `case.<kind>`). */
  kind: string;
  channel: MessageChannel;
  /** An email address, a postal address on one line, or a phone number — from the case it is about. */
  recipient: string;
  lng: MailLanguage;
  status: MessageStatus;
  /** Failed tries so far. */
  attempts: number;
  lastError: string | null;
  createdAt: string;
  doneAt: string | null;
  subject: string | null;
  text: string | null;
  /** What the message tells (names, dates as ISO, ids), taken from its case when it was recorded. */
  facts: Record<string, string>;
}

export interface CaseHistory {
  events: TimelineEvent[];
  messages: StoredMessage[];
}

export interface BackOfficeTx {
  /** Records messages; one already recorded for the same event and channel is left as it is (nothing twice). */
  insertMessages(messages: readonly StoredMessage[]): Promise<void>;
  /** The messages of a case in the caller's scope (set by a findCase before), oldest first. */
  caseMessages(reference: string): Promise<StoredMessage[]>;
  /**
   * The histories of several cases in `scope`, in one read (the register and the compliance report, ./staff-proof.ts):
   * each case's timeline in order and its messages oldest first. A reference outside the scope is absent.
   */
  caseHistories(scope: CaseScope, references: readonly string[]): Promise<Map<string, CaseHistory>>;
  /** Ids of the provider's email messages still to send, oldest first. */
  pendingMessageIds(providerId: ProviderId, limit: number): Promise<string[]>;
  /**
   * The message, locked for this unit of work, when it is still pending; null when it is gone, already sent or
   * failed, or another unit of work holds it (another instance is sending it).
   */
  claimMessage(providerId: ProviderId, id: string): Promise<StoredMessage | null>;
  updateMessage(m: StoredMessage): Promise<void>;
  /** The provider's messages with one of `statuses`, oldest first, at most `limit` (staff's letters to post). */
  messagesWithStatus(providerId: ProviderId, statuses: readonly MessageStatus[], limit: number): Promise<StoredMessage[]>;
  /** How many of the provider's messages are in each status (absent: none). */
  messageCounts(providerId: ProviderId): Promise<Partial<Record<MessageStatus, number>>>;
  /** One of the provider's messages by id, locked for this unit of work (staff record it posted). */
  findMessage(providerId: ProviderId, id: string): Promise<StoredMessage | null>;
}

// ---------- the provider's staff (docs/decisions/0130-staff-workspace.md) ----------

export interface BackOfficeTx {
  /** The provider's staff, removed ones included (removedAt set), oldest first. */
  staffMembers(providerId: ProviderId): Promise<StaffMember[]>;
  /** One member of the provider's staff by id, removed or not (removedAt set), or null: every staff request asks (issue 21.4). */
  findStaffMember(providerId: ProviderId, id: string): Promise<StaffMember | null>;
  /** A current (not removed) staff member by address, lower-cased. */
  findStaffByEmail(providerId: ProviderId, email: string): Promise<StaffMember | null>;
  insertStaff(s: StaffMember): Promise<void>;
  updateStaff(s: StaffMember): Promise<void>;
  /** Ends every session of a staff member (removed). */
  deleteStaffSessions(providerId: ProviderId, staffId: string): Promise<void>;
}

// ---------- invitations to join an organisation (docs/decisions/0105-membership-by-consent.md) ----------

/** An administrator's offer to an address; nothing about the address's owner changes until they accept. */
export interface StoredInvitation {
  id: string;
  providerId: ProviderId;
  organisationId: string;
  /** The organisation's name when invited. */
  organisation: string;
  /** Lower-cased. */
  email: string;
  /** The name the administrator gave (a new account takes it when the invitee first signs in). */
  name: string;
  /** The administrator's customer id and name. */
  invitedBy: string;
  invitedByName: string;
  createdAt: string;
  expiresAt: string;
  status: 'pending' | 'accepted' | 'declined' | 'revoked';
  /** What the invitee becomes on accepting: a member (an administrator's invitation), or the administrator of a business customer staff created. Absent: member. */
  role?: 'admin' | 'member';
}

/**
 * Who may see an invitation: the provider's own system (scope 'provider') every one; a customer those of their
 * organisation and those sent to their own address. On the server the row-level-security policy of the
 * `invitations` table says the same.
 */
export type InvitationScope = { providerId: ProviderId; kind: 'provider' } | { providerId: ProviderId; kind: 'customer'; customerId: string; email: string; organisationId: string | null };

export interface BackOfficeTx {
  insertInvitation(scope: InvitationScope, invitation: StoredInvitation): Promise<void>;
  updateInvitation(scope: InvitationScope, invitation: StoredInvitation): Promise<void>;
  findInvitation(scope: InvitationScope, id: string): Promise<StoredInvitation | null>;
  /** Pending (any age) invitations of an organisation, oldest first. */
  organisationInvitations(scope: InvitationScope, organisationId: string): Promise<StoredInvitation[]>;
  /** Pending (any age) invitations sent to an address (lower-cased), oldest first. */
  invitationsFor(scope: InvitationScope, email: string): Promise<StoredInvitation[]>;
  /** Pending (any age) invitations of the provider to be an organisation's administrator (business customers staff created), oldest first. */
  adminInvitations(providerId: ProviderId): Promise<StoredInvitation[]>;
}

// ---------- customers as staff find them (./staff-customers.ts) ----------

export interface BackOfficeTx {
  /**
   * The provider's customers whose name, email or organisation contains `q` (case-insensitive; empty: any), by name
   * then id, at most `limit`.
   */
  searchCustomers(providerId: ProviderId, q: string, limit: number): Promise<Customer[]>;
}

// ---------- alerts to staff (./alerts.ts) ----------

/**
 * An alert to a member of staff (docs/decisions/0133-staff-alerts.md, 0134): recorded once under its key in the unit of
 * work that decides it is due, with its mail composed; the mail leaves after commit (`deliverAlert`), as a message
 * to a customer does.
 */
export interface StoredAlert {
  providerId: ProviderId;
  /** `clock|reference|stage|clock|due` (an agent's clock of a case at its due date) or `summary|day|manager`. */
  key: string;
  /** The case a clock's alert is about (retention removes it with the case); null for a summary. */
  reference: string | null;
  /** When it was recorded, on the back office's clock (retention counts its age on the same clock). */
  at: string;
  /** The mail to send; its id is the Message-ID's, the same on every try. */
  mail: Omit<OutgoingMail, 'sentAt'>;
  status: 'pending' | 'sent' | 'failed';
  /** Failed tries so far. */
  attempts: number;
  lastError: string | null;
}

export interface BackOfficeTx {
  /**
   * Records the alert (pending), in the unit of work that decides it is due: true the first time, false when its key
   * was recorded already — by an earlier run, another instance or a concurrent one (the store's unique key decides;
   * nothing is sent twice).
   */
  recordAlert(alert: StoredAlert): Promise<boolean>;
  /** Keys of the provider's alerts still to send, oldest first. */
  pendingAlertKeys(providerId: ProviderId, limit: number): Promise<string[]>;
  /**
   * The alert, locked for this unit of work, while it is still pending; null when it is gone, sent or failed, or
   * another unit of work holds it (another instance is sending it).
   */
  claimAlert(providerId: ProviderId, key: string): Promise<StoredAlert | null>;
  updateAlert(alert: StoredAlert): Promise<void>;
  /**
   * Removes the provider's alerts recorded before `before`, and every alert about one of `references` (retention:
   * ./retention.ts); answers how many went.
   */
  deleteAlerts(providerId: ProviderId, which: { before?: Date; references?: readonly string[] }): Promise<number>;
}
