/**
 * Is a Sharpe ratio distinguishable from luck? Standard errors, the probabilistic and the deflated
 * Sharpe ratio, and stationary-bootstrap confidence intervals.
 *
 * ## Conventions
 *
 * - Inputs are per-period (monthly) returns in any unit — the ratios are unit-free; pass EXCESS
 *   returns (the study's strategies use a zero risk-free rate, like lib/statistics/sharpe-ratio.ts).
 * - "Per-period SR" is mean/sd of the per-period returns, NOT annualised. PSR and DSR are defined
 *   on the per-period SR (annualised inputs would make them saturate at 1); divide an annualised
 *   SR by √P to get it. The bootstrap intervals are annualised with √P (P = 12 by default), like
 *   `sharpeRatio` of lib/statistics/sharpe-ratio.ts, so they compare with the performance table.
 * - Sample moments: sd with ddof 1 for the SR of PSR/DSR and of the bootstrap (pandas' `std()`,
 *   the convention of lib/backtest and of López de Prado's code); skewness γ₃ = m₃/m₂^{3/2} and
 *   kurtosis γ₄ = m₄/m₂² (NOT excess; 3 for a normal) as biased moment ratios, m_k = Σ(r−r̄)^k/T
 *   (scipy.stats.skew / kurtosis(fisher=False) defaults). These satisfy Pearson's inequality
 *   γ₄ ≥ 1 + γ₃², which keeps the PSR denominator positive (see `probabilisticSharpeRatio`).
 *   Lo's GMM estimator uses his σ̂² = m₂ (1/T), see `loSharpeGmm`.
 * - NaN handling: nothing is skipped. A non-finite return is an error naming its row, because a
 *   silently dropped month would misalign paired series (strategy vs benchmark). A (numerically)
 *   constant series has an undefined SR: NaN, with the tolerance of lib/statistics/sharpe-ratio.ts
 *   (`isNumericallyZeroDeviation`).
 * - Alignment: paired functions take two series of the same length whose row i is the same
 *   month; they never shift.
 *
 * ## Formulas and sources
 *
 * Lo, A. W. (2002), "The Statistics of Sharpe Ratios", Financial Analysts Journal 58(4), 36–52:
 * - IID returns: √T(SR̂ − SR) → N(0, V_IID), V_IID = 1 + SR²/2, so SE(SR̂) = √((1 + SR̂²/2)/T)
 *   (section "IID Returns"); for the q-period ratio √q·SR̂ the variance is q·V_IID.
 * - Non-IID (stationary) returns (section "Non-IID Returns"): θ = (μ, σ²), SR = g(θ) = μ/σ,
 *   √T(SR̂ − SR) → N(0, V_GMM), V_GMM = (∂g/∂θ) Σ (∂g/∂θ)', Σ the asymptotic covariance of θ̂
 *   estimated by GMM with the Newey–West (1987) estimator with Bartlett weights 1 − j/(m+1) on
 *   the moment conditions φ_t = (R_t − μ, (R_t − μ)² − σ²).
 * - Time aggregation (section "Time Aggregation"): SR(q) = η(q)·SR with
 *   η(q) = q / √(q + 2 Σ_{k=1}^{q−1} (q − k) ρ_k), ρ_k the k-th autocorrelation (η(q) = √q for
 *   IID returns); for AR(1) returns (ρ_k = ρ^k) the closed form
 *   η(q) = √q [1 + 2ρ/(1−ρ) (1 − (1 − ρ^q)/(q(1 − ρ)))]^{−1/2}. Lo's standard error of the
 *   non-IID SR(q) extends θ by (ρ_1 … ρ_{q−1}) with the moment conditions
 *   (R_t − μ)(R_{t−k} − μ) − ρ_k σ², again V = (∂g/∂θ) Σ (∂g/∂θ)' with g = η(q; ρ)·μ/σ.
 *   Equation numbers are not quoted here because they were not checked against the printed
 *   paper; the section names are. The moment conditions for ρ_k, the asymptotic Jacobian used to
 *   turn them into influence functions, and the default lag rule are this module's derivation /
 *   choice, checked against an independent matrix implementation (test/reference/
 *   sharpe_statistics.py) and, in that script, by Monte Carlo. With q = 1 and m = 0 the GMM
 *   variance equals 1 − γ₃SR + (γ₄ − 1)/4·SR² exactly (Mertens 2002), the PSR denominator.
 *
 * Bailey, D. H. and López de Prado, M. (2012), "The Sharpe Ratio Efficient Frontier", Journal of
 * Risk 15(2): the probabilistic Sharpe ratio
 *   PSR(SR*) = Φ( (SR̂ − SR*)·√(T − 1) / √(1 − γ₃·SR̂ + (γ₄ − 1)/4·SR̂²) ).
 *
 * Bailey, D. H. and López de Prado, M. (2014), "The Deflated Sharpe Ratio: Correcting for
 * Selection Bias, Backtest Overfitting and Non-Normality", Journal of Portfolio Management 40(5):
 *   SR₀ = √V[SR_n] · ((1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e))),  DSR = PSR(SR₀),
 * γ the Euler–Mascheroni constant, N the number of (independent) trials, V[SR_n] the variance of
 * the trials' per-period Sharpe ratios (sample variance, ddof 1, in `sharpeVariance`). The
 * paper's numerical example is reproduced in the tests (DSR ≈ 0.9004).
 *
 * Politis, D. N. and Romano, J. P. (1994), "The Stationary Bootstrap", JASA 89(428): resample
 * blocks that start at a uniform random month and have geometric lengths with mean L (each next
 * month continues the block with probability 1 − 1/L, wrapping from the last month to the
 * first, or starts a new block with probability 1/L). Paired series use the same indices, which
 * keeps their cross-correlation. The interval is the percentile interval of the draws (linear
 * interpolation between order statistics, numpy's default). Randomness: `createRng(seed)` of
 * lib/random.ts only; the same seed gives the same interval.
 *
 * ## Normal distribution — why not simple-statistics
 *
 * `simple-statistics` (a dependency) is not used here: (1) lib is compiled as CommonJS with
 * `module: node16`, and the package's type declarations are ECMAScript modules, so a static
 * import fails to type-check (TS1479); (2) its `cumulativeStdNormalProbability` is a lookup
 * table at steps of 0.01 in z rounded to 4 decimals (errors up to about 2e-3), its `probit` is
 * Winitzki's closed-form approximation (1.95716 for Φ⁻¹(0.975) = 1.95996) and its
 * `errorFunction` has a relative error of about 1e-7 — not good enough for DSR tails; (3) its
 * `sampleKurtosis` is the unbiased excess estimator, while PSR needs the moment ratio. The tests
 * use simple-statistics (dynamic import) as an independent check of the moments instead.
 * `normalCdf` below is Φ(z) = erfc(−z/√2)/2 with erfc from its Taylor series (|x| < 2) or its
 * continued fraction (|x| ≥ 2, modified Lentz): relative error about 1e-15 near the centre,
 * growing like z²·2⁻⁵³ in the tails (measured: < 6e-14 down to z = −20, Φ = 2.8e-89);
 * `normalQuantile` is Acklam's rational approximation refined by Halley steps on `normalCdf`
 * (relative error < 3e-13 for p from 1e-300 to 1 − 1e-10). Both are tested against
 * scipy.stats.norm (fixture of test/reference/sharpe_statistics.py).
 */
import { createRng, type Rng } from "../random";
import { mean, populationVariance, sampleStd, sampleVariance } from "../statistics/descriptive";
import { isNumericallyZeroDeviation } from "../statistics/sharpe-ratio";

// ─── Normal distribution ─────────────────────────────────────────────────────────────────────

const SQRT_PI = Math.sqrt(Math.PI);
const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** erfc(x) for x ≥ 0 (see the module comment). */
function erfcNonNegative(x: number): number {
  if (x < 2) {
    // erf(x) = 2/√π · e^{−x²} · Σ_n 2^n x^{2n+1} / (1·3·…·(2n+1)): positive terms, no cancellation.
    const x2 = x * x;
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= (2 * x2) / (2 * n + 1);
      sum += term;
      if (term <= 1e-17 * sum) break;
    }
    return 1 - (2 / SQRT_PI) * Math.exp(-x2) * sum;
  }
  // erfc(x) = e^{−x²}/√π · 1/K, K = x + (1/2)/(x + 1/(x + (3/2)/(x + …))), modified Lentz.
  const tiny = 1e-300;
  let f = x;
  let c = f;
  let d = 0;
  for (let n = 1; n < 1000; n++) {
    const a = n / 2;
    d = x + a * d;
    if (d === 0) d = tiny;
    c = x + a / c;
    if (c === 0) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (SQRT_PI * f);
}

/** The complementary error function erfc(x) = 1 − erf(x), accurate in both tails. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  return x >= 0 ? erfcNonNegative(x) : 2 - erfcNonNegative(-x);
}

/** Standard normal CDF Φ(z), accurate in relative terms in both tails (see the header). */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z === Number.POSITIVE_INFINITY) return 1;
  if (z === Number.NEGATIVE_INFINITY) return 0;
  return z < 0 ? 0.5 * erfcNonNegative(-z / Math.SQRT2) : 1 - 0.5 * erfcNonNegative(z / Math.SQRT2);
}

/** Standard normal density φ(z). */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / SQRT_2PI;
}

// Acklam's rational approximation of Φ⁻¹ (relative error < 1.2e-9 before refinement).
const A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];

/** Φ⁻¹(p) for 0 < p ≤ 0.5 (the lower half, where p is exact). */
function lowerQuantile(p: number): number {
  let x: number;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
      ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) /
      (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
  }
  // Halley steps on Φ(x) − p (cubic convergence; usually one step reaches full precision).
  for (let i = 0; i < 4; i++) {
    const dens = normalPdf(x);
    if (!(dens > 0) || !Number.isFinite(dens)) break;
    const u = (normalCdf(x) - p) / dens;
    const step = u / (1 + (x * u) / 2);
    x -= step;
    if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(x))) break;
  }
  return x;
}

/**
 * Standard normal quantile Φ⁻¹(p): −∞ at 0, +∞ at 1, NaN for NaN; throws outside [0, 1]. The
 * upper half uses Φ⁻¹(p) = −Φ⁻¹(1 − p), where 1 − p is exact for p ≥ 0.5.
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p)) return Number.NaN;
  if (p < 0 || p > 1) throw new RangeError(`normalQuantile: p must be in [0, 1], got ${p}`);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  return p < 0.5 ? lowerQuantile(p) : -lowerQuantile(1 - p);
}

// ─── Sample moments ──────────────────────────────────────────────────────────────────────────

function assertFinite(xs: ArrayLike<number>, what: string, minLength: number): void {
  if (xs.length < minLength) throw new Error(`${what}: need at least ${minLength} returns, got ${xs.length}`);
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i];
    if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`${what}: return at row ${i} is ${String(v)}`);
  }
}

/** The moments PSR and DSR need, of per-period returns (see the module comment). */
export interface ReturnMoments {
  /** Number of returns T. */
  n: number;
  mean: number;
  /** Sample standard deviation, ddof 1. */
  sd: number;
  /** Per-period Sharpe ratio mean/sd (NaN for a numerically constant series). */
  sharpe: number;
  /** γ₃ = m₃/m₂^{3/2} (biased; NaN for a constant series). */
  skewness: number;
  /** γ₄ = m₄/m₂² (biased, not excess: 3 for a normal; NaN for a constant series). */
  kurtosis: number;
}

/** Mean, sd (ddof 1), per-period SR, skewness and kurtosis (biased moment ratios); T ≥ 3. */
export function returnMoments(returns: ArrayLike<number>): ReturnMoments {
  assertFinite(returns, "returnMoments", 3);
  const n = returns.length;
  const m = mean(returns);
  const sd = sampleStd(returns);
  // The biased central moments m₂, m₃, m₄ of the skewness and kurtosis, in one pass about m.
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = returns[i] - m;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  const constant = isNumericallyZeroDeviation(sd, m);
  return {
    n,
    mean: m,
    sd,
    sharpe: constant ? Number.NaN : m / sd,
    skewness: constant ? Number.NaN : m3 / m2 ** 1.5,
    kurtosis: constant ? Number.NaN : m4 / (m2 * m2),
  };
}

/**
 * Sample autocorrelations ρ̂_1 … ρ̂_maxLag: ρ̂_k = Σ_{t>k}(r_t − r̄)(r_{t−k} − r̄) / Σ_t(r_t − r̄)²
 * (both sums over T, the usual acf; a positive semi-definite sequence). maxLag < T.
 */
export function autocorrelations(returns: ArrayLike<number>, maxLag: number): number[] {
  assertFinite(returns, "autocorrelations", 2);
  const n = returns.length;
  if (!Number.isInteger(maxLag) || maxLag < 0 || maxLag >= n)
    throw new Error(`autocorrelations: maxLag must be an integer in 0..${n - 1}, got ${maxLag}`);
  const m = mean(returns);
  const d = Array.from(returns, (r) => r - m);
  // c₀ = Σ d² is the acf's normaliser (the lag-0 autocovariance × T), not a variance estimate.
  let c0 = 0;
  for (const v of d) c0 += v * v;
  if (!(c0 > 0)) throw new Error("autocorrelations: the series is constant");
  const out: number[] = [];
  for (let k = 1; k <= maxLag; k++) {
    let ck = 0;
    for (let t = k; t < n; t++) ck += d[t] * d[t - k];
    out.push(ck / c0);
  }
  return out;
}

// ─── Lo (2002) ───────────────────────────────────────────────────────────────────────────────

/** Lo's IID standard error of the per-period SR̂: √((1 + SR̂²/2)/T). */
export function sharpeStandardErrorIid(sharpe: number, n: number): number {
  if (!Number.isFinite(sharpe)) throw new Error(`sharpeStandardErrorIid: Sharpe ratio ${sharpe} is not finite`);
  if (!(Number.isInteger(n) && n >= 2)) throw new Error(`sharpeStandardErrorIid: T must be an integer ≥ 2, got ${n}`);
  return Math.sqrt((1 + (sharpe * sharpe) / 2) / n);
}

function assertPeriods(q: number, what: string): void {
  if (!(Number.isInteger(q) && q >= 1)) throw new Error(`${what}: q must be an integer ≥ 1, got ${q}`);
}

/** q + 2 Σ_{k=1}^{q−1} (q − k) ρ_k — Var of the q-period sum over σ² (must be positive). */
function aggregatedVarianceRatio(q: number, rho: ArrayLike<number>, what: string): number {
  assertPeriods(q, what);
  if (rho.length < q - 1) throw new Error(`${what}: need ρ_1..ρ_${q - 1}, got ${rho.length} autocorrelations`);
  let s = 0;
  for (let k = 1; k < q; k++) {
    const r = rho[k - 1];
    if (!(Number.isFinite(r) && Math.abs(r) <= 1)) throw new Error(`${what}: ρ_${k} = ${r} is not in [−1, 1]`);
    s += (q - k) * r;
  }
  const inner = q + 2 * s;
  if (!(inner > 0))
    throw new Error(
      `${what}: q + 2Σ(q−k)ρ_k = ${inner} ≤ 0; these autocorrelations are not those of a stationary series`,
    );
  return inner;
}

/**
 * Lo's scale factor η(q) = q / √(q + 2 Σ_{k=1}^{q−1} (q − k) ρ_k) that turns a per-period Sharpe
 * ratio into a q-period one under serial correlation (`rho[k − 1]` = ρ_k; entries beyond q − 1 are
 * ignored). η(q) = √q when every ρ_k = 0.
 */
export function loEta(q: number, rho: ArrayLike<number>): number {
  return q / Math.sqrt(aggregatedVarianceRatio(q, rho, "loEta"));
}

/** Lo's closed form of η(q) for AR(1) autocorrelations ρ_k = ρ^k, |ρ| < 1 (equals `loEta`). */
export function loEtaAr1(q: number, rho: number): number {
  assertPeriods(q, "loEtaAr1");
  if (!(Math.abs(rho) < 1)) throw new Error(`loEtaAr1: |ρ| must be below 1, got ${rho}`);
  if (rho === 0) return Math.sqrt(q);
  const bracket = 1 + ((2 * rho) / (1 - rho)) * (1 - (1 - rho ** q) / (q * (1 - rho)));
  return Math.sqrt(q) / Math.sqrt(bracket);
}

/**
 * Newey–West long-run variance of a series x with mean zero (moment conditions or influence
 * functions at their estimates): γ₀ + 2 Σ_{j=1}^{m} (1 − j/(m+1)) γ_j, γ_j = Σ_{t>j} x_t x_{t−j} / T.
 * Not re-centred.
 */
export function neweyWestVariance(x: ArrayLike<number>, lags: number): number {
  const n = x.length;
  if (!(Number.isInteger(lags) && lags >= 0 && lags < n))
    throw new Error(`neweyWestVariance: lags must be an integer in 0..${n - 1}, got ${lags}`);
  let v = 0;
  for (let t = 0; t < n; t++) v += x[t] * x[t];
  for (let j = 1; j <= lags; j++) {
    let g = 0;
    for (let t = j; t < n; t++) g += x[t] * x[t - j];
    v += 2 * (1 - j / (lags + 1)) * g;
  }
  return v / n;
}

/** Newey & West (1994) rule of thumb for the Bartlett lag: ⌊4 (T/100)^{2/9}⌋ (3 for T = 65). */
export function defaultNeweyWestLags(n: number): number {
  return Math.floor(4 * (n / 100) ** (2 / 9));
}

/** Lo's estimator of the q-period Sharpe ratio with its GMM standard error. */
export interface LoSharpeEstimate {
  /** T, the number of per-period returns. */
  n: number;
  /** q, the periods aggregated (1: the per-period ratio; 12: annual from monthly). */
  periods: number;
  /** m, the Newey–West lags. */
  lags: number;
  /** Per-period SR̂ = μ̂/σ̂ with Lo's σ̂² = Σ(r − r̄)²/T. */
  sharpe: number;
  /** ρ̂_1 … ρ̂_{q−1} (empty for q = 1). */
  autocorrelations: number[];
  /** η̂(q) (1 for q = 1). */
  eta: number;
  /** SR̂(q) = η̂(q)·SR̂. */
  sharpeAggregated: number;
  /** V_GMM(q): the asymptotic variance of √T(SR̂(q) − SR(q)). */
  variance: number;
  /** √(V_GMM(q)/T). */
  standardError: number;
  /** The IID answer for comparison: SR̂·√q with SE √(q(1 + SR̂²/2)/T). */
  iid: { sharpeAggregated: number; standardError: number };
}

/**
 * Lo's (2002) non-IID Sharpe ratio: SR̂(q) = η̂(q)·μ̂/σ̂ and its GMM standard error (module
 * comment). θ = (μ, σ², ρ_1 … ρ_{q−1}); the influence functions of θ̂ at time t are
 *   ψ_μ = d_t,  ψ_σ² = d_t² − σ̂²,  ψ_ρk = (d_t d_{t−k}·[t > k] − ρ̂_k σ̂²·[t > k] − ρ̂_k ψ_σ²) / σ̂²
 * (d_t = r_t − μ̂), i.e. −D⁻¹φ_t with D the asymptotic Jacobian of the moment conditions. With the
 * gradient ∂g/∂μ = η/σ, ∂g/∂σ² = −η μ/(2σ³), ∂g/∂ρ_k = −SR·η·(q − k)/(q + 2Σ(q−j)ρ_j), the
 * influence function of SR̂(q) is ψ_t = ∇g·ψ_θ,t and V_GMM(q) is its Newey–West long-run variance
 * with `lags` Bartlett lags (default `defaultNeweyWestLags(T)`). Needs T > q + lags and a
 * non-constant series.
 */
export function loSharpeGmm(
  returns: ArrayLike<number>,
  opts: { periods?: number; lags?: number } = {},
): LoSharpeEstimate {
  assertFinite(returns, "loSharpeGmm", 3);
  const n = returns.length;
  const q = opts.periods ?? 1;
  assertPeriods(q, "loSharpeGmm");
  const lags = opts.lags ?? defaultNeweyWestLags(n);
  if (!(Number.isInteger(lags) && lags >= 0)) throw new Error(`loSharpeGmm: lags must be an integer ≥ 0, got ${lags}`);
  if (n <= q + lags) throw new Error(`loSharpeGmm: need more than q + lags = ${q + lags} returns, got ${n}`);
  const mu = mean(returns);
  const d = Array.from(returns, (r) => r - mu);
  const s2 = populationVariance(returns);
  if (isNumericallyZeroDeviation(Math.sqrt(s2), mu))
    throw new Error("loSharpeGmm: the series is (numerically) constant");
  const sigma = Math.sqrt(s2);
  const sr = mu / sigma;
  const rho = q > 1 ? autocorrelations(returns, q - 1) : [];
  const inner = q > 1 ? aggregatedVarianceRatio(q, rho, "loSharpeGmm") : 1;
  const eta = q > 1 ? q / Math.sqrt(inner) : 1;
  const gMu = eta / sigma;
  const gS2 = (-eta * mu) / (2 * sigma * s2);
  const gRho = rho.map((_, j) => (-sr * eta * (q - (j + 1))) / inner);
  const psi = new Array<number>(n);
  for (let t = 0; t < n; t++) {
    const pS2 = d[t] * d[t] - s2;
    let v = gMu * d[t] + gS2 * pS2;
    for (let k = 1; k < q; k++) {
      const r = rho[k - 1];
      const mk = t >= k ? d[t] * d[t - k] - r * s2 : 0;
      v += (gRho[k - 1] * (mk - r * pS2)) / s2;
    }
    psi[t] = v;
  }
  const variance = neweyWestVariance(psi, lags);
  return {
    n,
    periods: q,
    lags,
    sharpe: sr,
    autocorrelations: rho,
    eta,
    sharpeAggregated: eta * sr,
    variance,
    standardError: Math.sqrt(variance / n),
    iid: { sharpeAggregated: Math.sqrt(q) * sr, standardError: Math.sqrt((q * (1 + (sr * sr) / 2)) / n) },
  };
}

// ─── Probabilistic and deflated Sharpe ratio ─────────────────────────────────────────────────

/** Inputs of PSR: the per-period SR̂ of T returns with their skewness and (non-excess) kurtosis. */
export interface PsrInput {
  sharpe: number;
  n: number;
  skewness: number;
  kurtosis: number;
  /** SR*, per period; default 0. */
  benchmark?: number;
}

/**
 * The PSR statistic z = (SR̂ − SR*)·√(T − 1) / √(1 − γ₃·SR̂ + (γ₄ − 1)/4·SR̂²). The radicand is
 * ≥ (1 − γ₃SR̂/2)² ≥ 0 whenever γ₄ ≥ 1 + γ₃² (Pearson's inequality, which the biased moment ratios
 * of any sample satisfy); a non-positive radicand (inconsistent inputs) is an error.
 */
export function probabilisticSharpeZ(input: PsrInput): number {
  const { sharpe, n, skewness, kurtosis } = input;
  const bench = input.benchmark ?? 0;
  for (const [k, v] of Object.entries({ sharpe, skewness, kurtosis, benchmark: bench }))
    if (!Number.isFinite(v)) throw new Error(`probabilisticSharpeRatio: ${k} = ${v} is not finite`);
  if (!(Number.isInteger(n) && n >= 2)) throw new Error(`probabilisticSharpeRatio: T must be an integer ≥ 2, got ${n}`);
  const radicand = 1 - skewness * sharpe + ((kurtosis - 1) / 4) * sharpe * sharpe;
  if (!(radicand > 0))
    throw new Error(
      `probabilisticSharpeRatio: 1 − γ₃·SR + (γ₄ − 1)/4·SR² = ${radicand} ≤ 0 (γ₃ = ${skewness}, γ₄ = ${kurtosis}: is γ₄ the non-excess kurtosis?)`,
    );
  return ((sharpe - bench) * Math.sqrt(n - 1)) / Math.sqrt(radicand);
}

/**
 * Bailey & López de Prado's PSR(SR*) = Φ(z) (see `probabilisticSharpeZ`): the probability that the
 * true per-period SR exceeds SR*. Decreasing in SR*. In SR̂ with fixed moments it is increasing
 * exactly where 1 − γ₃(SR̂ + SR*)/2 + (γ₄ − 1)/4·SR̂·SR* > 0 (the sign of dz/dSR̂), e.g. for every
 * SR̂ when SR* = 0 and γ₃·SR̂ < 2.
 */
export function probabilisticSharpeRatio(input: PsrInput): number {
  return normalCdf(probabilisticSharpeZ(input));
}

/** PSR(SR*) of a return series, with the moments of `returnMoments`. */
export function probabilisticSharpeRatioOf(returns: ArrayLike<number>, benchmark = 0): number {
  const m = returnMoments(returns);
  if (Number.isNaN(m.sharpe)) return Number.NaN;
  return probabilisticSharpeRatio({ ...m, benchmark });
}

/** The Euler–Mascheroni constant γ. */
export const EULER_MASCHERONI = 0.5772156649015329;

/** Sample variance (ddof 1) of the trials' per-period Sharpe ratios, V[SR_n]; ≥ 2 finite values. */
export function sharpeVariance(trialSharpes: readonly number[]): number {
  if (trialSharpes.length < 2) throw new Error(`sharpeVariance: need at least 2 trials, got ${trialSharpes.length}`);
  trialSharpes.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new Error(`sharpeVariance: trial ${i} has Sharpe ratio ${v}`);
  });
  return sampleVariance(trialSharpes);
}

/**
 * SR₀ = √V · ((1 − γ)Φ⁻¹(1 − 1/N) + γΦ⁻¹(1 − 1/(N e))): the expected maximum of N independent
 * trials' Sharpe ratios when every true SR is 0 (Bailey & López de Prado 2014), in the units of V
 * (per period). N an integer ≥ 2 (for N = 1 the approximation gives −∞; a single trial needs no
 * deflation: use PSR(0)); V ≥ 0. SR₀ ≥ 0 for every N ≥ 2 (the bracket is ≥ γΦ⁻¹(1 − 1/(2e)) > 0).
 */
export function expectedMaxSharpe(nTrials: number, trialsVariance: number): number {
  if (!(Number.isInteger(nTrials) && nTrials >= 2))
    throw new Error(`expectedMaxSharpe: the number of trials must be an integer ≥ 2, got ${nTrials}`);
  if (!(Number.isFinite(trialsVariance) && trialsVariance >= 0))
    throw new Error(`expectedMaxSharpe: the variance of the trials' Sharpe ratios must be ≥ 0, got ${trialsVariance}`);
  const g = EULER_MASCHERONI;
  return (
    Math.sqrt(trialsVariance) *
    ((1 - g) * normalQuantile(1 - 1 / nTrials) + g * normalQuantile(1 - 1 / (nTrials * Math.E)))
  );
}

/** Inputs of DSR: the selected strategy's PSR inputs plus the trials. */
export interface DsrInput extends Omit<PsrInput, "benchmark"> {
  /** N, the number of independent trials (configurations tried), ≥ 2. */
  nTrials: number;
  /** V[SR_n], the variance of the trials' per-period Sharpe ratios (`sharpeVariance`). */
  trialsVariance: number;
}

/**
 * The deflated Sharpe ratio DSR = PSR(SR₀) with SR₀ = `expectedMaxSharpe(N, V)`. Because SR₀ ≥ 0
 * for N ≥ 2 and PSR decreases in its benchmark, DSR ≤ PSR(0) whenever N ≥ 2 (equality iff V = 0).
 */
export function deflatedSharpeRatio(input: DsrInput): { sr0: number; z: number; dsr: number } {
  const sr0 = expectedMaxSharpe(input.nTrials, input.trialsVariance);
  const z = probabilisticSharpeZ({ ...input, benchmark: sr0 });
  return { sr0, z, dsr: normalCdf(z) };
}

// ─── Stationary bootstrap ────────────────────────────────────────────────────────────────────

/**
 * One stationary-bootstrap resample of positions 0..n−1 (Politis & Romano 1994): block starts
 * uniform on 0..n−1, a block continues (circularly) with probability 1 − 1/L.
 */
export function stationaryBootstrapIndices(n: number, meanBlockLength: number, rng: Rng): number[] {
  if (!(Number.isInteger(n) && n >= 1))
    throw new Error(`stationaryBootstrapIndices: n must be an integer ≥ 1, got ${n}`);
  if (!(meanBlockLength >= 1 && Number.isFinite(meanBlockLength)))
    throw new Error(`stationaryBootstrapIndices: the mean block length must be ≥ 1, got ${meanBlockLength}`);
  const pNew = 1 / meanBlockLength;
  const out = new Array<number>(n);
  out[0] = rng.int(0, n - 1);
  for (let t = 1; t < n; t++) out[t] = rng.uniform() < pNew ? rng.int(0, n - 1) : (out[t - 1] + 1) % n;
  return out;
}

export interface BootstrapOptions {
  /** Number of resamples; default 2000 (at least 100). */
  draws?: number;
  /** Mean block length L in periods; default 3 (a quarter of monthly returns). 1 = iid bootstrap. */
  meanBlockLength?: number;
  /** Seed of `createRng`; default 1. */
  seed?: number;
  /** Two-sided confidence level; default 0.95. */
  confidence?: number;
  /** Annualisation √P of the Sharpe ratios; default 12 (monthly returns). */
  periodsPerYear?: number;
}

export interface BootstrapInterval {
  /** The statistic on the original sample (annualised SR, or the SR difference). */
  estimate: number;
  /** Percentile interval [q_{α/2}, q_{1−α/2}] of the finite draws. */
  lower: number;
  upper: number;
  confidence: number;
  /** Standard deviation (ddof 1) of the finite draws. */
  standardError: number;
  /** Share of finite draws ≤ 0 (a descriptive tail share, not a test under a null). */
  shareAtOrBelowZero: number;
  draws: number;
  /** Draws whose statistic was undefined (a numerically constant resample) and were left out. */
  undefinedDraws: number;
  meanBlockLength: number;
  seed: number;
  /** The finite draws in draw order (for a histogram). */
  samples: number[];
}

function annualisedSharpeAt(r: ArrayLike<number>, idx: readonly number[], rootP: number): number {
  const x = idx.map((i) => r[i]);
  const m = mean(x);
  const sd = sampleStd(x);
  return isNumericallyZeroDeviation(sd, m) ? Number.NaN : (m / sd) * rootP;
}

/** Linear-interpolation quantile of sorted values (numpy's default, type 7). */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error("quantileSorted: no values");
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

function bootstrap(
  what: string,
  n: number,
  stat: (idx: readonly number[]) => number,
  opts: BootstrapOptions,
): BootstrapInterval {
  const draws = opts.draws ?? 2000;
  const L = opts.meanBlockLength ?? 3;
  const seed = opts.seed ?? 1;
  const confidence = opts.confidence ?? 0.95;
  if (!(Number.isInteger(draws) && draws >= 100))
    throw new Error(`${what}: draws must be an integer ≥ 100, got ${draws}`);
  if (!(confidence > 0 && confidence < 1)) throw new Error(`${what}: confidence must be in (0, 1), got ${confidence}`);
  const identity = Array.from({ length: n }, (_, i) => i);
  const estimate = stat(identity);
  const rng = createRng(seed);
  const samples: number[] = [];
  let undefinedDraws = 0;
  for (let b = 0; b < draws; b++) {
    const v = stat(stationaryBootstrapIndices(n, L, rng));
    if (Number.isFinite(v)) samples.push(v);
    else undefinedDraws++;
  }
  if (samples.length < 2) throw new Error(`${what}: fewer than 2 of ${draws} resamples have a defined Sharpe ratio`);
  const sorted = [...samples].sort((a, b) => a - b);
  const alpha = 1 - confidence;
  return {
    estimate,
    lower: quantileSorted(sorted, alpha / 2),
    upper: quantileSorted(sorted, 1 - alpha / 2),
    confidence,
    standardError: sampleStd(samples),
    shareAtOrBelowZero: samples.filter((v) => v <= 0).length / samples.length,
    draws,
    undefinedDraws,
    meanBlockLength: L,
    seed,
    samples,
  };
}

function rootPeriods(opts: BootstrapOptions, what: string): number {
  const P = opts.periodsPerYear ?? 12;
  if (!(P > 0)) throw new Error(`${what}: periodsPerYear must be positive, got ${P}`);
  return Math.sqrt(P);
}

/** Stationary-bootstrap percentile interval of one annualised Sharpe ratio (mean/sd·√P). */
export function bootstrapSharpeInterval(returns: ArrayLike<number>, opts: BootstrapOptions = {}): BootstrapInterval {
  assertFinite(returns, "bootstrapSharpeInterval", 3);
  const rootP = rootPeriods(opts, "bootstrapSharpeInterval");
  return bootstrap("bootstrapSharpeInterval", returns.length, (idx) => annualisedSharpeAt(returns, idx, rootP), opts);
}

/**
 * Stationary-bootstrap percentile interval of SR(strategy) − SR(benchmark), both annualised,
 * resampling paired months (row i of both series is the same month; equal lengths required).
 */
export function bootstrapSharpeDifferenceInterval(
  strategy: ArrayLike<number>,
  benchmark: ArrayLike<number>,
  opts: BootstrapOptions = {},
): BootstrapInterval {
  assertFinite(strategy, "bootstrapSharpeDifferenceInterval (strategy)", 3);
  assertFinite(benchmark, "bootstrapSharpeDifferenceInterval (benchmark)", 3);
  if (strategy.length !== benchmark.length)
    throw new Error(
      `bootstrapSharpeDifferenceInterval: ${strategy.length} strategy months and ${benchmark.length} benchmark months (must be paired)`,
    );
  const rootP = rootPeriods(opts, "bootstrapSharpeDifferenceInterval");
  return bootstrap(
    "bootstrapSharpeDifferenceInterval",
    strategy.length,
    (idx) => annualisedSharpeAt(strategy, idx, rootP) - annualisedSharpeAt(benchmark, idx, rootP),
    opts,
  );
}
