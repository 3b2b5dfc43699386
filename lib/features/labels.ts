/**
 * Labels and the feature list (article In[28]-In[31]).
 *
 * best_factor_next_month(t) = argmax_f total_return_1m_<f>(t+1): the name of the factor return
 * column that is largest in the NEXT month row of the model table (pandas `shift(-1).idxmax(axis=1)`:
 * NaN skipped, ties go to the first column in the given order, NaN when the next row is missing or
 * all NaN — always the case for the last month). In[29] repeats it without momentum, drops the
 * momentum feature and the months without a label; In[30] encodes the class names like
 * scikit-learn's LabelEncoder (sorted names -> 0, 1, ...); In[31] keeps every column except the
 * label columns and those starting with "total".
 */
import { LabelEncoder } from "../model/label-encoder";
import { FACTOR_RETURN_COLUMNS } from "./factor-features";
import { column, type MonthlyFrame, takeRows } from "./frame";

/** In[28]-In[29] `shift(-1).idxmax(axis=1)`: per row the best column of the next row, or null. */
export function bestNextMonth(frame: MonthlyFrame, returnColumns: readonly string[]): (string | null)[] {
  const cols = returnColumns.map((c) => column(frame, c));
  const n = frame.index.length;
  return frame.index.map((_, t) => {
    if (t + 1 >= n) return null;
    let best: string | null = null;
    let bestValue = Number.NEGATIVE_INFINITY;
    cols.forEach((col, j) => {
      const v = col[t + 1];
      if (!Number.isNaN(v) && (best === null || v > bestValue)) {
        best = returnColumns[j];
        bestValue = v;
      }
    });
    return best;
  });
}

/**
 * The article's class-count printout: one line per distinct label in order of first appearance.
 * A missing label is listed as "nan" with count 0, as pandas prints it (NaN == NaN is false).
 */
export function classCounts(labels: readonly (string | null)[]): { label: string; count: number }[] {
  const out: { label: string; count: number }[] = [];
  const seen = new Map<string, number>();
  for (const l of labels) {
    const key = l ?? "nan";
    if (!seen.has(key)) {
      seen.set(key, out.length);
      out.push({ label: key, count: 0 });
    }
    if (l !== null) out[seen.get(key) as number].count++;
  }
  return out;
}

/** The printout as the article shows it: `<label> <count>` lines. */
export const formatClassCounts = (counts: readonly { label: string; count: number }[]): string =>
  counts.map((c) => `${c.label} ${c.count}`).join("\n");

/** In[30]'s table: the In[29] frame plus its label name and code per month. */
export interface LabelledTable {
  frame: MonthlyFrame;
  best_factor_next_month: string[];
  label: number[];
  classes: string[];
}

/** In[28] (all seven factors): labels and the article's class counts. */
export function labelsWithMomentum(model: MonthlyFrame) {
  const labels = bestNextMonth(model, FACTOR_RETURN_COLUMNS);
  return { labels, counts: classCounts(labels) };
}

/** The six factor-return columns of In[29] (momentum dropped). */
export const LABEL_COLUMNS = FACTOR_RETURN_COLUMNS.filter((c) => c !== "total_return_1m_momentum");

/**
 * In[29]-In[30]: labels without momentum, momentum feature dropped, unlabelled months dropped,
 * encoded. `momentumClass: true` keeps the seven classes of In[28] and the momentum feature (a
 * study option; the article drops momentum).
 */
export function labelTable(
  model: MonthlyFrame,
  opts: { momentumClass?: boolean } = {},
): LabelledTable & { counts: { label: string; count: number }[] } {
  const withMomentum = opts.momentumClass === true;
  const labels = bestNextMonth(model, withMomentum ? FACTOR_RETURN_COLUMNS : LABEL_COLUMNS);
  const keepCols = model.columns
    .map((c, j) => [c, j] as const)
    .filter(([c]) => withMomentum || c !== "momentum_normalized_weighted");
  const dropped: MonthlyFrame = {
    ...model,
    columns: keepCols.map(([c]) => c),
    data: keepCols.map(([, j]) => model.data[j]),
  };
  const rows = labels.flatMap((l, i) => (l === null ? [] : [i]));
  const frame = takeRows(dropped, rows);
  const names = rows.map((i) => labels[i] as string);
  // In[30] (lib/model LabelEncoder; no labelled month: no classes)
  const encoder = names.length > 0 ? new LabelEncoder<string>().fit(names) : null;
  const classes = encoder ? encoder.classes : [];
  const codes = encoder ? encoder.transform(names) : [];
  return { frame, best_factor_next_month: names, label: codes, classes, counts: classCounts(names) };
}

/** In[31]: feature names = every model column not starting with "total" (label columns excluded). */
export const featureColumns = (frame: MonthlyFrame): string[] => frame.columns.filter((c) => !c.startsWith("total"));

/** In[30]'s table for display: features, then best_factor_next_month and label. */
export function labelledDisplay(t: LabelledTable) {
  return {
    index: t.frame.index,
    columns: [...t.frame.columns, "best_factor_next_month", "label"],
    data: [...t.frame.data, t.best_factor_next_month, t.label] as (number | string)[][],
  };
}

/**
 * Class counts of two runs side by side (e.g. faithful vs corrected), one row per class in sorted
 * order; a class missing from one run counts 0.
 */
export function countsSideBySide(
  a: readonly { label: string; count: number }[],
  b: readonly { label: string; count: number }[],
  names: [string, string] = ["faithful", "corrected"],
): Record<string, string | number>[] {
  const labels = [...new Set([...a, ...b].map((c) => c.label))].sort();
  const get = (xs: readonly { label: string; count: number }[], l: string) => xs.find((c) => c.label === l)?.count ?? 0;
  return labels.map((l) => ({ class: l, [names[0]]: get(a, l), [names[1]]: get(b, l) }));
}
