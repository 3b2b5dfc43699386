/**
 * lib/statistics/risk-models.ts against independent references: np.cov / np.corrcoef (numpy 1.24,
 * /usr/bin/python3) for the sample matrices, the numpy port of Ledoit & Wolf's covCor.m
 * (test/fixtures/allocation/shrinkage.json, test/reference/estimates_shrinkage.py) for the
 * shrinkage intensity, and hand / numpy computations for the constant-correlation covariance
 * (pairwise-complete months, np.std(ddof=1), np.median fallback) and the EWMA recursion.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import * as aila from "../../lib/aila";
import * as allocation from "../../lib/allocation";
import {
  constantCorrelationCovariance,
  correlationFromCovariance,
  correlationMatrix,
  covarianceFromCorrelation,
  covarianceMatrix,
  ewmaVolatility,
  ledoitWolfConstantCorrelation,
} from "../../lib/statistics";

const close = (a: number, b: number, tol = 1e-13) =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b} (tol ${tol})`);
const closeMatrix = (a: number[][], b: number[][], tol = 1e-13) => {
  assert.equal(a.length, b.length);
  a.forEach((row, i) => {
    row.forEach((v, j) => {
      close(v, b[i][j], tol);
    });
  });
};

const S = [
  [1.0, 2.0, 0.5, -1.0, 3.0],
  [0.5, 1.5, 0.0, -0.5, 2.0],
  [2.0, -1.0, 1.0, 0.0, 0.5],
];

test("covarianceMatrix / correlationMatrix equal np.cov / np.corrcoef (ddof 1, one series per row)", () => {
  closeMatrix(covarianceMatrix(S), [
    [2.3000000000000003, 1.5374999999999999, -0.1875],
    [1.5374999999999999, 1.075, -0.3125],
    [-0.1875, -0.3125, 1.25],
  ]);
  const c = correlationMatrix(S);
  closeMatrix(c, [
    [1.0, 0.9777931136514234, -0.11058146711617284],
    [0.9777931136514234, 1.0, -0.269581933008596],
    [-0.11058146711617284, -0.26958193300859606, 1.0],
  ]);
  for (let i = 0; i < 3; i++) assert.equal(c[i][i], 1);
  // D R D and back
  const vols = covarianceMatrix(S).map((r, i) => Math.sqrt(r[i]));
  closeMatrix(covarianceFromCorrelation(vols, c), covarianceMatrix(S), 1e-12);
  closeMatrix(correlationFromCovariance(covarianceMatrix(S)), c, 1e-12);
  assert.throws(() => correlationMatrix([S[0], [1, 1, 1, 1, 1]]), /series 1 is constant/);
  assert.throws(() => covarianceMatrix([[1]]), /at least 2 observations/);
});

test("ledoitWolfConstantCorrelation matches the numpy port of covCor.m", () => {
  const fixture = JSON.parse(
    readFileSync(join(__dirname, "..", "fixtures", "allocation", "shrinkage.json"), "utf8"),
  ) as { cases: { name: string; series: number[][]; intensity: number; averageCorrelation: number; kappa: number }[] };
  assert.ok(fixture.cases.length > 0);
  for (const c of fixture.cases) {
    const lw = ledoitWolfConstantCorrelation(c.series);
    close(lw.intensity, c.intensity, 1e-12);
    close(lw.averageCorrelation, c.averageCorrelation, 1e-14);
    close(lw.kappa, c.kappa, 1e-9);
  }
});

test("constantCorrelationCovariance: pairwise-complete months, ddof-1 volatilities, median fallback", () => {
  // A every month, B missing in month 0, C only in months 3–4 (2 < minObservations = 3).
  const A = [1.0, 2.0, -1.0, 0.5, 1.5];
  const B = [Number.NaN, 1.0, -0.5, 1.0, 2.0];
  const C = [Number.NaN, Number.NaN, Number.NaN, 3.0, -3.0];
  const window = A.map((_, t) => {
    const m = new Map<string, number>();
    for (const [k, s] of [
      ["A", A],
      ["B", B],
      ["C", C],
    ] as const)
      if (!Number.isNaN(s[t])) m.set(k, s[t]);
    return m;
  });
  const r = constantCorrelationCovariance(["A", "B", "C"], window, 3);
  close(r.volatility[0], 1.151086443322134); // np.std(A, ddof=1)
  close(r.volatility[1], 1.0307764064044151); // np.nanstd(B, ddof=1)
  close(r.volatility[2], 1.0909314248632747); // np.median of the two known ones
  close(r.correlation, 0.8250286473253902); // np.corrcoef(A[1:], B[1:]); pairs with C have < 3 months
  const v = r.volatility;
  closeMatrix(
    r.covariance,
    v.map((vi, i) => v.map((vj, j) => (i === j ? vi * vi : 0.8250286473253902 * vi * vj))),
  );
  // no usable history at all: volatility 1, correlation 0
  const empty = constantCorrelationCovariance(["A", "B"], [new Map(), new Map()], 3);
  assert.deepEqual(empty.volatility, [1, 1]);
  assert.equal(empty.correlation, 0);
});

test("ewmaVolatility: RiskMetrics recursion seeded with the mean of the first L squares; NaN skipped", () => {
  // L = 3, λ = 0.5; observed returns 0.01, −0.02, 0.015 | 0.005, −0.01 (numpy loop)
  const v = ewmaVolatility([0.01, -0.02, Number.NaN, 0.015, 0.005, -0.01], { lookback: 3 });
  assert.ok(Number.isNaN(v[0]) && Number.isNaN(v[1]) && Number.isNaN(v[2]));
  close(v[3], 0.2467792535850613);
  close(v[4], 0.1833030277982336);
  close(v[5], 0.17146428199482247);
  assert.throws(() => ewmaVolatility([0.01], { lookback: 0 }), /lookback must be an integer ≥ 1/);
});

test("the moved estimators are still reachable where they were (allocation.*, aila.*)", () => {
  assert.equal(allocation.covarianceMatrix, covarianceMatrix);
  assert.equal(allocation.correlationMatrix, correlationMatrix);
  assert.equal(allocation.covarianceFromCorrelation, covarianceFromCorrelation);
  assert.equal(allocation.correlationFromCovariance, correlationFromCovariance);
  assert.equal(allocation.ledoitWolfConstantCorrelation, ledoitWolfConstantCorrelation);
  assert.equal(allocation.constantCorrelationCovariance, constantCorrelationCovariance);
  assert.equal(aila.ewmaVolatility, ewmaVolatility);
});
