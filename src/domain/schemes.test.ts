import { getScheme, schemes, subjectRedirects } from './schemes';
import { adrSchemeIdSchema } from './profile-schema';

describe('ADR schemes', () => {
  it('has data for every scheme a profile can name', () => {
    for (const id of adrSchemeIdSchema.options) expect(getScheme(id).id).toBe(id);
  });
  it('CISAS: consumers and businesses of up to 10 employees, 8 weeks, 12 months, £10,000, files up to 40 MB', () => {
    const c = schemes.cisas;
    expect(c.contact.website).toBe('https://www.cisas.org.uk');
    expect(c.eligibility).toMatchObject({ maxEmployees: 10, weeksBeforeEligible: 8, monthsToApply: 12, claimCapPence: 1_000_000 });
    expect(c.eligibility.excludedSubjects).toEqual(
      expect.arrayContaining(['fraud', 'propertyDamage', 'discrimination', 'dataProtection', 'content', 'inCourt', 'anotherScheme', 'noSubstance']),
    );
    expect(c.evidence?.fileKinds).toEqual(expect.arrayContaining(['docx', 'doc', 'pdf', 'png', 'jpg', 'msg']));
    expect(c.evidence?.maxTotalBytes).toBe(40 * 1024 * 1024);
  });
  it('OS:C contact as published in the Netservers and Miso seeds', () => {
    expect(schemes.osc.contact).toEqual({
      website: 'https://www.ombudsman-services.org',
      email: 'osenquiries@os-communications.org',
      phone: '0330 440 1614',
      textphone: '0330 440 1600',
      address: ['Ombudsman Services: Communications', 'PO Box 730', 'Warrington', 'WA4 6WU'],
    });
    expect(schemes.osc.eligibility.claimCapPence).toBe(1_000_000);
  });
  it('the Independent Assessor is reached only after the final response', () => {
    expect(schemes.independentAssessor.eligibility.weeksBeforeEligible).toBeNull();
  });
  it('data protection goes to the ICO', () => {
    expect(subjectRedirects.dataProtection).toBe('ico');
  });
});
