/**
 * Risk models: the covariance, correlation and volatility estimators of lib/ in one module
 * (issue 18). Each is a pure function of aligned return series; none annualises unless stated.
 *
 * - `covarianceMatrix`: sample covariance S_ij = Σ_t (x_it − x̄_i)(x_jt − x̄_j) / (T − 1) (ddof 1,
 *   ml-matrix), one series per entry, all of the same length T ≥ 2. Units: squared units of the
 *   series, per period.
 * - `correlationMatrix`: Pearson correlation r_ij = S_ij / √(S_ii S_jj) (ml-matrix), diagonal set to
 *   exactly 1; a constant series is an error (its correlation is undefined).
 * - `covarianceFromCorrelation` / `correlationFromCovariance`: Σ = D R D and R = D⁻¹ Σ D⁻¹ with
 *   D = diag(σ); the units are those of σ (and σ²).
 * - `ledoitWolfConstantCorrelation`: the Ledoit & Wolf (2004, "Honey, I shrunk the sample
 *   covariance matrix") optimal intensity δ = max(0, min(1, κ/T)) for shrinking the sample
 *   covariance towards the constant-correlation target (formulas in lib/allocation/estimates.ts,
 *   which applies it to the funds' alpha correlation); moments over T, not T − 1.
 * - `constantCorrelationCovariance`: the strategic index's risk-parity covariance (step 3 of
 *   lib/allocation/strategic-index.ts): Σ = D R D with D the sample volatilities (ddof 1) of each
 *   name's returns in the window (the median of the known ones for a name with fewer than
 *   `minObservations` returns or zero volatility; 1 when none is known) and R the constant
 *   correlation ρ̄ = mean of the pairwise Pearson correlations over the months both names have
 *   (pairs with fewer than `minObservations` common months left out), clipped to [0, 0.95]
 *   (Elton & Gruber 1973). Monthly percent in, monthly percent² out.
 * - `ewmaVolatility`: zero-mean exponentially weighted (RiskMetrics 1996) volatility of daily
 *   returns, λ = 1 − 2/(L + 1) from the lookback L, seeded with the mean of the first L squared
 *   returns, σ_t = √(A·v_t) annualised by A (default 252; A = 1 gives the daily volatility).
 *   Fractions in, fractions out (of the returns' units).
 *
 * Alignment and NaN: the matrix estimators need aligned series without NaN (an ArgumentError
 * names the offending entry, lib/validation.ts); `constantCorrelationCovariance` takes the months
 * as maps in which an absent name is missing and uses pairwise-complete months; `ewmaVolatility`
 * skips NaN returns (holidays: σ carries its previous value) and is NaN before L observations.
 * Means and standard deviations come from descriptive.ts.
 */
import { correlation, covariance, Matrix } from "ml-matrix";
import { checkCovariance, checkVector, type Mat, type Vec } from "../validation";
import { demean, mean, median, sampleStd } from "./descriptive";

// ---------------------------------------------------------------------------------------------
// Sample covariance and correlation matrices (formerly lib/allocation/active-risk.ts)

function seriesMatrix(fn: string, series: Mat): Matrix {
  if (!Array.isArray(series) || series.length === 0) throw new Error(`${fn}: series must be a non-empty list`);
  const t = series[0].length;
  if (t < 2) throw new Error(`${fn}: each series needs at least 2 observations, got ${t}`);
  const cols = series.map((s, k) => checkVector(fn, `series ${k}`, s, t));
  // ml-matrix wants observations in rows, variables in columns.
  return new Matrix(cols).transpose();
}

/**
 * Sample covariance (ddof 1) of several series given one series per entry (e.g. monthly alphas of
 * each fund, aligned on the same months). Units: squared units of the series, per period.
 */
export function covarianceMatrix(series: Mat): number[][] {
  return covariance(seriesMatrix("covarianceMatrix", series)).to2DArray();
}

/**
 * Alpha correlation matrix: Pearson correlation of the series (one per fund, aligned on the same
 * periods). A constant series has an undefined correlation and raises an error.
 */
export function correlationMatrix(series: Mat): number[][] {
  const m = seriesMatrix("correlationMatrix", series);
  for (let j = 0; j < m.columns; j++) {
    const c = m.getColumn(j);
    if (c.every((x) => x === c[0])) throw new Error(`correlationMatrix: series ${j} is constant`);
  }
  const c = correlation(m).to2DArray();
  for (let i = 0; i < c.length; i++) c[i][i] = 1;
  return c;
}

/** Covariance Σ_ij = ρ_ij σ_i σ_j from volatilities (tracking errors) and a correlation matrix. */
export function covarianceFromCorrelation(vols: Vec, corr: Mat): number[][] {
  const fn = "covarianceFromCorrelation";
  const v = checkVector(fn, "vols", vols);
  const c = checkCovariance(fn, "corr", corr, v.length);
  v.forEach((x, i) => {
    if (x < 0) throw new Error(`${fn}: vols[${i}] = ${x} is negative`);
    if (Math.abs(c[i][i] - 1) > 1e-12) throw new Error(`${fn}: corr[${i}][${i}] = ${c[i][i]}, expected 1`);
  });
  for (let i = 0; i < c.length; i++) {
    for (let j = 0; j < c.length; j++) {
      if (Math.abs(c[i][j]) > 1 + 1e-12) throw new Error(`${fn}: corr[${i}][${j}] = ${c[i][j]} is outside [-1, 1]`);
    }
  }
  return c.map((row, i) => row.map((x, j) => x * v[i] * v[j]));
}

/** Correlation matrix ρ_ij = Σ_ij / (σ_i σ_j) of a covariance matrix (zero variance is an error). */
export function correlationFromCovariance(cov: Mat): number[][] {
  const s = checkCovariance("correlationFromCovariance", "cov", cov);
  const sd = s.map((r, i) => Math.sqrt(r[i]));
  sd.forEach((x, i) => {
    if (x === 0) throw new Error(`correlationFromCovariance: cov[${i}][${i}] is 0, correlation undefined`);
  });
  return s.map((r, i) => r.map((x, j) => (i === j ? 1 : x / (sd[i] * sd[j]))));
}

// ---------------------------------------------------------------------------------------------
// Ledoit–Wolf shrinkage intensity (formerly lib/allocation/estimates.ts)

/** Ledoit–Wolf (2004) constant-correlation shrinkage intensity of demeaned-or-raw series. */
export interface LedoitWolfResult {
  intensity: number;
  averageCorrelation: number;
  /** κ = (π − ρ) / γ (δ = κ / T clipped to [0, 1]); NaN when γ = 0. */
  kappa: number;
}

/** Checks `series` (≥ 1 series of equal length ≥ 2, finite) and returns plain copies; messages name `fn`. */
export function seriesChecked(fn: string, series: Mat): number[][] {
  if (!Array.isArray(series) || series.length === 0) throw new Error(`${fn}: needs at least one series`);
  const t = series[0].length;
  if (t < 2) throw new Error(`${fn}: each series needs at least 2 observations, got ${t}`);
  return series.map((s, k) => checkVector(fn, `series ${k}`, s, t));
}

/**
 * The Ledoit–Wolf (2004) optimal intensity for shrinking the sample covariance of `series` (one
 * series per entry, same length T) towards the constant-correlation target; formulas in the
 * module header of lib/allocation/estimates.ts. Needs at least 2 series with non-zero variance.
 */
export function ledoitWolfConstantCorrelation(series: Mat): LedoitWolfResult {
  const fn = "ledoitWolfConstantCorrelation";
  const x = seriesChecked(fn, series).map(demean);
  const n = x.length;
  if (n < 2) throw new Error(`${fn}: needs at least 2 series`);
  const T = x[0].length;
  const s = x.map((a) => x.map((b) => a.reduce((acc, v, t) => acc + v * b[t], 0) / T));
  for (let i = 0; i < n; i++) if (!(s[i][i] > 0)) throw new Error(`${fn}: series ${i} is constant`);
  const sd = s.map((row, i) => Math.sqrt(row[i]));
  let rSum = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) rSum += s[i][j] / (sd[i] * sd[j]);
  const rBar = rSum / (n * (n - 1));
  let pi = 0;
  let piDiag = 0;
  let thetaTerm = 0;
  let gamma = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let p = 0;
      let th = 0;
      for (let t = 0; t < T; t++) {
        const xy = x[i][t] * x[j][t] - s[i][j];
        p += xy * xy;
        if (i !== j) th += (x[i][t] * x[i][t] - s[i][i]) * xy;
      }
      p /= T;
      pi += p;
      if (i === j) piDiag += p;
      else {
        thetaTerm += (sd[j] / sd[i]) * (th / T);
        const f = rBar * sd[i] * sd[j];
        gamma += (f - s[i][j]) ** 2;
      }
    }
  }
  const rho = piDiag + rBar * thetaTerm;
  // γ = 0 up to round-off (two series, or equal correlations): the target is the sample itself.
  let scale = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) scale += s[i][j] * s[i][j];
  if (!(gamma > 1e-24 * scale)) return { intensity: 0, averageCorrelation: rBar, kappa: Number.NaN };
  const kappa = (pi - rho) / gamma;
  return { intensity: Math.max(0, Math.min(1, kappa / T)), averageCorrelation: rBar, kappa };
}

// ---------------------------------------------------------------------------------------------
// Constant-correlation covariance (formerly lib/allocation/strategic-index.ts)

/**
 * Constant-correlation covariance (monthly, percent²) of `names` from their returns in the
 * months `window` (ascending dates, each a map instrument → percent return; absent = not a
 * member). See step 3 of lib/allocation/strategic-index.ts's module comment. Returns the
 * volatilities (monthly percent), ρ̄ and Σ.
 */
export function constantCorrelationCovariance(
  names: readonly string[],
  window: readonly ReadonlyMap<string, number>[],
  minObservations = 12,
): { volatility: number[]; correlation: number; covariance: number[][] } {
  const series = names.map((n) => window.map((m) => m.get(n) ?? Number.NaN));
  const own = series.map((s) => {
    const x = s.filter((v) => !Number.isNaN(v));
    return x.length >= minObservations ? sampleStd(x) : Number.NaN;
  });
  const known = own.filter((v) => Number.isFinite(v) && v > 0);
  const fallback = known.length > 0 ? median(known) : 1;
  const vol = own.map((v) => (Number.isFinite(v) && v > 0 ? v : fallback));
  let sum = 0;
  let count = 0;
  for (let i = 0; i < names.length; i++)
    for (let j = i + 1; j < names.length; j++) {
      const a: number[] = [];
      const b: number[] = [];
      for (let k = 0; k < window.length; k++)
        if (!Number.isNaN(series[i][k]) && !Number.isNaN(series[j][k])) {
          a.push(series[i][k]);
          b.push(series[j][k]);
        }
      if (a.length < minObservations) continue;
      const ma = mean(a);
      const mb = mean(b);
      let sab = 0;
      let saa = 0;
      let sbb = 0;
      for (let k = 0; k < a.length; k++) {
        sab += (a[k] - ma) * (b[k] - mb);
        saa += (a[k] - ma) ** 2;
        sbb += (b[k] - mb) ** 2;
      }
      if (saa > 0 && sbb > 0) {
        sum += sab / Math.sqrt(saa * sbb);
        count++;
      }
    }
  const rho = Math.min(0.95, Math.max(0, count > 0 ? sum / count : 0));
  const covariance = vol.map((vi, i) => vol.map((vj, j) => (i === j ? vi * vi : rho * vi * vj)));
  return { volatility: vol, correlation: rho, covariance };
}

// ---------------------------------------------------------------------------------------------
// EWMA volatility (formerly lib/aila/volatility.ts)

export interface EwmaOptions {
  /** Lookback L in observations (default 63 ≈ 3 months of business days). */
  lookback?: number;
  /** Annualisation factor A (default 252; 1 for daily volatility). */
  annualisation?: number;
}

/**
 * EWMA volatility of a daily return series (fraction, annualised by `annualisation`).
 * NaN returns (holidays) are skipped: σ carries its previous value on such days.
 * NaN while fewer than `lookback` returns have been observed.
 */
export function ewmaVolatility(returns: ArrayLike<number>, opts: EwmaOptions = {}): Float64Array {
  const L = opts.lookback ?? 63;
  const A = opts.annualisation ?? 252;
  if (!(Number.isInteger(L) && L >= 1)) throw new Error(`ewmaVolatility: lookback must be an integer ≥ 1, got ${L}`);
  const lambda = 1 - 2 / (L + 1);
  const out = new Float64Array(returns.length).fill(Number.NaN);
  let count = 0;
  let v = 0;
  for (let t = 0; t < returns.length; t++) {
    const r = returns[t];
    if (!Number.isNaN(r)) {
      count++;
      if (count < L) v += r * r;
      else if (count === L) v = (v + r * r) / L;
      else v = lambda * v + (1 - lambda) * r * r;
    }
    if (count >= L) out[t] = Math.sqrt(A * v);
  }
  return out;
}
