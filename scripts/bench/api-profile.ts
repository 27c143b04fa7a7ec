/**
 * Node CPU per complaint creation or guest case read, in process (no HTTP socket), against DATABASE_URL, with
 * where the main thread's time went (self time by function, inclusive by package). A diagnostic for
 * docs/decisions/0093-api-benchmark.md, not part of CI: `DATABASE_URL=… MODE=create|read N=1500
 * TSX_TSCONFIG_PATH=tsconfig.server.json node --import tsx scripts/bench/api-profile.ts` (PROFILE_OUT=file.cpuprofile
 * keeps the profile for Chrome's DevTools). 20 requests at a time, N in all; loopback only. ALLOCATION=1 measures
 * what each request allocates instead (V8's sampling heap profiler, counting what collections freed too; decision
 * 0182): bytes per request by function, self and inclusive.
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
if (process.env.ALLOCATION === '1') {
  await allocationPerRequest();
  process.exit(0);
}

/** Bytes allocated per request, by function (self and inclusive), from a sampling heap profile of N requests. */
async function allocationPerRequest(): Promise<void> {
  interface HeapNode {
    callFrame: { functionName: string; url: string; lineNumber: number };
    selfSize: number;
    children: HeapNode[];
  }
  await session.post('HeapProfiler.enable');
  // The options that keep what minor and major collections freed (in the protocol, not in Node's types).
  await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as { samplingInterval: number });
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => { while (next < N) await one(next++); }));
  const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: HeapNode } };
  await server.close();
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const walk = (node: HeapNode, stack: readonly string[]): number => {
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.replace(/.*node_modules\//, '').replace(`file://${projectRoot}/`, '')}:${lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + node.selfSize);
    let total = node.selfSize;
    for (const child of node.children) total += walk(child, [...stack, key]);
    if (!stack.includes(key)) inclusive.set(key, (inclusive.get(key) ?? 0) + total);
    return total;
  };
  const all = walk(profile.head, []);
  const top = (map: Map<string, number>, n: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, bytes]) => `${(bytes / 1024 / N).toFixed(1)} KB/request  ${k}`).join('\n');
  console.log(`${MODE}: ${(all / 1024 / N).toFixed(1)} KB allocated per request (${N} requests)\n--- self\n${top(self, 35)}\n--- inclusive\n${top(inclusive, 50)}`);
}

await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
// Busy time of the whole machine (Linux): with nothing else running, what is not this process is PostgreSQL.
const machineBusyMs = () => {
  const fields = /^cpu +(.*)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]?.split(' ').map(Number) ?? [];
  return ((fields[0] ?? 0) + (fields[1] ?? 0) + (fields[2] ?? 0) + (fields[5] ?? 0) + (fields[6] ?? 0)) * 10;
};
const busyBefore = machineBusyMs();
const cpuBefore = process.cpuUsage();
const started = performance.now();
let next = 0;
await Promise.all(Array.from({ length: CONCURRENCY }, async () => { while (next < N) await one(next++); }));
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const busy = machineBusyMs() - busyBefore;
const { profile } = await session.post('Profiler.stop');
await server.close();

const each = (us: number) => (us / 1000 / N).toFixed(2);
console.log(`${MODE}: ${N} in ${ms.toFixed(0)} ms = ${((N / ms) * 1000).toFixed(0)}/s; Node CPU ${each(cpu.user + cpu.system)} ms each (user ${each(cpu.user)}, system ${each(cpu.system)}); machine busy ${((busy) / N).toFixed(2)} ms each, so ≈${(busy / N - (cpu.user + cpu.system) / 1000 / N).toFixed(2)} ms outside this process (PostgreSQL on an idle machine)`);
if (process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));

// Self time by function, and inclusive time by package or folder (each counted once per sample).
const where = (url: string) => url.replace(/.*node_modules\//, '').replace(`file://${projectRoot}/`, '');
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map<number, number>();
for (const n of profile.nodes) for (const child of n.children ?? []) parentOf.set(child, n.id);
const self = new Map<string, number>();
const inclusive = new Map<string, number>();
const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
(profile.samples ?? []).forEach((id, i) => {
  const us = profile.timeDeltas?.[i] ?? 0;
  const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
  add(self, `${functionName || '(anonymous)'} ${where(url)}:${lineNumber}`, us);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
    const place = where(nodes.get(at)!.callFrame.url).split('/').slice(0, 2).join('/');
    if (!place || seen.has(place)) continue;
    seen.add(place);
    add(inclusive, place, us);
  }
});
const top = (map: Map<string, number>, n: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => `${(us / 1000 / N).toFixed(3)} ms/request  ${k}`).join('\n');
console.log(`--- self\n${top(self, 35)}\n--- inclusive by package or folder\n${top(inclusive, 25)}`);
