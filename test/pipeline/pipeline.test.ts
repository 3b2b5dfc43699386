/**
 * runArticlePipeline end to end on the embedded sample (article In[1]..In[48], faithful): the
 * split and shapes the article prints (228 training months before 2019-01-01 → (228, 12) after
 * RFE; 66 test months), six classes, consistent metrics, accuracy well above chance (1/6), the
 * M1 importance misalignment as the article computes it, the back-test shapes, and the files the
 * CLI writes. One pipeline run (~20 s) shared by all checks.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { data, pipeline } from "../../lib";

const progress: pipeline.PipelineProgress[] = [];
const run = pipeline.runArticlePipeline(data.openDataSource(), { onProgress: (p) => progress.push(p) });
const fixture = JSON.parse(
  readFileSync(path.join(__dirname, "..", "fixtures", "pipeline", "predictions-faithful.json"), "utf8"),
);

test("split, shapes and classes as the article prints them", () => {
  assert.equal(run.split.index, 228);
  assert.equal(run.split.trainDates.at(-1), "2018-12-31");
  assert.equal(run.split.testDates[0], "2019-01-31");
  assert.equal(run.split.testDates.length, 66);
  assert.deepEqual(run.trainShape, [228, 12]);
  assert.equal(run.features.features.length, 22);
  assert.equal(run.classes.length, 6);
  assert.equal(run.modelFeatures.length, 12);
  assert.equal(new Set(run.modelFeatures).size, 12);
  assert.equal(run.retrain.predictions.length, 66);
  assert.equal(run.retrain.fits, 66, "initial fit + 65 refits (the unused last refit is skipped)");
  for (const p of run.retrain.probabilities) {
    assert.equal(p.length, 6);
    assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-6);
  }
});

test("metrics are consistent with the predictions, accuracy well above 1/6", () => {
  const { yTest, predictions } = run.retrain;
  const hits = yTest.filter((y, i) => y === predictions[i]).length;
  assert.equal(run.metrics.accuracy, hits / 66);
  // measured on the sample: 32/66 = 0.4848 (chance for 6 classes: 0.1667)
  assert.ok(run.metrics.accuracy >= 0.35, `accuracy ${run.metrics.accuracy}`);
  assert.ok(run.metrics.top3Accuracy >= run.metrics.accuracy);
  assert.ok(run.metrics.top3Accuracy >= 0.7, `top-3 accuracy ${run.metrics.top3Accuracy}`);
  const cm = run.metrics.confusion;
  assert.equal(
    cm.flat().reduce((a, b) => a + b, 0),
    66,
  );
  assert.equal(
    cm.reduce((s, row, i) => s + row[i], 0),
    hits,
  );
  assert.equal(
    run.metrics.predictionCounts.reduce((s, [, n]) => s + n, 0),
    66,
  );
  assert.match(run.metrics.report, /accuracy\s+0\.48\s+66/);
  // determinism: the committed predictions were exported from this pipeline
  assert.deepEqual(predictions, fixture.predictions);
  assert.deepEqual(yTest, fixture.y_true);
});

test("M1: the faithful importance table is the 13-feature fit's importances minus the last", () => {
  const last = run.rfe.steps.at(-1)!;
  assert.equal(last.features.length, 13);
  assert.equal(run.rfe.steps.length, 10);
  const expected = run.rfe.selected.map((f, j) => ({ Feature: f, Importance: last.importances[j] }));
  expected.sort((a, b) => b.Importance - a.Importance);
  assert.deepEqual(run.importanceTable, expected);
  assert.deepEqual(new Set(run.rfe.corrected.map((r) => r.feature)), new Set(run.rfe.selected));
  const sum = run.rfe.corrected.reduce((s, r) => s + r.importance, 0);
  assert.ok(Math.abs(sum - 1) < 1e-6, `corrected importances sum to ${sum}`);
});

test("back-test: 65 return months, index joined, summary of 10 series", () => {
  const t = run.backtest.table;
  assert.equal(t.dates.length, 65);
  assert.equal(t.dates[0], "2019-02-28");
  assert.equal(t.index?.name, "dji");
  assert.equal(run.indexReturns.length, 65);
  assert.equal(run.backtest.summary.length, 10);
  assert.deepEqual(run.errata.backtest, { cumulativeSum: true, sharpeSqrt252: true });
  const best = run.backtest.summary.find((r) => r.strategy === "best_return")!;
  assert.equal(run.backtest.summary[0], best, "perfect foresight has the highest summed return");
});

test("progress: one line per elimination and per test month", () => {
  assert.equal(progress.filter((p) => p.stage === "rfe").length, 10);
  const months = progress.filter((p) => p.stage === "retrain");
  assert.equal(months.length, 66);
  assert.deepEqual(
    months.map((p) => p.step),
    Array.from({ length: 66 }, (_, i) => i + 1),
  );
});

test("pipelineOutputs: the CSV/JSON files of a run", () => {
  const files = pipeline.pipelineOutputs(run);
  assert.deepEqual(Object.keys(files), [
    "summary.csv",
    "summary-faithful-vs-corrected.csv",
    "performance.csv",
    "returns.csv",
    "predictions.csv",
    "selected-features.csv",
    "run.json",
  ]);
  assert.equal(files["summary.csv"].split("\n")[0], "strategy,cum_return,sharp_ratio");
  assert.equal(files["summary.csv"].trim().split("\n").length, 11);
  assert.equal(files["predictions.csv"].trim().split("\n").length, 67);
  assert.equal(files["returns.csv"].trim().split("\n").length, 66);
  assert.equal(files["selected-features.csv"].trim().split("\n").length, 13);
  const json = JSON.parse(files["run.json"]);
  assert.deepEqual(json.train_shape, [228, 12]);
  assert.equal(json.split.test_months, 66);
  assert.equal(json.accuracy, run.metrics.accuracy);
  for (const text of Object.values(files)) assert.doesNotMatch(text, /\/work\/|\/tmp\/|NaN|undefined/);
});
