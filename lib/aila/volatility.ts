/**
 * Daily simple returns of the AiLA assets and the exponentially weighted (EWMA) volatility used
 * for the asset volatilities σ_i of the equal-risk allocation and for the index-PnL volatility of
 * the risk target (AiLA methodology, reference file 003: "exponentially moving average with a
 * lookback window of about 2–3 months"). The EWMA estimator itself lives with the other risk
 * models in lib/statistics/risk-models.ts (zero-mean, RiskMetrics style: λ = 1 − 2/(L + 1), seeded
 * with the mean of the first L squared returns, σ_t = √(A·v_t)); it is re-exported here.
 *
 * Dates / alignment: σ_t uses returns up to and including day t, i.e. it is known after the close
 * of t (weights are computed just after the close).
 */
export { type EwmaOptions, ewmaVolatility } from "../statistics/risk-models";

/** Simple returns from a price series with NaN on holidays: r_t = P_t / P_prev − 1 with P_prev the
 *  last valid price; NaN on holidays and on the first valid day. Throws on a price ≤ 0. */
export function simpleReturns(prices: ArrayLike<number>, name = "prices"): Float64Array {
  const r = new Float64Array(prices.length).fill(Number.NaN);
  let prev = Number.NaN;
  for (let t = 0; t < prices.length; t++) {
    const p = prices[t];
    if (Number.isNaN(p)) continue;
    if (!(p > 0) || !Number.isFinite(p))
      throw new Error(`simpleReturns: ${name} has a non-positive or infinite price ${p} at row ${t}`);
    if (!Number.isNaN(prev)) r[t] = p / prev - 1;
    prev = p;
  }
  return r;
}
