import { CompiledQuery, sql, type DatabaseConnection, type RawBuilder } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { deferredWritesSql, escapeLiteral, inlined, kyselyOn, literalOf, UnitConnection } from './pg-batch';
import { storeForThisFile } from '../test/database';

/**
 * The SQL literal inliner (./pg-batch.ts, docs/decisions/0160-sql-literal-inliner.md), for every type it
 * writes: its exact text, and the same value in the database as the driver's own parameter gives.
 */

const db = storeForThisFile(['rate_limits']);

/** The value PostgreSQL reads from `literal` and from the driver's parameter, each cast to `type`. */
async function bothWays(value: unknown, type: string): Promise<{ inlined: unknown; parameter: unknown }> {
  const run = async (query: RawBuilder<{ v: unknown }>) => (await query.execute(db.handle.db)).rows[0]!.v;
  return {
    inlined: await run(sql<{ v: unknown }>`SELECT ${sql.raw(literalOf(value))}::${sql.raw(type)} AS v`),
    parameter: await run(sql<{ v: unknown }>`SELECT ${value}::${sql.raw(type)} AS v`),
  };
}

describe('literalOf: the text it writes', () => {
  it.each([
    ['plain', 'abc', "'abc'"],
    ['a quote', "O'Brien", "'O''Brien'"],
    ['a backslash', 'C:\\dir', " E'C:\\\\dir'"],
    ['quotes and backslashes', "\\'", " E'\\\\'''"],
    ['empty', '', "''"],
  ])('a string with %s', (_, value, literal) => {
    expect(literalOf(value)).toBe(literal);
  });

  it("escapes every text exactly as pg's own escapeLiteral does", () => {
    const alphabet = ["'", '\\', '"', 'a', 'é', '€', '😀', ' ', '\n', '\t', '$', ';', '-', '/', '*', 'E'];
    const texts = ['', "'", '\\', "''", '\\\\', "\\'", "'\\", 'plain', '{"a":"C:\\\\x","b":"it\'s"}'];
    // A fixed pseudo-random sequence (no Math.random: the same texts on every run).
    let seed = 20261207;
    const nextIndex = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % alphabet.length;
    for (let i = 0; i < 500; i++) texts.push(Array.from({ length: 1 + (i % 40) }, () => alphabet[nextIndex()]).join(''));
    for (const text of texts) expect(escapeLiteral(text), JSON.stringify(text)).toBe(pg.escapeLiteral(text));
  });

  it('refuses a string with NUL (PostgreSQL text cannot hold it; the statement would end there)', () => {
    expect(() => literalOf('a\0b')).toThrow(/NUL/);
  });

  it('numbers, bigints and booleans as quoted text, as the driver sends them', () => {
    expect(literalOf(42)).toBe("'42'");
    expect(literalOf(-1.5)).toBe("'-1.5'");
    expect(literalOf(9007199254740993n)).toBe("'9007199254740993'");
    expect(literalOf(true)).toBe("'true'");
    expect(literalOf(false)).toBe("'false'");
  });

  it('null and undefined as NULL', () => {
    expect(literalOf(null)).toBe('NULL');
    expect(literalOf(undefined)).toBe('NULL');
  });

  it('a date as its ISO instant', () => {
    expect(literalOf(new Date('2026-04-08T10:00:00.123Z'))).toBe("'2026-04-08T10:00:00.123Z'");
  });

  it('JSON as its text, escaped', () => {
    expect(literalOf({ a: "it's", b: ['x'] })).toBe(`'{"a":"it''s","b":["x"]}'`);
    expect(literalOf({ path: 'C:\\' })).toBe(` E'{"path":"C:\\\\\\\\"}'`);
  });

  it('refuses arrays and bytes (their driver text forms are not written here)', () => {
    expect(() => literalOf(['a', 'b'])).toThrow(/arrays/);
    expect(() => literalOf(new Uint8Array([1]))).toThrow(/bytes/);
  });
});

describe('literalOf: the database reads what the driver’s parameter gives', () => {
  it.each([
    ['plain', 'abc'],
    ['a quote', "O'Brien"],
    ['backslashes', 'C:\\dir\\n'],
    ['quotes and backslashes together', "\\'\\''"],
    ['a line break and a tab', 'a\nb\tc'],
    ['accents and an emoji', 'perché 🙂'],
    ['what looks like a placeholder', 'costs $1'],
    ['empty', ''],
  ])('text: %s', async (_, value) => {
    const both = await bothWays(value, 'text');
    expect(both.inlined).toBe(value);
    expect(both.inlined).toEqual(both.parameter);
  });

  it.each([
    [42, 'int4'],
    [-7, 'int8'],
    [-1.5, 'float8'],
    [0.1, 'numeric'],
    [1e21, 'float8'],
    [1e-7, 'float8'],
  ])('the number %s as %s', async (value, type) => {
    const both = await bothWays(value, type);
    expect(both.inlined).toEqual(both.parameter);
  });

  it('a bigint beyond 2^53', async () => {
    const both = await bothWays(9007199254740993n, 'int8');
    expect(String(both.inlined)).toBe('9007199254740993');
    expect(both.inlined).toEqual(both.parameter);
  });

  it.each([true, false])('the boolean %s', async (value) => {
    const both = await bothWays(value, 'boolean');
    expect(both.inlined).toBe(value);
    expect(both.inlined).toEqual(both.parameter);
  });

  it('null', async () => {
    const both = await bothWays(null, 'text');
    expect(both.inlined).toBeNull();
    expect(both.parameter).toBeNull();
  });

  it('a date, to the millisecond', async () => {
    const at = new Date('2026-04-08T23:59:59.999Z');
    const both = await bothWays(at, 'timestamptz');
    expect((both.inlined as Date).toISOString()).toBe(at.toISOString());
    expect(both.inlined).toEqual(both.parameter);
  });

  it('JSON with quotes, backslashes, an escaped NUL and nesting', async () => {
    const value = { name: "O'Brien \"the\" \\ one", list: [1, 'two', null, { deep: true }], note: 'perché 🙂' };
    const both = await bothWays(value, 'json');
    expect(both.inlined).toEqual(value);
    expect(both.inlined).toEqual(both.parameter);
    const stored = await bothWays(value, 'jsonb');
    expect(stored.inlined).toEqual(value);
  });
});

describe('inlined', () => {
  it('writes each placeholder’s value once, $10 apart from $1, and never again inside a value', () => {
    const parameters = ['one', 2, 3, 4, 5, 6, 7, 8, 9, 'ten $1'];
    expect(inlined({ sql: 'select $1, $10, $2', parameters })).toBe("select 'one', 'ten $1', '2'");
  });

  it('refuses a placeholder with no value', () => {
    expect(() => inlined({ sql: 'select $2', parameters: ['a'] })).toThrow(/no parameter \$2/);
    expect(() => inlined({ sql: 'select $0', parameters: ['a'] })).toThrow(/no parameter \$0/);
  });
});

describe('deferredWritesSql', () => {
  it('prepares, executes with literals and deallocates each write; one as the server user goes between role changes', () => {
    const { statements, prepared } = deferredWritesSql(
      [
        { sql: 'insert into t values ($1, $2)', parameters: ["it's", null], asServer: false },
        { sql: 'select 1', parameters: [], asServer: true },
      ],
      'redress_app',
    );
    expect(prepared).toHaveLength(2);
    const [a, b] = prepared;
    expect(statements).toEqual([
      `PREPARE ${a} AS insert into t values ($1, $2)`,
      `EXECUTE ${a}('it''s', NULL)`,
      `DEALLOCATE ${a}`,
      'SET LOCAL ROLE NONE',
      `PREPARE ${b} AS select 1`,
      `EXECUTE ${b}`,
      `DEALLOCATE ${b}`,
      'SET LOCAL ROLE redress_app',
    ]);
  });
});

describe('UnitConnection: what is held back goes first, in the next message', () => {
  /** Runs `work` on a unit of work's connection whose messages are recorded; rolled back afterwards. */
  async function onUnit(work: (unit: UnitConnection, messages: string[], inner: DatabaseConnection) => Promise<void>) {
    const executor = db.handle.db.getExecutor();
    await executor.provideConnection(async (inner) => {
      const messages: string[] = [];
      const recording: DatabaseConnection = {
        executeQuery<R>(q: CompiledQuery) {
          messages.push(q.sql);
          return inner.executeQuery<R>(q);
        },
        streamQuery: inner.streamQuery.bind(inner),
      };
      const unit = new UnitConnection(recording, ["SELECT set_config('redress.test', 'role', true)"]);
      try {
        await work(unit, messages, inner);
      } finally {
        if (unit.inTransaction) await inner.executeQuery(CompiledQuery.raw('ROLLBACK'));
      }
    });
  }

  it('a builder query goes in the same message, its parameters as literals; a parameterised one after a message of its own', async () => {
    await onUnit(async (unit, messages) => {
      const trx = kyselyOn(db.handle.db.getExecutor(), unit);
      unit.hold("INSERT INTO rate_limits (key, started_at, count) VALUES ('held', now(), 7);");
      const [row] = await unit.executeInlined(trx.selectFrom('rate_limits').select('count').where('key', '=', 'held').compile());
      expect(row).toEqual({ count: 7 });
      expect(messages).toEqual([`BEGIN; SELECT set_config('redress.test', 'role', true); INSERT INTO rate_limits (key, started_at, count) VALUES ('held', now(), 7); select "count" from "rate_limits" where "key" = 'held'`]);
      unit.hold("UPDATE rate_limits SET count = 8 WHERE key = 'held'");
      expect(await trx.selectFrom('rate_limits').select('count').where('key', '=', 'held').executeTakeFirst()).toEqual({ count: 8 });
      expect(messages.slice(1)).toEqual([`UPDATE rate_limits SET count = 8 WHERE key = 'held'; `, 'select "count" from "rate_limits" where "key" = $1']);
      expect(unit.messages).toBe(3);
    });
  });

  it('until the unit of work writes, each read goes alone with its settings, and no transaction is opened (decision 0181)', async () => {
    await onUnit(async (unit, messages, inner) => {
      const trx = kyselyOn(db.handle.db.getExecutor(), unit);
      const setting = sql<{ v: string | null }>`select current_setting('redress.test', true) as v`;
      const read = () => trx.selectFrom('rate_limits').select((eb) => eb.fn<string>('current_setting', [eb.val('redress.test'), eb.val(true)]).as('v')).where('key', '=', 'none');
      await unit.executeInlined(read().compile());
      unit.holdSetting("SELECT set_config('redress.test', 'scope', true)");
      expect(await read().execute()).toEqual([]);
      expect(messages).toEqual([
        `SELECT set_config('redress.test', 'role', true); select current_setting('redress.test', 'true') as "v" from "rate_limits" where "key" = 'none'`,
        `SELECT set_config('redress.test', 'role', true); SELECT set_config('redress.test', 'scope', true); select current_setting('redress.test', 'true') as "v" from "rate_limits" where "key" = 'none'`,
      ]);
      expect(unit.inTransaction).toBe(false);
      // Each message was its own transaction: its settings are gone after it.
      expect((await inner.executeQuery<{ v: string | null }>(setting.compile(db.handle.db))).rows[0]?.v ?? '').toBe('');

      // A read that locks opens the transaction, with the settings so far; later queries are in it.
      await trx.selectFrom('rate_limits').select('key').where('key', '=', 'none').forUpdate().execute();
      expect(unit.inTransaction).toBe(true);
      expect(messages[2]).toBe(`BEGIN; SELECT set_config('redress.test', 'role', true); SELECT set_config('redress.test', 'scope', true); `);
      expect(messages[3]).toMatch(/for update$/);
      expect((await setting.execute(trx)).rows[0]?.v).toBe('scope');
      expect(messages[4]).toBe(`select current_setting('redress.test', true) as v`);
    });
  });

  it('a write held back opens the transaction; the settings go after BEGIN, a later setting after the write', async () => {
    await onUnit(async (unit, messages) => {
      const trx = kyselyOn(db.handle.db.getExecutor(), unit);
      unit.hold("INSERT INTO rate_limits (key, started_at, count) VALUES ('w', now(), 1)");
      unit.holdSetting("SELECT set_config('redress.test', 'scope', true)");
      await sql`select 1`.execute(trx);
      expect(messages).toEqual([
        `BEGIN; SELECT set_config('redress.test', 'role', true); INSERT INTO rate_limits (key, started_at, count) VALUES ('w', now(), 1); SELECT set_config('redress.test', 'scope', true); select 1`,
      ]);
      expect(unit.sent).toBe(true);
    });
  });

  it('a statement held back fails the message it goes in', async () => {
    await onUnit(async (unit) => {
      unit.hold('SELECT 1/0');
      await expect(sql`SELECT 1`.execute(kyselyOn(db.handle.db.getExecutor(), unit))).rejects.toThrow(/division by zero/);
      expect(unit.sent).toBe(true);
    });
  });
});
