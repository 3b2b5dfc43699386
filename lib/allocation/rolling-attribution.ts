/**
 * Attribution of a team of funds over time: for every month t from the `window`-th on, the team
 * inputs are re-estimated from the trailing `window` months of active returns ending at t
 * (months t − window + 1 … t, nothing after t: point in time) and the fixed fund weights are
 * attributed with `activeRiskAttribution` (reference 002: "regular attribution analysis").
 *
 * Per window (formulas of estimates.ts): α_i = 12·mean of the monthly active return (percent →
 * fraction /100), TE_i = √12·std (ddof 1), correlations the sample Pearson ones (no shrinkage),
 * Σ_ij = ρ_ij TE_i TE_j; team alpha Σ w_i α_i, team TE √(wᵀΣw), shares p_i = w_i α_i / team alpha
 * and q_i = w_i(Σw)_i / wᵀΣw, efficiency p_i − q_i (fractions; ×100 for percent). Input: aligned
 * monthly active returns in PERCENT, one series per fund, no NaN (use `estimateActiveRisk(...)
 * .activeReturns` and `.months`). A window in which some fund's active return is constant is an
 * error (tracking error 0).
 */
import { ArgumentError, checkVector, type Mat, type Vec } from "../validation";
import { activeRiskAttribution } from "./active-risk";
import { estimateFromActiveReturns } from "./estimates";

export interface RollingAttributionPoint {
  /** Last month of the window (ISO month end). */
  date: string;
  /** Team alpha and tracking error, annual fractions. */
  alpha: number;
  trackingError: number;
  informationRatio: number;
  /** Per fund: return share, risk share, efficiency (fractions). */
  returnShares: number[];
  riskShares: number[];
  efficiencies: number[];
}

/** Rolling-window attribution of fixed fund weights (module comment). */
export function rollingAttribution(
  active: Mat,
  months: readonly string[],
  weights: Vec,
  window = 60,
): RollingAttributionPoint[] {
  const fn = "rollingAttribution";
  const w = checkVector(fn, "weights", weights);
  if (active.length !== w.length)
    throw new ArgumentError({
      where: fn,
      argument: "active",
      value: active.length,
      problem: `has ${active.length} series for ${w.length} weights`,
    });
  const T = months.length;
  const rows = active.map((r, i) => checkVector(fn, `active[${i}]`, r, T));
  if (!Number.isInteger(window) || window < 3 || window > T)
    throw new ArgumentError({
      where: fn,
      argument: "window",
      value: window,
      problem: `is ${window}, expected an integer in [3, ${T}]`,
    });
  const out: RollingAttributionPoint[] = [];
  for (let end = window; end <= T; end++) {
    const slice = rows.map((r) => r.slice(end - window, end));
    const est = estimateFromActiveReturns(slice);
    const att = activeRiskAttribution(w, est.alphas, est.covariance);
    out.push({
      date: months[end - 1],
      alpha: att.activeReturn,
      trackingError: att.trackingError,
      informationRatio: att.informationRatio,
      returnShares: att.rows.map((r) => r.pctContributionToReturn),
      riskShares: att.rows.map((r) => r.pctContributionToRisk),
      efficiencies: att.rows.map((r) => r.efficiency),
    });
  }
  return out;
}
