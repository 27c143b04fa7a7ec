import { describe, expect, it } from 'vitest';
import { admits, ruleOf, scopeOf, scopeSettings, type Caller, type ScopedCase } from './visibility';

const c = (over: Partial<ScopedCase> = {}): ScopedCase => ({ providerId: 'nasstar', customerId: 'cus_a', organisationId: null, reference: 'NAS-1', ...over });

describe('who may see a case', () => {
  it('a customer sees their own cases and their organisation’s, of their provider only', () => {
    const scope = { providerId: 'nasstar', kind: 'customer', customerId: 'cus_a', organisationId: 'org_1' } as const;
    expect(admits(scope, c())).toBe(true);
    expect(admits(scope, c({ customerId: 'cus_b', organisationId: 'org_1' }))).toBe(true);
    expect(admits(scope, c({ customerId: 'cus_b', organisationId: 'org_2' }))).toBe(false);
    expect(admits(scope, c({ customerId: null }))).toBe(false);
    expect(admits(scope, c({ providerId: 'ask4' }))).toBe(false);
  });

  it('a customer in no organisation is not matched by cases in none either', () => {
    const scope = { providerId: 'nasstar', kind: 'customer', customerId: 'cus_a', organisationId: null } as const;
    expect(admits(scope, c({ customerId: 'cus_b', organisationId: null }))).toBe(false);
  });

  it('a guest sees the one case, and the provider every case of its own', () => {
    expect(admits({ providerId: 'nasstar', kind: 'guest', reference: 'NAS-1' }, c({ customerId: null }))).toBe(true);
    expect(admits({ providerId: 'nasstar', kind: 'guest', reference: 'NAS-2' }, c())).toBe(false);
    expect(admits({ providerId: 'nasstar', kind: 'provider' }, c({ customerId: 'anyone' }))).toBe(true);
    expect(admits({ providerId: 'ask4', kind: 'provider' }, c())).toBe(false);
  });

  it('gives the policy the rule, never an empty value that could match', () => {
    const settings = Object.fromEntries(scopeSettings({ providerId: 'nasstar', kind: 'guest', reference: 'NAS-1' }));
    expect(settings).toMatchObject({ 'redress.provider_id': 'nasstar', 'redress.scope_all': '', 'redress.customer_id': '', 'redress.reference': 'NAS-1' });
    expect(ruleOf({ providerId: 'nasstar', kind: 'provider' }).all).toBe(true);
  });

  it('an anonymous caller has no scope', () => {
    const anonymous: Caller = { kind: 'anonymous', providerId: 'nasstar' };
    expect(scopeOf(anonymous)).toBeNull();
  });
});
