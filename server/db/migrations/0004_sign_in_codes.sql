-- One-time sign-in codes and links (docs/decisions/0080-passwordless-sign-in.md): only their SHA-256 is kept.
CREATE TABLE sign_in_codes (
  id           text PRIMARY KEY,
  provider_id  text NOT NULL,
  email_lower  text NOT NULL,
  purpose      text NOT NULL CHECK (purpose IN ('signIn', 'guest')),
  reference    text,
  code_hash    text NOT NULL,
  link_hash    text NOT NULL UNIQUE,
  tries        integer NOT NULL DEFAULT 0,
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  used_at      timestamptz
);
CREATE INDEX sign_in_codes_email ON sign_in_codes (provider_id, email_lower, created_at DESC);

-- Fixed-window rate-limit counters, by key (an address appears only as its hash).
CREATE TABLE rate_limits (
  key         text PRIMARY KEY,
  started_at  timestamptz NOT NULL,
  count       integer NOT NULL
);

-- Mail written when no SMTP server is configured (and the demo server's mailbox).
CREATE TABLE outbox (
  id          text PRIMARY KEY,
  provider_id text NOT NULL,
  recipient   text NOT NULL,
  subject     text NOT NULL,
  body        text NOT NULL,
  lng         text NOT NULL,
  sent_at     timestamptz NOT NULL
);
CREATE INDEX outbox_sent ON outbox (provider_id, sent_at DESC);

GRANT SELECT, INSERT, UPDATE, DELETE ON sign_in_codes, rate_limits, outbox TO redress_app;
