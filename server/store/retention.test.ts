import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { RETENTION, runRetention } from '@/core/retention';
import { retentionScenario } from '../../test/stores/retention';
import { DiskFileStore, newStorageKey } from '../files/disk-store';
import { storeForThisFile } from '../test/database';

const db = storeForThisFile(['cases', 'case_events', 'attachments', 'sessions', 'sign_in_codes', 'rate_limits', 'idempotency', 'outbox']);
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
