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
});
