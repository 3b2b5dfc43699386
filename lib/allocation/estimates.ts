/**
 * Team inputs of the micro-allocation (notebook 03) estimated from monthly return series: per
 * fund the annualised alpha and tracking error, and the alpha (active-return) correlation matrix,
 * optionally shrunk towards constant correlation (Ledoit & Wolf 2004).
 *
 * Definitions (monthly data, T months, fund i against its benchmark b(i)):
 * - active return a_i,t = R_i,t − R_b(i),t (percent in the CSV files). "Alpha" here is the mean
 *   active return, not a regression (CAPM) alpha: the beta to the benchmark is taken as 1.
 * - alpha α_i = 12 · mean_t(a_i,t) — the arithmetic annualisation, as the worked example's alphas.
 * - tracking error TE_i = √12 · s_i, s_i the sample standard deviation (ddof 1) of a_i,t.
 * - information ratio IR_i = α_i / TE_i.
 * - standard error of the alpha se(α_i) = 12 · s_i / √T = TE_i / √(T / 12): with 20 years of data a
 *   fund with 375 bps of tracking error has its alpha known only to about ±84 bps (one s.e.).
 * - alpha correlation ρ_ij = Pearson correlation of a_i and a_j over the same months.
 * - covariance Σ_ij = ρ_ij · TE_i · TE_j (annual), with ρ the sample or the shrunk correlation.
 * Units of the results: **annual decimal fractions** (0.0100 = 100 bps = 1 %; multiply by 1e4 for
 * basis points), as the other functions of `lib/allocation` take them.
 *
 * Shrinkage ("ledoit-wolf"): Ledoit & Wolf (2004), "Honey, I shrunk the sample covariance
 * matrix", constant-correlation target. With x the demeaned active returns and moments over T
 * (not T − 1), s_ij = Σ_t x_it x_jt / T, r̄ the mean off-diagonal sample correlation, target
 * f_ij = r̄ √(s_ii s_jj) (f_ii = s_ii):
 *   π_ij = Σ_t (x_it x_jt − s_ij)² / T,   θ_ij = Σ_t (x_it² − s_ii)(x_it x_jt − s_ij) / T,
 *   π = Σ_ij π_ij,   ρ = Σ_i π_ii + r̄ Σ_{i≠j} √(s_jj / s_ii) θ_ij,   γ = Σ_ij (f_ij − s_ij)²,
 *   δ = max(0, min(1, (π − ρ) / γ / T))   (δ = 0 when γ ≤ 1e-24 Σ s_ij², i.e. 0 up to round-off:
 *   the target equals the sample, as for two series).
 * The target keeps the variances, so shrinking acts on the correlations only:
 * ρ̂_ij = δ r̄ + (1 − δ) r_ij for i ≠ j; the tracking errors stay the ddof-1 ones above. A fixed
 * intensity δ in [0, 1] may be passed instead. The result is positive semi-definite (a convex
 * combination of two PSD matrices; r̄ ≥ −1/(n − 1) for any correlation matrix).
 *
 * Alignment and missing values (`estimateActiveRisk`): a fund's active return exists in a month
 * when both the fund and its benchmark have a finite return for that month end (NaN / empty cells
 * and absent rows are missing). Every estimate uses the same months: the **inner join** of the
 * funds' active-return months, so that the correlation matrix is a valid one; months dropped by the
 * join are listed with the funds missing there. A fund with fewer than `minMonths` months of active
 * returns (default 36) is an error naming it; so is a join shorter than `minMonths`, or a constant
 * active return (tracking error 0, correlation undefined).
 */
import { addMonths } from "../data/dates";
import type { FundReturnsData } from "../data/fund-returns";
import { demean, mean, sampleStd } from "../statistics/descriptive";
import { ledoitWolfConstantCorrelation, seriesChecked } from "../statistics/risk-models";
import type { Mat } from "../validation";

/** Moved to lib/statistics/risk-models.ts (the risk models in one module); re-exported for `allocation.*`. */
export { type LedoitWolfResult, ledoitWolfConstantCorrelation } from "../statistics/risk-models";

/** Correlation shrinkage: none, the Ledoit–Wolf intensity, or a fixed intensity in [0, 1]. */
export type CorrelationShrinkage = "none" | "ledoit-wolf" | number;

/** Default minimum number of months of active returns per fund and after the join. */
export const DEFAULT_MIN_MONTHS = 36;

/** Estimates of the team inputs; vectors in the order of `ids`. */
export interface ActiveRiskEstimates {
  ids: string[];
  names: string[];
  /** Month ends used (the inner join), ascending; empty when none were given. */
  months: string[];
  /** Number of months T used. */
  observations: number;
  /** Months of the funds' histories left out by the inner join, with the funds missing there. */
  dropped: { date: string; missing: string[] }[];
  /** Mean monthly active return, percent. */
  monthlyMean: number[];
  /** Sample standard deviation (ddof 1) of the monthly active return, percent. */
  monthlyStd: number[];
  /** The aligned monthly active returns used, percent: activeReturns[i][t] for fund i, month `months[t]`. */
  activeReturns: number[][];
  /** α = 12 · mean, annual fraction. */
  alphas: number[];
  /** TE = √12 · std, annual fraction. */
  trackingErrors: number[];
  /** α / TE. */
  informationRatios: number[];
  /** Standard error of α, TE / √(T/12), annual fraction. */
  alphaStdErrors: number[];
  /** Pearson correlation of the active returns. */
  sampleCorrelation: number[][];
  /** The correlation used for `covariance`: the sample one or the shrunk one. */
  correlation: number[][];
  /** Σ_ij = correlation_ij · TE_i · TE_j, annual fraction². */
  covariance: number[][];
  shrinkage: {
    method: "none" | "ledoit-wolf" | "fixed";
    /** δ in [0, 1] (0 for "none"). */
    intensity: number;
    /** r̄, the mean off-diagonal sample correlation (the target's correlation). */
    averageCorrelation: number;
  };
}

/**
 * Alphas, tracking errors and the alpha correlation from aligned monthly active returns in
 * **percent** (`active[i][t]`, one series per fund, the same T months for all; no NaN). See the
 * module header for the formulas and units.
 */
export function estimateFromActiveReturns(
  active: Mat,
  opts: {
    ids?: readonly string[];
    names?: readonly string[];
    months?: readonly string[];
    shrinkage?: CorrelationShrinkage;
  } = {},
): ActiveRiskEstimates {
  const fn = "estimateFromActiveReturns";
  const a = seriesChecked(fn, active);
  const n = a.length;
  const T = a[0].length;
  const ids = opts.ids ? [...opts.ids] : a.map((_, i) => `series ${i}`);
  if (ids.length !== n) throw new Error(`${fn}: ${ids.length} ids for ${n} series`);
  const names = opts.names ? [...opts.names] : [...ids];
  if (names.length !== n) throw new Error(`${fn}: ${names.length} names for ${n} series`);
  const months = opts.months ? [...opts.months] : [];
  if (months.length !== 0 && months.length !== T)
    throw new Error(`${fn}: ${months.length} months for ${T} observations`);
  const x = a.map(demean);
  const monthlyMean = a.map(mean);
  const monthlyStd = a.map(sampleStd);
  // Σ_t x_it² of the demeaned series: the correlations' denominators.
  const ss = x.map((s) => s.reduce((acc, v) => acc + v * v, 0));
  monthlyStd.forEach((v, i) => {
    if (!(v > 0)) throw new Error(`${fn}: the active return of "${ids[i]}" is constant (tracking error 0)`);
  });
  const sampleCorrelation = x.map((xi, i) =>
    x.map((xj, j) => {
      if (i === j) return 1;
      let c = 0;
      for (let t = 0; t < T; t++) c += xi[t] * xj[t];
      return Math.max(-1, Math.min(1, c / Math.sqrt(ss[i] * ss[j])));
    }),
  );
  let rBar = Number.NaN;
  if (n >= 2) {
    let sum = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) sum += sampleCorrelation[i][j];
    rBar = sum / ((n * (n - 1)) / 2);
  }
  const sh = opts.shrinkage ?? "none";
  let method: ActiveRiskEstimates["shrinkage"]["method"] = "none";
  let delta = 0;
  if (sh === "ledoit-wolf") {
    method = "ledoit-wolf";
    delta = n >= 2 ? ledoitWolfConstantCorrelation(a).intensity : 0;
  } else if (typeof sh === "number") {
    if (!(sh >= 0 && sh <= 1)) throw new Error(`${fn}: shrinkage intensity ${sh} is outside [0, 1]`);
    method = "fixed";
    delta = sh;
  } else if (sh !== "none") {
    throw new Error(`${fn}: shrinkage must be "none", "ledoit-wolf" or a number in [0, 1], got ${String(sh)}`);
  }
  const correlation =
    delta === 0
      ? sampleCorrelation.map((r) => [...r])
      : sampleCorrelation.map((r, i) => r.map((v, j) => (i === j ? 1 : delta * rBar + (1 - delta) * v)));
  const alphas = monthlyMean.map((m) => (12 * m) / 100);
  const trackingErrors = monthlyStd.map((s) => (Math.sqrt(12) * s) / 100);
  return {
    ids,
    names,
    months,
    observations: T,
    dropped: [],
    monthlyMean,
    monthlyStd,
    activeReturns: a.map((r) => [...r]),
    alphas,
    trackingErrors,
    informationRatios: alphas.map((al, i) => al / trackingErrors[i]),
    alphaStdErrors: trackingErrors.map((te) => te / Math.sqrt(T / 12)),
    sampleCorrelation,
    correlation,
    covariance: correlation.map((r, i) => r.map((v, j) => v * trackingErrors[i] * trackingErrors[j])),
    shrinkage: { method, intensity: delta, averageCorrelation: rBar },
  };
}

/** Options of `estimateActiveRisk`. */
export interface EstimateActiveRiskOptions {
  /** Fund ids to estimate, in this order (default: every Role = fund row of funds.csv, in file order). */
  funds?: readonly string[];
  /** Minimum months of active returns per fund and after the inner join (default 36). */
  minMonths?: number;
  shrinkage?: CorrelationShrinkage;
}

/**
 * Align the funds' active returns on the inner join of their months and estimate the team inputs
 * (module header: definitions, units, alignment, errors).
 */
export function estimateActiveRisk(data: FundReturnsData, opts: EstimateActiveRiskOptions = {}): ActiveRiskEstimates {
  const fn = "estimateActiveRisk";
  const minMonths = opts.minMonths ?? DEFAULT_MIN_MONTHS;
  if (!Number.isInteger(minMonths) || minMonths < 2)
    throw new Error(`${fn}: minMonths must be an integer ≥ 2, got ${minMonths}`);
  const byId = new Map(data.funds.map((f) => [f.id, f]));
  const ids = opts.funds ? [...opts.funds] : data.funds.filter((f) => f.role === "fund").map((f) => f.id);
  if (ids.length === 0) throw new Error(`${fn}: no funds to estimate`);
  const funds = ids.map((id) => {
    const f = byId.get(id);
    if (!f) throw new Error(`${fn}: "${id}" is not in funds.csv`);
    if (f.role !== "fund") throw new Error(`${fn}: "${id}" is a benchmark, not a fund`);
    return f;
  });
  if (new Set(ids).size !== ids.length) throw new Error(`${fn}: a fund is listed twice in ${ids.join(", ")}`);
  const seriesMap = (id: string) => {
    const s = data.series.get(id);
    if (!s) throw new Error(`${fn}: no return series for "${id}"`);
    const m = new Map<string, number>();
    s.dates.forEach((d, t) => {
      if (Number.isFinite(s.returns[t])) m.set(d, s.returns[t]);
    });
    return m;
  };
  const activeByFund = funds.map((f) => {
    const own = seriesMap(f.id);
    const bench = seriesMap(f.benchmark);
    const act = new Map<string, number>();
    for (const [d, v] of own) {
      const b = bench.get(d);
      if (b !== undefined) act.set(d, v - b);
    }
    return act;
  });
  const span = (m: Map<string, number>) => {
    const d = [...m.keys()].sort();
    return d.length ? `${d[0]} … ${d[d.length - 1]}` : "none";
  };
  funds.forEach((f, i) => {
    const k = activeByFund[i].size;
    if (k < minMonths)
      throw new Error(
        `${fn}: fund "${f.id}" (${f.name}) has ${k} months of active returns (fund and benchmark "${f.benchmark}" both present; ${span(activeByFund[i])}), fewer than minMonths = ${minMonths}`,
      );
  });
  const union = [...new Set(activeByFund.flatMap((m) => [...m.keys()]))].sort();
  const months = union.filter((d) => activeByFund.every((m) => m.has(d)));
  if (months.length < minMonths) {
    const detail = funds.map((f, i) => `${f.id} ${activeByFund[i].size} (${span(activeByFund[i])})`).join(", ");
    throw new Error(
      `${fn}: only ${months.length} months are common to all ${funds.length} funds (inner join), fewer than minMonths = ${minMonths}; months of active returns per fund: ${detail}`,
    );
  }
  const kept = new Set(months);
  const dropped = union
    .filter((d) => !kept.has(d))
    .map((date) => ({ date, missing: ids.filter((_, i) => !activeByFund[i].has(date)) }));
  const active = activeByFund.map((m) => months.map((d) => m.get(d) as number));
  const est = estimateFromActiveReturns(active, {
    ids,
    names: funds.map((f) => f.name),
    months,
    shrinkage: opts.shrinkage,
  });
  return { ...est, dropped };
}

/** One display row of `estimatesReport` (basis points); a type alias so that it is a plain record for `show`. */
export type EstimatesReportRow = {
  fund: string;
  months: number;
  "alpha (bps)": number;
  "std. error of alpha (bps)": number;
  "tracking error (bps)": number;
  "information ratio": number;
};

/** The estimates per fund in basis points per year, for `show`. */
export function estimatesReport(est: ActiveRiskEstimates): EstimatesReportRow[] {
  return est.names.map((name, i) => ({
    fund: name,
    months: est.observations,
    "alpha (bps)": est.alphas[i] * 1e4,
    "std. error of alpha (bps)": est.alphaStdErrors[i] * 1e4,
    "tracking error (bps)": est.trackingErrors[i] * 1e4,
    "information ratio": est.informationRatios[i],
  }));
}

/**
 * The months dropped by the inner join in words, consecutive months with the same missing funds
 * grouped: "2005-01-31 … 2005-12-31 (MICRO); 2013-08-31 (INTL)", or "none".
 */
export function describeDroppedMonths(dropped: ActiveRiskEstimates["dropped"]): string {
  if (dropped.length === 0) return "none";
  const groups: { from: string; to: string; missing: string; count: number }[] = [];
  for (const d of dropped) {
    const missing = d.missing.join(", ");
    const last = groups.at(-1);
    if (last && last.missing === missing && addMonths(last.to, 1) === d.date) {
      last.to = d.date;
      last.count++;
    } else groups.push({ from: d.date, to: d.date, missing, count: 1 });
  }
  return groups.map((g) => `${g.count > 1 ? `${g.from} … ${g.to}` : g.from} (${g.missing})`).join("; ");
}

/** A reference team member (e.g. the worked example) to compare estimates with, by name; bps per year. */
export interface ReferenceFund {
  fund: string;
  alphaBps: number;
  trackingErrorBps: number;
}

/** One display row of `referenceComparison`; a type alias so that it is a plain record for `show`. */
export type ReferenceComparisonRow = {
  fund: string;
  "reference alpha (bps)": number;
  "estimated alpha (bps)": number;
  "difference in std. errors": number;
  "reference TE (bps)": number;
  "estimated TE (bps)": number;
};

/**
 * Estimates next to reference values for the funds found in both (matched by name, in the order
 * of the estimates); empty when no name matches. "difference in std. errors" = (estimated −
 * reference alpha) / std. error of the estimated alpha.
 */
export function referenceComparison(
  est: ActiveRiskEstimates,
  reference: readonly ReferenceFund[],
): ReferenceComparisonRow[] {
  const byName = new Map(reference.map((r) => [r.fund, r]));
  return est.names.flatMap((name, i) => {
    const r = byName.get(name);
    if (!r) return [];
    return [
      {
        fund: name,
        "reference alpha (bps)": r.alphaBps,
        "estimated alpha (bps)": est.alphas[i] * 1e4,
        "difference in std. errors": (est.alphas[i] * 1e4 - r.alphaBps) / (est.alphaStdErrors[i] * 1e4),
        "reference TE (bps)": r.trackingErrorBps,
        "estimated TE (bps)": est.trackingErrors[i] * 1e4,
      },
    ];
  });
}
