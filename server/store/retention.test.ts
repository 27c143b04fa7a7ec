import { mkdtemp, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { StoredAttachment } from '@/core/ports';
import { RETENTION, runRetention } from '@/core/retention';
import { makeCase } from '../test/cases';
import { retentionScenario } from '../../test/stores/retention';
import { DiskFileStore, newStorageKey } from '../files/disk-store';
import { storeForThisFile } from '../test/database';

const db = storeForThisFile(['cases', 'case_events', 'attachments', 'sessions', 'sign_in_codes', 'rate_limits', 'idempotency', 'outbox', 'staff_alerts']);
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'redress-retention-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('retention on PostgreSQL / PGlite', () => {
  it('issue 20.15: prunes expired sessions, codes, rate-limit windows and replies, and anonymises closed cases past retention', async () => {
    await retentionScenario(db.store, new DiskFileStore(dir), newStorageKey());
  });

  it('issue 20.15: keeps the outbox a week', async () => {
    const now = new Date('2033-03-10T12:00:00Z');
    for (const [id, age] of [['old', RETENTION.outboxMs + 60_000], ['new', 60_000]] as const) {
      await sql`INSERT INTO outbox (id, provider_id, recipient, subject, body, lng, sent_at) VALUES (${id}, 'nasstar', 'a@example.com', 's', 'b', 'en', ${new Date(now.getTime() - age)})`.execute(db.handle.db);
    }
    expect((await runRetention({ store: db.store, files: new DiskFileStore(dir) }, 'nasstar', now, now, 6)).outbox).toBe(1);
    expect((await sql<{ id: string }>`SELECT id FROM outbox`.execute(db.handle.db)).rows).toEqual([{ id: 'new' }]);
  });
});

describe('issue 20.4: the upload sweep on PostgreSQL / PGlite, files on disk', () => {
  const HOUR = 3_600_000;
  const now = new Date();
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const pending = (id: string, storageKey: string, uploadedAt: Date, caseRef: string | null = null): StoredAttachment => ({
    meta: { id, name: `${id}.txt`, kind: 'txt', size: 3, uploadedAt: uploadedAt.toISOString() },
    providerId: 'nasstar',
    caseRef,
    uploader: 'client:abc',
    storageKey,
  });
  const rows = async () => (await sql<{ id: string }>`SELECT id FROM attachments ORDER BY id`.execute(db.handle.db)).rows.map((r) => r.id);

  it('removes a pending upload older than a day, its row and its bytes; keeps a younger one and an attached one', async () => {
    const files = new DiskFileStore(await mkdtemp(join(dir, 'pending-')));
    const [oldKey, youngKey, attachedKey] = [newStorageKey(), newStorageKey(), newStorageKey()];
    for (const key of [oldKey, youngKey, attachedKey]) await files.put(key, new Uint8Array([1, 2, 3]));
    const c = makeCase({ status: 'investigating' });
    await db.store.transaction(async (tx) => {
      await tx.insertCase(c);
      await tx.insertAttachment(pending('att_old', oldKey, ago(RETENTION.pendingUploadMs + 60_000)));
      await tx.insertAttachment(pending('att_young', youngKey, ago(RETENTION.pendingUploadMs - 60_000)));
      await tx.insertAttachment(pending('att_attached', attachedKey, ago(30 * RETENTION.pendingUploadMs), c.reference));
    });
    const report = await runRetention({ store: db.store, files }, 'nasstar', now, now, 6);
    expect(report).toMatchObject({ pendingUploads: 1, orphanFiles: 0 });
    expect(await rows()).toEqual(['att_attached', 'att_young']);
    expect(await files.get(oldKey)).toBeNull();
    expect(await files.get(youngKey)).toEqual(new Uint8Array([1, 2, 3]));
    expect(await files.get(attachedKey)).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('removes a file no row names once it is an hour old; keeps one a row names, and a younger one (its row may be on its way)', async () => {
    const folder = await mkdtemp(join(dir, 'orphans-'));
    const files = new DiskFileStore(folder);
    const [withRow, orphan, youngOrphan] = [newStorageKey(), newStorageKey(), newStorageKey()];
    for (const key of [withRow, orphan, youngOrphan]) await files.put(key, new Uint8Array([7]));
    // Written two hours ago (their modification time), except the young one.
    for (const key of [withRow, orphan]) await utimes(join(folder, key.slice(0, 2), key), ago(2 * HOUR), ago(2 * HOUR));
    await db.store.transaction((tx) => tx.insertAttachment(pending('att_row', withRow, ago(60_000))));

    const report = await runRetention({ store: db.store, files }, 'nasstar', now, now, 6);
    expect(report).toMatchObject({ pendingUploads: 0, orphanFiles: 1 });
    expect(await files.get(orphan)).toBeNull();
    expect(await files.get(withRow)).toEqual(new Uint8Array([7]));
    expect(await files.get(youngOrphan)).toEqual(new Uint8Array([7]));
    expect(await rows()).toEqual(['att_row']);
  });
});
