-- Connectors: Redress in front of another case system (docs/decisions/0150-connector-runtime.md).
-- Written only by the connector runtime, which uses the server's own connection (not the redress_app role):
-- nothing here is readable through the portal's API.

-- Where each connector is: its position in the provider's events feed, and how far it has read the other
-- system (that system's own clock, as the system writes it). Committed after every step, so a crash repeats
-- at most the step it was in.
CREATE TABLE connector_state (
  connector        text PRIMARY KEY,
  feed_cursor      text NOT NULL DEFAULT '0',
  remote_watermark text,
  last_sync_at     timestamptz,
  last_error       text,
  failures         integer NOT NULL DEFAULT 0,
  -- One active runner across instances: a lease taken and renewed with one atomic UPDATE each (a crashed
  -- runner's lease runs out by itself). PGlite's pool has one connection, so no runner can hold a session lock.
  lease_owner      text,
  lease_until      timestamptz,
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- The other system's records already turned into Redress actions (journal entries, state changes), so the
-- overlap window of the next poll repeats nothing.
CREATE TABLE connector_seen (
  connector   text NOT NULL,
  external_id text NOT NULL,
  seen_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (connector, external_id)
);

-- A Redress case's twin in the other system: its id, its number and a link for staff; one twin per system.
CREATE TABLE connector_links (
  connector   text NOT NULL,
  reference   text NOT NULL,
  external_id text NOT NULL,
  number      text,
  url         text,
  -- The other system's state last turned into a Redress action (so a state is acted on once).
  last_state  text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (connector, reference),
  UNIQUE (connector, external_id)
);
CREATE INDEX connector_links_number ON connector_links (connector, number);
