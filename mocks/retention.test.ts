import { beforeAll, describe, it } from 'vitest';
import { retentionScenario } from '../test/stores/retention';
import { db, memoryPersistence } from './db';

beforeAll(async () => {
  await db.open(memoryPersistence());
});

describe('retention in the simulated back office', () => {
  it('issue 20.15: prunes expired sessions, codes, rate-limit windows and replies, and anonymises closed cases past retention', async () => {
    await retentionScenario(db, db.files);
  });
});
