/**
 * Factor-based features (article In[18]).
 *
 * For every month t and factor f, over the stocks i of that month:
 *   <f>_normalized_weighted(t) = sum_i z_{i,f}(t) * w_{i,f}(t)
 *   total_return_1m_<f>(t)     = sum_i r_i(t) * w_{i,f}(t)
 * with w the softmax weights of In[17] and r_i(t) the trailing 1-month total return (percent) of
 * the month ending at t. Both belong to month t. Like pandas' groupby-sum, NaN products are
 * skipped (a month where all are NaN sums to 0). Rows are sorted by date.
 */
import { FACTOR_COLUMNS, type WeightedRow, weightColumn } from "../factors";
import type { MonthlyFrame } from "./frame";

/** Short factor name: "momentum_normalized" -> "momentum". */
export const factorName = (factorColumn: string): string => factorColumn.split("_")[0];

/** In[18]'s column names in order: the seven `_weighted` columns, then the seven `total_return_1m_<f>`. */
export const FACTOR_FEATURE_COLUMNS = [
  ...FACTOR_COLUMNS.map((f) => `${f}_weighted`),
  ...FACTOR_COLUMNS.map((f) => `total_return_1m_${factorName(f)}`),
];

/** The seven factor-return columns used for the label (In[28]), in the article's order. */
export const FACTOR_RETURN_COLUMNS = FACTOR_COLUMNS.map((f) => `total_return_1m_${factorName(f)}`);

/** In[18]: weighted factor scores and factor-weighted 1-month returns, summed per month. */
export function factorFeatures(rows: readonly WeightedRow[]): MonthlyFrame {
  const dates = [...new Set(rows.map((r) => r.Date))].sort();
  const pos = new Map(dates.map((d, i) => [d, i]));
  const data = FACTOR_FEATURE_COLUMNS.map(() => new Array<number>(dates.length).fill(0));
  const k = FACTOR_COLUMNS.length;
  for (const r of rows) {
    const i = pos.get(r.Date) as number;
    FACTOR_COLUMNS.forEach((f, j) => {
      const w = r[weightColumn(f)];
      const a = r[f] * w;
      const b = r.total_return_1m * w;
      if (!Number.isNaN(a)) data[j][i] += a;
      if (!Number.isNaN(b)) data[k + j][i] += b;
    });
  }
  return { index: dates, columns: [...FACTOR_FEATURE_COLUMNS], data, indexName: "Date" };
}
