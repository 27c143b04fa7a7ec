-- Row-level security on customers, staff and outbox (issue 20/23; docs/decisions/0136-sign-in-scope.md), the three
-- tables decision 0135 left uncovered. The policies read the settings of the core's scope (src/core/visibility.ts
-- `scopeSettings`, migrations 0002/0005), given by the store (`actFor`, or a method that names a scope), plus one:
--   redress.email    the address being signed in ('' otherwise), with redress.scope_kind = 'signIn'
-- A customer's scope sees their own record and their organisation's members; the provider's whole scope (its staff,
-- its jobs, the demo, the operator) all its customers, staff and mail; a sign-in scope only the customer and staff
-- records of its provider with its address, and no mail; a guest, another provider or no scope: nothing. Each query keeps its own
-- provider filter: this is the second lock.

-- ---------- customers ----------

CREATE FUNCTION redress_customer_admits(p_provider text, p_id text, p_organisation text, p_email text)
RETURNS boolean
LANGUAGE sql STABLE
AS $$
  SELECT coalesce(
    p_provider = nullif(current_setting('redress.provider_id', true), '')
    AND (
      current_setting('redress.scope_all', true) = 'on'
      OR p_id = nullif(current_setting('redress.customer_id', true), '')
      OR p_organisation = nullif(current_setting('redress.organisation_id', true), '')
      OR (current_setting('redress.scope_kind', true) = 'signIn' AND p_email = nullif(current_setting('redress.email', true), ''))
    ),
    false)
$$;

ALTER TABLE customers ENABLE ROW LEVEL SECURITY;
-- Seen: as above.
CREATE POLICY customers_seen ON customers FOR SELECT TO redress_app
  USING (redress_customer_admits(provider_id, id, data->>'organisationId', email_lower));
-- Made only by the provider's whole scope: its staff and demo seed, the operator's command line, and an invitee's
-- first sign-in (organisation.ts accountForInvitee runs it after reading the invitation as the provider's).
CREATE POLICY customers_made ON customers FOR INSERT TO redress_app
  WITH CHECK (provider_id = nullif(current_setting('redress.provider_id', true), '') AND current_setting('redress.scope_all', true) = 'on');
-- Changed: a record the scope sees (not by a sign-in lookup), still seen afterwards (PostgreSQL checks the changed row
-- against the SELECT policy too). An organisation's administrator taking a member out (decision 0105), after which
-- the record is no longer theirs to see, is written as the provider's (organisation.ts removeMember).
CREATE POLICY customers_changed ON customers FOR UPDATE TO redress_app
  USING (redress_customer_admits(provider_id, id, data->>'organisationId', email_lower) AND current_setting('redress.scope_kind', true) IS DISTINCT FROM 'signIn')
  WITH CHECK (redress_customer_admits(provider_id, id, data->>'organisationId', email_lower) AND current_setting('redress.scope_kind', true) IS DISTINCT FROM 'signIn');
-- No DELETE policy: nothing the portal does deletes a customer, so redress_app deletes none.
REVOKE DELETE ON customers FROM redress_app;

-- ---------- staff ----------

ALTER TABLE staff ENABLE ROW LEVEL SECURITY;
-- Seen by the provider's whole scope (its staff: the staff pages, a staff session; its jobs: alerts), and by a
-- sign-in lookup for that address. Customers and guests see no member of staff.
CREATE POLICY staff_seen ON staff FOR SELECT TO redress_app
  USING (
    provider_id = nullif(current_setting('redress.provider_id', true), '')
    AND (current_setting('redress.scope_all', true) = 'on'
         OR (current_setting('redress.scope_kind', true) = 'signIn' AND email_lower = nullif(current_setting('redress.email', true), ''))));
-- Added and changed (removed) only by the provider's whole scope: a manager's request (the core checks the role) or the demo seed.
CREATE POLICY staff_made ON staff FOR INSERT TO redress_app
  WITH CHECK (provider_id = nullif(current_setting('redress.provider_id', true), '') AND current_setting('redress.scope_all', true) = 'on');
CREATE POLICY staff_changed ON staff FOR UPDATE TO redress_app
  USING (provider_id = nullif(current_setting('redress.provider_id', true), '') AND current_setting('redress.scope_all', true) = 'on')
  WITH CHECK (provider_id = nullif(current_setting('redress.provider_id', true), '') AND current_setting('redress.scope_all', true) = 'on');

-- ---------- outbox ----------

ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
-- Read by the provider's whole scope only; the demo's mailbox and retention read and delete as the server's own user.
CREATE POLICY outbox_seen ON outbox FOR SELECT TO redress_app
  USING (provider_id = nullif(current_setting('redress.provider_id', true), '') AND current_setting('redress.scope_all', true) = 'on');
-- Written by the provider's whole scope only: the message and alert senders write each mail in their unit of work,
-- under the provider's scope (notifications.ts deliverMessage, alerts.ts deliverAlert). A reply's mails (sign-in
-- codes, invitations), written after their unit of work has committed, are written by the server's own user.
CREATE POLICY outbox_written ON outbox FOR INSERT TO redress_app
  WITH CHECK (provider_id = nullif(current_setting('redress.provider_id', true), '') AND current_setting('redress.scope_all', true) = 'on');
-- A mail once written is not changed or removed by the portal's role (retention runs as the server's own user).
REVOKE UPDATE, DELETE ON outbox FROM redress_app;
