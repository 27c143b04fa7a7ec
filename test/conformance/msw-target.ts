import { getResponse } from 'msw';
import { scaledWriteLimits } from '@/core/http';
import { DEFAULT_CASE_RETENTION_YEARS, runRetention } from '@/core/retention';
import { handlers, realClock, simulatedWriteLimits } from '@mocks/handlers';
import { RUNS } from './report';
import { db, memoryPersistence } from '@mocks/db';
import { clearFaults, injectFaults } from '@mocks/faults';
import { demoControls, type Target } from './target';

/**
 * The simulated back office as a conformance target: each request goes straight to the MSW handlers with
 * `getResponse` (no interception of fetch, so no global cookie store: every test browser keeps its own
 * cookies), over an in-memory database. Injected faults and a "reload" (the database reopened from what it
 * persisted) are available here only.
 */
export async function mswTarget(): Promise<Target> {
  const persistence = memoryPersistence();
  await db.open(persistence);
  // The write limits as a deployment has them (issue 20.4), scaled up only for the fault suite's hundreds of runs in one test.
  simulatedWriteLimits.current = scaledWriteLimits(Math.max(1, Math.ceil(RUNS / 5)));
  const base = {
    baseUrl: 'http://localhost/api',
    async fetch(request: Request): Promise<Response> {
      const response = await getResponse(handlers, request);
      if (!response) throw new Error(`No handler for ${request.method} ${request.url}`);
      // HttpResponse.error(): the connection dropped, as fetch reports it.
      if (response.type === 'error') throw new TypeError('fetch failed');
      return response;
    },
  };
  const demo = demoControls(base);
  return {
    name: 'msw',
    ...base,
    async reset(nowIso) {
      clearFaults();
      realClock.offsetMs = 0;
      await demo.reset(nowIso);
    },
    setClock: demo.setClock,
    injectFaults: (operationId, faults) => injectFaults(operationId, [...faults]),
    reload: () => db.open(persistence),
    advanceRealTime: async (ms) => {
      realClock.offsetMs += ms;
    },
    runRetention: async () => void (await runRetention({ store: db, files: db.files }, 'nasstar', realClock.now(), db.now(), DEFAULT_CASE_RETENTION_YEARS)),
    close: async () => {
      clearFaults();
      realClock.offsetMs = 0;
    },
  };
}
