/**
 * Degenerate statistics: a Sharpe ratio of a series whose standard deviation is numerically zero
 * (sd ≤ 1e-12 · max(1, |mean|), lib/statistics/sharpe-ratio.ts) is NaN, not mean/sd ≈ 1e16 from the
 * rounding noise of a constant series. Series with a small but real spread keep a finite ratio.
 */
import assert from "node:assert/strict";
import { describe, it, test } from "node:test";
import {
  articleSharpeRatio,
  correctedSharpeRatio,
  informationRatio,
  isNumericallyZeroDeviation,
  mean,
  sampleStd,
  sharpeRatio,
  ZERO_DEVIATION_REL_TOL,
} from "../../lib/backtest";
import { summaryComparison, summaryTable } from "../../lib/backtest/summary";

const constant = (v: number, n: number) => Array.from({ length: n }, () => v);

describe("Sharpe ratio of a (numerically) constant series", () => {
  it("is NaN although floating-point summation leaves an sd of about 1e-16", () => {
    for (const v of [0.1, 0.3, 0.07, 1.7, -2.3, 123.456]) {
      const r = constant(v, 66);
      const sd = sampleStd(r);
      // the premise: the naive ratio would be enormous, because sd is rounding noise, not 0
      assert.ok(sd > 0, `sd of constant ${v} is exactly 0 here; the test needs a non-zero noise sd`);
      assert.ok(Math.abs(mean(r) / sd) > 1e12, `naive ratio for ${v}`);
      assert.ok(Number.isNaN(sharpeRatio(r)), `sharpeRatio(constant ${v})`);
      assert.ok(Number.isNaN(articleSharpeRatio(r)), `articleSharpeRatio(constant ${v})`);
      assert.ok(Number.isNaN(correctedSharpeRatio(r)), `correctedSharpeRatio(constant ${v})`);
    }
    assert.ok(Number.isNaN(sharpeRatio([0, 0, 0])), "exactly zero deviation");
    assert.ok(Number.isNaN(sharpeRatio(constant(0.5, 12), { riskFree: 0.5 })), "excess returns all 0");
  });

  it("stays finite for a small but real spread", () => {
    const r = constant(0.1, 66).map((x, i) => (i % 2 === 0 ? x : x + 1e-6));
    const sr = sharpeRatio(r);
    assert.ok(Number.isFinite(sr));
    assert.ok(sr > 1e4 && sr < 1e7, `sr = ${sr}`);
    assert.ok(Number.isFinite(sharpeRatio([1, 2, 3])));
  });

  it("uses sd ≤ 1e-12 · max(1, |mean|) as the boundary", () => {
    assert.equal(ZERO_DEVIATION_REL_TOL, 1e-12);
    assert.ok(isNumericallyZeroDeviation(0, 0));
    assert.ok(isNumericallyZeroDeviation(1e-12, 0.5), "floor of 1 for small means");
    assert.ok(!isNumericallyZeroDeviation(2e-12, 0.5));
    assert.ok(isNumericallyZeroDeviation(1e-10, 100), "relative to |mean| for large means");
    assert.ok(!isNumericallyZeroDeviation(1e-9, 100));
    assert.ok(isNumericallyZeroDeviation(1e-10, -100), "uses the magnitude of the mean");
  });

  it("gives NaN in the summary table (summary.csv) instead of ~1e16", () => {
    const series = { flat: constant(0.1, 66), moving: [1, -1, 2, 0.5, -0.25, 3] };
    const rows = summaryTable(series);
    const flat = rows.find((r) => r.strategy === "flat")!;
    assert.ok(Number.isNaN(flat.sharp_ratio), `flat sharp_ratio = ${flat.sharp_ratio}`);
    assert.ok(Math.abs(flat.cum_return - 6.6) < 1e-9, "the cumulative return is still computed");
    assert.ok(Number.isFinite(rows.find((r) => r.strategy === "moving")!.sharp_ratio));
    const both = summaryComparison(series).find((r) => r.strategy === "flat")!;
    assert.ok(Number.isNaN(both.sharp_ratio) && Number.isNaN(both.sharp_ratio_corrected));
  });
});

test("information ratio of a constant active return with rounding noise is NaN, not ~1e16", () => {
  const b = [1.1, -0.7, 2.3, 0.4, -1.9, 0.8];
  const r = b.map((x) => x + 0.1); // active return 0.1 up to rounding in each month
  assert.ok(Number.isNaN(informationRatio(r, b)));
  assert.ok(
    Number.isFinite(
      informationRatio(
        r.map((x, i) => x + (i % 2 ? 0.05 : -0.05)),
        b,
      ),
    ),
  );
});
