import { getScheme, schemes, subjectRedirects } from './schemes';
import { adrSchemeIdSchema } from './profile-schema';

describe('ADR schemes', () => {
  it('has data for every scheme a profile can name', () => {
    for (const id of adrSchemeIdSchema.options) expect(getScheme(id).id).toBe(id);
  });
  it('CISAS: consumers and businesses of up to 10 employees, 6 weeks since 8 April 2026, 12 months from a deadlock letter, £10,000, files up to 40 MB', () => {
    const c = schemes.cisas;
    expect(c.contact.website).toBe('https://www.cisas.org.uk');
    expect(c.rules[1]).toMatchObject({ effectiveFrom: '2026-04-08', maxEmployees: 10, waitWeeks: 6, timeLimit: { months: 12, from: 'deadlockLetter' }, claimCapPence: 1_000_000 });
    expect(c.rules[1]!.excludedSubjects).toEqual(
      expect.arrayContaining(['fraud', 'propertyDamage', 'discrimination', 'dataProtection', 'content', 'inCourt', 'anotherScheme', 'noSubstance']),
    );
    expect(c.evidence?.fileKinds).toEqual(expect.arrayContaining(['docx', 'doc', 'pdf', 'png', 'jpg', 'msg']));
    expect(c.evidence?.maxTotalBytes).toBe(40 * 1024 * 1024);
  });
  it('the Communications Ombudsman (formerly OS:C): contact as published in the Netservers and Miso seeds', () => {
    expect(schemes.osc.contact).toEqual({
      website: 'https://www.ombudsman-services.org',
      email: 'osenquiries@os-communications.org',
      phone: '0330 440 1614',
      textphone: '0330 440 1600',
      address: ['Ombudsman Services: Communications', 'PO Box 730', 'Warrington', 'WA4 6WU'],
    });
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
