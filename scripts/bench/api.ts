/**
 * The server's API benchmark (docs/decisions/0093-api-benchmark.md): `npm run bench:api`. Loopback only, bounded
 * in requests and time, stops by itself.
 *
 * Two server instances (ports 3301, 3302) share one PostgreSQL: DATABASE_URL when set, else a throwaway cluster
 * from Debian's binaries (/usr/lib/postgresql/15/bin), else PGlite with a single instance (said in the output).
 *   (a) the same Idempotency-Key sent to both instances at once, N times: exactly one case each time;
 *   (b) complaint creation and case reads at 50 and 200 concurrent connections: throughput, p50/p99, errors;
 *   (c) floors in the same run: Hono answering fixed JSON, a bare INSERT through the same pg driver, the SQL of a
 *       creation alone, the SQL of a read alone, and Hono answering a read with that SQL and nothing else.
 * Budgets (issue 21 point 9), each against its floor in the same run: creation ≥ 0.6 × the creation's SQL floor at
 * 50 and 200 connections; reads ≥ 0.6 × the HTTP + read-SQL floor's throughput with p99 ≤ 2 × its p99; RSS ≤ 200 MB
 * per instance after the run; CPU per request (Node and PostgreSQL) beside each figure. Writes
 * bench-results/api.md and api.json; exits 1 when a budget fails.
 *
 *   BENCH_SECONDS (8) seconds per load phase · BENCH_MAX_REQUESTS (20000) per phase · BENCH_IDEM_PAIRS (50)
 *   · BENCH_POOL_SIZE (10) connections in each instance's pool (DATABASE_POOL_SIZE; the INSERT floor gets them all)
 *   · BENCH_SETTLE_MAX_SECONDS (240) the longest wait for the creation phases' deliveries before the next phase
 *   · BENCH_WARMUP_SECONDS (4) how long each server process is sent its kind of work, unmeasured, before its first
 *     measured phase (decision 0183: a deployment runs hot; 0 for none)
 *   · BENCH_PORT_BASE (none: 3301–3304 and 55440) · BENCH_MACHINE whether the machine was idle (said in the results)
 *   · BENCH_ONLY=idempotency,creation,reads (any of them; none: all) runs those parts and their floors only, written to
 *     bench-results/api-only-….md/json (reads need cases: their creation phases run too, and are reported)
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildServer, serverBundle } from '../build-server.ts';
import { creationSqlFloor, measure, percentile, readSqlFloor, round, type LoadResult } from './api-sql-floors.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const MAX_REQUESTS = Number(process.env.BENCH_MAX_REQUESTS ?? 20_000);
const IDEM_PAIRS = Number(process.env.BENCH_IDEM_PAIRS ?? 50);
const POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? 10);
/** BENCH_PORT_BASE: the two instances, the two floor servers and the throwaway cluster on five ports from there. */
const BASE = Number(process.env.BENCH_PORT_BASE ?? 0);
const PORTS = BASE ? [BASE, BASE + 1] : [3301, 3302];
const FLOOR_PORTS = BASE ? [BASE + 2, BASE + 3] : [3303, 3304];
const FLOOR_PORT = FLOOR_PORTS[0]!;
const PG_BIN = '/usr/lib/postgresql/15/bin';
const HARD_LIMIT_MS = 10 * 60_000;
/** BENCH_ONLY: the parts to run (idempotency, creation, reads), comma-separated; none: all. */
const ONLY = process.env.BENCH_ONLY;
/** BENCH_SERVER: how the instances run — 'bundle' (default: build/server/main.js under plain Node, as `npm start` runs it) or 'tsx' (server/main.ts under tsx, as before decision 0174). */
const SERVER_MODE = process.env.BENCH_SERVER === 'tsx' ? 'tsx' : 'bundle';
/** BENCH_SETTLE_SECONDS (30): RSS is read right after the run and again this long after, the instances left alone. */
const SETTLE_SECONDS = Number(process.env.BENCH_SETTLE_SECONDS ?? 30);
/** The longest wait for the creation phases' deliveries before the next phase (settleDeliveries). */
const SETTLE_MAX_SECONDS = Number(process.env.BENCH_SETTLE_MAX_SECONDS ?? 240);
/**
 * Each server process — the instances, the floors' Hono processes — is sent this long of the work it is measured on
 * before its first measured phase, not counted (decision 0183): otherwise the first phase also pays for V8 compiling
 * the process's code, a cost a deployment pays once, and the larger the process's code the more it pays.
 */
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 4);
const runs = (part: 'idempotency' | 'creation' | 'reads') => !ONLY || ONLY.split(',').includes(part);
/** Say whether the machine was idle: BENCH_MACHINE="shared: …" when other work ran beside the benchmark. */
const MACHINE = process.env.BENCH_MACHINE ?? `not stated (load average at start ${(await import('node:os')).loadavg()[0]!.toFixed(1)})`;

type Phase = LoadResult & { cpu: Cpu };

const children: ChildProcess[] = [];
const cleanups: (() => void)[] = [];
function cleanup() {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  for (const step of cleanups.reverse()) {
    try {
      step();
    } catch {
      /* best effort */
    }
  }
}
setTimeout(() => {
  process.stderr.write('bench:api: time limit reached\n');
  cleanup();
  process.exit(1);
}, HARD_LIMIT_MS).unref();
process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const say = (line: string) => process.stdout.write(`${line}\n`);

// ---------- the database ----------

interface Db {
  kind: 'postgres (DATABASE_URL)' | 'postgres (throwaway cluster)' | 'pglite';
  url: string | null;
  /** The postmaster's pid, to count PostgreSQL's CPU (its processes); the throwaway cluster's, or PG_POSTMASTER_PID. */
  postmaster: number | null;
}

async function database(): Promise<Db> {
  const given = Number(process.env.PG_POSTMASTER_PID) || null;
  if (process.env.DATABASE_URL) return { kind: 'postgres (DATABASE_URL)', url: process.env.DATABASE_URL, postmaster: given };
  if (!existsSync(join(PG_BIN, 'initdb'))) return { kind: 'pglite', url: null, postmaster: null };
  const dir = mkdtempSync(join(tmpdir(), 'redress-bench-pg-'));
  chmodSync(dir, 0o777);
  const port = BASE ? BASE + 4 : 55_440;
  const asPostgres = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    asPostgres ? execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', [cmd, ...args].map((a) => `'${a}'`).join(' ')], { stdio: 'pipe' }) : execFileSync(cmd, args, { stdio: 'pipe' });
  run(join(PG_BIN, 'initdb'), ['-D', `${dir}/data`, '-A', 'trust', '-U', 'postgres']);
  run(join(PG_BIN, 'pg_ctl'), ['-D', `${dir}/data`, '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on -c checkpoint_timeout=1h -c max_wal_size=4GB`, '-l', `${dir}/log`, '-w', 'start']);
  cleanups.push(() => {
    run(join(PG_BIN, 'pg_ctl'), ['-D', `${dir}/data`, '-m', 'immediate', 'stop']);
    rmSync(dir, { recursive: true, force: true });
  });
  const postmaster = Number(readFileSync(`${dir}/data/postmaster.pid`, 'utf8').split('\n')[0]) || null;
  return { kind: 'postgres (throwaway cluster)', url: `postgres://postgres@127.0.0.1:${port}/postgres`, postmaster };
}

// ---------- processes ----------

/**
 * The Node options `npm start` runs the compiled server with (package.json's start: `exec node … build/server/main.js`,
 * the heap ceiling of decision 0180), so the instances run as a deployment does.
 */
let startOptionsRead: string[] | undefined;
function startOptions(): string[] {
  if (startOptionsRead) return startOptionsRead;
  const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start;
  const command = /exec node (.*?)\s*build\/server\/main\.js/.exec(start);
  if (!command) throw new Error(`bench:api: package.json's start does not run build/server/main.js as expected: ${start}`);
  return (startOptionsRead = command[1]!.split(/\s+/).filter(Boolean));
}

function startChild(script: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, script.endsWith('.js') ? [...startOptions(), script] : ['--import', 'tsx', script], {
    env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.server.json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[${env.PORT}] ${chunk.toString()}`));
  // The instance's structured log (LOG_LEVEL=error): its first error lines, to explain a server error in the run.
  let shown = 0;
  child.stdout?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.includes('"level":"error"') && shown++ < 10) process.stderr.write(`[${env.PORT}] ${line}\n`);
  });
  children.push(child);
  return child;
}

async function waitFor(url: string, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    await sleep(250);
  }
  throw new Error(`${url} did not come up`);
}

function rssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

// ---------- CPU per request: the Node processes that answered and PostgreSQL's processes ----------

/**
 * The fields of /proc/<pid>/stat after "pid (comm) ", so that 1-based field n of proc(5) is at index n − 3 (state,
 * field 3, at 0); null when the process is gone.
 */
function statOf(pid: number | string): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
  } catch {
    return null;
  }
}

/** CPU time (user + system: fields 14, 15) of a process in ms (clock ticks of 10 ms); 0 when it is gone. */
function cpuMsOf(pid: number): number {
  const fields = statOf(pid);
  return fields ? (Number(fields[11]) + Number(fields[12])) * 10 : 0;
}

/**
 * The CPU of a process's children that have exited and been reaped (cutime + cstime, fields 16, 17): for the
 * postmaster, every backend gone — a floor's pool, ended before its phase is read, took its backends with it.
 */
function reapedCpuMsOf(pid: number): number {
  const fields = statOf(pid);
  return fields ? (Number(fields[13]) + Number(fields[14])) * 10 : 0;
}

/** The postmaster and its children (the backends, the writer, the WAL writer…). */
function pgPids(postmaster: number | null): number[] {
  if (!postmaster) return [];
  const pids = [postmaster];
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      // (ppid: field 4)
      if (Number(statOf(entry)?.[1]) === postmaster) pids.push(Number(entry));
    }
  } catch {
    /* no /proc */
  }
  return pids;
}

interface Cpu {
  /** ms of CPU per request in the Node processes that did the work (the server instances, the floor's processes, or this one for the SQL floors). */
  nodeMs: number | null;
  pgMs: number | null;
}

/**
 * Runs a phase and says the CPU it cost per request. `node`: the pids of the Node processes doing the work, or
 * 'self' for this process (the SQL floors, whose driver runs here). PostgreSQL's processes are read at the end
 * too, so backends started during the phase count; one that ended during it is lost (pools keep theirs).
 */
/**
 * The database every measured phase starts from a checkpoint on (set once the cluster is up): the dirty pages of the
 * phases before are written out before, not during, the next — in one run a floor's throughput halved (886 → 470
 * creations/s) while its CPU per request fell, waiting on the disk. The throwaway cluster takes no timed checkpoint
 * within a run (checkpoint_timeout 1 h, max_wal_size 4 GB), so none falls inside a phase.
 */
let checkpointUrl: string | null = null;
async function checkpoint(): Promise<void> {
  if (!checkpointUrl) return;
  const client = new pg.Client({ connectionString: checkpointUrl });
  await client.connect();
  try {
    await client.query('CHECKPOINT');
  } finally {
    await client.end();
  }
}

async function withCpu(node: number[] | 'self', postmaster: number | null, phase: () => Promise<LoadResult>): Promise<LoadResult & { cpu: Cpu }> {
  await checkpoint();
  const nodeNow = () => (node === 'self' ? (process.cpuUsage().user + process.cpuUsage().system) / 1000 : node.reduce((n, pid) => n + cpuMsOf(pid), 0));
  const pgBefore = new Map(pgPids(postmaster).map((pid) => [pid, cpuMsOf(pid)]));
  const reapedBefore = postmaster ? reapedCpuMsOf(postmaster) : 0;
  const nodeBefore = nodeNow();
  const result = await phase();
  const nodeMs = nodeNow() - nodeBefore;
  // The backends alive now (from what each had used before, or from its start), plus those that exited meanwhile:
  // the postmaster's reaped children's CPU, less what those that were already running had used before.
  const pgAfter = pgPids(postmaster);
  const alive = pgAfter.reduce((n, pid) => n + cpuMsOf(pid) - (pgBefore.get(pid) ?? 0), 0);
  const goneBefore = [...pgBefore].filter(([pid]) => !pgAfter.includes(pid)).reduce((n, [, ms]) => n + ms, 0);
  const pgMs = alive + (postmaster ? reapedCpuMsOf(postmaster) - reapedBefore : 0) - goneBefore;
  const per = (ms: number) => (result.requests ? Math.round((ms / result.requests) * 100) / 100 : null);
  return { ...result, cpu: { nodeMs: per(nodeMs), pgMs: postmaster ? per(pgMs) : null } };
}

const cpuText = (c: Cpu | undefined) => (c ? `${c.nodeMs ?? '?'} ms Node + ${c.pgMs ?? '?'} ms PostgreSQL CPU/request` : '');

// ---------- a small bounded load loop over keep-alive connections ----------

interface Req {
  port: number;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}
interface Res {
  status: number;
  body: string;
  setCookie: string[];
}

function send(agent: Agent, r: Req): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: r.port, method: r.method, path: r.path, agent, headers: { ...(r.body ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(r.body) } : {}), ...r.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), setCookie: res.headers['set-cookie'] ?? [] }));
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(r.body);
  });
}

/** The first few server errors of the run, word for word (printed at the end). */
const errorSamples: string[] = [];
const noteError = (what: string) => {
  if (errorSamples.length < 5) errorSamples.push(what);
};

async function load(concurrency: number, make: (i: number) => Req, onOk?: (i: number, res: Res) => void, seconds = SECONDS, maxRequests = MAX_REQUESTS): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let next = 0;
  let serverErrors = 0;
  let otherNon2xx = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end && next < maxRequests) {
        const i = next++;
        const t = performance.now();
        try {
          const res = await send(agent, make(i));
          latencies.push(performance.now() - t);
          if (res.status >= 500) {
            serverErrors++;
            noteError(`${concurrency}, ${Math.round(performance.now() - started)} ms into the phase: ${res.status} ${res.body.slice(0, 300)}`);
          } else if (res.status >= 300) otherNon2xx++;
          else onOk?.(i, res);
        } catch (error) {
          serverErrors++;
          noteError(`${concurrency}, ${Math.round(performance.now() - started)} ms into the phase, ${Math.round(performance.now() - t)} ms after sending: dropped — ${(error as Error).message}`);
        }
      }
    }),
  );
  const took = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { concurrency, requests: latencies.length, seconds: round(took), throughput: round(latencies.length / took), p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)), serverErrors, otherNon2xx };
}

/** How the delivery backlog left by the phases before went, waiting until it is gone (decision 0181). */
interface Settled {
  before: string;
  pending: number;
  seconds: number;
  drained: boolean;
}

/**
 * Waits, sending no request, until every customer's message the creation phases queued has left (case_messages: none
 * 'pending'), for at most SETTLE_MAX_SECONDS. Each new case queues its customer's acknowledgement, delivered by the
 * instances' job workers in the background: without the wait, the next phase shares the machine with thousands of
 * deliveries its floor does not have — the reads' figures then measured reads and mail together, by an amount
 * that changed with the backlog. The wait's length is reported (information: the delivery rate of a backlog).
 */
async function settleDeliveries(url: string | null, before: string): Promise<Settled> {
  if (!url) return { before, pending: 0, seconds: 0, drained: true };
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const count = async () => Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM case_messages WHERE status = 'pending'")).rows[0]?.n ?? 0);
  try {
    const started = performance.now();
    const pending = await count();
    let left = pending;
    while (left > 0 && performance.now() - started < SETTLE_MAX_SECONDS * 1000) {
      await sleep(250);
      left = await count();
    }
    const seconds = round((performance.now() - started) / 1000);
    say(`  ${before}: ${pending} message(s) waiting for delivery, ${left === 0 ? `all gone in ${seconds} s` : `${left} still waiting after ${seconds} s (went on)`}`);
    return { before, pending, seconds, drained: left === 0 };
  } finally {
    await client.end();
  }
}

async function insertFloor(url: string, concurrency: number, poolSize: number): Promise<LoadResult> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  await pool.query('CREATE TABLE IF NOT EXISTS bench_floor (id text PRIMARY KEY, data jsonb NOT NULL)');
  const data = JSON.stringify({ ...submission('floor'), pad: 'x'.repeat(600) });
  try {
    return await measure(concurrency, { seconds: SECONDS, maxRequests: MAX_REQUESTS }, async () => {
      await pool.query('INSERT INTO bench_floor (id, data) VALUES ($1, $2)', [randomUUID(), data]);
    });
  } finally {
    await pool.query('DROP TABLE IF EXISTS bench_floor');
    await pool.end();
  }
}

function submission(summary: string) {
  return {
    kind: 'complaint',
    aboutYou: { customerKind: 'residential', name: 'Bench Customer', email: 'bench@example.com', phone: '07911 654321', replyBy: 'email' },
    complaint: { category: 'billing', summary, whatHappened: 'I cancelled in October and was still charged for November and December.', startedOn: '2026-10-01', outcomeWanted: 'A refund of both months' },
    evidence: { references: [{ reference: 'TCK-1' }], staff: [], calls: [], emails: [], attachmentIds: [] },
  };
}

// ---------- the run ----------

async function main() {
  const db = await database();
  // Only on the throwaway cluster (its own, a superuser's): a DATABASE_URL's server is left as it is run.
  if (db.kind === 'postgres (throwaway cluster)') checkpointUrl = db.url;
  const instances = db.url ? PORTS : PORTS.slice(0, 1);
  const work = mkdtempSync(join(tmpdir(), 'redress-bench-'));
  cleanups.push(() => rmSync(work, { recursive: true, force: true }));
  say(`bench:api — database: ${db.kind}${db.url ? '' : ' (no PostgreSQL found: ONE instance on PGlite; the two-instance and PostgreSQL budgets do not apply)'}`);

  // The first instance applies the migrations and creates pg-boss's schema; then the second.
  const servers: ChildProcess[] = [];
  const serverEntry = SERVER_MODE === 'bundle' ? await buildServer(serverBundle) : 'server/main.ts';
  const benchSecret = randomBytes(32).toString('base64url');
  for (const port of instances) {
    servers.push(
      startChild(serverEntry, {
        PORT: String(port),
        HOST: '127.0.0.1',
        ...(db.url ? { DATABASE_URL: db.url, SERVER_SECRET: benchSecret } : { DATA_DIR: join(work, 'pglite') }),
        MAIL_OUTBOX: '1',
        FILES_DIR: join(work, 'files'),
        DIST_DIR: join(work, 'no-dist'),
        COOKIE_SECURE: 'false',
        LOG_LEVEL: 'error',
        PROVIDER: 'nasstar',
        // A real deployment: no DEMO (no simulated provider on reads, no seeding); the data comes through the API.
        DATABASE_POOL_SIZE: String(POOL_SIZE),
        // Thousands of complaints from one address would meet the write limits (decision 0102): the bench measures the work, not 429s.
        WRITE_RATE_LIMITS: 'off',
      }),
    );
    await waitFor(`http://127.0.0.1:${port}/api/health`, 120_000);
  }
  // The floors' servers: one for fixed JSON (and, on PostgreSQL, a second one: the HTTP + read-SQL floor runs on
  // as many processes, with as many connections, as the server's instances).
  const floorPorts = db.url ? FLOOR_PORTS.slice(0, instances.length) : FLOOR_PORTS.slice(0, 1);
  const floorPids: number[] = [];
  for (const port of floorPorts) {
    const floor = startChild('scripts/bench/api-floor-hono.ts', { PORT: String(port), ...(db.url ? { DATABASE_URL: db.url, POOL_SIZE: String(POOL_SIZE) } : {}) });
    if (floor.pid) floorPids.push(floor.pid);
    await waitFor(`http://127.0.0.1:${port}/fixed`, 60_000);
  }
  const portOf = (i: number) => instances[i % instances.length]!;
  const create = (summary: string, key: string, port: number): Req => ({ port, method: 'POST', path: '/api/cases', headers: { 'Idempotency-Key': key }, body: JSON.stringify(submission(summary)) });
  type Guest = { reference: string; cookie: string };
  /** The guest a creation's answer signs in (its case and session cookie), if it set one. */
  const guestOf = (res: Res): Guest | null => {
    const cookie = res.setCookie.map((s) => s.split(';')[0]).find((s) => s?.startsWith('redress_session='));
    return cookie ? { reference: (JSON.parse(res.body) as { case: { reference: string } }).case.reference, cookie } : null;
  };
  /** A guest's read of their case at `path` (the server's API, or the HTTP + read-SQL floor's /read). */
  const readAs = (g: Guest, port: number, path = `/api/cases/${g.reference}`): Req => ({ port, method: 'GET', path, headers: { Cookie: g.cookie } });

  // (a) the same key to both instances at once
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  let duplicates = 0;
  let idemServerErrors = 0;
  const run = randomUUID().slice(0, 8);
  for (let i = 0; i < (runs('idempotency') ? IDEM_PAIRS : 0); i++) {
    const key = `bench_${run}_${i}_${randomUUID().replace(/-/g, '')}`;
    const summary = `Bench idempotency ${run} ${i}`;
    const answers = await Promise.all(
      [0, 1].map(async (side) => {
        for (let attempt = 0; attempt < 50; attempt++) {
          const res = await send(agent, create(summary, key, instances[side % instances.length]!));
          if (res.status >= 500) {
            idemServerErrors++;
            noteError(`same-key race: ${res.status} ${res.body.slice(0, 300)}`);
          }
          if (res.status === 201) return (JSON.parse(res.body) as { case: { reference: string } }).case.reference;
          await sleep(50);
        }
        return null;
      }),
    );
    if (!answers[0] || answers[0] !== answers[1]) duplicates++;
    if (db.url) {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM cases WHERE data->'complaint'->>'summary' = $1`, [summary]);
      await client.end();
      if (Number(rows[0]!.n) !== 1) duplicates++;
    }
  }
  agent.destroy();
  if (runs('idempotency')) say(`(a) same Idempotency-Key to ${instances.length === 2 ? 'both instances' : 'the instance'} at once, ${IDEM_PAIRS}×: ${duplicates} duplicates`);

  // (b) creation, then reads of the created cases with their guest sessions
  const sessions: Guest[] = [];
  const serverPids = servers.map((s) => s.pid).filter((pid): pid is number => pid !== undefined);
  const pm = db.postmaster;
  const creation: Phase[] = [];
  const reads: Phase[] = [];
  const settled: Settled[] = [];
  // The instances' warm-up (WARMUP_SECONDS of creations, then of reads of those cases), its deliveries then left to go.
  const warmUp: { what: string; requests: number }[] = [];
  let warmUpErrors = 0;
  if (WARMUP_SECONDS > 0 && (runs('creation') || runs('reads'))) {
    const warmSessions: Guest[] = [];
    const made = await load(50, (i) => create(`Bench warm-up ${run} ${i}`, `bench_${run}_w_${i}_${randomUUID().replace(/-/g, '')}`, portOf(i)), (_i, res) => {
      const guest = warmSessions.length < 500 ? guestOf(res) : null;
      if (guest) warmSessions.push(guest);
    }, WARMUP_SECONDS);
    warmUp.push({ what: 'complaint creations', requests: made.requests });
    warmUpErrors += made.serverErrors;
    if (warmSessions.length) {
      const read = await load(50, (i) => readAs(warmSessions[i % warmSessions.length]!, portOf(i)), undefined, WARMUP_SECONDS);
      warmUp.push({ what: 'case reads', requests: read.requests });
      warmUpErrors += read.serverErrors;
    }
    settled.push(await settleDeliveries(db.url, 'before creation at 50 (after the warm-up)'));
    say(`  warm-up: ${warmUp.map((w) => `${w.requests} ${w.what}`).join(', ')} (not measured)`);
  }
  // Each budgeted floor runs right after the phase it is compared with, at the same concurrency, so that the two
  // share the machine's state: in one run the floors, all measured at the end, had moved by up to 1.8× while the
  // server's phases, minutes before, had not (bench-results/README.md, "mid-morning").
  const creationSql: Phase[] = [];
  const readHttp: Phase[] = [];
  const limits = { seconds: SECONDS, maxRequests: MAX_REQUESTS };
  for (const c of runs('creation') || runs('reads') ? [50, 200] : []) {
    if (creation.length) settled.push(await settleDeliveries(db.url, `before creation at ${c}`));
    creation.push(
      await withCpu(serverPids, pm, () => load(c, (i) => create(`Bench load ${run} ${c} ${i}`, `bench_${run}_c${c}_${i}_${randomUUID().replace(/-/g, '')}`, portOf(i)), (_i, res) => {
        const guest = sessions.length < 2000 ? guestOf(res) : null;
        if (guest) sessions.push(guest);
      })),
    );
    // The SQL a creation must send, alone (api-sql-floors.ts): what is left of the budget for the rest — once the
    // phase's messages have gone (the floor sends none).
    if (db.url && runs('creation')) {
      settled.push(await settleDeliveries(db.url, `before the creation's SQL floor at ${c}`));
      creationSql.push(await withCpu('self', pm, () => creationSqlFloor(db.url!, c, POOL_SIZE * instances.length, limits)));
    }
  }
  if (runs('reads')) settled.push(await settleDeliveries(db.url, 'before the reads'));
  const floorRead = (i: number) => {
    const s = sessions[i % sessions.length]!;
    return readAs(s, floorPorts[i % floorPorts.length]!, `/read/${s.reference}`);
  };
  for (const c of runs('reads') ? [50, 200] : []) {
    // Every session the phase reads is seen once just before it, unmeasured, so that none renews its last-seen time
    // inside the phase (decision 0192): a session seen more than a minute ago is written to on its next read, and the
    // creation phases make all of them within half a minute — whether that minute ran out during a read phase
    // depended on how long the phases between took, and then a third of its reads were writes (the floor has none).
    warmUpErrors += (await load(50, (i) => readAs(sessions[i % sessions.length]!, portOf(i)), undefined, 60, sessions.length)).serverErrors;
    reads.push(
      await withCpu(serverPids, pm, () => load(c, (i) => readAs(sessions[i % sessions.length]!, portOf(i)))),
    );
    // Hono answering the read with its SQL and nothing else (api-floor-hono.ts), warmed before its first phase.
    if (db.url) {
      if (WARMUP_SECONDS > 0 && readHttp.length === 0) warmUpErrors += (await load(50, floorRead, undefined, WARMUP_SECONDS)).serverErrors;
      readHttp.push(await withCpu(floorPids, pm, () => load(c, floorRead)));
    }
  }

  // (c) the floors given for information: Hono answering fixed JSON, a bare INSERT, the read's SQL alone.
  const hono: Phase[] = [];
  const fixed = (): Req => ({ port: FLOOR_PORT, method: 'GET', path: '/fixed' });
  if (WARMUP_SECONDS > 0 && runs('reads')) warmUpErrors += (await load(50, fixed, undefined, WARMUP_SECONDS)).serverErrors;
  for (const c of runs('reads') ? [50, 200] : []) hono.push(await withCpu(floorPids.slice(0, 1), pm, () => load(c, fixed)));
  const inserts: Phase[] = [];
  if (db.url && runs('creation')) for (const c of [50, 200]) inserts.push(await withCpu('self', pm, () => insertFloor(db.url!, c, POOL_SIZE * instances.length)));
  const readSql: Phase[] = [];
  if (db.url && runs('reads')) for (const c of [50, 200]) readSql.push(await withCpu('self', pm, () => readSqlFloor(db.url!, c, POOL_SIZE * instances.length, limits)));

  // RSS right after the run, then after SETTLE_SECONDS with no requests (background work — the deliveries still
  // queued from the creation phases — goes on): decision 0174 says which is budgeted and why.
  const rssNow = servers.map((s) => rssMb(s.pid));
  await sleep(SETTLE_SECONDS * 1000);
  const memory = servers.map((s, i) => ({ port: instances[i]!, rssMb: rssMb(s.pid), rssAtEndMb: rssNow[i] ?? null }));
  cleanup();

  // ---------- budgets ----------
  const serverErrors = idemServerErrors + warmUpErrors + [...creation, ...reads].reduce((n, r) => n + r.serverErrors, 0);
  // Issue 21 point 9: every budget against its floor measured in this run (the old absolute read budget and the
  // 0.3 × bare-INSERT creation budget are retired; the bare INSERT stays as information).
  const checks: { name: string; value: string; budget: string; floor: string; ok: boolean | null }[] = [
    ...(runs('idempotency') ? [{ name: 'duplicates (same key, two instances)', value: String(duplicates), budget: '0', floor: '—', ok: duplicates === 0 }] : []),
    { name: 'server errors (5xx or dropped)', value: String(serverErrors), budget: '0', floor: '—', ok: serverErrors === 0 },
  ];
  for (const [i, c] of creation.entries()) {
    const floor = creationSql[i];
    checks.push({
      name: `creation throughput at ${c.concurrency}`,
      value: `${c.throughput}/s (${floor ? `${(c.throughput / floor.throughput).toFixed(2)} × floor; ` : ''}${cpuText(c.cpu)})`,
      budget: floor ? `≥ 0.6 × the creation’s SQL floor = ${round(0.6 * floor.throughput)}/s` : db.url ? 'floor not measured (BENCH_ONLY)' : 'n/a on PGlite',
      floor: floor ? `the creation’s SQL alone ${floor.throughput}/s (${cpuText(floor.cpu)}); bare INSERT ${inserts[i]?.throughput ?? '?'}/s (information)` : '—',
      ok: floor ? c.throughput >= 0.6 * floor.throughput : null,
    });
  }
  for (const [i, r] of reads.entries()) {
    const floor = readHttp[i];
    checks.push({
      name: `reads throughput at ${r.concurrency}`,
      value: `${r.throughput}/s (${floor ? `${(r.throughput / floor.throughput).toFixed(2)} × floor; ` : ''}${cpuText(r.cpu)})`,
      budget: floor ? `≥ 0.6 × the HTTP + read-SQL floor = ${round(0.6 * floor.throughput)}/s` : 'n/a on PGlite',
      floor: floor ? `Hono + the read’s SQL ${floor.throughput}/s (${cpuText(floor.cpu)}); the read’s SQL alone ${readSql[i]?.throughput ?? '?'}/s` : '—',
      ok: floor ? r.throughput >= 0.6 * floor.throughput : null,
    });
    checks.push({
      name: `reads p99 at ${r.concurrency}`,
      value: `${r.p99} ms${floor ? ` (${(r.p99 / floor.p99).toFixed(2)} × floor)` : ''}`,
      budget: floor ? `≤ 2 × the HTTP + read-SQL floor’s p99 = ${round(2 * floor.p99)} ms` : 'n/a on PGlite',
      floor: floor ? `Hono + the read’s SQL p99 ${floor.p99} ms; Hono fixed JSON p99 ${hono[i]?.p99 ?? '?'} ms` : '—',
      ok: floor ? r.p99 <= 2 * floor.p99 : null,
    });
  }
  for (const m of memory) {
    checks.push({ name: `RSS of instance :${m.port} ${SETTLE_SECONDS} s after the run`, value: `${m.rssMb ?? '?'} MB (${m.rssAtEndMb ?? '?'} MB at the end of the last phase)`, budget: '≤ 200 MB', floor: '—', ok: m.rssMb === null ? null : m.rssMb <= 200 });
  }
  // Not budgets: how far the SQL a creation must send can go on its own against the bare INSERT.
  for (const [i, sqlAlone] of creationSql.entries()) {
    const floor = inserts[i]!;
    checks.push({
      name: `creation’s SQL alone at ${sqlAlone.concurrency}, relative to bare INSERT (information, no budget)`,
      value: `${(sqlAlone.throughput / floor.throughput).toFixed(2)} × bare INSERT (${sqlAlone.throughput}/s)`,
      budget: '—',
      floor: `bare INSERT ${floor.throughput}/s (${cpuText(floor.cpu)})`,
      ok: null,
    });
  }
  const failed = checks.filter((c) => c.ok === false);

  const table = (title: string, rows: Phase[]) => [
    `| ${title} | concurrency | requests | throughput (/s) | p50 (ms) | p99 (ms) | Node CPU ms/request | PostgreSQL CPU ms/request | 5xx/dropped | other non-2xx |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| | ${r.concurrency} | ${r.requests} | ${r.throughput} | ${r.p50} | ${r.p99} | ${r.cpu.nodeMs ?? '–'} | ${r.cpu.pgMs ?? '–'} | ${r.serverErrors} | ${r.otherNon2xx} |`),
  ];
  const md = [
    '# API benchmark (`npm run bench:api`)',
    '',
    `Run ${new Date().toISOString()}${ONLY ? ` (BENCH_ONLY=${ONLY}: only these parts and their floors)` : ''} on ${process.platform}, Node ${process.version}, ${(await import('node:os')).cpus().length} cores; database: **${db.kind}**; ${instances.length} server instance(s) on 127.0.0.1 (ports ${instances.join(', ')}), each with a pool of ${POOL_SIZE} connections, not in demo mode; ${SECONDS} s per phase, at most ${MAX_REQUESTS} requests${checkpointUrl ? ', each phase started from a CHECKPOINT' : ''}; each budgeted floor measured right after the phase it is compared with. The load generator runs on the same machine. Machine: ${MACHINE}.`,
    '',
    '## Budgets',
    '',
    '| check | measured | budget | floor | result |',
    '| --- | --- | --- | --- | --- |',
    ...checks.map((c) => `| ${c.name} | ${c.value} | ${c.budget} | ${c.floor} | ${c.ok === null ? 'n/a' : c.ok ? 'pass' : '**FAIL**'} |`),
    '',
    '## Load',
    '',
    ...table('complaint creation (POST /api/cases, anonymous, new Idempotency-Key each)', creation),
    '',
    ...table('case reads (GET /api/cases/{reference}, guest session seen within the minute: no last-seen write, decision 0192)', reads),
    '',
    ...table('floor: Hono answering fixed JSON', hono),
    '',
    ...(inserts.length ? table('floor: bare INSERT of a complaint-sized jsonb row through pg (pool = the instances’ pools together)', inserts) : ['No bare-INSERT floor: no PostgreSQL.']),
    '',
    ...(creationSql.length
      ? table('floor: the SQL of a complaint creation alone — claim; then BEGIN, role, scope, feed lock, case, acknowledgement, two jobs, session, reply, event, COMMIT in one message, statements prepared per connection (scripts/bench/api-sql-floors.ts)', creationSql)
      : ['No creation-SQL floor: no PostgreSQL.']),
    '',
    ...(readSql.length ? table('floor: the SQL of a guest case read alone — the session, then the case under its scope (two messages)', readSql) : ['No read-SQL floor: no PostgreSQL.']),
    '',
    ...(readHttp.length
      ? table('floor: Hono (two processes, pools as the instances’) answering a guest read with that SQL and nothing else — no rules, no validation (scripts/bench/api-floor-hono.ts)', readHttp)
      : ['No HTTP + read-SQL floor: no PostgreSQL.']),
    '',
    '## Warm-up',
    '',
    WARMUP_SECONDS > 0
      ? `Before its first measured phase each server process was sent ${WARMUP_SECONDS} s of the work it is measured on, not counted (decision 0183): the instances ${warmUp.map((w) => `${w.requests} ${w.what}`).join(' then ') || 'nothing'} at 50 connections; the Hono floors fixed JSON and guest reads. Server errors during it count with the others.`
      : 'None (BENCH_WARMUP_SECONDS=0): each process’s first phase also paid for compiling its code.',
    '',
    ...(reads.length
      ? [
          'Before each read phase every session it reads is read once, not counted, so that none renews its last-seen time during the phase (decision 0192): a session last seen more than a minute before is written to on its next read, once a minute at most. Without this, all the sessions made by the creation phases crossed that minute together, in whichever read phase it fell, and a third of that phase’s reads were writes the floor does not make.',
          '',
        ]
      : []),
    '## Deliveries between phases',
    '',
    'Each new case queues its customer’s acknowledgement, sent by the instances’ job workers in the background. Before each phase (after the warm-up, or the first phase when there is none), the run waits, sending nothing, until the messages the phases before queued have all left, so that no phase shares the machine with a backlog its floor does not have (decision 0181). During a creation phase its own messages are delivered as they come, as in use.',
    '',
    ...(settled.length ? settled.map((d) => `- ${d.before}: ${d.pending} message(s) waiting; ${d.drained ? `all delivered ${d.seconds} s later${d.pending && d.seconds ? ` (≈${Math.round(d.pending / d.seconds)}/s)` : ''}` : `**${d.seconds} s later some were still waiting** (the phase ran anyway)`}`) : ['No wait: no creation phase ran.']),
    '',
    '## Memory',
    '',
    `The instances ran ${SERVER_MODE === 'bundle' ? `compiled (node ${startOptions().join(' ')} build/server/main.js, as npm start runs them)` : 'under tsx (server/main.ts)'}. RSS is read at the end of the last phase and ${SETTLE_SECONDS} s later, no request in between (the budgeted figure; decisions 0174, 0180).`,
    '',
    ...memory.map((m) => `- instance :${m.port}: RSS ${m.rssAtEndMb ?? '?'} MB at the end of the last phase, ${m.rssMb ?? '?'} MB ${SETTLE_SECONDS} s later`),
    '',
  ].join('\n');
  mkdirSync('bench-results', { recursive: true });
  const name = ONLY ? `api-only-${ONLY.replace(/,/g, '-')}` : 'api';
  writeFileSync(`bench-results/${name}.md`, md);
  writeFileSync(`bench-results/${name}.json`, `${JSON.stringify({ at: new Date().toISOString(), machine: MACHINE, database: db.kind, instances: instances.length, seconds: SECONDS, warmUpSeconds: WARMUP_SECONDS, warmUp, duplicates, serverErrors, creation, reads, settled, floors: { hono, inserts, creationSql, readSql, readHttp }, memory, checks }, null, 2)}\n`);
  say('');
  for (const c of checks) say(`${c.ok === null ? 'n/a ' : c.ok ? 'pass' : 'FAIL'}  ${c.name}: ${c.value}  (budget ${c.budget}; floor ${c.floor})`);
  for (const [name, rows] of [['creation', creation], ['reads', reads], ['hono floor', hono], ['insert floor', inserts], ['creation SQL floor', creationSql], ['read SQL floor', readSql], ['Hono + read SQL floor', readHttp]] as const) {
    for (const r of rows) say(`      ${name} @${r.concurrency}: ${r.throughput}/s p50 ${r.p50} ms p99 ${r.p99} ms, ${cpuText(r.cpu)}, 5xx ${r.serverErrors}, non-2xx ${r.otherNon2xx}`);
  }
  for (const m of memory) say(`      RSS :${m.port} ${m.rssAtEndMb ?? '?'} MB at the end, ${m.rssMb ?? '?'} MB ${SETTLE_SECONDS} s later`);
  for (const e of errorSamples) say(`      server error at ${e}`);
  say(`\nWrote bench-results/${name}.md and bench-results/${name}.json${failed.length ? ` — ${failed.length} budget(s) failed` : ''}`);
  process.exit(failed.length ? 1 : 0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  cleanup();
  process.exit(1);
});
