import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Progress } from './progress.ts';
import { inTransactionWithoutStatsTriggers } from './stats.ts';

/** A value in PostgreSQL's COPY text format; null is `\N`. */
export type CopyValue = string | number | boolean | null;

// COPY text format: backslash, tab and line breaks are escaped; everything else goes as is.
const needsEscape = /[\\\t\n\r]/;
function encode(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value !== 'string') return String(value);
  if (!needsEscape.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

export interface CopyWriter {
  write: (row: readonly CopyValue[]) => Promise<void>;
}

/** Rows are sent in chunks of this many: one socket write per chunk instead of per row. */
const chunkRows = 2000;

/**
 * PostgreSQL refuses COPY FROM into a table whose row-level security applies to the caller. The
 * loading role owns the tables (it ran the migrations), and FORCE is what subjects the owner to
 * the policies; so FORCE is lifted for this transaction only, and put back before COMMIT (or
 * by ROLLBACK): no other session ever sees the table without it.
 */
async function liftForcedRowSecurity(client: pg.Client, table: string): Promise<() => Promise<void>> {
  const { rows } = await client.query<{ forced: boolean }>(
    `SELECT relforcerowsecurity AS forced FROM pg_class WHERE oid = $1::regclass`,
    [table],
  );
  if (!rows[0]?.forced) return async () => undefined;
  const name = client.escapeIdentifier(table);
  await client.query(`ALTER TABLE ${name} NO FORCE ROW LEVEL SECURITY`);
  return async () => void (await client.query(`ALTER TABLE ${name} FORCE ROW LEVEL SECURITY`));
}

/**
 * Streams the rows `fill` writes into `table` with `COPY … FROM STDIN`: no per-row statement,
 * parse or round trip, which is what makes millions of rows load in minutes. Waits for the socket
 * when PostgreSQL falls behind (backpressure), so memory stays flat whatever the row count.
 * One transaction per table, with the table's stats triggers off (see stats.ts).
 */
export function loadTable(
  client: pg.Client,
  table: string,
  columns: readonly string[],
  progress: Progress,
  fill: (writer: CopyWriter) => Promise<void>,
): Promise<number> {
  return inTransactionWithoutStatsTriggers(client, [table], async () => {
    const restore = await liftForcedRowSecurity(client, table);
    const stream = client.query(
      copyFrom(
        `COPY ${client.escapeIdentifier(table)} (${columns.map((c) => client.escapeIdentifier(c)).join(', ')}) FROM STDIN`,
      ),
    );
    const failed = new Promise<never>((_, reject) => stream.once('error', reject));
    failed.catch(() => undefined);
    const counter = progress.table(table);
    let chunk: string[] = [];
    let rows = 0;
    const flush = async () => {
      if (chunk.length === 0) return;
      counter.add(chunk.length);
      const text = chunk.join('');
      chunk = [];
      if (!stream.write(text)) await Promise.race([once(stream, 'drain'), failed]);
    };
    await fill({
      write: async (row) => {
        chunk.push(`${row.map(encode).join('\t')}\n`);
        rows += 1;
        if (chunk.length >= chunkRows) await flush();
      },
    });
    await flush();
    stream.end();
    await Promise.race([once(stream, 'finish'), failed]);
    counter.done();
    await restore();
    return rows;
  });
}

/** Copies every row a generator yields into one table. */
export function copyRows(
  client: pg.Client,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly CopyValue[]>,
  progress: Progress,
): Promise<number> {
  return loadTable(client, table, columns, progress, async (writer) => {
    for (const row of rows) await writer.write(row);
  });
}
