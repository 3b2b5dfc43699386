/**
 * Summaries of an AiLA run for the notebook: performance statistics of an index level, fit
 * status and binding-constraint counts, cap usage. Conventions (empyrical; README "References"): daily
 * simple returns, annualised with 252 days; Sharpe = mean/std (ddof 1)·√252 with zero risk-free
 * rate; CAGR = (I_end/I_0)^(252/days) − 1 over index days; max drawdown as a negative fraction —
 * lib/statistics/performance.ts's table with a level input (`levelStatistics`). The tables at the
 * end (records for `show`) are those of notebook 02 that compute something: sector gross weights
 * against their caps, the Sharpe-floor average of a weight vector, calendar closures, one day's
 * fit, the correlation degrees and one day's correlation preference.
 */
import { weekNumber } from "../data/dates";
import { pearson } from "../statistics/descriptive";
import { performanceStatistics } from "../statistics/performance";
import { type AilaResult, type FitSummary, grossTurnover, sectorGross } from "./aila-index";
import { CALENDARS, type CalendarId } from "./calendars";
import {
  CORRELATION_DEGREE_ANGLES,
  CORRELATION_DEGREE_NAMES,
  type CorrelationDegree,
  type CorrelationPreference,
  correlationBias,
  correlationDegreeAngle,
} from "./correlation-bias";
import { type DailyDataset, standardWeightsOn } from "./daily-data";
import { simpleReturns } from "./volatility";

export interface LevelStatistics {
  cagr: number;
  volatility: number;
  sharpe: number;
  maxDrawdown: number;
  final: number;
}

/**
 * Performance statistics of an index level series (fractions, annualised with 252 index days): a
 * call of lib/statistics/performance.ts's one performance table with a level input; `final` is
 * the last level. Needs at least 3 finite, positive levels.
 */
export function levelStatistics(level: ArrayLike<number>): LevelStatistics {
  const n = level.length;
  if (n < 3) throw new Error(`levelStatistics: need at least 3 levels, got ${n}`);
  const s = performanceStatistics(level, {
    periodsPerYear: 252,
    units: "fraction",
    input: "level",
    statistics: ["cagr", "volatility", "sharpe", "max_drawdown", "final"],
  });
  return { cagr: s.cagr, volatility: s.volatility, sharpe: s.sharpe, maxDrawdown: s.max_drawdown, final: s.final };
}

/** Number of days per fit status. */
export function fitStatusCounts(r: AilaResult): Record<string, number> {
  const out: Record<string, number> = { fit: 0, scaled: 0, "too-few-assets": 0, infeasible: 0 };
  for (const f of r.fits) out[f.status]++;
  return out;
}

/** Number of days on which each kind of constraint binds in the fit (cap, sector:NAME, sharpe-floor, …). */
export function bindingCounts(r: AilaResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of r.fits) {
    const kinds = new Set(f.binding.map((b) => (b.startsWith("cap:") ? "asset cap (any)" : b)));
    for (const k of kinds) out[k] = (out[k] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(out).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
}

/**
 * Cap usage per day: share of assets with a non-zero constrained weight that sit at their asset
 * cap (|wC| ≥ cap − 1e-9), and for each sector the gross actual weight divided by its cap.
 */
export function capUsage(r: AilaResult): { atAssetCap: Float64Array; sector: Float64Array[] } {
  const T = r.dates.length;
  const atAssetCap = new Float64Array(T);
  const sector = r.sectorNames.map(() => new Float64Array(T));
  for (let t = 0; t < T; t++) {
    let active = 0;
    let at = 0;
    for (let i = 0; i < r.ids.length; i++) {
      const w = Math.abs(r.wC[t][i]);
      if (w > 0) {
        active++;
        if (w >= r.assetCaps[t][i] - 1e-9) at++;
      }
      sector[r.sector[i]][t] += Math.abs(r.wA[t][i]) / r.sectorCaps[r.sector[i]];
    }
    atAssetCap[t] = active > 0 ? at / active : 0;
  }
  return { atAssetCap, sector };
}

/** Trade-balancing and turnover statistics of a run (fractions; per year = per 252 index days). */
export interface TradeBalancingSummary {
  /** Asset-days with wC ≠ 0 but wT = 0 (forced flat by the trade-balancing period). */
  forcedFlatDays: number;
  /** forcedFlatDays / asset-days with wC ≠ 0. */
  forcedFlatShare: number;
  /** Σ_t Σ_i |wA_t,i − wA_{t−1},i| per year (gross, two-way: buys plus sells; fraction of index value). */
  turnoverPerYear: number;
  /** Σ over roll days of 2·|wA| per year: both legs of the rolled weight. */
  rollTurnoverPerYear: number;
  /** Number of (asset, day) rolls with a non-zero weight. */
  rolls: number;
}

/** Forced-flat days, turnover and roll turnover of a run (see TradeBalancingSummary). */
export function tradeBalancingSummary(r: AilaResult): TradeBalancingSummary {
  const T = r.dates.length;
  let active = 0;
  let flat = 0;
  let roll = 0;
  let rolls = 0;
  for (let t = 0; t < T; t++)
    for (let i = 0; i < r.ids.length; i++) {
      if (r.wC[t][i] !== 0) {
        active++;
        if (r.wT[t][i] === 0) flat++;
      }
      if (r.rolls[t][i] && r.wA[t][i] !== 0) {
        roll += 2 * Math.abs(r.wA[t][i]);
        rolls++;
      }
    }
  const years = T / 252;
  const to = grossTurnover(r.wA).reduce((a, b) => a + b, 0);
  return {
    forcedFlatDays: flat,
    forcedFlatShare: active > 0 ? flat / active : 0,
    turnoverPerYear: to / years,
    rollTurnoverPerYear: roll / years,
    rolls,
  };
}

/** One row per run for side-by-side tables: performance, turnover, forced-flat share, cap usage, costs. */
export interface RunSummary extends LevelStatistics, TradeBalancingSummary {
  /** Mean over days of the share of active assets at their asset cap. */
  atAssetCapShare: number;
  /** Largest gross sector weight / sector cap over all days and sectors. */
  maxSectorUsage: number;
  /** Trading costs per year (fraction of index value; 0 without costs). */
  costsPerYear: number;
  /** Mean over days of the risk-model correlation of wUnit with the standard index (after the
   *  preference when one is set). */
  standardCorrelation: number;
}

/** Summary of a run for side-by-side comparison (see RunSummary). */
export function runSummary(r: AilaResult): RunSummary {
  const cu = capUsage(r);
  let maxUse = 0;
  for (const row of cu.sector) for (const v of row) maxUse = Math.max(maxUse, v);
  const T = r.dates.length;
  let corr = 0;
  let nc = 0;
  for (const v of r.biasCorrelationAfter)
    if (!Number.isNaN(v)) {
      corr += v;
      nc++;
    }
  return {
    ...levelStatistics(r.level),
    ...tradeBalancingSummary(r),
    atAssetCapShare: cu.atAssetCap.reduce((a, b) => a + b, 0) / T,
    maxSectorUsage: maxUse,
    costsPerYear: r.costs.reduce((a, b) => a + b, 0) / (T / 252),
    standardCorrelation: nc > 0 ? corr / nc : Number.NaN,
  };
}

/**
 * Daily return of the standard index: R_t = Σ_i b_{y(t),i} · r_t,i with the weights of day t's
 * calendar year (the last year's after the table ends), each asset's simple return from its
 * previous close (a holiday return counts as 0), in local currency. R_0 = 0.
 */
export function standardIndexReturns(ds: DailyDataset): Float64Array {
  const r = ds.prices.map((p, i) => simpleReturns(p, ds.assets[i].id));
  const out = new Float64Array(ds.dates.length);
  for (let t = 1; t < ds.dates.length; t++) {
    const b = standardWeightsOn(ds, ds.dates[t]);
    if (!b) continue;
    let s = 0;
    for (let i = 0; i < r.length; i++) if (b[i] !== 0 && !Number.isNaN(r[i][t])) s += b[i] * r[i][t];
    out[t] = s;
  }
  return out;
}

/**
 * Realised correlation (Pearson; research/factor-diagnostics.ts `pearson`) of the index's
 * daily returns I_t/I_{t−1} − 1 with the standard index's, over the days from `from` (default: the
 * first day with a non-zero index return, so that the warm-up's flat start does not count).
 */
export function realisedStandardCorrelation(level: ArrayLike<number>, ds: DailyDataset, from?: number): number {
  const R = standardIndexReturns(ds);
  const x: number[] = [];
  const y: number[] = [];
  let start = from;
  if (start === undefined) {
    start = 1;
    while (start < level.length && level[start] === level[start - 1]) start++;
  }
  for (let t = Math.max(1, start); t < level.length; t++) {
    x.push(level[t] / level[t - 1] - 1);
    y.push(R[t]);
  }
  return x.length > 2 ? pearson(x, y) : Number.NaN;
}

/** Round to a fixed number of decimals (for compact, stable chart data). */
export function roundTo(xs: ArrayLike<number>, decimals: number): number[] {
  const f = 10 ** decimals;
  return Array.from(xs, (x) => Math.round(x * f) / f);
}

/** Pick the values of a daily series at the given indices. */
export function pick<T>(xs: ArrayLike<T>, idx: readonly number[]): T[] {
  return idx.map((k) => xs[k]);
}

/** Sum of a daily series within each ISO week, labelled by the week's last index day. */
export function weeklySums(values: ArrayLike<number>, dates: readonly string[]): { dates: string[]; values: number[] } {
  const outD: string[] = [];
  const outV: number[] = [];
  let acc = 0;
  for (let t = 0; t < dates.length; t++) {
    acc += values[t];
    if (t === dates.length - 1 || weekNumber(dates[t + 1]) !== weekNumber(dates[t])) {
      outD.push(dates[t]);
      outV.push(acc);
      acc = 0;
    }
  }
  return { dates: outD, values: outV };
}

// ---------------------------------------------------------------------------------------------
// Tables of notebook 02 (records for `show`)

/** Index of an index business day of the run (Error when the date is not one). */
function dayIndex(r: Pick<AilaResult, "dates">, date: string, where: string): number {
  const t = r.dates.indexOf(date);
  if (t < 0) throw new Error(`${where}: ${date} is not an index business day`);
  return t;
}

/**
 * Gross weight per sector on one day against the sector cap: Σ_{i in k}|w_i| of wU and wC of the
 * day and of the next day's actual weights wA_{t+1} (the weights the day's instructions lead to;
 * NaN on the last day), computed with `sectorGross`. Fractions of the index value.
 */
export function sectorCapTable(r: AilaResult, date: string): Record<string, string | number>[] {
  const t = dayIndex(r, date, "sectorCapTable");
  const last = t + 1 >= r.dates.length;
  const g = sectorGross(r, last ? [r.wU[t], r.wC[t]] : [r.wU[t], r.wC[t], r.wA[t + 1]]);
  return r.sectorNames.map((name, k) => ({
    sector: name,
    cap: r.sectorCaps[k],
    "gross wU": g[k][0],
    "gross wC": g[k][1],
    "gross wA (next day)": last ? Number.NaN : g[k][2],
  }));
}

/**
 * The left-hand side of the fit's Sharpe floor (constrained-weights.ts): the |w|-weighted average
 * Σ_i |w_i|·clip(sr_i, ±clip) / Σ_i |w_i| of the asset Sharpe ratios clipped to [−clip, clip]
 * (default 5, the fit's `sharpeClip`). A fitted day satisfies average ≥ floor. NaN when Σ|w| = 0.
 */
export function clippedSharpeAverage(w: ArrayLike<number>, sharpe: ArrayLike<number>, clip = 5): number {
  if (sharpe.length !== w.length)
    throw new Error(`clippedSharpeAverage: ${sharpe.length} Sharpe ratios for ${w.length} weights`);
  let num = 0;
  let den = 0;
  for (let i = 0; i < w.length; i++) num += Math.abs(w[i]) * Math.max(-clip, Math.min(clip, sharpe[i]));
  for (let i = 0; i < w.length; i++) den += Math.abs(w[i]);
  return num / den;
}

/**
 * Per exchange calendar: the number of assets on it and the number of index business days on
 * which it is closed (its assets have no price; counted on the calendar's first asset, 0 when it
 * has none).
 */
export function calendarClosureTable(
  ds: Pick<DailyDataset, "assets" | "dates" | "prices">,
  calendars: readonly CalendarId[] = CALENDARS,
): Record<string, string | number>[] {
  return calendars.map((cal) => {
    const i = ds.assets.findIndex((a) => a.calendar === cal);
    const closed = i < 0 ? 0 : ds.dates.filter((_, t) => Number.isNaN(ds.prices[i][t])).length;
    return { calendar: cal, assets: ds.assets.filter((a) => a.calendar === cal).length, "index days closed": closed };
  });
}

/**
 * One day's constrained fit as rows (item, value): status, requested sum Σ|wU| and largest
 * feasible sum (fractions of index value, 6 decimals), angle between wC and wU in degrees
 * (4 decimals) and the binding constraints.
 */
export function fitSummaryTable(fit: FitSummary): { item: string; value: string }[] {
  return [
    { item: "status", value: fit.status },
    { item: "requested sum Σ|wU|", value: fit.requestedSum.toFixed(6) },
    { item: "largest feasible sum S_max", value: fit.maxFeasibleSum.toFixed(6) },
    { item: "angle(wC, wU) in degrees", value: ((fit.angle * 180) / Math.PI).toFixed(4) },
    { item: "binding constraints", value: fit.binding.join(", ") },
  ];
}

/**
 * The four degrees of the correlation preference: name, maximum risk-space angle (degrees,
 * rounded to an integer) and the risk-model correlation with the standard index each bounds —
 * at least cos θ for a positive preference, at most −cos θ for a negative one.
 */
export function correlationDegreeTable(
  angles: readonly [number, number, number, number] = CORRELATION_DEGREE_ANGLES,
): Record<string, string | number>[] {
  return ([1, 2, 3, 4] as const).map((d) => ({
    degree: d,
    name: CORRELATION_DEGREE_NAMES[d],
    "max angle (°)": Math.round((correlationDegreeAngle(d, angles) * 180) / Math.PI),
    "positive: correlation ≥": Math.cos(correlationDegreeAngle(d, angles)),
    "negative: correlation ≤": -Math.cos(correlationDegreeAngle(d, angles)),
  }));
}

/**
 * Both correlation preferences applied to one day's unit-risk weights wU_t / k_t of a run (no
 * preference in the run itself), with the day's volatilities, standard-index weights and trading
 * assets, at the degree's maximum angle: outcome, risk-model correlation with the standard index
 * before and after, angle moved (degrees), assets added, and whether the KKT certificate holds.
 */
export function correlationPreferenceDayTable(
  ds: DailyDataset,
  r: AilaResult,
  date: string,
  degree: CorrelationDegree,
): Record<string, string | number | boolean>[] {
  const t = dayIndex(r, date, "correlationPreferenceDayTable");
  const standard = standardWeightsOn(ds, date);
  if (!standard) throw new Error("correlationPreferenceDayTable: the data set has no standard-index weights");
  const unitWeights = r.wU[t].map((w) => w / r.scale[t]);
  return (["positive", "negative"] as CorrelationPreference[]).map((preference) => {
    const b = correlationBias({
      wU: unitWeights,
      standard,
      vols: r.vol[t],
      groups: ds.assets.map((a) => a.group),
      preference,
      maxAngle: correlationDegreeAngle(degree),
      eligible: ds.prices.map((p) => !Number.isNaN(p[t])),
    });
    return {
      preference,
      outcome: b.reason,
      "correlation before": Math.cos(b.angleBefore),
      "correlation after": Math.cos(b.angleAfter),
      "angle moved (°)": (b.angleToWU * 180) / Math.PI,
      "assets added": b.added,
      "KKT certified": b.certificate?.ok ?? false,
    };
  });
}
