import { describe, it } from 'vitest';
import { registerReadsScenario } from '../../test/stores/register-reads';
import { storeForThisFile } from '../test/database';

const db = storeForThisFile(['cases', 'case_events', 'case_messages']);

describe('the register on PostgreSQL / PGlite', () => {
  it('reads the histories of 200 cases in one query (caseHistories, under row-level security), not one by one', async () => {
    await registerReadsScenario(db.store);
  });
});
