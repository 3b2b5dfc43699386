import assert from "node:assert/strict";
import { test } from "node:test";
import { equalContributionAllocation, projectBoundedSimplex } from "../../lib/allocation";
import { ArgumentError } from "../../lib/validation";
import { assertClose as close } from "../helpers";

const diag = (v: number[]) => v.map((a, i) => v.map((_, j) => (i === j ? a * a : 0)));

// Shares recomputed here, independently of the module.
const shares = (w: number[], alpha: number[], cov: number[][]) => {
  const sw = cov.map((r) => r.reduce((s, x, j) => s + x * w[j], 0));
  const R = w.reduce((s, x, i) => s + x * alpha[i], 0);
  const V = w.reduce((s, x, i) => s + x * sw[i], 0);
  return { p: w.map((x, i) => (x * alpha[i]) / R), q: w.map((x, i) => (x * sw[i]) / V) };
};

test("equal contributions, two uncorrelated funds with equal IR (hand: α = 1 %, 2 %, TE = 2 %, 4 % → w = 2/3, 1/3)", () => {
  const r = equalContributionAllocation([0.01, 0.02], diag([0.02, 0.04]));
  close(r.weights[0], 2 / 3, 1e-9, "w0");
  close(r.weights[1], 1 / 3, 1e-9, "w1");
  assert.ok(r.equalized && r.converged);
  const s = shares(r.weights, [0.01, 0.02], diag([0.02, 0.04]));
  for (const x of [...s.p, ...s.q]) close(x, 0.5, 1e-9);
});

test("equal contributions, three equicorrelated funds with equal IR: w ∝ 1/TE (hand: 4/7, 2/7, 1/7)", () => {
  const te = [0.02, 0.04, 0.08];
  const alpha = [0.01, 0.02, 0.04];
  const cov = te.map((a, i) => te.map((b, j) => (i === j ? a * a : 0.3 * a * b)));
  const r = equalContributionAllocation(alpha, cov);
  [4 / 7, 2 / 7, 1 / 7].forEach((x, i) => {
    close(r.weights[i], x, 1e-9, `w${i}`);
  });
  const s = shares(r.weights, alpha, cov);
  for (const x of [...s.p, ...s.q]) close(x, 1 / 3, 1e-9);
  assert.ok(r.objective < 1e-18);
  r.efficiencies.forEach((e) => {
    close(e, 0, 1e-9);
  });
});

test("infeasible equal split: two funds, matches a brute-force grid minimum of the compromise", () => {
  // α = (1 %, 1 %), TE = (1 %, 2 %), uncorrelated: p1 = t, q1 = t² / (t² + 4(1 − t)²).
  const f = (t: number) => {
    const q = (t * t) / (t * t + 4 * (1 - t) ** 2);
    return 0.5 * 2 * (t - 0.5) ** 2 + 0.5 * 2 * (q - 0.5) ** 2;
  };
  let bestT = 0;
  let bestF = Number.POSITIVE_INFINITY;
  for (let k = 1; k < 1_000_000; k++) {
    const t = k / 1_000_000;
    const v = f(t);
    if (v < bestF) {
      bestF = v;
      bestT = t;
    }
  }
  const r = equalContributionAllocation([0.01, 0.01], diag([0.01, 0.02]));
  assert.ok(r.converged, `stationarity ${r.stationarity}`);
  assert.ok(!r.equalized);
  close(r.weights[0], bestT, 2e-6, "w0");
  close(r.objective, bestF, 1e-11, "F");
  // the compromise lies between return parity (1/2) and risk parity (2/3)
  assert.ok(r.weights[0] > 0.5 && r.weights[0] < 2 / 3);
});

test("riskWeight 1 is risk parity, 0 is return parity (hand: 2/3 and 1/2)", () => {
  const rp = equalContributionAllocation([0.01, 0.01], diag([0.01, 0.02]), { riskWeight: 1 });
  close(rp.weights[0], 2 / 3, 1e-8);
  const ret = equalContributionAllocation([0.01, 0.03], diag([0.01, 0.02]), { riskWeight: 0 });
  close(ret.weights[0], 0.75, 1e-8);
});

test("caps hold and the certificate is small on an 8-fund team", () => {
  const te = [300, 350, 325, 400, 375, 450, 425, 375].map((x) => x / 1e4);
  const alpha = [70, 95, 80, 110, 100, 150, 130, 85].map((x) => x / 1e4);
  const st = ["v", "g", "v", "g", "v", "g", "c", "c"];
  const corr = st.map((a, i) => st.map((b, j) => (i === j ? 1 : a === "c" || b === "c" ? 0 : a === b ? 0.15 : -0.35)));
  const cov = corr.map((r, i) => r.map((x, j) => x * te[i] * te[j]));
  const r = equalContributionAllocation(alpha, cov, { upper: te.map(() => 0.16) });
  assert.ok(r.converged);
  close(
    r.weights.reduce((s, x) => s + x, 0),
    1,
    1e-12,
  );
  for (const w of r.weights) assert.ok(w >= 0 && w <= 0.16 + 1e-12);
  const s = shares(r.weights, alpha, cov);
  s.p.forEach((x, i) => {
    close(x, r.returnShares[i], 1e-12);
  });
  s.q.forEach((x, i) => {
    close(x, r.riskShares[i], 1e-12);
  });
  // no other feasible point of a coarse perturbation does better than the solution (local optimality)
  const F = (w: number[]) => {
    const z = shares(w, alpha, cov);
    return 0.5 * z.p.reduce((a, x) => a + (x - 1 / 8) ** 2, 0) + 0.5 * z.q.reduce((a, x) => a + (x - 1 / 8) ** 2, 0);
  };
  close(F(r.weights), r.objective, 1e-14);
  for (let i = 0; i < 8; i++)
    for (let j = 0; j < 8; j++) {
      if (i === j) continue;
      const w = [...r.weights];
      w[i] += 1e-4;
      w[j] -= 1e-4;
      if (w[j] < 0 || w[i] > 0.16) continue;
      assert.ok(F(w) >= r.objective - 1e-12, `move ${i}→${j} improves`);
    }
});

test("projectBoundedSimplex: hand cases", () => {
  const p = projectBoundedSimplex([0.5, 0.5, 0.5], [0, 0, 0], [1, 1, 1]);
  p.forEach((x) => {
    close(x, 1 / 3, 1e-12);
  });
  const q = projectBoundedSimplex([2, 0, 0], [0, 0, 0], [0.5, 1, 1]);
  [0.5, 0.25, 0.25].forEach((x, i) => {
    close(q[i], x, 1e-12);
  });
});

test("bad arguments throw ArgumentError", () => {
  assert.throws(() => equalContributionAllocation([0.01, -0.01], diag([0.01, 0.02])), ArgumentError);
  assert.throws(
    () => equalContributionAllocation([0.01, 0.01], diag([0.01, 0.02]), { upper: [0.4, 0.4] }),
    ArgumentError,
  );
  assert.throws(() => equalContributionAllocation([0.01, 0.01], diag([0.01, 0.02]), { riskWeight: 2 }), ArgumentError);
  assert.throws(() => equalContributionAllocation([0.01, Number.NaN], diag([0.01, 0.02])), ArgumentError);
});

test("nonPositiveAlphas exclude: the fund gets weight 0 and the rest is solved alone (hand: 2/3, 0, 1/3)", () => {
  const cov = diag([0.02, 0.03, 0.04]);
  const r = equalContributionAllocation([0.01, -0.005, 0.02], cov, { nonPositiveAlphas: "exclude" });
  assert.deepEqual(r.excluded, [1]);
  assert.equal(r.weights[1], 0);
  close(r.weights[0], 2 / 3, 1e-9);
  close(r.weights[2], 1 / 3, 1e-9);
});
