/**
 * Cumulative performance of a series of monthly percent returns r_1..r_n.
 *
 * - Article (In[45]): cumulative return = running sum Σ_{s≤t} r_s, in percent. Adding monthly
 *   percentages ignores compounding (an erratum: +10 % then −10 % sums to 0 % but loses 1 %).
 * - Corrected: growth of 1, G_t = Π_{s≤t} (1 + r_s/100), and the compounded cumulative return
 *   (G_t − 1)·100 in percent (empyrical `cum_returns`): lib/statistics/compounding.ts's
 *   `growthOfOne` and `compoundedCumulative`.
 * Every value belongs to the month-end date of the return it ends with. Inputs must be finite
 * (a NaN is an error naming its position, never propagated).
 */
import { compoundedCumulative } from "../statistics/compounding";
import { checkFiniteReturns } from "../validation";

/** Running sum of percent returns (article In[45], pandas `cumsum`), percent; same length. */
export function cumulativeSum(returns: ArrayLike<number>): number[] {
  checkFiniteReturns(returns, "cumulativeSum");
  const out: number[] = [];
  let s = 0;
  for (let i = 0; i < returns.length; i++) out.push((s += returns[i]));
  return out;
}

/** Total cumulative return over the whole series, percent: `"sum"` (article) or `"compound"`. */
export function totalReturn(returns: ArrayLike<number>, method: "sum" | "compound"): number {
  const path = method === "sum" ? cumulativeSum(returns) : compoundedCumulative(returns);
  return path[path.length - 1];
}
