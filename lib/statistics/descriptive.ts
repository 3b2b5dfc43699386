/**
 * Descriptive statistics of one sample x_1..x_n: the one implementation of the mean, the
 * variance and the standard deviation (issue 18), called by the performance measures of this
 * folder (Sharpe ratio, volatility, tracking error), the strategic index and its estimates, the
 * AiLA report, the factor z-scores, the model's StandardScaler, the risk models and lib/research's
 * significance statistics.
 *
 * Formulas (n values, m the mean):
 *   mean                 m = (x_1 + … + x_n) / n, summed left to right in plain floating point
 *   variance(x, ddof)    s² = Σ_i (x_i − m)² / (n − ddof), two passes (no E[x²] − m² cancellation)
 *   sample variance      ddof = 1 (Bessel's correction; pandas `Series.std()` / numpy `ddof=1`)
 *   population variance  ddof = 0 (numpy's default `np.var`, scikit-learn's StandardScaler)
 *   standard deviation   √variance with the same ddof
 *   median               middle order statistic; (a + b)/2 of the two middle ones for even n
 * `standardScalerMoments` is scikit-learn's StandardScaler fit of one column (`_incremental_mean_
 * and_var` for a single batch): m over the non-missing values, then the population variance with
 * the rounding correction s² = (Σd² − (Σd)²/n)/n, d = x − m, and the scale √s², or 1 when
 * s² ≤ n·ε·s² + (n·m·ε)² (scikit-learn's constant-feature rule, ε = 2⁻⁵²; a rounding-negative s²
 * is constant too).
 *
 * Units: the results are in the units of x (the variance in squared units); nothing is annualised
 * here (see performance.ts). Values are used as given — percent stays percent.
 *
 * NaN policy: `mean`, `variance`, `std` and their named forms propagate NaN (one NaN in x gives
 * NaN, IEEE arithmetic); callers that must reject NaN check first (lib/validation.ts's
 * `checkFiniteReturns`; finite-moments.ts's `finiteMean` / `finiteSampleStd` do both). Too few values give NaN, not an error: the mean of no values, a variance
 * with n ≤ ddof. `standardScalerMoments` instead ignores NaN (scikit-learn's missing-value rule)
 * and reports the count n of the values it used.
 *
 * ## simple-statistics: used for the mean, not for the variance or the median — why
 *
 * The model's features (factor z-scores, the StandardScaler) feed an exact xgboost-parity
 * booster and printed notebook outputs, so these functions must return the same bits as the
 * hand-written loops they replace. simple-statistics' `meanSimple` is the plain sum / n, bit for
 * bit those loops, so `mean` calls it. Its `mean`, and through it `variance`, `sampleVariance`,
 * `standardDeviation`, `sampleStandardDeviation`, `sumNthPowerDeviations` and `sampleCovariance`,
 * use the compensated (Kahan–Babuška–Neumaier) `sum`, which differs from a plain sum in the last
 * bits; it has no variance built on `meanSimple`, so the two-pass variance is written here. Its
 * `median` interpolates a + ½(b − a) between the two middle values (numpy's type-7 quantile),
 * not (a + b)/2, so an even-count median can differ in the last bit too.
 * test/statistics/descriptive.test.ts shows an input for each difference. This is the one place
 * in lib/ that says why simple-statistics is not used for these statistics.
 */
import { meanSimple } from "simple-statistics";

/** `xs` as an array for simple-statistics (a typed array is copied; the values are unchanged). */
function asArray(xs: ArrayLike<number>): readonly number[] {
  return Array.isArray(xs) ? (xs as readonly number[]) : Array.from(xs);
}

/** Arithmetic mean Σx/n (plain left-to-right sum: simple-statistics `meanSimple`); NaN when empty or with a NaN. */
export function mean(xs: ArrayLike<number>): number {
  if (xs.length === 0) return Number.NaN;
  return meanSimple(asArray(xs));
}

/**
 * Variance Σ(x − m)²/(n − ddof) in two passes (m = `mean(xs)`). `ddof` = 1 is the sample
 * variance (pandas' default), 0 the population variance (numpy's default). NaN when n ≤ ddof or
 * any value is NaN.
 */
export function variance(xs: ArrayLike<number>, ddof: number): number {
  if (!(Number.isInteger(ddof) && ddof >= 0)) throw new Error(`variance: ddof must be an integer ≥ 0, got ${ddof}`);
  const n = xs.length;
  if (n <= ddof) return Number.NaN;
  const m = mean(xs);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (xs[i] - m) ** 2;
  return ss / (n - ddof);
}

/** Standard deviation √variance(xs, ddof) (see `variance`). */
export function std(xs: ArrayLike<number>, ddof: number): number {
  return Math.sqrt(variance(xs, ddof));
}

/** Sample variance, ddof = 1 (pandas `Series.var()`); NaN for fewer than 2 values. */
export function sampleVariance(xs: ArrayLike<number>): number {
  return variance(xs, 1);
}

/** Sample standard deviation, ddof = 1 (pandas `Series.std()`, empyrical); NaN for fewer than 2 values. */
export function sampleStd(xs: ArrayLike<number>): number {
  return std(xs, 1);
}

/** Population variance, ddof = 0 (numpy `np.var`); NaN when empty. */
export function populationVariance(xs: ArrayLike<number>): number {
  return variance(xs, 0);
}

/** Population standard deviation, ddof = 0 (numpy `np.std`); NaN when empty. */
export function populationStd(xs: ArrayLike<number>): number {
  return std(xs, 0);
}

/** The deviations x_i − m from the mean m = `mean(xs)` (NaN everywhere when any value is NaN). */
export function demean(xs: ArrayLike<number>): number[] {
  const m = mean(xs);
  return Array.from(xs, (v) => v - m);
}

/**
 * Median: the middle value of the sorted values, or the mean (a + b)/2 of the two middle ones for
 * an even count; NaN when empty or any value is NaN.
 */
export function median(xs: ArrayLike<number>): number {
  const s = Array.from(xs);
  if (s.length === 0 || s.some((v) => Number.isNaN(v))) return Number.NaN;
  s.sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** A StandardScaler fit of one column (see the module comment). */
export interface StandardScalerMoments {
  /** Number of non-missing values used. */
  n: number;
  /** Mean of the non-missing values (NaN when n = 0). */
  mean: number;
  /**
   * Population variance (ddof 0) with scikit-learn's rounding correction; it can come out a few
   * ulps below 0 for a constant column, and is ±Infinity or NaN when the values overflow.
   */
  variance: number;
  /** √variance, or 1 for a (numerically) constant column; NaN when n = 0. */
  scale: number;
}

/**
 * scikit-learn StandardScaler statistics of one column, NaN ignored: mean, population variance
 * (Σd² − (Σd)²/n)/n with d = x − mean (not clamped: see `StandardScalerMoments.variance`), and the
 * scale (1 for a constant column: variance ≤ n·ε·variance + (n·mean·ε)²). ±Infinity and overflow
 * are not rejected here (mean or variance become non-finite; the callers report it).
 */
export function standardScalerMoments(xs: ArrayLike<number>): StandardScalerMoments {
  const kept: number[] = [];
  for (let i = 0; i < xs.length; i++) if (!Number.isNaN(xs[i])) kept.push(xs[i]);
  const n = kept.length;
  if (n === 0) return { n, mean: Number.NaN, variance: Number.NaN, scale: Number.NaN };
  const m = mean(kept);
  let correction = 0;
  let sq = 0;
  for (const v of kept) {
    const d = v - m;
    correction += d;
    sq += d * d;
  }
  const v = (sq - (correction * correction) / n) / n;
  const eps = Number.EPSILON;
  const constant = v <= n * eps * v + (n * m * eps) ** 2;
  return { n, mean: m, variance: v, scale: constant ? 1 : Math.sqrt(v) };
}

/**
 * Pearson correlation of paired values (deviations from the plain means, one pass); NaN when
 * fewer than 2 pairs or either side is constant within rounding. Unequal lengths are an error.
 */
export function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  if (n !== y.length) throw new Error(`pearson: ${n} and ${y.length} values`);
  if (n < 2) return Number.NaN;
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const a = x[i] - mx;
    const b = y[i] - my;
    sxy += a * b;
    sxx += a * a;
    syy += b * b;
  }
  // Constant within rounding (sum of squared deviations ≤ 1e-24·n·max(1, mean²), i.e. an sd
  // below 1e-12 relative to the mean's magnitude floored at 1, as in sharpe-ratio.ts).
  const tx = 1e-24 * n * Math.max(1, mx * mx);
  const ty = 1e-24 * n * Math.max(1, my * my);
  if (sxx <= tx || syy <= ty) return Number.NaN;
  return sxy / Math.sqrt(sxx * syy);
}
