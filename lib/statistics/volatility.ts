/**
 * Annualised volatility of per-period returns: sd(r)·√P, sd the sample standard deviation
 * (ddof 1, empyrical / quantstats), P periods per year (12 for monthly returns). In the returns'
 * units (percent stays percent). Needs at least 2 finite returns (NaN is an error naming its row).
 * The EWMA volatility estimator of the risk models is risk-models.ts's `ewmaVolatility`.
 */
import { finiteSampleStd } from "./finite-moments";
import { MONTHLY_PERIODS } from "./periods";

/** Annualised volatility: sample std (ddof 1) · √periodsPerYear (default 12). Needs ≥ 2 returns. */
export function annualVolatility(returns: ArrayLike<number>, periodsPerYear = MONTHLY_PERIODS): number {
  return finiteSampleStd(returns) * Math.sqrt(periodsPerYear);
}
