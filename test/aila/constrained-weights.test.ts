import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import fc from "fast-check";
import { Matrix, pseudoInverse } from "ml-matrix";
import { type ConstrainedFitProblem, fitConstrainedWeights, vectorAngle } from "../../lib/aila/constrained-weights";
import { assertKkt, fitCaseFields, sharpeFields, violations } from "./fit-checks";

test("constrained fit: hand-computed 3-asset case with one binding cap", () => {
  // max cos with a = (0.5, 0.3, 0.2), u1 = 0.4, u2 + u3 = 0.6: d/du3 = 0 gives 0.176 − 0.7·u3 = 0.
  const r = fitConstrainedWeights({ wU: [0.5, -0.3, 0.2], assetCaps: [0.4, 0.4, 0.4], names: ["A", "B", "C"] });
  assert.equal(r.status, "fit");
  const expected = [0.4, -2.44 / 7, 1.76 / 7];
  for (let i = 0; i < 3; i++)
    assert.ok(Math.abs(r.weights[i] - expected[i]) < 1e-12, `${r.weights[i]} vs ${expected[i]}`);
  assert.deepEqual(r.binding, ["cap:A"]);
});

test("constrained fit: no binding constraint returns wU itself (angle 0)", () => {
  const r = fitConstrainedWeights({
    wU: [0.1, -0.2, 0.3],
    assetCaps: [1, 1, 1],
    sector: [0, 0, 1],
    sectorCaps: [1, 1],
  });
  assert.equal(r.status, "fit");
  assert.ok(r.angle < 1e-12);
  assert.deepEqual(Array.from(r.weights), [0.1, -0.2, 0.3]);
});

test("constrained fit: sum too large for the caps is scaled to the largest feasible sum", () => {
  // caps 0.1 each, no sectors: S_max = 0.4, the only direction is (0.1, 0.1, 0.1, 0.1)
  const r = fitConstrainedWeights({ wU: [0.5, -0.3, 0.2, 0.1], assetCaps: [0.1, 0.1, 0.1, 0.1] });
  assert.equal(r.status, "scaled");
  assert.equal(r.maxFeasibleSum, 0.4);
  for (let i = 0; i < 4; i++) assert.ok(Math.abs(Math.abs(r.weights[i]) - 0.1) < 1e-9);
  assert.ok(r.binding.includes("sum-scaled"));
});

interface FixtureCase {
  wU: number[];
  caps: number[];
  sector: number[];
  sectorCaps: number[];
  sharpe?: number[];
  sharpeFloor?: number;
  maxFeasibleSum: number;
  slsqpAngle: number | null;
  slsqpFeasible: boolean;
}

test("constrained fit: never a larger angle than multi-start SciPy SLSQP (committed fixture), S_max equals linprog", () => {
  const fx = JSON.parse(readFileSync("test/fixtures/index/constrained-fit-slsqp.json", "utf8")) as {
    cases: FixtureCase[];
  };
  let better = 0;
  for (const [k, c] of fx.cases.entries()) {
    const p: ConstrainedFitProblem = {
      wU: c.wU,
      assetCaps: c.caps,
      sector: c.sector,
      sectorCaps: c.sectorCaps,
      sharpe: c.sharpe,
      sharpeFloor: c.sharpeFloor,
    };
    const r = fitConstrainedWeights(p);
    if (r.status === "infeasible") {
      assert.ok(
        c.maxFeasibleSum <= 1e-12 && !c.slsqpFeasible,
        `case ${k}: fallback although linprog S_max = ${c.maxFeasibleSum}`,
      );
      continue;
    }
    assert.ok(
      Math.abs(r.maxFeasibleSum - c.maxFeasibleSum) <= 1e-9,
      `case ${k}: S_max ${r.maxFeasibleSum} vs linprog ${c.maxFeasibleSum}`,
    );
    const target = Math.min(r.requestedSum, r.maxFeasibleSum);
    const v = violations(p, r.weights, target);
    for (const [name, x] of Object.entries(v)) assert.ok(x <= 1e-9, `case ${k}: ${name} violated by ${x}`);
    if (c.slsqpFeasible && c.slsqpAngle !== null) {
      assert.ok(r.angle <= c.slsqpAngle + 1e-9, `case ${k}: angle ${r.angle} > SLSQP ${c.slsqpAngle}`);
      if (r.angle < c.slsqpAngle - 1e-9) better++;
    }
  }
  // the best of 8 SLSQP starts is never better; on this fixture it is never strictly worse either
  assert.equal(better, 0);
});

/**
 * Independent exact method: the projection of a onto the polyhedral cone {y : Gy ≥ 0} is the
 * projection onto the null space of some subset of the rows of G; enumerate all subsets (small
 * problems only), keep the feasible candidates, take the one closest to a.
 */
function bruteForceProjection(a: number[], G: number[][]): number[] {
  const m = a.length;
  const q = G.length;
  let best: number[] = new Array(m).fill(0);
  let bestDist = a.reduce((s, x) => s + x * x, 0);
  for (let mask = 0; mask < 1 << q; mask++) {
    const rows = G.filter((_, j) => mask & (1 << j));
    if (rows.length > m) continue;
    let y = a;
    if (rows.length > 0) {
      const GA = new Matrix(rows);
      const lam = pseudoInverse(GA.mmul(GA.transpose())).mmul(GA).mmul(Matrix.columnVector(a));
      const corr = GA.transpose().mmul(lam).to1DArray();
      y = a.map((x, i) => x - corr[i]);
    }
    if (G.some((g) => g.reduce((s, gi, i) => s + gi * y[i], 0) < -1e-10)) continue;
    const dist = y.reduce((s, x, i) => s + (x - a[i]) ** 2, 0);
    if (dist < bestDist - 1e-15) {
      bestDist = dist;
      best = y;
    }
  }
  return best;
}

test("constrained fit: optimal on random cases against exhaustive active-set enumeration (fast-check)", () => {
  const arb = fc.integer({ min: 3, max: 4 }).chain((m) =>
    fc.record({
      a: fc.array(fc.double({ min: 0.01, max: 0.5, noNaN: true }), { minLength: m, maxLength: m }),
      sgn: fc.array(fc.boolean(), { minLength: m, maxLength: m }),
      caps: fc.array(fc.double({ min: 0.02, max: 0.4, noNaN: true }), { minLength: m, maxLength: m }),
      sector: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: m, maxLength: m }),
      sectorCaps: fc.array(fc.double({ min: 0.05, max: 0.8, noNaN: true }), { minLength: 2, maxLength: 2 }),
      ...sharpeFields(m),
    }),
  );
  fc.assert(
    fc.property(arb, (c) => {
      const wU = c.a.map((x, i) => (c.sgn[i] ? x : -x));
      const p: ConstrainedFitProblem = {
        wU,
        assetCaps: c.caps,
        sector: c.sector,
        sectorCaps: c.sectorCaps,
        sharpe: c.sharpe,
        sharpeFloor: c.floor,
      };
      const r = fitConstrainedWeights(p);
      for (const x of r.weights) assert.ok(Number.isFinite(x));
      if (r.status === "infeasible") {
        // infeasible only when no non-zero allocation meets the Sharpe floor
        assert.ok(c.floor !== undefined && c.sharpe.every((s) => Math.max(-5, Math.min(5, s)) < c.floor!));
        return;
      }
      const T = Math.min(r.requestedSum, r.maxFeasibleSum);
      const v = violations(p, r.weights, T);
      for (const [name, x] of Object.entries(v)) assert.ok(x <= 1e-9, `${name} violated by ${x}`);
      // independent cone (rows) built from the derivation, brute-force projection
      const m = wU.length;
      const G: number[][] = [];
      for (let i = 0; i < m; i++) G.push(Array.from({ length: m }, (_, j) => (i === j ? 1 : 0)));
      for (let i = 0; i < m; i++) G.push(Array.from({ length: m }, (_, j) => c.caps[i] - (i === j ? T : 0)));
      for (let k = 0; k < 2; k++)
        if (c.sector.includes(k))
          G.push(Array.from({ length: m }, (_, j) => c.sectorCaps[k] - (c.sector[j] === k ? T : 0)));
      if (c.floor !== undefined) G.push(c.sharpe.map((s) => Math.max(-5, Math.min(5, s)) - c.floor!));
      const y = bruteForceProjection(c.a, G);
      const sy = y.reduce((s, x) => s + x, 0);
      assert.ok(sy > 0);
      const ref = y.map((x, i) => (wU[i] > 0 ? 1 : -1) * ((x * T) / sy));
      const refAngle = vectorAngle(ref, wU);
      assert.ok(r.angle <= refAngle + 1e-9, `angle ${r.angle} > exhaustive ${refAngle}`);
      assert.ok(Math.abs(r.angle - refAngle) <= 1e-7, `angle ${r.angle} vs exhaustive ${refAngle}`);
    }),
    { numRuns: 150, seed: 42 },
  );
});

test("constrained fit: KKT certificate on random 6-12 asset cases (fast-check, NNLS multipliers)", () => {
  // y = P_K(a) iff y ∈ K and a − y = −Σ μ_j g_j over the active constraints with μ ≥ 0
  const arb = fc.integer({ min: 6, max: 12 }).chain((m) =>
    fc.record({
      ...fitCaseFields(m),
    }),
  );
  fc.assert(
    fc.property(arb, (c) => {
      const r = fitConstrainedWeights({
        wU: c.a,
        assetCaps: c.caps,
        sector: c.sector,
        sectorCaps: c.sectorCaps,
        sharpe: c.sharpe,
        sharpeFloor: c.floor,
      });
      if (r.status === "infeasible") return;
      assertKkt(c, r);
    }),
    { numRuns: 200, seed: 7 },
  );
});

test("constrained fit: bad input is a clear error or the documented fallback, never NaN", () => {
  assert.throws(
    () => fitConstrainedWeights({ wU: [0.1, 0.2, 0.3], assetCaps: [0.1, -0.1, 0.1], names: ["A", "B", "C"] }),
    /asset cap of B is -0.1/,
  );
  assert.throws(
    () => fitConstrainedWeights({ wU: [0.1, Number.NaN, 0.3], assetCaps: [1, 1, 1] }),
    /wU of asset #1 is NaN/,
  );
  assert.throws(
    () => fitConstrainedWeights({ wU: [0.1, 0.1, 0.3], assetCaps: [1, 1, 1], sector: [0, 0, 0], sectorCaps: [-1] }),
    /sector cap of #0 is -1/,
  );
  // fewer than 3 active assets: no fit, caps applied
  const few = fitConstrainedWeights({ wU: [0.5, 0, -0.2], assetCaps: [0.3, 0.3, 0.3] });
  assert.equal(few.status, "too-few-assets");
  assert.deepEqual(Array.from(few.weights), [0.3, 0, -0.2]);
  // all-zero signals
  const zero = fitConstrainedWeights({ wU: [0, 0, 0, 0], assetCaps: [0.3, 0.3, 0.3, 0.3] });
  assert.equal(zero.status, "too-few-assets");
  assert.deepEqual(Array.from(zero.weights), [0, 0, 0, 0]);
  assert.equal(zero.angle, 0);
  // contradictory: Sharpe floor above every asset's (clipped) Sharpe ratio
  const hi = fitConstrainedWeights({
    wU: [0.2, 0.2, 0.2],
    assetCaps: [0.15, 0.3, 0.3],
    sector: [0, 0, 1],
    sectorCaps: [0.3, 1],
    sharpe: [9, 1, 2],
    sharpeFloor: 6,
  });
  assert.equal(hi.status, "infeasible");
  assert.deepEqual(Array.from(hi.weights), [0.15 * (0.3 / 0.35), 0.2 * (0.3 / 0.35), 0.2]);
  // contradictory: every asset's sector capped at zero
  const closed = fitConstrainedWeights({
    wU: [0.2, -0.2, 0.2],
    assetCaps: [1, 1, 1],
    sector: [0, 0, 0],
    sectorCaps: [0],
  });
  assert.equal(closed.status, "infeasible");
  assert.deepEqual(Array.from(closed.weights), [0, 0, 0]);
  // maximum allocation
  const mx = fitConstrainedWeights({ wU: [0.5, 0.5, 0.5], assetCaps: [1, 1, 1], maxAllocation: 1 });
  assert.ok(Math.abs(mx.sum - 1) < 1e-15 && mx.binding.includes("max-allocation"));
});
