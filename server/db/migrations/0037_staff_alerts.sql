-- Alerts to the provider's staff (issue 23.6, docs/decisions/0133-staff-alerts.md): one row per alert sent — an
-- agent's clock of a case at its due date, a manager's summary of a day — inserted ON CONFLICT DO NOTHING in the
-- unit of work that writes the mail to the outbox, so each is sent once across runs, restarts and instances.
CREATE TABLE staff_alerts (
  provider_id text NOT NULL,
  key         text NOT NULL,
  sent_at     timestamptz NOT NULL,
  PRIMARY KEY (provider_id, key)
);
GRANT SELECT, INSERT, DELETE ON staff_alerts TO redress_app;
