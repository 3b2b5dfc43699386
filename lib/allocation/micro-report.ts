/**
 * Display helpers of the micro-allocation notebook (03): the tables of a team of funds (inputs,
 * headline, attribution totals, teams side by side, the equal-contribution certificate, client
 * sizing, alpha–team correlations), its figures (shares of alpha and TE, the alpha–TE frontier),
 * the rolling attribution as figures, the mean-variance sweep over size segments (table and
 * figures), and the cost of a sleeve against its AUM. Inputs in annual fractions (as the rest of
 * lib/allocation); outputs of the team tables and figures in basis points (×1e4) or percent /
 * percentage points (×100) as the column and axis names say; the size-segment outputs stay in
 * annual fractions. Nothing is annualised here (the inputs already are). Figure builders are pure
 * functions from typed inputs to a plotly `Figure`.
 */
import type { Figure } from "../notebook/display";
import type { Mat, Vec } from "../validation";
import { type ActiveAttribution, type AttributionReportRow, activeRiskAttribution } from "./active-risk";
import {
  type ActiveRiskSizing,
  alphaTeamCorrelations,
  type CapacityInput,
  sizeActiveRisk,
  sleeveCapacity,
  sleeveCostRate,
} from "./capacity";
import type { EqualContributionResult } from "./equal-contribution";
import { type MeanVarianceResult, meanVariance, portfolioSummary, type TargetAlphaSelection } from "./mean-variance";
import type { RollingAttributionPoint } from "./rolling-attribution";

export type TeamComparisonRow = {
  team: string;
  "alpha (bps)": number;
  "TE (bps)": number;
  "information ratio": number;
  /** Smallest and largest efficiency (pp) over the funds held. */
  "min efficiency (pp)": number;
  "max efficiency (pp)": number;
  /** Largest |share − 1/n| over the n funds, percentage points. */
  "max |alpha share − 1/n| (pp)": number;
  "max |TE share − 1/n| (pp)": number;
  "funds held": number;
};

/**
 * Teams (weight vectors over the same funds) side by side: alpha Σwα, TE √(wᵀΣw), IR, the range
 * of the efficiencies p_i − q_i and the largest deviation of the return and risk shares from
 * 1/n (n = number of funds), from `activeRiskAttribution`.
 */
export function teamComparison(
  teams: readonly { label: string; weights: Vec }[],
  alphas: Vec,
  cov: Mat,
): TeamComparisonRow[] {
  return teams.map(({ label, weights }) => {
    const a = activeRiskAttribution(weights, alphas, cov);
    const n = a.rows.length;
    const eff = a.rows.map((r) => r.efficiency * 100);
    return {
      team: label,
      "alpha (bps)": a.activeReturn * 1e4,
      "TE (bps)": a.trackingError * 1e4,
      "information ratio": a.informationRatio,
      "min efficiency (pp)": Math.min(...eff),
      "max efficiency (pp)": Math.max(...eff),
      "max |alpha share − 1/n| (pp)": Math.max(...a.rows.map((r) => Math.abs(r.pctContributionToReturn - 1 / n))) * 100,
      "max |TE share − 1/n| (pp)": Math.max(...a.rows.map((r) => Math.abs(r.pctContributionToRisk - 1 / n))) * 100,
      "funds held": a.rows.filter((r) => r.weight > 1e-9).length,
    };
  });
}

/** Rolling team alpha and tracking error (bps) by window end. */
export function rollingTeamFigure(points: readonly RollingAttributionPoint[], title: string): Figure {
  const x = points.map((p) => p.date);
  return {
    data: [
      { type: "scatter", mode: "lines", name: "team alpha (bps)", x, y: points.map((p) => p.alpha * 1e4) },
      {
        type: "scatter",
        mode: "lines",
        name: "team tracking error (bps)",
        x,
        y: points.map((p) => p.trackingError * 1e4),
      },
    ],
    layout: {
      title: { text: title },
      xaxis: { title: { text: "last month of the window" } },
      yaxis: { title: { text: "bps per year" } },
      hovermode: "x unified",
    },
  };
}

/** Each fund's share of the team tracking error (percent) by window end. */
export function rollingRiskSharesFigure(
  points: readonly RollingAttributionPoint[],
  names: readonly string[],
  title: string,
): Figure {
  const x = points.map((p) => p.date);
  return {
    data: names.map((n, i) => ({
      type: "scatter",
      mode: "lines",
      name: n,
      x,
      y: points.map((p) => p.riskShares[i] * 100),
    })),
    layout: {
      title: { text: title },
      xaxis: { title: { text: "last month of the window" } },
      yaxis: { title: { text: "% of team tracking error" } },
      hovermode: "x unified",
    },
  };
}

export type CapacityRow = {
  sleeve: string;
  "alpha (bps)": number;
  "cost budget (bps)": number;
  "spread cost (bps)": number;
  "capacity (USD m)": number;
};

/** Capacity per sleeve (capacity.ts), in bps and millions of the currency. */
export function capacityTable(sleeves: readonly { sleeve: string; input: CapacityInput }[]): CapacityRow[] {
  return sleeves.map(({ sleeve, input }) => {
    const c = sleeveCapacity(input);
    return {
      sleeve,
      "alpha (bps)": input.alpha * 1e4,
      "cost budget (bps)": c.costBudget * 1e4,
      "spread cost (bps)": c.spreadCostRate * 1e4,
      "capacity (USD m)": c.capacity / 1e6,
    };
  });
}

/** Annual cost rate (bps) against AUM (USD m) for each sleeve, with each sleeve's cost budget. */
export function capacityFigure(
  sleeves: readonly { sleeve: string; input: CapacityInput }[],
  aums: readonly number[],
  title: string,
): Figure {
  return {
    data: sleeves.flatMap(({ sleeve, input }) => [
      {
        type: "scatter",
        mode: "lines",
        name: `${sleeve}: cost`,
        x: aums.map((a) => a / 1e6),
        y: aums.map((a) => sleeveCostRate(input, a) * 1e4),
      },
      {
        type: "scatter",
        mode: "lines",
        name: `${sleeve}: budget`,
        x: [aums[0] / 1e6, aums[aums.length - 1] / 1e6],
        y: [input.costShare * input.alpha * 1e4, input.costShare * input.alpha * 1e4],
        line: { dash: "dot" },
      },
    ]),
    layout: {
      title: { text: title },
      xaxis: { title: { text: "sleeve AUM (USD m)" }, type: "log" },
      yaxis: { title: { text: "annual trading cost (bps)" } },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Tables of the team of funds (sections 2–7 and 9 of notebook 03)
// ---------------------------------------------------------------------------------------------

export type TeamInputsRow = { fund: string; "alpha (bps)": number; "TE (bps)": number };

/** The inputs of a team of funds: each fund's alpha and tracking error, annual fractions in, bps out (×1e4). */
export function teamInputsTable(names: readonly string[], alphas: Vec, trackingErrors: Vec): TeamInputsRow[] {
  return names.map((n, i) => ({ fund: n, "alpha (bps)": alphas[i] * 1e4, "TE (bps)": trackingErrors[i] * 1e4 }));
}

export type TeamSummaryRow = { measure: string; value: number };

/**
 * The headline of a team (`activeRiskAttribution`), one measure per row: the funds' average
 * tracking error and the team's (bps, ×1e4), the reduction of tracking error by diversification
 * (percent, ×100), the team alpha (bps), the team information ratio and the funds' average one
 * (ratios, unscaled). `alternativeTrackingErrors` (annual fractions, e.g. the team's TE under
 * shrunk correlations) add rows "team tracking error, <label> (bps)" after the team's own TE.
 */
export function teamSummaryTable(
  team: ActiveAttribution,
  alternativeTrackingErrors: readonly { label: string; trackingError: number }[] = [],
): TeamSummaryRow[] {
  return [
    { measure: "average tracking error of the funds (bps)", value: team.averageStandAloneRisk * 1e4 },
    { measure: "team tracking error (bps)", value: team.trackingError * 1e4 },
    ...alternativeTrackingErrors.map((a) => ({
      measure: `team tracking error, ${a.label} (bps)`,
      value: a.trackingError * 1e4,
    })),
    { measure: "reduction of tracking error (%)", value: team.diversificationRatio * 100 },
    { measure: "team alpha (bps)", value: team.activeReturn * 1e4 },
    { measure: "team information ratio", value: team.informationRatio },
    { measure: "average information ratio of the funds", value: team.averageInformationRatio },
  ];
}

export type AttributionTotalsRow = {
  total: string;
  "contribution to alpha (bps)": number;
  "contribution to TE (bps)": number;
  "% of alpha": number;
  "% of TE": number;
};

/**
 * The check that an attribution adds up: one row with the sums over the funds of the
 * contributions to alpha and to tracking error (bps, ×1e4; they equal the team alpha and TE) and
 * of the percentage contributions (percent, ×100; both 100).
 */
export function attributionTotalsTable(team: ActiveAttribution): AttributionTotalsRow[] {
  const sum = (f: (r: ActiveAttribution["rows"][number]) => number) => team.rows.reduce((s, r) => s + f(r), 0);
  return [
    {
      total: "sum over funds",
      "contribution to alpha (bps)": sum((r) => r.contributionToReturn) * 1e4,
      "contribution to TE (bps)": sum((r) => r.contributionToRisk) * 1e4,
      "% of alpha": sum((r) => r.pctContributionToReturn) * 100,
      "% of TE": sum((r) => r.pctContributionToRisk) * 100,
    },
  ];
}

export type TeamRiskReturnRow = {
  team: string;
  "alpha (bps)": number;
  "TE (bps)": number;
  "information ratio": number;
};

/**
 * The equal-weight team (`activeRiskAttribution`) next to the max-IR team at the target alpha
 * (`maxInformationRatioAtTargetAlpha`): alpha and tracking error in bps (×1e4), information ratio
 * unscaled. Rows "equal weight" and "max IR at target alpha".
 */
export function equalVsMaxIrTable(equal: ActiveAttribution, best: TargetAlphaSelection): TeamRiskReturnRow[] {
  return [
    {
      team: "equal weight",
      "alpha (bps)": equal.activeReturn * 1e4,
      "TE (bps)": equal.trackingError * 1e4,
      "information ratio": equal.informationRatio,
    },
    {
      team: "max IR at target alpha",
      "alpha (bps)": best.expectedReturn * 1e4,
      "TE (bps)": best.risk * 1e4,
      "information ratio": best.informationRatio,
    },
  ];
}

export type InputsComparisonRow = { inputs: string } & TeamRiskReturnRow;

/**
 * The same two teams (equal weight, max IR at the target alpha) under several sets of inputs
 * (e.g. the worked example and the estimates), two rows per set in the order given: alpha and
 * TE in bps (×1e4), information ratio unscaled; `inputs` names the set.
 */
export function inputsComparisonTable(
  cases: readonly { inputs: string; equal: ActiveAttribution; best: TargetAlphaSelection }[],
): InputsComparisonRow[] {
  return cases.flatMap((c) => equalVsMaxIrTable(c.equal, c.best).map((r) => ({ inputs: c.inputs, ...r })));
}

export type EqualContributionCertificateRow = {
  objective: number;
  stationarity: number;
  converged: boolean;
  "exactly equal": boolean;
  iterations: number;
  start: EqualContributionResult["start"];
  excluded: string;
};

/**
 * The certificate of an equal-contribution solution as one row: the objective F (unitless, sum of
 * squared share deviations), the first-order residual, convergence, whether the shares are equal
 * (F ≈ 0), the iterations and start of the kept run, and the funds left out ("none" if none).
 */
export function equalContributionCertificateTable(
  ec: EqualContributionResult,
  names: readonly string[],
): EqualContributionCertificateRow[] {
  return [
    {
      objective: ec.objective,
      stationarity: ec.stationarity,
      converged: ec.converged,
      "exactly equal": ec.equalized,
      iterations: ec.iterations,
      start: ec.start,
      excluded: ec.excluded.map((i) => names[i]).join(", ") || "none",
    },
  ];
}

export type ClientSizingRow = {
  team: string;
  "client target": string;
  "share in the team k (%)": number;
  "client alpha (bps)": number;
  "client TE (bps)": number;
  "without leverage": boolean;
};

/**
 * Each team sized to a client's alpha target and to its tracking-error budget (`sizeActiveRisk`:
 * k in the team, 1 − k in the benchmark), two rows per team: k in percent (×100), the client's
 * alpha and TE in bps (×1e4), and whether k ≤ 1. The targets are given **in bps** (as the
 * notebook's parameters; they also label the rows); weights, alphas and covariance in annual
 * fractions.
 */
export function clientSizingTable(
  teams: readonly { label: string; weights: Vec }[],
  alphas: Vec,
  cov: Mat,
  targets: { alphaBps: number; trackingErrorBps: number },
): ClientSizingRow[] {
  return teams.flatMap((t) => {
    const a = activeRiskAttribution(t.weights, alphas, cov);
    const sized: { target: string; size: ActiveRiskSizing }[] = [
      {
        target: `alpha ${targets.alphaBps} bps`,
        size: sizeActiveRisk(a.activeReturn, a.trackingError, { alpha: targets.alphaBps / 1e4 }),
      },
      {
        target: `TE ${targets.trackingErrorBps} bps`,
        size: sizeActiveRisk(a.activeReturn, a.trackingError, { trackingError: targets.trackingErrorBps / 1e4 }),
      },
    ];
    return sized.map((r) => ({
      team: t.label,
      "client target": r.target,
      "share in the team k (%)": r.size.activeShare * 100,
      "client alpha (bps)": r.size.alpha * 1e4,
      "client TE (bps)": r.size.trackingError * 1e4,
      "without leverage": r.size.feasible,
    }));
  });
}

/**
 * Correlation of each fund's alpha with each team's active return (`alphaTeamCorrelations`), as a
 * column table: column "fund", then one column per team (correlations, unitless).
 */
export function alphaTeamCorrelationTable(
  names: readonly string[],
  teams: readonly { label: string; weights: Vec }[],
  cov: Mat,
): Record<string, (string | number)[]> {
  return Object.fromEntries([
    ["fund", [...names]],
    ...teams.map((t) => [t.label, alphaTeamCorrelations(t.weights, cov)]),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Figures of the team of funds
// ---------------------------------------------------------------------------------------------

/**
 * A team's attribution (`attributionReport` rows) as grouped bars: each fund's share of the team
 * alpha and of its tracking error (percent of the team total), with the efficiency (share of alpha
 * − share of TE, percentage points) as black diamonds on the same axis.
 */
export function attributionSharesFigure(report: readonly AttributionReportRow[], title: string): Figure {
  const x = report.map((r) => r.name);
  return {
    data: [
      { type: "bar", name: "% of alpha", x, y: report.map((r) => r["% of alpha"]) },
      { type: "bar", name: "% of tracking error", x, y: report.map((r) => r["% of TE"]) },
      {
        type: "scatter",
        mode: "markers",
        name: "efficiency (pp)",
        x,
        y: report.map((r) => r["efficiency (pp)"]),
        marker: { size: 11, symbol: "diamond", color: "black" },
      },
    ],
    layout: {
      title: { text: title },
      barmode: "group",
      yaxis: { title: { text: "percent of team total / percentage points" } },
    },
  };
}

/** A frontier to draw: its points (`efficientFrontier`, annual fractions) and an optional plotly dash style. */
export interface FrontierCurve {
  name: string;
  points: readonly Pick<MeanVarianceResult, "risk" | "expectedReturn">[];
  dash?: string;
}

/** Labelled single funds: alphas and tracking errors in annual fractions. */
export interface FundMarkers {
  name: string;
  names: readonly string[];
  alphas: Vec;
  trackingErrors: Vec;
}

/** One team as a marker: alpha and tracking error in annual fractions, a plotly marker symbol. */
export interface TeamMarker {
  name: string;
  alpha: number;
  trackingError: number;
  symbol: string;
}

/**
 * Alpha against tracking error, both in bps (annual fractions ×1e4): the frontiers as lines (in
 * the order given), the single funds as labelled markers, then each team as a marker of size 12.
 */
export function alphaTrackingErrorFigure(input: {
  frontiers: readonly FrontierCurve[];
  funds: FundMarkers;
  teams?: readonly TeamMarker[];
  title: string;
}): Figure {
  const { frontiers, funds, teams = [], title } = input;
  return {
    data: [
      ...frontiers.map((f) => ({
        type: "scatter",
        mode: "lines",
        name: f.name,
        x: f.points.map((p) => p.risk * 1e4),
        y: f.points.map((p) => p.expectedReturn * 1e4),
        ...(f.dash === undefined ? {} : { line: { dash: f.dash } }),
      })),
      {
        type: "scatter",
        mode: "markers+text",
        name: funds.name,
        x: Array.from(funds.trackingErrors, (t) => t * 1e4),
        y: Array.from(funds.alphas, (a) => a * 1e4),
        text: [...funds.names],
        textposition: "top center",
      },
      ...teams.map((t) => ({
        type: "scatter",
        mode: "markers",
        name: t.name,
        x: [t.trackingError * 1e4],
        y: [t.alpha * 1e4],
        marker: { size: 12, symbol: t.symbol },
      })),
    ],
    layout: {
      title: { text: title },
      xaxis: { title: { text: "tracking error (bps)" } },
      yaxis: { title: { text: "alpha (bps)" } },
    },
  };
}

/** A team's return and risk shares: an `activeRiskAttribution` result, or shares p_i and q_i (fractions summing to 1). */
export type TeamShares = Pick<ActiveAttribution, "rows"> | Pick<EqualContributionResult, "returnShares" | "riskShares">;

function sharesOf(t: TeamShares): { returnShares: number[]; riskShares: number[] } {
  if ("rows" in t)
    return {
      returnShares: t.rows.map((r) => r.pctContributionToReturn),
      riskShares: t.rows.map((r) => r.pctContributionToRisk),
    };
  return { returnShares: [...t.returnShares], riskShares: [...t.riskShares] };
}

/**
 * Several teams' shares of the alpha and of the tracking error as grouped bars (percent of the
 * team total, shares ×100), two bars per team ("<label>: % of alpha", "<label>: % of TE"), with a
 * dotted line at the equal share 100/n (n = number of funds).
 */
export function sharesComparisonFigure(
  names: readonly string[],
  teams: readonly { label: string; shares: TeamShares }[],
  title: string,
): Figure {
  const equalShare = 100 / names.length;
  return {
    data: teams.flatMap((t) => {
      const s = sharesOf(t.shares);
      return [
        { type: "bar", name: `${t.label}: % of alpha`, x: names, y: s.returnShares.map((x) => x * 100) },
        { type: "bar", name: `${t.label}: % of TE`, x: names, y: s.riskShares.map((x) => x * 100) },
      ];
    }),
    layout: {
      title: { text: title },
      barmode: "group",
      yaxis: { title: { text: "percent of team total" } },
      shapes: [{ type: "line", xref: "paper", x0: 0, x1: 1, y0: equalShare, y1: equalShare, line: { dash: "dot" } }],
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Mean-variance across size segments (section 10 of notebook 03): all in annual fractions
// ---------------------------------------------------------------------------------------------

/** One risk aversion of a sweep: the mean-variance optimum and its summary (return, risk, Sharpe). */
export interface RiskAversionPoint {
  lambda: number;
  result: MeanVarianceResult;
  summary: { expectedReturn: number; risk: number; sharpe: number };
}

/**
 * `meanVariance` (full investment, no shorting) for each risk aversion λ, with `portfolioSummary`
 * at the risk-free rate (annual fractions; the Sharpe ratio is unitless).
 */
export function riskAversionSweep(
  mu: Vec,
  cov: Mat,
  riskAversions: readonly number[],
  riskFree = 0,
): RiskAversionPoint[] {
  return riskAversions.map((lambda) => {
    const result = meanVariance(mu, cov, lambda);
    return { lambda, result, summary: portfolioSummary(result.weights, mu, cov, riskFree) };
  });
}

/**
 * The sweep as a table, one row per λ: the weight of each segment (fractions), optionally the sum
 * of some segments' weights (`combined`, e.g. small + micro), the expected return and volatility
 * (annual fractions) and the Sharpe ratio.
 */
export function riskAversionSweepTable(
  sweep: readonly RiskAversionPoint[],
  segmentNames: readonly string[],
  combined?: { label: string; indices: readonly number[] },
): Record<string, number>[] {
  return sweep.map(({ lambda, result, summary }) => ({
    "risk aversion λ": lambda,
    ...Object.fromEntries(segmentNames.map((n, i) => [n, result.weights[i]])),
    ...(combined ? { [combined.label]: combined.indices.reduce((s, i) => s + result.weights[i], 0) } : {}),
    "expected return": summary.expectedReturn,
    volatility: summary.risk,
    Sharpe: summary.sharpe,
  }));
}

/**
 * The weights of the sweep stacked by segment against λ (log axis): fractions of the portfolio,
 * summing to 1 at each λ.
 */
export function riskAversionAllocationFigure(
  sweep: readonly RiskAversionPoint[],
  segmentNames: readonly string[],
  title: string,
): Figure {
  const x = sweep.map((s) => s.lambda);
  return {
    data: segmentNames.map((n, i) => ({
      type: "scatter",
      mode: "lines",
      stackgroup: "weights",
      name: n,
      x,
      y: sweep.map((s) => s.result.weights[i]),
    })),
    layout: {
      title: { text: title },
      xaxis: { title: { text: "risk aversion λ" }, type: "log" },
      yaxis: { title: { text: "weight" }, range: [0, 1] },
    },
  };
}

/**
 * Expected return against volatility, annual fractions (not bps): the efficient frontier of the
 * segments as a line, the optimum of each λ of the sweep as a labelled marker ("λ=…"), and the
 * single segments as labelled markers.
 */
export function segmentFrontierFigure(input: {
  frontier: readonly Pick<MeanVarianceResult, "risk" | "expectedReturn">[];
  sweep: readonly RiskAversionPoint[];
  segments: { names: readonly string[]; expectedReturns: Vec; volatilities: Vec };
  title: string;
}): Figure {
  const { frontier, sweep, segments, title } = input;
  return {
    data: [
      {
        type: "scatter",
        mode: "lines",
        name: "efficient frontier",
        x: frontier.map((p) => p.risk),
        y: frontier.map((p) => p.expectedReturn),
      },
      {
        type: "scatter",
        mode: "markers+text",
        name: "mean-variance optimum for λ",
        x: sweep.map((s) => s.result.risk),
        y: sweep.map((s) => s.result.expectedReturn),
        text: sweep.map((s) => `λ=${s.lambda}`),
        textposition: "middle right",
      },
      {
        type: "scatter",
        mode: "markers+text",
        name: "single segments",
        x: Array.from(segments.volatilities),
        y: Array.from(segments.expectedReturns),
        text: [...segments.names],
        textposition: "bottom right",
      },
    ],
    layout: {
      title: { text: title },
      xaxis: { title: { text: "volatility (annual)" } },
      yaxis: { title: { text: "expected return (annual)" } },
    },
  };
}
