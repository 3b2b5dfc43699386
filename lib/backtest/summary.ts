/**
 * The article's performance summary (In[46]–In[47]): one row per return series (each factor, the
 * three strategies, the index) with its cumulative return and Sharpe ratio, sorted by cumulative
 * return, highest first.
 *
 * Faithful (default): cumulative return = sum of monthly percentages (In[45]) and Sharpe =
 * mean/std(ddof 1)·√252 (In[46]). Corrected: compounded cumulative return (Π(1 + r/100) − 1)·100
 * and Sharpe·√12. Ties in the sort keep the input order (stable; pandas' default quicksort does
 * not promise an order for ties).
 */
import { type BacktestErrata, resolveBacktestErrata } from "../errata";
import { MONTHLY_PERIODS } from "../statistics/periods";
import { sharpeRatio } from "../statistics/sharpe-ratio";
import { totalReturn } from "./cumulative";
import { ARTICLE_SHARPE_PERIODS } from "./sharpe";

export interface SummaryOptions {
  /** "sum" of monthly percentages (article) or "compound". */
  cumulative: "sum" | "compound";
  /** Sharpe annualisation √P: 252 (article) or 12 (monthly, corrected). */
  sharpePeriodsPerYear: number;
}

/** The article's conventions (errata kept). */
export const FAITHFUL_SUMMARY: SummaryOptions = { cumulative: "sum", sharpePeriodsPerYear: ARTICLE_SHARPE_PERIODS };
/** Corrected conventions: compounding and √12. */
export const CORRECTED_SUMMARY: SummaryOptions = { cumulative: "compound", sharpePeriodsPerYear: MONTHLY_PERIODS };

/**
 * The conventions selected by the back-test switches (lib/errata.ts): B1 `cumulativeSum` sums
 * (else compounds), B2 `sharpeSqrt252` annualises with √252 (else √12); switches not given keep
 * the article's behaviour.
 */
export function summaryOptionsFor(errata: Partial<BacktestErrata> = {}): SummaryOptions {
  const e = resolveBacktestErrata(errata);
  return {
    cumulative: e.cumulativeSum ? "sum" : "compound",
    sharpePeriodsPerYear: e.sharpeSqrt252 ? ARTICLE_SHARPE_PERIODS : MONTHLY_PERIODS,
  };
}

/** One row of the summary; the field names are the article's column names. */
export interface SummaryRow {
  strategy: string;
  /** Cumulative return over the test period, percent. */
  cum_return: number;
  /** Annualised Sharpe ratio (unit-free). */
  sharp_ratio: number;
}

/**
 * Summary rows for return series given as `{ name: monthly percent returns }` (e.g.
 * `returnSeries(table)`), sorted by `cum_return` descending, ties in input order. Every series
 * needs ≥ 2 finite returns (errors name the series).
 */
export function summaryTable(
  series: Readonly<Record<string, ArrayLike<number>>>,
  opts: SummaryOptions = FAITHFUL_SUMMARY,
): SummaryRow[] {
  const rows = Object.entries(series).map(([strategy, r], i) => {
    let cum: number;
    let sr: number;
    try {
      cum = totalReturn(r, opts.cumulative);
      sr = sharpeRatio(r, { periodsPerYear: opts.sharpePeriodsPerYear });
    } catch (e) {
      throw new Error(`summaryTable: series "${strategy}": ${(e as Error).message}`);
    }
    return { row: { strategy, cum_return: cum, sharp_ratio: sr }, i };
  });
  rows.sort((a, b) => b.row.cum_return - a.row.cum_return || a.i - b.i);
  return rows.map((x) => x.row);
}

/**
 * Faithful and corrected summaries side by side, in the faithful table's order: strategy,
 * cum_return / sharp_ratio (article), cum_return_corrected / sharp_ratio_corrected.
 */
export function summaryComparison(series: Readonly<Record<string, ArrayLike<number>>>): {
  strategy: string;
  cum_return: number;
  sharp_ratio: number;
  cum_return_corrected: number;
  sharp_ratio_corrected: number;
}[] {
  const corrected = new Map(summaryTable(series, CORRECTED_SUMMARY).map((r) => [r.strategy, r]));
  return summaryTable(series, FAITHFUL_SUMMARY).map((r) => {
    const c = corrected.get(r.strategy)!;
    return { ...r, cum_return_corrected: c.cum_return, sharp_ratio_corrected: c.sharp_ratio };
  });
}
