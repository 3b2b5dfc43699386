import assert from "node:assert/strict";
import { test } from "node:test";
import { expandingWindow, splitIndexByDate } from "../../lib/model/expanding-window";
import {
  classificationReport,
  confusionMatrix,
  formatIntMatrix,
  formatPredictionCounts,
  topNAccuracy,
} from "../../lib/model/metrics";
import { recursiveFeatureElimination } from "../../lib/model/rfe";
import { balancedSampleWeights } from "../../lib/model/sample-weights";
import { StandardScaler } from "../../lib/model/standard-scaler";
import { readFixture } from "./fixtures";

interface Stage {
  dates: string[];
  X: number[][];
  y: number[];
  names: string[];
  removed: string[];
  selected: string[];
  faithful: { feature: string; importance: number }[];
  corrected: { feature: string; importance: number }[];
  trainShape: [number, number];
  predictions: number[];
  probabilities: number[][];
  yTest: number[];
  counts: string;
  confusionText: string;
  report: string;
  top3: number;
}
const fx = readFixture<Stage>("article-stage.json");
const TOL = 1e-5;

test("In[32]-In[39] stage on article-sized data equals the Python xgboost 1.7.4 / sklearn run", () => {
  // In[32]: temporal split, scaler fitted on the training rows
  const split = splitIndexByDate(fx.dates, "2019-01-01");
  assert.equal(split, 228);
  const trainNorm = new StandardScaler().fitTransform(fx.X.slice(0, split));
  const yTrain = fx.y.slice(0, split);
  // In[33]-In[34]: RFE with balanced weights
  const rfe = recursiveFeatureElimination(trainNorm, yTrain, fx.names, {
    nFeaturesToSelect: 12,
    sampleWeight: balancedSampleWeights(yTrain),
  });
  assert.deepEqual(
    rfe.steps.map((s) => s.removed),
    fx.removed,
  );
  assert.deepEqual(rfe.selected, fx.selected);
  assert.deepEqual(
    rfe.faithful.map((r) => r.feature),
    fx.faithful.map((r) => r.feature),
  );
  rfe.faithful.forEach((r, i) => {
    assert.ok(Math.abs(r.importance - fx.faithful[i].importance) <= TOL, `faithful ${r.feature}`);
  });
  const want = new Map(fx.corrected.map((r) => [r.feature, r.importance]));
  for (const r of rfe.corrected)
    assert.ok(Math.abs(r.importance - want.get(r.feature)!) <= TOL, `corrected ${r.feature}`);
  // the erratum is visible in this data: some name carries another feature's importance
  assert.ok(rfe.faithful.some((r) => Math.abs(r.importance - want.get(r.feature)!) > 1e-3));

  // In[35]: the 12 columns in the printed table's order
  const cols = rfe.faithful.map((r) => fx.names.indexOf(r.feature));
  const X12 = fx.X.map((row) => cols.map((c) => row[c]));
  assert.deepEqual([split, X12[0].length], fx.trainShape);
  // In[36]-In[37]: expanding window
  const lines: string[] = [];
  const res = expandingWindow({
    dates: fx.dates,
    X: X12,
    y: fx.y,
    splitDate: "2019-01-01",
    onMonth: (p) => lines.push(p.date),
  });
  assert.equal(lines.length, 66);
  assert.equal(res.fits, 66);
  assert.deepEqual(res.actual, fx.yTest);
  assert.deepEqual(res.predictions, fx.predictions);
  res.probabilities.forEach((p, i) => {
    p.forEach((v, c) => {
      assert.ok(Math.abs(v - fx.probabilities[i][c]) <= TOL, `proba ${i} ${c}`);
    });
  });
  // In[38]-In[39]
  assert.equal(formatPredictionCounts(res.predictions), fx.counts);
  assert.equal(formatIntMatrix(confusionMatrix(res.actual, res.predictions)), fx.confusionText);
  const names = [0, 1, 2, 3, 4, 5].map((c) => `class_${c}`);
  assert.equal(
    classificationReport(res.actual, res.predictions, { labels: [0, 1, 2, 3, 4, 5], targetNames: names }),
    fx.report,
  );
  assert.equal(topNAccuracy(res.actual, res.probabilities, 3), fx.top3);
});
