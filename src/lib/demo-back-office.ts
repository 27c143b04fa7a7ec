/**
 * Demo and development only: the simulated back office (MSW, mocks/browser.ts) as the app sees it.
 * src/main.tsx registers how to start it; it starts on the page's first API request, or when the
 * visitor reaches for the demo controls, never before (docs/decisions/0043-boot-after-first-paint.md).
 * The demo banner shows the simulated clock once it is running.
 */
type Listener = () => void;

let starter: (() => Promise<void>) | null = null;
let started: Promise<void> | null = null;
let running = false;
const listeners = new Set<Listener>();

function markRunning() {
  running = true;
  listeners.forEach((listener) => listener());
}

export const demoBackOffice = {
  /** How to start it (src/main.tsx); `alreadyRunning` when it was started before the first render. */
  register: (start: () => Promise<void>, alreadyRunning = false) => {
    starter = start;
    if (alreadyRunning) {
      started = Promise.resolve();
      markRunning();
    }
  },
  /** Starts it once; later calls get the same promise. Resolves (never rejects) when it is up or has failed. */
  start: (): Promise<void> => {
    started ??= (starter ? starter() : Promise.resolve()).catch(() => undefined).then(markRunning);
    return started;
  },
  isRunning: () => running,
  subscribe: (listener: Listener) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
};
