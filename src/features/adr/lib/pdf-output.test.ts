import type { Letter } from '@/api/schemas';
import { adrEligibility } from '@/domain/eligibility';
import { getProfile } from '@/domain/profiles';
import { i18next, initI18n } from '@/lib/i18n';
import { buildEscalationLetter, buildProviderLetter } from './letters';
import { buildReferralPack } from './pack';
import { renderPdf } from './pdf';
import { extractPdfText } from './pdf-text';
import { loadDocumentLanguage } from './use-document-t';
import fixture from './__fixtures__/pdf-text.json';
import { fonts, nasstarCase as someCase, timeline } from './test-cases';

/**
 * The PDFs' text does not change when the PDF library does (issue 21.6: pdf-lib → @cantoo/pdf-lib). The fixture
 * was captured from the PDFs pdf-lib 1.17.1 rendered, before the switch to @cantoo/pdf-lib 2.11.1 (see the commit that added it): a referral
 * pack with every kind of character, a deadlock letter, an ADR letter in Italian and an escalation letter.
 */

async function renderedTexts(): Promise<Record<string, string>> {
  const en = await loadDocumentLanguage('en');
  const nasstar = getProfile('nasstar');
  const c = someCase();
  const now = '2026-11-02T10:00:00Z';
  const pack = buildReferralPack({ caseData: c, timeline, profile: nasstar, eligibility: adrEligibility({ profile: nasstar, case: c, now: new Date(now) }), t: en, now });
  const letter: Letter = { id: 'l1', kind: 'deadlock', issuedAt: '2027-02-28T12:00:00Z', schemeId: 'osc' };
  const tEn = i18next.getFixedT('en', ['adr', 'providers', 'common'] as const);
  const tIt = i18next.getFixedT('it', ['adr', 'providers', 'common'] as const);
  const docs = {
    referralPack: pack.doc,
    deadlockLetter: buildProviderLetter({ caseData: someCase({ providerId: 'miso', reference: 'MISO-1' }), letter, profile: getProfile('miso'), t: tEn, locale: 'en-GB' }),
    adrLetterItalian: buildProviderLetter({ caseData: someCase({ providerId: 'ask4', reference: 'ASK4-1' }), letter: { ...letter, kind: 'adr' }, profile: getProfile('ask4'), t: tIt, locale: 'it-IT' }),
    escalationLetter: buildEscalationLetter({
      caseData: someCase({ providerId: 'netservers', reference: 'NET-2026-XYZ', stageId: 'contact' }),
      profile: getProfile('netservers'),
      toStageId: 'customerServicesManager',
      request: { reason: 'unhappyWithResponse', details: 'Non è accettabile 😤' },
      t: tEn,
      locale: 'en-GB',
      now: '2026-11-23T10:00:00Z',
    }),
  };
  const texts: Record<string, string> = {};
  for (const [name, doc] of Object.entries(docs)) texts[name] = await extractPdfText(await renderPdf(doc, { fonts }));
  return texts;
}

beforeAll(async () => {
  await initI18n('it');
});

describe('the PDFs’ text', () => {
  it('is what the PDFs said when the fixture was captured, word for word', async () => {
    const texts = await renderedTexts();
    expect(Object.keys(fixture)).toEqual(['referralPack', 'deadlockLetter', 'adrLetterItalian', 'escalationLetter']);
    for (const text of Object.values(fixture)) expect(text.length).toBeGreaterThan(200);
    expect(texts).toEqual(fixture);
  }, 60_000);
});
