import { beforeAll, describe, it } from 'vitest';
import { registerReadsScenario } from '../test/stores/register-reads';
import { db, memoryPersistence } from './db';

beforeAll(async () => {
  await db.open(memoryPersistence());
});

describe('the register in the simulated back office', () => {
  it('reads the histories of 200 cases in one bulk read, not one by one', async () => {
    await registerReadsScenario(db);
  });
});
