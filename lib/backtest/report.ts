/**
 * The whole backtest of the article's notebook in one call (In[40]–In[47] plus the performance
 * table beyond the article), for the command-line pipeline and the notebook's Corrections re-run,
 * so both call the same functions as the step-by-step cells:
 * `strategyReturns` → `joinIndexReturns` → `summaryTable` (conventions from the errata switches)
 * → `performanceTable`. Units and alignment as documented in those modules.
 */

import { type BacktestErrata, resolveBacktestErrata } from "../errata";
import { type DatedValue, joinIndexReturns } from "./base-index";
import { type PerformanceRow, performanceTable } from "./performance-table";
import { type PredictionMonth, type ReturnsTable, returnSeries, strategyReturns } from "./strategy-returns";
import { type SummaryRow, summaryOptionsFor, summaryTable } from "./summary";

export interface BacktestReportOptions {
  /** Name of the index column (article: "dji"); default "index". */
  indexName?: string;
  /** Factor / class names in column order (default: keys of the first month's returns). */
  factors?: readonly string[];
  /** Errata switches for the summary table (default: faithful). */
  errata?: Partial<BacktestErrata>;
  /** Cost per full factor switch in bps for the performance table (default 10). */
  costBps?: number;
}

export interface BacktestReport {
  errata: BacktestErrata;
  costBps: number;
  /** The shifted returns table with the index joined. */
  table: ReturnsTable;
  /** The article's summary (cum_return, sharp_ratio) under the chosen errata, sorted like In[47]. */
  summary: SummaryRow[];
  /** Compounded statistics, risk against the index and switching costs (√12 conventions). */
  performance: PerformanceRow[];
}

/** Run the backtest on the test months and the index's monthly percent returns. */
export function backtestReport(
  months: readonly PredictionMonth[],
  indexReturns: readonly DatedValue[],
  opts: BacktestReportOptions = {},
): BacktestReport {
  const errata = resolveBacktestErrata(opts.errata);
  const costBps = opts.costBps ?? 10;
  const table = joinIndexReturns(
    strategyReturns(months, { factors: opts.factors }),
    indexReturns,
    opts.indexName ?? "index",
  );
  return {
    errata,
    costBps,
    table,
    summary: summaryTable(returnSeries(table), summaryOptionsFor(errata)),
    performance: performanceTable(table, { costBps }),
  };
}

/**
 * Rows of records as CSV text: header from the first row's keys, numbers in JavaScript's
 * shortest round-trip form (deterministic; NaN as empty), text quoted when it contains a comma,
 * quote or newline. Ends with a newline.
 */
export function rowsToCsv(rows: readonly Readonly<Record<string, unknown>>[]): string {
  if (rows.length === 0) return "";
  const cols = Object.keys(rows[0]);
  const cell = (v: unknown): string => {
    if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
    const s = v === undefined || v === null ? "" : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${[cols.join(","), ...rows.map((r) => cols.map((c) => cell(r[c])).join(","))].join("\n")}\n`;
}
