import assert from "node:assert/strict";
import { test } from "node:test";
import { type BoosterParams, DEFAULT_BOOSTER_PARAMS, trainBooster } from "../../lib/model/booster-exact";
import { createRng } from "../../lib/random";

// Candidate screening (booster-exact.ts, SCREEN_EPS) may only skip candidates that cannot win, so
// every tree must be the same with and without it, array by array and bit by bit. The cases vary
// what the bound depends on: sizes, ties, missing values, weights, λ (incl. below the 1e-6 cut-off),
// min_child_weight (incl. 0), γ, depth and the number of classes.
test("candidate screening changes no tree (200 random fits, screened vs every candidate exact)", () => {
  const rng = createRng(20261202);
  let splits = 0;
  for (let c = 0; c < 200; c++) {
    const n = 10 + Math.floor(rng.uniform() * 250);
    const p = 1 + Math.floor(rng.uniform() * 12);
    const k = rng.uniform() < 0.3 ? 2 : 3 + Math.floor(rng.uniform() * 4);
    const miss = rng.uniform() < 0.4 ? rng.uniform() * 0.3 : 0;
    const ties = rng.uniform() < 0.5;
    const x = new Float32Array(n * p);
    for (let i = 0; i < x.length; i++) {
      const v = ties ? Math.round(rng.normal() * 3) / 3 : rng.normal();
      x[i] = rng.uniform() < miss ? Number.NaN : v;
    }
    // near-duplicate columns (column 0 with a few rows moved): near-tied loss changes, the cases
    // where a screen that skipped too much would pick another split
    if (p > 1 && rng.uniform() < 0.5)
      for (let j = 1; j < p; j += 2)
        for (let i = 0; i < n; i++) x[i * p + j] = rng.uniform() < 0.03 ? Math.fround(x[i * p] + 0.01) : x[i * p];
    const labels = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const s = (Number.isNaN(x[i * p]) ? 0 : x[i * p]) + 0.7 * rng.normal();
      labels[i] = Math.min(k - 1, Math.max(0, Math.floor(((s + 1.5) / 3) * k)));
    }
    const weights =
      rng.uniform() < 0.5 ? Float32Array.from({ length: n }, () => Math.fround(0.2 + rng.uniform() * 3)) : null;
    const pick = <T>(a: T[]) => a[Math.floor(rng.uniform() * a.length)];
    const params: BoosterParams = {
      ...DEFAULT_BOOSTER_PARAMS,
      objective: k === 2 ? "binary:logistic" : "multi:softprob",
      numClass: k,
      nEstimators: 5 + Math.floor(rng.uniform() * 20),
      maxDepth: 1 + Math.floor(rng.uniform() * 7),
      minChildWeight: pick([0, 0.5, 1, 5]),
      gamma: pick([0, 0, 0.5, 2]),
      regLambda: pick([1, 1, 0.1, 5, 1e-7]),
    };
    const data = { x, nRows: n, nCols: p, labels, weights };
    const screened = trainBooster(data, params);
    const exact = trainBooster(data, params, undefined, { screen: false });
    assert.deepStrictEqual(screened.trees, exact.trees, `case ${c}: ${JSON.stringify({ n, p, k, ...params })}`);
    for (const t of exact.trees) for (const l of t.left) splits += l === -1 ? 0 : 1;
  }
  assert.ok(splits > 10_000, `the cases make ${splits} splits`);
});
