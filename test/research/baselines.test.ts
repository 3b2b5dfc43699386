/**
 * lib/research/baselines.ts on hand-made returns tables: every baseline's monthly series by
 * hand, tie rules, the permutation p-value against exact enumeration of all distinct
 * permutations, seeds, and the training rows taken from a labelled model table.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { correctedSharpeRatio, type ReturnsTable } from "../../lib/backtest";
import type { MonthlyFrame } from "../../lib/features/frame";
import {
  baselineStrategies,
  bestStaticFactorStrategy,
  equalWeightStrategy,
  majorityClassStrategy,
  predictionFrequencies,
  predictionPermutationTest,
  randomClassifierExpectedReturns,
  trainingRowsOf,
} from "../../lib/research/baselines";
import { assertAllClose } from "../helpers";

/**
 * Four return months, three factors (percent):
 *            A    B    C   held (predShifted)
 *   Feb     1    0    3    C   → 3
 *   Mar    −1    2    0    B   → 2
 *   Apr     2   −1    0    A   → 2
 *   May     0    1   −2    A   → 0
 */
function handTable(): ReturnsTable {
  const factorReturns = { A: [1, -1, 2, 0], B: [0, 2, -1, 1], C: [3, 0, 0, -2] };
  const predShifted = ["C", "B", "A", "A"];
  const bestShifted = ["C", "B", "A", "B"];
  return {
    dates: ["2020-02-29", "2020-03-31", "2020-04-30", "2020-05-31"],
    factors: ["A", "B", "C"],
    factorReturns,
    bestFactorNextMonth: ["B", "A", "B", "A"],
    preds: ["B", "A", "A", "C"],
    bestShifted,
    predShifted,
    probaShifted: predShifted.map(() => ({ A: 1 / 3, B: 1 / 3, C: 1 / 3 })),
    bestReturn: [3, 2, 2, 1],
    predReturn: [3, 2, 2, 0],
    predProbaReturn: [4 / 3, 1 / 3, 1 / 3, -1 / 3],
  };
}

const close = (a: readonly number[], b: readonly number[], what: string) => assertAllClose(a, b, 1e-12, what);

test("majority class: the most frequent training label, held every month; ties go to table order", () => {
  const t = handTable();
  const clear = majorityClassStrategy(t, ["C", "A", "C", "B", "C"]);
  assert.equal(clear.factor, "C");
  assert.deepEqual(clear.counts, { A: 1, B: 1, C: 3 });
  assert.deepEqual(clear.returns, [3, 0, 0, -2]);
  // A and B twice each: A comes first in `factors`.
  assert.equal(majorityClassStrategy(t, ["B", "A", "B", "C", "A"]).factor, "A");
  assert.throws(() => majorityClassStrategy(t, ["A", "Z"]), /training label 1 "Z"/);
  assert.throws(() => majorityClassStrategy(t, []), /no training labels/);
});

test("best static factor: highest mean TRAINING return (not test), held every month", () => {
  const t = handTable();
  // Training means: A 0.5, B 1.0, C 0.2 → B, although C has the best test-period total.
  const best = bestStaticFactorStrategy(t, { A: [1, 0], B: [3, -1], C: [0.1, 0.3] });
  assert.equal(best.factor, "B");
  assert.deepEqual(best.trainingMeans, { A: 0.5, B: 1, C: 0.2 });
  assert.deepEqual(best.returns, [0, 2, -1, 1]);
  assert.equal(bestStaticFactorStrategy(t, { A: [1], B: [1], C: [0] }).factor, "A", "tie → table order");
  assert.throws(() => bestStaticFactorStrategy(t, { A: [1], B: [1] }), /no training returns for "C"/);
  assert.throws(() => bestStaticFactorStrategy(t, { A: [1], B: [Number.NaN], C: [0] }), /return 0 of "B" is NaN/);
  assert.throws(() => bestStaticFactorStrategy(t, { A: [1, 2], B: [1], C: [0] }), /training months/);
});

test("equal weight: (1/K)Σ_k r_{t,k} per month", () => {
  close(equalWeightStrategy(handTable()), [4 / 3, 1 / 3, 1 / 3, -1 / 3], "equal weight");
});

test("random classifier: class frequencies of the held predictions and the expected monthly return", () => {
  const t = handTable();
  assert.deepEqual(predictionFrequencies(t), { A: 0.5, B: 0.25, C: 0.25 });
  // 0.5·A + 0.25·B + 0.25·C.
  close(randomClassifierExpectedReturns(t), [1.25, 0, 0.75, -0.25], "E[r]");
});

/** All distinct orderings of a multiset (for exact permutation p-values). */
function distinctPermutations(xs: readonly string[]): string[][] {
  if (xs.length <= 1) return [[...xs]];
  const out: string[][] = [];
  for (const v of [...new Set(xs)]) {
    const rest = [...xs];
    rest.splice(rest.indexOf(v), 1);
    for (const p of distinctPermutations(rest)) out.push([v, ...p]);
  }
  return out;
}

test("permutation test: actual Sharpe, p-value formula, and convergence to the exact enumeration", () => {
  const t = handTable();
  const res = predictionPermutationTest(t, { draws: 20000, seed: 3 });
  assert.equal(res.actual, correctedSharpeRatio([3, 2, 2, 0]));
  const atLeast = res.samples.filter((s) => s >= res.actual).length;
  assert.equal(res.pValue, (1 + atLeast) / (res.samples.length + 1));
  assert.equal(res.samples.length + res.undefinedDraws, 20000);
  // 12 distinct orderings of [C, B, A, A], each equally likely under a uniform shuffle.
  const perms = distinctPermutations(t.predShifted);
  assert.equal(perms.length, 12);
  const sharpes = perms.map((p) => correctedSharpeRatio(p.map((f, i) => t.factorReturns[f][i])));
  const exact = sharpes.filter((s) => s >= res.actual - 1e-12).length / perms.length;
  assert.ok(Math.abs(atLeast / res.samples.length - exact) < 0.015, `${atLeast / res.samples.length} vs ${exact}`);
  // The 12 orderings give 12 distinct Sharpe ratios; each must be drawn with frequency 1/12
  // (binomial SE 0.002 at 20000 draws; tolerance 5 SE).
  assert.equal(new Set(sharpes).size, 12);
  for (const s of sharpes) {
    const share = res.samples.filter((v) => v === s).length / res.samples.length;
    assert.ok(Math.abs(share - 1 / 12) < 0.01, `Sharpe ${s} drawn with frequency ${share}`);
  }
});

test("permutation test: same seed → identical result; needs ≥ 1000 draws and consistent predReturn", () => {
  const t = handTable();
  assert.deepEqual(
    predictionPermutationTest(t, { seed: 9, draws: 1000 }),
    predictionPermutationTest(t, { seed: 9, draws: 1000 }),
  );
  assert.notDeepEqual(
    predictionPermutationTest(t, { seed: 9, draws: 1000 }).samples,
    predictionPermutationTest(t, { seed: 10, draws: 1000 }).samples,
  );
  assert.throws(() => predictionPermutationTest(t, { draws: 999 }), /≥ 1000/);
  const bad = { ...handTable(), predReturn: [3, 2, 2, 1] };
  assert.throws(() => predictionPermutationTest(bad), /predReturn on 2020-05-31 is 1/);
});

test("baselineStrategies: all four series on the table's dates, from the labelled table's training rows", () => {
  // A labelled model table (In[30]) with three training rows and one test row; the factor-return
  // columns are named by the classes.
  const frame: MonthlyFrame = {
    index: ["2019-10-31", "2019-11-30", "2019-12-31", "2020-01-31"],
    columns: ["feature_x", "A", "B", "C"],
    data: [
      [0, 0, 0, 0],
      [1, 0, 2, 9],
      [3, -1, 1, 9],
      [0.1, 0.3, 0.2, 9],
    ],
  };
  const labelled = { frame, classes: ["A", "B", "C"], best_factor_next_month: ["C", "A", "C", "B"] };
  const training = trainingRowsOf(labelled, 3);
  assert.deepEqual(training.labels, ["C", "A", "C"]);
  assert.deepEqual(training.factorReturns, { A: [1, 0, 2], B: [3, -1, 1], C: [0.1, 0.3, 0.2] });
  const b = baselineStrategies(handTable(), training);
  assert.deepEqual(b.dates, handTable().dates);
  assert.equal(b.majorityFactor, "C");
  assert.equal(b.bestStaticFactor, "A"); // means A 1, B 1, C 0.2: tie → A
  assert.deepEqual(Object.keys(b.series), [
    "majority_class",
    "best_static_factor",
    "equal_weight",
    "random_classifier",
  ]);
  for (const s of Object.values(b.series)) assert.equal(s.length, 4);
  assert.deepEqual(b.series.majority_class, [3, 0, 0, -2]);
  assert.deepEqual(b.series.best_static_factor, [1, -1, 2, 0]);
  assert.throws(() => trainingRowsOf(labelled, 5), /1\.\.4/);
});
