-- The provider's API (docs/decisions/0090-provider-api.md) and timed case checks (0091).

-- One integration of the provider's own system (its CRM): the key is stored only as its SHA-256 (hex).
CREATE TABLE integrations (
  id          text PRIMARY KEY,
  provider_id text NOT NULL,
  name        text NOT NULL,
  key_hash    text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);
-- Read by key hash inside the API's transactions; written only by the CLI (the connection's own user).
GRANT SELECT ON integrations TO redress_app;

-- A timed check records each system event once: a second, concurrent check of the same case fails here and is
-- retried, and then sees the first one's event.
CREATE UNIQUE INDEX case_events_system_once ON case_events (
  reference,
  (event->>'type'),
  (event->>'stageId'),
  (coalesce(event->'data'->>'overdueClockId', '')),
  (coalesce(event->'data'->>'dueAt', ''))
) WHERE event->>'actor' = 'system';
