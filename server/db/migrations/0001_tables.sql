-- Redress back office: the tables. PostgreSQL 15 subset (also run on PGlite). Ids are made by the core.

CREATE TABLE customers (
  id          text PRIMARY KEY,
  provider_id text NOT NULL,
  -- lower-cased, so sign-in finds a customer by email whatever the case
  email_lower text NOT NULL,
  data        jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customers_provider_email ON customers (provider_id, email_lower);

-- A small business: its members see all its cases.
CREATE TABLE organisations (
  id          text PRIMARY KEY,
  provider_id text NOT NULL,
  name        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE organisation_members (
  organisation_id text NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  customer_id     text NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  role            text NOT NULL CHECK (role IN ('admin', 'member')),
  PRIMARY KEY (organisation_id, customer_id)
);
CREATE INDEX organisation_members_customer ON organisation_members (customer_id);

-- A case: the columns the back office filters, sorts and scopes by; the rest of the stored case in `data`.
CREATE TABLE cases (
  reference           text PRIMARY KEY,
  provider_id         text NOT NULL,
  customer_id         text,
  organisation_id     text,
  status              text NOT NULL,
  stage_id            text NOT NULL,
  updated_at          timestamptz NOT NULL,
  first_complained_at timestamptz NOT NULL,
  -- earliest unmet clock of the current stage (domain nextDeadline), null when no clock runs or the case is closed
  next_deadline_at    timestamptz,
  -- ' ' || normaliseForSearch(summary): ' ' || token finds the start of a word
  search_words        text NOT NULL,
  -- the reference without separators, lower case
  ref_compact         text NOT NULL,
  data                jsonb NOT NULL
);
CREATE INDEX cases_customer_updated ON cases (provider_id, customer_id, updated_at DESC, reference);
CREATE INDEX cases_organisation_updated ON cases (provider_id, organisation_id, updated_at DESC, reference) WHERE organisation_id IS NOT NULL;
CREATE INDEX cases_provider_deadline ON cases (provider_id, next_deadline_at, updated_at DESC, reference);
CREATE INDEX cases_provider_status ON cases (provider_id, status);

-- A case's timeline, in the order it happened (seq).
CREATE TABLE case_events (
  seq       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  reference text NOT NULL REFERENCES cases (reference) ON DELETE CASCADE,
  event_id  text NOT NULL UNIQUE,
  at        timestamptz NOT NULL,
  event     jsonb NOT NULL
);
CREATE INDEX case_events_reference ON case_events (reference, seq);

-- An uploaded file: its metadata; the bytes are in the file store under storage_key.
CREATE TABLE attachments (
  id          text PRIMARY KEY,
  provider_id text NOT NULL,
  case_ref    text REFERENCES cases (reference) ON DELETE CASCADE,
  uploader    text NOT NULL,
  storage_key text NOT NULL UNIQUE,
  meta        jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachments_case ON attachments (case_ref) WHERE case_ref IS NOT NULL;

-- Idempotency-Key: a claim before the request runs, then the answer to replay, committed with the change.
CREATE TABLE idempotency (
  scope       text NOT NULL,
  key         text NOT NULL,
  fingerprint text NOT NULL,
  state       text NOT NULL CHECK (state IN ('in_progress', 'done')),
  status      integer,
  body        jsonb,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_created ON idempotency (created_at);

-- Sign-in (one-time codes, sessions) gets its own migrations.
