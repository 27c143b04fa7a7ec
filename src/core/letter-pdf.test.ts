import { describe, expect, it } from 'vitest';
import { extractPdfText } from '@/features/adr/lib/pdf-text';
import { defaultLetterFonts, letterPdf } from './letter-pdf';

describe('a letter as a PDF in the provider’s layout', () => {
  it('carries the provider’s name and address, the recipient’s address, the date, the reference and the text, accents and all; a character with no glyph shows as "?"', async () => {
    const bytes = await letterPdf(
      {
        providerId: 'nasstar',
        reference: 'NAS-2026-000123',
        recipient: 'Niccolò Bellà, Via Roma 1, Città di Castello, 06012',
        lng: 'it',
        createdAt: '2026-10-01T10:00:00Z',
        subject: 'La Sua pratica è stata presa in carico',
        text: 'Gentile Niccolò Bellà,\n\nPerché è così? Più attenzione, però. 🙂\n\nIl servizio reclami di Nasstar',
      },
      await defaultLetterFonts(),
    );
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    const lines = (await extractPdfText(bytes)).split('\n');
    expect(lines.slice(0, 2)).toEqual(['Nasstar', 'Nasstar Head Office']);
    expect(lines).toEqual(expect.arrayContaining(['WF2 0UG', 'Niccolò Bellà', 'Via Roma 1', 'Città di Castello', '06012', '1 ottobre 2026', 'Riferimento pratica: NAS-2026-000123', 'La Sua pratica è stata presa in carico', 'Gentile Niccolò Bellà,', 'Perché è così? Più attenzione, però. ?']));
    // The provider's address comes before the recipient's, and the date before the text.
    expect(lines.indexOf('WF2 0UG')).toBeLessThan(lines.indexOf('Niccolò Bellà'));
    expect(lines.indexOf('1 ottobre 2026')).toBeLessThan(lines.indexOf('Gentile Niccolò Bellà,'));
  });

  it('a long letter wraps and runs on to a second page, losing no word', async () => {
    const words = Array.from({ length: 900 }, (_, i) => `parola${i}`);
    const bytes = await letterPdf({ providerId: 'miso', reference: 'MIS-1', recipient: 'Ann Ashby, 1 High St, Leeds, LS1 1AA', lng: 'en', createdAt: '2026-10-01T10:00:00Z', subject: 'Subject', text: words.join(' ') }, await defaultLetterFonts());
    const text = await extractPdfText(bytes);
    expect(text.split(/\s+/).filter((w) => w.startsWith('parola'))).toEqual(words);
  });
});
