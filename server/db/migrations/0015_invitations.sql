-- Invitations to join an organisation (docs/decisions/0105-membership-by-consent.md): an administrator's offer
-- to an address, answered by its owner once signed in. Nothing about the invitee changes before they accept.
CREATE TABLE invitations (
  id              text PRIMARY KEY,
  provider_id     text NOT NULL,
  organisation_id text NOT NULL,
  organisation    text NOT NULL,
  email_lower     text NOT NULL,
  name            text NOT NULL,
  invited_by      text NOT NULL,
  invited_by_name text NOT NULL,
  created_at      timestamptz NOT NULL,
  expires_at      timestamptz NOT NULL,
  status          text NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'revoked'))
);
CREATE INDEX invitations_email ON invitations (provider_id, email_lower) WHERE status = 'pending';
CREATE INDEX invitations_organisation ON invitations (organisation_id) WHERE status = 'pending';
GRANT SELECT, INSERT, UPDATE, DELETE ON invitations TO redress_app;

-- Who may see an invitation (src/core/organisation.ts `invitationAdmits`), from the settings of the core's
-- visibility rule (migration 0005): all of the provider's (scope_all), those of the scope's organisation, and
-- those sent to the address of the customer the scope names (read here, not taken from the request). No scope: none.
CREATE FUNCTION redress_invitation_admits(p_provider text, p_organisation text, p_email text)
RETURNS boolean
LANGUAGE sql STABLE
AS $$
  SELECT coalesce(
    p_provider = nullif(current_setting('redress.provider_id', true), '')
    AND (
      current_setting('redress.scope_all', true) = 'on'
      OR p_organisation = nullif(current_setting('redress.organisation_id', true), '')
      OR p_email = (SELECT c.email_lower FROM customers c
                    WHERE c.id = nullif(current_setting('redress.customer_id', true), '') AND c.provider_id = p_provider)
    ),
    false)
$$;

ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
CREATE POLICY invitations_in_scope ON invitations TO redress_app
  USING (redress_invitation_admits(provider_id, organisation_id, email_lower))
  WITH CHECK (redress_invitation_admits(provider_id, organisation_id, email_lower));
