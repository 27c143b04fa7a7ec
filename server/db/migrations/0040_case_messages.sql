-- Messages to the customer about their case (docs/decisions/0140-notifications.md): one row per event and
-- channel, written in the same transaction as the event, sent after commit by the `deliver-message` job. The row
-- keeps the copy as sent (the letters log) and, for email, the tries and the last error (status 'failed' after
-- the last try, for staff).
CREATE TABLE case_messages (
  id          text PRIMARY KEY,
  provider_id text NOT NULL,
  reference   text NOT NULL REFERENCES cases (reference),
  event_id    text NOT NULL,
  kind        text NOT NULL,
  channel     text NOT NULL CHECK (channel IN ('email', 'letter', 'phone')),
  recipient   text NOT NULL,
  lng         text NOT NULL,
  status      text NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'toPost', 'posted', 'toCall', 'called')),
  attempts    integer NOT NULL DEFAULT 0,
  last_error  text,
  created_at  timestamptz NOT NULL,
  done_at     timestamptz,
  subject     text,
  body        text,
  facts       jsonb NOT NULL,
  -- Nothing twice: one message per event and channel.
  UNIQUE (event_id, channel)
);
CREATE INDEX case_messages_case ON case_messages (reference, created_at);
CREATE INDEX case_messages_pending ON case_messages (provider_id, created_at) WHERE status = 'pending';

GRANT SELECT, INSERT, UPDATE ON case_messages TO redress_app;

-- A message is visible exactly when its case is (as case_events).
ALTER TABLE case_messages ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_messages_in_scope ON case_messages TO redress_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.reference = case_messages.reference))
  WITH CHECK (EXISTS (SELECT 1 FROM cases c WHERE c.reference = case_messages.reference));
