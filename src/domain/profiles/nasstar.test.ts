import { nasstarProfile as p } from './nasstar';
import { outline, sourcesStateTheirNumbers } from './test-helpers';

describe('Nasstar profile (seed 000)', () => {
  it('has the four stages and their clocks', () => {
    expect(outline(p)).toEqual([
      'department',
      'headOfDepartment',
      'complaintsTeam',
      '  acknowledge: acknowledge 2 workingDays from stageStart (commitment)', // "acknowledgement within 2 working days"
      '  resolve: resolve 20 workingDays from stageStart (aim)', // "We aim to resolve all complaints within 20 working days."
      'customerServicesManager (final)',
      '  writtenAcknowledgement: acknowledge 10 workingDays from stageStart (commitment)', // "written acknowledgement within 10 working days"
    ]);
    sourcesStateTheirNumbers(p);
  });
  it('enters the portal at Stage 2 and goes to CISAS', () => {
    expect(p.entryStageId).toBe('complaintsTeam');
    expect(p.adr).toMatchObject({ schemeId: 'cisas', number: 4 });
    // Stage 4 still states the wait before 8 April 2026, in Nasstar's words.
    expect(p.adr.publishedWait).toEqual({ weeks: 8, source: 'Their complaint has been outstanding for more than 8 weeks' });
    expect(p.stages.map((s) => s.number)).toEqual([1, 1, 2, 3]);
  });
  it('routes large customers to account manager, customer success manager or C-level', () => {
    expect(p.largeCustomerRoute).toEqual(['accountManager', 'customerSuccessManager', 'cLevel']);
  });
  it('handles abuse reports within 3 working days at abuse@nasstar.com', () => {
    expect((p.otherPromises ?? [])).toHaveLength(1);
    const abuse = (p.otherPromises ?? [])[0]!;
    expect(abuse.kind).toBe('abuseReport');
    expect(abuse.contact.email).toBe('abuse@nasstar.com');
    expect(abuse.clocks.map((c) => [c.id, c.action, c.amount, c.unit, c.strength])).toEqual([
      ['handleAbuse', 'handleAbuse', 3, 'workingDays', 'commitment'],
    ]);
  });
  it('publishes the portal, e-mail and Wakefield address', () => {
    expect(p.contact.portalUrl).toBe('https://onenasstar.service-now.com/nasstarcsm');
    expect(p.contact.email).toBe('complaints@nasstar.com');
    expect(p.contact.address).toEqual(['Nasstar Head Office', 'Melbourne House', 'Brandy Carr Road', 'Wakefield', 'West Yorkshire', 'WF2 0UG']);
    expect(p.acceptedChannels).toEqual(['portal', 'email', 'letter']);
    expect(p.referenceStyle.prefix).toBe('NAS-');
    expect(p.usesFeedback).toBe(true);
  });
  it('works to England and Wales, Mon–Fri 09:00–17:30 London', () => {
    expect(p.timeZone).toBe('Europe/London');
    expect(p.holidays).toEqual({ country: 'GB', region: 'ENG' });
    expect(p.workingWeek).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    expect(p.workingHours).toEqual({ start: '09:00', end: '17:30' });
  });
});
