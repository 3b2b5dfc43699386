/**
 * Strategy returns of the factor-rotation backtest (article In[40]–In[43]).
 *
 * Every test month t (a month-end date) carries
 * - r_{t,k}: the percent total return of factor portfolio k over month t (the month ending at t);
 * - the label "best factor next month" = argmax_k r_{t+1,k} (known only after month t+1);
 * - the model's predicted class and class probabilities p_{t,k}, made with the features known at
 *   the end of month t, i.e. a forecast for month t+1.
 *
 * The returns of month t must therefore use what was known at the end of month t-1. Shifting every
 * column by one row (as the article does with `shift(1)` + `dropna`) gives, for t = 2..n:
 *   best_return_t       = r_{t, best_{t-1}}          (best_{t-1} = label of t-1 = argmax_k r_{t,k})
 *   pred_return_t       = r_{t, pred_{t-1}}          (the factor predicted at the end of t-1)
 *   pred_proba_return_t = Σ_k p_{t-1,k} · r_{t,k}    (probability-weighted, weights not renormalised)
 * The first test month has no earlier prediction and is dropped; the prediction made at the end of
 * the last test month is for a month outside the table and is not used (in the article the
 * probability list is one longer than the shifted table and `zip` drops its last element, which
 * gives the same pairing).
 *
 * A one-row shift equals a one-month shift only on consecutive months, so the input is checked to
 * be exactly one row per calendar month; a gap raises an error naming it. The realised best factor
 * taken from the label of t-1 is also checked against the returns of month t (it must attain the
 * month's maximum), which catches labels or returns that are off by a month.
 */
import { monthNumber } from "../data/dates";
import { checkConsecutiveMonths } from "../validation";

/** One test month as the model pipeline delivers it (everything "as of" the end of `date`). */
export interface PredictionMonth {
  /** Month-end date t of the observation ("YYYY-MM-DD"). */
  date: string;
  /** Percent total return of each factor portfolio over month t (keys: factor / class names). */
  returns: Readonly<Record<string, number>>;
  /** The label: the factor with the highest return over month t+1 (article: best_factor_next_month). */
  bestFactorNextMonth: string;
  /** The model's predicted class for month t+1, from the features of month t. */
  predicted: string;
  /** Class probabilities for month t+1 from the features of month t (keys: class names). */
  probabilities: Readonly<Record<string, number>>;
}

/**
 * The shifted returns table (article In[43]): row i is return month `dates[i]`. Column arrays all
 * have the same length; percent units throughout.
 */
export interface ReturnsTable {
  /** Return month t of each row (month-end, ascending, consecutive). */
  dates: string[];
  /** The factor / class names in column order (the article's `target_names`). */
  factors: string[];
  /** r_{t,k}: percent return of factor k over month t. */
  factorReturns: Record<string, number[]>;
  /** Label of row t (refers to month t+1); kept for display like the article. */
  bestFactorNextMonth: string[];
  /** Prediction made at the end of month t (for t+1); kept for display like the article. */
  preds: string[];
  /** Realised best factor of month t (= label of month t-1). */
  bestShifted: string[];
  /** Factor predicted at the end of month t-1, held during month t. */
  predShifted: string[];
  /** Probabilities made at the end of month t-1, the factor weights held during month t. */
  probaShifted: Record<string, number>[];
  /** Percent return of always holding the realised best factor (perfect foresight). */
  bestReturn: number[];
  /** Percent return of holding the predicted factor. */
  predReturn: number[];
  /** Percent return of the probability-weighted factor mix. */
  predProbaReturn: number[];
  /** The base index's percent return of month t (set by `joinIndexReturns`). */
  index?: { name: string; returns: number[] };
}

export interface StrategyReturnsOptions {
  /** Factor / class names in column order; default: the keys of the first month's `returns`. */
  factors?: readonly string[];
  /** Tolerance on |Σ_k p_k − 1| (float32 model output); default 1e-4. */
  probabilityTolerance?: number;
}

/**
 * Attach class names to the model's probability rows (article In[41]): `classNames[j]` names
 * column j. Rows may be plain arrays or, like `predict_proba` of a single sample, nested [[…]].
 */
export function nameProbabilities(
  classNames: readonly string[],
  rows: readonly (readonly number[] | readonly (readonly number[])[])[],
): Record<string, number>[] {
  return rows.map((row, i) => {
    const flat = (Array.isArray(row[0]) ? row[0] : row) as readonly number[];
    if (flat.length !== classNames.length)
      throw new Error(`nameProbabilities: row ${i} has ${flat.length} probabilities for ${classNames.length} classes`);
    const out: Record<string, number> = {};
    classNames.forEach((c, j) => {
      out[c] = flat[j];
    });
    return out;
  });
}

/** Column-array form of the model pipeline's output, converted by `predictionMonths`. */
export interface PredictionColumns {
  dates: readonly string[];
  /** Percent factor returns per factor, each aligned with `dates`. */
  returns: Readonly<Record<string, readonly number[]>>;
  bestFactorNextMonth: readonly string[];
  predicted: readonly string[];
  /** Probability rows aligned with `dates`, columns in `classNames` order. */
  probabilities: readonly (readonly number[] | readonly (readonly number[])[])[];
  classNames: readonly string[];
}

/** Build `PredictionMonth` records from column arrays (all of the same length as `dates`). */
export function predictionMonths(cols: PredictionColumns): PredictionMonth[] {
  const n = cols.dates.length;
  const check = (name: string, len: number) => {
    if (len !== n) throw new Error(`predictionMonths: ${name} has ${len} rows, dates has ${n}`);
  };
  for (const [k, v] of Object.entries(cols.returns)) check(`returns["${k}"]`, v.length);
  check("bestFactorNextMonth", cols.bestFactorNextMonth.length);
  check("predicted", cols.predicted.length);
  check("probabilities", cols.probabilities.length);
  const probas = nameProbabilities(cols.classNames, cols.probabilities);
  return cols.dates.map((date, i) => {
    const returns: Record<string, number> = {};
    for (const [k, v] of Object.entries(cols.returns)) returns[k] = v[i];
    return {
      date,
      returns,
      bestFactorNextMonth: cols.bestFactorNextMonth[i],
      predicted: cols.predicted[i],
      probabilities: probas[i],
    };
  });
}

/**
 * The strategy returns table (article In[40] + In[43]) from the test months in date order.
 *
 * Alignment: output row t (for t = the 2nd..last input month) uses the returns of month t and the
 * label / prediction / probabilities of month t-1 (see the module comment). Output length is
 * `months.length − 1`. Units: percent in, percent out; probabilities are used as given (not
 * renormalised) after checking they sum to 1 within `probabilityTolerance`.
 *
 * Errors: fewer than 2 months; dates not one per consecutive calendar month (a gap names the two
 * dates around it); a non-finite return or probability (names date and factor); an unknown
 * class name; a realised best factor that does not attain the maximum return of its month.
 */
export function strategyReturns(months: readonly PredictionMonth[], opts: StrategyReturnsOptions = {}): ReturnsTable {
  if (months.length < 2)
    throw new Error(`strategyReturns: need at least 2 test months (one to predict from), got ${months.length}`);
  const factors = [...(opts.factors ?? Object.keys(months[0].returns))];
  if (factors.length === 0) throw new Error("strategyReturns: no factors");
  if (new Set(factors).size !== factors.length) throw new Error("strategyReturns: duplicate factor names");
  const tol = opts.probabilityTolerance ?? 1e-4;
  const dates = months.map((m) => m.date);
  checkConsecutiveMonths(dates, "strategyReturns: months");

  months.forEach((m, i) => {
    monthNumber(m.date, `strategyReturns: months[${i}].date`);
    for (const f of factors) {
      const r = m.returns[f];
      if (typeof r !== "number" || !Number.isFinite(r))
        throw new Error(
          `strategyReturns: return of factor "${f}" on ${m.date} is ${String(r)} (need a finite percent)`,
        );
    }
    for (const [what, cls] of [
      ["bestFactorNextMonth", m.bestFactorNextMonth],
      ["predicted", m.predicted],
    ] as const) {
      if (!factors.includes(cls))
        throw new Error(
          `strategyReturns: ${what} "${cls}" on ${m.date} is not one of the factors (${factors.join(", ")})`,
        );
    }
    let sum = 0;
    for (const f of factors) {
      const p = m.probabilities[f];
      if (typeof p !== "number" || !Number.isFinite(p) || p < 0 || p > 1)
        throw new Error(
          `strategyReturns: probability of "${f}" on ${m.date} is ${String(p)} (need a number in [0, 1])`,
        );
      sum += p;
    }
    const extra = Object.keys(m.probabilities).filter((k) => !factors.includes(k));
    if (extra.length)
      throw new Error(`strategyReturns: probabilities on ${m.date} name unknown classes: ${extra.join(", ")}`);
    if (Math.abs(sum - 1) > tol) throw new Error(`strategyReturns: probabilities on ${m.date} sum to ${sum}, not 1`);
  });

  const t: ReturnsTable = {
    dates: [],
    factors,
    factorReturns: Object.fromEntries(factors.map((f) => [f, [] as number[]])),
    bestFactorNextMonth: [],
    preds: [],
    bestShifted: [],
    predShifted: [],
    probaShifted: [],
    bestReturn: [],
    predReturn: [],
    predProbaReturn: [],
  };
  for (let i = 1; i < months.length; i++) {
    const cur = months[i];
    const prev = months[i - 1];
    const r = cur.returns;
    const best = prev.bestFactorNextMonth;
    let max = Number.NEGATIVE_INFINITY;
    for (const f of factors) max = Math.max(max, r[f]);
    if (r[best] !== max)
      throw new Error(
        `strategyReturns: the label of ${prev.date} says "${best}" was best in the next month, but on ${cur.date} ` +
          `"${best}" returned ${r[best]} while the best factor returned ${max}: labels and returns are misaligned`,
      );
    t.dates.push(cur.date);
    for (const f of factors) t.factorReturns[f].push(r[f]);
    t.bestFactorNextMonth.push(cur.bestFactorNextMonth);
    t.preds.push(cur.predicted);
    t.bestShifted.push(best);
    t.predShifted.push(prev.predicted);
    const w: Record<string, number> = {};
    for (const f of factors) w[f] = prev.probabilities[f];
    t.probaShifted.push(w);
    t.bestReturn.push(r[best]);
    t.predReturn.push(r[prev.predicted]);
    // Σ_k p_{t-1,k} r_{t,k}, summed left to right in factor order (the article's In[42] order).
    let s = 0;
    for (const f of factors) s += w[f] * r[f];
    t.predProbaReturn.push(s);
  }
  return t;
}

/** Names of the strategy columns, as the article calls them. */
export const STRATEGY_COLUMNS = ["best_return", "pred_return", "pred_proba_return"] as const;

/**
 * The return series of a table in the article's `cols_for_cumsum` order: each factor, then
 * best_return, pred_return, pred_proba_return, then the index (if joined). Percent per month,
 * aligned with `table.dates`.
 */
export function returnSeries(table: ReturnsTable): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const f of table.factors) out[f] = table.factorReturns[f];
  out.best_return = table.bestReturn;
  out.pred_return = table.predReturn;
  out.pred_proba_return = table.predProbaReturn;
  if (table.index) out[table.index.name] = table.index.returns;
  return out;
}

/**
 * Per-month factor weights held by each strategy in month t (for turnover): one-hot for the
 * best / predicted factor, the shifted probabilities for the probability-weighted mix, and a
 * constant one-hot for each single factor. The index is not a factor mix and is not included.
 */
export function strategyWeights(table: ReturnsTable): Record<string, Record<string, number>[]> {
  const oneHot = (k: string) => Object.fromEntries(table.factors.map((f) => [f, f === k ? 1 : 0]));
  const out: Record<string, Record<string, number>[]> = {};
  for (const f of table.factors) out[f] = table.dates.map(() => oneHot(f));
  out.best_return = table.bestShifted.map(oneHot);
  out.pred_return = table.predShifted.map(oneHot);
  out.pred_proba_return = table.probaShifted.map((w) => ({ ...w }));
  return out;
}

export interface ReturnsColumnsOptions {
  /** Add the article's In[45] running sums `<name>_cumsum` (sum of monthly percentages). */
  cumsum?: boolean;
}

/**
 * The table as display columns with the article's names (In[43]–In[45]): date, the factor
 * returns, best_factor_next_month, preds, best_shifted, pred_shifted, the three strategies, the
 * index and optionally the `_cumsum` columns. Feed it to `show(..., { index: "date" })`.
 */
export function returnsTableColumns(
  table: ReturnsTable,
  opts: ReturnsColumnsOptions = {},
): Record<string, (number | string)[]> {
  const out: Record<string, (number | string)[]> = { date: [...table.dates] };
  for (const f of table.factors) out[f] = [...table.factorReturns[f]];
  out.best_factor_next_month = [...table.bestFactorNextMonth];
  out.preds = [...table.preds];
  out.best_shifted = [...table.bestShifted];
  out.pred_shifted = [...table.predShifted];
  const series = returnSeries(table);
  for (const name of [...STRATEGY_COLUMNS, ...(table.index ? [table.index.name] : [])]) out[name] = [...series[name]];
  if (opts.cumsum) {
    for (const [name, r] of Object.entries(series)) {
      let s = 0;
      out[`${name}_cumsum`] = r.map((x) => (s += x));
    }
  }
  return out;
}
