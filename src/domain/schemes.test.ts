import { getScheme, publishedSchemeContact, schemes, subjectRedirects } from './schemes';
import { getProfile } from './profiles';
import { adrSchemeIdSchema } from './profile-schema';

describe('ADR schemes', () => {
  it('has data for every scheme a profile can name', () => {
    for (const id of adrSchemeIdSchema.options) expect(getScheme(id).id).toBe(id);
  });
  it('CISAS: consumers and businesses of up to 10 employees, 6 weeks since 8 April 2026, 12 months from a deadlock letter, £10,000, files up to 40 MB', () => {
    const c = schemes.cisas;
    expect(c.contact.website).toBe('https://www.cedr.com/cisas/');
    expect(c.contactSource?.url).toBe('https://www.cedr.com/cisas/cisas-rules/');
    expect(c.rules[1]).toMatchObject({ effectiveFrom: '2026-04-08', maxEmployees: 10, waitWeeks: 6, timeLimit: { months: 12, from: 'deadlockLetter' }, claimCapPence: 1_000_000 });
    expect(c.rules[1]!.excludedSubjects).toEqual(
      expect.arrayContaining(['fraud', 'propertyDamage', 'discrimination', 'dataProtection', 'content', 'inCourt', 'anotherScheme', 'noSubstance']),
    );
    expect(c.evidence?.fileKinds).toEqual(expect.arrayContaining(['docx', 'doc', 'pdf', 'png', 'jpg', 'msg']));
    expect(c.evidence?.maxTotalBytes).toBe(40 * 1024 * 1024);
  });
  it('issue 22 point 5: the Communications Ombudsman (formerly OS:C) has no details of its own; each procedure\'s are its own', () => {
    expect(schemes.osc.contact).toEqual({});
    expect(publishedSchemeContact(getProfile('netservers'))).toMatchObject({ source: 'procedure', contact: { email: 'osenquiries@os-communications.org' } });
    expect(publishedSchemeContact(getProfile('miso'))).toMatchObject({ source: 'procedure', contact: { textphone: '0330 440 1600' } });
    expect(publishedSchemeContact(getProfile('miso'))?.contact.email).toBeUndefined();
    expect(publishedSchemeContact(getProfile('ask4'))).toBeNull();
    expect(publishedSchemeContact(getProfile('commsombudsman'))).toBeNull();
    expect(publishedSchemeContact(getProfile('nasstar'))).toMatchObject({ source: 'scheme' });
    // Every detail shown comes from the source quoted beside it.
    for (const id of ['netservers', 'miso'] as const) {
      const p = getProfile(id);
      for (const v of [p.adr.contact?.phone, p.adr.contact?.email, p.adr.contact?.textphone]) if (v) expect(p.adr.contactSource).toContain(v);
    }
    expect(schemes.osc.rules.every((r) => r.claimCapPence === 1_000_000)).toBe(true);
    expect(schemes.osc.formerNames).toContain('Ombudsman Services: Communications');
  });
  it('the Independent Assessor is reached only after the final response', () => {
    expect(schemes.independentAssessor.rules.every((r) => r.waitWeeks === null && r.timeLimit === null)).toBe(true);
  });
  it('data protection goes to the ICO', () => {
    expect(subjectRedirects.dataProtection).toBe('ico');
  });
});
