/**
 * The text of a builder INSERT depends only on its shape — the table, the columns given, how many rows, what follows
 * the VALUES — never on the values, which go as parameters in the order the columns are given. So the server builds
 * and compiles each shape with Kysely once, keeps its text, and afterwards only lists the values (decision 0182): a
 * complaint creation sent five such INSERTs, each built as an operation-node tree and compiled per request.
 *
 * Guarded both ways: the first build of a shape must give exactly the parameters listed here (same values, same
 * order), or the shape is never kept; and under the test runner every call builds and compares, so a text that did
 * depend on the values fails the server's tests rather than writing the wrong row.
 */
import type { CompiledQuery } from 'kysely';

/** The kept text of each shape; null: its build did not give the listed parameters, so it is always built. */
const texts = new Map<string, string | null>();
const SHAPES_MAX = 200;
const checkEveryCall = process.env.VITEST !== undefined;

/**
 * An INSERT of `rows` (each a row object, all with the same columns in the same order), then `after` (the values
 * of what follows the VALUES, in order, e.g. an ON CONFLICT … DO UPDATE SET): its text kept by `shape` and the row
 * count, built by `build` the first time — or every time, should any value be undefined (the builder leaves such a
 * column out, so the shape would differ).
 */
export function shapedInsert(shape: string, rows: readonly Record<string, unknown>[], after: readonly unknown[], build: () => CompiledQuery): { sql: string; parameters: readonly unknown[] } {
  const parameters: unknown[] = [];
  for (const row of rows) {
    for (const key in row) {
      const value = row[key];
      if (value === undefined) return build();
      parameters.push(value);
    }
  }
  for (const value of after) parameters.push(value);
  const key = `${shape} ${rows.length}`;
  const kept = texts.get(key);
  if (kept === null) return build();
  if (kept !== undefined && !checkEveryCall) return { sql: kept, parameters };
  const built = build();
  const same = built.parameters.length === parameters.length && built.parameters.every((p, i) => p === parameters[i]);
  if (kept !== undefined) {
    if (!same || built.sql !== kept) throw new Error(`shapedInsert ${key}: the built text or parameters differ from the kept shape's`);
    return built;
  }
  if (!same && checkEveryCall) throw new Error(`shapedInsert ${key}: the builder's parameters are not the row values listed in order`);
  if (texts.size >= SHAPES_MAX) texts.clear();
  texts.set(key, same ? built.sql : null);
  return built;
}
