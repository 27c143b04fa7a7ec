/**
 * Whether the server keeps memory per request (a leak) or only holds heap not yet collected: in process, against
 * DATABASE_URL, N complaint creations then N guest case reads, with the heap after a full GC before and after each
 * batch. A diagnostic for docs/decisions/0093-api-benchmark.md, not part of CI: `DATABASE_URL=… N=2000
 * TSX_TSCONFIG_PATH=tsconfig.server.json node --expose-gc --import tsx scripts/bench/api-memory.ts`
 * (HEAP_SNAPSHOT=prefix writes a heap snapshot after each batch, for Chrome's DevTools).
 */
import { randomUUID } from 'node:crypto';
import { writeHeapSnapshot } from 'node:v8';
import { complaintRequest, inProcessServer } from './in-process-server.ts';

const N = Number(process.env.N ?? 2000);
const CONCURRENCY = 20;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const server = await inProcessServer('redress-mem-');
const guests: { reference: string; cookie: string }[] = [];
const create = async () => {
  const created = await server.fetch(complaintRequest(`m_${randomUUID()}`));
  if (created.status !== 201) throw new Error(`create: answered ${created.status}`);
  const { case: c } = (await created.json()) as { case: { reference: string } };
  if (guests.length < 500) guests.push({ reference: c.reference, cookie: created.headers.get('Set-Cookie')!.split(';')[0]! });
};
const read = async (i: number) => {
  const guest = guests[i % guests.length]!;
  const response = await server.fetch(new Request(`http://localhost/api/cases/${guest.reference}`, { headers: { Cookie: guest.cookie } }));
  if (response.status !== 200) throw new Error(`read: answered ${response.status}`);
  await response.arrayBuffer();
};
async function batch(one: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => { while (next < N) await one(next++); }));
}
const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;
async function report(label: string) {
  // Background work (the jobs the creations enqueued) settles first.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  gc!();
  gc!();
  const m = process.memoryUsage();
  console.log(`${label}: heapUsed ${mb(m.heapUsed)}, heapTotal ${mb(m.heapTotal)}, external ${mb(m.external)}, arrayBuffers ${mb(m.arrayBuffers)}, rss ${mb(m.rss)}`);
  if (process.env.HEAP_SNAPSHOT) writeHeapSnapshot(`${process.env.HEAP_SNAPSHOT}-${label.replace(/\W+/g, '_')}.heapsnapshot`);
}

await report('started');
await batch(() => create());
await report(`after ${N} creations`);
await batch(() => create());
await report(`after ${N} more creations`);
await batch((i) => read(i));
await report(`after ${N} reads`);
await batch((i) => read(i));
await report(`after ${N} more reads`);
await batch(() => create());
await report(`after ${N} more creations`);
await server.close();
