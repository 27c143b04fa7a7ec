-- The demo's mailbox lists the outbox newest first, by sent_at: two mails stamped in the same millisecond (two
-- deliveries running side by side) came in either order, so "the newest mail to an address" could be the older.
-- The order in which they were written breaks the tie.
ALTER TABLE outbox ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
DROP INDEX outbox_sent;
CREATE INDEX outbox_sent ON outbox (provider_id, sent_at DESC, seq DESC);
