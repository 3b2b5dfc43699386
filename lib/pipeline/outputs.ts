/**
 * The files a pipeline run is saved as (the command-line run writes them; pure, so tests can
 * check the contents without touching the disk): CSV tables with the article's column names and a
 * JSON document with the run's metrics. Numbers are written in JavaScript's shortest round-trip
 * form (deterministic, NaN as an empty CSV cell and as null in JSON); nothing depends on the time or
 * the machine. Units: returns and cumulative returns in percent, probabilities and accuracies as
 * fractions.
 */
import { rowsToCsv } from "../backtest/report";
import { returnSeries, returnsTableColumns } from "../backtest/strategy-returns";
import { summaryComparison } from "../backtest/summary";
import type { ArticleRun } from "./article-pipeline";

/** Column arrays (equal lengths) → records. */
function columnsToRows(cols: Record<string, readonly unknown[]>): Record<string, unknown>[] {
  const keys = Object.keys(cols);
  const n = keys.length ? cols[keys[0]].length : 0;
  return Array.from({ length: n }, (_, i) => Object.fromEntries(keys.map((k) => [k, cols[k][i]])));
}

/** Faithful (√252, summed) and corrected (√12, compounded) summaries side by side, faithful order. */
export function summarySideBySide(run: ArticleRun) {
  return summaryComparison(returnSeries(run.backtest.table));
}

/** One row per test month: date, true and predicted class and the class probabilities. */
export function predictionRows(run: ArticleRun): Record<string, string | number>[] {
  return run.retrain.dates.map((date, i) => {
    const row: Record<string, string | number> = {
      date,
      y_true: run.retrain.yTest[i],
      y_pred: run.retrain.predictions[i],
      best_factor_next_month: run.classes[run.retrain.yTest[i]],
      predicted: run.classes[run.retrain.predictions[i]],
    };
    run.classes.forEach((c, k) => {
      row[`p_${c}`] = run.retrain.probabilities[i][k];
    });
    return row;
  });
}

/** Replaces non-finite numbers by null so JSON.stringify keeps them visible. */
function jsonSafe(x: unknown): unknown {
  if (typeof x === "number") return Number.isFinite(x) ? x : null;
  if (Array.isArray(x)) return x.map(jsonSafe);
  if (x && typeof x === "object") return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, jsonSafe(v)]));
  return x;
}

/** The run summarised as one JSON-ready object. */
export function runSummary(run: ArticleRun) {
  return jsonSafe({
    errata: run.errata,
    split: {
      date: run.split.date,
      train_months: run.split.trainDates.length,
      test_months: run.split.testDates.length,
      first_test_month: run.split.testDates[0],
      last_test_month: run.split.testDates[run.split.testDates.length - 1],
    },
    n_features: run.features.features.length,
    classes: run.classes,
    selected_features: run.importanceTable,
    train_shape: run.trainShape,
    prediction_counts: Object.fromEntries(run.metrics.predictionCounts),
    confusion_matrix: run.metrics.confusion,
    accuracy: run.metrics.accuracy,
    top3_accuracy: run.metrics.top3Accuracy,
    classification_report: run.metrics.report,
    summary: run.backtest.summary,
    summary_faithful_vs_corrected: summarySideBySide(run),
    performance_cost_bps: run.backtest.costBps,
    performance: run.backtest.performance,
  });
}

/** File name → contents for a run (CSV tables + run.json), in a fixed order. */
export function pipelineOutputs(run: ArticleRun): Record<string, string> {
  return {
    "summary.csv": rowsToCsv(run.backtest.summary as unknown as Record<string, unknown>[]),
    "summary-faithful-vs-corrected.csv": rowsToCsv(summarySideBySide(run)),
    "performance.csv": rowsToCsv(run.backtest.performance as unknown as Record<string, unknown>[]),
    "returns.csv": rowsToCsv(columnsToRows(returnsTableColumns(run.backtest.table, { cumsum: true }))),
    "predictions.csv": rowsToCsv(predictionRows(run)),
    "selected-features.csv": rowsToCsv(run.importanceTable as unknown as Record<string, unknown>[]),
    "run.json": `${JSON.stringify(runSummary(run), null, 2)}\n`,
  };
}
