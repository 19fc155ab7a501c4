import { createRequire } from 'node:module';
import type pg from 'pg';

/** One read of a pipeline: parameterised SQL and its values. */
export interface PipelinedRead {
  text: string;
  values: readonly unknown[];
}
export type Row = Record<string, unknown>;
export type ReadOutcome = PromiseSettledResult<Row[]>;

/** pg's own mapping of JavaScript values to parameters (arrays become array literals), not in its typings. */
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as {
  prepareValue: (value: unknown) => unknown;
};

/** The parts of pg's wire connection a pipeline writes to (pg-protocol messages). */
interface WireConnection {
  stream: { cork?: () => void; uncork?: () => void };
  parse(query: { text: string; name: string; types: number[] }): void;
  bind(config: { statement: string; values: unknown[] }): void;
  describe(message: { type: 'P'; name: string }): void;
  execute(config: { portal: string; rows: number }): void;
  close(message: { type: 'S'; name: string }): void;
  sendCopyFail(message: string): void;
  sync(): void;
}
interface Field {
  name: string;
  dataTypeID: number;
}
type Parser = (text: string) => unknown;
type RowBuilder = (texts: readonly (string | null)[]) => Row;

/**
 * A row's object from its texts, written as one object literal for these columns (made once per
 * list of columns): a page's rows then share one shape and skip a call per text column. A column
 * named `__proto__` is an own property (a computed key), not the object's prototype.
 */
function rowBuilder(columns: readonly Field[], types: pg.CustomTypesConfig): RowBuilder {
  const parsers = columns.map((field) => types.getTypeParser(field.dataTypeID, 'text') as Parser);
  // pg's parser of text columns (and of every type it has none for) is `String`: nothing to do for a string.
  const plain = types.getTypeParser(25, 'text');
  const entries = columns.map((field, index) => {
    const key = field.name === '__proto__' ? `["__proto__"]` : JSON.stringify(field.name);
    const value =
      parsers[index] === plain ? `t[${index}] ?? null` : `t[${index}] == null ? null : p[${index}](t[${index}])`;
    return `${key}: ${value}`;
  });
  return new Function('p', `return (t) => ({ ${entries.join(', ')} });`)(parsers) as RowBuilder;
}
/**
 * Builders for each type mapping: by the columns' list (kept per statement in `preparedOn`), and by
 * their names and types (as many as there are statement names).
 */
const rowBuilders = new WeakMap<
  pg.CustomTypesConfig,
  { ofLists: WeakMap<readonly Field[], RowBuilder>; ofColumns: Map<string, RowBuilder> }
>();
function rowBuilderOf(columns: readonly Field[], types: pg.CustomTypesConfig): RowBuilder {
  let cache = rowBuilders.get(types);
  if (!cache) {
    cache = { ofLists: new WeakMap(), ofColumns: new Map() };
    rowBuilders.set(types, cache);
  }
  const known = cache.ofLists.get(columns);
  if (known) return known;
  const key = columns.map((field) => `${field.dataTypeID}:${field.name}`).join('\n');
  let builder = cache.ofColumns.get(key);
  if (!builder) {
    builder = rowBuilder(columns, types);
    if (cache.ofColumns.size < maxNamed) cache.ofColumns.set(key, builder);
  }
  cache.ofLists.set(columns, builder);
  return builder;
}

/**
 * Each distinct text gets a named prepared statement, so PostgreSQL parses and plans it once per
 * connection. Texts come from the code's query builders (a bounded set); past `maxNamed` they run
 * unnamed, as pg runs any parameterised query.
 */
const maxNamed = 2000;
const statementNames = new Map<string, string>();
function statementName(text: string): string {
  const known = statementNames.get(text);
  if (known !== undefined || statementNames.size >= maxNamed) return known ?? '';
  const name = `codex_read_${statementNames.size + 1}`;
  statementNames.set(text, name);
  return name;
}

/**
 * The named statements each connection holds (or may hold: one whose Parse was not confirmed is
 * closed and parsed again), with the columns each answers once a Describe has told them (null
 * until then). A statement whose columns are known is sent without Describe: PostgreSQL then sends
 * no RowDescription, and its rows are read with the known columns. A statement's columns cannot
 * change under it: PostgreSQL refuses to run a prepared statement whose result type changed, the
 * pipeline fails, and the connection's statements are forgotten (see handleError).
 */
const preparedOn = new WeakMap<object, Map<string, Field[] | null>>();

/**
 * Parse (when the connection does not hold it yet), Bind, Describe (while its columns are not
 * known), Execute: one statement's messages (`name`: its statementName). Returns the known columns, or null when a
 * RowDescription will tell them.
 */
function writeStatement(
  connection: WireConnection,
  prepared: Map<string, Field[] | null>,
  text: string,
  name: string,
  values: unknown[],
): Field[] | null {
  if (name === '' || !prepared.has(name)) {
    // Closing a statement that does not exist is no error: this clears one left by a failed pipeline.
    if (name !== '') connection.close({ type: 'S', name });
    connection.parse({ text, name, types: [] });
    if (name !== '') prepared.set(name, null);
  }
  connection.bind({ statement: name, values });
  const columns = name === '' ? null : (prepared.get(name) ?? null);
  if (columns === null) connection.describe({ type: 'P', name: '' });
  connection.execute({ portal: '', rows: 0 });
  return columns;
}

/** What a pipeline hands back: the reads' outcomes, in order, and how many ran (the rest were skipped by an error). */
interface PipelineResult {
  outcomes: ReadOutcome[];
  /** An error without SQLSTATE: the connection's own, it must not go back to the pool. */
  broken?: Error;
}

/**
 * pg's "submittable" (as pg-cursor is one): writes the scope statement and every read, then one
 * Sync, so they travel in one round trip and run in one implicit transaction. The scope is set
 * with `set_config(…, true)`: it lasts until that Sync and the connection carries nothing after.
 * An error makes PostgreSQL skip everything up to the Sync: a failed scope fails every read, a
 * failed read fails itself and leaves the reads after it unrun (`outcomes` is then shorter).
 * A class rather than a factory of closures: its handlers live once on the prototype (the factory
 * made a dozen closures per page, each renamed at run time by tsx's keepNames).
 */
class ReadPipeline {
  /** How many statements this sends, and when they are done (the statement metric counts and times each). */
  readonly statementCount: number;
  readonly finished: Promise<PipelineResult>;
  private settle!: (result: PipelineResult) => void;
  private readonly outcomes: ReadOutcome[] = [];
  /** -1: the scope statement, whose answer is not kept. */
  private current = -1;
  private buildRow: RowBuilder | null = null;
  private rows: Row[] = [];
  private rowError: unknown;
  /** Per statement (the scope first): its text, its name and the columns known when it was written. */
  private readonly texts: string[];
  private readonly names: string[];
  private known: (Field[] | null)[] = [];
  /** The connection's named statements, set when the pipeline is written (see preparedOn). */
  private prepared: Map<string, Field[] | null> | null = null;

  constructor(
    private readonly scopeValues: readonly [string, string],
    private readonly reads: readonly PipelinedRead[],
    private readonly types: pg.CustomTypesConfig,
    scopeSql: string,
  ) {
    this.statementCount = reads.length + 1;
    this.finished = new Promise<PipelineResult>((resolve) => {
      this.settle = resolve;
    });
    this.texts = [scopeSql];
    for (const read of reads) this.texts.push(read.text);
    this.names = this.texts.map(statementName);
  }

  private startStatement() {
    this.rows = [];
    this.rowError = undefined;
    const columns = this.known[this.current + 1];
    if (columns) this.buildRow = rowBuilderOf(columns, this.types);
  }

  submit(connection: WireConnection): Error | null {
    const mapped: unknown[][] = [];
    try {
      mapped.push(this.scopeValues.map(prepareValue));
      for (const read of this.reads) mapped.push(read.values.map(prepareValue));
    } catch (error) {
      return error as Error;
    }
    const prepared = preparedOn.get(connection) ?? new Map<string, Field[] | null>();
    preparedOn.set(connection, prepared);
    this.prepared = prepared;
    connection.stream.cork?.();
    try {
      for (let index = 0; index < this.texts.length; index += 1)
        this.known.push(writeStatement(connection, prepared, this.texts[index]!, this.names[index]!, mapped[index]!));
      connection.sync();
    } finally {
      connection.stream.uncork?.();
    }
    this.startStatement();
    return null;
  }

  handleRowDescription(message: { fields: Field[] }) {
    this.buildRow = rowBuilderOf(message.fields, this.types);
    const name = this.names[this.current + 1];
    if (name && this.prepared?.has(name)) this.prepared.set(name, message.fields);
  }

  handleDataRow(message: { fields: (string | null)[] }) {
    if (this.rowError !== undefined) return;
    try {
      // Rows come after a RowDescription or for a statement whose columns are known.
      this.rows.push((this.buildRow as RowBuilder)(message.fields));
    } catch (error) {
      this.rowError = error;
    }
  }

  handleCommandComplete() {
    if (this.current >= 0)
      this.outcomes.push(
        this.rowError === undefined
          ? { status: 'fulfilled', value: this.rows }
          : { status: 'rejected', reason: this.rowError },
      );
    this.current += 1;
    this.startStatement();
  }

  handleError(error: Error, connection: WireConnection) {
    const failed: ReadOutcome = { status: 'rejected', reason: error };
    // Statements named in this pipeline may not exist now: close and parse them again next time.
    preparedOn.delete(connection);
    // The scope failed: no read ran under it.
    this.settle({
      outcomes: this.current < 0 ? this.reads.map(() => failed) : [...this.outcomes, failed],
      broken: brokenBy(error),
    });
  }

  handleReadyForQuery() {
    this.settle({ outcomes: this.outcomes });
  }

  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyInResponse(connection: WireConnection) {
    connection.sendCopyFail('No COPY in a read pipeline');
  }
  handleCopyData() {}
}

const brokenBy = (error: Error) => ((error as { code?: unknown }).code ? undefined : error);

/** One pipeline on `connection`, as a promise. */
function sendPipeline(
  connection: pg.PoolClient,
  scopeSql: string,
  scopeValues: readonly [string, string],
  reads: readonly PipelinedRead[],
  types: pg.CustomTypesConfig,
) {
  const pipeline = new ReadPipeline(scopeValues, reads, types, scopeSql);
  (connection as unknown as { query: (submittable: object) => unknown }).query(pipeline);
  return pipeline.finished;
}

/**
 * Runs `reads` on one pooled connection behind the scope statement `scopeSql` (`set_config(…,
 * true)` of `scopeValues`, checked by the caller): one round trip for all of them, each read
 * settling on its own. Reads an error left unrun go again in a pipeline of their own.
 *
 * The pipeline is written in the pool's own callback, which hands over an idle connection while
 * Node is still running `process.nextTick` jobs: the read is on its way to PostgreSQL before the
 * promise jobs queued meanwhile (Apollo's pipeline steps) run, rather than after them.
 */
export function runReadPipeline(
  pool: pg.Pool,
  scopeSql: string,
  scopeValues: readonly [string, string],
  reads: readonly PipelinedRead[],
  types: pg.CustomTypesConfig,
): Promise<ReadOutcome[]> {
  return new Promise((resolve, reject) => {
    pool.connect((error, connection) => {
      if (error || !connection) reject(error);
      else resolve(readOn(connection, scopeSql, scopeValues, reads, types));
    });
  });
}

/** A connection's error while a pipeline runs on it: the pipeline's own handlers report it. */
const ignoreIdleError = () => undefined;

/** `runReadPipeline` on a checked-out connection, which it releases (destroyed when broken). */
async function readOn(
  connection: pg.PoolClient,
  scopeSql: string,
  scopeValues: readonly [string, string],
  reads: readonly PipelinedRead[],
  types: pg.CustomTypesConfig,
): Promise<ReadOutcome[]> {
  connection.on('error', ignoreIdleError);
  let broken: Error | undefined;
  try {
    const outcomes: ReadOutcome[] = [];
    while (outcomes.length < reads.length && !broken) {
      const result = await sendPipeline(connection, scopeSql, scopeValues, reads.slice(outcomes.length), types);
      outcomes.push(...result.outcomes);
      broken = result.broken;
    }
    // A broken connection ran none of the reads after the failed one.
    const unrun: ReadOutcome = { status: 'rejected', reason: broken };
    return reads.map((_, index) => outcomes[index] ?? unrun);
  } finally {
    connection.removeListener('error', ignoreIdleError);
    connection.release(broken);
  }
}
