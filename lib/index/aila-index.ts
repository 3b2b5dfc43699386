/**
 * The AiLA index end to end (reference 003) on a daily data set: unconstrained weights wU →
 * constrained weights wC → target weights wT → actual weights wA → units, PnL and index level,
 * plus an equal-weight reference index. Each step is the module named beside it; this file only
 * wires them over the days.
 *
 * Per index business day t (after the close):
 *   σ_t,i       EWMA volatility of the asset's returns (volatility.ts)
 *   wUnit_t     equal-risk weights of the assets trading on t with a ±1 signal, optional √N_eff
 *               (unconstrained-weights.ts, n-effective.ts)
 *   (optional)  standard-index correlation bias of wUnit (correlation-bias.ts), before the risk
 *               target, with the standard-index weights of the date's calendar year
 *   k_t         risk-target scale from the EWMA volatility of the unit portfolio's PnL
 *               (risk-target.ts); wU_t = k_t · wUnit_t
 *   rc, ac      rebalancing cap by time to expiry, asset cap = 1× (Mid) / 4× (Large) rc (rebalancing.ts)
 *   sr_t,i      historical annualised Sharpe ratio of the asset's signal-following position
 *               s_{t−1}·r_t, expanding window, 0 until `sharpeMinHistory` observations
 *   wC_t        minimum-angle fit under asset caps ac, sector caps, the Sharpe floor and Σ|wC| =
 *               Σ|wU| (constrained-weights.ts)
 *   wT_t        wC_t, zero in the trade-balancing period
 *   instruction one rebalancing step from wA_t towards wT_t (rebalancing.ts), executed on the
 *               asset's next business day; assets on holiday keep their weight
 *   level       index-level.ts with FX conversion of non-USD prices
 * Equal-weight reference: weights s_i / (number of active signals) (gross 100 %), no caps, same
 * t+1 execution and holiday carry.
 */
import type { CalendarId } from "./calendars";
import { type ConstrainedFitStatus, fitConstrainedWeights } from "./constrained-weights";
import { correlationBias } from "./correlation-bias";
import type { DailyDataset, Sector } from "./daily-data";
import { indexLevel } from "./index-level";
import {
  ASSET_CAP_MULTIPLE,
  actualWeightPath,
  type CapLogic,
  expiryBucket,
  expirySchedule,
  inTradeBalancingPeriod,
  rebalancingCap,
} from "./rebalancing";
import { portfolioReturns, type RiskTarget, riskTargetScale } from "./risk-target";
import { unitRiskWeights } from "./unconstrained-weights";
import { ewmaVolatility, simpleReturns } from "./volatility";

export interface AilaParams {
  /** EWMA lookback in business days (default 63 ≈ 3 months). */
  lookback?: number;
  /** Long/short ratio (default 1). */
  rLS?: number;
  /** N-effective scaling (default true). */
  nEffective?: boolean;
  /** Risk target (default 6 % annual volatility). */
  riskTarget?: RiskTarget;
  /** Cap on the risk-target scale (default 10). */
  maxScale?: number;
  /** Mid or Large Cap logic (default "large"). */
  capLogic?: CapLogic;
  /** Gross sector caps (default 35 % each). */
  sectorCaps?: Partial<Record<Sector, number>>;
  /** Sharpe floor of the fit (default 0.4; NaN disables). */
  sharpeFloor?: number;
  /** Observations before an asset Sharpe ratio is used (default 252). */
  sharpeMinHistory?: number;
  /** Maximum allocation Σ|wC| (default 1 = 100 %). */
  maxAllocation?: number;
  /** Starting index level (default 100). */
  startLevel?: number;
  /** Optional standard-index correlation bias (correlation-bias.ts): max risk-space angle to the
   *  standard index in radians; NaN (default) = off. */
  standardBiasAngle?: number;
}

export interface FitSummary {
  status: ConstrainedFitStatus;
  binding: string[];
  angle: number;
  requestedSum: number;
  maxFeasibleSum: number;
}

export interface AilaResult {
  dates: string[];
  ids: string[];
  sectorNames: Sector[];
  /** sector id per asset (index into sectorNames) */
  sector: Int32Array;
  sectorCaps: Float64Array;
  params: Required<Omit<AilaParams, "sectorCaps">>;
  /** per asset, per day */
  vol: Float64Array[];
  ttx: Float64Array[];
  toYearEnd: Float64Array[];
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
  equalWeightLevel: Float64Array;
  equalWeight: Float64Array[];
  /** Days on which the standard-index correlation bias changed wU (0 when off). */
  biasDays: number;
}

const DEFAULTS = {
  lookback: 63,
  rLS: 1,
  nEffective: true,
  riskTarget: { type: "volatility", target: 0.06 } as RiskTarget,
  maxScale: 10,
  capLogic: "large" as CapLogic,
  sharpeFloor: 0.4,
  sharpeMinHistory: 252,
  maxAllocation: 1,
  startLevel: 100,
  standardBiasAngle: Number.NaN,
};

/** Run the whole methodology over a daily data set. */
export function runAilaIndex(ds: DailyDataset, params: AilaParams = {}): AilaResult {
  const p = { ...DEFAULTS, ...params };
  const T = ds.dates.length;
  const n = ds.assets.length;
  const ids = ds.assets.map((a) => a.id);
  const sectorNames = [...new Set(ds.assets.map((a) => a.sector))];
  const sector = Int32Array.from(ds.assets, (a) => sectorNames.indexOf(a.sector));
  const sectorCaps = Float64Array.from(sectorNames, (s) => params.sectorCaps?.[s] ?? 0.35);
  const groups = ds.assets.map((a) => a.group);
  const returns = ds.prices.map((pr, i) => simpleReturns(pr, ids[i]));
  const vol = returns.map((r) => ewmaVolatility(r, { lookback: p.lookback }));
  const sched = ds.assets.map((a, i) => expirySchedule(ds.dates, ds.expiries[i], a.calendar as CalendarId));
  const fx = ds.assets.map((a) => {
    const f = ds.fx[a.currency];
    if (!f) throw new Error(`runAilaIndex: no FX fixing for currency ${a.currency} (asset ${a.id})`);
    return f;
  });

  // pass 1: unit-risk weights, their PnL, the risk-target scale
  const wUnit: Float64Array[] = [];
  const nEff = new Float64Array(T);
  let biasDays = 0;
  for (let t = 0; t < T; t++) {
    const sig = Float64Array.from(ds.signals, (s) => (Number.isNaN(s[t]) ? 0 : s[t]));
    const vt = Float64Array.from(vol, (v) => v[t]);
    const u = unitRiskWeights(sig, vt, { rLS: p.rLS, nEffective: p.nEffective, groups });
    if (!Number.isNaN(p.standardBiasAngle)) {
      const y = Number(ds.dates[t].slice(0, 4));
      const k = ds.standardIndex.years.indexOf(y);
      const standard = k >= 0 ? ds.standardIndex.weights[k] : ds.standardIndex.weights.at(-1);
      if (standard) {
        const b = correlationBias({ wU: u.weights, standard, vols: vt, groups, maxAngle: p.standardBiasAngle });
        if (b.applied) biasDays++;
        u.weights = b.weights;
      }
    }
    wUnit.push(u.weights);
    nEff[t] = p.nEffective ? u.nEff : u.active;
  }
  const scale = riskTargetScale(portfolioReturns(wUnit, returns), p.riskTarget, {
    lookback: p.lookback,
    maxScale: p.maxScale,
  });

  // historical Sharpe ratios of the signal-following positions (expanding window)
  const sharpe: Float64Array[] = [];
  const sum = new Float64Array(n);
  const sum2 = new Float64Array(n);
  const cnt = new Float64Array(n);
  const lastSig = new Float64Array(n);
  for (let t = 0; t < T; t++) {
    const sr = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const r = returns[i][t];
      if (!Number.isNaN(r)) {
        const x = lastSig[i] * r;
        sum[i] += x;
        sum2[i] += x * x;
        cnt[i]++;
      }
      if (!Number.isNaN(ds.signals[i][t])) lastSig[i] = ds.signals[i][t];
      if (cnt[i] >= p.sharpeMinHistory) {
        const m = sum[i] / cnt[i];
        const sd = Math.sqrt(Math.max(0, sum2[i] / cnt[i] - m * m));
        sr[i] = sd > 0 ? (m / sd) * Math.sqrt(252) : 0;
      }
    }
    sharpe.push(sr);
  }

  // pass 2: fit, targets, actual weights
  const mult = ASSET_CAP_MULTIPLE[p.capLogic];
  const wU: Float64Array[] = [];
  const wC: Float64Array[] = [];
  const wT: Float64Array[] = [];
  const wA: Float64Array[] = [];
  const rcs: Float64Array[] = [];
  const acs: Float64Array[] = [];
  const fits: FitSummary[] = [];
  const trading: boolean[][] = [];
  const ewTargets: Float64Array[] = [];
  const floorOn = !Number.isNaN(p.sharpeFloor);
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
    const fit = fitConstrainedWeights({
      wU: u,
      assetCaps: ac,
      sector,
      sectorCaps,
      sharpe: sharpe[t],
      sharpeFloor: floorOn ? p.sharpeFloor : undefined,
      maxAllocation: p.maxAllocation,
      names: ids,
      sectorNames,
    });
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
  wA.push(...actualWeightPath({ targets: wT, trading, rebalancingCaps: rcs, assetCaps: acs, sector, sectorCaps }));
  const noCaps = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const equalWeight = actualWeightPath({
    targets: ewTargets,
    trading,
    rebalancingCaps: ewTargets.map(() => noCaps),
    assetCaps: ewTargets.map(() => noCaps),
  });
  const lv = indexLevel(wA, ds.prices, fx, p.startLevel, ids, ds.dates);
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
    equalWeightLevel: ewl.level,
    equalWeight,
    biasDays,
  };
}

/** Index of the last index day of each ISO week (for weekly charts of daily series). */
export function weeklyIndices(dates: readonly string[]): number[] {
  const out: number[] = [];
  const week = (d: string) =>
    Math.floor((Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 86_400_000 + 3) / 7);
  for (let t = 0; t < dates.length; t++)
    if (t === dates.length - 1 || week(dates[t + 1]) !== week(dates[t])) out.push(t);
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
