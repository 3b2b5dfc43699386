/**
 * Periodic rebalancing with a no-trade band and trading costs: the weights drift with returns
 * between rebalances, and at each rebalance the portfolio trades to the new target only if the
 * drift exceeds the band (`applyNoTradeBand`); the cost of the trade (a fraction of the portfolio,
 * e.g. `rebalanceCost(...).costFraction`) is paid at the start of the period.
 *
 * Per period t (aligned: targets[t] are decided at the START of period t, returns[t] are earned
 * DURING period t, both as fractions):
 *   held_t = target_t if the band is breached else drifted_t (drifted_0 = initial, default target_0)
 *   gross_t = Σ held_t,i r_t,i,   net_t = (1 − cost_t)(1 + gross_t) − 1
 *   drifted_{t+1} = driftWeights(held_t, r_t)
 * No NaN accepted: a missing return must be filled (e.g. 0 for a suspended stock) before calling.
 */

import { checkVector, type Vec } from "../validation";
import { applyNoTradeBand, driftWeights, turnover } from "./costs";

export interface RebalancingInput {
  /** Target weights per period (each sums to 1). */
  targets: readonly Vec[];
  /** Asset returns per period (fractions). */
  returns: readonly Vec[];
  /** No-trade band on the largest absolute weight drift (0 = always rebalance). */
  band: number;
  /** Cost of trading from `from` to `to`, as a fraction of the portfolio (default: no cost). */
  cost?: (from: number[], to: number[], period: number) => number;
  /** Weights held before the first period (default: targets[0], bought without cost). */
  initial?: Vec;
}

export interface RebalancingPeriod {
  traded: boolean;
  /** Weights held during the period (after the decision). */
  weights: number[];
  /** One-way turnover of the trade (0 if none). */
  turnover: number;
  /** Cost paid, fraction of the portfolio. */
  cost: number;
  grossReturn: number;
  netReturn: number;
}

/** Simulate drift, band decisions, turnover and costs period by period. */
export function simulateRebalancing(input: RebalancingInput): RebalancingPeriod[] {
  const fn = "simulateRebalancing";
  const T = input.targets.length;
  if (T === 0) throw new Error(`${fn}: no periods`);
  if (input.returns.length !== T)
    throw new Error(`${fn}: ${T} target periods but ${input.returns.length} return periods`);
  const n = input.targets[0].length;
  let current = checkVector(fn, "initial", input.initial ?? input.targets[0], n);
  const out: RebalancingPeriod[] = [];
  for (let t = 0; t < T; t++) {
    const target = checkVector(fn, `targets[${t}]`, input.targets[t], n);
    const sum = target.reduce((a, x) => a + x, 0);
    if (Math.abs(sum - 1) > 1e-9) throw new Error(`${fn}: targets[${t}] sums to ${sum}, expected 1`);
    const r = checkVector(fn, `returns[${t}]`, input.returns[t], n);
    const decision = applyNoTradeBand(current, target, input.band);
    const to = turnover(current, decision.weights);
    const cost = decision.trade && input.cost ? input.cost(current, decision.weights, t) : 0;
    if (!Number.isFinite(cost) || cost < 0 || cost >= 1) throw new Error(`${fn}: cost of period ${t} is ${cost}`);
    const held = decision.weights;
    const gross = held.reduce((a, w, i) => a + w * r[i], 0);
    out.push({
      traded: decision.trade,
      weights: held,
      turnover: to,
      cost,
      grossReturn: gross,
      netReturn: (1 - cost) * (1 + gross) - 1,
    });
    current = driftWeights(held, r);
  }
  return out;
}
