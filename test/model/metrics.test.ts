import assert from "node:assert/strict";
import { test } from "node:test";
import {
  classificationReport,
  confusionMatrix,
  formatFixedPython,
  formatIntMatrix,
  formatPredictionCounts,
  type ReportOptions,
  topNAccuracy,
  type ZeroDivision,
} from "../../lib/model/metrics";
import { readFixture } from "./fixtures";

interface MetricCase {
  name: string;
  yTrue: number[];
  yPred: number[];
  targetNames: string[] | null;
  digits: number;
  zeroDivision: ZeroDivision;
  report: string;
  confusion: number[][];
  confusionText: string;
}
const fx = readFixture<{ cases: MetricCase[] }>("sklearn-metrics.json");

for (const c of fx.cases) {
  test(`classification report and confusion matrix as scikit-learn 1.2.1: ${c.name}`, () => {
    const opts: ReportOptions = { digits: c.digits, zeroDivision: c.zeroDivision };
    if (c.targetNames) opts.targetNames = c.targetNames;
    assert.equal(classificationReport(c.yTrue, c.yPred, opts), c.report);
    assert.deepEqual(confusionMatrix(c.yTrue, c.yPred), c.confusion);
    assert.equal(formatIntMatrix(confusionMatrix(c.yTrue, c.yPred)), c.confusionText);
  });
}

test("the article's printed In[38] output is reproduced from its confusion matrix", () => {
  const cm = [
    [4, 1, 0, 3, 0, 1],
    [1, 0, 3, 1, 0, 0],
    [5, 0, 5, 3, 1, 1],
    [8, 5, 2, 12, 0, 1],
    [0, 0, 1, 2, 0, 0],
    [0, 2, 1, 2, 1, 0],
  ];
  const t: number[] = [];
  const p: number[] = [];
  cm.forEach((row, i) => {
    row.forEach((n, j) => {
      for (let k = 0; k < n; k++) {
        t.push(i);
        p.push(j);
      }
    });
  });
  assert.equal(formatPredictionCounts(p), "{0: 18, 1: 8, 2: 12, 3: 23, 4: 2, 5: 3}");
  assert.equal(
    formatIntMatrix(confusionMatrix(t, p)),
    "[[ 4  1  0  3  0  1]\n [ 1  0  3  1  0  0]\n [ 5  0  5  3  1  1]\n [ 8  5  2 12  0  1]\n [ 0  0  1  2  0  0]\n [ 0  2  1  2  1  0]]",
  );
  const report = classificationReport(t, p, {
    targetNames: ["leverage", "profitability", "quality", "size", "value", "yield"].map((f) => `total_return_1m_${f}`),
  });
  assert.match(report, /\n {21}accuracy {27}0\.32 {8}66\n/);
  assert.match(report, /\n {20}macro avg {7}0\.19 {6}0\.20 {6}0\.19 {8}66\n/);
  assert.match(report, /\n {17}weighted avg {7}0\.35 {6}0\.32 {6}0\.32 {8}66\n$/);
});

test("formatFixedPython rounds exact ties half to even like Python", () => {
  assert.equal(formatFixedPython(0.125, 2), "0.12");
  assert.equal(formatFixedPython(0.375, 2), "0.38");
  assert.equal(formatFixedPython(0.3125, 2), "0.31");
  assert.equal(formatFixedPython(2.5, 0), "2");
  assert.equal(formatFixedPython(9.995, 2), "9.99"); // 9.995 is below the tie in binary
  assert.equal(formatFixedPython(0.995, 2), "0.99");
  assert.equal(formatFixedPython(1 / 3, 2), "0.33");
});

test("top-N accuracy: hand example, and ties as numpy argsort", () => {
  const proba = [
    [0.1, 0.5, 0.4],
    [0.6, 0.3, 0.1],
    [0.2, 0.2, 0.6],
  ];
  assert.equal(topNAccuracy([2, 2, 1], proba, 1), 0);
  assert.equal(topNAccuracy([2, 2, 1], proba, 2), 2 / 3); // row 2: tie 0.2/0.2 → class 1 ranks above 0
  assert.equal(topNAccuracy([0, 0, 0], proba, 2), 1 / 3);
  assert.equal(topNAccuracy([2, 2, 1], proba, 3), 1);
  assert.throws(() => topNAccuracy([1], proba), /1 labels but proba has 3 rows/);
});
