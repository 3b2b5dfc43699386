/**
 * The embedded fund-returns sample of notebook 03 (`data/sample/funds/`): **synthetic** monthly
 * returns of a broad equity benchmark and eight active funds whose population alphas, tracking
 * errors and alpha correlations are the worked example of the micro-allocation document (the
 * team typed into notebook 03: tracking errors averaging 375 bps that combine to about 92 bps).
 *
 * Generating process (percent per month, seed `FUND_SAMPLE_SEED`, `lib/random.ts`):
 * - months: the 240 month ends 2005-01-31 … 2024-12-31;
 * - benchmark: R_b,t = 0.65 + 4.3 · t₅ (t₅ a unit-variance Student-t draw with 5 df) —
 *   about 8 % a year with 15 % volatility;
 * - active returns a_t = μ + L z_t with μ_i = α_i / 12 and L the Cholesky factor of the monthly
 *   covariance C_ij = ρ_ij σ_i σ_j, σ_i = TE_i / √12 (population values of `WORKED_EXAMPLE_TEAM`
 *   and `WORKED_EXAMPLE_STYLE_CORRELATIONS`), z_t independent unit-variance t₅ draws;
 * - **exact moments** (default): over the months the estimator uses (the inner join below) the
 *   draws are first whitened — demeaned and multiplied by the inverse Cholesky factor of their own
 *   sample covariance (ddof 1) — so that the sample mean and sample covariance of a_t there equal
 *   μ and C exactly (moment matching). The estimates of `lib/allocation/estimates.ts` then return
 *   the worked example up to the 4-decimal rounding of the file. Without it, 19 years of data
 *   would give each alpha only to about ±85 bps (one standard error, TE / √years): means of
 *   returns are hard to estimate, and the point of the sample is to show the pipeline, not noise;
 * - fund returns R_i,t = R_b,t + a_i,t, written with 4 decimals (0.0001 % = 0.01 bp a month).
 *
 * Imperfections on purpose, so that the alignment is exercised: the micro-cap fund starts in
 * 2006-01 (no rows for 2005), and the international fund's return of 2013-08-31 is missing (an
 * empty cell). The inner join therefore keeps the 227 months 2006-01 … 2024-12 without 2013-08;
 * the other funds' values in the 13 dropped months are ordinary draws (μ + L z_t, not matched).
 *
 * Regenerate with `npx tsx lib/cli/generate-fund-data.ts [--out DIR] [--seed N]`; the same seed
 * gives byte-identical files (test/data/fund-sample.test.ts).
 */
import { blockCorrelation } from "../allocation/active-risk";
import { monthEndsBetween } from "../data/dates";
import {
  type FundFile,
  type FundInfo,
  type FundReturnsData,
  fundReturnsCsv,
  type ReturnSeries,
} from "../data/fund-returns";
import { createRng } from "../random";

/** Seed of the committed sample. */
export const FUND_SAMPLE_SEED = 20240815;

/** A fund of the worked example with its population parameters (annual, basis points). */
export interface PopulationFund {
  id: string;
  name: string;
  segment: string;
  style: string;
  alphaBps: number;
  trackingErrorBps: number;
}

/**
 * The worked example of the micro-allocation document as typed into notebook 03: eight funds,
 * alphas and tracking errors in bps per year (tracking errors average 375 bps).
 */
export const WORKED_EXAMPLE_TEAM: readonly PopulationFund[] = [
  { id: "LCV", name: "Large Value", segment: "large", style: "value", alphaBps: 70, trackingErrorBps: 300 },
  { id: "LCG", name: "Large Growth", segment: "large", style: "growth", alphaBps: 95, trackingErrorBps: 350 },
  { id: "MCV", name: "Mid Value", segment: "mid", style: "value", alphaBps: 80, trackingErrorBps: 325 },
  { id: "MCG", name: "Mid Growth", segment: "mid", style: "growth", alphaBps: 110, trackingErrorBps: 400 },
  { id: "SCV", name: "Small Value", segment: "small", style: "value", alphaBps: 100, trackingErrorBps: 375 },
  { id: "SCG", name: "Small Growth", segment: "small", style: "growth", alphaBps: 150, trackingErrorBps: 450 },
  { id: "MICRO", name: "Micro-cap Core", segment: "micro", style: "core", alphaBps: 130, trackingErrorBps: 425 },
  {
    id: "INTL",
    name: "International Core",
    segment: "international",
    style: "core",
    alphaBps: 85,
    trackingErrorBps: 375,
  },
];

/** The worked example's alpha correlations by style pair (for `blockCorrelation`). */
export const WORKED_EXAMPLE_STYLE_CORRELATIONS: Readonly<Record<string, number>> = {
  "value|value": 0.15,
  "growth|growth": 0.15,
  "value|growth": -0.35,
  "core|value": 0,
  "core|growth": 0,
  "core|core": 0,
};

/** The benchmark row of the sample. */
export const SAMPLE_BENCHMARK: FundInfo = {
  id: "BENCH",
  name: "Broad equity benchmark",
  role: "benchmark",
  benchmark: "",
  segment: "all",
  style: "",
};

/** Population inputs of the worked example: alphas and tracking errors as annual fractions, correlation. */
export function workedExamplePopulation(team: readonly PopulationFund[] = WORKED_EXAMPLE_TEAM): {
  ids: string[];
  names: string[];
  alphas: number[];
  trackingErrors: number[];
  correlation: number[][];
} {
  return {
    ids: team.map((f) => f.id),
    names: team.map((f) => f.name),
    alphas: team.map((f) => f.alphaBps / 1e4),
    trackingErrors: team.map((f) => f.trackingErrorBps / 1e4),
    correlation: blockCorrelation(
      team.map((f) => f.style),
      WORKED_EXAMPLE_STYLE_CORRELATIONS,
    ),
  };
}

/** Lower Cholesky factor of a symmetric positive definite matrix. */
function cholesky(a: readonly (readonly number[])[]): number[][] {
  const n = a.length;
  const l = a.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i][j];
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      if (i === j) {
        if (!(s > 0)) throw new Error("fund sample: covariance is not positive definite");
        l[i][i] = Math.sqrt(s);
      } else l[i][j] = s / l[j][j];
    }
  }
  return l;
}

/** Solve L y = b for lower-triangular L. */
function forward(l: number[][], b: readonly number[]): number[] {
  const y = new Array<number>(b.length).fill(0);
  for (let i = 0; i < b.length; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i][k] * y[k];
    y[i] = s / l[i][i];
  }
  return y;
}

const mulLower = (l: number[][], z: readonly number[]) =>
  l.map((row, i) => {
    let s = 0;
    for (let k = 0; k <= i; k++) s += row[k] * z[k];
    return s;
  });

/** Options of `generateFundSample`. */
export interface FundSampleOptions {
  seed?: number;
  /** Match the sample mean and covariance of the active returns to the population over the join (default true). */
  exactMoments?: boolean;
}

const FIRST_MONTH = "2005-01-31";
const LAST_MONTH = "2024-12-31";
const LATE_START: Readonly<Record<string, string>> = { MICRO: "2006-01-31" };
const MISSING: readonly (readonly [string, string])[] = [["INTL", "2013-08-31"]];

/** The sample as a data set in memory (returns in percent, unrounded). */
export function generateFundSampleData(opts: FundSampleOptions = {}): FundReturnsData {
  const rng = createRng(opts.seed ?? FUND_SAMPLE_SEED);
  const exact = opts.exactMoments ?? true;
  const team = WORKED_EXAMPLE_TEAM;
  const months = monthEndsBetween(FIRST_MONTH, LAST_MONTH);
  const pop = workedExamplePopulation(team);
  const mu = pop.alphas.map((a) => (a * 100) / 12); // percent per month
  const sigma = pop.trackingErrors.map((te) => (te * 100) / Math.sqrt(12));
  const cov = pop.correlation.map((r, i) => r.map((v, j) => v * sigma[i] * sigma[j]));
  const lPop = cholesky(cov);

  const bench = Float64Array.from(months, () => 0.65 + 4.3 * rng.studentT(5));
  const z = months.map(() => team.map(() => rng.studentT(5)));

  // which months the estimator keeps: every fund present (late start, missing cells)
  const present = team.map((f) =>
    months.map((d) => d >= (LATE_START[f.id] ?? FIRST_MONTH) && !MISSING.some(([id, m]) => id === f.id && m === d)),
  );
  const join = months.map((_, t) => present.every((p) => p[t]));
  const active = z.map((zt) => mulLower(lPop, zt).map((v, i) => v + mu[i]));
  if (exact) {
    const rows = months.map((_, t) => t).filter((t) => join[t]);
    const m = rows.length;
    const mean = team.map((_, i) => rows.reduce((s, t) => s + z[t][i], 0) / m);
    const centred = rows.map((t) => z[t].map((v, i) => v - mean[i]));
    const s = team.map((_, i) => team.map((_, j) => centred.reduce((acc, row) => acc + row[i] * row[j], 0) / (m - 1)));
    const lSample = cholesky(s);
    rows.forEach((t, k) => {
      const white = forward(lSample, centred[k]); // sample covariance of `white` over the join = I
      active[t] = mulLower(lPop, white).map((v, i) => v + mu[i]);
    });
  }

  const funds: FundInfo[] = [
    SAMPLE_BENCHMARK,
    ...team.map((f) => ({
      id: f.id,
      name: f.name,
      role: "fund" as const,
      benchmark: SAMPLE_BENCHMARK.id,
      segment: f.segment,
      style: f.style,
    })),
  ];
  const series = new Map<string, ReturnSeries>();
  series.set(SAMPLE_BENCHMARK.id, { id: SAMPLE_BENCHMARK.id, dates: [...months], returns: bench });
  team.forEach((f, i) => {
    const start = LATE_START[f.id] ?? FIRST_MONTH;
    const ts = months.map((_, t) => t).filter((t) => months[t] >= start);
    series.set(f.id, {
      id: f.id,
      dates: ts.map((t) => months[t]),
      returns: Float64Array.from(ts, (t) => (present[i][t] ? bench[t] + active[t][i] : Number.NaN)),
    });
  });
  return { funds, series };
}

/** The sample's two CSV files (file name → text), byte-reproducible for a given seed. */
export function generateFundSample(opts: FundSampleOptions = {}): Record<FundFile, string> {
  return fundReturnsCsv(generateFundSampleData(opts), 4);
}
