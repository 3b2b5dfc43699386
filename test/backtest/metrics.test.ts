import assert from "node:assert/strict";
import { test } from "node:test";
import {
  annualVolatility,
  articleSharpeRatio,
  cagr,
  calmarRatio,
  compoundedCumulative,
  correctedSharpeRatio,
  cumulativeSum,
  drawdownSeries,
  exPostTrackingError,
  growthOfOne,
  hitRate,
  informationRatio,
  maxDrawdown,
  returnsAfterCosts,
  sampleStd,
  sharpeRatio,
  switchesPerYear,
  switchFractions,
  totalReturn,
} from "../../lib/backtest";
import { assertAllClose, assertRelClose as close } from "../helpers";

const closeAll = (a: number[], b: number[], tol = 1e-12) => assertAllClose(a, b, tol, "", true);

// Worked example used throughout: monthly returns in percent.
//   r = [2, −1, 3, −2]: mean 0.5, squared deviations 2.25 + 2.25 + 6.25 + 6.25 = 17,
//   sample variance 17/3 (ddof 1), so the monthly Sharpe is 0.5/√(17/3).
const r = [2, -1, 3, -2];

test("cumulative: sum of percentages (article In[45]) vs compounding", () => {
  assert.deepEqual(cumulativeSum(r), [2, 1, 4, 2]);
  // 1.02 · 0.99 · 1.03 · 0.98 = 1.01929212
  closeAll(growthOfOne(r), [1.02, 1.0098, 1.040094, 1.01929212]);
  closeAll(compoundedCumulative(r), [2, 0.98, 4.0094, 1.929212]);
  assert.equal(totalReturn(r, "sum"), 2);
  close(totalReturn(r, "compound"), 1.929212);
  // +10 % then −10 %: the sum says 0, the money says −1 %.
  close(totalReturn([10, -10], "compound"), -1);
  assert.equal(totalReturn([10, -10], "sum"), 0);
  assert.throws(() => cumulativeSum([1, Number.NaN]), /return at row 1 is NaN/);
  assert.throws(() => cumulativeSum([]), /at least 1/);
});

test("Sharpe: article's √252 and corrected √12 on monthly returns, sample std (ddof 1)", () => {
  close(sampleStd(r), Math.sqrt(17 / 3));
  // faithful: 0.5/√(17/3)·√252 = √(189/17) = 3.334313581357268
  close(articleSharpeRatio(r), 3.334313581357268);
  // corrected: 0.5/√(17/3)·√12 = 3/√17 = 0.7276068751089989
  close(correctedSharpeRatio(r), 0.7276068751089989);
  close(articleSharpeRatio(r) / correctedSharpeRatio(r), Math.sqrt(21));
  // risk-free in the returns' units (percent per month): mean 0.5 − 0.5 = 0
  close(sharpeRatio(r, { riskFree: 0.5 }), 0);
  assert.ok(Number.isNaN(sharpeRatio([1, 1, 1])), "constant series: undefined");
  assert.throws(() => sharpeRatio([1]), /at least 2/);
  assert.throws(() => sharpeRatio(r, { periodsPerYear: 0 }), /periodsPerYear/);
});

test("drawdown: compounded wealth against its running peak, starting value included", () => {
  // wealth 1.02, 1.0098, 1.040094, 1.01929212; peaks 1.02, 1.02, 1.040094, 1.040094
  closeAll(drawdownSeries(r), [0, -1, 0, -2]);
  close(maxDrawdown(r), -2);
  // a loss in the first month is a drawdown from the starting value 1
  closeAll(drawdownSeries([-5, 10, -10]), [-5, 0, -10]);
  close(maxDrawdown([-5, 10, -10]), -10);
  assert.equal(maxDrawdown([1, 2, 3]), 0);
});

test("CAGR, volatility, Calmar", () => {
  // twelve months of +1 %: 1.01^12 − 1 = 12.6825030131969720661 %
  close(cagr(Array(12).fill(1)), 12.68250301319697);
  close(cagr(Array(24).fill(1)), 12.68250301319697);
  // r over 4 months: W = 1.01929212, CAGR = W^3 − 1 = 5.900009793721438 %
  close(cagr(r), 5.900009793721438);
  close(annualVolatility(r), Math.sqrt(17 / 3) * Math.sqrt(12));
  // Calmar = 5.900009793721438 / |−2|
  close(calmarRatio(r), 2.950004896860719);
  assert.ok(Number.isNaN(calmarRatio([1, 2])), "no drawdown: undefined");
});

test("tracking error and information ratio against a benchmark (annualised √12)", () => {
  const b = [1, -1, 1, -1];
  // active = [1, 0, 2, −1]: mean 0.5, squared deviations .25 + .25 + 2.25 + 2.25 = 5, var 5/3
  // TE = √(5/3)·√12 = √20 = 4.47213595499958; IR = 0.5/√(5/3)·√12 = 3/√5 = 1.3416407864998738
  close(exPostTrackingError(r, b), 4.47213595499958);
  close(informationRatio(r, b), 1.3416407864998738);
  assert.ok(Number.isNaN(informationRatio(b, b)), "benchmark against itself: undefined");
  assert.throws(() => exPostTrackingError(r, [1, 2]), /same months/);
});

test("hit rate: share of positive months, or months beating the benchmark (ties are not hits)", () => {
  assert.equal(hitRate(r), 0.5);
  assert.equal(hitRate([1, 0, -1, 2, 3]), 0.6);
  // active = [1, 0, 2, −1]: 2 of 4
  assert.equal(hitRate(r, [1, -1, 1, -1]), 0.5);
});

test("turnover: factor switches per year and returns after a cost per switch", () => {
  const oneHot = (k: string) => ({ A: k === "A" ? 1 : 0, B: k === "B" ? 1 : 0, C: k === "C" ? 1 : 0 });
  const w = ["A", "A", "B", "C"].map(oneHot);
  assert.deepEqual(switchFractions(w), [0, 0, 1, 1]);
  // 2 switches in 4 months = 6 per year
  assert.equal(switchesPerYear(w), 6);
  // ½(|.2 − .5| + |.8 − .5|) = 0.3
  close(
    switchFractions([
      { A: 0.5, B: 0.5 },
      { A: 0.2, B: 0.8 },
    ])[1],
    0.3,
  );
  // 50 bps per switch = 0.5 percentage points in the month of the switch
  closeAll(returnsAfterCosts([1, 1, 1, 1], w, 50), [1, 1, 0.5, 0.5]);
  assert.throws(() => returnsAfterCosts([1, 1], w, 50), /2 returns vs 4 weight rows/);
  assert.throws(() => returnsAfterCosts([1, 1, 1, 1], w, -1), /costBps/);
});
