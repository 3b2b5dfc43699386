/**
 * Active return and active risk attribution (micro-attribution of a portfolio of holdings or of a
 * team of funds against a benchmark).
 *
 * Method (reference 002, "micro-allocations", and README "References": attribution):
 * - active weights a = w_p − w_b (holdings vs benchmark), or, for a team of funds each measured
 *   against the same benchmark, a = the fund weights and the "returns" are the funds' alphas;
 * - active return R_A = Σ a_i r_i, contribution to active return a_i r_i, percentage a_i r_i / R_A;
 * - tracking error TE = √(aᵀΣa); marginal contribution (Σa)_i / TE; contribution to TE
 *   a_i (Σa)_i / TE (sums to TE, Euler's theorem for the 1-homogeneous TE); percentage contribution
 *   a_i (Σa)_i / aᵀΣa (sums to 1);
 * - efficiency_i = % contribution to active return − % contribution to active risk: positive when a
 *   holding brings more of the alpha than of the risk ("super-efficient"), negative otherwise. A
 *   portfolio in which every holding contributes the same share of return and of risk has all
 *   efficiencies 0.
 *
 * Units: whatever the inputs use — pass returns and covariances in the same units and the same
 * period (e.g. annual fractions; multiply by 1e4 for basis points). Nothing is annualised here.
 * Linear algebra with ml-matrix.
 */
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { checkCovariance, checkVector, type Mat, type Vec } from "../validation";

/** Moved to lib/statistics/risk-models.ts (the risk models in one module); re-exported for `allocation.*`. */
export {
  correlationFromCovariance,
  correlationMatrix,
  covarianceFromCorrelation,
  covarianceMatrix,
} from "../statistics/risk-models";

/** Active weights w_p − w_b, element by element (same order of holdings in both). */
export function activeWeights(portfolio: Vec, benchmark: Vec): number[] {
  const p = checkVector("activeWeights", "portfolio", portfolio);
  const b = checkVector("activeWeights", "benchmark", benchmark, p.length);
  return p.map((x, i) => x - b[i]);
}

/**
 * Ex-ante tracking error √(aᵀΣa) of active weights `a` under covariance Σ (units of Σ's square
 * root). Not the ex-post tracking error sd(r − b)·√P of realised returns, which is
 * lib/statistics/active-returns.ts's `exPostTrackingError`.
 */
export function exAnteTrackingError(active: Vec, cov: Mat): number {
  const a = checkVector("exAnteTrackingError", "active", active);
  const s = checkCovariance("exAnteTrackingError", "cov", cov, a.length);
  const A = Matrix.columnVector(a);
  const v = A.transpose().mmul(new Matrix(s)).mmul(A).get(0, 0);
  if (v < -1e-12 * Math.max(1, ...s.map((r, i) => r[i]))) {
    throw new Error(`exAnteTrackingError: aᵀΣa = ${v} is negative, cov is not positive semi-definite`);
  }
  return Math.sqrt(Math.max(v, 0));
}

/** One holding's row of the attribution. */
export interface AttributionRow {
  /** Active weight (or fund weight for a team of funds). */
  weight: number;
  /** Active return of the holding (alpha of the fund), r_i. */
  activeReturn: number;
  /** Stand-alone tracking error √Σ_ii. */
  standAloneRisk: number;
  /** a_i r_i. */
  contributionToReturn: number;
  /** a_i r_i / R_A (NaN when R_A = 0). */
  pctContributionToReturn: number;
  /** (Σa)_i / TE (NaN when TE = 0). */
  marginalContributionToRisk: number;
  /** a_i (Σa)_i / TE, summing to TE (NaN when TE = 0). */
  contributionToRisk: number;
  /** a_i (Σa)_i / aᵀΣa, summing to 1 (NaN when TE = 0). */
  pctContributionToRisk: number;
  /** pctContributionToReturn − pctContributionToRisk. */
  efficiency: number;
}

export interface ActiveAttribution {
  rows: AttributionRow[];
  /** R_A = Σ a_i r_i. */
  activeReturn: number;
  /** TE = √(aᵀΣa). */
  trackingError: number;
  /** R_A / TE (NaN when TE = 0). */
  informationRatio: number;
  /** Weighted average of the stand-alone risks Σ |a_i| √Σ_ii / Σ |a_i| ("average fund TE"). */
  averageStandAloneRisk: number;
  /** 1 − TE / Σ|a_i|√Σ_ii: the share of the stand-alone risk removed by diversification. */
  diversificationRatio: number;
  /** Σ |a_i| (r_i / √Σ_ii) / Σ |a_i|: the holdings' own information ratios, weight-averaged (NaN if a held one has zero risk). */
  averageInformationRatio: number;
}

/**
 * Attribution of active return and active risk.
 *
 * @param active  active weights a (or fund weights for a team of funds).
 * @param returns active return of each holding r_i (fund alphas), same units as √Σ.
 * @param cov     covariance Σ of the holdings' active returns (alpha covariance for funds).
 * No NaN accepted in the inputs; percentages are NaN only when their denominator is exactly 0.
 */
export function activeRiskAttribution(active: Vec, returns: Vec, cov: Mat): ActiveAttribution {
  const fn = "activeRiskAttribution";
  const a = checkVector(fn, "active", active);
  const r = checkVector(fn, "returns", returns, a.length);
  const s = checkCovariance(fn, "cov", cov, a.length);
  const S = new Matrix(s);
  const sa = S.mmul(Matrix.columnVector(a)).getColumn(0);
  const variance = a.reduce((acc, x, i) => acc + x * sa[i], 0);
  if (variance < -1e-12 * Math.max(1, ...s.map((row, i) => row[i]))) {
    throw new Error(`${fn}: aᵀΣa = ${variance} is negative, cov is not positive semi-definite`);
  }
  const te = Math.sqrt(Math.max(variance, 0));
  const ra = a.reduce((acc, x, i) => acc + x * r[i], 0);
  const rows: AttributionRow[] = a.map((ai, i) => {
    const cr = ai * r[i];
    const pr = ra === 0 ? Number.NaN : cr / ra;
    const pk = variance > 0 ? (ai * sa[i]) / variance : Number.NaN;
    return {
      weight: ai,
      activeReturn: r[i],
      standAloneRisk: Math.sqrt(s[i][i]),
      contributionToReturn: cr,
      pctContributionToReturn: pr,
      marginalContributionToRisk: te > 0 ? sa[i] / te : Number.NaN,
      contributionToRisk: te > 0 ? (ai * sa[i]) / te : Number.NaN,
      pctContributionToRisk: pk,
      efficiency: pr - pk,
    };
  });
  const absW = a.reduce((acc, x) => acc + Math.abs(x), 0);
  const weightedRisk = a.reduce((acc, x, i) => acc + Math.abs(x) * Math.sqrt(s[i][i]), 0);
  return {
    rows,
    activeReturn: ra,
    trackingError: te,
    informationRatio: te > 0 ? ra / te : Number.NaN,
    averageStandAloneRisk: absW > 0 ? weightedRisk / absW : Number.NaN,
    diversificationRatio: weightedRisk > 0 ? 1 - te / weightedRisk : Number.NaN,
    averageInformationRatio:
      absW > 0
        ? a.reduce((acc, x, i) => (x === 0 ? acc : acc + (Math.abs(x) * r[i]) / Math.sqrt(s[i][i])), 0) / absW
        : Number.NaN,
  };
}

/** Periodic active returns r_p,t − r_b,t of each series against one benchmark series. */
export function activeReturns(returns: Mat, benchmark: Vec): number[][] {
  const b = checkVector("activeReturns", "benchmark", benchmark);
  return returns.map((row, k) =>
    checkVector("activeReturns", `returns series ${k}`, row, b.length).map((x, t) => x - b[t]),
  );
}

/** Smallest eigenvalue of a symmetric matrix (ml-matrix eigen-decomposition); < 0 means not PSD. */
export function minEigenvalue(m: Mat): number {
  const s = checkCovariance("minEigenvalue", "m", m);
  return Math.min(...new EigenvalueDecomposition(new Matrix(s), { assumeSymmetric: true }).realEigenvalues);
}

/** Mean of the off-diagonal entries of a correlation matrix (the average pairwise correlation). */
export function averagePairwiseCorrelation(corr: Mat): number {
  const c = checkCovariance("averagePairwiseCorrelation", "corr", corr);
  const n = c.length;
  if (n < 2) throw new Error("averagePairwiseCorrelation: needs at least 2 series");
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) s += c[i][j];
  return s / ((n * (n - 1)) / 2);
}

/**
 * A correlation matrix specified by group labels: ρ_ij = pairs["A|B"] (or "B|A") for the labels A, B
 * of assets i ≠ j, 1 on the diagonal. Throws if a pair is missing, outside [−1, 1], or if the
 * result is not positive semi-definite (smallest eigenvalue < −1e-12).
 * Example: labels ["value", "growth", "value"], pairs {"value|value": 0.2, "value|growth": −0.3}.
 */
export function blockCorrelation(labels: readonly string[], pairs: Readonly<Record<string, number>>): number[][] {
  const fn = "blockCorrelation";
  const rho = (a: string, b: string): number => {
    const v = pairs[`${a}|${b}`] ?? pairs[`${b}|${a}`];
    if (v === undefined) throw new Error(`${fn}: no correlation given for the pair "${a}|${b}"`);
    if (!Number.isFinite(v) || Math.abs(v) > 1)
      throw new Error(`${fn}: correlation "${a}|${b}" = ${v} is outside [-1, 1]`);
    return v;
  };
  const c = labels.map((a, i) => labels.map((b, j) => (i === j ? 1 : rho(a, b))));
  const e = minEigenvalue(c);
  if (e < -1e-12) throw new Error(`${fn}: the correlations are not positive semi-definite (smallest eigenvalue ${e})`);
  return c;
}

/** One display row of `attributionReport` (basis points and percent); a type alias so that it is a plain record for `show`. */
export type AttributionReportRow = {
  name: string;
  weight: number;
  "alpha (bps)": number;
  "TE (bps)": number;
  "contribution to alpha (bps)": number;
  "contribution to TE (bps)": number;
  "% of alpha": number;
  "% of TE": number;
  "efficiency (pp)": number;
};

/**
 * The attribution as display records: returns and risks ×1e4 (basis points, assuming the inputs
 * were annual fractions), percentages ×100, efficiency in percentage points. Round-off residues
 * (|x| < 1e-9 in display units) are shown as 0 so that a fund exactly on the balance prints 0
 * rather than −5.55e-15.
 */
export function attributionReport(names: readonly string[], attribution: ActiveAttribution): AttributionReportRow[] {
  if (names.length !== attribution.rows.length) {
    throw new Error(`attributionReport: ${names.length} names for ${attribution.rows.length} holdings`);
  }
  const z = (x: number) => (Math.abs(x) < 1e-9 ? 0 : x);
  return attribution.rows.map((r, i) => ({
    name: names[i],
    weight: z(r.weight),
    "alpha (bps)": z(r.activeReturn * 1e4),
    "TE (bps)": z(r.standAloneRisk * 1e4),
    "contribution to alpha (bps)": z(r.contributionToReturn * 1e4),
    "contribution to TE (bps)": z(r.contributionToRisk * 1e4),
    "% of alpha": z(r.pctContributionToReturn * 100),
    "% of TE": z(r.pctContributionToRisk * 100),
    "efficiency (pp)": z(r.efficiency * 100),
  }));
}
