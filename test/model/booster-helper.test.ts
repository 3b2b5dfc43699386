/**
 * The helper thread (lib/model/booster-helper.ts) grows part of each round's trees; the model must
 * be the one of the single-threaded fit, tree by tree and bit by bit, whichever thread grew which
 * tree — on random fits that vary sizes, ties, missing values, weights, γ (where the prediction
 * cache is off), min_child_weight, depth and the number of classes — and RFE must select and
 * report the same with 1 and 2 threads.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type BoosterParams, DEFAULT_BOOSTER_PARAMS, trainBooster } from "../../lib/model/booster-exact";
import { BoosterHelper } from "../../lib/model/booster-helper";
import { recursiveFeatureElimination } from "../../lib/model/rfe";
import { balancedSampleWeights } from "../../lib/model/sample-weights";
import { createRng } from "../../lib/random";

let helper: BoosterHelper | null = null;
before(async () => {
  helper = BoosterHelper.start();
  assert.ok(helper, "this machine has more than one core (the test needs a helper thread)");
  for (let i = 0; i < 100 && !helper.available; i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(helper.available, "the helper thread loaded within 5 s");
});
after(() => helper?.close());

test("a fit with the helper thread gives the single-threaded model (60 random fits)", () => {
  const rng = createRng(20261203);
  const pick = <T>(a: T[]) => a[Math.floor(rng.uniform() * a.length)];
  let helped = 0;
  for (let c = 0; c < 60; c++) {
    const n = 20 + Math.floor(rng.uniform() * 200);
    const p = 1 + Math.floor(rng.uniform() * 10);
    const k = rng.uniform() < 0.2 ? 2 : 3 + Math.floor(rng.uniform() * 5);
    const miss = rng.uniform() < 0.4 ? rng.uniform() * 0.3 : 0;
    const ties = rng.uniform() < 0.5;
    const x = new Float32Array(n * p);
    for (let i = 0; i < x.length; i++) {
      const v = ties ? Math.round(rng.normal() * 3) / 3 : rng.normal();
      x[i] = rng.uniform() < miss ? Number.NaN : v;
    }
    const labels = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const s = (Number.isNaN(x[i * p]) ? 0 : x[i * p]) + 0.7 * rng.normal();
      labels[i] = Math.min(k - 1, Math.max(0, Math.floor(((s + 1.5) / 3) * k)));
    }
    const weights =
      rng.uniform() < 0.5 ? Float32Array.from({ length: n }, () => Math.fround(0.2 + rng.uniform() * 3)) : null;
    const params: BoosterParams = {
      ...DEFAULT_BOOSTER_PARAMS,
      objective: k === 2 ? "binary:logistic" : "multi:softprob",
      numClass: k,
      nEstimators: 5 + Math.floor(rng.uniform() * 25),
      maxDepth: 1 + Math.floor(rng.uniform() * 7),
      minChildWeight: pick([0, 0.5, 1, 5]),
      gamma: pick([0, 0, 0.5, 2]),
      regLambda: pick([1, 1, 0.1, 5]),
    };
    const data = { x, nRows: n, nCols: p, labels, weights };
    const alone = trainBooster(data, params);
    const withHelper = trainBooster(data, params, undefined, { helper });
    assert.deepStrictEqual(withHelper, alone, `case ${c}: ${JSON.stringify({ n, p, k, ...params })}`);
    if (k > 2) helped++;
  }
  assert.ok(helper?.available, "the helper was still available after the fits");
  assert.ok(helped > 40, `${helped} multi-class fits used the helper`);
});

test("RFE with 2 threads selects and reports what it does on 1", () => {
  const rng = createRng(7);
  const n = 150;
  const p = 8;
  const X = Array.from({ length: n }, () => Array.from({ length: p }, () => rng.normal()));
  const y = X.map((r) => Math.min(3, Math.max(0, Math.floor(r[0] + 0.5 * r[3] + 0.5 * rng.normal() + 2))));
  const opts = { nFeaturesToSelect: 4, sampleWeight: balancedSampleWeights(y) };
  const names = Array.from({ length: p }, (_, j) => `f${j}`);
  const one = recursiveFeatureElimination(X, y, names, { ...opts, threads: 1 });
  const two = recursiveFeatureElimination(X, y, names, { ...opts, threads: 2 });
  assert.deepStrictEqual(two, one);
  assert.throws(
    () => recursiveFeatureElimination(X, y, names, { ...opts, threads: 0 }),
    /threads must be an integer ≥ 1/,
  );
});
