-- Row-level security (docs/decisions/0072-row-level-security.md). The server runs each transaction as
-- redress_app (SET LOCAL ROLE) with the caller's scope in transaction-local settings:
--   redress.scope_kind       'customer' | 'guest' | 'provider'
--   redress.provider_id      every scope is one provider's
--   redress.customer_id      customer: their own cases …
--   redress.organisation_id  … and their organisation's ('' when none)
--   redress.reference        guest: the one case
-- No scope set: no case is visible. The store's queries filter by scope too; this is the second lock.

DO $$
BEGIN
  CREATE ROLE redress_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL; -- another database on this cluster made it already
END
$$;
GRANT redress_app TO CURRENT_USER;

GRANT USAGE ON SCHEMA public TO redress_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON customers, organisations, organisation_members, cases, case_events, attachments, idempotency TO redress_app;

CREATE FUNCTION redress_scope_admits(p_provider text, p_customer text, p_organisation text, p_reference text)
RETURNS boolean
LANGUAGE sql STABLE
AS $$
  SELECT coalesce(
    p_provider = current_setting('redress.provider_id', true)
    AND CASE current_setting('redress.scope_kind', true)
      WHEN 'provider' THEN true
      WHEN 'customer' THEN p_customer = current_setting('redress.customer_id', true)
        OR (p_organisation IS NOT NULL AND p_organisation = nullif(current_setting('redress.organisation_id', true), ''))
      WHEN 'guest' THEN p_reference = current_setting('redress.reference', true)
      ELSE false
    END,
    false)
$$;

ALTER TABLE cases ENABLE ROW LEVEL SECURITY;
CREATE POLICY cases_in_scope ON cases TO redress_app
  USING (redress_scope_admits(provider_id, customer_id, organisation_id, reference))
  WITH CHECK (redress_scope_admits(provider_id, customer_id, organisation_id, reference));

-- An event is visible exactly when its case is (the subquery is itself under the cases policy).
ALTER TABLE case_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_events_in_scope ON case_events TO redress_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.reference = case_events.reference))
  WITH CHECK (EXISTS (SELECT 1 FROM cases c WHERE c.reference = case_events.reference));

-- A file attached to a case follows its case. A file not yet attached (uploaded before the complaint is
-- submitted, possibly by someone with no session) is found by its id alone: 80 random bits, known only to
-- its uploader; the core checks its provider and uploader before attaching it.
ALTER TABLE attachments ENABLE ROW LEVEL SECURITY;
CREATE POLICY attachments_in_scope ON attachments TO redress_app
  USING (case_ref IS NULL OR EXISTS (SELECT 1 FROM cases c WHERE c.reference = attachments.case_ref))
  WITH CHECK (case_ref IS NULL OR EXISTS (SELECT 1 FROM cases c WHERE c.reference = attachments.case_ref));
