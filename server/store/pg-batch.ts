import { createHash } from 'node:crypto';
import { CompiledQuery, Kysely, SelectQueryNode, type DatabaseConnection, type Dialect, type Driver, type QueryExecutor, type QueryResult } from 'kysely';
import type { Database } from '../db/schema';
import { isShapedText } from './shaped-query';

/**
 * Fewer round trips for a unit of work (docs/decisions/0160-sql-literal-inliner.md): a query built with the query
 * builder, its parameters written in as SQL literals, can go in one simple-protocol message with other
 * statements — the caller's scope settings before a read, and the writes nothing reads back (the idempotent
 * reply, a new session, a job) with the COMMIT. Used only by PgTx (./pg-store.ts).
 */

/**
 * A query parameter as an SQL literal, as the driver would send it as text (pg's prepareValue), then escaped
 * as pg's own escapeLiteral does (`escapeLiteral` below). Text with NUL, arrays and bytes are refused: the driver's
 * text forms for them are not what this function would write, and no query that goes through here has one.
 */
export function literalOf(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return escapeLiteral(value.toISOString());
  if (typeof value === 'string') {
    // PostgreSQL's text cannot hold NUL (the driver's parameter is refused too); in a message's text it would end the statement.
    if (value.includes('\0')) throw new Error('literalOf: text with NUL');
    return escapeLiteral(value);
  }
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return escapeLiteral(String(value));
  if (Array.isArray(value) || value instanceof Uint8Array) throw new Error('literalOf: arrays and bytes are not sent as literals');
  return escapeLiteral(JSON.stringify(value));
}

/**
 * pg's escapeLiteral (quotes and backslashes doubled; with a backslash, an E'' string after a space), written with
 * one regular-expression replace: pg's walks the text a character at a time and builds the result by concatenation,
 * which for a case's JSON (kilobytes, several times per creation) was the largest allocation of a complaint creation
 * (decision 0182). pg-batch.test.ts compares the two on every kind of text.
 */
export function escapeLiteral(text: string): string {
  const doubled = text.replace(/['\\]/g, '$&$&');
  return text.includes('\\') ? ` E'${doubled}'` : `'${doubled}'`;
}

/**
 * A query built with the query builder, with its parameters written in as literals. Only for the builder's own
 * queries: every `$n` in their text is a placeholder (values are never spliced into the text).
 */
export function inlined(query: { sql: string; parameters: readonly unknown[] }): string {
  return query.sql.replace(/\$(\d+)/g, (_, n: string) => {
    const index = Number(n) - 1;
    if (index < 0 || index >= query.parameters.length) throw new Error(`inlined: no parameter $${n}`);
    return literalOf(query.parameters[index]);
  });
}

/** A write sent with the COMMIT. `asServer`: as the connection's own user (pg-boss's tables are not the app role's). */
export interface DeferredWrite {
  sql: string;
  parameters: readonly unknown[];
  asServer: boolean;
}

/** Names of the statements a COMMIT message prepares: unique in the process (and a failed message's are removed). */
const statementPrefix = Math.random().toString(36).slice(2, 8);
let statementCount = 0;

/**
 * The statements kept prepared on each connection (PostgreSQL only; decision 0174): a deferred write's text is
 * parsed, analysed and planned once per connection, not once per unit of work — pg-boss's job INSERT alone is a
 * large statement, sent twice by every creation. Keyed by the driver's connection object, one per pooled client
 * (a new client is a new backend, with none prepared).
 */
const keptOn = new WeakMap<object, Set<string>>();
export function keptStatements(connection: object): Set<string> {
  let kept = keptOn.get(connection);
  if (!kept) keptOn.set(connection, (kept = new Set()));
  return kept;
}
/**
 * A kept statement's name: from its text, so the same statement has the same name on every connection. Remembered
 * per text: the server sends a few dozen distinct deferred writes, each many times (a hash per write was measurable).
 */
const keptNames = new Map<string, string>();
const KEPT_NAMES_MAX = 1000;
function keptName(text: string): string {
  let name = keptNames.get(text);
  if (name === undefined) {
    name = `redress_k_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
    if (keptNames.size >= KEPT_NAMES_MAX) keptNames.clear();
    keptNames.set(text, name);
  }
  return name;
}

/** The EXECUTE of a prepared statement, its values written in as literals. */
const executeKept = (name: string, parameters: readonly unknown[]): string =>
  `EXECUTE ${name}${parameters.length ? `(${parameters.map(literalOf).join(', ')})` : ''}`;

/**
 * The deferred writes as statements of one simple-protocol message: each as PREPARE, EXECUTE with its values as
 * escaped literals — typed exactly as the driver's own unnamed statement would be. Without `kept`, each is
 * DEALLOCATEd after it runs; with `kept` (the connection's kept statements), a statement already prepared on the
 * connection is only EXECUTEd and a new one stays prepared. `prepared`: the names this message prepares, to add to
 * `kept` once it succeeded, or to clean up should it fail part-way (PREPARE is not transactional).
 */
export function deferredWritesSql(writes: readonly DeferredWrite[], appRole: string, kept?: ReadonlySet<string>): { statements: string[]; prepared: string[] } {
  const statements: string[] = [];
  const prepared: string[] = [];
  for (const w of writes) {
    const name = kept ? keptName(w.sql) : `redress_w_${statementPrefix}_${++statementCount}`;
    if (w.asServer) statements.push('SET LOCAL ROLE NONE');
    if (!kept?.has(name) && !prepared.includes(name)) {
      prepared.push(name);
      statements.push(`PREPARE ${name} AS ${w.sql}`);
    }
    statements.push(executeKept(name, w.parameters));
    if (!kept) statements.push(`DEALLOCATE ${name}`);
    if (w.asServer) statements.push(`SET LOCAL ROLE ${appRole}`);
  }
  return { statements, prepared };
}

/**
 * After a failed message that prepared statements (a COMMIT, a read alone, a held shaped write): what it left on its
 * connection (PREPARE is not transactional) is removed, or — with `kept`, the connection's kept statements — counted
 * as kept. Sent on the driver's connection itself, outside any unit of work (so it opens no transaction).
 */
export async function dropPrepared(connection: DatabaseConnection, names: readonly string[], kept?: Set<string>): Promise<void> {
  if (names.length === 0) return;
  const { rows } = await connection
    .executeQuery<{ name: string }>(CompiledQuery.raw('SELECT name FROM pg_prepared_statements WHERE name = ANY($1)', [names]))
    .catch(() => ({ rows: [] as { name: string }[] }));
  for (const { name } of rows) {
    if (kept) kept.add(name);
    else await connection.executeQuery(CompiledQuery.raw(`DEALLOCATE ${name}`)).catch(() => undefined);
  }
}

/**
 * A unit of work's connection that holds back statements nothing waits on — `BEGIN`, the caller's scope, a new case,
 * events under the feed lock — and sends them at the start of the next message, in order
 * (docs/decisions/0172-two-round-trips-per-creation.md). Every query of the unit of work goes through it, so none
 * can run before what is held back: a query without parameters is sent in the same message; a builder query sent
 * with `executeInlined` too, its parameters written in as literals; any other query after a message of its own.
 * A statement held back fails with the message it is sent in (the unit of work then rolls back).
 *
 * The transaction opens late (decision 0181): until the unit of work writes, takes a lock or sends anything but
 * a builder SELECT, each read goes alone as its own implicit transaction, with the settings it needs (`settings`:
 * the role, then the caller's scope) written before it in the same message. That is what a read in a READ
 * COMMITTED transaction sees anyway (each statement its own snapshot), and a unit of work that only reads then
 * ends with no COMMIT to wait for. The first write, lock or other statement opens the transaction: BEGIN, the
 * settings, then as before.
 */
export class UnitConnection implements DatabaseConnection {
  private pending: string[] = [];
  /** While no transaction is open: the settings each message starts with (the role, then the scope, if one). */
  private settings: string[];
  /** Whether the transaction is open (its BEGIN sent, or held to go with the next message). */
  inTransaction = false;
  /** Whether a message that opened the transaction went to the database (so whether there is one to roll back). */
  sent = false;
  /** Messages sent (round trips), for the tests that count them. */
  messages = 0;
  /** Names PREPAREd in the unit of work (`inUnit`), not yet counted as kept. */
  readonly preparing: string[] = [];

  constructor(
    private readonly inner: DatabaseConnection,
    private readonly role: readonly string[],
    /** The connection's kept statements (PostgreSQL; decision 0174): a read of a fixed shape, alone, is kept too. */
    private readonly kept?: Set<string>,
  ) {
    this.settings = [...role];
  }

  /** Adds a statement to send before the next one (no trailing semicolon needed); it opens the transaction. */
  hold(statement: string): void {
    this.begin();
    this.pending.push(clean(statement));
  }

  /**
   * A setting (the caller's scope: transaction-local) for every query from the next on: held like a statement in
   * a transaction; outside one, written before each read, in place of the one before (it sets every name anew).
   */
  holdSetting(statement: string): void {
    if (this.inTransaction) this.pending.push(clean(statement));
    else this.settings = [...this.role, clean(statement)];
  }

  /** Opens the transaction with the next message: BEGIN, then the settings so far. */
  begin(): void {
    if (this.inTransaction) return;
    this.pending = ['BEGIN', ...this.settings, ...this.pending];
    this.inTransaction = true;
  }

  /** The statements held back, as the start of a message (empty when there are none); they are then taken. */
  private take(): string {
    if (this.pending.length === 0) return '';
    const text = `${this.pending.join('; ')}; `;
    this.pending = [];
    return text;
  }

  private send<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.inTransaction) this.sent = true;
    this.messages++;
    return this.inner.executeQuery<R>(query);
  }

  /** Whether `query` goes alone: outside a transaction, a builder SELECT that takes no lock (else it opens one). */
  private goesAlone(query: CompiledQuery): boolean {
    return !this.inTransaction && plainRead(query) && inlinable(query.parameters);
  }

  /**
   * A query of a fixed shape (`shapedQuery`: the session, the case, a new case) on a connection that keeps
   * statements, as EXECUTE of its kept statement — PREPAREd with it the first time on this connection, so parsed,
   * and after its first runs planned, once per connection instead of once per request (decision 0185); `prepare`:
   * the name it PREPAREs then. Any other query with its values written in.
   */
  private keptText(query: CompiledQuery): { text: string; prepare: string | null } {
    if (!this.kept || !isShapedText(query.sql)) return { text: query.parameters.length ? inlined(query) : query.sql, prepare: null };
    const name = keptName(query.sql);
    const execute = executeKept(name, query.parameters);
    if (this.kept.has(name) || this.preparing.includes(name)) return { text: execute, prepare: null };
    return { text: `PREPARE ${name} AS ${query.sql}; ${execute}`, prepare: name };
  }

  /**
   * A read alone, with its settings, in one message (`keptText`: the case's read under row-level security took
   * 0.2 ms of PostgreSQL's time to plan). A statement it PREPAREs is kept once the message succeeds; when the
   * EXECUTE failed after the PREPARE, the connection is asked whether it kept it.
   */
  private async sendAlone<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const { text, prepare } = this.keptText(query);
    try {
      const result = await this.send<R>(CompiledQuery.raw(`${this.settings.join('; ')}; ${text}`));
      if (prepare) this.kept?.add(prepare);
      return result;
    } catch (error) {
      if (prepare) await dropPrepared(this.inner, [prepare], this.kept);
      throw error;
    }
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.goesAlone(query)) return this.sendAlone<R>(query);
    this.begin();
    if (this.pending.length === 0) return this.send<R>(query);
    if (query.parameters.length === 0) return this.send<R>(CompiledQuery.raw(`${this.take()}${query.sql}`));
    await this.send(CompiledQuery.raw(this.take()));
    return this.send<R>(query);
  }

  /**
   * A query in the transaction as `keptText` gives it: of a fixed shape, EXECUTE of its kept statement (PREPAREd with it
   * the first time on the connection), else with its values written in. `preparing`: the names so PREPAREd and not yet
   * known to have been (PgStore.transaction counts them as kept once the unit of work commits, or asks the connection).
   */
  private inUnit(query: CompiledQuery): string {
    const { text, prepare } = this.keptText(query);
    if (prepare) this.preparing.push(prepare);
    return text;
  }

  /**
   * A query built with the query builder, in one message with what is held back (its parameters as literals, or
   * the EXECUTE of its kept statement: a message's claim and its case, read in the unit of work that sends it, were
   * planned on every delivery — 0.4 ms of PostgreSQL's time under the row-level-security policies).
   */
  async executeInlined<R>(query: CompiledQuery<R>): Promise<R[]> {
    if (this.goesAlone(query)) return (await this.sendAlone<R>(query)).rows;
    this.begin();
    const kept = this.kept !== undefined && isShapedText(query.sql);
    if ((this.pending.length === 0 && !kept) || !inlinable(query.parameters)) return (await this.executeQuery<R>(query)).rows;
    return (await this.send<R>(CompiledQuery.raw(`${this.take()}${this.inUnit(query)}`))).rows;
  }

  /**
   * A builder write whose result nothing reads — a new case, a message's new state, a sign-in code: held back like
   * `hold`, as `inUnit` gives it, and sent at the start of the unit of work's next message (so every later query
   * sees it); sent at once when a parameter has no literal form.
   */
  async holdWrite(query: CompiledQuery): Promise<void> {
    if (inlinable(query.parameters)) this.hold(this.inUnit(query));
    else await this.executeQuery(query);
  }

  /** Forgets what is held back (a unit of work that fails before sending it). */
  drop(): void {
    this.pending = [];
  }

  // eslint-disable-next-line require-yield -- no unit of work streams
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('UnitConnection: streaming is not supported');
  }
}

const clean = (statement: string) => statement.trim().replace(/;+$/, '');

/**
 * A SELECT built with the query builder that takes no lock (`FOR UPDATE` and the like are end modifiers) and has no
 * WITH (which may write): nothing in it needs a transaction of its own.
 */
function plainRead(query: CompiledQuery): boolean {
  const node = query.query;
  return SelectQueryNode.is(node) && node.with === undefined && (node.endModifiers?.length ?? 0) === 0;
}

/** Whether every parameter has a literal form (`literalOf` refuses arrays, bytes and text with NUL). */
function inlinable(parameters: readonly unknown[]): boolean {
  return parameters.every((p) => !Array.isArray(p) && !(p instanceof Uint8Array) && !(typeof p === 'string' && p.includes('\0')));
}

const notInAUnitOfWork = (): never => {
  throw new Error('not available on a unit of work’s connection');
};
const unitDriver: Driver = {
  init: async () => undefined,
  acquireConnection: notInAUnitOfWork,
  beginTransaction: notInAUnitOfWork,
  commitTransaction: notInAUnitOfWork,
  rollbackTransaction: notInAUnitOfWork,
  releaseConnection: async () => undefined,
  destroy: async () => undefined,
};
const unitDialect: Dialect = {
  createDriver: () => unitDriver,
  createQueryCompiler: notInAUnitOfWork,
  createAdapter: notInAUnitOfWork,
  createIntrospector: notInAUnitOfWork,
};

/**
 * Kysely on one unit of work's connection: queries built and compiled as on `executor`'s (the store's), sent
 * through `connection`. No transactions of its own (the unit of work is one).
 */
export function kyselyOn(executor: QueryExecutor, connection: UnitConnection): Kysely<Database> {
  return new Kysely<Database>({
    config: { dialect: unitDialect },
    dialect: unitDialect,
    driver: unitDriver,
    executor: executor.withConnectionProvider({ provideConnection: (consume) => consume(connection) }),
  });
}
