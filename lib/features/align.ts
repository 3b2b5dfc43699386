/**
 * Monthly changes and date alignment of macro / market series (article In[21]-In[26]).
 *
 * The article's `allign_dates` replaces a series' index with the feature table's dates BY
 * POSITION: row k of the series gets the k-th feature month whatever month it really is. That is
 * only right when both start in the same month and no month is missing. `alignByDate` instead
 * looks each feature month up by its date (optionally `lead` months later, to reproduce the
 * article's one-month shift of FX, index and commodity changes, erratum E7) and fails with the
 * missing month named.
 *
 * Ragged and partial data: a series may start late or end early — the pipeline then trims the study
 * window to the span common to all series (lib/features/market-features.ts, `marketFeaturesInSpan`)
 * — but a missing month or value INSIDE a series is an error (`assertCompleteSeries`): forward
 * filling or skipping it would silently turn a two-month change into a "monthly" one.
 */
import { addMonths } from "../data/dates";
import type { MonthlyFrame } from "./frame";

/** A month-end series point (same shape as lib/data's SeriesPoint). */
export interface SeriesPoint {
  Date: string;
  value: number;
}

/** Build a frame from named series with identical dates (throws naming the first mismatch). */
export function frameFromSeries(series: Record<string, readonly SeriesPoint[]>): MonthlyFrame {
  const names = Object.keys(series);
  if (names.length === 0) throw new Error("frameFromSeries: no series");
  // outer join on date, like pandas' get_history of several RICs
  const dates = [...new Set(names.flatMap((n) => series[n].map((p) => p.Date)))].sort();
  const pos = new Map(dates.map((d, i) => [d, i]));
  const data = names.map((n) => {
    const col = new Array<number>(dates.length).fill(Number.NaN);
    for (const p of series[n]) {
      const i = pos.get(p.Date) as number;
      if (!Number.isNaN(col[i])) throw new Error(`series "${n}": duplicate date ${p.Date}`);
      col[i] = p.value;
    }
    return col;
  });
  return { index: dates, columns: names, data };
}

/** pandas `ffill()`: carry the last non-missing value forward, per column. */
export function ffill(frame: MonthlyFrame): MonthlyFrame {
  return {
    ...frame,
    data: frame.data.map((col) => {
      let last = Number.NaN;
      return col.map((v) => {
        if (!Number.isNaN(v)) last = v;
        return last;
      });
    }),
  };
}

/**
 * pandas `pct_change().dropna()`: x(t) / x(t-1) - 1 (a fraction, dated at the END month t of the
 * change), NaN gaps forward-filled first (pandas' default fill_method="pad"), then rows with any
 * NaN (the first row at least) dropped.
 */
export function pctChange(frame: MonthlyFrame): MonthlyFrame {
  const f = ffill(frame);
  const changes = f.data.map((col) => col.map((v, i) => (i === 0 ? Number.NaN : v / col[i - 1] - 1)));
  const keep: number[] = [];
  for (let i = 0; i < f.index.length; i++) if (changes.every((c) => Number.isFinite(c[i]))) keep.push(i);
  return { ...f, index: keep.map((i) => f.index[i]), data: changes.map((c) => keep.map((i) => c[i])) };
}

/**
 * The article's `allign_dates` (In[21]): relabel the rows with `dates` by position. Like pandas it
 * fails when the lengths differ; when they match it cannot notice a missing or shifted month.
 */
export function allignDatesByPosition(frame: MonthlyFrame, dates: readonly string[]): MonthlyFrame {
  if (frame.index.length !== dates.length) {
    throw new Error(
      `allign_dates: length of values (${dates.length}) does not match length of index (${frame.index.length})`,
    );
  }
  return { ...frame, index: [...dates], indexName: "Dates" };
}

/**
 * Date alignment: row t of the result is the series row dated `lead` months after feature month t
 * (lead 0 = the same month). A missing row throws naming the series columns and the first missing
 * month (`missing: "throw"`, the default) or gives NaN in every column (`missing: "nan"`, for the
 * ragged-data trim, which decides which months are kept).
 */
export function alignByDate(
  frame: MonthlyFrame,
  dates: readonly string[],
  lead = 0,
  missing: "throw" | "nan" = "throw",
): MonthlyFrame {
  const pos = new Map(frame.index.map((d, i) => [d, i]));
  const rows = dates.map((d) => {
    const want = addMonths(d, lead);
    const i = pos.get(want);
    if (i === undefined && missing === "throw") {
      throw new Error(
        `alignByDate: series [${frame.columns.join(", ")}] has no row for ${want} (feature month ${d}${lead ? `, lead ${lead}` : ""})`,
      );
    }
    return i ?? -1;
  });
  return {
    ...frame,
    index: [...dates],
    data: frame.data.map((c) => rows.map((i) => (i < 0 ? Number.NaN : c[i]))),
    indexName: "Dates",
  };
}

/**
 * Throws unless `points` (ascending by date, as a data source returns them) are consecutive month
 * ends with finite values: a missing month or a NaN inside a series is an error naming the series,
 * the month and its neighbours. Only the ends of a series may be missing (they trim the window).
 */
export function assertCompleteSeries(name: string, points: readonly SeriesPoint[]): void {
  for (let q = 0; q < points.length; q++) {
    const p = points[q];
    if (!Number.isFinite(p.value))
      throw new Error(
        `series ${name}: missing value on ${p.Date} (${p.value}); a series may start late or end early, but a gap inside it is an error`,
      );
    if (q === 0) continue;
    const want = addMonths(points[q - 1].Date, 1);
    if (p.Date !== want)
      throw new Error(
        `series ${name} has a gap: no value for ${want} between ${points[q - 1].Date} and ${p.Date}; a series may start late or end early, but a gap inside it is an error`,
      );
  }
}
