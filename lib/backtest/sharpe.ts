/**
 * The article's and the corrected Sharpe ratio of monthly percent returns: lib/statistics/
 * sharpe-ratio.ts's `sharpeRatio` (mean/std(ddof 1)·√P, NaN for a numerically constant series)
 * with the article's and the correct annualisation.
 * - Article (In[46]): P = 252 although the returns are monthly — an erratum; it multiplies mean
 *   and std by 100 (cancels) and its `risk_free_rate` is in the same units as the returns.
 * - Corrected: P = 12 for monthly returns (empyrical / quantstats). The corrected value is the
 *   article's divided by √21 exactly.
 * The ratio is unit-free; `riskFree` is a percent per month like the returns.
 */
import { MONTHLY_PERIODS } from "../statistics/periods";
import { sharpeRatio } from "../statistics/sharpe-ratio";

/** Periods per year the article uses for its monthly Sharpe ratio (an erratum). */
export const ARTICLE_SHARPE_PERIODS = 252;

/** The article's Sharpe ratio (In[46]): monthly mean/std(ddof 1) · √252. */
export function articleSharpeRatio(returns: ArrayLike<number>, riskFree = 0): number {
  return sharpeRatio(returns, { periodsPerYear: ARTICLE_SHARPE_PERIODS, riskFree });
}

/** The corrected Sharpe ratio of monthly returns: mean/std(ddof 1) · √12. */
export function correctedSharpeRatio(returns: ArrayLike<number>, riskFree = 0): number {
  return sharpeRatio(returns, { periodsPerYear: MONTHLY_PERIODS, riskFree });
}
