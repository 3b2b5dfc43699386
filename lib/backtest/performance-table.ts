/**
 * The performance table beyond the article: for every return series of a strategy table (each
 * factor, best / predicted / probability-weighted strategy, the base index) the compounded
 * statistics, risk against the base index, and factor-switch turnover with the return after a
 * stated cost per switch. Conventions are those of `risk-metrics.ts`, `drawdown.ts`,
 * `turnover.ts` and `sharpe.ts` (√12 for monthly data). Units: percent except ratios, hit rates
 * (0..1) and switches per year. Rows keep the `returnSeries` order (the article's column order).
 * NaN marks a value that does not apply: risk against the index for the index itself, switching
 * for the index (it is not a factor mix), Calmar without a drawdown.
 */
import { compoundedCumulative } from "./cumulative";
import { maxDrawdown } from "./drawdown";
import { annualVolatility, cagr, calmarRatio, hitRate, informationRatio, trackingError } from "./risk-metrics";
import { correctedSharpeRatio } from "./sharpe";
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

/** One `PerformanceRow` per return series of `table`; the index must have been joined. */
export function performanceTable(table: ReturnsTable, opts: PerformanceOptions = {}): PerformanceRow[] {
  const costBps = opts.costBps ?? 10;
  if (!table.index) throw new Error("performanceTable: join the base index first (joinIndexReturns)");
  const bench = table.index.returns;
  const weights = strategyWeights(table);
  return Object.entries(returnSeries(table)).map(([name, r]) => {
    const isIndex = name === table.index!.name;
    const w = weights[name];
    const cum = compoundedCumulative(r);
    return {
      strategy: name,
      total_return: cum[cum.length - 1],
      cagr: cagr(r),
      volatility: annualVolatility(r),
      sharpe: correctedSharpeRatio(r),
      max_drawdown: maxDrawdown(r),
      calmar: calmarRatio(r),
      tracking_error: isIndex ? Number.NaN : trackingError(r, bench),
      information_ratio: isIndex ? Number.NaN : informationRatio(r, bench),
      hit_rate: hitRate(r),
      hit_rate_vs_index: isIndex ? Number.NaN : hitRate(r, bench),
      switches_per_year: w ? switchesPerYear(w) : Number.NaN,
      cagr_after_costs: w ? cagr(returnsAfterCosts(r, w, costBps)) : Number.NaN,
    };
  });
}
