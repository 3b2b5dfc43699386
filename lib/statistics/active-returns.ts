/**
 * Ex-post statistics of a return series against a benchmark, and hit rates (empyrical /
 * quantstats conventions, README "References"):
 * - active return a_t = r_t − b_t against a benchmark in the same period;
 * - ex-post tracking error = sd(a, ddof 1)·√P, P periods per year (12 monthly), in the returns'
 *   units. Not the ex-ante tracking error √(aᵀΣa) of active weights under a covariance, which is
 *   lib/allocation/active-risk.ts's `exAnteTrackingError`;
 * - information ratio = mean(a)/sd(a)·√P (= mean(a)·P / tracking error; annualised — quantstats'
 *   `information_ratio` reports the un-annualised mean/sd, i.e. ours / √P); NaN when a is
 *   numerically constant (sharpe-ratio.ts's rule);
 * - hit rate = share of periods with r_t > 0 (or r_t > b_t against a benchmark), 0..1; zero
 *   returns are not hits and stay in the denominator (quantstats' `win_rate` drops them instead).
 * Inputs must be finite (NaN is an error naming its row) and, against a benchmark, of equal
 * length: the series are aligned by position (same periods, same order).
 */
import { checkFiniteReturns } from "../validation";
import { finiteMean, finiteSampleStd } from "./finite-moments";
import { MONTHLY_PERIODS } from "./periods";
import { isNumericallyZeroDeviation } from "./sharpe-ratio";

/** Active returns r_t − b_t; both arrays must cover the same periods. */
export function activeReturns(returns: ArrayLike<number>, benchmark: ArrayLike<number>): number[] {
  checkFiniteReturns(returns, "activeReturns: returns");
  checkFiniteReturns(benchmark, "activeReturns: benchmark");
  if (returns.length !== benchmark.length)
    throw new Error(
      `activeReturns: ${returns.length} returns vs ${benchmark.length} benchmark returns (must be the same months)`,
    );
  return Array.from(returns, (r, i) => r - benchmark[i]);
}

/** Annualised ex-post tracking error: std(r − b, ddof 1)·√periodsPerYear (default 12), in the returns' units. */
export function exPostTrackingError(
  returns: ArrayLike<number>,
  benchmark: ArrayLike<number>,
  periodsPerYear = MONTHLY_PERIODS,
): number {
  return finiteSampleStd(activeReturns(returns, benchmark)) * Math.sqrt(periodsPerYear);
}

/**
 * Annualised information ratio mean(r − b)/std(r − b)·√P; NaN when the active return is
 * (numerically) constant — sd ≤ 1e-12·max(1, |mean|), see sharpe-ratio.ts — e.g. the benchmark
 * against itself, or a copy of it shifted by a constant with rounding noise.
 */
export function informationRatio(
  returns: ArrayLike<number>,
  benchmark: ArrayLike<number>,
  periodsPerYear = MONTHLY_PERIODS,
): number {
  const a = activeReturns(returns, benchmark);
  const sd = finiteSampleStd(a);
  const m = finiteMean(a);
  if (isNumericallyZeroDeviation(sd, m)) return Number.NaN;
  return (m / sd) * Math.sqrt(periodsPerYear);
}

/** Share of periods (0..1) with r_t > 0, or r_t > b_t when a benchmark is given. */
export function hitRate(returns: ArrayLike<number>, benchmark?: ArrayLike<number>): number {
  const x = benchmark ? activeReturns(returns, benchmark) : Array.from(returns);
  checkFiniteReturns(x, "hitRate");
  return x.filter((v) => v > 0).length / x.length;
}
