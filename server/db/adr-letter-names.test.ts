import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrationsDir } from './migrate';
import { makeCase } from '../test/cases';
import { storeForThisFile } from '../test/database';

/**
 * Migration 0007 (docs/decisions/0161-adr-letter-names.md): data stored under the old names — the ADR letter as
 * kind 'adr8Weeks', its request as 'deadlockRequested' — reads in the new vocabulary after it; a deadlock
 * letter and its request are left as they were.
 */

const db = storeForThisFile(['cases', 'idempotency']);

describe('migration 0007: the ADR letter’s names', () => {
  it('rewrites letters, their events and replayable answers; leaves deadlock letters alone', async () => {
    const oldAdr = { id: 'letter_a', kind: 'adr8Weeks', issuedAt: '2026-03-01T10:00:00.000Z', schemeId: 'cisas' };
    const deadlock = { id: 'letter_d', kind: 'deadlock', issuedAt: '2026-03-02T10:00:00.000Z', schemeId: 'cisas' };
    const c = makeCase();
    await db.store.transaction((tx) => tx.insertCase(c));
    const d = db.handle.db;
    await sql`UPDATE cases SET data = jsonb_set(data, '{letters}', ${JSON.stringify([oldAdr, deadlock])}::jsonb) WHERE reference = ${c.reference}`.execute(d);
    const event = (id: string, type: string, data: Record<string, string>) => ({ id, at: '2026-03-01T10:00:00.000Z', type, actor: 'customer', stageId: c.stageId, data });
    for (const e of [
      event('e1', 'deadlockRequested', { kind: 'adr8Weeks' }),
      event('e2', 'letterIssued', { letterId: 'letter_a', kind: 'adr8Weeks', schemeId: 'cisas' }),
      event('e3', 'deadlockRequested', { kind: 'deadlock' }),
      event('e4', 'letterIssued', { letterId: 'letter_d', kind: 'deadlock', schemeId: 'cisas' }),
    ]) {
      await sql`INSERT INTO case_events (reference, event_id, at, event) VALUES (${c.reference}, ${e.id}, ${e.at}, ${JSON.stringify(e)}::jsonb)`.execute(d);
    }
    const words = { text: 'I typed "adr8Weeks" myself' };
    await sql`INSERT INTO idempotency (scope, key, fingerprint, state, status, body, created_at)
      VALUES ('s', 'k', 'f', 'done', 201, ${JSON.stringify({ ...oldAdr, note: words })}::jsonb, now())`.execute(d);

    await sql.raw(await readFile(join(migrationsDir, '0007_adr_letter_names.sql'), 'utf8')).execute(d);

    const { rows: cases } = await sql<{ data: { letters: unknown[] } }>`SELECT data FROM cases WHERE reference = ${c.reference}`.execute(d);
    expect(cases[0]!.data.letters).toEqual([{ ...oldAdr, kind: 'adr' }, deadlock]);
    const { rows: events } = await sql<{ event: { type: string; data: Record<string, string> } }>`SELECT event FROM case_events WHERE reference = ${c.reference} ORDER BY seq`.execute(d);
    expect(events.map((r) => [r.event.type, r.event.data.kind])).toEqual([
      ['adrLetterRequested', 'adr'],
      ['letterIssued', 'adr'],
      ['deadlockRequested', 'deadlock'],
      ['letterIssued', 'deadlock'],
    ]);
    const { rows: replies } = await sql<{ body: unknown }>`SELECT body FROM idempotency`.execute(d);
    // The letter's kind is rewritten; words someone wrote are not.
    expect(replies[0]!.body).toEqual({ ...oldAdr, kind: 'adr', note: words });
  });
});
