/**
 * The AiLA index end to end (reference 003) on a daily data set: unconstrained weights wU →
 * constrained weights wC → target weights wT → actual weights wA → units, PnL and index level,
 * plus an equal-weight reference index. Each step is the module named beside it; this file only
 * wires them over the days: `runAilaIndex` calls one exported step function per line below (in
 * this order), so that a notebook can run a step on its own and a test can check it.
 *
 * Per index business day t (after the close):
 *   σ_t,i       EWMA volatility of the asset's returns (lib/statistics/risk-models.ts)
 *               — `assetReturns`, `assetVolatilities`
 *   ttx, roll   business days to expiry of the held contract and to the year end, roll days
 *               (rebalancing.ts `expirySchedule`) — `contractSchedule`
 *   wUnit_t     equal-risk weights of the assets trading on t with a ±1 signal, optional √N_eff
 *               (unconstrained-weights.ts, n-effective.ts) — `unitWeightPath`
 *   (optional)  standard-index correlation preference of wUnit (correlation-bias.ts: positive or
 *               negative, one of four degrees or an angle, over all standard-index assets
 *               trading on t), before the risk target, with the standard-index weights of the
 *               date's calendar year (published ahead of the year) — also `unitWeightPath`
 *   k_t         risk-target scale from the EWMA volatility of the unit portfolio's PnL
 *               (risk-target.ts); wU_t = k_t · wUnit_t — `riskTargetWeights`
 *   sr_t,i      historical annualised Sharpe ratio of the asset's signal-following position
 *               s_{t−1}·r_t (asset-sharpe.ts: expanding or rolling window, ddof 1, Welford);
 *               before `sharpeMinHistory` observations `sharpeWarmup` decides: "zero" (0, so
 *               the floor is rarely feasible in the first year) or "neutral" (= the floor)
 *               — `assetSharpePath`
 *   rc, ac      rebalancing cap by time to expiry of the held contract, asset cap = 1× (Mid) /
 *               4× (Large) rc (rebalancing.ts); a rolling asset under `rollPolicy: "roll"` rolls
 *               into its next contract when the front one enters the trade-balancing period
 *               — `capPath`
 *   wC_t        minimum-angle fit under asset caps ac, sector caps, the Sharpe floor and Σ|wC| =
 *               Σ|wU| (constrained-weights.ts, each day warm-started from the previous one)
 *               — `constrainedWeightPath`
 *   wT_t        wC_t, zero in the trade-balancing period — `targetWeightPath`
 *   instruction one rebalancing step from wA_t towards wT_t (rebalancing.ts `actualWeightPath`),
 *               executed on the asset's next business day; assets on holiday keep their weight
 *               — `tradingMask` marks the closes
 *   level       index-level.ts, prices converted into `indexCurrency` with the same day's
 *               fixing (`indexCurrencyFx`); optional trading costs per unit of weight traded by
 *               expiry bucket (including the two legs of every roll), off by default as in the
 *               document — `assetBucketCosts`, `tradingCostRate`
 * Equal-weight reference: weights s_i / (number of active signals) (gross 100 %), no caps, same
 * t+1 execution and holiday carry — `equalWeightTargets`, `equalWeightPath`.
 *
 * Orientation: every per-day, per-asset matrix of a run (AilaResult and the step functions'
 * outputs) is [day][asset], x[t][i]. The data set's prices and signals, and the simple returns
 * derived from them (`assetReturns`), stay per asset, x[i][t], as DailyDataset stores them.
 */
import { weekNumber } from "../data/dates";
import { ewmaVolatility } from "../statistics/risk-models";
import { ArgumentError } from "../validation";
import { signalSharpeRatios } from "./asset-sharpe";
import type { CalendarId } from "./calendars";
import { type ConstrainedFitStatus, fitConstrainedWeightsSeries } from "./constrained-weights";
import {
  CORRELATION_DEGREE_ANGLES,
  type CorrelationBiasReason,
  type CorrelationDegree,
  type CorrelationPreference,
  correlationBias,
  correlationDegreeAngle,
  standardIndexCorrelation,
} from "./correlation-bias";
import { type DailyAsset, type DailyDataset, type Sector, standardWeightsOn } from "./daily-data";
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

/**
 * A run of the methodology. Orientation: every per-day, per-asset matrix is [day][asset] —
 * x[t][i] is day t (index into `dates`) and asset i (index into `ids`) — and every per-day series
 * is indexed by t. Weights and caps are fractions of the index value; volatilities and Sharpe
 * ratios annualised (252 days); ttx and toYearEnd in business days of the asset's calendar.
 */
export interface AilaResult {
  dates: string[];
  ids: string[];
  sectorNames: Sector[];
  /** sector id per asset (index into sectorNames) */
  sector: Int32Array;
  sectorCaps: Float64Array;
  params: ResolvedAilaParams;
  /** EWMA volatility vol[t][i] (annualised fraction; NaN in the warm-up). */
  vol: Float64Array[];
  /** Business days to the expiry of the held contract, ttx[t][i] (NaN when none is left). */
  ttx: Float64Array[];
  /** Business days to the year end, toYearEnd[t][i]. */
  toYearEnd: Float64Array[];
  /** rolls[t][i] = 1 on the days a rolling asset moves to its next contract. */
  rolls: Uint8Array[];
  /** Weights per stage, w[t][i]. */
  wU: Float64Array[];
  wC: Float64Array[];
  wT: Float64Array[];
  wA: Float64Array[];
  /** Asset Sharpe ratio used by the fit, sharpe[t][i] (warm-up filled per `sharpeWarmup`). */
  sharpe: Float64Array[];
  /** Caps per day, caps[t][i]. */
  rebalancingCaps: Float64Array[];
  assetCaps: Float64Array[];
  /** Fit summary per day. */
  fits: FitSummary[];
  /** per day */
  scale: Float64Array;
  nEff: Float64Array;
  level: Float64Array;
  pnl: Float64Array;
  /** Trading costs charged per day (fraction of the index value; 0 without costs). */
  costs: Float64Array;
  equalWeightLevel: Float64Array;
  /** Actual weights of the equal-weight reference, equalWeight[t][i]. */
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

/** Fill in the defaults of a run's parameters and check the ones with a closed set of values. */
export function resolveAilaParams(params: AilaParams = {}): ResolvedAilaParams {
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
  return p;
}

/** Run the whole methodology over a daily data set: the steps below, in the order of the header. */
export function runAilaIndex(ds: DailyDataset, params: AilaParams = {}): AilaResult {
  const p = resolveAilaParams(params);
  const universe = ailaUniverse(ds, params.sectorCaps);
  const returns = assetReturns(ds);
  const vol = assetVolatilities(returns, p.lookback);
  const schedule = contractSchedule(ds, p);
  const fx = indexCurrencyFx(ds, p.indexCurrency);
  const costs = assetBucketCosts(ds, p.tradingCosts);
  const unit = unitWeightPath(ds, vol, p);
  const { scale, wU } = riskTargetWeights(unit.wUnit, returns, p);
  const sharpe = assetSharpePath(returns, ds.signals, p);
  const caps = capPath(ds.assets, schedule.ttx, p.capLogic);
  const { wC, fits } = constrainedWeightPath(wU, caps.assetCaps, sharpe, universe, p);
  const wT = targetWeightPath(wC, schedule, p.capLogic);
  const trading = tradingMask(ds);
  const wA = actualWeightPath({
    targets: wT,
    trading,
    rebalancingCaps: caps.rebalancingCaps,
    assetCaps: caps.assetCaps,
    sector: universe.sector,
    sectorCaps: universe.sectorCaps,
  });
  const equalWeight = equalWeightPath(ds.signals, trading);
  const costRate = tradingCostRate(wA, schedule, costs);
  const lv = indexLevel(wA, ds.prices, fx, p.startLevel, universe.ids, ds.dates, { costs: costRate });
  const ewl = indexLevel(equalWeight, ds.prices, fx, p.startLevel, universe.ids, ds.dates);
  return {
    dates: ds.dates,
    ids: universe.ids,
    sectorNames: universe.sectorNames,
    sector: universe.sector,
    sectorCaps: universe.sectorCaps,
    params: p,
    vol,
    ttx: schedule.ttx,
    toYearEnd: schedule.toYearEnd,
    rolls: schedule.rolls,
    wU,
    wC,
    wT,
    wA,
    sharpe,
    rebalancingCaps: caps.rebalancingCaps,
    assetCaps: caps.assetCaps,
    fits,
    scale,
    nEff: unit.nEff,
    level: lv.level,
    pnl: lv.pnl,
    costs: costRate,
    equalWeightLevel: ewl.level,
    equalWeight,
    biasDays: unit.biasDays,
    biasCorrelationBefore: unit.biasCorrelationBefore,
    biasCorrelationAfter: unit.biasCorrelationAfter,
    biasReasons: unit.biasReasons,
  };
}

// ---------------------------------------------------------------------------------------------
// The steps of runAilaIndex. Matrices over days and assets are [day][asset] (x[t][i]) unless a
// parameter says otherwise; returns and signals keep the data set's per-asset orientation x[i][t].

/** Asset ids, sectors and sector caps of a run (the structure the fit and the caps work on). */
export interface AilaUniverse {
  ids: string[];
  /** Distinct sectors in order of first appearance among the assets. */
  sectorNames: Sector[];
  /** Sector id per asset (index into sectorNames). */
  sector: Int32Array;
  /** Gross cap per sector (fraction of index value; default 0.35). */
  sectorCaps: Float64Array;
}

/** Ids, sector ids and gross sector caps (default 35 % for a sector missing from `sectorCaps`). */
export function ailaUniverse(ds: Pick<DailyDataset, "assets">, sectorCaps?: AilaParams["sectorCaps"]): AilaUniverse {
  const ids = ds.assets.map((a) => a.id);
  const sectorNames = [...new Set(ds.assets.map((a) => a.sector))];
  const sector = Int32Array.from(ds.assets, (a) => sectorNames.indexOf(a.sector));
  const caps = Float64Array.from(sectorNames, (s) => sectorCaps?.[s] ?? 0.35);
  return { ids, sectorNames, sector, sectorCaps: caps };
}

/**
 * Simple returns from each asset's previous close, returns[i][t] — per asset, like the data
 * set's prices (the orientation portfolioReturns and signalSharpeRatios take). NaN on holidays
 * and on the first day; fractions.
 */
export function assetReturns(ds: Pick<DailyDataset, "assets" | "prices">): Float64Array[] {
  return ds.prices.map((pr, i) => simpleReturns(pr, ds.assets[i].id));
}

/**
 * Step σ: EWMA volatility of each asset's returns (lib/statistics/risk-models.ts, lookback L),
 * vol[t][i] as an annualised fraction (NaN in the warm-up), from returns[i][t].
 */
export function assetVolatilities(returns: readonly ArrayLike<number>[], lookback: number): Float64Array[] {
  return transpose(
    returns.map((r) => ewmaVolatility(r, { lookback })),
    returns.length > 0 ? returns[0].length : 0,
  );
}

/** Held-contract schedule of a run, [day][asset]. */
export interface ContractSchedule {
  /** Business days to the held contract's expiry (NaN when no contract is left). */
  ttx: Float64Array[];
  /** Business days to the year end. */
  toYearEnd: Float64Array[];
  /** 1 on the days a rolling asset moves to its next contract. */
  rolls: Uint8Array[];
}

/**
 * Time to expiry, days to year end and roll days of the held contract of every asset and day
 * (rebalancing.ts `expirySchedule` on each asset's calendar; rolling assets under
 * `rollPolicy: "roll"` roll when the front contract enters the trade-balancing period of
 * `capLogic`).
 */
export function contractSchedule(
  ds: Pick<DailyDataset, "assets" | "dates" | "expiries">,
  p: Pick<ResolvedAilaParams, "capLogic" | "rollPolicy">,
): ContractSchedule {
  const rollDays = TRADE_BALANCING_DAYS[p.capLogic];
  const sched = ds.assets.map((a, i) =>
    expirySchedule(ds.dates, ds.expiries[i], a.calendar as CalendarId, {
      rollDays: a.kind === "rolling" && p.rollPolicy === "roll" ? rollDays : undefined,
    }),
  );
  const T = ds.dates.length;
  return {
    ttx: transpose(
      sched.map((s) => s.ttx),
      T,
    ),
    toYearEnd: transpose(
      sched.map((s) => s.toYearEnd),
      T,
    ),
    rolls: Array.from({ length: T }, (_, t) => Uint8Array.from(sched, (s) => s.rolls[t])),
  };
}

/** Unit-risk weights of every day with the outcome of the optional correlation preference. */
export interface UnitWeightPath {
  /** wUnit[t][i]: equal-risk (optionally √N_eff-scaled) weights before the risk target. */
  wUnit: Float64Array[];
  /** N_eff per day (the number of active assets when `nEffective` is off). */
  nEff: Float64Array;
  /** Days on which the preference changed the weights. */
  biasDays: number;
  /** Risk-model correlation with the standard index before / after the preference, per day. */
  biasCorrelationBefore: Float64Array;
  biasCorrelationAfter: Float64Array;
  /** Days per outcome of the preference. */
  biasReasons: Partial<Record<CorrelationBiasReason, number>>;
}

/**
 * Step wUnit: each day's unit-risk weights of the assets with a ±1 signal and a usable
 * volatility vol[t][i] (unconstrained-weights.ts), then — with a standard-index weight table —
 * the optional correlation preference (correlation-bias.ts) or, without one, the correlation only.
 */
export function unitWeightPath(
  ds: DailyDataset,
  vol: readonly Float64Array[],
  p: Pick<ResolvedAilaParams, "rLS" | "nEffective" | "correlationPreference">,
): UnitWeightPath {
  const T = ds.dates.length;
  const groups = ds.assets.map((a) => a.group);
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
    const vt = vol[t];
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
  return {
    wUnit,
    nEff,
    biasDays,
    biasCorrelationBefore: corrBefore,
    biasCorrelationAfter: corrAfter,
    biasReasons,
  };
}

/**
 * Step k: risk-target scale k_t from the EWMA volatility of the unit portfolio's daily PnL
 * (yesterday's wUnit times today's returns[i][t]; risk-target.ts, capped at `maxScale`) and the
 * unconstrained weights wU[t][i] = k_t · wUnit[t][i].
 */
export function riskTargetWeights(
  wUnit: readonly Float64Array[],
  returns: readonly ArrayLike<number>[],
  p: Pick<ResolvedAilaParams, "riskTarget" | "lookback" | "maxScale">,
): { scale: Float64Array; wU: Float64Array[] } {
  const scale = riskTargetScale(portfolioReturns(wUnit, returns), p.riskTarget, {
    lookback: p.lookback,
    maxScale: p.maxScale,
  });
  return { scale, wU: wUnit.map((u, t) => Float64Array.from(u, (w) => w * scale[t])) };
}

/**
 * Step sr: the asset Sharpe ratios the fit uses, sharpe[t][i] — asset-sharpe.ts
 * `signalSharpeRatios` of the signal-following positions (window, minimum history and
 * annualisation from the parameters), with the warm-up gaps (NaN) filled by `sharpeWarmup`:
 * 0 ("zero") or the Sharpe floor ("neutral", when the floor is on; else 0).
 */
export function assetSharpePath(
  returns: readonly ArrayLike<number>[],
  signals: readonly ArrayLike<number>[],
  p: Pick<
    ResolvedAilaParams,
    "sharpeFloor" | "sharpeWarmup" | "sharpeWindow" | "sharpeMinHistory" | "sharpeAnnualisation"
  >,
): Float64Array[] {
  const warm = p.sharpeWarmup === "neutral" && !Number.isNaN(p.sharpeFloor) ? p.sharpeFloor : 0;
  return signalSharpeRatios(returns, signals, {
    window: p.sharpeWindow,
    minHistory: p.sharpeMinHistory,
    annualisation: p.sharpeAnnualisation,
  }).map((row) => row.map((v) => (Number.isNaN(v) ? warm : v)));
}

/**
 * Steps rc, ac: rebalancing cap of each asset for its held contract's time to expiry ttx[t][i]
 * (rebalancing.ts `rebalancingCap`; 0 when no contract is left) and asset cap = 1× (Mid) or
 * 4× (Large) the rebalancing cap; both [day][asset], fractions of the index value.
 */
export function capPath(
  assets: readonly Pick<DailyAsset, "rebalancingCaps">[],
  ttx: readonly ArrayLike<number>[],
  capLogic: CapLogic,
): { rebalancingCaps: Float64Array[]; assetCaps: Float64Array[] } {
  const mult = ASSET_CAP_MULTIPLE[capLogic];
  const n = assets.length;
  const rebalancingCaps: Float64Array[] = [];
  const assetCaps: Float64Array[] = [];
  for (const day of ttx) {
    const rc = new Float64Array(n);
    const ac = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      rc[i] = Number.isNaN(day[i]) ? 0 : rebalancingCap(day[i], assets[i].rebalancingCaps);
      ac[i] = mult * rc[i];
    }
    rebalancingCaps.push(rc);
    assetCaps.push(ac);
  }
  return { rebalancingCaps, assetCaps };
}

/**
 * Step wC: the minimum-angle fit of every day (constrained-weights.ts
 * `fitConstrainedWeightsSeries`: each day warm-started from the previous day's working set) under
 * the day's asset caps, the sector caps, the Sharpe floor (NaN = off) on sharpe[t] and
 * Σ|wC| = Σ|wU| ≤ `maxAllocation`. wC[t][i] and one FitSummary per day.
 */
export function constrainedWeightPath(
  wU: readonly Float64Array[],
  assetCaps: readonly Float64Array[],
  sharpe: readonly Float64Array[],
  universe: AilaUniverse,
  p: Pick<ResolvedAilaParams, "sharpeFloor" | "maxAllocation">,
): { wC: Float64Array[]; fits: FitSummary[] } {
  const floorOn = !Number.isNaN(p.sharpeFloor);
  const fits = fitConstrainedWeightsSeries(
    wU.map((u, t) => ({
      wU: u,
      assetCaps: assetCaps[t],
      sector: universe.sector,
      sectorCaps: universe.sectorCaps,
      sharpe: sharpe[t],
      sharpeFloor: floorOn ? p.sharpeFloor : undefined,
      maxAllocation: p.maxAllocation,
      names: universe.ids,
      sectorNames: universe.sectorNames,
    })),
  );
  return {
    wC: fits.map((f) => f.weights),
    fits: fits.map((f) => ({
      status: f.status,
      binding: f.binding,
      angle: f.angle,
      requestedSum: f.requestedSum,
      maxFeasibleSum: f.maxFeasibleSum,
    })),
  };
}

/**
 * Step wT: the constrained weights, zero where the asset is in the trade-balancing period of
 * `capLogic` (fewer than 2 (Mid) / 7 (Large) business days to the held contract's expiry or to
 * the year end, or no contract left); wT[t][i].
 */
export function targetWeightPath(
  wC: readonly ArrayLike<number>[],
  schedule: Pick<ContractSchedule, "ttx" | "toYearEnd">,
  capLogic: CapLogic,
): Float64Array[] {
  return wC.map((w, t) =>
    Float64Array.from(w, (x, i) =>
      inTradeBalancingPeriod(schedule.ttx[t][i], schedule.toYearEnd[t][i], capLogic) ? 0 : x,
    ),
  );
}

/** trading[t][i]: asset i has a close (a price) on index day t. */
export function tradingMask(ds: Pick<DailyDataset, "dates" | "prices">): boolean[][] {
  return ds.dates.map((_, t) => ds.prices.map((pr) => !Number.isNaN(pr[t])));
}

/**
 * Targets of the equal-weight reference, [day][asset]: s_i(t) / N_t for the assets with a ±1
 * signal, where N_t counts the assets trading on t with a ±1 signal (gross 100 %); 0 elsewhere
 * and on days without an active signal. `signals` per asset, signals[i][t].
 */
export function equalWeightTargets(
  signals: readonly ArrayLike<number>[],
  trading: readonly ArrayLike<boolean>[],
): Float64Array[] {
  return trading.map((tr, t) => {
    let active = 0;
    for (let i = 0; i < signals.length; i++) if (tr[i] && (signals[i][t] === 1 || signals[i][t] === -1)) active++;
    return Float64Array.from(signals, (s) => (active > 0 && (s[t] === 1 || s[t] === -1) ? s[t] / active : 0));
  });
}

/**
 * Actual weights of the equal-weight reference, [day][asset]: its targets reached without caps,
 * with the same t+1 execution and holiday carry as the index (rebalancing.ts `actualWeightPath`).
 */
export function equalWeightPath(
  signals: readonly ArrayLike<number>[],
  trading: readonly ArrayLike<boolean>[],
): Float64Array[] {
  const targets = equalWeightTargets(signals, trading);
  const noCaps = new Float64Array(signals.length).fill(Number.POSITIVE_INFINITY);
  return actualWeightPath({
    targets,
    trading,
    rebalancingCaps: targets.map(() => noCaps),
    assetCaps: targets.map(() => noCaps),
  });
}

/** Rows of per-asset series x[i][t] → per-day rows out[t][i]. */
function transpose(rows: readonly ArrayLike<number>[], T: number): Float64Array[] {
  return Array.from({ length: T }, (_, t) => Float64Array.from(rows, (r) => r[t]));
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

/**
 * Bucket costs per asset (null = no costs; an asset missing from a per-asset record: null, it
 * trades free); validates that every cost is finite and ≥ 0 and that the record names assets of
 * the data set (ArgumentError).
 */
export function assetBucketCosts(
  ds: Pick<DailyDataset, "assets">,
  c: AilaParams["tradingCosts"],
): (BucketCosts | null)[] | null {
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
 * with c_i the asset's cost per unit of weight traded for the held contract's expiry bucket
 * (bucket of ttx[t][i]; the ≤1M one when no contract is left); a roll (rolling contract moving to
 * the next one, rolls[t][i] = 1) trades both legs of the held weight. wA_{−1} = 0. All zero
 * without costs.
 */
export function tradingCostRate(
  wA: readonly ArrayLike<number>[],
  schedule: Pick<ContractSchedule, "ttx" | "rolls">,
  costs: readonly (BucketCosts | null)[] | null,
): Float64Array {
  const T = wA.length;
  const out = new Float64Array(T);
  if (!costs) return out;
  for (let t = 0; t < T; t++) {
    let s = 0;
    for (let i = 0; i < costs.length; i++) {
      const c = costs[i];
      if (!c) continue;
      const ttx = schedule.ttx[t][i];
      const rate = c[Number.isNaN(ttx) ? 0 : expiryBucket(ttx)];
      const prev = t > 0 ? wA[t - 1][i] : 0;
      s += rate * (Math.abs(wA[t][i] - prev) + 2 * schedule.rolls[t][i] * Math.abs(wA[t][i]));
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

/**
 * Daily gross (two-way) turnover Σ_i |w_t,i − w_{t−1},i| of weights w[t][i] (fraction of index
 * value: buys plus sells, so a full switch from one asset to another is 2); 0 on the first day.
 */
export function grossTurnover(w: readonly ArrayLike<number>[]): Float64Array {
  const out = new Float64Array(w.length);
  for (let t = 1; t < w.length; t++) {
    let s = 0;
    for (let i = 0; i < w[t].length; i++) s += Math.abs(w[t][i] - w[t - 1][i]);
    out[t] = s;
  }
  return out;
}

/**
 * Gross weight Σ_{i in k} |w_t,i| per sector k and row t of `weights` (default the actual weights
 * wA[t][i]; any rows of asset weights, e.g. [wU[t], wC[t]]): gross[k][t], fractions of the index
 * value.
 */
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
    vol: r.vol[t][i],
    sharpe: r.sharpe[t][i],
    ttx: r.ttx[t][i],
    bucket: Number.isNaN(r.ttx[t][i]) ? Number.NaN : expiryBucket(r.ttx[t][i]),
    rebCap: r.rebalancingCaps[t][i],
    assetCap: r.assetCaps[t][i],
    wU: r.wU[t][i],
    wC: r.wC[t][i],
    wT: r.wT[t][i],
    wA: r.wA[t][i],
    wA_next: t + 1 < r.dates.length ? r.wA[t + 1][i] : Number.NaN,
  }));
}
