/**
 * Reporting for the ML strategic balanced index (`strategic-index.ts`): return series next to
 * the base index and the article's two strategies, a performance table, trading and cost
 * statistics, sector weights over time, Carino-linked Brinson–Fachler attribution by sector, a
 * no-trade-band sensitivity, and plotly figures.
 *
 * Conventions (lib/statistics/performance.ts with periodsPerYear 12, as lib/backtest): monthly
 * returns in percent; Sharpe = mean/std(ddof 1)·√12 (the corrected convention, not the article's
 * √252), no risk-free rate; cumulative and total returns compounded; maximum drawdown of
 * compounded wealth (percent, ≤ 0); tracking error and information ratio annualised with √12
 * against the equal-weighted total-return base index.
 * Turnover is one-way (½Σ|Δw|) per rebalance; "annual" figures are sums over the months × 12 / n.
 * Costs in basis points of the portfolio (1 bp = 0.0001). Every series is dated by its return
 * month t (the weights were decided at the end of t − 1).
 */
import { correctedSharpeRatio } from "../backtest/sharpe";
import type { ReturnsTable } from "../backtest/strategy-returns";
import type { Figure } from "../notebook/display";
import { compoundedCumulative } from "../statistics/compounding";
import { mean } from "../statistics/descriptive";
import { performanceStatistics, performanceTable } from "../statistics/performance";
import { MONTHLY_PERIODS } from "../statistics/periods";
import { type LinkedAttribution, linkCarino } from "./brinson";
import {
  type FactorForecast,
  type StockMonth,
  type StrategicIndexOptions,
  type StrategicIndexResult,
  strategicIndex,
} from "./strategic-index";
import { type StrategicSource, strategicInputs } from "./strategic-inputs";
import { overlayPeriods, type TimingAttribution, timingAttribution } from "./timing-attribution";

/** Names of the index's own series. */
export const STRATEGIC_SERIES = {
  net: "strategic_net",
  gross: "strategic_gross",
  tilt: "tilt_only",
  base: "ew_base",
} as const;

/** (Row types are type aliases, not interfaces, so that `show` accepts them as records.) */

/** The index's monthly percent series by return month. */
export function strategicSeries(result: StrategicIndexResult): { dates: string[]; series: Record<string, number[]> } {
  const m = result.months;
  return {
    dates: m.map((x) => x.date),
    series: {
      [STRATEGIC_SERIES.net]: m.map((x) => x.netReturn),
      [STRATEGIC_SERIES.gross]: m.map((x) => x.grossReturn),
      [STRATEGIC_SERIES.tilt]: m.map((x) => x.tiltReturn),
      [STRATEGIC_SERIES.base]: m.map((x) => x.benchmarkReturn),
    },
  };
}

/**
 * The index's series next to the article's strategies (In[43]: `pred_return`,
 * `pred_proba_return`) and its index column (In[44]) from lib/backtest's returns table. The
 * return months must be identical (same dates, same order), else an Error names the first
 * mismatch. Percent per month.
 */
export function comparisonSeries(
  result: StrategicIndexResult,
  table: ReturnsTable,
): { dates: string[]; series: Record<string, number[]> } {
  const own = strategicSeries(result);
  if (own.dates.length !== table.dates.length)
    throw new Error(
      `comparisonSeries: the index has ${own.dates.length} return months, the article's table ${table.dates.length}`,
    );
  own.dates.forEach((d, i) => {
    if (d !== table.dates[i])
      throw new Error(`comparisonSeries: month ${i} is ${d} in the index, ${table.dates[i]} in the table`);
  });
  const series: Record<string, number[]> = { ...own.series, pred_return: [...table.predReturn] };
  series.pred_proba_return = [...table.predProbaReturn];
  if (table.index) series[table.index.name] = [...table.index.returns];
  return { dates: own.dates, series };
}

export type StrategicPerformanceRow = {
  series: string;
  /** Compounded total return over all months, percent. */
  total_return: number;
  cagr: number;
  /** Annualised volatility, percent (√12). */
  volatility: number;
  /** mean/std·√12. */
  sharpe: number;
  /** Percent, ≤ 0. */
  max_drawdown: number;
  /** Against the benchmark series, percent p.a.; NaN for the benchmark itself. */
  tracking_error: number;
  information_ratio: number;
  /** Share of months beating the benchmark (NaN for the benchmark). */
  hit_rate: number;
};

/**
 * Performance rows for every series (input order), risk measured against `benchmark`: a call of
 * lib/statistics/performance.ts's one performance table (monthly percent returns, periodsPerYear
 * 12), with the share of months beating the benchmark under `hit_rate`.
 */
export function strategicPerformanceTable(
  series: Readonly<Record<string, readonly number[]>>,
  benchmark: string = STRATEGIC_SERIES.base,
): StrategicPerformanceRow[] {
  if (!series[benchmark]) throw new Error(`strategicPerformanceTable: benchmark series "${benchmark}" is missing`);
  return performanceTable(series, {
    periodsPerYear: MONTHLY_PERIODS,
    units: "percent",
    benchmark,
    statistics: [
      "total_return",
      "cagr",
      "volatility",
      "sharpe",
      "max_drawdown",
      "tracking_error",
      "information_ratio",
      "hit_rate_vs_benchmark",
    ],
    labels: { hit_rate_vs_benchmark: "hit_rate" },
    where: "strategicPerformanceTable",
  }) as StrategicPerformanceRow[];
}

export type TradingSummary = {
  months: number;
  /** Months with a trade (after the initial purchase, which is not counted). */
  rebalances: number;
  /** Of which forced by a held name leaving the index. */
  forced: number;
  /** Mean one-way turnover per month, percent. */
  monthly_turnover: number;
  /** Σ one-way turnover × 12 / months, percent per year. */
  annual_turnover: number;
  /** Σ costs, bps of the portfolio (spread + impact). */
  total_cost_bps: number;
  spread_cost_bps: number;
  impact_cost_bps: number;
  /** total_cost_bps × 12 / months. */
  annual_cost_bps: number;
  /** Cost per unit of one-way turnover, bps (total cost / Σ turnover). */
  cost_per_turnover_bps: number;
  /** Compounded net minus compounded gross total return, percent (the drag of costs). */
  cost_drag: number;
  /** Mean number of names held. */
  average_names: number;
};

/** Trading statistics of an index run (see the module comment for units). */
export function tradingSummary(result: StrategicIndexResult): TradingSummary {
  const m = result.months;
  const n = m.length;
  const rest = m.slice(1);
  const sum = (f: (x: (typeof m)[number]) => number) => m.reduce((a, x) => a + f(x), 0);
  const to = sum((x) => x.turnover);
  const cost = sum((x) => x.cost) * 1e4;
  const g = compoundedCumulative(m.map((x) => x.grossReturn));
  const nt = compoundedCumulative(m.map((x) => x.netReturn));
  return {
    months: n,
    rebalances: rest.filter((x) => x.traded).length,
    forced: rest.filter((x) => x.forced).length,
    monthly_turnover: mean(m.map((x) => x.turnover)) * 100,
    annual_turnover: ((to * 12) / n) * 100,
    total_cost_bps: cost,
    spread_cost_bps: sum((x) => x.spreadCost) * 1e4,
    impact_cost_bps: sum((x) => x.impactCost) * 1e4,
    annual_cost_bps: (cost * 12) / n,
    cost_per_turnover_bps: to > 0 ? cost / to : Number.NaN,
    cost_drag: nt[n - 1] - g[g.length - 1],
    average_names: mean(m.map((x) => x.weights.filter((w) => w > 0).length)),
  };
}

/** Portfolio and base-index weights per sector and return month (fractions; sectors sorted). */
export function sectorWeights(result: StrategicIndexResult): {
  dates: string[];
  sectors: string[];
  portfolio: Record<string, number[]>;
  benchmark: Record<string, number[]>;
} {
  const sectors = [...new Set(result.months.flatMap((m) => m.segments.map((s) => s.segment)))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const portfolio: Record<string, number[]> = {};
  const benchmark: Record<string, number[]> = {};
  for (const s of sectors) {
    portfolio[s] = [];
    benchmark[s] = [];
  }
  for (const m of result.months) {
    const segs = new Map(m.segments.map((s) => [s.segment, s]));
    for (const s of sectors) {
      portfolio[s].push(segs.get(s)?.portfolioWeight ?? 0);
      benchmark[s].push(segs.get(s)?.benchmarkWeight ?? 0);
    }
  }
  return { dates: result.months.map((m) => m.date), sectors, portfolio, benchmark };
}

/** Round-off below 1e-12 (percent) is shown as 0 (e.g. selection in a sector of one stock held by both). */
const snap = (x: number) => (Math.abs(x) < 1e-12 ? 0 : x);

export type SectorAttributionRow = {
  sector: string;
  /** Carino-linked effects over all months, percent of the starting value. */
  allocation: number;
  selection: number;
  interaction: number;
  total: number;
  /** Average portfolio and base-index sector weights, percent. */
  average_weight: number;
  average_base_weight: number;
};

/**
 * Brinson–Fachler by sector on the gross returns, linked over the months with Carino (see
 * brinson.ts): the rows' totals sum to the compounded gross active return
 * Π(1+R_p) − Π(1+R_b) (percent). Costs are not part of the attribution (a separate line).
 */
export function sectorAttribution(result: StrategicIndexResult): {
  rows: SectorAttributionRow[];
  linked: LinkedAttribution;
} {
  const linked = linkCarino(result.months.map((m) => m.attribution));
  const sw = sectorWeights(result);
  const avg = (x: readonly number[]) => mean(x) * 100;
  const rows = [...linked.segments]
    .sort((a, b) => (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0))
    .map((s) => ({
      sector: s.segment,
      allocation: snap(s.allocation * 100),
      selection: snap(s.selection * 100),
      interaction: snap(s.interaction * 100),
      total: snap(s.total * 100),
      average_weight: avg(sw.portfolio[s.segment]),
      average_base_weight: avg(sw.benchmark[s.segment]),
    }));
  return { rows, linked };
}

export type BandSensitivityRow = {
  band: number;
  rebalances: number;
  annual_turnover: number;
  annual_cost_bps: number;
  sharpe_gross: number;
  sharpe_net: number;
  total_return_net: number;
};

/** Re-run the index for several no-trade bands (other options fixed) and summarise each run. */
export function bandSensitivity(
  stocks: readonly StockMonth[],
  forecasts: readonly FactorForecast[],
  classes: readonly string[],
  bands: readonly number[],
  options: StrategicIndexOptions = {},
): BandSensitivityRow[] {
  return bands.map((band) => {
    const r = strategicIndex(stocks, forecasts, classes, { ...options, band });
    const t = tradingSummary(r);
    const net = r.months.map((m) => m.netReturn);
    const g = compoundedCumulative(net);
    return {
      band,
      rebalances: t.rebalances,
      annual_turnover: t.annual_turnover,
      annual_cost_bps: t.annual_cost_bps,
      sharpe_gross: correctedSharpeRatio(r.months.map((m) => m.grossReturn)),
      sharpe_net: correctedSharpeRatio(net),
      total_return_net: g[g.length - 1],
    };
  });
}

/** Compounded cumulative returns (percent) of the chosen series over the return months. */
export function strategicCumulativeFigure(
  dates: readonly string[],
  series: Readonly<Record<string, readonly number[]>>,
  title = "Cumulative return (compounded)",
): Figure {
  return {
    data: Object.entries(series).map(([name, r]) => ({
      type: "scatter",
      mode: "lines",
      name,
      x: [...dates],
      y: compoundedCumulative(r),
      hovertemplate: `%{x}<br>${name}: %{y:.2f}%<extra></extra>`,
    })),
    layout: {
      title: { text: title },
      xaxis: { title: { text: "Return month" } },
      yaxis: { title: { text: "Cumulative return (%)" }, ticksuffix: "%" },
      hovermode: "x unified",
    },
  };
}

/** Stacked areas of the index's sector weights (percent) by return month. */
export function sectorWeightsFigure(result: StrategicIndexResult, title = "Sector weights held (percent)"): Figure {
  const sw = sectorWeights(result);
  return {
    data: sw.sectors.map((s) => ({
      type: "scatter",
      mode: "lines",
      stackgroup: "sectors",
      name: s,
      x: sw.dates,
      y: sw.portfolio[s].map((w) => w * 100),
      hovertemplate: `%{x}<br>${s}: %{y:.2f}%<extra></extra>`,
    })),
    layout: {
      title: { text: title },
      xaxis: { title: { text: "Return month" } },
      yaxis: { title: { text: "Weight (%)" }, ticksuffix: "%", range: [0, 100] },
      hovermode: "x unified",
    },
  };
}

/** Grouped bars of the linked allocation / selection / interaction effects by sector (percent). */
export function attributionFigure(
  rows: readonly SectorAttributionRow[],
  title = "Linked Brinson–Fachler attribution by sector",
): Figure {
  const effects = ["allocation", "selection", "interaction"] as const;
  return {
    data: effects.map((e) => ({
      type: "bar",
      name: e,
      x: rows.map((r) => r.sector),
      y: rows.map((r) => r[e]),
      hovertemplate: `%{x}<br>${e}: %{y:.3f}%<extra></extra>`,
    })),
    layout: {
      title: { text: title },
      barmode: "group",
      xaxis: { title: { text: "Sector" } },
      yaxis: { title: { text: "Contribution to active return (%)" }, ticksuffix: "%" },
    },
  };
}

/** One row per return month: decision, fit, trading, costs and returns (percent / bps). */
export type StrategicMonthRow = {
  month: string;
  decided: string;
  names: number;
  /** Angle between the capped target and the tilted weights, degrees. */
  fit_angle_deg: number;
  binding_caps: number;
  traded: boolean;
  forced: boolean;
  /** max |drift − target| before the decision, percent. */
  max_drift: number;
  /** One-way, percent. */
  turnover: number;
  cost_bps: number;
  gross: number;
  net: number;
  base: number;
};

/** The month-by-month table of an index run. */
export function strategicMonthTable(result: StrategicIndexResult): StrategicMonthRow[] {
  return result.months.map((m) => ({
    month: m.date,
    decided: m.decisionDate,
    names: m.weights.filter((w) => w > 0).length,
    fit_angle_deg: (m.fitAngle * 180) / Math.PI,
    binding_caps: m.binding.length,
    traded: m.traded,
    forced: m.forced,
    max_drift: m.maxDrift * 100,
    turnover: m.turnover * 100,
    cost_bps: m.cost * 1e4,
    gross: m.grossReturn,
    net: m.netReturn,
    base: m.benchmarkReturn,
  }));
}

/** One row per name of one return month: the weights at every construction step, percent. */
export type ConstructionRow = {
  instrument: string;
  sector: string;
  /** Probability-weighted factor tilt τ. */
  tilt: number;
  /** Risk-parity base b. */
  risk_parity: number;
  /** Tilted target before caps wU. */
  tilted: number;
  /** Capped target w*. */
  capped: number;
  /** Weights held during the month. */
  held: number;
  /** Whether the asset cap binds on w*. */
  at_cap: boolean;
};

/** The construction of the weights held in return month `date` (names sorted as in the run). */
export function constructionTable(result: StrategicIndexResult, date: string): ConstructionRow[] {
  const m = result.months.find((x) => x.date === date);
  if (!m)
    throw new Error(
      `constructionTable: no return month ${date} (run covers ${result.months[0]?.date}..${result.months.at(-1)?.date})`,
    );
  const binding = new Set(m.binding);
  return m.instruments.map((k, i) => ({
    instrument: k,
    sector: m.sectors[i],
    tilt: m.tilt[i] * 100,
    risk_parity: m.base[i] * 100,
    tilted: m.unconstrained[i] * 100,
    capped: m.target[i] * 100,
    held: m.weights[i] * 100,
    at_cap: binding.has(`cap:${k}`),
  }));
}

/** One forecast source of {@link forecastComparison}: a notebook-01 run under some errata. */
export interface ForecastRun {
  label: string;
  run: StrategicSource & {
    metrics: { accuracy: number; top3Accuracy: number };
    backtest: { table: ReturnsTable };
  };
}

export type ForecastComparisonRow = {
  forecasts: string;
  /** Out-of-sample accuracy and top-3 accuracy of the forecasts (fractions). */
  accuracy: number;
  top3_accuracy: number;
  /** The strategic index (net of costs) and the signal alone (tilt_only): compounded %, Sharpe √12. */
  index_total_return: number;
  index_sharpe: number;
  tilt_total_return: number;
  tilt_sharpe: number;
  /** Notebook 01's predicted-factor strategy under the same run's errata: compounded %, Sharpe √12. */
  pred_return_total_return: number;
  pred_return_sharpe: number;
};

/**
 * The same strategic index built from several runs' forecasts (e.g. the leak-free corrected
 * pipeline and the faithful one), side by side with each run's accuracy and its own
 * predicted-factor strategy: what a leak in the forecasts is worth. Compounded total returns in
 * percent and Sharpe ratios mean/std·√12 of monthly returns.
 */
export function forecastComparison(
  runs: readonly ForecastRun[],
  options: StrategicIndexOptions = {},
): ForecastComparisonRow[] {
  return runs.map(({ label, run }) => {
    const inputs = strategicInputs(run);
    const result = strategicIndex(inputs.stocks, inputs.forecasts, inputs.classes, options);
    const { series } = comparisonSeries(result, run.backtest.table);
    const total = (r: readonly number[]) => compoundedCumulative(r)[r.length - 1];
    return {
      forecasts: label,
      accuracy: run.metrics.accuracy,
      top3_accuracy: run.metrics.top3Accuracy,
      index_total_return: total(series[STRATEGIC_SERIES.net]),
      index_sharpe: correctedSharpeRatio(series[STRATEGIC_SERIES.net]),
      tilt_total_return: total(series[STRATEGIC_SERIES.tilt]),
      tilt_sharpe: correctedSharpeRatio(series[STRATEGIC_SERIES.tilt]),
      pred_return_total_return: total(series.pred_return),
      pred_return_sharpe: correctedSharpeRatio(series.pred_return),
    };
  });
}

export type TimingAttributionRow = {
  term: string;
  /** Carino-linked over all months, percent of the starting value. */
  linked: number;
  /** Mean per month, percent. */
  monthly_mean: number;
};

/**
 * Selection, allocation (average sector bets), timing (changes of the bets over time) and
 * interaction of the index against its base index (timing-attribution.ts), on the gross returns,
 * linked with Carino: the four linked terms add up to the compounded active return. With
 * `exposure` (e_t in [0, 1] per return month, e.g. a drawdown overlay's) the index is held at
 * e_t with the rest in a safe asset returning `safePct` (percent per month, default 0): the
 * exposure changes then appear in the timing term. Rows in percent.
 */
export function strategicTimingAttribution(
  result: StrategicIndexResult,
  exposure?: readonly number[],
  safePct?: readonly number[],
): { rows: TimingAttributionRow[]; attribution: TimingAttribution } {
  const periods = result.months.map((m) => m.segments);
  const segs = exposure
    ? overlayPeriods(periods, exposure, safePct ? safePct.map((x) => x / 100) : undefined)
    : periods;
  const attribution = timingAttribution(segs);
  const monthlyMean = (k: "allocation" | "timing" | "selection" | "interaction" | "activeReturn") =>
    mean(attribution.periods.map((p) => p[k])) * 100;
  const l = attribution.linked;
  const rows: TimingAttributionRow[] = [
    { term: "selection", linked: snap(l.selection * 100), monthly_mean: snap(monthlyMean("selection")) },
    {
      term: "allocation (average sector bets)",
      linked: snap(l.allocation * 100),
      monthly_mean: snap(monthlyMean("allocation")),
    },
    {
      term: "timing (changing bets and exposure)",
      linked: snap(l.timing * 100),
      monthly_mean: snap(monthlyMean("timing")),
    },
    { term: "interaction", linked: snap(l.interaction * 100), monthly_mean: snap(monthlyMean("interaction")) },
    {
      term: "active return (sum)",
      linked: snap(l.activeReturn * 100),
      monthly_mean: snap(monthlyMean("activeReturn")),
    },
  ];
  return { rows, attribution };
}

export type ExecutionRow = {
  month: string;
  /** Share θ of the planned trade executed (participation cap), percent. */
  fill: number;
  turnover: number;
  /** Pre-trade implementation shortfall, bps of the index: execution (= cost charged), opportunity (ex post), total. */
  shortfall_execution_bps: number;
  shortfall_opportunity_bps: number;
  shortfall_total_bps: number;
  adv_fallbacks: number;
  liquidity_capped: number;
  /** λ by which the screen's days to trade were stretched to stay fully invested (1 = not). */
  liquidity_relaxation: number;
};

/** One row per rebalance (months that traded after the first): execution under the participation cap. */
export function executionTable(result: StrategicIndexResult): ExecutionRow[] {
  return result.months
    .slice(1)
    .filter((m) => m.traded)
    .map((m) => ({
      month: m.date,
      fill: m.fillRatio * 100,
      turnover: m.turnover * 100,
      shortfall_execution_bps: m.shortfall.execution * 1e4,
      shortfall_opportunity_bps: m.shortfall.opportunity * 1e4,
      shortfall_total_bps: m.shortfall.total * 1e4,
      adv_fallbacks: m.advFallbacks,
      liquidity_capped: m.liquidityCapped,
      liquidity_relaxation: m.liquidityRelaxation,
    }));
}

export type VariantRow = {
  variant: string;
  total_return: number;
  sharpe: number;
  max_drawdown: number;
  annual_turnover: number;
  annual_cost_bps: number;
};

/**
 * Summary of several runs (e.g. monthly vs quarterly, with and without the low-volatility factor)
 * on their net returns: compounded total return (percent), Sharpe √12, maximum drawdown (percent),
 * turnover (percent per year, one-way) and costs (bps per year). A row given its own `net` series
 * (an overlay, a base index) is evaluated on that series; its turnover and costs are NaN (they are
 * not those of `result`).
 */
export function variantTable(
  runs: readonly { label: string; result: StrategicIndexResult; net?: readonly number[] }[],
): VariantRow[] {
  return runs.map(({ label, result, net }) => {
    const r = net ? [...net] : result.months.map((m) => m.netReturn);
    const t = tradingSummary(result);
    const p = performanceStatistics(r, {
      periodsPerYear: MONTHLY_PERIODS,
      units: "percent",
      statistics: ["total_return", "sharpe", "max_drawdown"],
    });
    return {
      variant: label,
      total_return: p.total_return,
      sharpe: p.sharpe,
      max_drawdown: p.max_drawdown,
      annual_turnover: net ? Number.NaN : t.annual_turnover,
      annual_cost_bps: net ? Number.NaN : t.annual_cost_bps,
    };
  });
}
