-- Signed webhooks (docs/decisions/0151-signed-webhooks.md). Delivered by the server's dispatcher on its own
-- connection; deliveries are not reachable under the portal's role.

CREATE TABLE webhook_endpoints (
  id                   text PRIMARY KEY,
  provider_id          text NOT NULL,
  url                  text NOT NULL,
  events               text[] NOT NULL,
  -- The signing secret: needed in clear to sign with; only the provider's key can see it, and only once.
  secret               text NOT NULL,
  enabled              boolean NOT NULL DEFAULT true,
  disabled_reason      text,
  consecutive_failures integer NOT NULL DEFAULT 0,
  created_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_endpoints_provider ON webhook_endpoints (provider_id);

-- One delivery per endpoint and event, in feed order (seq); per endpoint and case, only the earliest pending one
-- is sent, so a case's events arrive in order. Retried with backoff for a day, then failed (shown to staff).
CREATE TABLE webhook_deliveries (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  endpoint_id   text NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  seq           bigint NOT NULL,
  reference     text NOT NULL,
  event_id      text NOT NULL,
  payload       jsonb NOT NULL,
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts      integer NOT NULL DEFAULT 0,
  next_at       timestamptz NOT NULL,
  last_status   integer,
  last_error    text,
  delivered_at  timestamptz,
  created_at    timestamptz NOT NULL,
  UNIQUE (endpoint_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_case ON webhook_deliveries (endpoint_id, reference, seq) WHERE status = 'pending';

-- Endpoints are registered through the provider API, inside its unit of work (as redress_app): only the
-- provider's own, and only under a provider's scope.
GRANT SELECT, INSERT, DELETE ON webhook_endpoints TO redress_app;
ALTER TABLE webhook_endpoints ENABLE ROW LEVEL SECURITY;
CREATE POLICY webhook_endpoints_of_provider ON webhook_endpoints TO redress_app
  USING (current_setting('redress.scope_kind', true) = 'provider' AND provider_id = current_setting('redress.provider_id', true))
  WITH CHECK (current_setting('redress.scope_kind', true) = 'provider' AND provider_id = current_setting('redress.provider_id', true));
