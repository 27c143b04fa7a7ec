-- Server-side sessions: stored by the SHA-256 of their token (the token exists only in the HttpOnly cookie).
CREATE TABLE sessions (
  token_hash   text PRIMARY KEY,
  provider_id  text NOT NULL,
  scope        jsonb NOT NULL,
  created_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL
);
CREATE INDEX sessions_last_seen ON sessions (last_seen_at);
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions TO redress_app;
