/**
 * The article's deviations in the backtest cells In[40]..In[48], as named switches (same shape as
 * `factors/errata.ts`): each switch is `true` when the article's behaviour is kept. The default
 * {@link FAITHFUL} reproduces the article's summary table; {@link CORRECTED} applies every
 * correction. Ids are prefixed "B" (backtest) so they cannot clash with the factor errata.
 */

import { ARTICLE_SHARPE_PERIODS, MONTHLY_PERIODS } from "./sharpe";
import type { SummaryOptions } from "./summary";

export interface BacktestErrata {
  /** B1 In[45], In[47], In[48]: cumulative return = sum of monthly percentages, not compounded. */
  cumulativeSum: boolean;
  /** B2 In[46]: the Sharpe ratio of monthly returns is annualised with √252 instead of √12. */
  sharpeSqrt252: boolean;
}

/** The article as printed. */
export const FAITHFUL: Readonly<BacktestErrata> = Object.freeze({ cumulativeSum: true, sharpeSqrt252: true });
/** Every correction applied. */
export const CORRECTED: Readonly<BacktestErrata> = Object.freeze({ cumulativeSum: false, sharpeSqrt252: false });

/** Fill a partial switch object with the faithful defaults; rejects unknown keys. */
export function resolveErrata(errata: Partial<BacktestErrata> = {}): BacktestErrata {
  for (const k of Object.keys(errata))
    if (!(k in FAITHFUL))
      throw new Error(`backtest errata: unknown switch "${k}" (known: ${Object.keys(FAITHFUL).join(", ")})`);
  return { ...FAITHFUL, ...errata };
}

/** The summary-table conventions selected by the switches (for `summaryTable`). */
export function summaryOptionsFor(errata: Partial<BacktestErrata> = {}): SummaryOptions {
  const e = resolveErrata(errata);
  return {
    cumulative: e.cumulativeSum ? "sum" : "compound",
    sharpePeriodsPerYear: e.sharpeSqrt252 ? ARTICLE_SHARPE_PERIODS : MONTHLY_PERIODS,
  };
}

/** One line of the errata table shown in the notebook and the README. */
export interface BacktestErratumInfo {
  id: string;
  cell: string;
  switch: keyof BacktestErrata | "";
  what: string;
  correct: string;
  effect: string;
}

/** The deviations found in In[40]..In[48] (those without a switch are documented only). */
export const ERRATA_TABLE: readonly BacktestErratumInfo[] = Object.freeze([
  {
    id: "B1",
    cell: "In[45], In[47], In[48]",
    switch: "cumulativeSum",
    what: "cumulative return is the running sum of monthly percent returns",
    correct: "compound: (Π(1 + r/100) − 1)·100",
    effect: "misstates the growth of the money (ignores compounding; +10 % then −10 % sums to 0 % but loses 1 %)",
  },
  {
    id: "B2",
    cell: "In[46]",
    switch: "sharpeSqrt252",
    what: "Sharpe ratio of monthly returns annualised with √252 (trading days)",
    correct: "√12 for monthly returns",
    effect: "every Sharpe ratio is overstated by the factor √21 ≈ 4.58 (ranking unchanged)",
  },
  {
    id: "B3",
    cell: "In[44] (In[21])",
    switch: "",
    what: "the index's returns are relabelled with the strategy table's dates by position (allign_dates)",
    correct: "join by calendar month; a missing month is an error",
    effect: "none when both lists cover the same months; otherwise the index silently shifts against the strategies",
  },
  {
    id: "B4",
    cell: "In[44]",
    switch: "",
    what: "the base index (.DJI) is a price return, the factor returns are total returns (TR.TotalReturn1Mo)",
    correct: "compare with the total-return index (or price returns for both)",
    effect: "the index is handicapped by its dividend yield (about 2 % a year for the Dow); documented only",
  },
]);
