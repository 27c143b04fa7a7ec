/**
 * The text of a builder query depends only on its shape — the table, the columns, the conditions and which of them
 * apply, how many rows — never on the values, which go as parameters. So the server builds and compiles each shape
 * of its most frequent queries with Kysely once, keeps the text, and afterwards only lists the values (decision
 * 0182): a complaint creation sent five INSERTs and a guest's case read two SELECTs, each built as an operation-node
 * tree and compiled per request.
 *
 * Guarded both ways: the first build of a shape must give exactly the parameters listed (the same values, in the
 * same order), or the shape is never kept; and under the test runner every call is built and compared, so a text
 * that did depend on the values, or a list in the wrong order, fails the server's tests rather than sending the
 * wrong query.
 */
import { CompiledQuery } from 'kysely';

/** The kept query of each shape (its text and operation node); null: its build did not give the listed values. */
const kept = new Map<string, CompiledQuery | null>();
const SHAPES_MAX = 500;
/** The texts of the kept shapes: a fixed set of statements, which a connection may keep prepared (pg-batch.ts). */
const keptTexts = new Set<string>();
const checkEveryCall = process.env.VITEST !== undefined;

/**
 * The query `build` makes, kept by `shape` (which must name everything its text depends on): built the first time,
 * afterwards the kept text with `parameters` — the values `build` would pass, in its order.
 */
export function shapedQuery<R>(shape: string, parameters: readonly unknown[], build: () => CompiledQuery<R>): CompiledQuery<R> {
  // A value left undefined leaves its column out of the builder's text: not the shape's text, so built every time.
  if (parameters.includes(undefined)) return build();
  const known = kept.get(shape);
  if (known === null) return build();
  if (known !== undefined && !checkEveryCall) return { ...CompiledQuery.raw(known.sql, [...parameters]), query: known.query };
  const built = build();
  const same = built.parameters.length === parameters.length && built.parameters.every((p, i) => p === parameters[i]);
  if (known !== undefined) {
    if (!same || built.sql !== known.sql) throw new Error(`shapedQuery ${shape}: the built text or parameters differ from the kept shape's`);
    return built;
  }
  if (!same && checkEveryCall) throw new Error(`shapedQuery ${shape}: the builder's parameters are not the values listed, in order`);
  if (kept.size >= SHAPES_MAX) {
    kept.clear();
    keptTexts.clear();
  }
  kept.set(shape, same ? built : null);
  if (same) keptTexts.add(built.sql);
  return built;
}

/** Whether `sql` is the text of a kept shape (one of a bounded set, so worth keeping prepared on a connection). */
export const isShapedText = (sql: string): boolean => keptTexts.has(sql);

/**
 * An INSERT of `rows` (each a row object, all with the same columns in the same order), then `after` (the values
 * of what follows the VALUES, in order, e.g. an ON CONFLICT … DO UPDATE SET), kept by `shape` and the row count —
 * or built every time, should any value be undefined (the builder leaves such a column out).
 */
export function shapedInsert(shape: string, rows: readonly Record<string, unknown>[], after: readonly unknown[], build: () => CompiledQuery): CompiledQuery {
  const parameters: unknown[] = [];
  for (const row of rows) for (const key in row) parameters.push(row[key]);
  for (const value of after) parameters.push(value);
  return shapedQuery(`${shape} ${rows.length}`, parameters, build);
}
