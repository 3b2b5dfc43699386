/**
 * Drawdowns of a compounded return series (empyrical `max_drawdown` convention) and the Calmar
 * ratio (Young 1991).
 *
 * Wealth W_0..W_n: the growth of 1 of compounding.ts for returns (W_0 = 1 before the first
 * period), or any positive path such as an index level. The running peak M_t = max(W_0, …, W_t)
 * includes the starting value, so a loss in the very first period is a drawdown. Drawdown
 * DD_t = (W_t / M_t − 1)·u ≤ 0 (u = 100 for percent, 1 for fractions), dated at period t; the
 * maximum drawdown is min(0, min_t DD_t) (0 when the series never falls below its peak).
 * Calmar = CAGR / |max drawdown| (both in the same units), NaN when there is no drawdown.
 * Inputs must be finite (a NaN return is an error naming its row).
 */
import { checkFiniteReturns } from "../validation";
import { cagr, type PerformanceUnits, unitScale, wealthPath } from "./compounding";
import { MONTHLY_PERIODS } from "./periods";

/** Drawdowns DD_1..DD_n (≤ 0, in `units`) of a wealth path W_0..W_n (n values; the peak starts at W_0). */
export function pathDrawdowns(path: ArrayLike<number>, units: PerformanceUnits = "percent"): number[] {
  const u = unitScale(units);
  const out: number[] = [];
  let peak = path[0];
  for (let t = 1; t < path.length; t++) {
    peak = Math.max(peak, path[t]);
    out.push((path[t] / peak - 1) * u);
  }
  return out;
}

/** Maximum drawdown min(0, DD_1, …, DD_n) of a wealth path W_0..W_n, in `units` (≤ 0). */
export function pathMaxDrawdown(path: ArrayLike<number>, units: PerformanceUnits = "percent"): number {
  let mdd = 0;
  for (const dd of pathDrawdowns(path, units)) mdd = Math.min(mdd, dd);
  return mdd;
}

/** Drawdown DD_t in percent (≤ 0) for each period of percent returns, same length as `returns`. */
export function drawdownSeries(returns: ArrayLike<number>): number[] {
  checkFiniteReturns(returns, "drawdownSeries");
  return pathDrawdowns(wealthPath(returns));
}

/** Maximum drawdown in percent of percent returns (≤ 0; e.g. −12.5 means a 12.5 % peak-to-trough loss). */
export function maxDrawdown(returns: ArrayLike<number>): number {
  checkFiniteReturns(returns, "drawdownSeries");
  return pathMaxDrawdown(wealthPath(returns));
}

/** Calmar ratio CAGR / |max drawdown| of two statistics in the same units; NaN without a drawdown (undefined). */
export function calmarOf(cagrValue: number, maxDrawdownValue: number): number {
  return maxDrawdownValue === 0 ? Number.NaN : cagrValue / Math.abs(maxDrawdownValue);
}

/** Calmar ratio CAGR / |max drawdown| of percent returns; NaN when the series has no drawdown (undefined). */
export function calmarRatio(returns: ArrayLike<number>, periodsPerYear = MONTHLY_PERIODS): number {
  const mdd = maxDrawdown(returns);
  return calmarOf(cagr(returns, periodsPerYear), mdd);
}
