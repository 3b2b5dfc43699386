/**
 * Small data helpers that notebook 01's cells In[32]–In[48] and its Corrections section use
 * between the areas' functions, so no computation lives in a notebook cell: feature rows of the
 * model table, the test months as the back-test's input, the tables the article prints at a given
 * cell, the class-weight and importance tables, the probability-weighted return of one month term
 * by term, and faithful-vs-corrected comparisons. Units: returns in percent per month,
 * probabilities and weights as fractions; dates ISO month ends.
 */
import {
  type PredictionMonth,
  predictionMonths,
  type ReturnsTable,
  returnsTableColumns,
} from "../backtest/strategy-returns";
import type { SummaryRow } from "../backtest/summary";
import { column, type MonthlyFrame } from "../features/frame";
import type { LabelledTable } from "../features/labels";
import type { RfeResult } from "../model/rfe";
import { balancedSampleWeights } from "../model/sample-weights";

/**
 * Rows `from`..`to`−1 of the model table as feature rows (columns in the given order), the
 * article's `model_df[from:to][features]`. NaN stays NaN. Unknown columns are errors naming them.
 */
export function featureMatrix(
  frame: MonthlyFrame,
  columns: readonly string[],
  from = 0,
  to = frame.index.length,
): number[][] {
  if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from <= to && to <= frame.index.length))
    throw new Error(`featureMatrix: rows ${from}..${to} outside 0..${frame.index.length}`);
  const cols = columns.map((c) => column(frame, c));
  return Array.from({ length: to - from }, (_, r) => cols.map((c) => c[from + r]));
}

/** The test months' model output, as the back-test needs it. */
export interface TestPredictions {
  /** Test month-end dates, ascending; each must be a row of the labelled table. */
  dates: readonly string[];
  /** Class codes of `labelled.classes`. */
  predictions: readonly number[];
  /** One probability row per test month, columns in class-code order. */
  probabilities: readonly (readonly number[])[];
}

/**
 * The test months as `PredictionMonth`s (article In[40]): per month the six factor returns
 * (percent, the label columns, in class order), the label (best factor next month), the predicted
 * class name and the named probabilities. Errors name a month missing from the model table, a
 * length mismatch or a class code outside the classes.
 */
export function testPredictionMonths(
  labelled: Pick<LabelledTable, "frame" | "classes" | "best_factor_next_month">,
  preds: TestPredictions,
): PredictionMonth[] {
  const { frame, classes } = labelled;
  const n = preds.dates.length;
  if (preds.predictions.length !== n || preds.probabilities.length !== n)
    throw new Error(
      `testPredictionMonths: ${n} dates, ${preds.predictions.length} predictions and ${preds.probabilities.length} probability rows`,
    );
  const pos = new Map(frame.index.map((d, i) => [d, i]));
  const rows = preds.dates.map((d) => {
    const i = pos.get(d);
    if (i === undefined) throw new Error(`testPredictionMonths: test month ${d} is not in the model table`);
    return i;
  });
  return predictionMonths({
    dates: preds.dates,
    returns: Object.fromEntries(classes.map((c) => [c, rows.map((i) => column(frame, c)[i])])),
    bestFactorNextMonth: rows.map((i) => labelled.best_factor_next_month[i]),
    predicted: preds.predictions.map((c) => {
      if (classes[c] === undefined)
        throw new Error(`testPredictionMonths: predicted class ${c} is not in 0..${classes.length - 1}`);
      return classes[c];
    }),
    probabilities: preds.probabilities,
    classNames: classes,
  });
}

/** In[33]: per class the training count and its balanced weight n / (k · count). */
export function sampleWeightTable(y: readonly number[], classes: readonly string[]) {
  const w = balancedSampleWeights(y);
  return classes.map((name, label) => {
    const i = y.indexOf(label);
    return {
      class: name,
      label,
      count: y.filter((v) => v === label).length,
      weight: i >= 0 ? w[i] : Number.NaN,
    };
  });
}

/**
 * In[34]: the article's printed table next to the importances of a fit on the 12 survivors, in
 * the printed table's order: `printed` (erratum M1), `own_fit` (aligned), and the rank of each.
 */
export function importanceComparison(rfe: Pick<RfeResult, "faithful" | "corrected">) {
  const own = new Map(rfe.corrected.map((r, i) => [r.feature, { importance: r.importance, rank: i + 1 }]));
  return rfe.faithful.map((r, i) => {
    const o = own.get(r.feature);
    if (!o) throw new Error(`importanceComparison: ${r.feature} is missing from the corrected table`);
    return {
      Feature: r.feature,
      printed_importance: r.importance,
      printed_rank: i + 1,
      own_importance: o.importance,
      own_rank: o.rank,
    };
  });
}

/** The article cells that print the returns table, each with its own set of columns. */
export type ReturnsCell = "In[40]" | "In[43]" | "In[44]" | "In[45]";

/**
 * The returns table as the article prints it at `cell` (column names as in the article; a
 * `date` column for the index): In[40] factor returns + labels and shifted labels; In[43] adds the
 * three strategies; In[44] the index; In[45] the running sums `<name>_cumsum`.
 */
export function returnsView(table: ReturnsTable, cell: ReturnsCell): Record<string, (number | string)[]> {
  const all = returnsTableColumns(table, { cumsum: cell === "In[45]" });
  const base = ["date", ...table.factors, "best_factor_next_month", "preds", "best_shifted", "pred_shifted"];
  const keep =
    cell === "In[40]"
      ? base
      : cell === "In[43]"
        ? [...base, "best_return", "pred_return", "pred_proba_return"]
        : Object.keys(all);
  if ((cell === "In[44]" || cell === "In[45]") && !table.index)
    throw new Error(`returnsView: ${cell} needs the index joined (joinIndexReturns)`);
  return Object.fromEntries(keep.map((k) => [k, all[k]]));
}

/**
 * In[42]: the probability-weighted return of return month `i` term by term: factor, the
 * probability predicted at the end of the previous month, the factor's return this month (%),
 * their product; the last row is the total (= pred_proba_return of that month).
 */
export function weightedReturnBreakdown(table: ReturnsTable, i: number) {
  if (!Number.isInteger(i) || i < 0 || i >= table.dates.length)
    throw new Error(`weightedReturnBreakdown: row ${i} outside 0..${table.dates.length - 1}`);
  const rows: { factor: string; probability: number; return: number; contribution: number }[] = table.factors.map(
    (f) => {
      const p = table.probaShifted[i][f];
      const r = table.factorReturns[f][i];
      return { factor: f, probability: p, return: r, contribution: p * r };
    },
  );
  rows.push({
    factor: "total",
    probability: rows.reduce((s, r) => s + r.probability, 0),
    return: Number.NaN,
    contribution: table.predProbaReturn[i],
  });
  return rows;
}

/**
 * The article's summary and the fully corrected run's summary side by side, in the faithful
 * table's order: cum_return / sharp_ratio (faithful: summed %, √252) and the corrected run's
 * compounded return and √12 Sharpe. Series present in only one table are errors.
 */
export function compareSummaries(faithful: readonly SummaryRow[], corrected: readonly SummaryRow[]) {
  const c = new Map(corrected.map((r) => [r.strategy, r]));
  if (c.size !== faithful.length || faithful.some((r) => !c.has(r.strategy)))
    throw new Error(
      `compareSummaries: the tables list different series (${faithful.map((r) => r.strategy).join(", ")} vs ${corrected.map((r) => r.strategy).join(", ")})`,
    );
  return faithful.map((r) => {
    const k = c.get(r.strategy) as SummaryRow;
    return {
      strategy: r.strategy,
      cum_return_faithful: r.cum_return,
      sharp_ratio_faithful: r.sharp_ratio,
      cum_return_corrected: k.cum_return,
      sharp_ratio_corrected: k.sharp_ratio,
    };
  });
}

/** Headline numbers of two runs side by side (accuracy as fractions, returns in percent). */
export function compareHeadlines(
  runs: Record<string, { accuracy: number; top3Accuracy: number; summary: readonly SummaryRow[] }>,
) {
  const names = Object.keys(runs);
  const pick = (s: readonly SummaryRow[], name: string, key: "cum_return" | "sharp_ratio") =>
    s.find((r) => r.strategy === name)?.[key] ?? Number.NaN;
  const metric = (label: string, f: (r: (typeof runs)[string]) => number) => ({
    metric: label,
    ...Object.fromEntries(names.map((n) => [n, f(runs[n])])),
  });
  return [
    metric("accuracy", (r) => r.accuracy),
    metric("top-3 accuracy", (r) => r.top3Accuracy),
    ...["pred_return", "pred_proba_return", "dji", "best_return"].flatMap((s) => [
      metric(`${s} cum_return`, (r) => pick(r.summary, s, "cum_return")),
      metric(`${s} sharp_ratio`, (r) => pick(r.summary, s, "sharp_ratio")),
    ]),
  ];
}
