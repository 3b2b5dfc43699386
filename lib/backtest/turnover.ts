/**
 * Factor-switch turnover of a rotation strategy and its return after a cost per switch.
 *
 * The strategy holds factor weights w_t (one-hot for "hold the predicted factor", the shifted
 * probabilities for the probability-weighted mix) during month t. The fraction switched at the
 * start of month t is s_t = ½ Σ_k |w_{t,k} − w_{t−1,k}| (one-way turnover between factor
 * portfolios: 1 for a full switch from one factor to another, 0 when unchanged); the initial
 * entry into the first month is not counted (s_1 = 0). Switches per year = Σ s_t / (n / 12).
 * This measures switching between the factor portfolios only, not the stock-level trading inside
 * each factor portfolio.
 *
 * Cost: a switch of fraction s_t costs s_t · c bps, charged in month t:
 * r_net_t = r_t − s_t · c / 100 (percent).
 */
import { checkFiniteReturns } from "../validation";

/** s_t for each month (s_1 = 0); every weight map must have the same keys. */
export function switchFractions(weights: readonly Readonly<Record<string, number>>[]): number[] {
  return weights.map((w, t) => {
    if (t === 0) return 0;
    const prev = weights[t - 1];
    const keys = new Set([...Object.keys(w), ...Object.keys(prev)]);
    let s = 0;
    for (const k of keys) {
      const a = w[k] ?? 0;
      const b = prev[k] ?? 0;
      if (!Number.isFinite(a) || !Number.isFinite(b))
        throw new Error(`switchFractions: weight of "${k}" at row ${Number.isFinite(a) ? t - 1 : t} is not finite`);
      s += Math.abs(a - b);
    }
    return s / 2;
  });
}

/** Factor switches per year: Σ s_t / (n / periodsPerYear). */
export function switchesPerYear(weights: readonly Readonly<Record<string, number>>[], periodsPerYear = 12): number {
  if (weights.length === 0) throw new Error("switchesPerYear: no months");
  const total = switchFractions(weights).reduce((a, b) => a + b, 0);
  return total / (weights.length / periodsPerYear);
}

/** Monthly percent returns after a cost of `costBps` basis points per full switch. */
export function returnsAfterCosts(
  returns: ArrayLike<number>,
  weights: readonly Readonly<Record<string, number>>[],
  costBps: number,
): number[] {
  checkFiniteReturns(returns, "returnsAfterCosts");
  if (!(costBps >= 0) || !Number.isFinite(costBps))
    throw new Error(`returnsAfterCosts: costBps must be a finite number ≥ 0, got ${costBps}`);
  if (weights.length !== returns.length)
    throw new Error(`returnsAfterCosts: ${returns.length} returns vs ${weights.length} weight rows`);
  const s = switchFractions(weights);
  return Array.from(returns, (r, t) => r - (s[t] * costBps) / 100);
}
