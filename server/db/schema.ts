import type { ColumnType, Generated } from 'kysely';

/** The tables as Kysely sees them (server/db/migrations/ is the truth; keep the two in step). */

/** timestamptz: pg reads a Date; we write a Date or an ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** jsonb: pg reads parsed JSON; we write JSON text (pg would turn a JS array into a PostgreSQL array). */
type Json<T> = ColumnType<T, string, string>;

export interface CustomersTable {
  id: string;
  provider_id: string;
  email_lower: string;
  data: Json<unknown>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface CasesTable {
  reference: string;
  provider_id: string;
  customer_id: string | null;
  organisation_id: string | null;
  status: string;
  stage_id: string;
  updated_at: Timestamp;
  first_complained_at: Timestamp;
  next_deadline_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  search_words: string;
  ref_compact: string;
  /** server/db/migrations/0035_staff_queue.sql */
  in_queue: ColumnType<boolean, boolean | undefined, boolean>;
  adr_letter_due_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  queue_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  assignee_id: string | null;
  support_needs: ColumnType<boolean, boolean | undefined, boolean>;
  category: string | null;
  staff_search: ColumnType<string, string | undefined, string>;
  queue_keys_version: number | null;
  data: Json<unknown>;
}

export interface CaseEventsTable {
  seq: Generated<string>;
  reference: string;
  event_id: string;
  at: Timestamp;
  event: Json<unknown>;
}

export interface AttachmentsTable {
  id: string;
  provider_id: string;
  case_ref: string | null;
  uploader: string;
  storage_key: string;
  meta: Json<unknown>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface IdempotencyTable {
  scope: string;
  key: string;
  fingerprint: string;
  state: 'in_progress' | 'done';
  status: number | null;
  body: ColumnType<unknown, string | null, string | null>;
  created_at: Timestamp;
}

export interface SessionsTable {
  token_hash: string;
  provider_id: string;
  scope: Json<unknown>;
  created_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface SignInCodesTable {
  id: string;
  provider_id: string;
  email_lower: string;
  purpose: 'signIn' | 'guest';
  reference: string | null;
  code_hash: string;
  link_hash: string;
  tries: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface RateLimitsTable {
  key: string;
  started_at: Timestamp;
  count: number;
}

export interface OutboxTable {
  id: string;
  provider_id: string;
  recipient: string;
  subject: string;
  body: string;
  lng: string;
  sent_at: Timestamp;
  /** The order written: breaks a tie of sent_at (migration 0101). */
  seq: Generated<string>;
}

export interface IntegrationsTable {
  id: string;
  provider_id: string;
  name: string;
  key_hash: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** server/db/migrations/0040_case_messages.sql */
export interface CaseMessagesTable {
  id: string;
  provider_id: string;
  reference: string;
  event_id: string;
  kind: string;
  channel: 'email' | 'letter' | 'phone';
  recipient: string;
  lng: string;
  status: string;
  attempts: number;
  last_error: string | null;
  created_at: Timestamp;
  done_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  subject: string | null;
  body: string | null;
  facts: Json<Record<string, string>>;
}

export interface StaffTable {
  id: string;
  provider_id: string;
  email_lower: string;
  data: Json<unknown>;
  created_at: Timestamp;
  removed_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface InvitationsTable {
  id: string;
  provider_id: string;
  organisation_id: string;
  organisation: string;
  email_lower: string;
  name: string;
  invited_by: string;
  invited_by_name: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  status: 'pending' | 'accepted' | 'declined' | 'revoked';
  role: ColumnType<'member' | 'admin', 'member' | 'admin' | undefined, 'member' | 'admin'>;
}

export interface StaffAlertsTable {
  provider_id: string;
  key: string;
  /** When the alert was recorded (the back office's clock). */
  sent_at: Timestamp;
  reference: string | null;
  /** The mail (src/core/ports.ts StoredAlert['mail']); null on rows sent before migration 0038. */
  mail: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  status: Generated<string>;
  attempts: Generated<number>;
  last_error: string | null;
}

export interface Database {
  staff_alerts: StaffAlertsTable;
  case_messages: CaseMessagesTable;
  staff: StaffTable;
  invitations: InvitationsTable;
  sign_in_codes: SignInCodesTable;
  rate_limits: RateLimitsTable;
  outbox: OutboxTable;
  integrations: IntegrationsTable;
  sessions: SessionsTable;
  customers: CustomersTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  attachments: AttachmentsTable;
  idempotency: IdempotencyTable;
}
