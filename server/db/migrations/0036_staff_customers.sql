-- Organisations and customers for staff (issue 23.5, docs/decisions/0132-staff-customers.md): an invitation says what
-- the invitee becomes on accepting. 'member': an organisation administrator's invitation (decision 0105);
-- 'admin': the administrator of a business customer the provider's staff created.
ALTER TABLE invitations ADD COLUMN role text NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'admin'));
CREATE INDEX invitations_admin ON invitations (provider_id) WHERE status = 'pending' AND role = 'admin';
