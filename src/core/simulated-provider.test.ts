import { describe, expect, it } from 'vitest';
import { getProfile } from '@/domain/profiles';
import { resolutionText } from './simulated-provider';

const about = (lng?: 'en' | 'it') => ({ aboutYou: { lng }, complaint: { summary: 'No broadband since Monday' } }) as unknown as Parameters<typeof resolutionText>[1];

describe('the simulated provider writes to the customer in the customer’s language (issue 22: no English on an Italian page)', () => {
  it('an Italian customer of an English-language provider reads Italian, an English customer of ASK4 English', () => {
    const it_ = resolutionText(getProfile('nasstar'), about('it'));
    expect(it_).toMatch(/^Abbiamo esaminato il reclamo «No broadband since Monday»/);
    expect(it_).not.toMatch(/\bWe\b|\byour\b/);
    expect(resolutionText(getProfile('ask4'), about('en'))).toMatch(/^We have looked into “No broadband since Monday”/);
  });

  it('without a stated language, the procedure’s own language', () => {
    expect(resolutionText(getProfile('ask4'), about())).toMatch(/^Abbiamo esaminato/);
    expect(resolutionText(getProfile('miso'), about())).toMatch(/^We have looked into/);
  });

  it('the Communications Ombudsman offers no account credit: its complaints are about its own service (FIDELITY C)', () => {
    for (const lng of ['en', 'it'] as const) {
      const text = resolutionText(getProfile('commsombudsman'), about(lng));
      expect(text).not.toMatch(/credit|accredit|canone/i);
    }
  });
});
