import { PDFDict, PDFDocument, PDFName } from '@cantoo/pdf-lib';
import type { Case, Letter } from '@/api/schemas';
import { adrEligibility } from '@/domain/eligibility';
import { getProfile } from '@/domain/profiles';
import { i18next, initI18n } from '@/lib/i18n';
import { docText } from './doc-model';
import { buildEscalationLetter, buildProviderLetter } from './letters';
import { buildReferralPack, selectEvidence } from './pack';
import { emojiNeeded, renderPdf } from './pdf';
import { extractPdfText } from './pdf-text';
import { loadDocumentLanguage } from './use-document-t';
import { att, fonts, MB, NAME, nasstarCase as baseCase, timeline, WORDS } from './test-cases';

/** The shared case (./test-cases.ts) with evidence files of every kind and size the scheme rules tell apart. */
const nasstarCase = (overrides: Partial<Case> = {}): Case =>
  baseCase({
    attachments: [
      att('a1', 'router-log.pdf', 'pdf', 2 * MB),
      att('a2', 'notes.txt', 'txt', 1000),
      att('a3', 'video-still.png', 'png', 39 * MB),
      att('a4', 'bill.jpg', 'jpg', 500_000),
    ],
    ...overrides,
  });

beforeAll(async () => {
  await initI18n('it');
});

describe('evidence for the scheme', () => {
  it('keeps CISAS kinds within 40 MB and says why the others are left out', () => {
    const sel = selectEvidence(nasstarCase().attachments, 'cisas');
    expect(sel.included.map((a) => a.name)).toEqual(['router-log.pdf', 'bill.jpg']);
    expect(sel.excluded.map((e) => [e.attachment.name, e.reason])).toEqual([
      ['notes.txt', 'kind'],
      ['video-still.png', 'size'],
    ]);
    expect(sel.maxTotalBytes).toBe(40 * MB);
  });
});

describe('the referral pack', () => {
  it('is in English while the portal is in Italian, with the customer’s words untouched', async () => {
    expect(i18next.language).toBe('it');
    const en = await loadDocumentLanguage('en');
    const profile = getProfile('nasstar');
    const c = nasstarCase();
    const now = '2026-11-02T10:00:00Z';
    const eligibility = adrEligibility({ profile, case: c, now: new Date(now) });
    expect(eligibility.status).toBe('eligible');
    const pack = buildReferralPack({ caseData: c, timeline, profile, eligibility, t: en, now });
    const text = docText(pack.doc);
    expect(pack.doc.title).toBe('Referral to CISAS');
    expect(pack.doc.lang).toBe('en-GB');
    for (const s of [
      '1. Date of first complaint',
      'The customer first complained to Nasstar on 1 September 2026.',
      '2. Deadlock or ADR letter',
      'Nasstar has not issued a deadlock or ADR letter.',
      '3. The dispute',
      'Phone calls',
      '3 September 2026 at 14:30',
      'Emails sent',
      'Complaint acknowledged by the provider',
      'Ça ne marche toujours pas',
      '£125.50',
      'Not attached: CISAS does not accept this type of file',
      "Not attached: over CISAS's total size limit",
      'NAS-2026-7KQ4M2',
      'www.cedr.com/cisas',
    ]) {
      expect(text).toContain(s);
    }
    // The customer's own words, exactly as typed.
    expect(text).toContain(WORDS);
    expect(text).toContain(NAME);
    expect(text).toContain('Rimborso — refund please');
    // No Italian from the portal's language.
    expect(text).not.toMatch(/Reclamo|Fascicolo|Organismo|settembre/);
  });

  it('names the letter and its 12-month limit when one was issued, and reproduces it', async () => {
    const en = await loadDocumentLanguage('en');
    const profile = getProfile('miso');
    const letter: Letter = { id: 'l1', kind: 'deadlock', issuedAt: '2026-10-05T15:00:00Z', schemeId: 'osc' };
    const c = nasstarCase({ reference: 'MISO-2026-ABC', providerId: 'miso', stageId: 'attempt3', letters: [letter], attachments: [] });
    const now = '2026-10-06T10:00:00Z';
    const pack = buildReferralPack({ caseData: c, timeline, profile, eligibility: adrEligibility({ profile, case: c, now: new Date(now) }), t: en, now });
    const text = docText(pack.doc);
    expect(text).toContain('Letter: deadlock letter');
    expect(text).toContain('Date of the letter: 5 October 2026');
    expect(text).toContain('Last day to apply: 5 October 2027');
    expect(text).toContain('Appendix: the letter: Deadlock letter');
    // Issue 22 point 5: Miso's page shows the scheme's details as Miso's own procedure publishes them, never Netservers'.
    expect(text).toContain('PO Box 730');
    expect(text).toContain('Textphone: 0330 440 1600');
    expect(text).not.toContain('osenquiries@os-communications.org');
    expect(text).toContain('No files were added to the complaint.');
  });
});

describe('the provider’s letters', () => {
  const letter: Letter = { id: 'l1', kind: 'deadlock', issuedAt: '2027-02-29T12:00:00Z'.replace('02-29', '02-28'), schemeId: 'osc' };

  it('a deadlock letter is dated, names the scheme with its contact details and gives 12 months', () => {
    const t = i18next.getFixedT('en', ['adr', 'providers', 'common'] as const);
    const doc = buildProviderLetter({ caseData: nasstarCase({ providerId: 'miso', reference: 'MISO-1' }), letter, profile: getProfile('miso'), t, locale: 'en-GB' });
    const text = docText(doc);
    expect(doc.title).toBe('Deadlock letter');
    expect(text).toContain('28 February 2027');
    expect(text).toContain('You can now ask the Communications Ombudsman to look at your complaint.');
    expect(text).toContain('You have 12 months from the date of this letter to go to the Communications Ombudsman: until 28 February 2028.');
    expect(text).not.toContain('osenquiries@os-communications.org');
    expect(text).toContain('Phone: 0330 440 1614');
    expect(text).toContain('Post: Ombudsman Services: Communications, PO Box 730, Warrington, WA4 6WU');
    // Issue 22 point 8: a deadlock letter claims no stage the complaint did not go through.
    expect(text).not.toMatch(/at every stage/);
    expect(text).toContain('Your reference: MISO-1');
    expect(text).toContain(`Dear ${NAME},`);
  });

  it('reads in Italian in the Italian portal, with the dates in Italian', () => {
    const t = i18next.getFixedT('it', ['adr', 'providers', 'common'] as const);
    const doc = buildProviderLetter({
      caseData: nasstarCase({ providerId: 'ask4', reference: 'ASK4-1' }),
      letter: { ...letter, kind: 'adr' },
      profile: getProfile('ask4'),
      t,
      locale: 'it-IT',
    });
    const text = docText(doc);
    expect(doc.title).toBe('Il Suo diritto alla risoluzione indipendente delle controversie');
    // An ADR letter sent because the wait has passed starts no time limit (only a deadlock letter does).
    expect(text).not.toContain('fino al');
    // Issue 22 point 8: issued any time after the wait, the letter says "at least", never a count that may be short.
    expect(text).toMatch(/sono trascorse almeno \d+ settimane/);
    // Issue 22 point 5: ASK4's procedure publishes no contact details for the scheme, so none are shown.
    expect(text).toContain('non indica recapiti');
    expect(text).not.toMatch(/0330|PO Box/);
  });

  it('issue 22 points 3–4: the Communications Ombudsman\'s final response is called that, signed by Customer Relations, with no invented claim', () => {
    const t = i18next.getFixedT('en', ['adr', 'providers', 'common'] as const);
    const doc = buildProviderLetter({
      caseData: nasstarCase({ providerId: 'commsombudsman', reference: 'CO-1', stageId: 'secondStage' }),
      letter: { ...letter, schemeId: 'independentAssessor' },
      profile: getProfile('commsombudsman'),
      t,
      locale: 'en-GB',
    });
    const text = docText(doc);
    expect(doc.title).toBe('Final response');
    expect(text).not.toMatch(/deadlock/i);
    expect(text).not.toMatch(/free for you|we will tell you how to reach/i);
    expect(text).toContain('Customer Relations team, the Communications Ombudsman');
    expect(text).toContain('customer-relations@trustalliancegroup.org');
  });

  it('the Netservers escalation letter quotes the reference, name, address and reply preference', () => {
    const t = i18next.getFixedT('en', ['adr', 'providers', 'common'] as const);
    const doc = buildEscalationLetter({
      caseData: nasstarCase({ providerId: 'netservers', reference: 'NET-2026-XYZ', stageId: 'contact' }),
      profile: getProfile('netservers'),
      toStageId: 'customerServicesManager',
      request: { reason: 'unhappyWithResponse', details: 'Non è accettabile 😤' },
      t,
      locale: 'en-GB',
      now: '2026-11-23T10:00:00Z',
    });
    const text = docText(doc);
    expect(text).toContain('Attn: Complaints Manager');
    expect(text).toContain('21 Signet Court');
    expect(text).toContain('Complaint reference NET-2026-XYZ: request for escalation');
    expect(text).toContain('referred to the Customer Services Manager');
    expect(text).toContain('My reason: I am unhappy with the response.');
    expect(text).toContain('Non è accettabile 😤');
    expect(text).toContain('Address: Unit 3, Harbour Lane, Hull, HU1 1AA');
    expect(text).toContain('Please reply by: Letter: Unit 3, Harbour Lane, Hull, HU1 1AA');
    expect(text).toContain(`Name: ${NAME}`);
  });
});

describe('PDF', () => {
  it('is a valid PDF whose text holds the reference, the scheme and every character typed', async () => {
    const en = await loadDocumentLanguage('en');
    const profile = getProfile('nasstar');
    const c = nasstarCase({ attachments: [] });
    const now = '2026-11-02T10:00:00Z';
    const pack = buildReferralPack({ caseData: c, timeline, profile, eligibility: adrEligibility({ profile, case: c, now: new Date(now) }), t: en, now });
    expect(emojiNeeded(docText(pack.doc))).toBe(true);
    const bytes = await renderPdf(pack.doc, { fonts });
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getTitle()).toBe('Referral to CISAS');
    expect(pdf.getKeywords()).toContain('NAS-2026-7KQ4M2');
    const text = await extractPdfText(bytes);
    expect(text).toContain('NAS-2026-7KQ4M2');
    expect(text).toContain('CISAS');
    // Flags and ZWJ families render without crashing; the family's joiners are not kept in the text layer.
    expect(text).toContain('Zoë Łukasiewicz-Ñúñez Жанна 😀 🇮🇹');
    for (const person of ['👨', '👩', '👧']) expect(text).toContain(person);
    expect(text.replace(/\n/g, ' ')).toContain(WORDS);
  }, 30_000);

  it('embeds the evidence files and appends images as pages', async () => {
    const doc = { title: 'Pack', lang: 'en-GB', keywords: ['REF-1'], dated: '2026-11-02T10:00:00Z', blocks: [{ kind: 'paragraph' as const, text: 'Hello' }] };
    const source = await PDFDocument.create();
    source.addPage();
    source.addPage();
    const pdfBytes = await source.save();
    const png = Uint8Array.from(
      atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
      (ch) => ch.charCodeAt(0),
    );
    const bytes = await renderPdf(doc, {
      fonts: { regular: fonts.regular, bold: fonts.bold },
      files: [
        { name: 'two-pages.pdf', kind: 'pdf', bytes: pdfBytes },
        { name: 'dot.png', kind: 'png', bytes: png },
      ],
    });
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(1 + 2 + 1);
    const names = pdf.catalog.lookup(PDFName.of('Names'), PDFDict);
    expect(names.lookup(PDFName.of('EmbeddedFiles'))).toBeDefined();
  }, 30_000);
});
