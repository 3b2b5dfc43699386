/**
 * Tables and figures of the "is the edge real?" analysis for a notebook: plain record arrays for
 * `show(...)` and plotly figure specs ({ data, layout }, displayed with `plot(...)`, like
 * lib/backtest/figures.ts). Pure builders over the results of sharpe-statistics.ts,
 * baselines.ts and factor-diagnostics.ts; no computation of their own beyond calling them.
 *
 * Units: Sharpe ratios annualised with √P (P = 12 for monthly returns) unless a column says
 * "per period"; returns in percent per month; probabilities (PSR, DSR, p-values) in [0, 1].
 */
import type { Figure } from "../notebook/display";
import { sharpeRatio } from "../statistics/sharpe-ratio";
import type { PermutationResult } from "./baselines";
import type { FactorQuintiles, IcSummary, ScoreCorrelations } from "./factor-diagnostics";
import {
  type BootstrapInterval,
  type BootstrapOptions,
  bootstrapSharpeDifferenceInterval,
  bootstrapSharpeInterval,
  deflatedSharpeRatio,
  loSharpeGmm,
  probabilisticSharpeRatio,
  returnMoments,
  sharpeStandardErrorIid,
  sharpeVariance,
} from "./sharpe-statistics";

/** "total_return_1m_quality" / "quality_normalized" → "quality" (labels only). */
export function shortFactorName(name: string): string {
  return name.replace(/^total_return_1m_/, "").replace(/_normalized$/, "");
}

/** The trials behind a selected strategy, for the deflated Sharpe ratio. */
export type TrialsInput =
  /** N and V[SR_n] of the trials' PER-PERIOD Sharpe ratios. */
  | { nTrials: number; variance: number }
  /** The trials' Sharpe ratios annualised with √P (as lib/research/sweep.ts result rows report them). */
  | { annualisedSharpes: readonly number[] };

export interface SignificanceOptions {
  /** Periods per year; default 12. */
  periodsPerYear?: number;
  /** Paired benchmark for the Sharpe-difference interval (same months, same order). */
  benchmark?: { name: string; returns: readonly number[] };
  /** Trials for the DSR; without them `dsr` and `sr0` are NaN. */
  trials?: TrialsInput;
  /** Stationary-bootstrap settings (`periodsPerYear` is taken from above). */
  bootstrap?: Omit<BootstrapOptions, "periodsPerYear">;
  /** Newey–West lags of Lo's GMM standard error; default ⌊4(T/100)^{2/9}⌋. */
  lags?: number;
}

/** One row of the significance table. */
export interface SignificanceRow {
  strategy: string;
  months: number;
  /** mean/sd(ddof 1)·√P, as the performance table. */
  sharpe: number;
  /** Lo's IID standard error of `sharpe`: √((1 + SR²/2)/T)·√P (SR per period). */
  se_iid: number;
  /** Lo's non-IID annualisation η(P)·μ/σ̂ (σ̂ with 1/T; ρ̂_1..ρ̂_{P−1} from the sample). */
  sharpe_lo: number;
  /** Lo's GMM (Newey–West) standard error of `sharpe_lo`; NaN when T ≤ P + lags. */
  se_lo: number;
  /** PSR(0): probability that the true Sharpe ratio is above 0. */
  psr_0: number;
  /** SR₀ of the DSR, annualised (√P), and DSR = PSR(SR₀); NaN without trials. */
  sr0: number;
  dsr: number;
  /** Stationary-bootstrap percentile interval of `sharpe`. */
  ci_lower: number;
  ci_upper: number;
  /** Benchmark name, SR(strategy) − SR(benchmark) (√P) and its paired bootstrap interval. */
  benchmark: string;
  sharpe_diff: number;
  diff_lower: number;
  diff_upper: number;
}

function trialsOf(t: TrialsInput | undefined, P: number): { nTrials: number; variance: number } | undefined {
  if (!t) return undefined;
  if ("nTrials" in t) return t;
  return { nTrials: t.annualisedSharpes.length, variance: sharpeVariance(t.annualisedSharpes) / P };
}

/** The significance row of one monthly return series (see `SignificanceRow` for each column). */
export function significanceRow(
  strategy: string,
  returns: readonly number[],
  opts: SignificanceOptions = {},
): SignificanceRow {
  const P = opts.periodsPerYear ?? 12;
  const rootP = Math.sqrt(P);
  const m = returnMoments(returns);
  const n = returns.length;
  const lo = Number.isInteger(P) && P >= 1 ? safeLo(returns, P, opts.lags) : undefined;
  const trials = trialsOf(opts.trials, P);
  const dsr =
    trials && Number.isFinite(m.sharpe)
      ? deflatedSharpeRatio({ ...m, nTrials: trials.nTrials, trialsVariance: trials.variance })
      : undefined;
  const boot = { ...opts.bootstrap, periodsPerYear: P };
  const single = bootstrapSharpeInterval(returns, boot);
  const diff: BootstrapInterval | undefined = opts.benchmark
    ? bootstrapSharpeDifferenceInterval(returns, opts.benchmark.returns, boot)
    : undefined;
  return {
    strategy,
    months: n,
    sharpe: sharpeRatio(returns, { periodsPerYear: P }),
    se_iid: Number.isFinite(m.sharpe) ? sharpeStandardErrorIid(m.sharpe, n) * rootP : Number.NaN,
    sharpe_lo: lo?.sharpeAggregated ?? Number.NaN,
    se_lo: lo?.standardError ?? Number.NaN,
    psr_0: Number.isFinite(m.sharpe) ? probabilisticSharpeRatio(m) : Number.NaN,
    sr0: dsr ? dsr.sr0 * rootP : Number.NaN,
    dsr: dsr ? dsr.dsr : Number.NaN,
    ci_lower: single.lower,
    ci_upper: single.upper,
    benchmark: opts.benchmark?.name ?? "",
    sharpe_diff: diff ? diff.estimate : Number.NaN,
    diff_lower: diff ? diff.lower : Number.NaN,
    diff_upper: diff ? diff.upper : Number.NaN,
  };
}

function safeLo(returns: readonly number[], q: number, lags: number | undefined) {
  try {
    return loSharpeGmm(returns, { periods: q, lags });
  } catch {
    return undefined; // too short for q + lags, or constant: the row shows NaN
  }
}

/** Significance rows of several named series (e.g. the strategies and the baselines). */
export function significanceTable(
  series: Readonly<Record<string, readonly number[]>>,
  opts: SignificanceOptions = {},
): SignificanceRow[] {
  return Object.entries(series).map(([name, r]) => significanceRow(name, r, opts));
}

/** The IC summary as display rows (per-month IC statistics; IR not annualised). */
export function icSummaryRows(summary: readonly IcSummary[]): Record<string, string | number>[] {
  return summary.map((s) => ({
    factor: s.factor,
    months: s.months,
    mean_ic: s.meanIc,
    ic_sd: s.sdIc,
    ic_ir: s.icIr,
    t_stat: s.tStat,
    mean_rank_ic: s.meanRankIc,
    rank_ic_sd: s.sdRankIc,
    rank_ic_ir: s.rankIcIr,
    rank_t_stat: s.rankTStat,
  }));
}

/** Mean quintile returns (percent per month) and the Q5 − Q1 spread per factor, as display rows. */
export function quintileRows(quintiles: readonly FactorQuintiles[]): Record<string, string | number>[] {
  return quintiles.map((q) => ({
    factor: q.factor,
    ...Object.fromEntries(q.meanReturns.map((v, k) => [`Q${k + 1}`, v])),
    spread: q.meanSpread,
    spread_t: q.spreadTStat,
    months: q.spreadMonths,
  }));
}

/** Grouped bars: mean month-t+1 return of each score quintile at t, one trace per factor. */
export function quintileBarFigure(quintiles: readonly FactorQuintiles[], opts: { title?: string } = {}): Figure {
  if (quintiles.length === 0) throw new Error("quintileBarFigure: no factors");
  const x = ["Q1 (lowest)", "Q2", "Q3", "Q4", "Q5 (highest)"];
  return {
    data: quintiles.map((q) => ({
      type: "bar",
      name: shortFactorName(q.factor),
      x,
      y: [...q.meanReturns],
      hovertemplate: `${shortFactorName(q.factor)} %{x}: %{y:.3f}% per month<extra></extra>`,
    })),
    layout: {
      title: { text: opts.title ?? "Next-month return by factor-score quintile (equal-weighted mean)" },
      barmode: "group",
      xaxis: { title: { text: "Score quintile at month t" } },
      yaxis: { title: { text: "Mean return over month t+1 (%)" }, ticksuffix: "%" },
      legend: { title: { text: "Factor" } },
    },
  };
}

function histogramWithLines(
  samples: readonly number[],
  lines: { x: number; label: string; dash: string }[],
  title: string,
  xTitle: string,
): Figure {
  return {
    data: [
      {
        type: "histogram",
        name: "draws",
        x: [...samples],
        nbinsx: 40,
        hovertemplate: "%{x}: %{y} draws<extra></extra>",
      },
    ],
    layout: {
      title: { text: title },
      xaxis: { title: { text: xTitle } },
      yaxis: { title: { text: "Draws" } },
      bargap: 0.02,
      showlegend: false,
      shapes: lines.map((l) => ({
        type: "line",
        xref: "x",
        yref: "paper",
        x0: l.x,
        x1: l.x,
        y0: 0,
        y1: 1,
        line: { dash: l.dash, width: 2 },
      })),
      annotations: lines.map((l) => ({
        x: l.x,
        y: 1,
        xref: "x",
        yref: "paper",
        text: l.label,
        showarrow: false,
        yanchor: "bottom",
      })),
    },
  };
}

/** Histogram of the shuffled-prediction Sharpe ratios with the actual strategy's as a line. */
export function permutationHistogramFigure(result: PermutationResult, opts: { title?: string } = {}): Figure {
  return histogramWithLines(
    result.samples,
    [{ x: result.actual, label: `actual ${result.actual.toFixed(2)}`, dash: "solid" }],
    opts.title ??
      `Sharpe ratio (√${result.periodsPerYear}) under shuffled predictions: ${result.samples.length} draws, p = ${result.pValue.toFixed(4)}`,
    `Sharpe ratio (√${result.periodsPerYear})`,
  );
}

/** Histogram of bootstrap draws with the estimate and the interval bounds as lines. */
export function bootstrapHistogramFigure(
  interval: BootstrapInterval,
  opts: { title?: string; xTitle?: string } = {},
): Figure {
  const pct = Math.round(interval.confidence * 100);
  return histogramWithLines(
    interval.samples,
    [
      { x: interval.estimate, label: `estimate ${interval.estimate.toFixed(2)}`, dash: "solid" },
      { x: interval.lower, label: `${pct}% lower`, dash: "dash" },
      { x: interval.upper, label: `${pct}% upper`, dash: "dash" },
    ],
    opts.title ??
      `Stationary bootstrap (mean block ${interval.meanBlockLength}, ${interval.samples.length} draws, seed ${interval.seed})`,
    opts.xTitle ?? "Sharpe ratio",
  );
}

/** Heatmap of the average cross-sectional correlation between factor scores. */
export function scoreCorrelationFigure(c: ScoreCorrelations, opts: { title?: string } = {}): Figure {
  const names = c.factors.map(shortFactorName);
  return {
    data: [
      {
        type: "heatmap",
        x: names,
        y: names,
        z: c.matrix.map((row) => [...row]),
        zmin: -1,
        zmax: 1,
        colorscale: "RdBu",
        hovertemplate: "%{y} / %{x}: %{z:.3f}<extra></extra>",
      },
    ],
    layout: {
      title: { text: opts.title ?? `Average cross-sectional ${c.method} correlation of factor scores` },
      yaxis: { autorange: "reversed" },
    },
  };
}
