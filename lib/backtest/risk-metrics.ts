/**
 * Risk / return statistics of monthly percent returns beyond the article (its conclusion asks for
 * robustness work). Conventions follow empyrical / quantstats (README "References"):
 * - CAGR = W_n^(12/n) − 1 with W_n the growth of 1 after n months (years = n / 12), in percent;
 * - annualised volatility = std(r, ddof 1)·√12, percent;
 * - Calmar = CAGR / |max drawdown| (both percent; NaN when there is no drawdown);
 * - active return a_t = r_t − b_t against a benchmark (the base index) in the same month;
 *   tracking error = std(a, ddof 1)·√12 (percent), information ratio = mean(a)·12 / TE
 *   (= mean/std·√12; annualised — quantstats' `information_ratio` reports the un-annualised
 *   mean/std, i.e. ours / √12);
 * - hit rate = share of months with r_t > 0 (or r_t > b_t against a benchmark); zero returns are
 *   not hits and stay in the denominator (quantstats' `win_rate` drops them instead).
 * Inputs must be finite and, for the benchmark statistics, of equal length (same months).
 */
import { assertFiniteReturns, growthOfOne } from "./cumulative";
import { maxDrawdown } from "./drawdown";
import { isNumericallyZeroDeviation, mean, sampleStd } from "./sharpe";

const PERIODS = 12;

/** Compound annual growth rate in percent of n monthly percent returns. */
export function cagr(returns: ArrayLike<number>, periodsPerYear = PERIODS): number {
  const g = growthOfOne(returns);
  const end = g[g.length - 1];
  if (end <= 0) return -100;
  return (end ** (periodsPerYear / returns.length) - 1) * 100;
}

/** Annualised volatility in percent: sample std (ddof 1) · √12. Needs ≥ 2 months. */
export function annualVolatility(returns: ArrayLike<number>, periodsPerYear = PERIODS): number {
  return sampleStd(returns) * Math.sqrt(periodsPerYear);
}

/** Calmar ratio CAGR / |max drawdown|; NaN when the series has no drawdown (undefined). */
export function calmarRatio(returns: ArrayLike<number>, periodsPerYear = PERIODS): number {
  const mdd = maxDrawdown(returns);
  if (mdd === 0) return Number.NaN;
  return cagr(returns, periodsPerYear) / Math.abs(mdd);
}

/** Active returns r_t − b_t (percent); both arrays must cover the same months. */
export function activeReturns(returns: ArrayLike<number>, benchmark: ArrayLike<number>): number[] {
  assertFiniteReturns(returns, "activeReturns: returns");
  assertFiniteReturns(benchmark, "activeReturns: benchmark");
  if (returns.length !== benchmark.length)
    throw new Error(
      `activeReturns: ${returns.length} returns vs ${benchmark.length} benchmark returns (must be the same months)`,
    );
  return Array.from(returns, (r, i) => r - benchmark[i]);
}

/** Annualised tracking error in percent: std(r − b, ddof 1)·√12. */
export function trackingError(
  returns: ArrayLike<number>,
  benchmark: ArrayLike<number>,
  periodsPerYear = PERIODS,
): number {
  return sampleStd(activeReturns(returns, benchmark)) * Math.sqrt(periodsPerYear);
}

/**
 * Annualised information ratio mean(r − b)/std(r − b)·√12; NaN when the active return is
 * (numerically) constant — sd ≤ 1e-12·max(1, |mean|), see sharpe.ts — e.g. the benchmark against
 * itself, or a copy of it shifted by a constant with rounding noise.
 */
export function informationRatio(
  returns: ArrayLike<number>,
  benchmark: ArrayLike<number>,
  periodsPerYear = PERIODS,
): number {
  const a = activeReturns(returns, benchmark);
  const sd = sampleStd(a);
  const m = mean(a);
  if (isNumericallyZeroDeviation(sd, m)) return Number.NaN;
  return (m / sd) * Math.sqrt(periodsPerYear);
}

/** Share of months (0..1) with r_t > 0, or r_t > b_t when a benchmark is given. */
export function hitRate(returns: ArrayLike<number>, benchmark?: ArrayLike<number>): number {
  const x = benchmark ? activeReturns(returns, benchmark) : Array.from(returns);
  assertFiniteReturns(x, "hitRate");
  return x.filter((v) => v > 0).length / x.length;
}
