/**
 * Unconstrained weights wU (AiLA methodology, reference 003, "Unconstrained weights"): the ideal
 * risk-balanced portfolio of the assets with an active long/short signal, before caps.
 *
 * Per business day t (after the close), for active assets (signal s_i = ±1 and a known σ_i):
 *   S_i     = 1 if long, −rLS if short               (long/short ratio rLS, default 1)
 *   wVol_i  = S_i / (σ_i · Σ_j |S_j|)                 (equal risk: every active asset carries the
 *                                                      same volatility |S_i|/Σ|S|; σ_i annualised
 *                                                      EWMA volatility, see volatility.ts)
 *   wNeff_i = √N_eff · wVol_i                         (optional N-effective scaling, n-effective.ts:
 *                                                      under the block risk model the portfolio
 *                                                      then has unit (100 %) annual volatility
 *                                                      whatever the number of assets)
 *   wU_i    = k_t · wNeff_i (or k_t · wVol_i)         (risk target, risk-target.ts)
 * Assets whose volatility is still in warm-up (NaN) or zero are treated as flat that day.
 *
 * Units: weights are fractions of index value; σ annualised fractions. Day t weights use data up
 * to and including t and are the input of the constraint fit of the same evening.
 */
import { nEffective } from "./n-effective";

export interface UnitWeightsOptions {
  /** Long/short ratio rLS > 0 (default 1). */
  rLS?: number;
  /** Apply the N-effective scaling (needs `groups`). */
  nEffective?: boolean;
  /** Group label per asset for the block risk model. */
  groups?: ArrayLike<number | string>;
}

/** Equal-risk (and optionally N_eff-scaled) weights for one day, before the risk target. */
export function unitRiskWeights(
  signals: ArrayLike<number>,
  vols: ArrayLike<number>,
  opts: UnitWeightsOptions = {},
): { weights: Float64Array; nEff: number; active: number } {
  const rLS = opts.rLS ?? 1;
  if (!(rLS > 0)) throw new Error(`unitRiskWeights: long/short ratio rLS must be > 0, got ${rLS}`);
  const n = signals.length;
  const eff = new Float64Array(n); // effective signal: ±1 only where σ is usable
  let gross = 0;
  let active = 0;
  for (let i = 0; i < n; i++) {
    const s = signals[i];
    if (s !== 1 && s !== -1 && s !== 0 && !Number.isNaN(s))
      throw new Error(`unitRiskWeights: signal of asset #${i} is ${s}; expected −1, 0 or 1`);
    if ((s === 1 || s === -1) && vols[i] > 0 && Number.isFinite(vols[i])) {
      eff[i] = s;
      gross += s > 0 ? 1 : rLS;
      active++;
    }
  }
  const weights = new Float64Array(n);
  if (active === 0) return { weights, nEff: 0, active };
  let nEff = Number.NaN;
  let k = 1;
  if (opts.nEffective) {
    if (!opts.groups) throw new Error("unitRiskWeights: nEffective needs groups");
    nEff = nEffective(eff, opts.groups, rLS);
    k = Math.sqrt(nEff);
  }
  for (let i = 0; i < n; i++) if (eff[i] !== 0) weights[i] = (k * (eff[i] > 0 ? 1 : -rLS)) / (vols[i] * gross);
  return { weights, nEff, active };
}
