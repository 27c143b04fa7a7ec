import { ask4Profile as p } from './ask4';
import { outline, sourcesStateTheirNumbers } from './test-helpers';

describe('ASK4 profile (seed 003, Italian)', () => {
  it('chains its clocks: 24 hours from arrival, 3 working days from acknowledgement, 7 from the first update', () => {
    expect(outline(p)).toEqual([
      'complaint',
      '  acknowledge: acknowledge 24 calendarHours from stageStart (commitment)', // "entro 24 ore dall'arrivo"
      '  update: update 3 workingDays from acknowledge (commitment)', // "entro 3 giorni lavorativi dalla conferma"
      '  formalResponse: respond 7 workingDays from update (commitment)', // "entro 7 giorni lavorativi dalla ricezione del primo aggiornamento"
      'appeal (final)',
    ]);
    sourcesStateTheirNumbers(p);
    expect(p.entryStageId).toBe('complaint');
  });
  it('accepts the online form and letters, not the phone', () => {
    expect(p.acceptedChannels).toEqual(['onlineForm', 'letter']);
    expect(p.acceptedChannels).not.toContain('phone');
  });
  it('asks for the evidence the seed lists, uses feedback, and names OS:C', () => {
    expect(p.asksFor).toEqual(['summary', 'ticketReferences', 'staffNames', 'datesAndTimes', 'callingNumbers', 'emailsSent', 'supportingEvidence']);
    expect(p.usesFeedback).toBe(true);
    expect(p.procedureLanguage).toBe('it');
    expect(p.adr.schemeId).toBe('osc');
  });
});
