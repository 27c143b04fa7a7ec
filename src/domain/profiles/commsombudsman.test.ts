import { commsombudsmanProfile as p } from './commsombudsman';
import { outline, sourcesStateTheirNumbers } from './test-helpers';

describe('Communications Ombudsman profile (seed 002)', () => {
  it('first stage: acknowledge within 24 working hours, assign ideally within 24 working hours of that; second stage final', () => {
    expect(outline(p)).toEqual([
      'localResolution',
      'firstStage',
      '  acknowledge: acknowledge 24 workingHours from stageStart (commitment)',
      '  assign: assign 24 workingHours from acknowledge (aim)', // "ideally within 24 working hours"
      'secondStage (final)',
    ]);
    sourcesStateTheirNumbers(p);
    expect(p.entryStageId).toBe('firstStage');
  });
  it('goes to the Independent Assessor', () => {
    expect(p.adr.schemeId).toBe('independentAssessor');
  });
  it('publishes e-mail and post; working hours assumed 09:00–17:00', () => {
    expect(p.contact.email).toBe('customer-relations@trustalliancegroup.org');
    expect(p.contact.address).toEqual(['Communications Ombudsman', '3300 Daresbury Park', 'Warrington', 'WA4 4HS']);
    expect(p.workingHours).toEqual({ start: '09:00', end: '17:00' });
    expect(p.timeZone).toBe('Europe/London');
  });
});
