-- The provider's staff workspace (docs/decisions/0130-staff-workspace.md): members of the provider's staff sign
-- in with a one-time code like customers, and see every case of their provider and nothing of another's.

CREATE TABLE staff (
  id          text PRIMARY KEY,
  provider_id text NOT NULL,
  -- lower-cased, so sign-in finds a member of staff by email whatever the case
  email_lower text NOT NULL,
  data        jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  removed_at  timestamptz
);
-- One current member of staff per address and provider (a removed one may be invited again).
CREATE UNIQUE INDEX staff_provider_email ON staff (provider_id, email_lower) WHERE removed_at IS NULL;
GRANT SELECT, INSERT, UPDATE ON staff TO redress_app;

-- Row-level security needs no change for staff: the policy function reads the scope's rule (migration 0005,
-- src/core/visibility.ts), and a staff scope's rule is every case of its provider (redress.scope_all).
