/**
 * Capacity of a sleeve, sizing of the active risk to a client's target, and the correlation of
 * each fund's alpha with the team's active return (reference 002: capacity constraints and
 * implementation costs that "rise with the square root of assets under management"; a client's
 * alpha goal such as 100 bps; "negative correlations between alpha and portfolio returns").
 *
 * ## Capacity (square-root impact eating a share of the alpha)
 * A sleeve of AUM A (currency) with holdings weights h_j (Σh = 1), each with half-spread s_j
 * (fraction), daily volatility σ_j (fraction) and average daily traded value ADV_j (currency),
 * turns over τ of its AUM per year (ONE-WAY annual turnover, fraction: 1 = the whole sleeve is
 * sold and re-bought once a year; the traded value is 2τA), in N equal rebalances per year.
 * Each rebalance trades Q_j = h_j·2τA/N of holding j, at the cost of `rebalanceCost` in costs.ts,
 *   cost_j = Q_j s_j + Q_j Y σ_j √(Q_j / ADV_j).
 * Summed over the year and divided by A, the annual cost rate is
 *   c(A) = 2τ s̄ + 2τ Y L √(2τA/N),   s̄ = Σ h_j s_j,   L = Σ h_j^{3/2} σ_j / √ADV_j.
 * The capacity at share φ of the sleeve's alpha α (annual fraction) solves c(A) = φα:
 *   A* = (N / 2τ) · ((φα − 2τ s̄) / (2τ Y L))²,
 * and is 0 when the spread alone (2τ s̄) already costs φα or more. A single holding has
 * h = 1 and L = σ/√ADV. Cost grows like √A, so quadrupling the capacity only doubles the impact
 * rate. Units: alpha, spread, costs and volatility fractions; ADV and AUM the same currency.
 *
 * ## Sizing the active risk
 * A client holds a fraction k of the team of active funds and 1 − k of the benchmark (an index
 * fund with no active risk). Its active return is k·α_team and its tracking error k·TE_team, so
 * k = TE_target / TE_team for a target tracking error, or k = α_target / α_team for an alpha
 * target. k > 1 would need leverage: reported (`feasible` false), not capped silently.
 *
 * ## Alpha–team correlation
 * corr(a_i, a_team) = (Σw)_i / (σ_i · TE) with a_team = Σ w_j a_j, Σ the alpha covariance and
 * σ_i = √Σ_ii: a fund whose alpha is negatively correlated with the team's active return lowers
 * the team's tracking error at the margin (its marginal contribution to TE is negative).
 */
import { ArgumentError, checkCovariance, checkVector, type Mat, type Vec } from "../validation";
import { dot, matVec } from "./linear-algebra";

/** One holding of a sleeve, for `sleeveCapacity`. */
export interface SleeveHolding {
  /** Weight in the sleeve (the weights are normalised to sum to 1). */
  weight: number;
  /** Half bid-ask spread, fraction of price. */
  halfSpread: number;
  /** Daily volatility, fraction. */
  dailyVolatility: number;
  /** Average daily traded value, currency. */
  adv: number;
}

export interface CapacityInput {
  /** Expected annual alpha of the sleeve, fraction (0.02 = 200 bps). */
  alpha: number;
  /** Share φ of the alpha that costs may take, in (0, 1]. */
  costShare: number;
  /** One-way annual turnover τ, fraction (> 0). */
  annualTurnover: number;
  /** Rebalances per year N (> 0; default 12). */
  rebalancesPerYear?: number;
  /** Square-root impact coefficient Y (default 1, as in costs.ts). */
  impactCoefficient?: number;
  holdings: readonly SleeveHolding[];
}

export interface CapacityResult {
  /** AUM A* at which the annual cost rate equals φα (currency); 0 if the spread alone exceeds it. */
  capacity: number;
  /** 2τ s̄: annual spread cost rate, fraction (independent of AUM). */
  spreadCostRate: number;
  /** L = Σ h^{3/2} σ / √ADV (1/√currency). */
  liquidity: number;
  /** φα, the cost budget, fraction per year. */
  costBudget: number;
}

function capacityInputs(fn: string, input: CapacityInput) {
  const pos = (name: string, v: number, allowZero = false) => {
    if (!Number.isFinite(v) || (allowZero ? v < 0 : !(v > 0)))
      throw new ArgumentError({
        where: fn,
        argument: name,
        value: v,
        problem: `is ${v}, expected ${allowZero ? "≥ 0" : "> 0"}`,
      });
    return v;
  };
  pos("alpha", input.alpha);
  if (!(input.costShare > 0 && input.costShare <= 1))
    throw new ArgumentError({ where: fn, argument: "costShare", value: input.costShare, problem: "expected (0, 1]" });
  const tau = pos("annualTurnover", input.annualTurnover);
  const N = pos("rebalancesPerYear", input.rebalancesPerYear ?? 12);
  const Y = pos("impactCoefficient", input.impactCoefficient ?? 1);
  if (!Array.isArray(input.holdings) || input.holdings.length === 0)
    throw new ArgumentError({ where: fn, argument: "holdings", problem: "is empty" });
  const hw = input.holdings.map((h, j) => pos(`holdings[${j}].weight`, h.weight, true));
  const tw = hw.reduce((a, b) => a + b, 0);
  if (!(tw > 0)) throw new ArgumentError({ where: fn, argument: "holdings", problem: "weights sum to 0" });
  let sBar = 0;
  let L = 0;
  input.holdings.forEach((h, j) => {
    pos(`holdings[${j}].halfSpread`, h.halfSpread, true);
    pos(`holdings[${j}].dailyVolatility`, h.dailyVolatility, true);
    pos(`holdings[${j}].adv`, h.adv);
    const w = hw[j] / tw;
    sBar += w * h.halfSpread;
    L += (w ** 1.5 * h.dailyVolatility) / Math.sqrt(h.adv);
  });
  return { tau, N, Y, sBar, L };
}

/** Annual cost rate c(A) (fraction of AUM per year) of running the sleeve at AUM `aum` (module comment). */
export function sleeveCostRate(input: CapacityInput, aum: number): number {
  const { tau, N, Y, sBar, L } = capacityInputs("sleeveCostRate", input);
  if (!(aum >= 0) || !Number.isFinite(aum))
    throw new ArgumentError({
      where: "sleeveCostRate",
      argument: "aum",
      value: aum,
      problem: "expected a finite number ≥ 0",
    });
  return 2 * tau * sBar + 2 * tau * Y * L * Math.sqrt((2 * tau * aum) / N);
}

/** The AUM at which costs eat the share φ of the alpha (formula in the module comment). */
export function sleeveCapacity(input: CapacityInput): CapacityResult {
  const { tau, N, Y, sBar, L } = capacityInputs("sleeveCapacity", input);
  const budget = input.costShare * input.alpha;
  const spread = 2 * tau * sBar;
  const room = budget - spread;
  let capacity: number;
  if (room <= 0) capacity = 0;
  else if (L === 0) capacity = Number.POSITIVE_INFINITY;
  else capacity = (N / (2 * tau)) * (room / (2 * tau * Y * L)) ** 2;
  return { capacity, spreadCostRate: spread, liquidity: L, costBudget: budget };
}

export interface ActiveRiskSizing {
  /** Fraction k of the portfolio in the active team (1 − k in the benchmark). */
  activeShare: number;
  /** k·α_team and k·TE_team (same units as the inputs). */
  alpha: number;
  trackingError: number;
  /** k ≤ 1: reachable without leverage. */
  feasible: boolean;
}

/**
 * Size the active team to a client's target tracking error or alpha (module comment):
 * k = target TE / team TE, or target alpha / team alpha. Exactly one target must be given.
 */
export function sizeActiveRisk(
  teamAlpha: number,
  teamTrackingError: number,
  target: { trackingError: number } | { alpha: number },
): ActiveRiskSizing {
  const fn = "sizeActiveRisk";
  if (!Number.isFinite(teamAlpha))
    throw new ArgumentError({
      where: fn,
      argument: "teamAlpha",
      value: teamAlpha,
      problem: "expected a finite number",
    });
  if (!(teamTrackingError > 0) || !Number.isFinite(teamTrackingError))
    throw new ArgumentError({
      where: fn,
      argument: "teamTrackingError",
      value: teamTrackingError,
      problem: "expected > 0",
    });
  const hasTe = "trackingError" in target;
  const hasAlpha = "alpha" in target;
  if (hasTe === hasAlpha)
    throw new ArgumentError({ where: fn, argument: "target", problem: "give exactly one of trackingError or alpha" });
  let k: number;
  if ("trackingError" in target) {
    const t = target.trackingError;
    if (!(t >= 0) || !Number.isFinite(t))
      throw new ArgumentError({ where: fn, argument: "target.trackingError", value: t, problem: "expected ≥ 0" });
    k = t / teamTrackingError;
  } else {
    const t = target.alpha;
    if (!Number.isFinite(t) || t < 0)
      throw new ArgumentError({ where: fn, argument: "target.alpha", value: t, problem: "expected ≥ 0" });
    if (!(teamAlpha > 0))
      throw new ArgumentError({
        where: fn,
        argument: "teamAlpha",
        value: teamAlpha,
        problem: "must be > 0 to size to an alpha target",
      });
    k = t / teamAlpha;
  }
  return { activeShare: k, alpha: k * teamAlpha, trackingError: k * teamTrackingError, feasible: k <= 1 + 1e-12 };
}

/** corr(a_i, Σ_j w_j a_j) = (Σw)_i / (σ_i·TE) for each fund (module comment); NaN where σ_i = 0. */
export function alphaTeamCorrelations(weights: Vec, cov: Mat): number[] {
  const fn = "alphaTeamCorrelations";
  const w = checkVector(fn, "weights", weights);
  const s = checkCovariance(fn, "cov", cov, w.length, { psd: true });
  const sw = matVec(s, w);
  const v = dot(w, sw);
  if (!(v > 0)) throw new ArgumentError({ where: fn, argument: "weights", problem: "give a zero tracking error" });
  const te = Math.sqrt(v);
  return sw.map((x, i) => (s[i][i] > 0 ? x / (Math.sqrt(s[i][i]) * te) : Number.NaN));
}
