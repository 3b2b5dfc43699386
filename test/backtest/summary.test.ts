import assert from "node:assert/strict";
import { test } from "node:test";
import {
  CORRECTED_SUMMARY,
  joinIndexReturns,
  performanceTable,
  strategyReturns,
  summaryComparison,
  summaryTable,
} from "../../lib/backtest";
import { assertRelClose as close } from "../helpers";

// Hand-computed series:
//   x = [2, −1, 3, −2]: sum 2, compounded 1.929212 %, Sharpe √(189/17) (√252) or 3/√17 (√12)
//   y = [1, 2, 3, 4]:   sum 10, compounded (1.01·1.02·1.03·1.04 − 1)·100 = 10.355024 %,
//                       mean 2.5, var 5/3 → Sharpe 2.5/√(5/3)·√252 = √945 = 30.740852297878796
//                       and ·√12 = √45 = 6.708203932499369
//   z = [5, −3, 0, 0]:  sum 2 (ties with x; x comes first in the input so stays first)
const series = { x: [2, -1, 3, -2], y: [1, 2, 3, 4], z: [5, -3, 0, 0] };

test("summaryTable: article's cum_return (sum) and √252 Sharpe, sorted by cum_return desc, stable ties", () => {
  const rows = summaryTable(series);
  assert.deepEqual(
    rows.map((r) => r.strategy),
    ["y", "x", "z"],
  );
  assert.equal(rows[0].cum_return, 10);
  close(rows[0].sharp_ratio, 30.740852297878796);
  assert.equal(rows[1].cum_return, 2);
  close(rows[1].sharp_ratio, 3.334313581357268);
});

test("summaryTable: corrected = compounded cumulative return and √12 Sharpe", () => {
  const rows = summaryTable(series, CORRECTED_SUMMARY);
  assert.deepEqual(
    rows.map((r) => r.strategy),
    ["y", "x", "z"], // z: 1.05 · 0.97 = 1.0185 → 1.85 % < x's 1.929212 %
  );
  close(rows[0].cum_return, 10.355024);
  close(rows[0].sharp_ratio, 6.708203932499369);
  close(rows[1].cum_return, 1.929212);
  close(rows[1].sharp_ratio, 0.7276068751089989);
  close(rows[2].cum_return, 1.85);
  const both = summaryComparison(series);
  assert.deepEqual(Object.keys(both[0]), [
    "strategy",
    "cum_return",
    "sharp_ratio",
    "cum_return_corrected",
    "sharp_ratio_corrected",
  ]);
  close(both[1].sharp_ratio_corrected, 0.7276068751089989);
  assert.throws(() => summaryTable({ bad: [1] }), /series "bad": .*at least 2/);
});

test("performanceTable: one row per series with risk against the index and switching costs", () => {
  // Four months, factors A and B; predictions alternate so the predicted strategy switches.
  const months = [
    { a: 1, b: 2, best: "A", pred: "A" },
    { a: 3, b: 1, best: "B", pred: "B" },
    { a: -1, b: 2, best: "A", pred: "A" },
    { a: 2, b: 1, best: "A", pred: "B" },
    { a: 1, b: -2, best: "A", pred: "A" },
  ].map((m, i) => ({
    date: ["2021-01-31", "2021-02-28", "2021-03-31", "2021-04-30", "2021-05-31"][i],
    returns: { A: m.a, B: m.b },
    bestFactorNextMonth: m.best,
    predicted: m.pred,
    probabilities: m.pred === "A" ? { A: 0.75, B: 0.25 } : { A: 0.25, B: 0.75 },
  }));
  const t = joinIndexReturns(
    strategyReturns(months),
    ["2021-02-28", "2021-03-31", "2021-04-30", "2021-05-31"].map((date, i) => ({ date, value: [1, 0, 1, 0][i] })),
    "dji",
  );
  // pred_return: months Feb..May hold A, B, A, B → returns 3, 2, 2, −2; 3 switches in 4 months = 9/yr
  assert.deepEqual(t.predReturn, [3, 2, 2, -2]);
  const rows = performanceTable(t, { costBps: 100 });
  assert.deepEqual(
    rows.map((r) => r.strategy),
    ["A", "B", "best_return", "pred_return", "pred_proba_return", "dji"],
  );
  const pred = rows[3];
  assert.equal(pred.switches_per_year, 9);
  // after 100 bps per switch: 3, 1, 1, −3 → W = 1.03·1.01·1.01·0.97, CAGR = W³ − 1
  close(pred.cagr_after_costs, ((1.03 * 1.01 * 1.01 * 0.97) ** 3 - 1) * 100);
  close(pred.cagr, ((1.03 * 1.02 * 1.02 * 0.98) ** 3 - 1) * 100);
  // active vs dji = [2, 2, 1, −2]: 3 of 4 months beat the index
  assert.equal(pred.hit_rate_vs_index, 0.75);
  assert.equal(pred.hit_rate, 0.75);
  // probability mix switches ½(.5 + .5) = 0.5 each time: 1.5 per 4 months = 4.5/yr
  close(rows[4].switches_per_year, 4.5);
  assert.equal(rows[0].switches_per_year, 0);
  const dji = rows[5];
  assert.ok(Number.isNaN(dji.tracking_error) && Number.isNaN(dji.switches_per_year));
  assert.throws(() => performanceTable(strategyReturns(months)), /join the base index first/);
});
