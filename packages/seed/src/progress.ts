/**
 * One line per table: rows written, rows/s, elapsed. On a terminal the line of the running table is
 * redrawn in place; in a log (not a TTY) a plain line is printed every few seconds and at the end.
 */
export interface TableFigures {
  table: string;
  rows: number;
  seconds: number;
}

export interface Progress {
  table: (name: string) => { add: (rows: number) => void; done: () => void };
  note: (line: string) => void;
  figures: () => TableFigures[];
}

const plainEveryMs = 5000;
const redrawEveryMs = 250;

const format = (figures: TableFigures) =>
  `${figures.table.padEnd(28)} ${figures.rows.toLocaleString('en-US').padStart(11)} rows ${Math.round(
    figures.rows / Math.max(figures.seconds, 0.001),
  )
    .toLocaleString('en-US')
    .padStart(9)} rows/s ${figures.seconds.toFixed(1).padStart(7)} s`;

export function createProgress(
  output: NodeJS.WriteStream | { write: (text: string) => unknown; isTTY?: boolean } = process.stdout,
): Progress {
  const finished: TableFigures[] = [];
  const live = Boolean(output.isTTY);
  return {
    table: (name) => {
      const started = performance.now();
      let rows = 0;
      let shownAt = started;
      const current = (): TableFigures => ({ table: name, rows, seconds: (performance.now() - started) / 1000 });
      return {
        add: (count) => {
          rows += count;
          const now = performance.now();
          if (now - shownAt < (live ? redrawEveryMs : plainEveryMs)) return;
          shownAt = now;
          output.write(live ? `\r${format(current())}` : `${format(current())} …\n`);
        },
        done: () => {
          const figures = current();
          finished.push(figures);
          output.write(`${live ? '\r' : ''}${format(figures)}\n`);
        },
      };
    },
    note: (line) => void output.write(`${line}\n`),
    figures: () => [...finished],
  };
}
