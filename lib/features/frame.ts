/**
 * A small monthly frame: rows indexed by ISO month-end dates, named columns, column-major values.
 * It has the shape of the notebook display's `TableData`, so `show(frame)` prints it like pandas.
 */
export interface MonthlyFrame {
  /** ISO month-end dates, ascending, unique */
  index: string[];
  columns: string[];
  /** `data[j][i]` = row i of column j; NaN when missing */
  data: number[][];
  indexName?: string;
}

/** One column by name; throws naming the column when absent. */
export function column(frame: MonthlyFrame, name: string): number[] {
  const j = frame.columns.indexOf(name);
  if (j < 0) throw new Error(`frame: no column "${name}" (columns: ${frame.columns.join(", ")})`);
  return frame.data[j];
}

/** Keep only the listed rows (by position). */
export function takeRows(frame: MonthlyFrame, rows: readonly number[]): MonthlyFrame {
  return {
    ...frame,
    index: rows.map((i) => frame.index[i]),
    data: frame.data.map((col) => rows.map((i) => col[i])),
  };
}

/** pandas `concat(axis=1)` of frames with identical indexes (throws otherwise, naming the first difference). */
export function concatColumns(frames: readonly MonthlyFrame[]): MonthlyFrame {
  if (frames.length === 0) throw new Error("concatColumns: no frames");
  const index = frames[0].index;
  for (const f of frames) {
    if (f.index.length !== index.length || f.index.some((d, i) => d !== index[i])) {
      const i = f.index.findIndex((d, k) => d !== index[k]);
      throw new Error(
        `concatColumns: indexes differ (${f.index.length} vs ${index.length} rows; first difference at row ${i}: ${f.index[i]} vs ${index[i]})`,
      );
    }
  }
  const columns = frames.flatMap((f) => f.columns);
  const dup = columns.find((c, i) => columns.indexOf(c) !== i);
  if (dup) throw new Error(`concatColumns: duplicate column "${dup}"`);
  return { index: [...index], columns, data: frames.flatMap((f) => f.data.map((c) => [...c])) };
}
