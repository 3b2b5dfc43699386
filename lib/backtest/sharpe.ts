/**
 * Sharpe ratio of monthly percent returns.
 *
 * SR = mean(r − rf) / std(r − rf) · √P, with the sample standard deviation (ddof = 1, pandas'
 * `Series.std()` default and empyrical's convention) and P periods per year.
 * - Article (In[46]): P = 252 although the returns are monthly — an erratum; it multiplies mean
 *   and std by 100 (cancels) and its `risk_free_rate` is in the same units as the returns.
 * - Corrected: P = 12 for monthly returns (empyrical / quantstats). The corrected value is the
 *   article's divided by √21 exactly.
 * The ratio is unit-free; `riskFree` is a percent per month like the returns.
 *
 * Degenerate series: when the deviation is numerically zero — sd ≤ 1e-12 · max(1, |mean|)
 * (`ZERO_DEVIATION_REL_TOL`) — the ratio is NaN (undefined), not mean/sd. A constant series such
 * as twelve months of 0.1 % has, after floating-point summation, an sd of about 1e-17 instead of
 * 0, and mean/sd would print a Sharpe ratio near 1e16 in summary.csv. The tolerance is relative to
 * the mean's magnitude (floored at 1 % per month) because the rounding noise of the mean scales
 * with it; a genuine monthly sd below 1e-12 % is not a return series anyone backtests.
 *
 * `sharpeRatio` also scales the tolerance by the magnitude of its inputs, max_t |r_t| and |rf|:
 * every excess return r_t − rf carries a rounding error of up to ε·max(|r_t|, |rf|) (ε ≈ 2.2e-16),
 * so when large returns nearly cancel against the risk-free rate (r ≈ 1e6 ± 1 ulp, rf = 1e6 − 0.1)
 * the excess returns' sd is pure rounding although |mean| is small; 1e-12 is ~4500 ε, far above
 * rounding and far below any real spread. `sharpeRatioDetail` returns the value with the mean,
 * the sd, the threshold and, when the value is NaN, the reason.
 */
import { mean as plainMean, sampleStd as plainSampleStd } from "../statistics/descriptive";
import { assertFiniteReturns } from "./cumulative";

/** Arithmetic mean of finite returns (lib/statistics/descriptive.ts `mean`); throws on NaN, ±Infinity or no value. */
export function mean(xs: ArrayLike<number>): number {
  assertFiniteReturns(xs, "mean");
  return plainMean(xs);
}

/**
 * Sample standard deviation (ddof = 1, like pandas `std()`; lib/statistics/descriptive.ts
 * `sampleStd`) of finite returns; needs at least 2 values.
 */
export function sampleStd(xs: ArrayLike<number>): number {
  assertFiniteReturns(xs, "sampleStd", 2);
  return plainSampleStd(xs);
}

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

/** Periods per year the article uses for its monthly Sharpe ratio (an erratum). */
export const ARTICLE_SHARPE_PERIODS = 252;
/** Periods per year of monthly returns. */
export const MONTHLY_PERIODS = 12;

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
  assertFiniteReturns(returns, "sharpeRatio", 2);
  const excess = Array.from(returns, (r) => r - rf);
  const sd = sampleStd(excess);
  const m = mean(excess);
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

/** The article's Sharpe ratio (In[46]): monthly mean/std(ddof 1) · √252. */
export function articleSharpeRatio(returns: ArrayLike<number>, riskFree = 0): number {
  return sharpeRatio(returns, { periodsPerYear: ARTICLE_SHARPE_PERIODS, riskFree });
}

/** The corrected Sharpe ratio of monthly returns: mean/std(ddof 1) · √12. */
export function correctedSharpeRatio(returns: ArrayLike<number>, riskFree = 0): number {
  return sharpeRatio(returns, { periodsPerYear: MONTHLY_PERIODS, riskFree });
}
