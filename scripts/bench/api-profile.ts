/**
 * Node CPU per complaint creation or guest case read, in process (no HTTP socket), against DATABASE_URL, with
 * where the main thread's time went (self time by function, inclusive by package). A diagnostic for
 * docs/decisions/0093-api-benchmark.md, not part of CI: `DATABASE_URL=… MODE=create|read N=1500
 * TSX_TSCONFIG_PATH=tsconfig.server.json node --import tsx scripts/bench/api-profile.ts` (PROFILE_OUT=file.cpuprofile
 * keeps the profile for Chrome's DevTools). 20 requests at a time, N in all; loopback only.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { complaintBody as body, inProcessServer } from './in-process-server.ts';

const server = await inProcessServer('redress-prof-');
const create = () => server.fetch(new Request('http://localhost/api/cases', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `p_${randomUUID()}` }, body }));
const MODE = process.env.MODE ?? 'create';
const N = Number(process.env.N ?? 1500);
const refs: { reference: string; cookie: string }[] = [];
for (let i = 0; i < 50; i++) { const r = await create(); const j = (await r.json()) as { case: { reference: string } }; refs.push({ reference: j.case.reference, cookie: r.headers.get('Set-Cookie')!.split(';')[0]! }); }
const one = async (i: number) => {
  if (MODE === 'create') { const r = await create(); if (r.status !== 201) throw new Error(String(r.status)); await r.arrayBuffer(); }
  else { const x = refs[i % refs.length]!; const r = await server.fetch(new Request(`http://localhost/api/cases/${x.reference}`, { headers: { Cookie: x.cookie } })); if (r.status !== 200) throw new Error(String(r.status)); await r.arrayBuffer(); }
};
const session = new Session(); session.connect();
await session.post('Profiler.enable'); await session.post('Profiler.setSamplingInterval', { interval: 100 }); await session.post('Profiler.start');
const cpu0 = process.cpuUsage(); const t0 = performance.now();
let next = 0;
await Promise.all(Array.from({ length: 20 }, async () => { while (next < N) await one(next++); }));
const ms = performance.now() - t0; const cpu = process.cpuUsage(cpu0);
const { profile } = await session.post('Profiler.stop');
console.log(`${MODE}: ${N} in ${ms.toFixed(0)} ms = ${(N / ms * 1000).toFixed(0)}/s; node CPU ${((cpu.user + cpu.system) / 1000 / N).toFixed(2)} ms each (user ${(cpu.user / 1000 / N).toFixed(2)}, sys ${(cpu.system / 1000 / N).toFixed(2)})`);
if (process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));
// self time by function, and inclusive by file
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>(); for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map<string, number>(); const incl = new Map<string, number>();
const dt = profile.timeDeltas ?? [];
(profile.samples ?? []).forEach((id, i) => {
  const d = dt[i] ?? 0; const n = byId.get(id)!;
  const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/.*node_modules\//, '').replace(/.*\/work\/main\//, '')}:${n.callFrame.lineNumber}`;
  self.set(k, (self.get(k) ?? 0) + d);
  const seen = new Set<string>(); let cur: number | undefined = id;
  while (cur !== undefined) { const cn = byId.get(cur)!; const f = cn.callFrame.url.replace(/.*node_modules\//, '').replace(/.*\/work\/main\//, '').split('/').slice(0, 2).join('/'); if (f && !seen.has(f)) { seen.add(f); incl.set(f, (incl.get(f) ?? 0) + d); } cur = parent.get(cur); }
});
const per = (us: number) => `${(us / 1000 / N).toFixed(3)} ms/req`;
console.log('--- self'); console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 35).map(([k, v]) => `${per(v)} ${k}`).join('\n'));
console.log('--- inclusive by package/dir'); console.log([...incl].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${per(v)} ${k}`).join('\n'));
await server.close();
process.exit(0);
