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
import { applyNoTradeBand, driftWeights, type ExecutedOrder, implementationShortfall, rebalanceCost } from "./costs";
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
  // Panel: date → instrument → record.
  const panel = new Map<string, Map<string, StockMonth>>();
  stocks.forEach((s, row) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s.date)) throw new Error(`${FN}: stocks[${row}] date "${s.date}" is not ISO`);
    const m = panel.get(s.date) ?? new Map<string, StockMonth>();
    if (m.has(s.instrument)) throw new Error(`${FN}: duplicate stock ${s.instrument} at ${s.date}`);
    m.set(s.instrument, s);
    panel.set(s.date, m);
  });
  const dates = [...panel.keys()].sort(cmp);
  const returnsByDate = dates.map((d) => {
    const out = new Map<string, number>();
    for (const [k, s] of panel.get(d)!) if (Number.isFinite(s.returnPct)) out.set(k, s.returnPct);
    return out;
  });
  const dateIndex = new Map(dates.map((d, i) => [d, i]));
  const need = (s: StockMonth, what: "returnPct" | "marketCap") => {
    const v = s[what];
    if (!Number.isFinite(v) || (what === "marketCap" && !(v > 0)))
      throw new Error(`${FN}: ${what} of ${s.instrument} at ${s.date} is ${v}`);
    return v;
  };

  const months: StrategicMonth[] = [];
  let held = new Map<string, number>(); // weights held during the previous month
  let heldReturns = new Map<string, number>(); // their returns in that month (percent, imputed where missing)
  const lastSeen = new Map<string, StockMonth>(); // the last record of every name (up to d)
  let prevDate: string | undefined;
  forecasts.forEach((f, fi) => {
    const d = f.date;
    const t = addMonths(d, 1);
    if (prevDate !== undefined && addMonths(prevDate, 1) !== d)
      throw new Error(`${FN}: forecasts must be consecutive months: ${prevDate} is followed by ${d}`);
    const atD = panel.get(d);
    const atT = panel.get(t);
    if (!atD) throw new Error(`${FN}: no constituents at decision date ${d} (forecast ${fi})`);
    for (const [k, s] of atD) lastSeen.set(k, s);
    if (!atT) throw new Error(`${FN}: no constituents at return month ${t} (forecast ${fi} dated ${d})`);
    // Probabilities.
    let ps = 0;
    const p = classes.map((k) => {
      const v = f.probabilities[k];
      if (!Number.isFinite(v) || v < 0) throw new Error(`${FN}: probability of ${k} at ${d} is ${v}`);
      ps += v;
      return v;
    });
    if (Math.abs(ps - 1) > 1e-4) throw new Error(`${FN}: probabilities at ${d} sum to ${ps}, expected 1`);

    // 1. Eligible names: the members at d.
    const elig = [...atD.keys()].sort(cmp);
    const n = elig.length;
    // 2. Tilt.
    let tau = elig.map((k) => {
      const s = atD.get(k)!;
      return classes.reduce((acc, c, j) => {
        const w = s.factorWeights[c];
        if (!Number.isFinite(w) || w < 0) throw new Error(`${FN}: factor weight ${c} of ${k} at ${d} is ${w}`);
        return acc + p[j] * w;
      }, 0);
    });
    const ts = tau.reduce((a, v) => a + v, 0);
    if (!(ts > 0)) throw new Error(`${FN}: factor tilt at ${d} sums to ${ts}`);
    tau = tau.map((v) => v / ts);
    // 3. Risk-parity base on the covariance as of d.
    const di = dateIndex.get(d)!;
    const window = returnsByDate.slice(Math.max(0, di - opts.covarianceWindow + 1), di + 1);
    const cov = constantCorrelationCovariance(elig, window, opts.minObservations);
    const base = n === 1 ? [1] : riskParity(cov.covariance).weights;
    // Optional low-volatility factor from the trailing volatilities of step 3.
    if (opts.lowVolatilityWeight > 0) {
      const lv = lowVolatilityWeights(cov.volatility);
      const om = opts.lowVolatilityWeight;
      tau = tau.map((v, i) => (1 - om) * v + om * lv[i]);
    }
    // 4. Tilted unconstrained target.
    const gamma = options.tiltSchedule?.[d] ?? opts.tiltStrength;
    const raw = base.map((b, i) => b * (n * tau[i]) ** gamma);
    const rs = raw.reduce((a, v) => a + v, 0);
    const wU = raw.map((v) => v / rs);
    // 5. Caps through the exact minimum-angle fit.
    const sectorNames = [...new Set(elig.map((k) => atD.get(k)!.sector))].sort(cmp);
    const sectorId = elig.map((k) => sectorNames.indexOf(atD.get(k)!.sector));
    // ADV of a name from its last record up to d: the data's own field, else the advFraction rule.
    const c0 = opts.costs;
    const advOf = (k: string): { adv: number; fallback: boolean } => {
      const rec = lastSeen.get(k)!;
      if (rec.adv !== undefined && Number.isFinite(rec.adv) && rec.adv > 0) return { adv: rec.adv, fallback: false };
      return { adv: need(rec, "marketCap") * (c0 ? c0.advFraction : 0), fallback: true };
    };
    const ex = opts.execution;
    let liquidityCapped = 0;
    let liquidityRelaxation = 1;
    let caps = elig.map(() => opts.assetCap);
    if (ex && c0 && Number.isFinite(ex.maxDaysToTrade)) {
      const liq = elig.map((k) => (ex.maxDaysToTrade * ex.participationRate * advOf(k).adv) / c0.portfolioValue);
      const sectorOf = elig.map((k) => atD.get(k)!.sector);
      const capsAt = (lambda: number) => liq.map((l) => Math.min(opts.assetCap, lambda * l));
      // largest fully invested sum under the caps: Σ_sectors min(sectorCap, Σ caps in the sector)
      const feasibleSum = (cs: readonly number[]) => {
        const bySector = new Map<string, number>();
        cs.forEach((x, i) => {
          bySector.set(sectorOf[i], (bySector.get(sectorOf[i]) ?? 0) + x);
        });
        let tot = 0;
        for (const v of bySector.values()) tot += Math.min(opts.sectorCap, v);
        return tot;
      };
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
      caps = capsAt(liquidityRelaxation);
      liquidityCapped = caps.filter((x) => x < opts.assetCap).length;
    }
    const fit = fitConstrainedWeights({
      wU,
      assetCaps: caps,
      sector: sectorId,
      sectorCaps: sectorNames.map(() => opts.sectorCap),
      names: elig,
      sectorNames,
      minActive: 1,
    });
    if (fit.status !== "fit")
      throw new Error(
        `${FN}: caps cannot hold a fully invested index at ${d} (constrained fit "${fit.status}", largest feasible sum ${fit.maxFeasibleSum}); raise assetCap or sectorCap`,
      );
    const target = Array.from(fit.weights);
    // Union of eligible and held names.
    const names = [...new Set([...elig, ...held.keys()])].sort(cmp);
    const pos = new Map(elig.map((k, i) => [k, i]));
    const vec = (x: readonly number[]) => names.map((k) => (pos.has(k) ? x[pos.get(k)!] : 0));
    const targetU = vec(target);
    // 6. Drift and the band.
    const first = months.length === 0;
    let drifted = names.map(() => 0);
    if (!first) {
      const hw = names.map((k) => held.get(k) ?? 0);
      // the returns of month d as step 8 of the previous month used them (imputed where missing)
      const r = names.map((k) => (heldReturns.get(k) ?? 0) / 100);
      drifted = driftWeights(hw, r);
    }
    const forced = !first && names.some((k, i) => !pos.has(k) && drifted[i] > 0);
    let traded = true;
    let maxDrift = 0;
    const scheduled = months.length % opts.rebalanceEvery === 0;
    if (!first) {
      const dec = applyNoTradeBand(drifted, targetU, opts.band);
      maxDrift = dec.maxDrift;
      traded = (dec.trade && scheduled) || forced;
    }
    // 7. Participation cap, then costs of the trade actually made.
    const c = opts.costs;
    const advs = c && traded && !first ? names.map(advOf) : [];
    const advFallbacks = advs.filter((a) => a.fallback).length;
    let fillRatio = 1;
    if (traded && !first && ex && c) {
      names.forEach((_k, i) => {
        const q = Math.abs(targetU[i] - drifted[i]) * c.portfolioValue;
        if (q > 0) fillRatio = Math.min(fillRatio, (ex.tradeDays * ex.participationRate * advs[i].adv) / q);
      });
    }
    const weights = !traded
      ? drifted
      : fillRatio === 1
        ? targetU
        : drifted.map((x, i) => x + fillRatio * (targetU[i] - x));
    let spreadCost = 0;
    let impactCost = 0;
    let turnover = 0;
    let dailyVol: number[] = [];
    if (traded && !first) {
      turnover = 0.5 * names.reduce((a, _k, i) => a + Math.abs(weights[i] - drifted[i]), 0);
      if (c) {
        const volOf = new Map(elig.map((k, i) => [k, cov.volatility[i]]));
        const fallbackVol = median(cov.volatility);
        dailyVol = names.map((k) => (volOf.get(k) ?? fallbackVol) / 100 / Math.sqrt(21));
        const rc = rebalanceCost(drifted, weights, {
          portfolioValue: c.portfolioValue,
          halfSpread: names.map(() => c.halfSpread),
          dailyVolatility: dailyVol,
          // a held name that left the index: its last record before d
          adv: advs.map((a) => a.adv),
          impactCoefficient: c.impactCoefficient,
        });
        spreadCost = rc.spreadCost / c.portfolioValue;
        impactCost = rc.impactCost / c.portfolioValue;
      }
    }
    const cost = spreadCost + impactCost;
    if (!(cost < 1)) throw new Error(`${FN}: trading cost at ${d} is ${cost} of the portfolio`);
    // 8. Returns of month t; a held name without one gets the held names' weighted mean return.
    const known = (k: string) => {
      const v = atT.get(k)?.returnPct;
      return v !== undefined && Number.isFinite(v) ? v : undefined;
    };
    const rt = imputeMissing(names.map(known), weights, () => `${FN}: no held name has a return for ${t}`);
    const missingReturns = names.filter((k, i) => weights[i] > 0 && known(k) === undefined);
    const gross = weights.reduce((a, w, i) => a + w * rt[i], 0);
    const net = ((1 - cost) * (1 + gross / 100) - 1) * 100;
    const tiltR = imputeMissing(elig.map(known), tau, () => `${FN}: no eligible name has a return for ${t}`);
    const tiltReturn = elig.reduce((a, _k, i) => a + tau[i] * tiltR[i], 0);
    // Pre-trade implementation shortfall (paper: all of w* − ω at the decision price).
    const shortfall = { execution: 0, opportunity: 0, total: 0 };
    if (traded && !first && c) {
      const V = c.portfolioValue;
      const orders: ExecutedOrder[] = [];
      names.forEach((_k, i) => {
        const paper = (targetU[i] - drifted[i]) * V;
        if (paper === 0) return;
        const filled = (weights[i] - drifted[i]) * V;
        const q = Math.abs(filled);
        const rate = c.halfSpread + c.impactCoefficient * dailyVol[i] * Math.sqrt(q / advs[i].adv);
        orders.push({
          quantity: paper,
          filled,
          decisionPrice: 1,
          executionPrice: 1 + Math.sign(paper) * rate,
          closePrice: 1 + rt[i] / 100,
        });
      });
      const sf = implementationShortfall(orders);
      shortfall.execution = sf.executionCost / V;
      shortfall.opportunity = sf.opportunityCost / V;
      shortfall.total = sf.total / V;
    }
    // 9. Base index and Brinson by sector.
    const wOf = new Map(names.map((k, i) => [k, weights[i]]));
    const rOf = new Map(names.map((k, i) => [k, rt[i]]));
    const benchW = new Map<string, number>();
    if (opts.benchmark === "risk-parity") {
      // the step-3 base over the eligible names; returns imputed as for the index
      const br = imputeMissing(elig.map(known), base, () => `${FN}: no eligible name has a return for ${t}`);
      elig.forEach((k, i) => {
        benchW.set(k, base[i]);
        if (!rOf.has(k)) rOf.set(k, br[i]);
      });
    } else {
      // members at t that have a return for t (a member without one is left out)
      const members = [...atT.keys()].sort(cmp).filter((k) => known(k) !== undefined);
      if (members.length === 0) throw new Error(`${FN}: no member has a return for ${t}`);
      if (opts.benchmark === "cap-weight") {
        const capStart = members.map((k) => {
          const atd = atD.get(k);
          if (atd) return need(atd, "marketCap");
          const rec = atT.get(k)!;
          return need(rec, "marketCap") / (1 + (known(k) as number) / 100);
        });
        const tot = capStart.reduce((a, v) => a + v, 0);
        members.forEach((k, i) => {
          benchW.set(k, capStart[i] / tot);
        });
      } else
        members.forEach((k) => {
          benchW.set(k, 1 / members.length);
        });
    }
    const benchNames = [...benchW.keys()];
    const retOf = (k: string) => rOf.get(k) ?? (known(k) as number);
    // equal weights: the plain mean (the same floating-point sum as before the other base indices)
    const bench =
      opts.benchmark === "equal-weight"
        ? mean(benchNames.map(retOf))
        : benchNames.reduce((a, k) => a + benchW.get(k)! * retOf(k), 0);
    const holdingNames = [...new Set([...benchNames, ...names.filter((_k, i) => weights[i] > 0)])].sort(cmp);
    const segments = sectorSegments(
      holdingNames.map((k) => ({
        sector: (lastSeen.get(k) ?? atT.get(k))!.sector,
        portfolioWeight: wOf.get(k) ?? 0,
        benchmarkWeight: benchW.get(k) ?? 0,
        return: retOf(k) / 100,
      })),
    );
    const attribution = brinsonFachler(segments, `${FN} attribution ${t}`);
    months.push({
      decisionDate: d,
      date: t,
      instruments: names,
      sectors: names.map((k) => lastSeen.get(k)!.sector),
      eligible: names.map((k) => pos.has(k)),
      tilt: vec(tau),
      base: vec(base),
      unconstrained: vec(wU),
      target: targetU,
      drifted,
      weights,
      traded,
      forced,
      maxDrift,
      turnover,
      spreadCost,
      impactCost,
      cost,
      fitAngle: fit.angle,
      binding: fit.binding,
      missingReturns,
      tiltStrength: gamma,
      scheduled,
      advFallbacks,
      liquidityCapped,
      liquidityRelaxation,
      fillRatio,
      shortfall,
      grossReturn: gross,
      netReturn: net,
      benchmarkReturn: bench,
      tiltReturn,
      segments,
      attribution,
    });
    held = new Map(names.map((k, i) => [k, weights[i]] as [string, number]).filter(([, w]) => w > 0));
    heldReturns = new Map(names.map((k, i) => [k, rt[i]]));
    prevDate = d;
  });
  return { options: opts, classes: [...classes], months };
}
