import assert from "node:assert/strict";
import { test } from "node:test";
import { formatMonthProgress, splitIndexByDate } from "../../lib/model/expanding-window";
import { formatRfeStep } from "../../lib/model/rfe";
import { selectFeatures, temporalSplit } from "../../lib/model/temporal-split";

const dates = ["2018-10-31", "2018-11-30", "2018-12-31", "2019-01-31", "2019-02-28"];
const X = [
  [1, 10],
  [2, 20],
  [3, 30],
  [4, 40],
  [5, 50],
];
const y = [0, 1, 0, 1, 1];

test("temporalSplit: rows before 2019-01-01 train; scaler from training rows only", () => {
  const s = temporalSplit(dates, X, y);
  assert.equal(s.split, 3);
  assert.deepEqual(s.testDates, ["2019-01-31", "2019-02-28"]);
  assert.deepEqual(s.yTest, [1, 1]);
  assert.deepEqual(s.scaler.params.mean, [2, 20]);
  const sd = Math.sqrt(2 / 3);
  assert.deepEqual(
    s.XTrainNorm.map((r) => r[0]),
    [-1 / sd, 0, 1 / sd],
  );
  // test rows with the training scaler: (4 − 2)/sd
  assert.equal(s.scaler.transform(s.XTest)[0][0], 2 / sd);
  assert.throws(
    () => temporalSplit(dates, X, y, "2000-01-01"),
    /temporalSplit: splitDate leaves no rows before 2000-01-01/,
  );
  assert.throws(() => splitIndexByDate(["2019-01-31", "2018-12-31"], "2019-01-01"), /not strictly ascending at row 1/);
});

test("selectFeatures keeps the requested order", () => {
  assert.deepEqual(selectFeatures([[1, 2, 3]], ["a", "b", "c"], ["c", "a"]), [[3, 1]]);
  assert.throws(() => selectFeatures([[1, 2, 3]], ["a", "b", "c"], ["d"]), /no feature named d/);
});

test("progress lines are fixed-format", () => {
  assert.equal(
    formatMonthProgress({
      step: 7,
      total: 66,
      date: "2019-07-31",
      predicted: 3,
      actual: 2,
      trainRows: 234,
      accuracySoFar: 2 / 7,
    }),
    "[ 7/66] 2019-07-31 predicted 3 actual 2 (train 234, acc 0.286)",
  );
  assert.equal(
    formatRfeStep(
      { step: 2, features: ["a", "b", "c"], importances: [0.5, 0.25, 0.25], removed: "b", removedImportance: 0.25 },
      10,
    ),
    "RFE step 2/10: 3 features, removed b (importance 0.250000)",
  );
});
