import type { Customer, StaffMember } from '@/api/schemas';
import type { ProviderId } from '@/domain/profile-schema';

/**
 * Who may see a case: the one rule (docs/decisions/0096-one-visibility-rule.md). Both stores decide with
 * `admits`/`admitter` (the simulated back office's filter, the server's checks in TypeScript); the server's
 * WHERE clause (server/store/scope-sql.ts `inScope`) and its row-level-security settings (`scopeSettings`,
 * read by the policy function `redress_scope_admits`, migration 0005) are made from the same `ruleOf`, and
 * server/store/visibility.test.ts runs every scope × case through all three.
 *
 * A new kind of caller is one change here: a member of `CaseScope` and its line in `ruleOf` (and in `scopeOf`
 * for the caller it comes from). The SQL forms need none: they read the rule, not the kind.
 */

/** Who is asking. Every case read and write is scoped by it, in the store's query as well as here. */
export type Caller =
  | { kind: 'anonymous'; providerId: ProviderId }
  | {
      kind: 'customer';
      providerId: ProviderId;
      sessionId: string;
      customer: Customer;
      organisationId: string | null;
    }
  | { kind: 'guest'; providerId: ProviderId; sessionId: string; reference: string; email: string }
  /** The provider's own system (its CRM) through the provider API, or a timed job: every case of the provider. */
  | { kind: 'provider'; providerId: ProviderId; actor: string; /** The integration's name, for a key's caller. */ name?: string }
  /** A member of the provider's staff, signed in with a code (docs/decisions/0130-staff-workspace.md). */
  | { kind: 'staff'; providerId: ProviderId; sessionId: string; staff: StaffMember };

/** Which cases a query may touch. */
export type CaseScope =
  | { providerId: ProviderId; kind: 'customer'; customerId: string; organisationId: string | null }
  | { providerId: ProviderId; kind: 'guest'; reference: string }
  | { providerId: ProviderId; kind: 'provider' }
  | { providerId: ProviderId; kind: 'staff'; staffId: string }
  /**
   * Sign-in, before anyone is known: the address being signed in (trimmed, lower case). It admits no case; on the
   * server it lets the sign-in lookups see the provider's customer and staff records with that address and
   * nothing else (docs/decisions/0136-sign-in-scope.md). Made by `signInScope`, never by `scopeOf`.
   */
  | { providerId: ProviderId; kind: 'signIn'; email: string };

/** The scope of a sign-in lookup for `email` (any case, surrounding spaces ignored). */
export function signInScope(providerId: ProviderId, email: string): CaseScope {
  return { providerId, kind: 'signIn', email: email.trim().toLowerCase() };
}

export function scopeOf(caller: Caller): CaseScope | null {
  switch (caller.kind) {
    case 'customer':
      return { providerId: caller.providerId, kind: 'customer', customerId: caller.customer.id, organisationId: caller.organisationId };
    case 'guest':
      return { providerId: caller.providerId, kind: 'guest', reference: caller.reference };
    case 'provider':
      return { providerId: caller.providerId, kind: 'provider' };
    case 'staff':
      return { providerId: caller.providerId, kind: 'staff', staffId: caller.staff.id };
    default:
      return null;
  }
}

/** The fields of a case the rule reads. */
export interface ScopedCase {
  providerId: ProviderId;
  customerId: string | null;
  organisationId: string | null;
  reference: string;
}

/**
 * What a scope admits, as data: the cases of `providerId` that are all admitted (`all`), or whose customer,
 * organisation or reference equals the value given (null: that field admits nothing).
 */
export interface ScopeRule {
  providerId: ProviderId;
  all: boolean;
  customerId: string | null;
  organisationId: string | null;
  reference: string | null;
}

export function ruleOf(scope: CaseScope): ScopeRule {
  const none: ScopeRule = { providerId: scope.providerId, all: false, customerId: null, organisationId: null, reference: null };
  switch (scope.kind) {
    case 'provider':
      // The provider's own system (its CRM) and its timed jobs: every case of the provider.
      return { ...none, all: true };
    case 'staff':
      // A member of the provider's staff: every case of their provider, nothing of another's.
      return { ...none, all: true };
    case 'guest':
      // Someone who proved the case's email address: that one case.
      return { ...none, reference: scope.reference };
    case 'customer':
      // Their own cases, and their organisation's (a small business's members all see its cases).
      return { ...none, customerId: scope.customerId, organisationId: scope.organisationId };
    case 'signIn':
      // An address being signed in: no case (the people it may see are the store's policies' business).
      return none;
  }
}

/** The rule as a predicate, made once for a scope (for filtering many cases). */
export function admitter(scope: CaseScope): (c: ScopedCase) => boolean {
  const r = ruleOf(scope);
  return (c) =>
    c.providerId === r.providerId &&
    (r.all ||
      (r.customerId !== null && c.customerId === r.customerId) ||
      (r.organisationId !== null && c.organisationId === r.organisationId) ||
      (r.reference !== null && c.reference === r.reference));
}

/** Whether `scope` admits case `c`. */
export function admits(scope: CaseScope, c: ScopedCase): boolean {
  return admitter(scope)(c);
}

/**
 * The transaction-local settings the row-level-security policy reads (name, value; '' for none). The policy
 * function is the rule in SQL over these settings, whatever the scope's kind; `redress.scope_kind` is set
 * for logs and other policies that name a kind, and the visibility policy does not read it.
 */
export function scopeSettings(scope: CaseScope): [string, string][] {
  const r = ruleOf(scope);
  return [
    ['redress.scope_kind', scope.kind],
    ['redress.provider_id', r.providerId],
    ['redress.scope_all', r.all ? 'on' : ''],
    ['redress.customer_id', r.customerId ?? ''],
    ['redress.organisation_id', r.organisationId ?? ''],
    ['redress.reference', r.reference ?? ''],
    // Read only by the policies on people's records (customers, staff, outbox: migration 0100), with scope_kind 'signIn'.
    ['redress.email', scope.kind === 'signIn' ? scope.email : ''],
  ];
}

/** The settings of no scope: every policy then admits nothing (a caller that turned out anonymous). */
export function noScopeSettings(): [string, string][] {
  return scopeSettings({ providerId: 'nasstar', kind: 'guest', reference: '' }).map(([name]) => [name, '']);
}

export function sameScope(a: CaseScope | null, b: CaseScope): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}
