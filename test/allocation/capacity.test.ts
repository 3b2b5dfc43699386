import assert from "node:assert/strict";
import { test } from "node:test";
import {
  activeRiskAttribution,
  alphaTeamCorrelations,
  rebalanceCost,
  sizeActiveRisk,
  sleeveCapacity,
  sleeveCostRate,
} from "../../lib/allocation";
import { ArgumentError } from "../../lib/validation";
import { assertRelClose as close } from "../helpers";

// Hand case: α = 300 bps, φ = 1/3 → budget 100 bps; τ = 0.5 (one-way) → 2τ = 1; N = 4;
// s = 10 bps → spread rate 10 bps; σ = 2 %/day, ADV = 1e6, Y = 1 → L = 0.02 / 1000 = 2e-5.
// A* = (N/2τ)·((0.01 − 0.001)/(1·1·2e-5))² = 4·(450)² = 810 000.
const one = {
  alpha: 0.03,
  costShare: 1 / 3,
  annualTurnover: 0.5,
  rebalancesPerYear: 4,
  holdings: [{ weight: 1, halfSpread: 0.001, dailyVolatility: 0.02, adv: 1e6 }],
};

test("sleeveCapacity: single-holding hand case A* = 810 000", () => {
  const r = sleeveCapacity(one);
  close(r.capacity, 810_000, 1e-12, "capacity");
  close(r.spreadCostRate, 0.001, 1e-15);
  close(r.liquidity, 2e-5, 1e-15);
  close(r.costBudget, 0.01, 1e-15);
  // at the capacity the annual cost rate is the budget
  close(sleeveCostRate(one, r.capacity), 0.01, 1e-12, "cost at capacity");
});

test("sleeveCostRate agrees with rebalanceCost of costs.ts summed over the year", () => {
  const A = 2.5e6;
  // one rebalance trades 2τA/N = 0.25·A of the single holding
  const rc = rebalanceCost([0], [0.25], {
    portfolioValue: A,
    halfSpread: [0.001],
    dailyVolatility: [0.02],
    adv: [1e6],
  });
  close(sleeveCostRate(one, A), (4 * rc.totalCost) / A, 1e-12);
});

test("sleeveCapacity: two holdings aggregate through L = Σ h^1.5 σ/√ADV; zero when the spread eats the budget", () => {
  const two = {
    ...one,
    holdings: [
      { weight: 1, halfSpread: 0.001, dailyVolatility: 0.02, adv: 1e6 },
      { weight: 1, halfSpread: 0.003, dailyVolatility: 0.04, adv: 4e6 },
    ],
  };
  const r = sleeveCapacity(two);
  const L = 0.5 ** 1.5 * (0.02 / 1000 + 0.04 / 2000);
  close(r.liquidity, L, 1e-14);
  close(r.spreadCostRate, 0.002, 1e-14);
  close(r.capacity, 4 * ((0.01 - 0.002) / L) ** 2, 1e-12);
  assert.equal(sleeveCapacity({ ...one, costShare: 0.03 }).capacity, 0);
  // quadrupling ADV quadruples capacity (A* ∝ 1/L² ∝ ADV)
  const big = sleeveCapacity({ ...one, holdings: [{ ...one.holdings[0], adv: 4e6 }] });
  close(big.capacity, 4 * 810_000, 1e-12);
});

test("sizeActiveRisk: hand cases for TE and alpha targets", () => {
  const a = sizeActiveRisk(0.012, 0.008, { trackingError: 0.004 });
  close(a.activeShare, 0.5, 1e-15);
  close(a.alpha, 0.006, 1e-15);
  assert.ok(a.feasible);
  const b = sizeActiveRisk(0.008, 0.01, { alpha: 0.01 });
  close(b.activeShare, 1.25, 1e-15);
  close(b.trackingError, 0.0125, 1e-15);
  assert.ok(!b.feasible);
  assert.throws(() => sizeActiveRisk(0.01, 0, { alpha: 0.01 }), ArgumentError);
  assert.throws(() => sizeActiveRisk(-0.01, 0.01, { alpha: 0.01 }), ArgumentError);
});

test("alphaTeamCorrelations: hand 2×2 case and sign of the marginal TE", () => {
  // σ = (0.03, 0.04), ρ = −0.5, w = (0.5, 0.5): Σw = (0.5·(9e-4 − 6e-4), 0.5·(−6e-4 + 1.6e-3)) = (1.5e-4, 5e-4)
  // TE² = 0.5·1.5e-4 + 0.5·5e-4 = 3.25e-4
  const cov = [
    [9e-4, -6e-4],
    [-6e-4, 1.6e-3],
  ];
  const c = alphaTeamCorrelations([0.5, 0.5], cov);
  const te = Math.sqrt(3.25e-4);
  close(c[0], 1.5e-4 / (0.03 * te), 1e-12);
  close(c[1], 5e-4 / (0.04 * te), 1e-12);
  const att = activeRiskAttribution([0.5, 0.5], [0.01, 0.01], cov);
  att.rows.forEach((r, i) => {
    assert.equal(Math.sign(r.marginalContributionToRisk), Math.sign(c[i]));
  });
});
