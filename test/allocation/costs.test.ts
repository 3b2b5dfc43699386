import assert from "node:assert/strict";
import { test } from "node:test";
import {
  applyNoTradeBand,
  driftWeights,
  implementationShortfall,
  oneWayTurnover,
  rebalanceCost,
} from "../../lib/allocation";
import { assertClose as close } from "../helpers";

test("oneWayTurnover is one-way: a full switch is 1, a 10-point shift is 0.1", () => {
  close(oneWayTurnover([1, 0], [0, 1]), 1);
  close(oneWayTurnover([0.5, 0.3, 0.2], [0.4, 0.4, 0.2]), 0.1);
});

test("driftWeights by hand: [0.5, 0.5] with returns [+10%, −10%] → [0.55, 0.45]", () => {
  const w = driftWeights([0.5, 0.5], [0.1, -0.1]);
  close(w[0], 0.55);
  close(w[1], 0.45);
});

// Hand example: V = 100m; asset 0 goes 0.5 → 0.6 (buy 10m), asset 1 0.5 → 0.4 (sell 10m).
// Asset 0: s = 5 bps, σ = 2%, ADV = 40m: spread 10m·0.0005 = 5,000; impact 10m·0.02·√(10/40) = 100,000.
// Asset 1: s = 10 bps, σ = 1%, ADV = 250m: spread 10,000; impact 10m·0.01·√(0.04) = 20,000.
test("rebalanceCost: half-spread + square-root impact by hand", () => {
  const r = rebalanceCost([0.5, 0.5], [0.6, 0.4], {
    portfolioValue: 100e6,
    halfSpread: [0.0005, 0.001],
    dailyVolatility: [0.02, 0.01],
    adv: [40e6, 250e6],
  });
  close(r.assets[0].tradeValue, 10e6, 1e-6);
  close(r.assets[0].spreadCost, 5000, 1e-6);
  close(r.assets[0].impactCost, 100000, 1e-6);
  close(r.assets[1].spreadCost, 10000, 1e-6);
  close(r.assets[1].impactCost, 20000, 1e-6);
  close(r.totalCost, 135000, 1e-6);
  close(r.costFraction, 0.00135);
  close(r.turnover, 0.1);
  close(r.tradedValue, 20e6, 1e-6);
  // Scale: doubling assets under management multiplies the impact rate by √2, the spread rate by 1.
  const r2 = rebalanceCost([0.5, 0.5], [0.6, 0.4], {
    portfolioValue: 200e6,
    halfSpread: [0.0005, 0.001],
    dailyVolatility: [0.02, 0.01],
    adv: [40e6, 250e6],
  });
  close(r2.impactCost / r2.tradedValue / (r.impactCost / r.tradedValue), Math.SQRT2);
  close(r2.spreadCost / r2.tradedValue, r.spreadCost / r.tradedValue);
  assert.throws(
    () => rebalanceCost([1], [0], { portfolioValue: 1, halfSpread: [0], dailyVolatility: [0], adv: [0] }),
    /adv\[0\] = 0 must be > 0/,
  );
});

test("applyNoTradeBand: trades only when the largest drift exceeds the threshold", () => {
  const target = [0.5, 0.3, 0.2];
  const small = applyNoTradeBand([0.51, 0.29, 0.2], target, 0.02);
  assert.equal(small.trade, false);
  assert.deepEqual(small.weights, [0.51, 0.29, 0.2]);
  close(small.maxDrift, 0.01);
  const big = applyNoTradeBand([0.55, 0.25, 0.2], target, 0.02);
  assert.equal(big.trade, true);
  assert.deepEqual(big.weights, target);
  assert.equal(applyNoTradeBand([0.52, 0.28, 0.2], [0.5, 0.3, 0.2], 0.5).trade, false);
  assert.throws(() => applyNoTradeBand([1], [1], -1), /threshold/);
});

// Hand example: buy 1,000 at decision 50, filled 800 at 50.10, close 51; sell 500 at decision 20,
// filled at 19.95; fees 10.
// execution: 800·0.10 + (−500)·(−0.05) = 80 + 25 = 105; opportunity: 200·1 = 200; total 315;
// paper notional 1000·50 + 500·20 = 60,000; shortfall 315/60,000 = 52.5 bps.
test("implementationShortfall (Perold) by hand", () => {
  const r = implementationShortfall([
    { quantity: 1000, filled: 800, decisionPrice: 50, executionPrice: 50.1, closePrice: 51 },
    { quantity: -500, decisionPrice: 20, executionPrice: 19.95, fees: 10 },
  ]);
  close(r.executionCost, 105, 1e-9);
  close(r.opportunityCost, 200, 1e-9);
  close(r.fees, 10);
  close(r.total, 315, 1e-9);
  close(r.paperNotional, 60000);
  close(r.shortfallFraction * 1e4, 52.5, 1e-9);
  assert.throws(
    () => implementationShortfall([{ quantity: 10, filled: 5, decisionPrice: 1, executionPrice: 1 }]),
    /closePrice is needed/,
  );
  assert.throws(
    () => implementationShortfall([{ quantity: 10, filled: -5, decisionPrice: 1, executionPrice: 1 }]),
    /sign of quantity/,
  );
});
