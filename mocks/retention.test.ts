import { beforeAll, describe, expect, it } from 'vitest';
import { RETENTION, runRetention } from '@/core/retention';
import { retentionScenario } from '../test/stores/retention';
import { db, memoryPersistence } from './db';

beforeAll(async () => {
  await db.open(memoryPersistence());
});

describe('retention in the simulated back office', () => {
  it('issue 20.15: prunes expired sessions, codes, rate-limit windows and replies, and anonymises closed cases past retention', async () => {
    await retentionScenario(db, db.files);
  });

  it('issue 20.4: a stored file no row names goes once it is an hour old; one a row names stays', async () => {
    await db.reset();
    await db.files.put('orphan-key-000001', new Uint8Array([1]));
    await db.files.put('kept-key-0000001', new Uint8Array([2]));
    await db.transaction((tx) =>
      tx.insertAttachment({ meta: { id: 'att_kept', name: 'kept.txt', kind: 'txt', size: 1, uploadedAt: new Date().toISOString() }, providerId: 'nasstar', caseRef: null, uploader: 'client:x', storageKey: 'kept-key-0000001' }),
    );
    const run = (realNow: Date) => runRetention({ store: db, files: db.files }, 'nasstar', realNow, new Date(), 6);
    expect(await run(new Date())).toMatchObject({ orphanFiles: 0 });
    expect(await run(new Date(Date.now() + RETENTION.orphanFileMs + 60_000))).toMatchObject({ orphanFiles: 1, pendingUploads: 0 });
    expect(await db.files.get('orphan-key-000001')).toBeNull();
    expect(await db.files.get('kept-key-0000001')).toEqual(new Uint8Array([2]));
  });
});
