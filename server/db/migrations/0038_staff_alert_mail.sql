-- Alerts to staff leave after commit (docs/decisions/0134-staff-alerts-after-commit.md): the row recorded with the
-- alert keeps its mail, and a `deliver-staff-alert` job enqueued with the same COMMIT sends it, locking the row
-- FOR UPDATE SKIP LOCKED while it is pending (as case_messages). `sent_at` is when the alert was recorded, on the
-- back office's clock (retention counts from it); `reference` names the case of a clock's alert, so that retention
-- removes it with the case. Rows written before this migration were sent inside their transaction: 'sent'.
ALTER TABLE staff_alerts
  ADD COLUMN reference  text,
  ADD COLUMN mail       jsonb,
  ADD COLUMN status     text NOT NULL DEFAULT 'sent' CHECK (status IN ('pending', 'sent', 'failed')),
  ADD COLUMN attempts   integer NOT NULL DEFAULT 0,
  ADD COLUMN last_error text;
ALTER TABLE staff_alerts ALTER COLUMN status SET DEFAULT 'pending';
CREATE INDEX staff_alerts_age ON staff_alerts (provider_id, sent_at);
CREATE INDEX staff_alerts_case ON staff_alerts (provider_id, reference) WHERE reference IS NOT NULL;
CREATE INDEX staff_alerts_pending ON staff_alerts (provider_id, sent_at) WHERE status = 'pending';
GRANT UPDATE ON staff_alerts TO redress_app;
