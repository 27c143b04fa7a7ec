-- Who may see a case, as the core's rule (src/core/visibility.ts `ruleOf`, docs/decisions/0096-one-visibility-rule.md):
-- the policy no longer names kinds of caller; it reads the rule the store sets (server/store/scope-sql.ts):
--   redress.provider_id      every scope is one provider's
--   redress.scope_all        'on': every case of the provider
--   redress.customer_id      otherwise a case whose customer …
--   redress.organisation_id  … or organisation …
--   redress.reference        … or reference is this ('' : none)
-- A new kind of caller needs no change here. No scope set: no case is visible.

CREATE OR REPLACE FUNCTION redress_scope_admits(p_provider text, p_customer text, p_organisation text, p_reference text)
RETURNS boolean
LANGUAGE sql STABLE
AS $$
  SELECT coalesce(
    p_provider = nullif(current_setting('redress.provider_id', true), '')
    AND (
      current_setting('redress.scope_all', true) = 'on'
      OR p_customer = nullif(current_setting('redress.customer_id', true), '')
      OR p_organisation = nullif(current_setting('redress.organisation_id', true), '')
      OR p_reference = nullif(current_setting('redress.reference', true), '')
    ),
    false)
$$;
