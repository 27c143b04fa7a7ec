/**
 * One builder for the PDFs tests upload and check (src/domain/files.test.ts, test/conformance/fixtures.ts): a header,
 * a catalog with an empty page tree, the objects given, a trailer; stream objects and compressed object streams.
 */

export const enc = (text: string) => new TextEncoder().encode(text);
export const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
export async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const CATALOG = '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n';
const TRAILER = 'trailer\n<< /Root 1 0 R >>\n%%EOF\n';
/** A PDF holding the catalog (objects 1 and 2) and the objects given, as text or bytes. */
export const pdf = (...objects: Array<string | Uint8Array>) =>
  concat(enc('%PDF-1.7\n%\u00e2\u00e3\n'), enc(CATALOG), ...objects.map((o) => (typeof o === 'string' ? enc(o) : o)), enc(TRAILER));
/** One stream object: its dictionary (without /Length) and its bytes as stored. */
export const streamObject = (num: number, dict: string, data: Uint8Array) =>
  concat(enc(`${num} 0 obj\n<< ${dict} /Length ${data.length} >>\nstream\n`), data, enc('\nendstream\nendobj\n'));
/** An object stream (number 5) holding one object (number 9) with the given body. */
export async function objectStream(body: string, dict = '/Type /ObjStm /Filter /FlateDecode') {
  const head = '9 0 ';
  return streamObject(5, `${dict} /N 1 /First ${head.length}`, await deflate(enc(head + body)));
}
