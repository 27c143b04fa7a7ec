/**
 * Fault injection for tests and the demo: a queue of faults per route name (the names given to
 * `route()` in handlers.ts). Each request to that route takes the next fault, if any.
 *   network         the request never reaches the server
 *   500 | 503 | 429 the server answers with that error (503 and 429 with Retry-After: 1)
 *   dropAfterStore  the server stores the change, then the connection drops
 * In the browser the queue lives in sessionStorage so Playwright can set it with page.evaluate.
 */
export type Fault = 'network' | '500' | '503' | '429' | 'dropAfterStore';
export const FAULTS_KEY = 'redress.mock.faults';

let memory: Record<string, Fault[]> = {};

function read(): Record<string, Fault[]> {
  if (typeof sessionStorage === 'undefined') return memory;
  try {
    return JSON.parse(sessionStorage.getItem(FAULTS_KEY) ?? '{}') as Record<string, Fault[]>;
  } catch {
    return {};
  }
}

function write(faults: Record<string, Fault[]>) {
  if (typeof sessionStorage === 'undefined') memory = faults;
  else sessionStorage.setItem(FAULTS_KEY, JSON.stringify(faults));
}

export function injectFaults(route: string, faults: Fault[]) {
  const all = read();
  all[route] = [...(all[route] ?? []), ...faults];
  write(all);
}

export function clearFaults() {
  write({});
}

export function takeFault(route: string): Fault | undefined {
  const all = read();
  const queue = all[route];
  if (!queue?.length) return undefined;
  const fault = queue.shift();
  write(all);
  return fault;
}
