/**
 * Drawdowns of a compounded monthly return series (empyrical `max_drawdown` convention).
 *
 * Wealth W_0 = 1 before the first month and W_t = Π_{s≤t}(1 + r_s/100); the running peak
 * M_t = max(W_0, …, W_t) includes the starting value, so a loss in the very first month is a
 * drawdown. Drawdown DD_t = (W_t / M_t − 1)·100 ≤ 0, in percent, dated at month t; the maximum
 * drawdown is min_t DD_t (a negative percent, 0 when the series never falls below its peak).
 */
import { assertFiniteReturns, growthOfOne } from "./cumulative";

/** Drawdown DD_t in percent (≤ 0) for each month, same length as `returns`. */
export function drawdownSeries(returns: ArrayLike<number>): number[] {
  assertFiniteReturns(returns, "drawdownSeries");
  let peak = 1;
  return growthOfOne(returns).map((w) => {
    peak = Math.max(peak, w);
    return (w / peak - 1) * 100;
  });
}

/** Maximum drawdown in percent (≤ 0; e.g. −12.5 means a 12.5 % peak-to-trough loss). */
export function maxDrawdown(returns: ArrayLike<number>): number {
  return Math.min(0, ...drawdownSeries(returns));
}
