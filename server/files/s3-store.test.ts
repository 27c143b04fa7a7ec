import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newStorageKey } from './disk-store';
import { S3FileStore } from './s3-store';

/**
 * The S3 store's listing (issue 20.4's orphan sweep) against a stand-in for an S3-compatible endpoint: a local
 * HTTP server answering ListObjectsV2 in two pages, as S3 does past 1,000 keys.
 */
const old = newStorageKey();
const young = newStorageKey();
const pages = [
  [
    [`attachments/${old.slice(0, 2)}/${old}`, '2026-12-01T10:00:00.000Z'],
    ['attachments/readme.txt', '2026-12-01T10:00:00.000Z'],
  ],
  [
    // Not where the store puts it: never starting with 'zz' (a random key does once in 1,024 tries, and is then in its own folder).
    [`attachments/zz/ab${young.slice(2)}`, '2026-12-01T10:00:00.000Z'],
    [`attachments/${young.slice(0, 2)}/${young}`, '2026-12-06T09:30:00.000Z'],
  ],
];
const requests: URL[] = [];
let server: Server;
let endpoint = '';

beforeAll(async () => {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(url);
    const page = url.searchParams.get('continuation-token') === 'page2' ? 1 : 0;
    const contents = pages[page]!.map(([key, at]) => `<Contents><Key>${key}</Key><LastModified>${at}</LastModified><ETag>"e"</ETag><Size>3</Size><StorageClass>STANDARD</StorageClass></Contents>`).join('');
    res.writeHead(200, { 'Content-Type': 'application/xml' });
    res.end(
      `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>evidence</Name><Prefix>attachments/</Prefix>` +
        `<KeyCount>2</KeyCount><MaxKeys>2</MaxKeys><IsTruncated>${page === 0}</IsTruncated>${page === 0 ? '<NextContinuationToken>page2</NextContinuationToken>' : ''}${contents}</ListBucketResult>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise((resolve) => server.close(resolve));
});

describe('S3FileStore.list', () => {
  it('issue 20.4: lists its own keys written before a given time, with their time, through every page', async () => {
    const store = new S3FileStore({ bucket: 'evidence', endpoint, region: 'eu-west-2', forcePathStyle: true });
    const listed = async (olderThan: Date) => {
      const files = [];
      for await (const file of store.list(olderThan)) files.push(file);
      return files;
    };
    expect(await listed(new Date('2026-12-06T09:00:00Z'))).toEqual([{ key: old, modifiedAt: new Date('2026-12-01T10:00:00.000Z') }]);
    expect((await listed(new Date('2026-12-06T10:00:00Z'))).map((f) => f.key)).toEqual([old, young]);
    store.destroy();
    expect(requests[0]!.pathname).toMatch(/^\/evidence\/?$/);
    expect([requests[0]!.searchParams.get('list-type'), requests[0]!.searchParams.get('prefix')]).toEqual(['2', 'attachments/']);
    expect(requests[1]!.searchParams.get('continuation-token')).toBe('page2');
  });
});
