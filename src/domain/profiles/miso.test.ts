import { misoProfile as p } from './miso';
import { outline } from './test-helpers';

describe('Miso profile (seed 004)', () => {
  it('has initiation and three resolution attempts, with no numeric clocks', () => {
    expect(outline(p)).toEqual(['initiation', 'attempt1', 'attempt2', 'attempt3 (final)']);
    expect(p.entryStageId).toBe('attempt1');
  });
  it('publishes phone and e-mail, and names Ombudsman Services', () => {
    expect(p.contact).toEqual({ phone: '01531 576 006', email: 'enquiries@miso-comms.net' });
    expect(p.adr.schemeId).toBe('osc');
  });
  it('issue 22 point 9: Miso undertakes attempts 2 and 3 itself; step 5 is Deadlock, after attempt 3', () => {
    expect(p.stages.filter((s) => s.id === 'attempt2' || s.id === 'attempt3').map((s) => s.escalation?.method)).toEqual(['provider', 'provider']);
    expect(p.finalLetter).toEqual({ name: 'deadlockLetter', at: 'finalStage', step: 5 });
  });
  it("issue 22 point 9: Ofcom's number is 0300 123 3333; the seed's 0845 456 3000 is shown only as the obsolete one", () => {
    const ofcom = (p.notes ?? []).find((n) => n.id === 'ofcom')!;
    expect(ofcom.values).toMatchObject({ phone: '0300 123 3333', publishedPhone: '0845 456 3000' });
    expect(ofcom.source).toContain('0845 456 3000');
  });
});
