-- Row-level security on staff_alerts (issue 20/23, docs/decisions/0135-row-level-security-coverage.md): an alert
-- is one provider's, seen and written only under a scope that admits every case of that provider — its staff, or
-- the provider scope its timed jobs (hourly alerts, deliver-staff-alert, retention) run under. A customer's or a
-- guest's scope, another provider's, or no scope at all sees no row and cannot write one.
ALTER TABLE staff_alerts ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_alerts_of_provider ON staff_alerts TO redress_app
  USING (provider_id = nullif(current_setting('redress.provider_id', true), '') AND current_setting('redress.scope_all', true) = 'on')
  WITH CHECK (provider_id = nullif(current_setting('redress.provider_id', true), '') AND current_setting('redress.scope_all', true) = 'on');
