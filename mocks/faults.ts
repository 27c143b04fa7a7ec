/**
 * Fault injection for tests and the demo: a queue of faults per operation of the table
 * (src/api/operations.ts). Each request to that operation takes the next fault, if any.
 *   network         the request never reaches the server
 *   500 | 503 | 429 the server answers with that error (503 and 429 with Retry-After: 1)
 *   dropAfterStore  the server stores the change, then the connection drops
 * In the browser the queue lives in sessionStorage so Playwright can set it with page.evaluate.
 *
 * Route names are the table's operation ids, not free strings: a misspelt name in a test does not compile,
 * and a name that is not an operation fails loudly, so a renamed operation cannot leave a scenario
 * injecting nothing and passing.
 */
import { demoOperations, operations, providerOperations, type OperationId } from '@/api/operations';
export type Fault = 'network' | '500' | '503' | '429' | 'dropAfterStore';
export const FAULTS_KEY = 'redress.mock.faults';

/** Faults are injected per operation of the table (handlers.ts routes every one of them). */
export const routeNames: readonly OperationId[] = [...operations, ...demoOperations, ...providerOperations].map((o) => o.id);
export type RouteName = OperationId;
export type FaultPlan = Partial<Record<RouteName, Fault[]>>;

export function isRouteName(name: string): name is RouteName {
  return (routeNames as readonly string[]).includes(name);
}

let memory: FaultPlan = {};

function read(): FaultPlan {
  if (typeof sessionStorage === 'undefined') return memory;
  try {
    return JSON.parse(sessionStorage.getItem(FAULTS_KEY) ?? '{}') as FaultPlan;
  } catch {
    return {};
  }
}

function write(faults: FaultPlan) {
  if (typeof sessionStorage === 'undefined') memory = faults;
  else sessionStorage.setItem(FAULTS_KEY, JSON.stringify(faults));
}

export function injectFaults(route: RouteName, faults: Fault[]) {
  const all = read();
  all[route] = [...(all[route] ?? []), ...faults];
  write(all);
}

export function clearFaults() {
  write({});
}

/** Faults injected and not yet taken, by route. */
export function faultsLeft(): FaultPlan {
  return Object.fromEntries(Object.entries(read()).filter(([, queue]) => queue.length > 0));
}

/** The next fault for a request to this route. A name missing from `routeNames` is a programming error. */
export function takeFault(route: string): Fault | undefined {
  if (!isRouteName(route)) throw new Error(`Fault injection: "${route}" is not in routeNames (mocks/faults.ts)`);
  const all = read();
  const queue = all[route];
  if (!queue?.length) return undefined;
  const fault = queue.shift();
  write(all);
  return fault;
}
