import { netserversProfile as p } from './netservers';
import { outline, sourcesStateTheirNumbers } from './test-helpers';

describe('Netservers profile (seed 001)', () => {
  it('has contact → Customer Services Manager (10 working days) → managing director', () => {
    expect(outline(p)).toEqual([
      'contact',
      'customerServicesManager',
      '  writtenResponse: respond 10 workingDays from stageStart (commitment)', // "You will receive a written response within 10 working days."
      'managingDirector (final)',
    ]);
    sourcesStateTheirNumbers(p);
    expect(p.entryStageId).toBe('contact');
  });
  it('escalates by letter quoting the reference, with name, address and reply preference', () => {
    const csm = p.stages[1]!;
    expect(csm.escalation).toEqual({
      method: 'letter',
      requires: ['reference', 'name', 'address', 'replyPreference'],
      address: ['Attn: Complaints Manager', 'Netservers Ltd.', '21 Signet Court', 'Cambridge CB5 8LA'],
      assumedDeliveryWorkingDays: 2,
    });
  });
  it('names OS:C and ISPA', () => {
    expect(p.adr).toMatchObject({ schemeId: 'osc', alsoNamed: ['ispa'] });
  });
  it('opens Mon–Fri 09:00–18:00 and Sat 10:00–16:00, but counts working days Mon–Fri only', () => {
    expect(p.openingHours).toEqual([
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], opens: '09:00', closes: '18:00' },
      { days: ['sat'], opens: '10:00', closes: '16:00' },
    ]);
    expect(p.workingWeek).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    expect(p.workingHours).toEqual({ start: '09:00', end: '18:00' });
    expect(p.holidays).toEqual({ country: 'GB', region: 'ENG' });
  });
  it('has the Cambridge address', () => {
    expect(p.contact.address).toEqual(['Customer Services', 'Netservers Ltd.', '21 Signet Court', 'Cambridge', 'CB5 8LA']);
  });
});
