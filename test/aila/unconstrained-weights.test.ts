import assert from "node:assert/strict";
import { test } from "node:test";
import { nEffective } from "../../lib/aila/n-effective";
import { portfolioReturns, riskTargetScale } from "../../lib/aila/risk-target";
import { unitRiskWeights } from "../../lib/aila/unconstrained-weights";
import { ewmaVolatility, simpleReturns } from "../../lib/aila/volatility";
import { assertClose as close } from "../helpers";

test("ewmaVolatility: hand-computed seed and recursion, holidays carry", () => {
  // L = 2: λ = 1/3; seed v = (0.01² + 0.02²)/2 = 2.5e-4; then v = 2.5e-4/3 + (2/3)·0.03² = 6.8333…e-4
  const v = ewmaVolatility([0.01, -0.02, Number.NaN, 0.03], { lookback: 2, annualisation: 1 });
  assert.ok(Number.isNaN(v[0]));
  close(v[1], Math.sqrt(2.5e-4));
  close(v[2], Math.sqrt(2.5e-4));
  close(v[3], Math.sqrt(2.5e-4 / 3 + (2 / 3) * 9e-4));
  const a = ewmaVolatility([0.01, -0.02], { lookback: 2 });
  close(a[1], Math.sqrt(252 * 2.5e-4));
});

test("simpleReturns: holidays skipped, bad prices named", () => {
  const r = simpleReturns([100, Number.NaN, 110, 99]);
  assert.ok(Number.isNaN(r[0]) && Number.isNaN(r[1]));
  close(r[2], 0.1);
  close(r[3], -0.1);
  assert.throws(() => simpleReturns([100, -1], "CL1"), /CL1 has a non-positive or infinite price -1 at row 1/);
});

test("nEffective: N uncorrelated → N, N in one group → 1, hedged group capped, flat → 0", () => {
  assert.equal(nEffective([1, 1, 1, 1, 1], [0, 1, 2, 3, 4]), 5);
  assert.equal(nEffective([1, 1, 1, 1], ["zinc", "zinc", "zinc", "zinc"]), 1);
  // two groups of two longs: gross 4, variance 2² + 2² = 8 → 16/8 = 2
  assert.equal(nEffective([1, 1, 1, 1], [0, 0, 1, 1]), 2);
  // rLS = 0.5: long + short in different groups: gross 1.5, variance 1 + 0.25 → 2.25/1.25 = 1.8
  close(nEffective([1, -1], [0, 1], 0.5), 1.8);
  // long + short in the same group hedge: variance 0 → capped at active count
  assert.equal(nEffective([1, -1, 0], [0, 0, 1]), 2);
  assert.equal(nEffective([0, 0, Number.NaN], [0, 1, 2]), 0);
});

test("unitRiskWeights: equal risk, rLS, N-effective scaling, inactive on NaN vol", () => {
  // σ = 0.2, 0.4, NaN, 0.1; signals long, short, long (warm-up → flat), flat; rLS = 0.5
  const r = unitRiskWeights([1, -1, 1, 0], [0.2, 0.4, Number.NaN, 0.1], { rLS: 0.5 });
  // gross = 1 + 0.5 = 1.5: w = 1/(0.2·1.5), −0.5/(0.4·1.5)
  close(r.weights[0], 1 / 0.3);
  close(r.weights[1], -0.5 / 0.6);
  assert.equal(r.weights[2], 0);
  assert.equal(r.weights[3], 0);
  const g = unitRiskWeights([1, 1, 1, 1], [0.1, 0.1, 0.1, 0.1], { nEffective: true, groups: [0, 1, 2, 3] });
  // N_eff = 4: w = √4 · 1/(0.1·4) = 5; block-model volatility √(Σ(wσ)²) = √(4·0.25) = 1
  for (const w of g.weights) close(w, 5);
  assert.equal(g.nEff, 4);
  assert.throws(() => unitRiskWeights([2, 0], [0.1, 0.1]), /signal of asset #0 is 2/);
});

test("riskTargetScale: vol target and max daily drawdown from the EWMA vol of the PnL", () => {
  const w = [Float64Array.of(1, 0), Float64Array.of(1, 0), Float64Array.of(0.5, 0.5)];
  const returns = [Float64Array.of(Number.NaN, 0.01, -0.02), Float64Array.of(Number.NaN, 0.5, 0.04)];
  const p = portfolioReturns(w, returns);
  assert.deepEqual(Array.from(p), [0, 0.01, -0.02]);
  const k = riskTargetScale([0.01, -0.01, 0.01], { type: "volatility", target: 0.1 }, { lookback: 2 });
  assert.equal(k[0], 0);
  close(k[1], 0.1 / (0.01 * Math.sqrt(252)));
  const d = riskTargetScale([0.01, -0.01], { type: "max-daily-drawdown", target: 0.02, z: 2 }, { lookback: 2 });
  close(d[1], 1); // 0.02 / (2 · 0.01)
  const capped = riskTargetScale([1e-9, 1e-9], { type: "volatility", target: 0.1 }, { lookback: 2, maxScale: 3 });
  assert.equal(capped[1], 3);
});
