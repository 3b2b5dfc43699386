import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import {
  efficientFrontier,
  maxInformationRatioAtTargetAlpha,
  maximumReturn,
  meanVariance,
  minimumVariance,
  portfolioSummary,
} from "../../lib/allocation";

interface Case {
  name: string;
  kind: "meanVariance" | "minimumVariance";
  mu: number[];
  cov: number[][];
  lower: number[];
  upper: number[];
  groups: { name: string; members: number[]; min: number; max: number }[];
  weights: number[];
  risk: number;
  expectedReturn: number;
  lambda?: number;
  target?: number | null;
}
const fixture = JSON.parse(
  readFileSync(join(__dirname, "..", "fixtures", "allocation", "mean-variance.json"), "utf8"),
) as { cases: Case[] };

const maxAbsDiff = (a: number[], b: number[]) => Math.max(...a.map((x, i) => Math.abs(x - b[i])));
const sum = (a: number[]) => a.reduce((s, x) => s + x, 0);
const mv = (m: number[][], x: number[]) => m.map((r) => r.reduce((s, v, j) => s + v * x[j], 0));

test("mean-variance matches the exact active-set reference (test/reference/allocation.py) within 1e-8", () => {
  assert.equal(fixture.cases.length, 5);
  for (const c of fixture.cases) {
    const cons = { lower: c.lower, upper: c.upper, groups: c.groups };
    const r =
      c.kind === "meanVariance"
        ? meanVariance(c.mu, c.cov, c.lambda!, cons)
        : minimumVariance(c.mu, c.cov, c.target ?? undefined, cons);
    const d = maxAbsDiff(r.weights, c.weights);
    assert.ok(d <= 1e-8, `${c.name}: max |w − w_ref| = ${d}`);
    assert.ok(Math.abs(r.risk - c.risk) <= 1e-8, `${c.name}: risk`);
    // Constraints: full investment, bounds, groups.
    assert.ok(Math.abs(sum(r.weights) - 1) <= 1e-12, `${c.name}: Σw = ${sum(r.weights)}`);
    r.weights.forEach((w, i) => {
      assert.ok(w >= c.lower[i] && w <= c.upper[i], `${c.name}: bound ${i}`);
    });
    for (const g of c.groups) {
      const gw = sum(g.members.map((i) => r.weights[i]));
      assert.ok(gw >= g.min - 1e-12 && gw <= g.max + 1e-12, `${c.name}: group ${g.name} = ${gw}`);
    }
  }
});

// KKT conditions for long-only full investment, computed here independently of the solver:
// g = 2λΣw − μ; with ν the multiplier of Σw = 1, g_i + ν = 0 where w_i > 0 and g_i + ν ≥ 0 where w_i = 0.
test("mean-variance long-only solutions satisfy the KKT conditions (random cases)", () => {
  let seed = 7;
  const u = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let trial = 0; trial < 40; trial++) {
    const n = 2 + Math.floor(u() * 9);
    const B = Array.from({ length: n }, () => [u() - 0.5, u() - 0.5]);
    const cov = B.map((bi, i) =>
      B.map((bj, j) => (bi[0] * bj[0] + bi[1] * bj[1]) * 0.1 + (i === j ? 0.01 + 0.02 * u() : 0)),
    );
    const mu = Array.from({ length: n }, () => 0.02 + 0.1 * u());
    const lambda = 0.5 + 5 * u();
    const { weights: w } = meanVariance(mu, cov, lambda);
    const g = mv(cov, w).map((x, i) => 2 * lambda * x - mu[i]);
    const free = w.map((x, i) => (x > 1e-9 ? i : -1)).filter((i) => i >= 0);
    assert.ok(free.length > 0);
    const nu = -sum(free.map((i) => g[i])) / free.length;
    for (let i = 0; i < n; i++) {
      if (w[i] > 1e-9) assert.ok(Math.abs(g[i] + nu) <= 1e-10, `trial ${trial}: stationarity ${i}: ${g[i] + nu}`);
      else assert.ok(g[i] + nu >= -1e-10, `trial ${trial}: dual feasibility ${i}: ${g[i] + nu}`);
      assert.ok(w[i] >= 0);
    }
    assert.ok(Math.abs(sum(w) - 1) <= 1e-12);
  }
});

// Hand case: two uncorrelated assets, variances 0.04 / 0.01, μ = 0.08 / 0.05, λ = 2, interior optimum.
// Stationarity: 4·0.04·w1 − 0.08 = 4·0.01·w2 − 0.05 with w2 = 1 − w1 → 0.16w1 − 0.08 = 0.04 − 0.04w1 − 0.05
// → 0.2w1 = 0.07 → w1 = 0.35.
test("meanVariance: two-asset interior optimum by hand (w1 = 0.35)", () => {
  const r = meanVariance(
    [0.08, 0.05],
    [
      [0.04, 0],
      [0, 0.01],
    ],
    2,
  );
  assert.ok(Math.abs(r.weights[0] - 0.35) < 1e-12);
  assert.ok(Math.abs(r.expectedReturn - (0.35 * 0.08 + 0.65 * 0.05)) < 1e-12);
  // Higher risk aversion moves weight to the low-variance asset; λ small hits the corner w1 = 1.
  assert.ok(
    meanVariance(
      [0.08, 0.05],
      [
        [0.04, 0],
        [0, 0.01],
      ],
      10,
    ).weights[0] < 0.35,
  );
  assert.ok(
    Math.abs(
      meanVariance(
        [0.08, 0.05],
        [
          [0.04, 0],
          [0, 0.01],
        ],
        0.1,
      ).weights[0] - 1,
    ) < 1e-12,
  );
});

test("efficient frontier: returns increase, risk increases, endpoints are GMV and max return", () => {
  const c = fixture.cases[1];
  const cons = { upper: c.upper, groups: c.groups };
  const f = efficientFrontier(c.mu, c.cov, 12, cons);
  assert.equal(f.length, 12);
  for (let k = 1; k < f.length; k++) {
    assert.ok(f[k].expectedReturn > f[k - 1].expectedReturn);
    assert.ok(f[k].risk >= f[k - 1].risk - 1e-12);
  }
  const gmv = minimumVariance(c.mu, c.cov, undefined, cons);
  assert.ok(maxAbsDiff(f[0].weights, gmv.weights) < 1e-12);
  // Max return by hand with caps 0.45, small+micro (assets 3, 4) ≤ 0.35 and large (asset 0) ≥ 0.10:
  // micro (0.120) 0.35, then mid (0.085) 0.45, large forced to 0.10 (0.060), the last 0.10 to asset 1 (0.070).
  const top = maximumReturn(c.mu, c.cov, cons);
  const byHand = 0.35 * 0.12 + 0.45 * 0.085 + 0.1 * 0.06 + 0.1 * 0.07;
  assert.ok(Math.abs(top.expectedReturn - byHand) < 1e-12, `${top.expectedReturn} vs ${byHand}`);
});

test("maxInformationRatioAtTargetAlpha: matches the reference and reports IR and the selection", () => {
  const c = fixture.cases[3];
  const r = maxInformationRatioAtTargetAlpha(c.mu, c.cov, c.target!, { upper: c.upper });
  assert.ok(maxAbsDiff(r.weights, c.weights) <= 1e-8);
  assert.ok(Math.abs(r.expectedReturn - c.target!) < 1e-12);
  assert.ok(Math.abs(r.informationRatio - c.target! / c.risk) < 1e-8);
  assert.deepEqual(r.selected, [0, 1, 2, 3, 4, 5]);
  // Any other feasible mix at the same alpha has a lower IR (spot check along a feasible direction).
  const a = c.mu;
  const dd = [a[1] - a[5], a[5] - a[0], 0, 0, 0, a[0] - a[1]]; // Σdd = 0, aᵀdd = 0
  assert.ok(Math.abs(sum(dd)) < 1e-15 && Math.abs(dd.reduce((s, x, i) => s + x * a[i], 0)) < 1e-15);
  const w2 = r.weights.map((w, i) => w + 0.5 * dd[i]);
  const te2 = Math.sqrt(w2.reduce((s, x, i) => s + x * mv(c.cov, w2)[i], 0));
  assert.ok(te2 > r.risk);
});

test("bad input and infeasible or singular problems get clear errors", () => {
  const cov = [
    [0.04, 0],
    [0, 0.01],
  ];
  assert.throws(() => meanVariance([0.1, 0.05], cov, 0), /risk aversion λ must be > 0/);
  assert.throws(() => meanVariance([0.1], cov, 1), /cov has 2 rows, expected 1/);
  assert.throws(() => meanVariance([0.1, 0.05], cov, 1, { upper: [0.4, 0.4] }), /infeasible bounds/);
  assert.throws(
    () => meanVariance([0.1, 0.05], cov, 1, { groups: [{ name: "g", members: [0, 1], min: 0, max: 0.5 }] }),
    /infeasible constraints/,
  );
  assert.throws(() => minimumVariance([0.1, 0.05], cov, 0.2), /infeasible constraints/);
  const singular = [
    [0.04, 0.04],
    [0.04, 0.04],
  ];
  assert.throws(() => meanVariance([0.1, 0.05], singular, 1), /not positive definite.*ridge/);
  const r = meanVariance([0.1, 0.05], singular, 1, { ridge: 1e-10 });
  assert.ok(Math.abs(sum(r.weights) - 1) < 1e-12);
  assert.throws(() => meanVariance([0.1, 0.05], cov, 1, { groups: [{ name: "g", members: [2] }] }), /member 2/);
});

test("portfolioSummary by hand: w = [0.5, 0.5], μ = [0.08, 0.04], Σ = diag(0.04, 0.01), rf = 0.01", () => {
  // μᵀw = 0.06, wᵀΣw = 0.25·0.05 = 0.0125, Sharpe = 0.05 / √0.0125.
  const s = portfolioSummary(
    [0.5, 0.5],
    [0.08, 0.04],
    [
      [0.04, 0],
      [0, 0.01],
    ],
    0.01,
  );
  assert.ok(Math.abs(s.expectedReturn - 0.06) < 1e-15);
  assert.ok(Math.abs(s.risk - Math.sqrt(0.0125)) < 1e-15);
  assert.ok(Math.abs(s.sharpe - 0.05 / Math.sqrt(0.0125)) < 1e-14);
});

test("maximumReturn: team of funds with 25% caps picks the four highest alphas (by hand 122.5 bps)", () => {
  const te = [300, 350, 325, 400, 375, 450, 425, 375].map((x) => x / 1e4);
  const alpha = [70, 95, 80, 110, 100, 150, 130, 85].map((x) => x / 1e4);
  const cov = te.map((a, i) => te.map((b, j) => (i === j ? a * a : -0.1 * a * b)));
  const r = maximumReturn(alpha, cov, { upper: te.map(() => 0.25) });
  assert.ok(Math.abs(r.expectedReturn - 0.01225) < 1e-15, `${r.expectedReturn}`);
  assert.ok(maxAbsDiff(r.weights, [0, 0, 0, 0.25, 0.25, 0.25, 0.25, 0]) < 1e-15);
});
