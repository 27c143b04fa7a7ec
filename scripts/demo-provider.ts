/**
 * The simulated provider driving a real server through the provider's API (docs/decisions/0092-demo-provider-script.md).
 *
 *   REDRESS_URL=http://127.0.0.1:3000 REDRESS_PROVIDER_KEY=rdk_… npm run demo:provider
 *
 * It follows the events feed (logging what customers do), looks at the provider's open cases, and plays the
 * step the simulated back office would (src/core/simulated-provider.ts `plannedStep`) when it falls due —
 * through the same operations a CRM calls. Bounded: stops after DEMO_MINUTES (default 10) or on SIGINT/SIGTERM.
 *
 *   DEMO_BEHAVIOUR  prompt (default) | late | silent — how the provider keeps its promises
 *   DEMO_ASAP=1     act on each case's next step at once instead of at its time (real clocks run in days)
 *   DEMO_POLL_MS    how often to look (default 5000)
 *   DEMO_ALLOW_REMOTE=1  allow a REDRESS_URL that is not loopback
 */
import { operation, pathOf, PROVIDER_API_BASE, type OperationId } from '@/api/operations';
import type { Case, TimelineEvent } from '@/api/schemas';
import type { Behaviour } from '@/core/ports';
import { plannedStep, resolutionText, type PlannedStep } from '@/core/simulated-provider';
import { getProfile } from '@/domain/profiles';

const base = new URL(process.env.REDRESS_URL ?? 'http://127.0.0.1:3000');
const key = process.env.REDRESS_PROVIDER_KEY ?? '';
const minutes = Number(process.env.DEMO_MINUTES ?? 10);
const pollMs = Math.max(500, Number(process.env.DEMO_POLL_MS ?? 5000));
const asap = process.env.DEMO_ASAP === '1';
const behaviour = (process.env.DEMO_BEHAVIOUR ?? 'prompt') as Behaviour;

if (!key) fail('Set REDRESS_PROVIDER_KEY (npm run server:create-key -- --name "Demo provider").');
if (!['prompt', 'late', 'silent'].includes(behaviour)) fail('DEMO_BEHAVIOUR is prompt, late or silent.');
if (!['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname) && process.env.DEMO_ALLOW_REMOTE !== '1') {
  fail(`${base.hostname} is not loopback; set DEMO_ALLOW_REMOTE=1 to drive another host.`);
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}
const log = (msg: string, fields: Record<string, unknown> = {}) => process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), msg, ...fields })}\n`);

let stopping = false;
const controller = new AbortController();
const stop = () => {
  stopping = true;
  controller.abort();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setTimeout(stop, minutes * 60_000).unref();

async function call<T>(id: OperationId, opts: { params?: Record<string, string>; query?: Record<string, string>; body?: unknown; idem?: string } = {}): Promise<T> {
  const op = operation(id);
  const url = new URL(`${PROVIDER_API_BASE}${pathOf(op.path, opts.params)}`, base);
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = { Authorization: `Bearer ${key}` };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (opts.idem) headers['Idempotency-Key'] = opts.idem;
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(url, { method: op.method, headers, ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}), signal: controller.signal });
    if (res.ok) return (await res.json()) as T;
    const problem = (await res.json().catch(() => ({}))) as { code?: string };
    // A retry under the same key while the first is still running, or a passing failure: wait and send it again.
    if ((res.status === 409 && problem.code === 'idempotencyInProgress') || res.status >= 500) {
      if (attempt < 3) {
        await new Promise((r) => setTimeout(r, 1000 * (attempt + 1)));
        continue;
      }
    }
    throw Object.assign(new Error(`${id} ${res.status} ${problem.code ?? ''}`), { status: res.status, code: problem.code });
  }
}

/** The operation that plays a planned step, and its body. */
function request(step: PlannedStep, c: Case): { id: OperationId; body: unknown } {
  const profile = getProfile(c.providerId);
  const { action } = step;
  if (action.kind === 'adrLetter') return { id: 'providerIssueLetter', body: { kind: 'adr' } };
  if (action.kind === 'propose') return { id: 'providerProposeResolution', body: { text: resolutionText(profile, c) } };
  switch (action.action) {
    case 'acknowledge':
      return { id: 'providerAcknowledge', body: {} };
    case 'respond':
    case 'resolve':
      return { id: 'providerProposeResolution', body: { text: resolutionText(profile, c) } };
    case 'handleAbuse':
      return { id: 'providerCloseCase', body: { text: 'Abuse report dealt with.' } };
    case 'assign':
      return { id: 'providerSendUpdate', body: { text: 'Your case has been assigned to a named case handler.', status: 'investigating' } };
    default:
      return { id: 'providerSendUpdate', body: { text: 'We are still working on your complaint.', status: 'investigating' } };
  }
}

async function actOn(reference: string): Promise<boolean> {
  const { case: c } = await call<{ case: Case }>('providerGetCase', { params: { reference } });
  const { events } = await call<{ events: TimelineEvent[] }>('providerGetTimeline', { params: { reference } });
  const step = plannedStep(getProfile(c.providerId), c, events, behaviour);
  // The ADR letter is the regulator's timing, which the server enforces: never early, even with DEMO_ASAP.
  if (!step || ((!asap || step.action.kind === 'adrLetter') && step.at.getTime() > Date.now())) return false;
  const { id, body } = request(step, c);
  // One key per case, step and due time: a retry or a second copy of this script makes the change once.
  const idem = `demo-${reference}-${step.action.kind}-${step.at.getTime()}`.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 128);
  await call(id, { params: { reference }, body, idem });
  log('acted', { reference, operation: id, step: step.action.kind, due: step.at.toISOString() });
  return true;
}

async function main() {
  log('demo provider started', { url: base.origin, behaviour, asap, minutes });
  let cursor = '0';
  let acted = 0;
  // Start at the end of the feed: history is not news.
  for (;;) {
    const page = await call<{ cursor: string; hasMore: boolean }>('providerEvents', { query: { after: cursor, limit: '500' } });
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  while (!stopping) {
    try {
      const feed = await call<{ events: { seq: string; reference: string; event: TimelineEvent }[]; cursor: string }>('providerEvents', { query: { after: cursor, limit: '200' } });
      cursor = feed.cursor;
      for (const e of feed.events) if (e.event.actor !== 'provider') log('event', { seq: e.seq, reference: e.reference, type: e.event.type, actor: e.event.actor });
      let next: string | null = null;
      do {
        const page: { cases: { reference: string }[]; nextCursor: string | null } = await call('providerListCases', { query: { status: 'open', limit: '100', ...(next ? { cursor: next } : {}) } });
        for (const { reference } of page.cases) {
          if (stopping) break;
          try {
            if (await actOn(reference)) acted += 1;
          } catch (error) {
            if (!stopping) log('could not act', { reference, error: (error as Error).message });
          }
        }
        next = page.nextCursor;
      } while (next && !stopping);
    } catch (error) {
      if (!stopping) log('poll failed', { error: (error as Error).message });
    }
    await new Promise((r) => setTimeout(r, pollMs)).catch(() => undefined);
  }
  log('demo provider stopped', { acted });
}

main().catch((error: unknown) => {
  if (stopping) return;
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
