/**
 * The ML strategic balanced index (reference 000): the article's monthly factor forecasts turned
 * into an investable, capped, risk-balanced constituent index with trading costs and a no-trade
 * band, attributable by sector.
 *
 * ## Month alignment (the one convention everything else hangs on)
 * A forecast dated d (a month end) is made with data known at the end of month d; the month it
 * is for is the next calendar month t = d + 1. Everything used to build the weights held during
 * month t is dated d: the class probabilities p_{d,k}, the per-factor softmax weights of the
 * constituents (article In[16]–In[17], computed from z-scores at d), the covariance (returns of
 * the months up to and including d) and the market caps (liquidity). The weights then earn the
 * constituents' total returns of month t (`TR.TOTALRETURN1MO` dated t = the return over the month
 * ending at t). Nothing dated t enters a decision for month t — not even the membership at t
 * (the look-ahead test in test/pipeline/look-ahead.test.ts perturbs everything after d and checks
 * every decision up to d is unchanged). (The article's own factor returns weight month t's
 * returns with weights computed at t, erratum E8; see the notebook.)
 *
 * ## Steps for each return month t (decision at d = t − 1)
 * 1. Eligible names E_t: the members of the index at the decision date d (they have factor
 *    scores, sectors and market caps at d). A name that joins during t waits until the next
 *    decision; a held name that is no longer a member at d is sold at d (a forced trade); a name
 *    that leaves during t is held through t.
 * 2. Factor tilt: τ_i = Σ_k p_{d,k}·s_{d,k,i} over the model's classes k, with s_{d,k,i} the
 *    softmax weight of stock i in factor k at d; renormalised to Σ_{i∈E_t} τ_i = 1 (it sums to
 *    1 already). Probabilities must sum to 1 within 1e-4.
 * 3. Risk-parity base: b = equal-risk-contribution weights (`riskParity`) for the covariance
 *    Σ_d = D·R·D of E_t, with D the sample volatilities (ddof 1) of the last `covarianceWindow`
 *    monthly returns up to d (a name with fewer than `minObservations` returns gets the
 *    cross-sectional median volatility) and R the constant-correlation matrix at the average
 *    pairwise sample correlation ρ̄ (pairs with ≥ `minObservations` common months; 0 if none;
 *    clipped to [0, 0.95]), which is positive definite for any such ρ̄ (`constantCorrelationCovariance`,
 *    lib/statistics/risk-models.ts).
 * 4. Tilted target: wU_i = b_i·(n·τ_i)^γ / Σ_j b_j·(n·τ_j)^γ, with n = |E_t| and tilt strength γ
 *    (n·τ_i = 1 for every i is no view; γ = 0 is the pure risk-parity base).
 * 5. Caps: the target w* is the weight vector nearest in angle to wU with 0 ≤ w_i ≤ assetCap,
 *    Σ_{i∈sector} w_i ≤ sectorCap and Σw = 1, from lib/aila's exact constrained fit (cone
 *    projection). If the caps cannot hold a fully invested portfolio the month is an error.
 * 6. No-trade band: the weights drifted from month d, ω_i = h_i(1+R_{d,i}) / Σ_j h_j(1+R_{d,j}),
 *    are kept unless max_i |ω_i − w*_i| > band, or a held name is no longer eligible (a forced
 *    trade). The first month buys w* without cost (like the base index, which pays none).
 * 7. Costs of a trade from ω to w* (`rebalanceCost`): half-spread s plus square-root impact
 *    Y·σ_i·√(Q_i/ADV_i) on traded value Q_i = |Δw_i|·V, with σ_i the daily volatility
 *    (monthly volatility of step 3 / √21) and ADV_i = advFraction × market cap at d (for a held
 *    name that is no longer a member, its last market cap as a member). Cost fraction
 *    c_t = total cost / V is paid at the start of the month.
 * 8. Returns (percent): gross g_t = Σ_i h_{t,i}·R_{t,i}; net r_t = ((1 − c_t)(1 + g_t/100) − 1)·100,
 *    so g_t − r_t = c_t·(100 + g_t) exactly. A held name without a return for t (it left the index
 *    during t, so the field table has no row for it) is given the weighted mean return of the
 *    held names that have one — the same as renormalising the weights over them — and listed in
 *    `missingReturns`; the same imputed return drifts its weight into month t + 1.
 * 9. Base index (evaluation only, not a decision): the equal-weighted total return of the members
 *    at t that have a return for t (a member without one is left out of the base that month;
 *    the sample's `.DJI` is the
 *    equal-weighted PRICE return of the members; this is its total-return counterpart, with
 *    constituent weights, as Brinson attribution needs). Brinson–Fachler by TRBC economic sector
 *    on the gross return, per month, linked with Carino in `strategic-report.ts`.
 *
 * Each step is an exported function that a notebook can call on its own: `strategicPanel` (the
 * records by date) and `strategicMonthInputs` (1), `factorTilt` (2), `riskParityBase` (3; with
 * `blendLowVolatility`), `tiltedTarget` (4), `liquidityScreen` and `cappedTarget` (5),
 * `bandDecision` (6, on costs.ts `driftWeights` and `applyNoTradeBand`), `executeTrade` (7, on
 * `oneWayTurnover` and `rebalanceCost`; `tradeShortfall`), `strategicReturns` (8),
 * `benchmarkWeights` and `benchmarkAttribution` (9); `strategicMonth` runs 2–9 for one month and
 * `strategicIndex` threads the holdings from month to month.
 *
 * ## Options beyond the base method (all off by default; the defaults reproduce steps 1–9 exactly)
 * - `rebalanceEvery` k (months, default 1): the band decision of step 6 is taken only every k-th
 *   return month (the 1st, k+1-th, …); in the other months the drifted weights are kept unless a
 *   held name left the index (a forced trade). k = 3 is a quarterly schedule.
 * - `tiltSchedule` {decision date → γ_d}: the tilt strength of step 4 for that decision (e.g. a
 *   regime signal, overlays.ts); dates not listed use `tiltStrength`. The caller must build it from
 *   data known at each d.
 * - `lowVolatilityWeight` ω in [0, 1]: a low-volatility factor from trailing returns joins the
 *   tilt, τ'_i = (1 − ω) τ_i + ω ℓ_i with ℓ_i = e^{−z_i} / Σ_j e^{−z_j}, z_i the cross-sectional
 *   z-score (population std, clipped to [−3, 3]) of the step-3 volatility at d (a name with too
 *   little history has the median volatility, so z near 0). ω = 0: the model's tilt alone.
 * - ADV from data: a stock record's optional `adv` (average daily traded value, USD, known at its
 *   date) is used where finite and > 0; otherwise ADV = advFraction × market cap (the fallback of
 *   step 7), and the month's `advFallbacks` counts the names that needed it.
 * - `execution` {participationRate π, tradeDays D, maxDaysToTrade M} (needs costs): (a) a
 *   liquidity screen: the cap of name i becomes min(assetCap, M·π·ADV_i / V), the largest position
 *   that can be liquidated in M days at participation π. If these caps (with the sector caps) cannot
 *   hold a fully invested index, M is stretched by the smallest factor λ ≥ 1 (bisection on
 *   Σ_sectors min(sectorCap, Σ_i min(assetCap, λ·M·π·ADV_i / V)) ≥ 1) that makes it feasible, and
 *   λ is reported as `liquidityRelaxation`; (b) a participation cap on trades: the trade ω → w* is scaled by one factor
 *   θ = min(1, min_i D·π·ADV_i / (|w*_i − ω_i|·V)), so that no name trades more than π of D days'
 *   volume; the weights held are ω + θ(w* − ω) (still summing to 1). The rest of the trade is
 *   left for later decisions. (c) A pre-trade implementation shortfall per rebalance
 *   (`implementationShortfall` of costs.ts) with the paper portfolio trading all of w* − ω at the
 *   decision price and the real one filling θ of it at the model's expected execution price
 *   1 ± (s + Yσ_i√(Q_i/ADV_i)); its execution part equals the cost charged; the opportunity cost of
 *   the unfilled part is valued ex post at the return of month t (evaluation only, never a
 *   decision input).
 * - `benchmark` ("equal-weight" default, "cap-weight", "risk-parity"): the base index of step 9.
 *   Cap-weight: members at t with a return for t, weighted by market cap at the start of t (the
 *   cap at d for members at d; for a joiner, its cap at t divided by 1 + R_t). Risk-parity: the
 *   step-3 base b held without caps, band or costs (the base over the eligible names at d).
 *
 * Units: returns in percent per month (as `TR.TOTALRETURN1MO`), weights, caps, band and costs as
 * fractions; Brinson effects as fractions (lib/allocation/brinson.ts). NaN handling: a NaN or
 * non-finite return, market cap, softmax weight or probability of a name the index needs is an
 * Error naming the instrument and date; in the covariance window a missing month is simply
 * absent (the name was not a member then). Determinism: names are sorted (code-unit order).
 */

import { fitConstrainedWeights } from "../aila/constrained-weights";
import { addMonths } from "../data/dates";
import { mean, median, populationStd } from "../statistics/descriptive";
import { constantCorrelationCovariance } from "../statistics/risk-models";
import { ArgumentError } from "../validation";
import { type BrinsonResult, brinsonFachler, type Segment, sectorSegments } from "./brinson";
import {
  applyNoTradeBand,
  driftWeights,
  type ExecutedOrder,
  implementationShortfall,
  oneWayTurnover,
  rebalanceCost,
} from "./costs";
import { riskParity } from "./risk-parity";

/** Moved to lib/statistics/risk-models.ts (the risk models in one module); re-exported for `allocation.*`. */
export { constantCorrelationCovariance } from "../statistics/risk-models";

/** One constituent in one month (everything known at the end of `date`). */
export interface StockMonth {
  instrument: string;
  /** Month end (ISO). */
  date: string;
  sector: string;
  /** Total return over the month ending at `date`, percent. */
  returnPct: number;
  /** Market capitalisation at `date`, USD (liquidity proxy for costs). */
  marketCap: number;
  /** Softmax weight of the stock in each factor portfolio at `date` (keys = class names). */
  factorWeights: Readonly<Record<string, number>>;
  /** Average daily traded value at `date`, USD, when the data have it (else the advFraction rule). */
  adv?: number;
}

/** The model's class probabilities made at the end of `date`, for the next month. */
export interface FactorForecast {
  date: string;
  probabilities: Readonly<Record<string, number>>;
}

export interface StrategicCostOptions {
  /** Index assets, USD (default 1e9). */
  portfolioValue?: number;
  /** Half bid-ask spread, fraction of price (default 0.0003 = 3 bps, a liquid US large cap). */
  halfSpread?: number;
  /** Average daily traded value as a fraction of market cap (default 0.003 = 0.3 %). */
  advFraction?: number;
  /** Square-root impact coefficient Y (default 1). */
  impactCoefficient?: number;
}

export interface StrategicIndexOptions {
  /** Cap per stock (default 0.08). */
  assetCap?: number;
  /** Cap per TRBC economic sector (default 0.25). */
  sectorCap?: number;
  /** Tilt strength γ ≥ 0 (default 1). */
  tiltStrength?: number;
  /** Months of returns for the covariance (default 36). */
  covarianceWindow?: number;
  /** Fewest returns for a name's own volatility / a pair's correlation (default 12). */
  minObservations?: number;
  /** No-trade band on the largest absolute weight drift (default 0.02; 0 = always trade). */
  band?: number;
  /** Cost model, or false for no costs. */
  costs?: StrategicCostOptions | false;
  /** Months between scheduled band decisions (default 1 = monthly; 3 = quarterly). */
  rebalanceEvery?: number;
  /** Tilt strength per decision date, overriding `tiltStrength` there. */
  tiltSchedule?: Readonly<Record<string, number>>;
  /** Weight ω of the low-volatility factor in the tilt (default 0). */
  lowVolatilityWeight?: number;
  /** Liquidity screen and participation cap (needs costs). */
  execution?: StrategicExecutionOptions;
  /** Base index for evaluation and attribution (default "equal-weight"). */
  benchmark?: StrategicBenchmark;
}

/** Base index of step 9. */
export type StrategicBenchmark = "equal-weight" | "cap-weight" | "risk-parity";

export interface StrategicExecutionOptions {
  /** Participation π: largest share of a day's traded value the index may take (default 0.1). */
  participationRate?: number;
  /** Days D over which a rebalance may trade (default 1). */
  tradeDays?: number;
  /** Days-to-trade cap M of the liquidity screen (default Infinity = no screen). */
  maxDaysToTrade?: number;
}

export interface ResolvedStrategicOptions {
  assetCap: number;
  sectorCap: number;
  tiltStrength: number;
  covarianceWindow: number;
  minObservations: number;
  band: number;
  costs: Required<StrategicCostOptions> | false;
  rebalanceEvery: number;
  lowVolatilityWeight: number;
  execution: Required<StrategicExecutionOptions> | false;
  benchmark: StrategicBenchmark;
}

/** One return month of the index. */
export interface StrategicMonth {
  /** Decision date d (month end; forecast, scores, covariance, caps all as of d). */
  decisionDate: string;
  /** Return month t = d + 1 (month end). */
  date: string;
  /** Names of the vectors below: eligible names ∪ names held from month d, sorted. */
  instruments: string[];
  /** Sector of each name as of d (the last month it was a member for names held from before). */
  sectors: string[];
  /** Whether each name is eligible (a member at d). */
  eligible: boolean[];
  /** Factor tilt τ (0 for non-eligible names). */
  tilt: number[];
  /** Risk-parity base b. */
  base: number[];
  /** Tilted unconstrained target wU. */
  unconstrained: number[];
  /** Capped target w*. */
  target: number[];
  /** Drifted weights ω before the decision (zeros in the first month). */
  drifted: number[];
  /** Weights held during month t (w* if traded, else ω). */
  weights: number[];
  traded: boolean;
  /** Traded because a held name left the index. */
  forced: boolean;
  maxDrift: number;
  /** One-way turnover ½Σ|Δw| of the trade (0 if none or in the first month). */
  turnover: number;
  /** Cost fractions of the portfolio paid at the start of t. */
  spreadCost: number;
  impactCost: number;
  cost: number;
  /** Constrained fit: status, angle to wU (radians), binding constraints. */
  fitAngle: number;
  binding: string[];
  /** Held names without a return for month t (their return imputed, see step 8). */
  missingReturns: string[];
  /** Tilt strength γ used at d. */
  tiltStrength: number;
  /** Whether d was a scheduled band decision (`rebalanceEvery`). */
  scheduled: boolean;
  /** Names traded at d whose ADV came from the advFraction fallback (0 when nothing was traded). */
  advFallbacks: number;
  /** Names whose asset cap the liquidity screen lowered below assetCap. */
  liquidityCapped: number;
  /** λ ≥ 1 by which the screen's days to trade were stretched to keep the index fully investable (1 = not). */
  liquidityRelaxation: number;
  /** Share θ of the trade executed under the participation cap (1 without one or when not trading). */
  fillRatio: number;
  /** Pre-trade implementation shortfall of the trade, fractions of the portfolio (0 when not trading). */
  shortfall: { execution: number; opportunity: number; total: number };
  /** Percent returns of month t. */
  grossReturn: number;
  netReturn: number;
  /** Equal-weighted total return of the members at t, percent. */
  benchmarkReturn: number;
  /** The uncapped tilt τ held without costs or band, percent (the signal alone). */
  tiltReturn: number;
  /** Sector weights and returns (fractions) of the index and the base index during month t. */
  segments: Segment[];
  /** Brinson–Fachler by sector on the gross return vs the base index (fractions). */
  attribution: BrinsonResult;
}

export interface StrategicIndexResult {
  options: ResolvedStrategicOptions;
  classes: string[];
  months: StrategicMonth[];
}

const FN = "strategicIndex";

function resolve(o: StrategicIndexOptions): ResolvedStrategicOptions {
  const c = o.costs === false ? false : (o.costs ?? {});
  const r: ResolvedStrategicOptions = {
    assetCap: o.assetCap ?? 0.08,
    sectorCap: o.sectorCap ?? 0.25,
    tiltStrength: o.tiltStrength ?? 1,
    covarianceWindow: o.covarianceWindow ?? 36,
    minObservations: o.minObservations ?? 12,
    band: o.band ?? 0.02,
    costs:
      c === false
        ? false
        : {
            portfolioValue: c.portfolioValue ?? 1e9,
            halfSpread: c.halfSpread ?? 0.0003,
            advFraction: c.advFraction ?? 0.003,
            impactCoefficient: c.impactCoefficient ?? 1,
          },
    rebalanceEvery: o.rebalanceEvery ?? 1,
    lowVolatilityWeight: o.lowVolatilityWeight ?? 0,
    execution: o.execution
      ? {
          participationRate: o.execution.participationRate ?? 0.1,
          tradeDays: o.execution.tradeDays ?? 1,
          maxDaysToTrade: o.execution.maxDaysToTrade ?? Number.POSITIVE_INFINITY,
        }
      : false,
    benchmark: o.benchmark ?? "equal-weight",
  };
  const pos = (k: string, v: number, min: number) => {
    if (!Number.isFinite(v) || v < min) throw new Error(`${FN}: option ${k} = ${v} must be a finite number ≥ ${min}`);
  };
  if (!(r.assetCap > 0) || r.assetCap > 1) throw new Error(`${FN}: option assetCap = ${r.assetCap} must be in (0, 1]`);
  if (!(r.sectorCap > 0) || r.sectorCap > 1)
    throw new Error(`${FN}: option sectorCap = ${r.sectorCap} must be in (0, 1]`);
  pos("tiltStrength", r.tiltStrength, 0);
  pos("band", r.band, 0);
  pos("covarianceWindow", r.covarianceWindow, 2);
  pos("minObservations", r.minObservations, 2);
  if (!Number.isInteger(r.rebalanceEvery) || r.rebalanceEvery < 1)
    throw new ArgumentError({
      where: FN,
      argument: "rebalanceEvery",
      value: r.rebalanceEvery,
      problem: "expected an integer ≥ 1",
    });
  if (!(r.lowVolatilityWeight >= 0 && r.lowVolatilityWeight <= 1))
    throw new ArgumentError({
      where: FN,
      argument: "lowVolatilityWeight",
      value: r.lowVolatilityWeight,
      problem: "expected [0, 1]",
    });
  if (!["equal-weight", "cap-weight", "risk-parity"].includes(r.benchmark))
    throw new ArgumentError({
      where: FN,
      argument: "benchmark",
      value: r.benchmark,
      problem: "expected equal-weight, cap-weight or risk-parity",
    });
  for (const [k, v] of Object.entries(o.tiltSchedule ?? {}))
    if (!Number.isFinite(v) || v < 0)
      throw new ArgumentError({
        where: FN,
        argument: `tiltSchedule["${k}"]`,
        value: v,
        problem: "expected a finite number ≥ 0",
      });
  if (r.execution) {
    if (!r.costs)
      throw new ArgumentError({ where: FN, argument: "execution", problem: "needs the cost model (costs is false)" });
    const e = r.execution;
    if (!(e.participationRate > 0 && e.participationRate <= 1))
      throw new ArgumentError({
        where: FN,
        argument: "execution.participationRate",
        value: e.participationRate,
        problem: "expected (0, 1]",
      });
    if (!(e.tradeDays > 0) || !Number.isFinite(e.tradeDays))
      throw new ArgumentError({
        where: FN,
        argument: "execution.tradeDays",
        value: e.tradeDays,
        problem: "expected a finite number > 0",
      });
    if (!(e.maxDaysToTrade > 0))
      throw new ArgumentError({
        where: FN,
        argument: "execution.maxDaysToTrade",
        value: e.maxDaysToTrade,
        problem: "expected > 0",
      });
  }
  if (r.costs) {
    pos("costs.halfSpread", r.costs.halfSpread, 0);
    pos("costs.impactCoefficient", r.costs.impactCoefficient, 0);
    if (!(r.costs.portfolioValue > 0)) throw new Error(`${FN}: option costs.portfolioValue must be > 0`);
    if (!(r.costs.advFraction > 0)) throw new Error(`${FN}: option costs.advFraction must be > 0`);
  }
  return r;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Returns with the missing ones (undefined) replaced by the `weights`-weighted mean of the known
 * ones — the same portfolio return as renormalising the weights over the known names. Throws
 * (message from `what`) when a positive weight is missing and no known name has weight.
 */
function imputeMissing(
  returns: readonly (number | undefined)[],
  weights: readonly number[],
  what: () => string,
): number[] {
  let sum = 0;
  let norm = 0;
  let needed = false;
  returns.forEach((r, i) => {
    if (r === undefined) needed ||= weights[i] > 0;
    else {
      sum += weights[i] * r;
      norm += weights[i];
    }
  });
  if (needed && !(norm > 0)) throw new Error(what());
  const fill = norm > 0 ? sum / norm : 0;
  return returns.map((r) => r ?? fill);
}

/**
 * Low-volatility factor weights ℓ_i = e^{−z_i} / Σ_j e^{−z_j}, z the cross-sectional z-score of the
 * volatilities (population std; all z = 0 when the volatilities are equal), clipped to [−3, 3].
 */
export function lowVolatilityWeights(volatility: readonly number[]): number[] {
  const m = mean(volatility);
  const sd = populationStd(volatility);
  const z = volatility.map((v) => (sd > 0 ? Math.max(-3, Math.min(3, (v - m) / sd)) : 0));
  const e = z.map((x) => Math.exp(-x));
  const s = e.reduce((a, v) => a + v, 0);
  return e.map((v) => v / s);
}

/** Non-finite, or (for a market cap) not positive: an Error naming the instrument and date. */
function need(s: StockMonth, what: "returnPct" | "marketCap"): number {
  const v = s[what];
  if (!Number.isFinite(v) || (what === "marketCap" && !(v > 0)))
    throw new Error(`${FN}: ${what} of ${s.instrument} at ${s.date} is ${v}`);
  return v;
}

/** The return of `instrument` in `records` when it is there and finite, else undefined. */
function knownReturn(records: ReadonlyMap<string, StockMonth>, instrument: string): number | undefined {
  const v = records.get(instrument)?.returnPct;
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}

/** The options of `strategicIndex` with their defaults filled in and checked (errors name the option). */
export function resolveStrategicOptions(options: StrategicIndexOptions = {}): ResolvedStrategicOptions {
  return resolve(options);
}

/** The constituent records indexed by date, the input of every monthly step. */
export interface StrategicPanel {
  /** Record dates (month ends), ascending. */
  dates: string[];
  /** date → instrument → record. */
  byDate: Map<string, Map<string, StockMonth>>;
  /** Per date of `dates`, the finite percent returns by instrument (the covariance windows). */
  returnsByDate: Map<string, number>[];
  /** date → its position in `dates`. */
  dateIndex: Map<string, number>;
}

/**
 * The records of `stocks` by date and instrument. Errors: a date that is not ISO (naming the row)
 * and a duplicate instrument on a date. Non-finite returns are left out of `returnsByDate`.
 */
export function strategicPanel(stocks: readonly StockMonth[]): StrategicPanel {
  const byDate = new Map<string, Map<string, StockMonth>>();
  stocks.forEach((s, row) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s.date)) throw new Error(`${FN}: stocks[${row}] date "${s.date}" is not ISO`);
    const m = byDate.get(s.date) ?? new Map<string, StockMonth>();
    if (m.has(s.instrument)) throw new Error(`${FN}: duplicate stock ${s.instrument} at ${s.date}`);
    m.set(s.instrument, s);
    byDate.set(s.date, m);
  });
  const dates = [...byDate.keys()].sort(cmp);
  const returnsByDate = dates.map((d) => {
    const out = new Map<string, number>();
    for (const [k, s] of byDate.get(d)!) if (Number.isFinite(s.returnPct)) out.set(k, s.returnPct);
    return out;
  });
  return { dates, byDate, returnsByDate, dateIndex: new Map(dates.map((d, i) => [d, i])) };
}

/** Step 1: the point-in-time inputs of one return month. */
export interface StrategicMonthInputs {
  /** Decision date d (the forecast's date). */
  decisionDate: string;
  /** Return month t = d + 1. */
  date: string;
  /** The members' records at d. */
  atDecision: ReadonlyMap<string, StockMonth>;
  /** The members' records at t (their returns over month t). */
  atReturn: ReadonlyMap<string, StockMonth>;
  /** Class probabilities of the forecast, in the order of `classes`. */
  probabilities: number[];
  /** Eligible names E_t: the members at d, sorted. */
  eligible: string[];
  /** Returns of the last `covarianceWindow` record dates up to d (step 3). */
  window: Map<string, number>[];
}

/**
 * Step 1 for return month `index`: the forecast made at d = `forecasts[index].date`, the records
 * at d and at t = d + 1, the eligible names (the members at d) and the covariance window. Errors:
 * forecasts that are not consecutive months, no records at d or t, and probabilities that are not
 * finite, negative or do not sum to 1 within 1e-4.
 */
export function strategicMonthInputs(
  panel: StrategicPanel,
  forecasts: readonly FactorForecast[],
  index: number,
  classes: readonly string[],
  covarianceWindow: number,
): StrategicMonthInputs {
  const f = forecasts[index];
  const d = f.date;
  const t = addMonths(d, 1);
  const prev = index > 0 ? forecasts[index - 1].date : undefined;
  if (prev !== undefined && addMonths(prev, 1) !== d)
    throw new Error(`${FN}: forecasts must be consecutive months: ${prev} is followed by ${d}`);
  const atD = panel.byDate.get(d);
  const atT = panel.byDate.get(t);
  if (!atD) throw new Error(`${FN}: no constituents at decision date ${d} (forecast ${index})`);
  if (!atT) throw new Error(`${FN}: no constituents at return month ${t} (forecast ${index} dated ${d})`);
  let ps = 0;
  const probabilities = classes.map((k) => {
    const v = f.probabilities[k];
    if (!Number.isFinite(v) || v < 0) throw new Error(`${FN}: probability of ${k} at ${d} is ${v}`);
    ps += v;
    return v;
  });
  if (Math.abs(ps - 1) > 1e-4) throw new Error(`${FN}: probabilities at ${d} sum to ${ps}, expected 1`);
  const di = panel.dateIndex.get(d)!;
  const window = panel.returnsByDate.slice(Math.max(0, di - covarianceWindow + 1), di + 1);
  return {
    decisionDate: d,
    date: t,
    atDecision: atD,
    atReturn: atT,
    probabilities,
    eligible: [...atD.keys()].sort(cmp),
    window,
  };
}

/**
 * Step 2: the factor tilt τ_i = Σ_k p_k·s_{k,i} of the eligible `records` (their `factorWeights`
 * for `classes`, probabilities p in the same order), renormalised to sum to 1. Errors name a
 * non-finite or negative factor weight and a tilt that does not sum to more than 0.
 */
export function factorTilt(
  records: readonly StockMonth[],
  classes: readonly string[],
  probabilities: readonly number[],
  decisionDate: string,
): number[] {
  const tau = records.map((s) =>
    classes.reduce((acc, c, j) => {
      const w = s.factorWeights[c];
      if (!Number.isFinite(w) || w < 0)
        throw new Error(`${FN}: factor weight ${c} of ${s.instrument} at ${decisionDate} is ${w}`);
      return acc + probabilities[j] * w;
    }, 0),
  );
  const ts = tau.reduce((a, v) => a + v, 0);
  if (!(ts > 0)) throw new Error(`${FN}: factor tilt at ${decisionDate} sums to ${ts}`);
  return tau.map((v) => v / ts);
}

/**
 * Step 3: the constant-correlation covariance of `names` over the returns `window`
 * (`constantCorrelationCovariance`) and its equal-risk-contribution weights b (`riskParity`; [1]
 * for a single name).
 */
export function riskParityBase(
  names: readonly string[],
  window: readonly ReadonlyMap<string, number>[],
  minObservations: number,
): { covariance: ReturnType<typeof constantCorrelationCovariance>; base: number[] } {
  const covariance = constantCorrelationCovariance(names, window, minObservations);
  return { covariance, base: names.length === 1 ? [1] : riskParity(covariance.covariance).weights };
}

/**
 * Option `lowVolatilityWeight` ω: τ'_i = (1 − ω)·τ_i + ω·ℓ_i with ℓ = `lowVolatilityWeights` of the
 * step-3 volatilities. ω = 0 returns `tilt` itself.
 */
export function blendLowVolatility(tilt: number[], volatility: readonly number[], weight: number): number[] {
  if (!(weight > 0)) return tilt;
  const lv = lowVolatilityWeights(volatility);
  return tilt.map((v, i) => (1 - weight) * v + weight * lv[i]);
}

/** Step 4: wU_i = b_i·(n·τ_i)^γ / Σ_j b_j·(n·τ_j)^γ with n = the number of names. */
export function tiltedTarget(base: readonly number[], tilt: readonly number[], tiltStrength: number): number[] {
  const n = tilt.length;
  const raw = base.map((b, i) => b * (n * tilt[i]) ** tiltStrength);
  const rs = raw.reduce((a, v) => a + v, 0);
  return raw.map((v) => v / rs);
}

/** ADV of a name from its record: the data's own `adv` where finite and > 0, else advFraction × market cap. */
function advOf(record: StockMonth, advFraction: number): { adv: number; fallback: boolean } {
  if (record.adv !== undefined && Number.isFinite(record.adv) && record.adv > 0)
    return { adv: record.adv, fallback: false };
  return { adv: need(record, "marketCap") * advFraction, fallback: true };
}

/**
 * Step 5, option `execution` (a): the asset cap of each eligible record, min(assetCap, λ·M·π·ADV_i / V)
 * under the liquidity screen (λ ≥ 1 the smallest stretch that keeps the index fully investable,
 * found by bisection), else assetCap for every name; with how many caps fell below assetCap and λ.
 */
export function liquidityScreen(
  records: readonly StockMonth[],
  opts: ResolvedStrategicOptions,
): { caps: number[]; liquidityCapped: number; liquidityRelaxation: number } {
  const ex = opts.execution;
  const c = opts.costs;
  if (!(ex && c && Number.isFinite(ex.maxDaysToTrade)))
    return { caps: records.map(() => opts.assetCap), liquidityCapped: 0, liquidityRelaxation: 1 };
  const liq = records.map(
    (r) => (ex.maxDaysToTrade * ex.participationRate * advOf(r, c.advFraction).adv) / c.portfolioValue,
  );
  const capsAt = (lambda: number) => liq.map((l) => Math.min(opts.assetCap, lambda * l));
  // largest fully invested sum under the caps: Σ_sectors min(sectorCap, Σ caps in the sector)
  const feasibleSum = (cs: readonly number[]) => {
    const bySector = new Map<string, number>();
    cs.forEach((x, i) => {
      bySector.set(records[i].sector, (bySector.get(records[i].sector) ?? 0) + x);
    });
    let tot = 0;
    for (const v of bySector.values()) tot += Math.min(opts.sectorCap, v);
    return tot;
  };
  let liquidityRelaxation = 1;
  if (feasibleSum(capsAt(1)) < 1 && feasibleSum(capsAt(Number.POSITIVE_INFINITY)) >= 1) {
    let lo = 1;
    let hi = 2;
    while (feasibleSum(capsAt(hi)) < 1) hi *= 2;
    for (let it = 0; it < 100; it++) {
      const mid = 0.5 * (lo + hi);
      if (feasibleSum(capsAt(mid)) >= 1) hi = mid;
      else lo = mid;
    }
    liquidityRelaxation = hi * (1 + 1e-12);
  }
  const caps = capsAt(liquidityRelaxation);
  return { caps, liquidityCapped: caps.filter((x) => x < opts.assetCap).length, liquidityRelaxation };
}

/**
 * Step 5: the capped target w*, nearest in angle to `wU` with 0 ≤ w_i ≤ caps_i, every sector of the
 * eligible `records` at most `sectorCap` and Σw = 1 (lib/aila `fitConstrainedWeights`). An Error
 * when the caps cannot hold a fully invested index.
 */
export function cappedTarget(
  wU: readonly number[],
  records: readonly StockMonth[],
  caps: readonly number[],
  sectorCap: number,
  decisionDate: string,
): ReturnType<typeof fitConstrainedWeights> {
  const sectorNames = [...new Set(records.map((r) => r.sector))].sort(cmp);
  const fit = fitConstrainedWeights({
    wU,
    assetCaps: caps,
    sector: records.map((r) => sectorNames.indexOf(r.sector)),
    sectorCaps: sectorNames.map(() => sectorCap),
    names: records.map((r) => r.instrument),
    sectorNames,
    minActive: 1,
  });
  if (fit.status !== "fit")
    throw new Error(
      `${FN}: caps cannot hold a fully invested index at ${decisionDate} (constrained fit "${fit.status}", largest feasible sum ${fit.maxFeasibleSum}); raise assetCap or sectorCap`,
    );
  return fit;
}

/** What one return month hands to the next decision. */
export interface StrategicHoldings {
  /** Weights held during the month (positive ones only). */
  weights: Map<string, number>;
  /** Percent returns of every name of the month (imputed where missing, step 8). */
  returns: Map<string, number>;
}

/** Step 6: the drifted weights and the trade decision. */
export interface StrategicBandDecision {
  /** The first month (no holdings yet): w* is bought without cost. */
  first: boolean;
  /** Whether d is a scheduled band decision (`rebalanceEvery`). */
  scheduled: boolean;
  /** ω: the previous month's weights drifted by its returns (zeros in the first month). */
  drifted: number[];
  /** A held name is no longer eligible. */
  forced: boolean;
  /** Whether the target is traded (always in the first month). */
  traded: boolean;
  /** max_i |ω_i − w*_i| (0 in the first month). */
  maxDrift: number;
}

/**
 * Step 6 on the vectors over `names`: ω = `driftWeights` of the previous holdings by their returns;
 * trade when `applyNoTradeBand`(ω, `target`, band) says so on a `scheduled` decision, or when a held
 * name is not `eligible` (forced). `previous` undefined: the first month.
 */
export function bandDecision(
  names: readonly string[],
  eligible: (name: string) => boolean,
  target: readonly number[],
  previous: StrategicHoldings | undefined,
  band: number,
  scheduled: boolean,
): StrategicBandDecision {
  if (previous === undefined)
    return { first: true, scheduled, drifted: names.map(() => 0), forced: false, traded: true, maxDrift: 0 };
  const hw = names.map((k) => previous.weights.get(k) ?? 0);
  // the returns of month d as step 8 of the previous month used them (imputed where missing)
  const r = names.map((k) => (previous.returns.get(k) ?? 0) / 100);
  const drifted = driftWeights(hw, r);
  const forced = names.some((k, i) => !eligible(k) && drifted[i] > 0);
  const dec = applyNoTradeBand(drifted, target, band);
  return {
    first: false,
    scheduled,
    drifted,
    forced,
    traded: (dec.trade && scheduled) || forced,
    maxDrift: dec.maxDrift,
  };
}

/** Step 7: the weights held during month t and what the trade cost. */
export interface StrategicTrade {
  /** Weights held during t: w* if traded (ω + θ(w* − ω) under the participation cap), else ω. */
  weights: number[];
  /** θ (1 without a participation cap or when not trading). */
  fillRatio: number;
  /** One-way turnover ½Σ|Δw| (0 when not trading and in the first month). */
  turnover: number;
  spreadCost: number;
  impactCost: number;
  cost: number;
  /** Names whose ADV came from the advFraction fallback (0 when nothing was traded). */
  advFallbacks: number;
  /** ADV of each name (USD; empty unless a rebalance with costs). */
  adv: number[];
  /** Daily volatility of each name (fraction; empty unless a rebalance with costs). */
  dailyVolatility: number[];
}

/**
 * Step 7 on the vectors over the names of `records` (each name's last record up to d): the
 * participation cap θ of option `execution` (b), the weights held, the turnover (`turnover`) and
 * the half-spread + square-root impact costs of ω → weights (`rebalanceCost`, with σ_i the step-3
 * monthly volatility / √21 — the median for a name that is no longer eligible — and ADV from the
 * data or advFraction × market cap). Nothing is traded or paid in the first month. An Error when
 * the cost is not below the whole portfolio.
 */
export function executeTrade(
  records: readonly StockMonth[],
  decision: StrategicBandDecision,
  target: number[],
  volatility: { eligible: readonly string[]; monthly: readonly number[] },
  opts: ResolvedStrategicOptions,
  decisionDate: string,
): StrategicTrade {
  const { drifted, traded, first } = decision;
  const c = opts.costs;
  const ex = opts.execution;
  const rebalance = traded && !first;
  const advs = c && rebalance ? records.map((r) => advOf(r, c.advFraction)) : [];
  let fillRatio = 1;
  if (rebalance && ex && c) {
    records.forEach((_r, i) => {
      const q = Math.abs(target[i] - drifted[i]) * c.portfolioValue;
      if (q > 0) fillRatio = Math.min(fillRatio, (ex.tradeDays * ex.participationRate * advs[i].adv) / q);
    });
  }
  const weights = !traded ? drifted : fillRatio === 1 ? target : drifted.map((x, i) => x + fillRatio * (target[i] - x));
  let spreadCost = 0;
  let impactCost = 0;
  let dailyVolatility: number[] = [];
  const turn = rebalance ? oneWayTurnover(drifted, weights) : 0;
  if (rebalance && c) {
    const volOf = new Map(volatility.eligible.map((k, i) => [k, volatility.monthly[i]]));
    const fallbackVol = median(volatility.monthly);
    dailyVolatility = records.map((r) => (volOf.get(r.instrument) ?? fallbackVol) / 100 / Math.sqrt(21));
    const rc = rebalanceCost(drifted, weights, {
      portfolioValue: c.portfolioValue,
      halfSpread: records.map(() => c.halfSpread),
      dailyVolatility,
      adv: advs.map((a) => a.adv),
      impactCoefficient: c.impactCoefficient,
    });
    spreadCost = rc.spreadCost / c.portfolioValue;
    impactCost = rc.impactCost / c.portfolioValue;
  }
  const cost = spreadCost + impactCost;
  if (!(cost < 1)) throw new Error(`${FN}: trading cost at ${decisionDate} is ${cost} of the portfolio`);
  return {
    weights,
    fillRatio,
    turnover: turn,
    spreadCost,
    impactCost,
    cost,
    advFallbacks: advs.filter((a) => a.fallback).length,
    adv: advs.map((a) => a.adv),
    dailyVolatility,
  };
}

/**
 * Option `execution` (c): the pre-trade implementation shortfall (`implementationShortfall`) of a
 * rebalance as fractions of the portfolio — the paper portfolio trades all of w* − ω at price 1, the
 * real one fills weights − ω at 1 ± (s + Yσ_i√(Q_i/ADV_i)); the month's `returns` (percent) value
 * the unfilled part. Zeros when there was no rebalance or no cost model.
 */
export function tradeShortfall(
  decision: StrategicBandDecision,
  target: readonly number[],
  trade: StrategicTrade,
  returns: readonly number[],
  costs: ResolvedStrategicOptions["costs"],
): { execution: number; opportunity: number; total: number } {
  const shortfall = { execution: 0, opportunity: 0, total: 0 };
  if (!(decision.traded && !decision.first && costs)) return shortfall;
  const { drifted } = decision;
  const V = costs.portfolioValue;
  const orders: ExecutedOrder[] = [];
  target.forEach((w, i) => {
    const paper = (w - drifted[i]) * V;
    if (paper === 0) return;
    const filled = (trade.weights[i] - drifted[i]) * V;
    const q = Math.abs(filled);
    const rate = costs.halfSpread + costs.impactCoefficient * trade.dailyVolatility[i] * Math.sqrt(q / trade.adv[i]);
    orders.push({
      quantity: paper,
      filled,
      decisionPrice: 1,
      executionPrice: 1 + Math.sign(paper) * rate,
      closePrice: 1 + returns[i] / 100,
    });
  });
  const sf = implementationShortfall(orders);
  shortfall.execution = sf.executionCost / V;
  shortfall.opportunity = sf.opportunityCost / V;
  shortfall.total = sf.total / V;
  return shortfall;
}

/** Step 8: the percent returns of month t. */
export interface StrategicReturns {
  /** Return of each name (percent; a held name without one gets the held names' weighted mean). */
  returns: number[];
  /** Held names without a return for t. */
  missingReturns: string[];
  grossReturn: number;
  netReturn: number;
  /** The tilt τ held over the eligible names (returns imputed with τ). */
  tiltReturn: number;
}

/**
 * Step 8: gross g = Σ w_i·R_i over `names` (held `weights`), net ((1 − cost)(1 + g/100) − 1)·100, and
 * the tilt's return Σ τ_i·R_i over the `eligible` names; R from `atReturn`, a missing one replaced
 * by the weighted mean of the known ones. An Error when no weighted name has a return.
 */
export function strategicReturns(
  names: readonly string[],
  weights: readonly number[],
  eligible: readonly string[],
  tilt: readonly number[],
  atReturn: ReadonlyMap<string, StockMonth>,
  cost: number,
  date: string,
): StrategicReturns {
  const known = (k: string) => knownReturn(atReturn, k);
  const returns = imputeMissing(names.map(known), weights, () => `${FN}: no held name has a return for ${date}`);
  const missingReturns = names.filter((k, i) => weights[i] > 0 && known(k) === undefined);
  const grossReturn = weights.reduce((a, w, i) => a + w * returns[i], 0);
  const netReturn = ((1 - cost) * (1 + grossReturn / 100) - 1) * 100;
  const tiltR = imputeMissing(eligible.map(known), tilt, () => `${FN}: no eligible name has a return for ${date}`);
  const tiltReturn = eligible.reduce((a, _k, i) => a + tilt[i] * tiltR[i], 0);
  return { returns, missingReturns, grossReturn, netReturn, tiltReturn };
}

/**
 * Step 9: the base index's weights for month t, by name in summation order. "risk-parity": the
 * step-3 `base` over the `eligible` names (with their returns imputed with those weights in
 * `returns`); otherwise the members at t with a return for t, equally weighted or ("cap-weight")
 * by market cap at the start of t (the cap at d; for a joiner, its cap at t / (1 + R_t)).
 */
export function benchmarkWeights(
  benchmark: StrategicBenchmark,
  eligible: readonly string[],
  base: readonly number[],
  atDecision: ReadonlyMap<string, StockMonth>,
  atReturn: ReadonlyMap<string, StockMonth>,
  date: string,
): { weights: Map<string, number>; returns: Map<string, number> } {
  const known = (k: string) => knownReturn(atReturn, k);
  const weights = new Map<string, number>();
  const returns = new Map<string, number>();
  if (benchmark === "risk-parity") {
    const br = imputeMissing(eligible.map(known), base, () => `${FN}: no eligible name has a return for ${date}`);
    eligible.forEach((k, i) => {
      weights.set(k, base[i]);
      returns.set(k, br[i]);
    });
    return { weights, returns };
  }
  // members at t that have a return for t (a member without one is left out)
  const members = [...atReturn.keys()].sort(cmp).filter((k) => known(k) !== undefined);
  if (members.length === 0) throw new Error(`${FN}: no member has a return for ${date}`);
  if (benchmark === "cap-weight") {
    const capStart = members.map((k) => {
      const atd = atDecision.get(k);
      if (atd) return need(atd, "marketCap");
      return need(atReturn.get(k)!, "marketCap") / (1 + (known(k) as number) / 100);
    });
    const tot = capStart.reduce((a, v) => a + v, 0);
    members.forEach((k, i) => {
      weights.set(k, capStart[i] / tot);
    });
  } else
    members.forEach((k) => {
      weights.set(k, 1 / members.length);
    });
  return { weights, returns };
}

/**
 * Step 9: the base index's return (percent; "equal-weight": the plain mean of its members' returns)
 * and Brinson–Fachler by sector of the index's `weights` over `names` against the benchmark
 * weights, on the gross return (`returnOf` percent, `sectorOf` each name's sector).
 */
export function benchmarkAttribution(
  benchmark: StrategicBenchmark,
  benchWeights: ReadonlyMap<string, number>,
  names: readonly string[],
  weights: readonly number[],
  returnOf: (name: string) => number,
  sectorOf: (name: string) => string,
  date: string,
): { benchmarkReturn: number; segments: Segment[]; attribution: BrinsonResult } {
  const wOf = new Map(names.map((k, i) => [k, weights[i]]));
  const benchNames = [...benchWeights.keys()];
  // equal weights: the plain mean (the same floating-point sum as before the other base indices)
  const benchmarkReturn =
    benchmark === "equal-weight"
      ? mean(benchNames.map(returnOf))
      : benchNames.reduce((a, k) => a + benchWeights.get(k)! * returnOf(k), 0);
  const holdingNames = [...new Set([...benchNames, ...names.filter((_k, i) => weights[i] > 0)])].sort(cmp);
  const segments = sectorSegments(
    holdingNames.map((k) => ({
      sector: sectorOf(k),
      portfolioWeight: wOf.get(k) ?? 0,
      benchmarkWeight: benchWeights.get(k) ?? 0,
      return: returnOf(k) / 100,
    })),
  );
  return { benchmarkReturn, segments, attribution: brinsonFachler(segments, `${FN} attribution ${date}`) };
}

/**
 * One return month, steps 2–9 in order on the month's `inputs` (step 1). `lastSeen` holds every
 * name's last record up to d (including the records at d); `previous` the holdings of the month
 * before (undefined for the first month). Returns the month and the holdings it hands on.
 */
export function strategicMonth(
  inputs: StrategicMonthInputs,
  classes: readonly string[],
  opts: ResolvedStrategicOptions,
  context: {
    tiltStrength: number;
    scheduled: boolean;
    previous: StrategicHoldings | undefined;
    lastSeen: ReadonlyMap<string, StockMonth>;
  },
): { month: StrategicMonth; holdings: StrategicHoldings } {
  const { decisionDate: d, date: t, atDecision: atD, atReturn: atT, eligible: elig } = inputs;
  const { tiltStrength: gamma, previous, lastSeen } = context;
  const records = elig.map((k) => atD.get(k)!);
  const tilt = factorTilt(records, classes, inputs.probabilities, d); // 2
  const { covariance: cov, base } = riskParityBase(elig, inputs.window, opts.minObservations); // 3
  const tau = blendLowVolatility(tilt, cov.volatility, opts.lowVolatilityWeight);
  const wU = tiltedTarget(base, tau, gamma); // 4
  const screen = liquidityScreen(records, opts); // 5
  const fit = cappedTarget(wU, records, screen.caps, opts.sectorCap, d);
  // the vectors below run over the eligible names and the names held from month d
  const names = [...new Set([...elig, ...(previous?.weights.keys() ?? [])])].sort(cmp);
  const pos = new Map(elig.map((k, i) => [k, i]));
  const vec = (x: readonly number[]) => names.map((k) => (pos.has(k) ? x[pos.get(k)!] : 0));
  const target = vec(Array.from(fit.weights));
  const decision = bandDecision(names, (k) => pos.has(k), target, previous, opts.band, context.scheduled); // 6
  const nameRecords = names.map((k) => lastSeen.get(k)!);
  const trade = executeTrade(nameRecords, decision, target, { eligible: elig, monthly: cov.volatility }, opts, d); // 7
  const ret = strategicReturns(names, trade.weights, elig, tau, atT, trade.cost, t); // 8
  const shortfall = tradeShortfall(decision, target, trade, ret.returns, opts.costs);
  const bench = benchmarkWeights(opts.benchmark, elig, base, atD, atT, t); // 9
  const rOf = new Map(names.map((k, i) => [k, ret.returns[i]]));
  for (const [k, r] of bench.returns) if (!rOf.has(k)) rOf.set(k, r);
  const att = benchmarkAttribution(
    opts.benchmark,
    bench.weights,
    names,
    trade.weights,
    (k) => rOf.get(k) ?? (knownReturn(atT, k) as number),
    (k) => (lastSeen.get(k) ?? atT.get(k))!.sector,
    t,
  );
  const month: StrategicMonth = {
    decisionDate: d,
    date: t,
    instruments: names,
    sectors: nameRecords.map((r) => r.sector),
    eligible: names.map((k) => pos.has(k)),
    tilt: vec(tau),
    base: vec(base),
    unconstrained: vec(wU),
    target,
    drifted: decision.drifted,
    weights: trade.weights,
    traded: decision.traded,
    forced: decision.forced,
    maxDrift: decision.maxDrift,
    turnover: trade.turnover,
    spreadCost: trade.spreadCost,
    impactCost: trade.impactCost,
    cost: trade.cost,
    fitAngle: fit.angle,
    binding: fit.binding,
    missingReturns: ret.missingReturns,
    tiltStrength: gamma,
    scheduled: decision.scheduled,
    advFallbacks: trade.advFallbacks,
    liquidityCapped: screen.liquidityCapped,
    liquidityRelaxation: screen.liquidityRelaxation,
    fillRatio: trade.fillRatio,
    shortfall,
    grossReturn: ret.grossReturn,
    netReturn: ret.netReturn,
    benchmarkReturn: att.benchmarkReturn,
    tiltReturn: ret.tiltReturn,
    segments: att.segments,
    attribution: att.attribution,
  };
  const holdings: StrategicHoldings = {
    weights: new Map(names.map((k, i) => [k, trade.weights[i]] as [string, number]).filter(([, w]) => w > 0)),
    returns: new Map(names.map((k, i) => [k, ret.returns[i]])),
  };
  return { month, holdings };
}

/**
 * Build the index month by month (see the module comment). `stocks` holds one record per member
 * and month (the whole history: earlier months feed the covariance); `forecasts` one record per
 * decision month, ascending and consecutive; `classes` the model's class names, which must be
 * keys of every eligible stock's `factorWeights` and of every forecast's `probabilities`.
 */
export function strategicIndex(
  stocks: readonly StockMonth[],
  forecasts: readonly FactorForecast[],
  classes: readonly string[],
  options: StrategicIndexOptions = {},
): StrategicIndexResult {
  const opts = resolve(options);
  if (forecasts.length === 0) throw new Error(`${FN}: no forecasts`);
  if (classes.length === 0) throw new Error(`${FN}: no classes`);
  const panel = strategicPanel(stocks);
  const months: StrategicMonth[] = [];
  const lastSeen = new Map<string, StockMonth>(); // the last record of every name (up to d)
  let previous: StrategicHoldings | undefined;
  forecasts.forEach((f, fi) => {
    const inputs = strategicMonthInputs(panel, forecasts, fi, classes, opts.covarianceWindow); // 1
    for (const [k, s] of inputs.atDecision) lastSeen.set(k, s);
    const tiltStrength = options.tiltSchedule?.[f.date] ?? opts.tiltStrength;
    const scheduled = months.length % opts.rebalanceEvery === 0;
    const r = strategicMonth(inputs, classes, opts, { tiltStrength, scheduled, previous, lastSeen }); // 2–9
    months.push(r.month);
    previous = r.holdings;
  });
  return { options: opts, classes: [...classes], months };
}
