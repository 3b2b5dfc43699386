/**
 * Tracker issue 19, "Lib API accepts nonsense silently": each public function below used to turn
 * nonsense into a silent NaN, a clipped 0 or a plausible-looking number. Now each gives a one-line
 * `ArgumentError` (lib/validation.ts) naming the argument, the index and the value — or a
 * documented result — and valid input gives exactly what it gave before.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fitConstrainedWeights } from "../../lib/aila/constrained-weights";
import { readDailySample } from "../../lib/aila/daily-data";
import { indexLevel } from "../../lib/aila/index-level";
import { portfolioSummary } from "../../lib/allocation/mean-variance";
import { riskParity } from "../../lib/allocation/risk-parity";
import { isNumericallyZeroDeviation, mean, sampleStd, sharpeRatio, sharpeRatioDetail } from "../../lib/backtest";
import { clippedZScores, normalizeFactors, standardize } from "../../lib/factors/normalize";
import { DEFAULT_BOOSTER_PARAMS, trainBooster } from "../../lib/model/booster-exact";
import type { EngineName } from "../../lib/model/classifier";
import { expandingWindow } from "../../lib/model/expanding-window";
import { FLOAT32_MAX } from "../../lib/model/input";
import { LabelEncoder } from "../../lib/model/label-encoder";
import { createClassifier } from "../../lib/model/ml-xgboost-engine";
import { balancedSampleWeights } from "../../lib/model/sample-weights";
import { StandardScaler } from "../../lib/model/standard-scaler";
import { dailySampleCsv, generateDailySample } from "../../lib/sample/daily-sample";
import {
  ArgumentError,
  checkFiniteArray,
  checkIsoDate,
  checkLength,
  checkMatrix,
  checkNonNegative,
  checkRange,
  checkSymmetricPsd,
  NotFittedError,
} from "../../lib/validation";

/** Asserts that `fn` throws an ArgumentError whose message is exactly `message` (string) or matches it (RegExp), with the given fields. */
function throwsArg(
  fn: () => unknown,
  message: string | RegExp,
  fields: { argument?: string; index?: number | [number, number]; value?: unknown } = {},
): ArgumentError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof ArgumentError, `expected an ArgumentError, got ${String(caught)}`);
  const e = caught as ArgumentError;
  if (typeof message === "string") assert.equal(e.message, message);
  else assert.match(e.message, message);
  assert.ok(!e.message.includes("\n"), "one line");
  if ("argument" in fields) assert.equal(e.argument, fields.argument);
  if ("index" in fields) assert.deepEqual(e.index, fields.index);
  if ("value" in fields)
    assert.ok(Object.is(e.value, fields.value), `value ${String(e.value)} vs ${String(fields.value)}`);
  return e;
}

describe("lib/validation checkers", () => {
  it("ArgumentError: <where>: <argument>[<index>] <problem>; <hint>, with the parts as fields", () => {
    const e = new ArgumentError({ where: "f", argument: "x", index: [1, 2], value: 3, problem: "is 3", hint: "use 4" });
    assert.equal(e.message, "f: x[1][2] is 3; use 4");
    assert.equal(e.name, "ArgumentError");
    assert.ok(e instanceof Error);
    assert.deepEqual([e.where, e.argument, e.index, e.value, e.hint], ["f", "x", [1, 2], 3, "use 4"]);
    const nf = new NotFittedError("XGBClassifier.predict");
    assert.equal(nf.message, "XGBClassifier.predict: the model is not fitted yet (call fit first)");
    assert.ok(nf instanceof Error && nf.name === "NotFittedError");
  });

  it("checkLength / checkFiniteArray name the first missing, extra or non-finite entry", () => {
    throwsArg(
      () => checkLength("sector", new Array(29).fill(0), 30, { where: "g", lengthOf: "wU" }),
      "g: sector[29] is missing: sector has 29 entries, wU has 30",
      { argument: "sector", index: 29 },
    );
    throwsArg(() => checkLength("s", [1, 2, 3], 2), "s[2] is extra: s has 3 entries, expected 2", { index: 2 });
    throwsArg(
      () => checkFiniteArray("v", [1, Number.NaN, Number.POSITIVE_INFINITY]),
      "v[1] is NaN, expected a finite number",
      {
        index: 1,
      },
    );
    throwsArg(
      () => checkFiniteArray("v", Float64Array.of(0, -Infinity), { where: "h" }),
      "h: v[1] is -Infinity, expected a finite number",
    );
    throwsArg(() => checkFiniteArray("v", "abc" as unknown as number[]), 'v must be an array of numbers, got "abc"');
    throwsArg(() => checkFiniteArray("v", [1, 2], { length: 3 }), "v[2] is missing: v has 2 entries, expected 3");
    assert.deepEqual(checkFiniteArray("v", [1, 2], { length: 2 }), [1, 2]);
  });

  it("checkMatrix names [row][column]; checkRange / checkNonNegative state the interval", () => {
    throwsArg(() => checkMatrix("m", [[1, 2], [3]]), "m[1] has 1 columns, expected 2", { index: 1 });
    throwsArg(
      () =>
        checkMatrix("m", [
          [1, 2],
          [3, Number.NaN],
        ]),
      "m[1][1] is NaN, expected a finite number",
      { index: [1, 1] },
    );
    throwsArg(
      () => checkMatrix("m", [[1, 2]], { square: true }),
      /m\[0\] has 2 columns, expected 1 \(a square 1×1 matrix\)/,
    );
    throwsArg(() => checkMatrix("m", [], {}), "m has no rows");
    throwsArg(() => checkRange("p", 1.5, { min: 0, max: 1 }), "p is 1.5, expected a number in [0, 1]", { value: 1.5 });
    throwsArg(() => checkRange("k", 2.5, { min: 0, integer: true }), "k is 2.5, expected an integer in [0, ∞)");
    throwsArg(() => checkRange("t", 0, { min: 0, minExclusive: true }), "t is 0, expected a number in (0, ∞)");
    throwsArg(() => checkRange("t", Number.NaN, {}), "t is NaN, expected a number in (-∞, ∞)");
    assert.equal(checkRange("t", 1, { min: 0, max: 1 }), 1);
    throwsArg(() => checkNonNegative("caps", [0, 1, -0.1]), "caps[2] is -0.1, expected a number ≥ 0", { index: 2 });
    throwsArg(
      () => checkNonNegative("c", Number.POSITIVE_INFINITY, { finite: true }),
      "c is Infinity, expected a finite number ≥ 0",
    );
    assert.equal(checkNonNegative("c", Number.POSITIVE_INFINITY), Number.POSITIVE_INFINITY);
  });

  it("checkIsoDate: strict YYYY-MM-DD and a real calendar day", () => {
    for (const bad of [
      "2024-12-31x",
      "2005/01/04",
      "2023-02-29",
      "2024-13-01",
      "2024-1-05",
      " 2024-01-05",
      "20240105",
      "",
    ])
      throwsArg(
        () => checkIsoDate("start", bad, { where: "f" }),
        `f: start ${JSON.stringify(bad)} is not a date (expected YYYY-MM-DD)`,
        {
          value: bad,
        },
      );
    throwsArg(() => checkIsoDate("d", 20240105), "d 20240105 is not a date (expected YYYY-MM-DD)");
    for (const ok of ["2024-02-29", "2000-02-29", "1999-12-31"]) assert.equal(checkIsoDate("d", ok), ok);
    throwsArg(() => checkIsoDate("d", "1900-02-29"), /not a date/); // 1900 is not a leap year
  });

  it("checkSymmetricPsd: symmetric within 1e-10 relative, λ_min ≥ −1e-10·max|diag|, with a hint", () => {
    const e = throwsArg(
      () =>
        checkSymmetricPsd(
          "cov",
          [
            [1, 2],
            [2, 1],
          ],
          { where: "f" },
        ),
      /^f: cov is not positive semi-definite: smallest eigenvalue -(1|0\.9999999\d*) < -1e-10·max\|diag\| = -1e-10; estimate the covariance from at least 3 joint observations \(not pairwise\) or shrink it/,
      { argument: "cov" },
    );
    assert.ok(Math.abs((e.value as number) + 1) < 1e-12);
    throwsArg(
      () =>
        checkSymmetricPsd("cov", [
          [1, 0.5],
          [0.2, 1],
        ]),
      "cov[0][1] is 0.5 but cov[1][0] is 0.2: not symmetric (relative tolerance 1e-10)",
      { index: [0, 1] },
    );
    throwsArg(
      () =>
        checkSymmetricPsd("cov", [
          [1, 0],
          [0, -0.01],
        ]),
      "cov[1][1] is -0.01, a negative variance",
    );
    // rounding-level asymmetry is symmetrised
    const r = checkSymmetricPsd("cov", [
      [1, 0.3 + 1e-17],
      [0.3, 1],
    ]);
    assert.equal(r.matrix[0][1], r.matrix[1][0]);
  });

  it("property: a sample covariance of fewer observations than assets (singular, PSD up to rounding) passes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 7 }),
        fc.integer({ min: 2, max: 8 }),
        fc.array(fc.double({ min: -0.2, max: 0.2, noNaN: true }), { minLength: 56, maxLength: 56 }),
        (n, T, pool) => {
          const obs = Array.from({ length: T }, (_, t) =>
            Array.from({ length: n }, (_, i) => pool[(t * n + i) % 56] + 0.01 * i),
          );
          const mu = Array.from({ length: n }, (_, i) => obs.reduce((a, o) => a + o[i], 0) / T);
          const cov = Array.from({ length: n }, (_, i) =>
            Array.from({ length: n }, (_, j) => obs.reduce((a, o) => a + (o[i] - mu[i]) * (o[j] - mu[j]), 0) / (T - 1)),
          );
          const r = checkSymmetricPsd("cov", cov);
          assert.ok(r.minEigenvalue >= -1e-10 * Math.max(...cov.map((row, i) => row[i])));
          const s = portfolioSummary(
            Array.from({ length: n }, () => 1 / n),
            mu,
            cov,
          );
          assert.ok(s.risk >= 0 && Number.isFinite(s.risk));
        },
      ),
      { numRuns: 100, seed: 19 },
    );
  });
});

describe("case 1: fitConstrainedWeights", () => {
  const wU = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? -1 : 1) * (0.01 + 0.001 * i));
  const caps = new Array<number>(30).fill(0.05);
  const sector = Array.from({ length: 30 }, (_, i) => i % 4);

  it("a sector or Sharpe array shorter or longer than wU is an ArgumentError naming the first bad index", () => {
    throwsArg(
      () =>
        fitConstrainedWeights({ wU, assetCaps: caps, sector: sector.slice(0, 29), sectorCaps: [0.3, 0.3, 0.3, 0.3] }),
      "fitConstrainedWeights: sector[29] is missing: sector has 29 entries, wU has 30",
      { argument: "sector", index: 29, value: 29 },
    );
    throwsArg(
      () => fitConstrainedWeights({ wU, assetCaps: caps, sector: [...sector, 0], sectorCaps: [0.3, 0.3, 0.3, 0.3] }),
      "fitConstrainedWeights: sector[30] is extra: sector has 31 entries, wU has 30",
      { argument: "sector", index: 30 },
    );
    const sharpe = new Array<number>(30).fill(0.5);
    throwsArg(
      () => fitConstrainedWeights({ wU, assetCaps: caps, sharpe: sharpe.slice(1), sharpeFloor: 0.1 }),
      "fitConstrainedWeights: sharpe[29] is missing: sharpe has 29 entries, wU has 30",
      { argument: "sharpe" },
    );
    throwsArg(
      () => fitConstrainedWeights({ wU, assetCaps: caps, sharpe: [...sharpe, 1, 1] }),
      "fitConstrainedWeights: sharpe[30] is extra: sharpe has 32 entries, wU has 30",
    );
    throwsArg(
      () => fitConstrainedWeights({ wU, assetCaps: caps.slice(2) }),
      "fitConstrainedWeights: assetCaps[28] is missing: assetCaps has 28 entries, wU has 30",
    );
    const bad = [...sector];
    bad[7] = 1.5;
    throwsArg(
      () => fitConstrainedWeights({ wU, assetCaps: caps, sector: bad, sectorCaps: [1, 1, 1, 1] }),
      "fitConstrainedWeights: sector[7] is 1.5, expected an integer in [-1, ∞)",
      { index: 7, value: 1.5 },
    );
  });

  it("a negative or NaN maxAllocation is an error; 0 and Infinity are allowed", () => {
    throwsArg(
      () => fitConstrainedWeights({ wU, assetCaps: caps, maxAllocation: -0.5 }),
      "fitConstrainedWeights: maxAllocation is -0.5, expected a number in [0, ∞)",
      { argument: "maxAllocation", value: -0.5 },
    );
    throwsArg(() => fitConstrainedWeights({ wU, assetCaps: caps, maxAllocation: Number.NaN }), /maxAllocation is NaN/);
    assert.equal(fitConstrainedWeights({ wU, assetCaps: caps, maxAllocation: 0 }).sum, 0);
    const free = fitConstrainedWeights({ wU, assetCaps: caps });
    assert.deepEqual(fitConstrainedWeights({ wU, assetCaps: caps, maxAllocation: Number.POSITIVE_INFINITY }), free);
  });

  it("non-finite wU, and wU so large that the fit would overflow (1e200), name wU, the index and the value", () => {
    const inf = [...wU];
    inf[2] = Number.POSITIVE_INFINITY;
    throwsArg(
      () => fitConstrainedWeights({ wU: inf, assetCaps: caps }),
      "fitConstrainedWeights: wU of asset #2 is Infinity",
      {
        argument: "wU",
        index: 2,
      },
    );
    // 1e200 used to give Infinity weights, a NaN angle and status "fit"
    throwsArg(
      () => fitConstrainedWeights({ wU: [0.5, 1e200, 0.2], assetCaps: [1, 1, 1], names: ["A", "B", "C"] }),
      "fitConstrainedWeights: wU[1] is 1e+200 (asset B), beyond ±1e+100; wU are weights as fractions of the index value; values this large overflow the fit",
      { argument: "wU", index: 1, value: 1e200 },
    );
    throwsArg(
      () => fitConstrainedWeights({ wU: [0.5, -1e101, 0.2], assetCaps: [1, 1, 1] }),
      /wU\[1\] is -1e\+101 \(asset #1\)/,
    );
  });

  it("property: at any scale up to 1e100 every weight and the angle are finite, signs kept, caps met", () => {
    // (before the power-of-two rescaling in the fit, weights of ~1e-20 broke their caps by up to 76 %
    // with status "fit"/"scaled": quadprog's tolerances are absolute)
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 3, maxLength: 12 }),
        fc.integer({ min: -280, max: 100 }),
        fc.double({ min: 0.01, max: 2, noNaN: true }),
        (x, e, cap) => {
          const s = 10 ** e;
          const w = x.map((v) => v * s);
          const caps = w.map(() => cap * s);
          const r = fitConstrainedWeights({ wU: w, assetCaps: caps });
          assert.ok(
            Number.isFinite(r.angle) && Number.isFinite(r.sum),
            `angle ${r.angle}, sum ${r.sum} at scale 1e${e}`,
          );
          for (let i = 0; i < w.length; i++) {
            assert.ok(Number.isFinite(r.weights[i]));
            assert.ok(r.weights[i] === 0 || Math.sign(r.weights[i]) === Math.sign(w[i]));
            assert.ok(Math.abs(r.weights[i]) <= caps[i] * (1 + 1e-9), `cap ${i} at scale 1e${e}`);
          }
        },
      ),
      { numRuns: 200, seed: 19 },
    );
  });
});

describe("case 2: indexLevel", () => {
  const prices = [Float64Array.of(100, 101, 102), Float64Array.of(50, 51, 52)];
  const fx = [Float64Array.of(1, 1, 1), Float64Array.of(1, 1, 1)];
  const dates = ["2024-01-02", "2024-01-03", "2024-01-04"];
  const names = ["A", "B"];

  it("a weight row shorter or longer than the asset list names the row (date) and column", () => {
    const short = [Float64Array.of(0.5, 0.5), Float64Array.of(0.5), Float64Array.of(0.5, 0.5)];
    throwsArg(
      () => indexLevel(short, prices, fx, 100, names, dates),
      "indexLevel: actual[1][1] (row 1, 2024-01-03, asset B) is missing: the row has 1 weights, prices has 2 assets",
      { argument: "actual", index: [1, 1] },
    );
    const long = [Float64Array.of(0.5, 0.5), Float64Array.of(0.5, 0.5), Float64Array.of(0.5, 0.5, 0.1)];
    throwsArg(
      () => indexLevel(long, prices, fx, 100),
      "indexLevel: actual[2][2] (row 2, asset #2) is extra: the row has 3 weights, prices has 2 assets",
    );
  });

  it("an Infinity or NaN weight names the row (date), the column and the value", () => {
    const inf = [Float64Array.of(0.5, 0.5), Float64Array.of(Number.POSITIVE_INFINITY, 0.5), Float64Array.of(0.5, 0.5)];
    throwsArg(
      () => indexLevel(inf, prices, fx, 100, names, dates),
      "indexLevel: actual[1][0] (row 1, 2024-01-03, asset A) is Infinity, expected a finite weight (fraction of the index value)",
      { index: [1, 0], value: Number.POSITIVE_INFINITY },
    );
    const nan = [Float64Array.of(0.5, Number.NaN), Float64Array.of(0.5, 0.5), Float64Array.of(0.5, 0.5)];
    throwsArg(
      () => indexLevel(nan, prices, fx, 100, names, dates),
      /^indexLevel: actual\[0\]\[1\] \(row 0, 2024-01-02, asset B\) is NaN/,
    );
    throwsArg(
      () => indexLevel(nan, prices, fx.slice(1), 100),
      "indexLevel: fx[1] is missing: fx has 1 entries, prices has 2",
    );
  });

  it("valid input: dates change nothing but the messages", () => {
    const w = [Float64Array.of(0.5, 0.5), Float64Array.of(0.6, 0.4), Float64Array.of(0.5, 0.5)];
    assert.deepEqual(indexLevel(w, prices, fx, 100, names, dates), indexLevel(w, prices, fx, 100));
  });
});

describe("case 3: portfolioSummary and riskParity reject an indefinite or asymmetric covariance", () => {
  const indefinite = [
    [0.04, 0.05, 0],
    [0.05, 0.04, 0],
    [0, 0, 0.01],
  ];
  const asymmetric = [
    [0.04, 0.01],
    [0.02, 0.01],
  ];

  it("portfolioSummary: wᵀΣw < 0 used to be clipped to risk 0; now the smallest eigenvalue and a hint", () => {
    const e = throwsArg(
      () => portfolioSummary([0.5, -0.5, 1], [0.1, 0.05, 0.02], indefinite),
      /^portfolioSummary: cov is not positive semi-definite: smallest eigenvalue -0\.0[01]\d* < -1e-10·max\|diag\| = -4e-12; estimate the covariance from at least 4 joint observations \(not pairwise\) or shrink it \(e\.g\. Ledoit–Wolf\)$/,
      { argument: "cov" },
    );
    assert.ok(Math.abs((e.value as number) + 0.01) < 1e-15, `λ_min ${e.value}`);
    throwsArg(
      () => portfolioSummary([0.5, 0.5], [0.1, 0.05], asymmetric),
      "portfolioSummary: cov[0][1] is 0.01 but cov[1][0] is 0.02: not symmetric (relative tolerance 1e-10)",
      { index: [0, 1] },
    );
  });

  it("riskParity: the same checks", () => {
    throwsArg(
      () => riskParity(indefinite),
      /^riskParity: cov is not positive semi-definite: smallest eigenvalue -0\.0/,
    );
    throwsArg(
      () => riskParity(asymmetric),
      /^riskParity: cov\[0\]\[1\] is 0\.01 but cov\[1\]\[0\] is 0\.02: not symmetric/,
    );
  });

  it("a valid covariance gives the same numbers as before", () => {
    const cov = [
      [0.04, 0.006],
      [0.006, 0.01],
    ];
    const s = portfolioSummary([0.5, 0.5], [0.08, 0.04], cov, 0.01);
    const v = 0.25 * 0.04 + 2 * 0.25 * 0.006 + 0.25 * 0.01;
    assert.equal(s.risk, Math.sqrt(v));
    const rp = riskParity(cov);
    assert.ok(Math.abs(rp.riskShares[0] - 0.5) < 1e-12);
  });
});

describe("case 4: booster input", () => {
  const X = [
    [0.1, 1.0],
    [0.4, 0.2],
    [0.9, 0.5],
    [0.3, 0.8],
    [0.7, 0.1],
    [0.2, 0.6],
  ];
  const y = [0, 1, 2, 0, 1, 2];

  for (const engine of ["exact", "ml-xgboost"] as EngineName[])
    it(`a feature beyond the float32 range (1e39) names row and column (${engine})`, () => {
      const bad = X.map((r) => [...r]);
      bad[2][1] = 1e39;
      throwsArg(
        () => createClassifier({ engine, nEstimators: 2 }).fit(bad, y),
        /^(XGBClassifier|MlXgboostClassifier)\.fit: X\[2\]\[1\] is 1e\+39, outside the float32 range ±3\.4028234663852886e\+38 in which XGBoost stores features; rescale the feature/,
        { argument: "X", index: [2, 1], value: 1e39 },
      );
      bad[2][1] = 0.5;
      bad[4][0] = -1e39;
      throwsArg(() => createClassifier({ engine, nEstimators: 2 }).fit(bad, y), /X\[4\]\[0\] is -1e\+39/, {
        index: [4, 0],
      });
    });

  it("predict checks the same; FLOAT32_MAX itself is accepted; the float64 StandardScaler accepts 1e39", () => {
    const m = createClassifier({ engine: "exact", nEstimators: 2 }).fit(X, y);
    throwsArg(
      () => m.predict([[1e39, 0]]),
      /^XGBClassifier\.predict: X\[0\]\[0\] is 1e\+39, outside the float32 range/,
    );
    assert.equal(FLOAT32_MAX, 3.4028234663852886e38);
    assert.equal(Math.fround(FLOAT32_MAX), FLOAT32_MAX);
    assert.equal(m.predict([[FLOAT32_MAX, -FLOAT32_MAX]]).length, 1);
    const z = new StandardScaler().fitTransform([[1e39], [0], [-1e39]]);
    assert.deepEqual(
      z.map((r) => r[0]),
      [Math.sqrt(1.5), 0, -Math.sqrt(1.5)],
    );
  });

  it("trainBooster on a float32 matrix with ±Infinity names row and column", () => {
    const x = Float32Array.of(0.1, 0.2, Number.POSITIVE_INFINITY, 0.4);
    throwsArg(
      () =>
        trainBooster(
          { x, nRows: 2, nCols: 2, labels: Float64Array.of(0, 1), weights: null },
          { ...DEFAULT_BOOSTER_PARAMS, objective: "binary:logistic", numClass: 2, nEstimators: 1 },
        ),
      "trainBooster: x[1][0] is Infinity (row 1, column 0): outside the float32 range; use NaN for a missing value",
      { index: [1, 0] },
    );
  });

  it("NotFittedError before fit, same message as before", () => {
    assert.throws(
      () => createClassifier({ engine: "exact" }).predict(X),
      (e: unknown) => {
        assert.ok(e instanceof NotFittedError);
        assert.equal(e.message, "XGBClassifier.predictProba: the model is not fitted yet (call fit first)");
        return true;
      },
    );
    assert.throws(() => new StandardScaler().params, NotFittedError);
    assert.throws(() => new LabelEncoder().transform(["a"]), /LabelEncoder: not fitted yet/);
  });
});

describe("case 4: expanding window, a class first seen in the test months", () => {
  // 30 month ends 2017-01..2019-06; split 2019-01-01 → 24 training rows
  const dates = Array.from({ length: 30 }, (_, k) => {
    const y = 2017 + Math.floor(k / 12);
    const m = (k % 12) + 1;
    const d = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  });
  const X = dates.map((_, k) => [Math.sin(k * 1.7), Math.cos(k * 0.9) + 0.1 * k]);
  const classifier = { nEstimators: 4, maxDepth: 2 };

  it("every probability row has one entry per class (the result's classes); unseen classes get 0", () => {
    // training rows: classes 0 and 1 only; class 2 first appears at test month 2 (2019-02-28)
    const y = dates.map((_, k) => (k < 24 ? k % 2 : [0, 2, 1, 2, 0, 2][k - 24]));
    const r = expandingWindow({ dates, X, y, classifier });
    assert.deepEqual(r.classes, [0, 1, 2]);
    assert.equal(r.probabilities.length, 6);
    for (const [t, p] of r.probabilities.entries()) {
      assert.equal(p.length, 3, `row ${t} (${r.dates[t]}) has ${p.length} entries`);
      assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-6, `row ${t} sums to 1`);
      assert.equal(r.predictions[t], p.indexOf(Math.max(...p)));
    }
    // months 0 and 1 are predicted by models that never saw class 2
    assert.equal(r.probabilities[0][2], 0);
    assert.equal(r.probabilities[1][2], 0);
    // from month 2 on, the model was refitted with the class-2 month in its training rows
    for (let t = 2; t < 6; t++) assert.ok(r.probabilities[t][2] > 0, `row ${t}: p(class 2) = ${r.probabilities[t][2]}`);
  });

  it("a gap class (training has 0 and 2, not 1) is encoded for the fit and placed back in its column", () => {
    const y = dates.map((_, k) => (k < 24 ? (k % 2) * 2 : [1, 0, 2, 1, 0, 2][k - 24]));
    const r = expandingWindow({ dates, X, y, classifier });
    assert.deepEqual(r.classes, [0, 1, 2]);
    assert.equal(r.probabilities[0][1], 0);
    assert.ok(r.probabilities[0][0] > 0 && r.probabilities[0][2] > 0);
    assert.ok(r.probabilities[1][1] > 0);
    assert.ok(r.probabilities.every((p) => p.length === 3));
  });

  it("when every class is in the training rows the first month equals a plain fit (behaviour unchanged)", () => {
    const y = dates.map((_, k) => k % 3);
    const r = expandingWindow({ dates, X, y, classifier });
    const scaler = new StandardScaler().fit(X.slice(0, 24));
    const trainY = y.slice(0, 24);
    const m = createClassifier({ ...classifier, engine: "exact" }).fit(scaler.transform(X.slice(0, 24)), trainY, {
      sampleWeight: balancedSampleWeights(trainY),
    });
    assert.deepEqual(r.probabilities[0], m.predictProba(scaler.transform([X[24]]))[0]);
  });

  it("a label that is not a class index is an ArgumentError naming the row", () => {
    const y = dates.map((_, k) => k % 2);
    y[5] = 1.5;
    throwsArg(
      () => expandingWindow({ dates, X, y, classifier }),
      "expandingWindow: y[5] is 1.5, expected an integer in [0, ∞)",
      {
        index: 5,
      },
    );
  });
});

describe("case 5: z-scores of a column with Infinity", () => {
  it("used to return all NaN with converged: true; now an ArgumentError naming the index and value", () => {
    throwsArg(
      () => clippedZScores([1, 2, Number.POSITIVE_INFINITY, 4]),
      "clippedZScores: x[2] is Infinity; z-scores need finite values (NaN marks a missing one)",
      { argument: "x", index: 2, value: Number.POSITIVE_INFINITY },
    );
    throwsArg(() => standardize([Number.NaN, Number.NEGATIVE_INFINITY]), /^standardize: x\[1\] is -Infinity/);
    throwsArg(
      () => clippedZScores([1e200, -1e200, 3e200]),
      /^clippedZScores: x overflows: its mean \(.*\) or variance \(.*\) is not finite \(largest \|x\| = 3e\+200\)/,
    );
  });

  it("normalizeFactors names the row, its date and the column", () => {
    const rows = [
      { Date: "2020-01-31", roe: 1 },
      { Date: "2020-01-31", roe: 2 },
      { Date: "2020-02-29", roe: 3 },
      { Date: "2020-02-29", roe: Number.NEGATIVE_INFINITY },
    ];
    throwsArg(
      () => normalizeFactors(rows, ["roe"]),
      "normalizeFactors: rows[3] has roe = -Infinity (dated 2020-02-29); z-scores need finite values (NaN marks a missing one)",
      { argument: "rows", index: 3 },
    );
    throwsArg(
      () =>
        normalizeFactors(
          [
            { Date: "2020-01-31", roe: 1e200 },
            { Date: "2020-01-31", roe: 3e200 },
          ],
          ["roe"],
        ),
      /^normalizeFactors: column "roe" on 2020-01-31: x overflows/,
    );
  });

  it("property: finite input (NaN = missing) gives z within [-3, 3] and NaN exactly where missing", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(Number.NaN)), {
          minLength: 1,
          maxLength: 40,
        }),
        (x) => {
          const r = clippedZScores(x);
          for (let i = 0; i < x.length; i++) {
            assert.equal(Number.isNaN(r.z[i]), Number.isNaN(x[i]));
            if (!Number.isNaN(x[i])) assert.ok(Math.abs(r.z[i]) <= 3);
          }
        },
      ),
      { numRuns: 200, seed: 19 },
    );
  });
});

describe("case 6: Sharpe ratio at rounding level", () => {
  it("returns that differ by rounding only (cancelling against rf) give NaN with a reason, not ~6e9", () => {
    const ulp = 2 ** -33; // spacing of doubles near 1e6
    const r = Array.from({ length: 24 }, (_, i) => 1e6 + (i % 2 ? ulp : 0));
    const rf = 1e6 - 0.1;
    const excess = r.map((x) => x - rf);
    // the premise: mean/sd of the excess returns is an enormous, meaningless number
    assert.ok((mean(excess) / sampleStd(excess)) * Math.sqrt(12) > 1e9);
    const d = sharpeRatioDetail(r, { riskFree: rf });
    assert.ok(Number.isNaN(d.value));
    assert.ok(Number.isNaN(sharpeRatio(r, { riskFree: rf })));
    assert.match(
      d.reason ?? "",
      /^the excess returns are constant: their standard deviation 5\.9\d*e-11 is at rounding level/,
    );
    assert.match(d.reason ?? "", /1e-12·max\(1, \|mean\|, max\|r\|, \|rf\|\)/);
    assert.ok(Math.abs(d.threshold - 1e-6) < 1e-18);
    const flat = sharpeRatioDetail(new Array(12).fill(0.1));
    assert.ok(Number.isNaN(flat.value) && flat.reason !== undefined);
  });

  it("isNumericallyZeroDeviation keeps its two-argument behaviour; the scale raises the threshold", () => {
    assert.ok(!isNumericallyZeroDeviation(5e-11, 0.1));
    assert.ok(isNumericallyZeroDeviation(5e-11, 0.1, 1e6));
  });

  it("property: a series with a real spread gets exactly mean/sd·√P and no reason", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: 2, maxLength: 60 }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        (r, rf) => {
          const ex = r.map((x) => x - rf);
          const sd = sampleStd(ex);
          fc.pre(sd > 1e-6);
          const d = sharpeRatioDetail(r, { riskFree: rf, periodsPerYear: 252 });
          assert.equal(d.value, (mean(ex) / sd) * Math.sqrt(252));
          assert.equal(d.reason, undefined);
        },
      ),
      { numRuns: 200, seed: 19 },
    );
  });
});

describe("case 7: daily data dates", () => {
  function withDailyFolder(edit: (files: Record<string, string>) => void, check: (dir: string) => void) {
    const dir = mkdtempSync(join(tmpdir(), "daily-dates-"));
    try {
      const files = dailySampleCsv(generateDailySample({ start: "2024-12-20", end: "2025-01-10" }));
      edit(files);
      for (const [f, s] of Object.entries(files)) writeFileSync(join(dir, f), s);
      check(dir);
    } finally {
      rmSync(dir, { recursive: true });
    }
  }
  const lineOf = (csv: string, start: string) => csv.split("\n").findIndex((l) => l.startsWith(start));

  it('"2024-12-31x" is rejected as not a date on its own line (it used to be accepted)', () => {
    withDailyFolder(
      (f) => {
        assert.ok(lineOf(f["prices.csv"], "2024-12-31,") > 0, "the sample has 2024-12-31");
        f["prices.csv"] = f["prices.csv"].replace("\n2024-12-31,", "\n2024-12-31x,");
      },
      (dir) => {
        throwsArg(
          () => readDailySample(dir),
          /^prices\.csv line (\d+): date "2024-12-31x" is not a date \(expected YYYY-MM-DD\)$/,
          {
            argument: "date",
            value: "2024-12-31x",
          },
        );
      },
    );
  });

  it('"2005/01/04" is reported as not a date on its line, not as an ordering problem on the next one', () => {
    withDailyFolder(
      (f) => {
        const lines = f["prices.csv"].split("\n");
        lines[3] = lines[3].replace(/^[^,]+/, "2024/12/24");
        f["prices.csv"] = lines.join("\n");
      },
      (dir) => {
        throwsArg(
          () => readDailySample(dir),
          'prices.csv line 4: date "2024/12/24" is not a date (expected YYYY-MM-DD)',
        );
      },
    );
    withDailyFolder(
      (f) => {
        const lines = f["prices.csv"].split("\n");
        lines[2] = lines[2].replace(/^[^,]+/, "2005/01/04");
        f["prices.csv"] = lines.join("\n");
      },
      (dir) => {
        throwsArg(
          () => readDailySample(dir),
          'prices.csv line 3: date "2005/01/04" is not a date (expected YYYY-MM-DD)',
        );
      },
    );
  });

  it("expiries, holidays and fx dates are checked too; an out-of-order valid date is still an ordering error", () => {
    withDailyFolder(
      (f) => {
        f["contracts.csv"] = f["contracts.csv"].replace(/,(\d{4})-12-(\d{2})\n/, ",$1-13-$2\n");
      },
      (dir) => throwsArg(() => readDailySample(dir), /^contracts\.csv line \d+: expiry "\d{4}-13-\d{2}" is not a date/),
    );
    withDailyFolder(
      (f) => {
        const lines = f["holidays.csv"].split("\n");
        lines[1] = lines[1].replace(/,(\d{4}-\d{2}-\d{2}),/, ",$1 ,");
        f["holidays.csv"] = lines.join("\n");
      },
      (dir) => throwsArg(() => readDailySample(dir), /^holidays\.csv line 2: date "\d{4}-\d{2}-\d{2} " is not a date/),
    );
    withDailyFolder(
      (f) => {
        const lines = f["prices.csv"].split("\n");
        [lines[2], lines[3]] = [lines[3], lines[2]];
        f["prices.csv"] = lines.join("\n");
      },
      (dir) => assert.throws(() => readDailySample(dir), /^DataError: prices\.csv line 4: date \S+ is not after \S+$/),
    );
  });
});
