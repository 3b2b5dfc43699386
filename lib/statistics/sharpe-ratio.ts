/**
 * The Sharpe ratio of per-period returns (Sharpe 1994), and the rule that says when a standard
 * deviation is rounding noise (used by the information ratio and lib/research too).
 *
 * SR = mean(r − rf) / sd(r − rf) · √P, sd the sample standard deviation (ddof = 1, pandas'
 * `Series.std()` default and empyrical's convention), P periods per year (12 for monthly returns,
 * `MONTHLY_PERIODS`; lib/backtest/sharpe.ts has the article's √252 variant). The ratio is
 * unit-free; `riskFree` is per period, in the returns' units.
 *
 * Degenerate series: when the deviation is numerically zero — sd ≤ 1e-12 · max(1, |mean|)
 * (`ZERO_DEVIATION_REL_TOL`) — the ratio is NaN (undefined), not mean/sd. A constant series such
 * as twelve months of 0.1 % has, after floating-point summation, an sd of about 1e-17 instead of
 * 0, and mean/sd would print a Sharpe ratio near 1e16. The tolerance is relative to the mean's
 * magnitude (floored at 1, i.e. 1 % per month for percent returns) because the rounding noise of
 * the mean scales with it; a genuine monthly sd below 1e-12 % is not a return series anyone
 * backtests.
 *
 * `sharpeRatio` also scales the tolerance by the magnitude of its inputs, max_t |r_t| and |rf|:
 * every excess return r_t − rf carries a rounding error of up to ε·max(|r_t|, |rf|) (ε ≈ 2.2e-16),
 * so when large returns nearly cancel against the risk-free rate (r ≈ 1e6 ± 1 ulp, rf = 1e6 − 0.1)
 * the excess returns' sd is pure rounding although |mean| is small; 1e-12 is ~4500 ε, far above
 * rounding and far below any real spread. `sharpeRatioDetail` returns the value with the mean,
 * the sd, the threshold and, when the value is NaN, the reason.
 *
 * Inputs: at least 2 finite returns (lib/validation.ts `checkFiniteReturns`; NaN is an error).
 */
import { checkFiniteReturns } from "../validation";
import { finiteMean, finiteSampleStd } from "./finite-moments";
import { MONTHLY_PERIODS } from "./periods";

/** Relative tolerance below which a standard deviation counts as zero (see the module comment). */
export const ZERO_DEVIATION_REL_TOL = 1e-12;

/**
 * Whether `sd` is numerically zero for a series with mean `m`: sd ≤ 1e-12 · max(1, |m|, scale),
 * where `scale` (default 0) is the magnitude of the values the series was computed from (see the
 * module comment).
 */
export function isNumericallyZeroDeviation(sd: number, m: number, scale = 0): boolean {
  return sd <= zeroDeviationThreshold(m, scale);
}

/** The threshold 1e-12 · max(1, |m|, scale) of {@link isNumericallyZeroDeviation}. */
export function zeroDeviationThreshold(m: number, scale = 0): number {
  return ZERO_DEVIATION_REL_TOL * Math.max(1, Math.abs(m), scale);
}

export interface SharpeOptions {
  /** Annualisation: SR is multiplied by √periodsPerYear. Default 12 (monthly). */
  periodsPerYear?: number;
  /** Risk-free rate per period, in the returns' units (percent per month). Default 0. */
  riskFree?: number;
}

/** A Sharpe ratio with the statistics it was computed from and, when undefined, why. */
export interface SharpeRatioDetail {
  /** The annualised ratio, or NaN when it is undefined (then `reason` says why). */
  value: number;
  /** Mean of the excess returns r − rf per period. */
  mean: number;
  /** Sample standard deviation (ddof 1) of the excess returns per period. */
  sd: number;
  /** 1e-12 · max(1, |mean|, max|r|, |rf|): an sd at or below it is rounding noise. */
  threshold: number;
  /** Set exactly when `value` is NaN. */
  reason?: string;
}

/**
 * Annualised Sharpe ratio mean/std·√P of per-period returns with its inputs (see the module
 * comment). Needs ≥ 2 finite returns. `value` is NaN when the excess returns are (numerically)
 * constant — sd ≤ 1e-12 · max(1, |mean|, max_t |r_t|, |rf|) — and `reason` says so.
 */
export function sharpeRatioDetail(returns: ArrayLike<number>, opts: SharpeOptions = {}): SharpeRatioDetail {
  const P = opts.periodsPerYear ?? MONTHLY_PERIODS;
  if (!(P > 0)) throw new Error(`sharpeRatio: periodsPerYear must be positive, got ${P}`);
  const rf = opts.riskFree ?? 0;
  if (!Number.isFinite(rf)) throw new Error(`sharpeRatio: riskFree must be a finite number, got ${rf}`);
  checkFiniteReturns(returns, "sharpeRatio", 2);
  const excess = Array.from(returns, (r) => r - rf);
  const sd = finiteSampleStd(excess);
  const m = finiteMean(excess);
  let scale = Math.abs(rf);
  for (let i = 0; i < returns.length; i++) scale = Math.max(scale, Math.abs(returns[i]));
  const threshold = zeroDeviationThreshold(m, scale);
  if (sd <= threshold)
    return {
      value: Number.NaN,
      mean: m,
      sd,
      threshold,
      reason: `the excess returns are constant: their standard deviation ${sd} is at rounding level (≤ ${threshold} = 1e-12·max(1, |mean|, max|r|, |rf|)), so the Sharpe ratio is undefined`,
    };
  return { value: (m / sd) * Math.sqrt(P), mean: m, sd, threshold };
}

/**
 * Annualised Sharpe ratio mean/std·√P of per-period returns (see module comment). Needs ≥ 2
 * finite returns. Returns NaN when the excess returns are (numerically) constant: sd ≤ 1e-12 ·
 * max(1, |mean|, max|r|, |rf|), see `sharpeRatioDetail` for the reason — the ratio is undefined then.
 */
export function sharpeRatio(returns: ArrayLike<number>, opts: SharpeOptions = {}): number {
  return sharpeRatioDetail(returns, opts).value;
}
