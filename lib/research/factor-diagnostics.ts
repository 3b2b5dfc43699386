/**
 * Factor diagnostics in the style of alphalens: does a factor score rank next month's returns?
 *
 * Input: the stock-month rows of the factor table — In[14] (`factors`) or In[15] (`filled`) of
 * the feature pipeline, or the weights table In[17] (`WeightedRow`, lib/factors) which carries
 * the same columns — each with `Instrument`, `Date` (month end), the seven factor columns
 * (`FACTOR_COLUMNS`, z-score units) and `total_return_1m` (percent, the stock's total return over
 * the month ending at `Date`: TR.TOTALRETURN1MO is trailing, see lib/features/factor-features.ts).
 *
 * Alignment (leak-free by construction): the score of stock i at month t, s_i(t), is paired with
 * the return of the SAME instrument over month t+1, r_i(t+1) = `total_return_1m` of its row
 * dated in the next calendar month. Month t's statistics therefore use only scores dated t and
 * returns dated t+1: changing any return dated after t+1 (or any score dated after t) cannot
 * change them. A stock without a row at t+1 (it left the index) or with a non-finite return or
 * score is left out of month t (a small survivorship effect, stated rather than imputed); a month
 * whose next calendar month is not in the panel has no statistics. Months are matched by
 * calendar month (YYYY-MM), not by the exact day.
 *
 * Per factor f and month t, over the n_t stocks paired as above:
 * - IC_t = Pearson correlation of (s_i(t), r_i(t+1));
 * - rank IC_t = Spearman correlation: Pearson correlation of the average ranks (ties share the
 *   mean of the ranks they span, like scipy.stats.spearmanr / pandas rank(method="average"));
 * - a month with fewer than `minStocks` pairs (default 3) or a constant score or return has an
 *   undefined IC (NaN) and is left out of the summary (counted).
 * Summary over the T_f months with a defined IC: mean IC, IC sd (ddof 1), IC IR = mean/sd (per
 * month, NOT annualised; ×√12 would annualise it), t-statistic = mean/sd·√T_f (the t of the mean
 * IC, assuming serially uncorrelated ICs).
 *
 * Quintile returns: at each month t the paired stocks are sorted by score; with r̄_i the average
 * rank (1-based, ties averaged) among the n_t stocks, stock i is in quintile
 *   Q(i) = ⌊5·(r̄_i − 1)/n_t⌋ + 1   (Q1 = lowest scores, Q5 = highest),
 * so tied scores always share a quintile and quintile sizes can differ by tie groups (and by one
 * when n_t is not a multiple of 5). Quintile return = equal-weighted mean of r_i(t+1) of its
 * stocks (percent); an empty quintile is NaN for that month. Reported: per month the five
 * returns and the spread Q5 − Q1, and their means over the months where they are defined.
 *
 * Factor-score correlations: per month t (every date of the panel, returns not needed) the
 * Pearson (or Spearman) correlation between two factors' scores across the stocks having both;
 * averaged over the months where it is defined (equal weight per month), with the month count.
 *
 * Source of the definitions: the alphalens library (Quantopian), `factor_information_coefficient`
 * (Spearman rank IC by default) and `mean_return_by_quantile` (its quantiles come from pandas
 * `qcut` of the scores; the tie rule above is this module's, stated because z-scores filled with
 * 0 or −3 (In[15]) tie often);
 * Grinold & Kahn, "Active Portfolio Management" (2nd ed., 1999) for IC and the information ratio.
 * Pure functions over plain records; no randomness.
 */
import { monthNumber } from "../data/dates";
import { FACTOR_COLUMNS } from "../factors";
import { mean, pearson, sampleStd } from "../statistics/descriptive";

/** A stock-month row: instrument, month-end date and numeric columns (scores, `total_return_1m`). */
export type PanelRow = { readonly Instrument: string; readonly Date: string };

export interface DiagnosticsOptions {
  /** Score columns; default the seven In[14] factor columns (`FACTOR_COLUMNS`). */
  factors?: readonly string[];
  /** The one-month return column, percent; default "total_return_1m". */
  returnColumn?: string;
  /** Fewest stocks for a month's IC / quintiles; default 3 (quintiles: at least 5). */
  minStocks?: number;
}

// ─── Small statistics ────────────────────────────────────────────────────────────────────────

/** Average ranks, 1-based: tied values share the mean of the ranks they span. */
export function averageRanks(x: readonly number[]): number[] {
  const order = x.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const ranks = new Array<number>(x.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k][1]] = r;
    i = j + 1;
  }
  return ranks;
}

/** Spearman rank correlation (Pearson of the average ranks). */
export function spearman(x: readonly number[], y: readonly number[]): number {
  return pearson(averageRanks(x), averageRanks(y));
}

/** Count, mean and sample sd (ddof 1) of the values; NaN mean without values, NaN sd with fewer than 2. */
function meanSd(xs: readonly number[]): { n: number; mean: number; sd: number } {
  return { n: xs.length, mean: mean(xs), sd: sampleStd(xs) };
}

// ─── The panel and the (score at t, return over t+1) pairs ───────────────────────────────────

interface Panel {
  /** Dates in ascending calendar order. */
  dates: string[];
  byDate: Map<string, Map<string, PanelRow>>;
  /** Calendar month number → date of the panel. */
  byMonth: Map<number, string>;
}

function buildPanel(rows: readonly PanelRow[], what: string): Panel {
  const byDate = new Map<string, Map<string, PanelRow>>();
  const byMonth = new Map<number, string>();
  rows.forEach((r, i) => {
    const m = monthNumber(r.Date, `${what}: rows[${i}].Date`);
    const other = byMonth.get(m);
    if (other !== undefined && other !== r.Date)
      throw new Error(`${what}: two dates in the same month: ${other} and ${r.Date}`);
    byMonth.set(m, r.Date);
    let at = byDate.get(r.Date);
    if (!at) {
      at = new Map();
      byDate.set(r.Date, at);
    }
    if (at.has(r.Instrument)) throw new Error(`${what}: ${r.Instrument} appears twice at ${r.Date}`);
    at.set(r.Instrument, r);
  });
  const dates = [...byMonth.entries()].sort((a, b) => a[0] - b[0]).map(([, d]) => d);
  return { dates, byDate, byMonth };
}

function num(r: PanelRow, col: string): number {
  const v = (r as unknown as Record<string, unknown>)[col];
  return typeof v === "number" && Number.isFinite(v) ? v : Number.NaN;
}

/** One decision month's pairs for one factor. */
export interface ForwardPairs {
  /** Decision month t (the score's date). */
  date: string;
  /** Month t+1, whose return is paired. */
  returnDate: string;
  instruments: string[];
  /** s_i(t). */
  scores: number[];
  /** r_i(t+1), percent. */
  returns: number[];
}

function pairsOf(panel: Panel, factor: string, returnColumn: string): ForwardPairs[] {
  const out: ForwardPairs[] = [];
  for (const t of panel.dates) {
    const next = panel.byMonth.get(monthNumber(t) + 1);
    if (next === undefined) continue;
    const atT = panel.byDate.get(t) as Map<string, PanelRow>;
    const atNext = panel.byDate.get(next) as Map<string, PanelRow>;
    const p: ForwardPairs = { date: t, returnDate: next, instruments: [], scores: [], returns: [] };
    for (const [inst, row] of [...atT.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      const nextRow = atNext.get(inst);
      if (!nextRow) continue;
      const s = num(row, factor);
      const r = num(nextRow, returnColumn);
      if (Number.isNaN(s) || Number.isNaN(r)) continue;
      p.instruments.push(inst);
      p.scores.push(s);
      p.returns.push(r);
    }
    out.push(p);
  }
  return out;
}

function resolve(opts: DiagnosticsOptions) {
  const factors = [...(opts.factors ?? FACTOR_COLUMNS)];
  if (factors.length === 0) throw new Error("factor diagnostics: no factors");
  const minStocks = opts.minStocks ?? 3;
  if (!(Number.isInteger(minStocks) && minStocks >= 2))
    throw new Error(`factor diagnostics: minStocks must be an integer ≥ 2, got ${minStocks}`);
  return { factors, returnColumn: opts.returnColumn ?? "total_return_1m", minStocks };
}

/**
 * The (score at t, return over t+1) pairs of one factor for every month that has a next month in
 * the panel (instruments in sorted order), as the IC and quintile functions use them.
 */
export function forwardReturnPairs(
  rows: readonly PanelRow[],
  factor: string,
  opts: Pick<DiagnosticsOptions, "returnColumn"> = {},
): ForwardPairs[] {
  return pairsOf(buildPanel(rows, "forwardReturnPairs"), factor, opts.returnColumn ?? "total_return_1m");
}

// ─── Information coefficients ────────────────────────────────────────────────────────────────

export interface IcMonth {
  date: string;
  returnDate: string;
  /** Stocks paired. */
  stocks: number;
  /** Pearson IC (NaN when undefined). */
  ic: number;
  /** Spearman rank IC (NaN when undefined). */
  rankIc: number;
}

export interface FactorIc {
  factor: string;
  months: IcMonth[];
}

/** IC and rank IC per factor and decision month (module comment). */
export function informationCoefficients(rows: readonly PanelRow[], opts: DiagnosticsOptions = {}): FactorIc[] {
  const { factors, returnColumn, minStocks } = resolve(opts);
  const panel = buildPanel(rows, "informationCoefficients");
  return factors.map((factor) => ({
    factor,
    months: pairsOf(panel, factor, returnColumn).map((p) => {
      const enough = p.scores.length >= minStocks;
      return {
        date: p.date,
        returnDate: p.returnDate,
        stocks: p.scores.length,
        ic: enough ? pearson(p.scores, p.returns) : Number.NaN,
        rankIc: enough ? spearman(p.scores, p.returns) : Number.NaN,
      };
    }),
  }));
}

export interface IcSummary {
  factor: string;
  /** Months with a defined IC (T_f) and without one. */
  months: number;
  undefinedMonths: number;
  meanIc: number;
  sdIc: number;
  /** mean/sd, per month (not annualised). */
  icIr: number;
  /** mean/sd·√T_f. */
  tStat: number;
  rankMonths: number;
  meanRankIc: number;
  sdRankIc: number;
  rankIcIr: number;
  rankTStat: number;
}

/** Mean, sd (ddof 1), IR and t-statistic of each factor's IC and rank IC series. */
export function icSummary(ics: readonly FactorIc[]): IcSummary[] {
  return ics.map(({ factor, months }) => {
    const a = meanSd(months.map((m) => m.ic).filter((v) => !Number.isNaN(v)));
    const b = meanSd(months.map((m) => m.rankIc).filter((v) => !Number.isNaN(v)));
    return {
      factor,
      months: a.n,
      undefinedMonths: months.length - a.n,
      meanIc: a.mean,
      sdIc: a.sd,
      icIr: a.mean / a.sd,
      tStat: (a.mean / a.sd) * Math.sqrt(a.n),
      rankMonths: b.n,
      meanRankIc: b.mean,
      sdRankIc: b.sd,
      rankIcIr: b.mean / b.sd,
      rankTStat: (b.mean / b.sd) * Math.sqrt(b.n),
    };
  });
}

// ─── Quintile returns ────────────────────────────────────────────────────────────────────────

/** The number of quantile buckets (quintiles). */
export const QUINTILES = 5;

/** Quintile of each value by average rank: ⌊5(r̄ − 1)/n⌋ + 1 (1 = lowest; ties share one). */
export function quintileOf(scores: readonly number[]): number[] {
  const n = scores.length;
  return averageRanks(scores).map((r) => Math.floor((QUINTILES * (r - 1)) / n) + 1);
}

export interface QuintileMonth {
  date: string;
  returnDate: string;
  /** Stocks in Q1..Q5. */
  counts: number[];
  /** Equal-weighted mean month-t+1 return of Q1..Q5, percent (NaN when empty). */
  returns: number[];
  /** Q5 − Q1, percent (NaN unless both are defined). */
  spread: number;
}

export interface FactorQuintiles {
  factor: string;
  months: QuintileMonth[];
  /** Mean over months of each quintile's return (months where it is defined), percent per month. */
  meanReturns: number[];
  /** Months contributing to each mean. */
  monthsPerQuintile: number[];
  /** Mean Q5 − Q1 spread, percent per month, and its months, sd (ddof 1) and t = mean/sd·√n. */
  meanSpread: number;
  spreadMonths: number;
  sdSpread: number;
  spreadTStat: number;
}

/** Quintile returns and the top–bottom spread per factor (module comment). Months need ≥ 5 stocks. */
export function quintileReturns(rows: readonly PanelRow[], opts: DiagnosticsOptions = {}): FactorQuintiles[] {
  const { factors, returnColumn, minStocks } = resolve(opts);
  const need = Math.max(minStocks, QUINTILES);
  const panel = buildPanel(rows, "quintileReturns");
  return factors.map((factor) => {
    const months: QuintileMonth[] = [];
    for (const p of pairsOf(panel, factor, returnColumn)) {
      if (p.scores.length < need) continue;
      const q = quintileOf(p.scores);
      // Bucket means accumulated in one pass over the stocks (grouped running sums and counts).
      const sums = new Array<number>(QUINTILES).fill(0);
      const counts = new Array<number>(QUINTILES).fill(0);
      q.forEach((k, i) => {
        sums[k - 1] += p.returns[i];
        counts[k - 1]++;
      });
      const returns = sums.map((s, k) => (counts[k] > 0 ? s / counts[k] : Number.NaN));
      months.push({
        date: p.date,
        returnDate: p.returnDate,
        counts,
        returns,
        spread: returns[QUINTILES - 1] - returns[0],
      });
    }
    const per = Array.from({ length: QUINTILES }, (_, k) =>
      meanSd(months.map((m) => m.returns[k]).filter((v) => !Number.isNaN(v))),
    );
    const sp = meanSd(months.map((m) => m.spread).filter((v) => !Number.isNaN(v)));
    return {
      factor,
      months,
      meanReturns: per.map((s) => s.mean),
      monthsPerQuintile: per.map((s) => s.n),
      meanSpread: sp.mean,
      spreadMonths: sp.n,
      sdSpread: sp.sd,
      spreadTStat: (sp.mean / sp.sd) * Math.sqrt(sp.n),
    };
  });
}

// ─── Correlations between factor scores ──────────────────────────────────────────────────────

export interface ScoreCorrelations {
  factors: string[];
  /** matrix[a][b] = mean over months of the cross-sectional correlation of factors a and b. */
  matrix: number[][];
  /** months[a][b] = months where that correlation is defined. */
  months: number[][];
  method: "pearson" | "spearman";
}

/**
 * Average cross-sectional correlation between factor scores (module comment): every date of the
 * panel, stocks with both scores finite, at least `minStocks` of them.
 */
export function factorScoreCorrelations(
  rows: readonly PanelRow[],
  opts: DiagnosticsOptions & { method?: "pearson" | "spearman" } = {},
): ScoreCorrelations {
  const { factors, minStocks } = resolve(opts);
  const method = opts.method ?? "pearson";
  const corr = method === "pearson" ? pearson : spearman;
  const panel = buildPanel(rows, "factorScoreCorrelations");
  const K = factors.length;
  const sums = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  const counts = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  for (const t of panel.dates) {
    const at = [...(panel.byDate.get(t) as Map<string, PanelRow>).values()];
    const cols = factors.map((f) => at.map((r) => num(r, f)));
    for (let a = 0; a < K; a++)
      for (let b = a; b < K; b++) {
        const x: number[] = [];
        const y: number[] = [];
        for (let i = 0; i < at.length; i++)
          if (!Number.isNaN(cols[a][i]) && !Number.isNaN(cols[b][i])) {
            x.push(cols[a][i]);
            y.push(cols[b][i]);
          }
        if (x.length < minStocks) continue;
        const c = corr(x, y);
        if (Number.isNaN(c)) continue;
        sums[a][b] += c;
        counts[a][b]++;
      }
  }
  const matrix = Array.from({ length: K }, () => new Array<number>(K).fill(Number.NaN));
  const months = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  for (let a = 0; a < K; a++)
    for (let b = a; b < K; b++) {
      const v = counts[a][b] > 0 ? sums[a][b] / counts[a][b] : Number.NaN;
      matrix[a][b] = matrix[b][a] = v;
      months[a][b] = months[b][a] = counts[a][b];
    }
  return { factors, matrix, months, method };
}
