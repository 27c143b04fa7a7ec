import { randomUUID } from 'node:crypto';
import type { ConnectorStateStore } from './state-store';

/**
 * The two background runners of the integration side — a connector (./runtime.ts) and the webhook dispatcher
 * (../webhooks/dispatcher.ts) — share this: one run at a time under a lease on their connector_state row, so one
 * instance runs while the others wait, and a loop that runs again after a delay the run chooses, until stopped.
 */

/** Who holds a lease: this process, and this runner within it. */
export const leaseOwner = (): string => `${process.pid}:${randomUUID()}`;

/** Runs `run` while holding the lease, letting it go after (also on failure); null when another runner holds it. */
export async function underLease<T>(state: ConnectorStateStore, owner: string, leaseMs: number, run: () => Promise<T>): Promise<T | null> {
  if (!(await state.lease(owner, leaseMs))) return null;
  try {
    return await run();
  } finally {
    await state.releaseLease(owner);
  }
}

/**
 * Calls `step` again and again until `stop`: `step` answers how long to wait before the next call (and must not
 * throw). `stop` waits for a call in progress, so nothing runs after it returns.
 */
export class Repeater {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(private readonly step: () => Promise<number>) {}

  start(firstDelayMs: number): void {
    const tick = async () => {
      const again = await this.step();
      if (this.timer !== null) this.timer = setTimeout(() => void (this.running = tick()), again);
    };
    this.timer = setTimeout(() => void (this.running = tick()), firstDelayMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
