/**
 * The AiLA index end to end (reference 003) on a daily data set: unconstrained weights wU →
 * constrained weights wC → target weights wT → actual weights wA → units, PnL and index level,
 * plus an equal-weight reference index. Each step is the module named beside it; this file only
 * wires them over the days.
 *
 * Per index business day t (after the close):
 *   σ_t,i       EWMA volatility of the asset's returns (lib/statistics/risk-models.ts)
 *   wUnit_t     equal-risk weights of the assets trading on t with a ±1 signal, optional √N_eff
 *               (unconstrained-weights.ts, n-effective.ts)
 *   (optional)  standard-index correlation preference of wUnit (correlation-bias.ts: positive or
 *               negative, one of four degrees or an angle, over all standard-index assets
 *               trading on t), before the risk target, with the standard-index weights of the
 *               date's calendar year (published ahead of the year)
 *   k_t         risk-target scale from the EWMA volatility of the unit portfolio's PnL
 *               (risk-target.ts); wU_t = k_t · wUnit_t
 *   rc, ac      rebalancing cap by time to expiry of the held contract, asset cap = 1× (Mid) /
 *               4× (Large) rc (rebalancing.ts); a rolling asset under `rollPolicy: "roll"` rolls
 *               into its next contract when the front one enters the trade-balancing period
 *   sr_t,i      historical annualised Sharpe ratio of the asset's signal-following position
 *               s_{t−1}·r_t (asset-sharpe.ts: expanding or rolling window, ddof 1, Welford);
 *               before `sharpeMinHistory` observations `sharpeWarmup` decides: "zero" (0, so
 *               the floor is rarely feasible in the first year) or "neutral" (= the floor)
 *   wC_t        minimum-angle fit under asset caps ac, sector caps, the Sharpe floor and Σ|wC| =
 *               Σ|wU| (constrained-weights.ts)
 *   wT_t        wC_t, zero in the trade-balancing period
 *   instruction one rebalancing step from wA_t towards wT_t (rebalancing.ts), executed on the
 *               asset's next business day; assets on holiday keep their weight
 *   level       index-level.ts, prices converted into `indexCurrency` with the same day's
 *               fixing; optional trading costs per unit of weight traded by expiry bucket
 *               (including the two legs of every roll), off by default as in the document
 * Equal-weight reference: weights s_i / (number of active signals) (gross 100 %), no caps, same
 * t+1 execution and holiday carry.
 */
import { weekNumber } from "../data/dates";
import { ewmaVolatility } from "../statistics/risk-models";
import { ArgumentError } from "../validation";
import { signalSharpeRatios } from "./asset-sharpe";
import type { CalendarId } from "./calendars";
import { type ConstrainedFitStatus, type ConstrainedFitWarmStart, fitConstrainedWeights } from "./constrained-weights";
import {
  CORRELATION_DEGREE_ANGLES,
  type CorrelationBiasReason,
  type CorrelationDegree,
  type CorrelationPreference,
  correlationBias,
  correlationDegreeAngle,
  standardIndexCorrelation,
} from "./correlation-bias";
import { type DailyDataset, type Sector, standardWeightsOn } from "./daily-data";
import { indexLevel } from "./index-level";
import {
  ASSET_CAP_MULTIPLE,
  actualWeightPath,
  type CapLogic,
  expiryBucket,
  expirySchedule,
  inTradeBalancingPeriod,
  rebalancingCap,
  TRADE_BALANCING_DAYS,
} from "./rebalancing";
import { portfolioReturns, type RiskTarget, riskTargetScale } from "./risk-target";
import { unitRiskWeights } from "./unconstrained-weights";
import { simpleReturns } from "./volatility";

/** Standard-index correlation preference of a run (off when absent). */
export interface CorrelationPreferenceParams {
  preference: CorrelationPreference;
  /** One of the four degrees (default 2) … */
  degree?: CorrelationDegree;
  /** … or an explicit maximum risk-space angle in radians (wins over `degree`). */
  maxAngle?: number;
  /** Angles of degrees 1–4 (default CORRELATION_DEGREE_ANGLES: 75°, 60°, 45°, 30°). */
  degreeAngles?: readonly [number, number, number, number];
  /** "standard" (default, the document): inactive constituents may take weights; "active": only active assets. */
  universe?: "standard" | "active";
}

/** Trading cost per unit of weight traded (fraction: 0.0005 = 5 bps) for the buckets ≤1M, 1–3M, 3–6M, >6M. */
export type BucketCosts = readonly [number, number, number, number];

export interface AilaParams {
  /** EWMA lookback in business days (default 63 ≈ 3 months). */
  lookback?: number;
  /** Long/short ratio (default 1). */
  rLS?: number;
  /** N-effective scaling (default true). */
  nEffective?: boolean;
  /** Risk target (default 6 % annual volatility). */
  riskTarget?: RiskTarget;
  /** Cap on the risk-target scale (default 10; not in the document — it stops the scale from
   *  exploding while the unit portfolio's volatility estimate is still tiny; Infinity disables). */
  maxScale?: number;
  /** Mid or Large Cap logic (default "large"). */
  capLogic?: CapLogic;
  /** Gross sector caps (default 35 % each). */
  sectorCaps?: Partial<Record<Sector, number>>;
  /** Sharpe floor of the fit (default 0.4; NaN disables). */
  sharpeFloor?: number;
  /** Observations before an asset Sharpe ratio is used (default 252). */
  sharpeMinHistory?: number;
  /** Observations per asset Sharpe ratio (default Infinity = expanding window). */
  sharpeWindow?: number;
  /** Annualisation of the asset Sharpe ratios (default 252 business days). */
  sharpeAnnualisation?: number;
  /** Asset Sharpe ratio before `sharpeMinHistory` observations: "zero" (default, the earlier
   *  behaviour: counts as 0, so the floor is infeasible until enough history) or "neutral" (counts
   *  as the floor itself: neither helps nor hurts the floor). */
  sharpeWarmup?: "zero" | "neutral";
  /** Maximum allocation Σ|wC| (default 1 = 100 %). */
  maxAllocation?: number;
  /** Starting index level (default 100). */
  startLevel?: number;
  /** Optional standard-index correlation preference (correlation-bias.ts); default off. */
  correlationPreference?: CorrelationPreferenceParams | null;
  /** Rolling contracts: "roll" (default) moves the weight to the next contract when the front one
   *  enters the trade-balancing period; "flatten" (the earlier behaviour) takes it to zero there. */
  rollPolicy?: "roll" | "flatten";
  /** Index currency (default "USD"); needs its fixing in the data set's fx table. */
  indexCurrency?: string;
  /** Optional trading costs (default null = none, as in the document): one set of bucket costs
   *  for every asset, or per asset id (assets missing from the record trade free). */
  tradingCosts?: BucketCosts | Readonly<Record<string, BucketCosts>> | null;
}

export interface FitSummary {
  status: ConstrainedFitStatus;
  binding: string[];
  angle: number;
  requestedSum: number;
  maxFeasibleSum: number;
}

/** Resolved parameters of a run (defaults filled in). */
export type ResolvedAilaParams = Required<Omit<AilaParams, "sectorCaps">>;

export interface AilaResult {
  dates: string[];
  ids: string[];
  sectorNames: Sector[];
  /** sector id per asset (index into sectorNames) */
  sector: Int32Array;
  sectorCaps: Float64Array;
  params: ResolvedAilaParams;
  /** per asset, per day */
  vol: Float64Array[];
  ttx: Float64Array[];
  toYearEnd: Float64Array[];
  /** 1 on the days a rolling asset moves to its next contract (per asset, per day). */
  rolls: Uint8Array[];
  /** per day, per asset */
  wU: Float64Array[];
  wC: Float64Array[];
  wT: Float64Array[];
  wA: Float64Array[];
  sharpe: Float64Array[];
  rebalancingCaps: Float64Array[];
  assetCaps: Float64Array[];
  fits: FitSummary[];
  /** per day */
  scale: Float64Array;
  nEff: Float64Array;
  level: Float64Array;
  pnl: Float64Array;
  /** Trading costs charged per day (fraction of the index value; 0 without costs). */
  costs: Float64Array;
  equalWeightLevel: Float64Array;
  equalWeight: Float64Array[];
  /** Days on which the standard-index correlation preference changed wU (0 when off). */
  biasDays: number;
  /** Per day: risk-model correlation of wUnit with the standard index before / after the
   *  preference (NaN without exposure or standard weights; equal when the preference is off). */
  biasCorrelationBefore: Float64Array;
  biasCorrelationAfter: Float64Array;
  /** Days per outcome of the preference ("applied", "within-bound", …). */
  biasReasons: Partial<Record<CorrelationBiasReason, number>>;
}

const DEFAULTS: ResolvedAilaParams = {
  lookback: 63,
  rLS: 1,
  nEffective: true,
  riskTarget: { type: "volatility", target: 0.06 },
  maxScale: 10,
  capLogic: "large",
  sharpeFloor: 0.4,
  sharpeMinHistory: 252,
  sharpeWindow: Number.POSITIVE_INFINITY,
  sharpeAnnualisation: 252,
  sharpeWarmup: "zero",
  maxAllocation: 1,
  startLevel: 100,
  correlationPreference: null,
  rollPolicy: "roll",
  indexCurrency: "USD",
  tradingCosts: null,
};

/** Maximum angle of a correlation preference (explicit angle, else its degree's angle). */
export function preferenceAngle(c: CorrelationPreferenceParams): number {
  return c.maxAngle ?? correlationDegreeAngle(c.degree ?? 2, c.degreeAngles ?? CORRELATION_DEGREE_ANGLES);
}

/** Run the whole methodology over a daily data set. */
export function runAilaIndex(ds: DailyDataset, params: AilaParams = {}): AilaResult {
  const where = "runAilaIndex";
  const p: ResolvedAilaParams = { ...DEFAULTS, ...params };
  if (p.rollPolicy !== "roll" && p.rollPolicy !== "flatten")
    throw new ArgumentError({
      where,
      argument: "rollPolicy",
      value: p.rollPolicy,
      problem: 'must be "roll" or "flatten"',
    });
  if (p.sharpeWarmup !== "zero" && p.sharpeWarmup !== "neutral")
    throw new ArgumentError({
      where,
      argument: "sharpeWarmup",
      value: p.sharpeWarmup,
      problem: 'must be "zero" or "neutral"',
    });
  if (!(p.maxScale > 0))
    throw new ArgumentError({
      where,
      argument: "maxScale",
      value: p.maxScale,
      problem: "must be > 0 (Infinity: no cap)",
    });
  const T = ds.dates.length;
  const n = ds.assets.length;
  const ids = ds.assets.map((a) => a.id);
  const sectorNames = [...new Set(ds.assets.map((a) => a.sector))];
  const sector = Int32Array.from(ds.assets, (a) => sectorNames.indexOf(a.sector));
  const sectorCaps = Float64Array.from(sectorNames, (s) => params.sectorCaps?.[s] ?? 0.35);
  const groups = ds.assets.map((a) => a.group);
  const returns = ds.prices.map((pr, i) => simpleReturns(pr, ids[i]));
  const vol = returns.map((r) => ewmaVolatility(r, { lookback: p.lookback }));
  const rollDays = TRADE_BALANCING_DAYS[p.capLogic];
  const sched = ds.assets.map((a, i) =>
    expirySchedule(ds.dates, ds.expiries[i], a.calendar as CalendarId, {
      rollDays: a.kind === "rolling" && p.rollPolicy === "roll" ? rollDays : undefined,
    }),
  );
  const fx = indexCurrencyFx(ds, p.indexCurrency);
  const costs = bucketCosts(ds, p.tradingCosts);

  // pass 1: unit-risk weights (with the optional correlation preference), their PnL, the scale
  const wUnit: Float64Array[] = [];
  const nEff = new Float64Array(T);
  const corrBefore = new Float64Array(T).fill(Number.NaN);
  const corrAfter = new Float64Array(T).fill(Number.NaN);
  const biasReasons: Partial<Record<CorrelationBiasReason, number>> = {};
  const pref = p.correlationPreference;
  const prefAngle = pref ? preferenceAngle(pref) : Number.NaN;
  let biasDays = 0;
  for (let t = 0; t < T; t++) {
    const sig = Float64Array.from(ds.signals, (s) => (Number.isNaN(s[t]) ? 0 : s[t]));
    const vt = Float64Array.from(vol, (v) => v[t]);
    const u = unitRiskWeights(sig, vt, { rLS: p.rLS, nEffective: p.nEffective, groups });
    const standard = standardWeightsOn(ds, ds.dates[t]);
    if (standard && pref) {
      const b = correlationBias({
        wU: u.weights,
        standard,
        vols: vt,
        groups,
        preference: pref.preference,
        maxAngle: prefAngle,
        universe: pref.universe,
        eligible: ds.prices.map((pr) => !Number.isNaN(pr[t])),
      });
      biasReasons[b.reason] = (biasReasons[b.reason] ?? 0) + 1;
      if (b.applied) biasDays++;
      corrBefore[t] = Math.cos(b.angleBefore);
      corrAfter[t] = Math.cos(b.angleAfter);
      u.weights = b.weights;
    } else if (standard) {
      corrBefore[t] = corrAfter[t] = standardIndexCorrelation(u.weights, standard, vt, groups);
    }
    wUnit.push(u.weights);
    nEff[t] = p.nEffective ? u.nEff : u.active;
  }
  const scale = riskTargetScale(portfolioReturns(wUnit, returns), p.riskTarget, {
    lookback: p.lookback,
    maxScale: p.maxScale,
  });

  // historical Sharpe ratios of the signal-following positions; the warm-up policy fills the gaps
  const floorOn = !Number.isNaN(p.sharpeFloor);
  const warm = p.sharpeWarmup === "neutral" && floorOn ? p.sharpeFloor : 0;
  const sharpe = signalSharpeRatios(returns, ds.signals, {
    window: p.sharpeWindow,
    minHistory: p.sharpeMinHistory,
    annualisation: p.sharpeAnnualisation,
  }).map((row) => row.map((v) => (Number.isNaN(v) ? warm : v)));

  // pass 2: fit, targets, actual weights
  const mult = ASSET_CAP_MULTIPLE[p.capLogic];
  const wU: Float64Array[] = [];
  const wC: Float64Array[] = [];
  const wT: Float64Array[] = [];
  const rcs: Float64Array[] = [];
  const acs: Float64Array[] = [];
  const fits: FitSummary[] = [];
  const trading: boolean[][] = [];
  const ewTargets: Float64Array[] = [];
  // each day's fit is warm-started from the previous day's working set (cold quadprog fallback)
  let fitWarm: ConstrainedFitWarmStart | null = null;
  for (let t = 0; t < T; t++) {
    const tr = ds.prices.map((pr) => !Number.isNaN(pr[t]));
    trading.push(tr);
    const u = Float64Array.from(wUnit[t], (w) => w * scale[t]);
    wU.push(u);
    const rc = new Float64Array(n);
    const ac = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const ttx = sched[i].ttx[t];
      rc[i] = Number.isNaN(ttx) ? 0 : rebalancingCap(ttx, ds.assets[i].rebalancingCaps);
      ac[i] = mult * rc[i];
    }
    rcs.push(rc);
    acs.push(ac);
    const fit = fitConstrainedWeights(
      {
        wU: u,
        assetCaps: ac,
        sector,
        sectorCaps,
        sharpe: sharpe[t],
        sharpeFloor: floorOn ? p.sharpeFloor : undefined,
        maxAllocation: p.maxAllocation,
        names: ids,
        sectorNames,
      },
      { warmStart: fitWarm },
    );
    fitWarm = fit.warmStart ?? null;
    wC.push(fit.weights);
    fits.push({
      status: fit.status,
      binding: fit.binding,
      angle: fit.angle,
      requestedSum: fit.requestedSum,
      maxFeasibleSum: fit.maxFeasibleSum,
    });
    wT.push(
      Float64Array.from(fit.weights, (w, i) =>
        inTradeBalancingPeriod(sched[i].ttx[t], sched[i].toYearEnd[t], p.capLogic) ? 0 : w,
      ),
    );
    let active = 0;
    for (let i = 0; i < n; i++) if (tr[i] && (ds.signals[i][t] === 1 || ds.signals[i][t] === -1)) active++;
    ewTargets.push(
      Float64Array.from(ds.signals, (s) => (active > 0 && (s[t] === 1 || s[t] === -1) ? s[t] / active : 0)),
    );
  }
  const wA = actualWeightPath({ targets: wT, trading, rebalancingCaps: rcs, assetCaps: acs, sector, sectorCaps });
  const noCaps = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const equalWeight = actualWeightPath({
    targets: ewTargets,
    trading,
    rebalancingCaps: ewTargets.map(() => noCaps),
    assetCaps: ewTargets.map(() => noCaps),
  });
  const costRate = tradingCostRate(wA, sched, costs);
  const lv = indexLevel(wA, ds.prices, fx, p.startLevel, ids, ds.dates, { costs: costRate });
  const ewl = indexLevel(equalWeight, ds.prices, fx, p.startLevel, ids, ds.dates);
  return {
    dates: ds.dates,
    ids,
    sectorNames,
    sector,
    sectorCaps,
    params: p,
    vol,
    ttx: sched.map((s) => s.ttx),
    toYearEnd: sched.map((s) => s.toYearEnd),
    rolls: sched.map((s) => s.rolls),
    wU,
    wC,
    wT,
    wA,
    sharpe,
    rebalancingCaps: rcs,
    assetCaps: acs,
    fits,
    scale,
    nEff,
    level: lv.level,
    pnl: lv.pnl,
    costs: costRate,
    equalWeightLevel: ewl.level,
    equalWeight,
    biasDays,
    biasCorrelationBefore: corrBefore,
    biasCorrelationAfter: corrAfter,
    biasReasons,
  };
}

/**
 * Value in the index currency of one unit of each asset's currency, per index day:
 * fx_i(t) = FX_USD[ccy_i](t) / FX_USD[index](t) (the data set stores USD per unit, USD = 1), i.e.
 * the cross rate from the same day's London fixings. Missing fixings are an ArgumentError.
 */
export function indexCurrencyFx(ds: DailyDataset, indexCurrency = "USD"): Float64Array[] {
  const T = ds.dates.length;
  const usd = (ccy: string, what: string) => {
    if (ccy === "USD") return new Float64Array(T).fill(1);
    const f = ds.fx[ccy];
    if (!f)
      throw new ArgumentError({
        where: "runAilaIndex",
        argument: what,
        value: ccy,
        problem: `is "${ccy}", which has no FX fixing in the data set (fixings: USD${Object.keys(ds.fx)
          .filter((c) => c !== "USD")
          .map((c) => `, ${c}`)
          .join("")})`,
      });
    return f;
  };
  const idx = usd(indexCurrency, "indexCurrency");
  return ds.assets.map((a) => {
    const f = usd(a.currency, `currency of asset ${a.id}`);
    return indexCurrency === "USD" ? f : Float64Array.from(f, (v, t) => v / idx[t]);
  });
}

/** Bucket costs per asset (null = no costs); validates that every cost is finite and ≥ 0. */
function bucketCosts(ds: DailyDataset, c: AilaParams["tradingCosts"]): (BucketCosts | null)[] | null {
  if (!c) return null;
  const check = (b: BucketCosts, what: string) => {
    if (b.length !== 4 || !b.every((x) => x >= 0 && Number.isFinite(x)))
      throw new ArgumentError({
        where: "runAilaIndex",
        argument: what,
        value: JSON.stringify(b),
        problem: "must be four finite costs ≥ 0 (≤1M, 1–3M, 3–6M, >6M), fractions per unit of weight traded",
      });
    return b;
  };
  if (Array.isArray(c)) {
    const b = check(c as BucketCosts, "tradingCosts");
    return ds.assets.map(() => b);
  }
  const rec = c as Readonly<Record<string, BucketCosts>>;
  const known = new Set(ds.assets.map((a) => a.id));
  for (const k of Object.keys(rec))
    if (!known.has(k))
      throw new ArgumentError({
        where: "runAilaIndex",
        argument: "tradingCosts",
        value: k,
        problem: `names "${k}", which is not an asset of the data set`,
      });
  return ds.assets.map((a) => (rec[a.id] ? check(rec[a.id], `tradingCosts.${a.id}`) : null));
}

/**
 * Trading cost per day as a fraction of the index value:
 *   cost_t = Σ_i c_i(bucket_t,i) · (|wA_t,i − wA_{t−1},i| + 2·roll_t,i·|wA_t,i|)
 * with c_i the asset's cost per unit of weight traded for the held contract's expiry bucket; a
 * roll (rolling contract moving to the next one) trades both legs of the held weight.
 */
function tradingCostRate(
  wA: readonly Float64Array[],
  sched: readonly { ttx: Float64Array; rolls: Uint8Array }[],
  costs: (BucketCosts | null)[] | null,
): Float64Array {
  const T = wA.length;
  const out = new Float64Array(T);
  if (!costs) return out;
  for (let t = 0; t < T; t++) {
    let s = 0;
    for (let i = 0; i < costs.length; i++) {
      const c = costs[i];
      if (!c) continue;
      const ttx = sched[i].ttx[t];
      const rate = c[Number.isNaN(ttx) ? 0 : expiryBucket(ttx)];
      const prev = t > 0 ? wA[t - 1][i] : 0;
      s += rate * (Math.abs(wA[t][i] - prev) + 2 * sched[i].rolls[t] * Math.abs(wA[t][i]));
    }
    out[t] = s;
  }
  return out;
}

/** Index of the last index day of each ISO week (for weekly charts of daily series). */
export function weeklyIndices(dates: readonly string[]): number[] {
  const out: number[] = [];
  for (let t = 0; t < dates.length; t++)
    if (t === dates.length - 1 || weekNumber(dates[t + 1]) !== weekNumber(dates[t])) out.push(t);
  return out;
}

/** Daily turnover Σ_i |wA_t,i − wA_{t−1},i| (fraction of index value). */
export function turnover(wA: readonly ArrayLike<number>[]): Float64Array {
  const out = new Float64Array(wA.length);
  for (let t = 1; t < wA.length; t++) {
    let s = 0;
    for (let i = 0; i < wA[t].length; i++) s += Math.abs(wA[t][i] - wA[t - 1][i]);
    out[t] = s;
  }
  return out;
}

/** Gross actual weight per sector and day: gross[k][t]. */
export function sectorGross(r: AilaResult, weights: readonly ArrayLike<number>[] = r.wA): Float64Array[] {
  const out = r.sectorNames.map(() => new Float64Array(weights.length));
  for (let t = 0; t < weights.length; t++)
    for (let i = 0; i < r.ids.length; i++) out[r.sector[i]][t] += Math.abs(weights[t][i]);
  return out;
}

/** One day in full detail: inputs and every weight stage per asset (records for `show`). */
export function explainDay(ds: DailyDataset, r: AilaResult, date: string): Record<string, string | number>[] {
  const t = r.dates.indexOf(date);
  if (t < 0) throw new Error(`explainDay: ${date} is not an index business day`);
  return r.ids.map((id, i) => ({
    asset: id,
    sector: r.sectorNames[r.sector[i]],
    signal: ds.signals[i][t],
    vol: r.vol[i][t],
    sharpe: r.sharpe[t][i],
    ttx: r.ttx[i][t],
    bucket: Number.isNaN(r.ttx[i][t]) ? Number.NaN : expiryBucket(r.ttx[i][t]),
    rebCap: r.rebalancingCaps[t][i],
    assetCap: r.assetCaps[t][i],
    wU: r.wU[t][i],
    wC: r.wC[t][i],
    wT: r.wT[t][i],
    wA: r.wA[t][i],
    wA_next: t + 1 < r.dates.length ? r.wA[t + 1][i] : Number.NaN,
  }));
}
