/**
 * Factor-based features and factor returns (article In[18]).
 *
 * Weighted factor scores, for every month t and factor f over the stocks i of that month:
 *   <f>_normalized_weighted(t) = Σ_i z_{i,f}(t) · w_{i,f}(t)
 * with w the softmax weights of In[17]. Like pandas' groupby-sum, NaN products are skipped (a
 * month where all are NaN sums to 0). They use only data dated t.
 *
 * Factor returns `total_return_1m_<f>(t)`, percent over calendar month t (the month ending at t),
 * are what the labels (In[28]) and the strategies (In[40]–In[43]) are built from. Three errata
 * switches (lib/errata.ts) decide which portfolio earns them:
 *
 *   formation date τ   E8 faithful: τ = t (weights computed at t from data that already contain
 *                      month t's return — not investable); corrected: τ = t − 1 (the portfolio
 *                      formed at the previous month end earns month t: investable).
 *   stocks S           E14 faithful: members at τ that are members at the end of t (joiners during
 *                      t earn the whole month; a leaver's last month vanishes); corrected: every
 *                      member at the decision date t − 1 that has a weight at τ.
 *   missing returns    E15 faithful: a stock of S without a return r_i(t) adds 0 and the weights
 *                      are not renormalised (pandas' NaN-skipping sum); corrected: it is left out
 *                      and the weights are renormalised over the stocks that have one, and more
 *                      than `maxMissingReturnShare` of S missing is an error naming the month.
 *
 *   total_return_1m_<f>(t) = Σ_{i∈S, r_i(t) known} w_{i,f}(τ) r_i(t)  [ / Σ_{i∈S, r_i(t) known} w_{i,f}(τ) ]
 *
 * r_i(t) is the field TR.TOTALRETURN1MO of stock i dated t, which exists only while i is a
 * member at t (the field table has rows for members only), so under the corrected membership a
 * leaver's return in the month it leaves is missing and handled by the missing-return rule
 * (renormalisation: the leaver is assumed to have earned the average of the others; counted in
 * `months[].missing`). With τ = t − 1 the first month has no formation date: its factor returns
 * are NaN (the label of month t − 1 is then undefined too). Alignment: row t of the result is the
 * return over month t; the label of row t (In[28]) is the best factor of row t + 1.
 */

import { addMonths } from "../data/dates";
import { type FactorErrata, resolveFactorErrata } from "../errata";
import { FACTOR_COLUMNS, type FactorColumn, type WeightedRow, weightColumn } from "../factors";
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

/**
 * The factor column whose portfolio earns a factor-return column (a model class), e.g.
 * "total_return_1m_size" → "size_normalized"; anything else is an error prefixed with `where`.
 */
export function factorOfReturnColumn(column: string, where: string): FactorColumn {
  const k = FACTOR_RETURN_COLUMNS.indexOf(column);
  if (k < 0) throw new Error(`${where}: class "${column}" is not one of ${FACTOR_RETURN_COLUMNS.join(", ")}`);
  return FACTOR_COLUMNS[k];
}

/** The field whose absence the missing-return rule counts (named in its error). */
export const RETURN_FIELD = "TR.TOTALRETURN1MO";

/** Default largest share of a portfolio's stocks without a one-month return (corrected E15). */
export const DEFAULT_MAX_MISSING_RETURN_SHARE = 0.2;

export interface FactorReturnOptions {
  errata?: Partial<FactorErrata>;
  /**
   * Corrected E15 only: largest share (fraction of the stocks in S) without a one-month return
   * before the month is an error; default 0.2.
   */
  maxMissingReturnShare?: number;
}

/** How one month's factor portfolios were formed (the same S for every factor). */
export interface FactorReturnMonth {
  /** Return month t (month end). */
  date: string;
  /** Formation date τ of the weights (t, or t − 1 when corrected; null when there is none). */
  formation: string | null;
  /** Number of stocks in S. */
  stocks: number;
  /** Stocks of S without a return for month t (sorted). */
  missing: string[];
}

/** The weights table (In[17]) indexed by date and instrument. */
interface Panel {
  dates: string[];
  rows: Map<string, Map<string, WeightedRow>>;
}

function panelOf(rows: readonly WeightedRow[]): Panel {
  const byDate = new Map<string, Map<string, WeightedRow>>();
  for (const r of rows) {
    let m = byDate.get(r.Date);
    if (!m) {
      m = new Map();
      byDate.set(r.Date, m);
    }
    if (m.has(r.Instrument)) throw new Error(`factorFeatures: ${r.Instrument} appears twice at ${r.Date}`);
    m.set(r.Instrument, r);
  }
  return { dates: [...byDate.keys()].sort(), rows: byDate };
}

/** The formation date, the stocks S and their returns r_i(t) for return month t (see the header). */
function portfolioStocks(panel: Panel, t: string, e: FactorErrata) {
  const prev = addMonths(t, -1);
  const tau = e.factorReturnsSameMonthWeights ? t : panel.rows.has(prev) ? prev : null;
  const atT = panel.rows.get(t) ?? new Map<string, WeightedRow>();
  const atTau = tau === null ? undefined : panel.rows.get(tau);
  if (tau === null || atTau === undefined) return { tau, stocks: [] as WeightedRow[], returns: [] as number[] };
  const membersAt = e.returnsToReturnMonthMembers ? atT : (panel.rows.get(prev) ?? new Map<string, WeightedRow>());
  const stocks = [...atTau.values()].filter((r) => membersAt.has(r.Instrument));
  const returns = stocks.map((r) => {
    const v = atT.get(r.Instrument)?.total_return_1m;
    return typeof v === "number" ? v : Number.NaN;
  });
  return { tau, stocks, returns };
}

/**
 * The stock weights of factor `factor` (an In[14] factor column, e.g. "size_normalized") held
 * during month `t`: w_{i,f}(τ) for the stocks i of S (see the module comment), by instrument —
 * the decision, made at τ. How a missing return of one of them is then accounted for (E15) is not
 * part of the decision. Empty when month t has no formation date in the table.
 */
export function factorPortfolio(
  rows: readonly WeightedRow[],
  t: string,
  factor: string,
  opts: FactorReturnOptions = {},
): Map<string, number> {
  return factorPortfolios(rows, opts)(t, factor);
}

/**
 * {@link factorPortfolio} for many months and factors: the weights table is indexed once and the
 * returned function answers (t, factor) from that index.
 */
export function factorPortfolios(
  rows: readonly WeightedRow[],
  opts: FactorReturnOptions = {},
): (t: string, factor: string) => Map<string, number> {
  const panel = panelOf(rows);
  const e = resolveFactorErrata(opts.errata);
  return (t, factor) => {
    const { stocks } = portfolioStocks(panel, t, e);
    const wc = weightColumn(factor as (typeof FACTOR_COLUMNS)[number]);
    return new Map(stocks.map((s) => [s.Instrument, s[wc]]));
  };
}

/**
 * In[18]: weighted factor scores and factor returns per month (see the module comment), with the
 * formation of each month's portfolios.
 */
export function factorFeatureDetail(
  rows: readonly WeightedRow[],
  opts: FactorReturnOptions = {},
): { frame: MonthlyFrame; months: FactorReturnMonth[] } {
  const e = resolveFactorErrata(opts.errata);
  const maxShare = opts.maxMissingReturnShare ?? DEFAULT_MAX_MISSING_RETURN_SHARE;
  if (!(maxShare >= 0 && maxShare <= 1))
    throw new Error(`factorFeatures: maxMissingReturnShare ${maxShare} must be a fraction in [0, 1]`);
  const panel = panelOf(rows);
  const { dates } = panel;
  const k = FACTOR_COLUMNS.length;
  const data = FACTOR_FEATURE_COLUMNS.map(() => new Array<number>(dates.length).fill(0));
  const months: FactorReturnMonth[] = [];
  dates.forEach((t, i) => {
    for (const r of (panel.rows.get(t) as Map<string, WeightedRow>).values())
      FACTOR_COLUMNS.forEach((f, j) => {
        const a = r[f] * r[weightColumn(f)];
        if (!Number.isNaN(a)) data[j][i] += a;
      });
    const { tau, stocks, returns } = portfolioStocks(panel, t, e);
    const missing = stocks.filter((_, s) => Number.isNaN(returns[s])).map((s) => s.Instrument);
    missing.sort();
    months.push({ date: t, formation: tau, stocks: stocks.length, missing });
    if (tau === null) {
      for (let j = 0; j < k; j++) data[k + j][i] = Number.NaN;
      return;
    }
    if (!e.missingReturnsAsZero && missing.length > maxShare * stocks.length)
      throw new Error(
        `factorFeatures: ${missing.length} of ${stocks.length} stocks formed at ${tau} have no ${RETURN_FIELD} for ${t} (${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", …" : ""}); more than the allowed share ${maxShare} (option maxMissingReturnShare)`,
      );
    FACTOR_COLUMNS.forEach((f, j) => {
      const wc = weightColumn(f);
      let sum = 0;
      let norm = 0;
      stocks.forEach((s, q) => {
        const b = returns[q] * s[wc];
        if (!Number.isNaN(b)) {
          sum += b;
          norm += s[wc];
        }
      });
      data[k + j][i] = e.missingReturnsAsZero ? sum : norm > 0 ? sum / norm : Number.NaN;
    });
  });
  return { frame: { index: dates, columns: [...FACTOR_FEATURE_COLUMNS], data, indexName: "Date" }, months };
}

/** In[18]'s table (see {@link factorFeatureDetail}); faithful by default, as the article. */
export function factorFeatures(rows: readonly WeightedRow[], opts: FactorReturnOptions = {}): MonthlyFrame {
  return factorFeatureDetail(rows, opts).frame;
}
