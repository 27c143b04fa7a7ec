/**
 * Node CPU per complaint creation or guest case read, in process (no HTTP socket), against DATABASE_URL, with
 * where the main thread's time went (self time by function, inclusive by package). A diagnostic for
 * docs/decisions/0093-api-benchmark.md, not part of CI: `DATABASE_URL=… MODE=create|read N=1500
 * TSX_TSCONFIG_PATH=tsconfig.server.json node --import tsx scripts/bench/api-profile.ts` (PROFILE_OUT=file.cpuprofile
 * keeps the profile for Chrome's DevTools). 20 requests at a time, N in all; loopback only.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { projectRoot } from './bundle.ts';
import { complaintRequest, inProcessServer } from './in-process-server.ts';

const MODE = process.env.MODE === 'read' ? 'read' : 'create';
const N = Number(process.env.N ?? 1500);
const CONCURRENCY = 20;

const server = await inProcessServer('redress-prof-');
const create = () => server.fetch(complaintRequest(`p_${randomUUID()}`));

// Warm-up, and the guest cases the read mode reads.
const guests: { reference: string; cookie: string }[] = [];
for (let i = 0; i < 50; i++) {
  const created = await create();
  const { case: c } = (await created.json()) as { case: { reference: string } };
  guests.push({ reference: c.reference, cookie: created.headers.get('Set-Cookie')!.split(';')[0]! });
}

async function one(i: number): Promise<void> {
  const guest = guests[i % guests.length]!;
  const response = MODE === 'create' ? await create() : await server.fetch(new Request(`http://localhost/api/cases/${guest.reference}`, { headers: { Cookie: guest.cookie } }));
  if (response.status !== (MODE === 'create' ? 201 : 200)) throw new Error(`${MODE}: answered ${response.status}`);
  await response.arrayBuffer();
}

const session = new Session();
session.connect();
await session.post('HeapProfiler.enable');
await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never);
let next = 0;
await Promise.all(Array.from({ length: CONCURRENCY }, async () => { while (next < N) await one(next++); }));
const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: Node } };
await server.close();
type Node = { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: Node[] };
const self = new Map<string, number>();
const incl = new Map<string, number>();
const walk = (n: Node, stack: string[]): number => {
  const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/.*node_modules\//, '').replace(/.*work\/main\//, '')}:${n.callFrame.lineNumber}`;
  self.set(k, (self.get(k) ?? 0) + n.selfSize);
  let total = n.selfSize;
  for (const c of n.children) total += walk(c, [...stack, k]);
  if (!stack.includes(k)) incl.set(k, (incl.get(k) ?? 0) + total);
  return total;
};
const all = walk(profile.head, []);
const top = (map: Map<string, number>, n: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, b]) => `${(b / 1024 / N).toFixed(1)} KB/request  ${k}`).join('\n');
console.log(`total ${(all / 1024 / N).toFixed(1)} KB/request\n--- self\n${top(self, 40)}\n--- inclusive\n${top(incl, 60)}`);
