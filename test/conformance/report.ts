/**
 * The reliability counts the API tests keep (issue 7, decision 0050) and the FAULT_REPORT file that
 * scripts/fault-report.ts reads: one JSON object of counts plus `faultRuns`. Several test files (the
 * conformance suite per target, the client's tests) add their counts to the same file.
 */

/** Node's environment, without pulling Node's types into the app's tsconfig. */
export const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
/** How many times each fault scenario runs: a quick 5 by default, 100 in `npm run test:faults`. */
export const RUNS = Math.max(1, Number(env.FAULT_RUNS ?? env.RUNS ?? 5) || 5);
/** Time for a test that loops RUNS times. */
export const LOOP_TIMEOUT = 10_000 + RUNS * 1_000;

export function newCounts() {
  return {
    runs: 0,
    duplicates: 0,
    lost: 0,
    failedWrites: 0,
    inputsRefused: 0,
    inputsAccepted: 0,
    leaks: 0,
    problemsWithoutCode: 0,
    wrongRetries: 0,
    errorAnswersChecked: 0,
  };
}
export type Counts = ReturnType<typeof newCounts>;

/** Records one run's outcome: exactly one thing must exist. */
export function tally(counts: Counts, found: number) {
  counts.runs++;
  if (found > 1) counts.duplicates += found - 1;
  if (found === 0) counts.lost++;
}

interface Fs {
  mkdirSync(path: string, opts?: { recursive: boolean }): void;
  rmdirSync(path: string): void;
  existsSync(path: string): boolean;
  readFileSync(path: string, encoding: 'utf8'): string;
  writeFileSync(path: string, data: string): void;
}

/** Adds `counts` to the FAULT_REPORT file (when set), under a lock directory: test files run in parallel workers. */
export async function writeFaultReport(counts: Counts): Promise<void> {
  const file = env.FAULT_REPORT;
  if (!file) return;
  const fsModule = 'node:fs';
  const fs = (await import(/* @vite-ignore */ fsModule)) as Fs;
  fs.mkdirSync(file.replace(/[/\\][^/\\]*$/, '') || '.', { recursive: true });
  const lock = `${file}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if (attempt > 500) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  try {
    const before = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, number>) : {};
    const merged: Record<string, number> = { ...before, faultRuns: RUNS };
    for (const [k, v] of Object.entries(counts)) merged[k] = (before[k] ?? 0) + v;
    fs.writeFileSync(file, JSON.stringify(merged, null, 2));
  } finally {
    fs.rmdirSync(lock);
  }
}
