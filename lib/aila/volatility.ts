/**
 * Exponentially weighted (EWMA) volatility of daily returns, as used for the asset volatilities
 * σ_i of the equal-risk allocation and for the index-PnL volatility of the risk target (AiLA
 * methodology, reference file 003: "exponentially moving average with a lookback window of about
 * 2–3 months").
 *
 * Definition (zero-mean, RiskMetrics style, decay from a span-like lookback L):
 *   λ = 1 − 2/(L + 1)
 *   v_L = (1/L)·Σ_{k=1..L} r_k²                (seed: plain mean of the first L squared returns)
 *   v_t = λ·v_{t−1} + (1 − λ)·r_t²   for t > L
 *   σ_t = √(A·v_t)                              (A = 252 annualises; A = 1 gives daily volatility)
 * where r_k is the k-th observed return. Before L returns have been observed σ_t is NaN (warm-up).
 *
 * Dates / alignment: σ_t uses returns up to and including day t, i.e. it is known after the close
 * of t (weights are computed just after the close).
 */

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

export interface EwmaOptions {
  /** Lookback L in observations (default 63 ≈ 3 months of business days). */
  lookback?: number;
  /** Annualisation factor A (default 252; 1 for daily volatility). */
  annualisation?: number;
}

/**
 * EWMA volatility of a daily return series (fraction, annualised by `annualisation`).
 * NaN returns (holidays) are skipped: σ carries its previous value on such days.
 * NaN while fewer than `lookback` returns have been observed.
 */
export function ewmaVolatility(returns: ArrayLike<number>, opts: EwmaOptions = {}): Float64Array {
  const L = opts.lookback ?? 63;
  const A = opts.annualisation ?? 252;
  if (!(Number.isInteger(L) && L >= 1)) throw new Error(`ewmaVolatility: lookback must be an integer ≥ 1, got ${L}`);
  const lambda = 1 - 2 / (L + 1);
  const out = new Float64Array(returns.length).fill(Number.NaN);
  let count = 0;
  let v = 0;
  for (let t = 0; t < returns.length; t++) {
    const r = returns[t];
    if (!Number.isNaN(r)) {
      count++;
      if (count < L) v += r * r;
      else if (count === L) v = (v + r * r) / L;
      else v = lambda * v + (1 - lambda) * r * r;
    }
    if (count >= L) out[t] = Math.sqrt(A * v);
  }
  return out;
}
