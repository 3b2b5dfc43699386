/**
 * Cumulative performance of a series of monthly percent returns r_1..r_n.
 *
 * - Article (In[45]): cumulative return = running sum Σ_{s≤t} r_s, in percent. Adding monthly
 *   percentages ignores compounding (an erratum: +10 % then −10 % sums to 0 % but loses 1 %).
 * - Corrected: growth of 1, G_t = Π_{s≤t} (1 + r_s/100), and the compounded cumulative return
 *   (G_t − 1)·100 in percent (empyrical `cum_returns`).
 * Every value belongs to the month-end date of the return it ends with. Inputs must be finite
 * (a NaN is an error naming its position, never propagated).
 */

/** Throws unless `returns` is a non-empty array of finite numbers; `what` names it in messages. */
export function assertFiniteReturns(returns: ArrayLike<number>, what: string, minLength = 1): void {
  if (returns.length < minLength)
    throw new Error(`${what}: need at least ${minLength} return(s), got ${returns.length}`);
  for (let i = 0; i < returns.length; i++) {
    const r = returns[i];
    if (typeof r !== "number" || !Number.isFinite(r)) throw new Error(`${what}: return at row ${i} is ${String(r)}`);
  }
}

/** Running sum of percent returns (article In[45], pandas `cumsum`), percent; same length. */
export function cumulativeSum(returns: ArrayLike<number>): number[] {
  assertFiniteReturns(returns, "cumulativeSum");
  const out: number[] = [];
  let s = 0;
  for (let i = 0; i < returns.length; i++) out.push((s += returns[i]));
  return out;
}

/** Growth of 1 invested before the first month: G_t = Π_{s≤t}(1 + r_s/100) (a multiple, not percent). */
export function growthOfOne(returns: ArrayLike<number>): number[] {
  assertFiniteReturns(returns, "growthOfOne");
  const out: number[] = [];
  let g = 1;
  for (let i = 0; i < returns.length; i++) out.push((g *= 1 + returns[i] / 100));
  return out;
}

/** Compounded cumulative return in percent at each month: (G_t − 1)·100. */
export function compoundedCumulative(returns: ArrayLike<number>): number[] {
  return growthOfOne(returns).map((g) => (g - 1) * 100);
}

/** Total cumulative return over the whole series, percent: `"sum"` (article) or `"compound"`. */
export function totalReturn(returns: ArrayLike<number>, method: "sum" | "compound"): number {
  const path = method === "sum" ? cumulativeSum(returns) : compoundedCumulative(returns);
  return path[path.length - 1];
}
