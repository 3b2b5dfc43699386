/**
 * Risk-target scaling (AiLA methodology, reference 003, "Risk target"): the unit-risk weights are
 * scaled by k_t so that the index has the user's risk level, judged from the EWMA volatility of
 * the historical PnL of the unscaled portfolio.
 *
 *   p_t  = Σ_i wUnit_{t−1,i} · r_{t,i}          (return of yesterday's unit portfolio; a holiday
 *                                                return counts as 0)
 *   σ_t  = EWMA volatility of p up to t (lib/statistics/risk-models.ts, annualised with 252)
 *   vol target RT_vol:               k_t = RT_vol / σ_t
 *   max daily drawdown RT_ddd:       k_t = RT_ddd / (z · σ_t / √252)   (z = 2.326: the daily loss
 *                                    exceeded on 1 % of days under a normal approximation)
 *   k_t is capped at `maxScale` (default 10) and is 0 while σ_t is in warm-up (no allocation).
 */
import { ewmaVolatility } from "../statistics/risk-models";

export type RiskTarget =
  | { type: "volatility"; target: number }
  | { type: "max-daily-drawdown"; target: number; z?: number };

export interface RiskTargetOptions {
  lookback?: number;
  maxScale?: number;
}

/** Daily PnL (fraction of index value) of holding day t−1's weights over day t. */
export function portfolioReturns(
  weights: readonly ArrayLike<number>[],
  returns: readonly ArrayLike<number>[],
): Float64Array {
  const T = weights.length;
  const p = new Float64Array(T);
  for (let t = 1; t < T; t++) {
    let s = 0;
    const w = weights[t - 1];
    for (let i = 0; i < w.length; i++) {
      const r = returns[i][t];
      if (w[i] !== 0 && !Number.isNaN(r)) s += w[i] * r;
    }
    p[t] = s;
  }
  return p;
}

/** Scale factor k_t per day (see module comment). */
export function riskTargetScale(pnl: ArrayLike<number>, rt: RiskTarget, opts: RiskTargetOptions = {}): Float64Array {
  if (!(rt.target > 0)) throw new Error(`riskTargetScale: target must be > 0, got ${rt.target}`);
  const maxScale = opts.maxScale ?? 10;
  const vol = ewmaVolatility(pnl, { lookback: opts.lookback ?? 63, annualisation: 252 });
  const k = new Float64Array(pnl.length);
  for (let t = 0; t < pnl.length; t++) {
    const s = vol[t];
    if (!(s > 0)) continue;
    const raw = rt.type === "volatility" ? rt.target / s : rt.target / (((rt.z ?? 2.326) * s) / Math.sqrt(252));
    k[t] = Math.min(maxScale, raw);
  }
  return k;
}
