/**
 * The performance table beyond the article: for every return series of a strategy table (each
 * factor, best / predicted / probability-weighted strategy, the base index) the compounded
 * statistics, risk against the base index, and factor-switch turnover with the return after a
 * stated cost per switch. A call of lib/statistics/performance.ts's one performance table (monthly
 * percent returns, periodsPerYear 12: the measures of lib/statistics' compounding.ts, volatility.ts,
 * sharpe-ratio.ts, drawdown.ts and active-returns.ts) plus `turnover.ts`'s switching columns. Units: percent except ratios, hit rates
 * (0..1) and switches per year. Rows keep the `returnSeries` order (the article's column order).
 * NaN marks a value that does not apply: risk against the index for the index itself, switching
 * for the index (it is not a factor mix), Calmar without a drawdown.
 */
import {
  PERFORMANCE_STATISTICS,
  performanceStatistics,
  performanceTable as statisticsTable,
} from "../statistics/performance";
import { MONTHLY_PERIODS } from "../statistics/periods";
import { type ReturnsTable, returnSeries, strategyWeights } from "./strategy-returns";
import { returnsAfterCosts, switchesPerYear } from "./turnover";

export interface PerformanceRow {
  strategy: string;
  /** Compounded cumulative return over the period, percent. */
  total_return: number;
  /** Compound annual growth rate, percent. */
  cagr: number;
  /** Annualised volatility (std ddof 1 · √12), percent. */
  volatility: number;
  /** Sharpe ratio mean/std·√12 (risk-free 0). */
  sharpe: number;
  /** Maximum drawdown of compounded wealth, percent (≤ 0). */
  max_drawdown: number;
  /** CAGR / |max drawdown|. */
  calmar: number;
  /** Annualised tracking error against the index, percent. */
  tracking_error: number;
  /** Annualised information ratio against the index. */
  information_ratio: number;
  /** Share of months with a positive return (0..1). */
  hit_rate: number;
  /** Share of months beating the index (0..1). */
  hit_rate_vs_index: number;
  /** Factor switches per year (one-way turnover between factor portfolios). */
  switches_per_year: number;
  /** CAGR after `costBps` per full switch, percent. */
  cagr_after_costs: number;
}

export interface PerformanceOptions {
  /** Cost per full factor switch in basis points (default 10). */
  costBps?: number;
}

/**
 * One `PerformanceRow` per return series of `table`; the index must have been joined. The
 * statistics are lib/statistics/performance.ts's table (monthly percent returns, 12 periods per
 * year, risk against the index); the two switching columns are added here.
 */
export function performanceTable(table: ReturnsTable, opts: PerformanceOptions = {}): PerformanceRow[] {
  const costBps = opts.costBps ?? 10;
  if (!table.index) throw new Error("performanceTable: join the base index first (joinIndexReturns)");
  const series = returnSeries(table);
  const weights = strategyWeights(table);
  const monthly = { periodsPerYear: MONTHLY_PERIODS, units: "percent" } as const;
  const rows = statisticsTable(series, {
    ...monthly,
    benchmark: table.index.name,
    // every statistic of the one table but the final level
    statistics: PERFORMANCE_STATISTICS.filter((s) => s !== "final"),
    labels: { hit_rate_vs_benchmark: "hit_rate_vs_index" },
    nameColumn: "strategy",
  }) as Omit<PerformanceRow, "switches_per_year" | "cagr_after_costs">[];
  return rows.map((row) => {
    const w = weights[row.strategy];
    return {
      ...row,
      switches_per_year: w ? switchesPerYear(w) : Number.NaN,
      cagr_after_costs: w
        ? performanceStatistics(returnsAfterCosts(series[row.strategy], w, costBps), {
            ...monthly,
            statistics: ["cagr"],
          }).cagr
        : Number.NaN,
    };
  });
}
