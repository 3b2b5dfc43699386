import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { inverseVolatility, riskContributions, riskParity } from "../../lib/allocation";

const fixture = JSON.parse(
  readFileSync(join(__dirname, "..", "fixtures", "allocation", "risk-parity.json"), "utf8"),
) as {
  cases: { cov: number[][]; budgets: number[]; weights: number[] }[];
};

// Contributions recomputed here, independently of the module: w_i (Σw)_i / wᵀΣw.
const shares = (w: number[], cov: number[][]) => {
  const sw = cov.map((r) => r.reduce((s, x, j) => s + x * w[j], 0));
  const rc = w.map((x, i) => x * sw[i]);
  const v = rc.reduce((s, x) => s + x, 0);
  return rc.map((x) => x / v);
};

test("riskParity: two uncorrelated assets give w ∝ 1/σ (hand: σ = 0.1, 0.2 → 2/3, 1/3)", () => {
  const r = riskParity([
    [0.01, 0],
    [0, 0.04],
  ]);
  assert.ok(Math.abs(r.weights[0] - 2 / 3) < 1e-14);
  assert.ok(Math.abs(r.weights[1] - 1 / 3) < 1e-14);
});

test("riskParity: equal correlations give inverse-volatility weights", () => {
  const vols = [0.1, 0.15, 0.25, 0.3];
  const cov = vols.map((a, i) => vols.map((b, j) => (i === j ? a * a : 0.4 * a * b)));
  const r = riskParity(cov);
  const iv = inverseVolatility(vols);
  r.weights.forEach((w, i) => {
    assert.ok(Math.abs(w - iv[i]) < 1e-13);
  });
});

test("riskParity: contributions equal within 1e-8 and match the SciPy reference fixture", () => {
  for (const [k, c] of fixture.cases.entries()) {
    const r = riskParity(c.cov, { budgets: c.budgets });
    const sh = shares(r.weights, c.cov);
    sh.forEach((x, i) => {
      assert.ok(Math.abs(x - c.budgets[i]) <= 1e-12, `case ${k}: share ${i} = ${x} vs budget ${c.budgets[i]}`);
    });
    r.weights.forEach((w, i) => {
      assert.ok(Math.abs(w - c.weights[i]) <= 1e-10, `case ${k}: w${i} ${w} vs ${c.weights[i]}`);
      assert.ok(w > 0);
    });
    assert.ok(Math.abs(r.weights.reduce((s, x) => s + x, 0) - 1) < 1e-14);
  }
});

test("riskParity: random covariances (incl. negative correlations), contributions equal within 1e-8", () => {
  let seed = 99;
  const u = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let trial = 0; trial < 40; trial++) {
    const n = 2 + Math.floor(u() * 20);
    const B = Array.from({ length: n }, () => [u() - 0.5, u() - 0.5, u() - 0.5]);
    const cov = B.map((bi, i) =>
      B.map((bj, j) => bi.reduce((s, x, k) => s + x * bj[k], 0) * 0.2 + (i === j ? 0.001 + 0.05 * u() : 0)),
    );
    const r = riskParity(cov);
    const sh = shares(r.weights, cov);
    const spread = Math.max(...sh) - Math.min(...sh);
    assert.ok(spread <= 1e-8, `trial ${trial}: spread of shares ${spread}`);
    assert.ok(r.iterations < 50);
  }
});

test("riskContributions sums to the variance; bad input errors", () => {
  const cov = [
    [0.04, 0.006],
    [0.006, 0.01],
  ];
  // By hand: w = [0.5, 0.5], Σw = [0.023, 0.008], RC = [0.0115, 0.004], variance 0.0155.
  const rc = riskContributions([0.5, 0.5], cov);
  assert.ok(Math.abs(rc.contributions[0] - 0.0115) < 1e-15);
  assert.ok(Math.abs(rc.shares[1] - 0.004 / 0.0155) < 1e-15);
  assert.ok(Math.abs(rc.volatility - Math.sqrt(0.0155)) < 1e-15);
  assert.throws(
    () =>
      riskParity([
        [0, 0],
        [0, 1],
      ]),
    /cov\[0\]\[0\] = 0/,
  );
  assert.throws(() => riskParity(cov, { budgets: [1, 0] }), /budgets\[1\] = 0/);
  assert.throws(() => riskParity(cov, { budgets: [1] }), /budgets has 1 values, expected 2/);
});
