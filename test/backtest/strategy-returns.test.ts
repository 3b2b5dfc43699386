import assert from "node:assert/strict";
import { test } from "node:test";
import {
  joinIndexReturns,
  nameProbabilities,
  percentChanges,
  predictionMonths,
  returnSeries,
  returnsTableColumns,
  strategyReturns,
  strategyWeights,
} from "../../lib/backtest";
import { assertClose as close } from "../helpers";
import { threeMonths } from "./three-months";

test("strategyReturns: month t uses the prediction made at the end of month t-1 (hand-made 3 months)", () => {
  const t = strategyReturns(threeMonths());
  assert.deepEqual(t.dates, ["2020-02-29", "2020-03-31"]);
  assert.deepEqual(t.factors, ["A", "B", "C"]);
  assert.deepEqual(t.factorReturns, { A: [-1, 2], B: [4, 1], C: [0, 5] });
  assert.deepEqual(t.bestShifted, ["B", "C"]);
  assert.deepEqual(t.predShifted, ["A", "C"]);
  assert.deepEqual(t.bestReturn, [4, 5]);
  assert.deepEqual(t.predReturn, [-1, 5]);
  close(t.predProbaReturn[0], 0.7);
  close(t.predProbaReturn[1], 3.9);
  // Display columns are the unshifted values of the row's own month, like the article's table.
  assert.deepEqual(t.bestFactorNextMonth, ["C", "A"]);
  assert.deepEqual(t.preds, ["C", "B"]);
  assert.deepEqual(t.probaShifted, [
    { A: 0.5, B: 0.3, C: 0.2 },
    { A: 0.1, B: 0.2, C: 0.7 },
  ]);
});

test("strategyReturns: a missing month is an error naming the gap, not a silent shift", () => {
  const m = threeMonths();
  // Drop February: January's prediction would otherwise be paired with March.
  const gap = [m[0], m[2]];
  assert.throws(() => strategyReturns(gap), /missing month\(s\) between 2020-01-31 and 2020-03-31/);
  const dup = [m[0], { ...m[1], date: "2020-01-15" }, m[2]];
  assert.throws(() => strategyReturns(dup), /two rows in the same month/);
  const reversed = [m[1], m[0], m[2]];
  assert.throws(() => strategyReturns(reversed), /not in ascending order/);
});

test("strategyReturns: labels off by a month are detected", () => {
  const m = threeMonths();
  // January's label claims C was best in February, but B returned 4 > C's 0 there.
  m[0] = { ...m[0], bestFactorNextMonth: "C" };
  assert.throws(() => strategyReturns(m), /label of 2020-01-31 says "C".*misaligned/);
});

test("strategyReturns: bad inputs get clear errors", () => {
  const m = threeMonths();
  assert.throws(() => strategyReturns([m[0]]), /at least 2 test months/);
  assert.throws(
    () => strategyReturns([m[0], { ...m[1], returns: { A: Number.NaN, B: 4, C: 0 } }, m[2]]),
    /return of factor "A" on 2020-02-29 is NaN/,
  );
  assert.throws(
    () => strategyReturns([{ ...m[0], predicted: "Z" }, m[1], m[2]]),
    /predicted "Z" on 2020-01-31 is not one of the factors/,
  );
  assert.throws(
    () => strategyReturns([{ ...m[0], probabilities: { A: 0.5, B: 0.3, C: 0.3 } }, m[1], m[2]]),
    /probabilities on 2020-01-31 sum to 1.1/,
  );
  assert.throws(() => strategyReturns([{ ...m[0], date: "2020-02-30" }, m[1], m[2]]), /not a calendar date/);
});

test("nameProbabilities / predictionMonths: column arrays give the same table (In[41] naming)", () => {
  const names = nameProbabilities(["A", "B", "C"], [[[0.5, 0.3, 0.2]], [0.1, 0.2, 0.7]]);
  assert.deepEqual(names, [
    { A: 0.5, B: 0.3, C: 0.2 },
    { A: 0.1, B: 0.2, C: 0.7 },
  ]);
  assert.throws(() => nameProbabilities(["A", "B"], [[0.5, 0.3, 0.2]]), /row 0 has 3 probabilities for 2 classes/);
  const months = predictionMonths({
    dates: ["2020-01-31", "2020-02-29", "2020-03-31"],
    returns: { A: [1, -1, 2], B: [2, 4, 1], C: [3, 0, 5] },
    bestFactorNextMonth: ["B", "C", "A"],
    predicted: ["A", "C", "B"],
    probabilities: [
      [0.5, 0.3, 0.2],
      [0.1, 0.2, 0.7],
      [0.2, 0.5, 0.3],
    ],
    classNames: ["A", "B", "C"],
  });
  assert.deepEqual(strategyReturns(months), strategyReturns(threeMonths()));
});

test("joinIndexReturns: joins by calendar month, never by position", () => {
  const t = strategyReturns(threeMonths());
  // Index levels at trading-day month ends, one month more on each side than the table needs.
  const levels = [
    { date: "2019-12-31", value: 100 },
    { date: "2020-01-31", value: 110 },
    { date: "2020-02-28", value: 99 },
    { date: "2020-03-31", value: 103.95 },
    { date: "2020-04-30", value: 50 },
  ];
  const changes = percentChanges(levels);
  assert.deepEqual(
    changes.map((c) => c.date),
    ["2020-01-31", "2020-02-28", "2020-03-31", "2020-04-30"],
  );
  // Shuffled: a positional join would give wrong numbers.
  const shuffled = [changes[3], changes[1], changes[0], changes[2]];
  const j = joinIndexReturns(t, shuffled, "dji");
  close(j.index!.returns[0], -10); // 110 → 99
  close(j.index!.returns[1], 5); // 99 → 103.95
  assert.deepEqual(Object.keys(returnSeries(j)), [
    "A",
    "B",
    "C",
    "best_return",
    "pred_return",
    "pred_proba_return",
    "dji",
  ]);
  assert.equal(t.index, undefined, "the input table is not modified");
  assert.throws(() => joinIndexReturns(t, [changes[1]], "dji"), /no index return for 1 month\(s\): 2020-03-31/);
  assert.throws(
    () => joinIndexReturns(t, [...changes, { date: "2020-02-10", value: 1 }]),
    /two index returns in month 2020-02/,
  );
  assert.throws(() => joinIndexReturns(t, changes, "A"), /clashes/);
  assert.throws(() => percentChanges([levels[0], levels[2]]), /missing month\(s\) between 2019-12-31 and 2020-02-28/);
  assert.throws(() => percentChanges([levels[0], { date: "2020-01-31", value: 0 }]), /need a positive number/);
});

test("returnsTableColumns: article column names and In[45] running sums", () => {
  const t = joinIndexReturns(
    strategyReturns(threeMonths()),
    [
      { date: "2020-02-29", value: 1 },
      { date: "2020-03-31", value: 2 },
    ],
    "dji",
  );
  const cols = returnsTableColumns(t, { cumsum: true });
  assert.deepEqual(Object.keys(cols).slice(0, 15), [
    "date",
    "A",
    "B",
    "C",
    "best_factor_next_month",
    "preds",
    "best_shifted",
    "pred_shifted",
    "best_return",
    "pred_return",
    "pred_proba_return",
    "dji",
    "A_cumsum",
    "B_cumsum",
    "C_cumsum",
  ]);
  assert.deepEqual(cols.best_return_cumsum, [4, 9]);
  assert.deepEqual(cols.dji_cumsum, [1, 3]);
  assert.deepEqual(cols.pred_return_cumsum, [-1, 4]);
});

test("strategyWeights: one-hot for picks, shifted probabilities for the mix", () => {
  const w = strategyWeights(strategyReturns(threeMonths()));
  assert.deepEqual(w.pred_return, [
    { A: 1, B: 0, C: 0 },
    { A: 0, B: 0, C: 1 },
  ]);
  assert.deepEqual(w.best_return[1], { A: 0, B: 0, C: 1 });
  assert.deepEqual(w.pred_proba_return[0], { A: 0.5, B: 0.3, C: 0.2 });
  assert.deepEqual(w.B, [
    { A: 0, B: 1, C: 0 },
    { A: 0, B: 1, C: 0 },
  ]);
});
