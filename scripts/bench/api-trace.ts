/**
 * SQL round trips and time per phase of one complaint creation and one guest case read, in process, against
 * DATABASE_URL (a real deployment: not demo mode). `DATABASE_URL=… npx tsx --tsconfig tsconfig.server.json
 * scripts/bench/api-trace.ts` — a diagnostic for docs/decisions/0093-api-benchmark.md, not part of CI.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { complaintRequest, inProcessServer } from './in-process-server.ts';

const statements: string[] = [];
let mark = performance.now();
type Query = (this: pg.Client, ...args: unknown[]) => unknown;
const proto = pg.Client.prototype as unknown as { query: Query };
const original = proto.query;
proto.query = function (this: pg.Client, ...args: unknown[]) {
  const q = args[0] as string | { text: string };
  const start = performance.now();
  const line = `+${(start - mark).toFixed(1)} ms ${(typeof q === 'string' ? q : q.text).replace(/\s+/g, ' ').slice(0, 80)}`;
  statements.push(line);
  const at = statements.length - 1;
  const result = original.apply(this, args);
  if (result instanceof Promise) result.then(() => (statements[at] = `${line} [${(performance.now() - start).toFixed(1)} ms]`), () => undefined);
  return result;
};

async function main() {
  const server = await inProcessServer('redress-trace-');
  const rounds = Number(process.env.TRACE_ROUNDS ?? 3);
  const started = performance.now();
  for (let round = 0; round < rounds; round++) {
    statements.length = 0;
    let t = performance.now();
    mark = t;
    const created = await server.fetch(complaintRequest(`trace_${randomUUID()}`));
    const createMs = performance.now() - t;
    const createStatements = [...statements];
    const reference = ((await created.json()) as { case: { reference: string } }).case.reference;
    const cookie = created.headers.get('Set-Cookie')!.split(';')[0]!;
    statements.length = 0;
    t = performance.now();
    mark = t;
    const read = await server.fetch(new Request(`http://localhost/api/cases/${reference}`, { headers: { Cookie: cookie } }));
    const readMs = performance.now() - t;
    if (round === rounds - 1) {
      process.stdout.write(`${rounds} rounds (create + read): ${((performance.now() - started) / rounds).toFixed(1)} ms each\n`);
      process.stdout.write(`create ${created.status}: ${createStatements.length} statements, ${createMs.toFixed(1)} ms\n  ${createStatements.join('\n  ')}\n`);
      process.stdout.write(`read ${read.status}: ${statements.length} statements, ${readMs.toFixed(1)} ms\n  ${statements.join('\n  ')}\n`);
    }
  }
  await server.close();
}
void main();
