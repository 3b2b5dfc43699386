/**
 * The steps of notebook 01's chain (lib/pipeline/article-pipeline.ts) one by one on small
 * hand-made inputs. `articleFeatures` (In[1]–In[31], the feature pipeline on a data source) and
 * the whole chain are checked on the sample by test/pipeline/pipeline.test.ts.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { MonthlyFrame } from "../../lib/features/frame";
import type { PipelineProgress } from "../../lib/pipeline";
import {
  articleFeatureSelection,
  articleMetrics,
  articleSplit,
  articleWindowOptions,
  rfeProgress,
} from "../../lib/pipeline/article-pipeline";
import { createRng } from "../../lib/random";

const DATES = ["2018-10-31", "2018-11-30", "2018-12-31", "2019-01-31", "2019-02-28"];

test("articleSplit (In[32]): rows before the split date train", () => {
  assert.deepEqual(articleSplit(DATES, [0, 1, 2, 1, 0], "2019-01-01"), {
    date: "2019-01-01",
    index: 3,
    trainRows: [0, 1, 2],
    testRows: [3, 4],
    yTrain: [0, 1, 2],
    yTest: [1, 0],
  });
  assert.throws(
    () => articleSplit(DATES, [0, 1, 2, 1, 0], "2018-11-01"),
    /^Error: runArticlePipeline: split date 2018-11-01 leaves 1 training and 4 test months \(2018-10-31\.\.2019-02-28\)$/,
  );
  assert.throws(() => articleSplit(DATES, [0, 1, 2, 1, 0], "2020-01-01"), /leaves 5 training and 0 test months/);
});

test("rfeProgress (In[34]): one line from model.formatRfeStep", () => {
  const step = {
    step: 2,
    features: ["a", "b", "c"],
    importances: [0.5, 0.25, 0.25],
    removed: "b",
    removedImportance: 0.25,
  };
  assert.deepEqual(rfeProgress(step, 10), {
    stage: "rfe",
    message: "In[34]: RFE step 2/10: 3 features, removed b (importance 0.250000)",
    step: 2,
    total: 10,
  });
});

// 36 rows: f1 is the label itself, f2 is constant (never split on), f3 a weak copy of f1
const N = 36;
const frame: MonthlyFrame = {
  index: Array.from(
    { length: N },
    (_, i) => `20${String(10 + Math.floor(i / 12)).padStart(2, "0")}-${String((i % 12) + 1).padStart(2, "0")}-28`,
  ),
  columns: ["f1", "f2", "f3"],
  data: [
    Array.from({ length: N }, (_, i) => i % 3),
    Array.from({ length: N }, () => 5),
    Array.from({ length: N }, (_, i) => (i % 3) + ((i * 7) % 5) / 2),
  ],
};
const label = Array.from({ length: N }, (_, i) => i % 3);

test("articleFeatureSelection (In[33]–In[35]): the constant feature goes first; table order = model columns", () => {
  const progress: PipelineProgress[] = [];
  const sel = articleFeatureSelection(
    frame,
    ["f1", "f2", "f3"],
    { index: 30, yTrain: label.slice(0, 30) },
    { nSelect: 2, classifier: { nEstimators: 5 }, rfeImportancesMisaligned: false },
    (p) => progress.push(p),
  );
  assert.deepEqual(sel.rfe.selected, ["f1", "f3"]);
  assert.deepEqual(
    progress.map((p) => p.message),
    ["In[34]: RFE step 1/1: 3 features, removed f2 (importance 0.000000)"],
  );
  assert.deepEqual(
    sel.importanceTable.map((r) => r.Feature),
    sel.rfe.corrected.map((r) => r.feature),
  );
  assert.deepEqual(
    sel.modelFeatures,
    sel.importanceTable.map((r) => r.Feature),
  );
  // M1 shows the faithful table; a seed permutes the model's columns only
  const faithful = articleFeatureSelection(
    frame,
    ["f1", "f2", "f3"],
    { index: 30, yTrain: label.slice(0, 30) },
    {
      nSelect: 2,
      classifier: { nEstimators: 5 },
      rfeImportancesMisaligned: true,
      featureOrderSeed: 5,
    },
  );
  assert.deepEqual(
    faithful.importanceTable.map((r) => r.Importance),
    faithful.rfe.faithful.map((r) => r.importance),
  );
  assert.deepEqual(faithful.modelFeatures, createRng(5).shuffle(faithful.importanceTable.map((r) => r.Feature)));
});

test("articleWindowOptions (In[35]–In[37]): columns in the model's order, multi:softprob, month progress", () => {
  const progress: PipelineProgress[] = [];
  const o = articleWindowOptions(
    { frame, label, classes: ["x", "y", "z"] },
    ["f3", "f1"],
    "2012-07-01",
    { nEstimators: 7 },
    (p) => progress.push(p),
  );
  assert.equal(o.dates, frame.index);
  assert.deepEqual((o.X as number[][]).slice(0, 2), [
    [0, 0],
    [2, 1], // f3 = 1 + (7 mod 5)/2, f1 = 1
  ]);
  assert.equal(o.y, label);
  assert.equal(o.splitDate, "2012-07-01");
  assert.deepEqual(o.classifier, { objective: "multi:softprob", randomState: 42, nEstimators: 7 });
  o.onMonth?.({ step: 3, total: 6, date: "2012-09-28", predicted: 2, actual: 1, trainRows: 32, accuracySoFar: 2 / 3 });
  assert.deepEqual(progress, [
    {
      stage: "retrain",
      message: "In[37]: 2012-09-28 predicted z (train 32, accuracy so far 0.667)",
      step: 3,
      total: 6,
    },
  ]);
});

test("articleMetrics (In[38]–In[39]): counts, confusion, accuracy and top-3 accuracy by hand", () => {
  const progress: PipelineProgress[] = [];
  // 4 classes; month 4's true class (3) is only fourth in its probabilities
  const m = articleMetrics(
    ["a", "b", "c", "d"],
    [0, 1, 2, 3],
    {
      predictions: [0, 1, 1, 0],
      probabilities: [
        [0.7, 0.1, 0.1, 0.1],
        [0.1, 0.6, 0.2, 0.1],
        [0.1, 0.5, 0.3, 0.1],
        [0.4, 0.3, 0.2, 0.1],
      ],
    },
    (p) => progress.push(p),
  );
  assert.deepEqual(m.predictionCounts, [
    [0, 2],
    [1, 2],
  ]);
  assert.equal(m.predictionCountsText, "{0: 2, 1: 2}");
  assert.deepEqual(m.confusion, [
    [1, 0, 0, 0],
    [0, 1, 0, 0],
    [0, 1, 0, 0],
    [1, 0, 0, 0],
  ]);
  assert.equal(m.accuracy, 0.5);
  assert.equal(m.top3Accuracy, 0.75);
  assert.match(m.report, /^\s+precision\s+recall\s+f1-score\s+support\n\n\s+a\s/);
  assert.deepEqual(progress, [{ stage: "metrics", message: "In[38]-In[39]: accuracy 0.5000, top-3 accuracy 0.7500" }]);
});
