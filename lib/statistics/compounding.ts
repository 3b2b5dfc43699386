/**
 * Compounding of per-period simple returns r_1..r_n: the growth of 1, the compounded cumulative
 * return and the compound annual growth rate (empyrical `cum_returns`, `cagr`).
 *
 * Units: percent (r = 1.5 means +1.5 %, the default) or fractions (0.015); u = 100 for percent, 1
 * for fractions. Growth of 1 invested before the first period: G_0 = 1, G_t = G_{t−1}·(1 + r_t/u)
 * (a multiple, not percent); the wealth path is G_0..G_n. Compounded cumulative return at t:
 * (G_t − 1)·u. With g = G_n/G_0 the growth over n periods and P periods per year (years = n/P):
 *   CAGR = (g^(P/n) − 1)·u, and −1·u (a total loss) when g ≤ 0.
 * Every value belongs to the date of the period it ends with. Inputs must be finite (a NaN is an
 * error naming its row, never propagated).
 */
import { checkFiniteReturns } from "../validation";
import { MONTHLY_PERIODS } from "./periods";

/** Percent (1.5 = 1.5 %) or fractions (0.015). */
export type PerformanceUnits = "percent" | "fraction";

/** u: 100 for percent, 1 for fractions. */
export function unitScale(units: PerformanceUnits = "percent"): number {
  return units === "percent" ? 100 : 1;
}

/** Growth of 1 invested before the first period: G_t = Π_{s≤t}(1 + r_s/u), t = 1..n (a multiple, not percent). */
export function growthOfOne(returns: ArrayLike<number>, units: PerformanceUnits = "percent"): number[] {
  checkFiniteReturns(returns, "growthOfOne");
  const u = unitScale(units);
  const out: number[] = [];
  let g = 1;
  for (let i = 0; i < returns.length; i++) out.push((g *= 1 + returns[i] / u));
  return out;
}

/** The wealth path G_0 = 1, G_1..G_n of `growthOfOne` (n + 1 values). */
export function wealthPath(returns: ArrayLike<number>, units: PerformanceUnits = "percent"): number[] {
  return [1, ...growthOfOne(returns, units)];
}

/** The compounded return (g − 1)·u of a growth multiple g. */
export function growthToReturn(growth: number, units: PerformanceUnits = "percent"): number {
  return (growth - 1) * unitScale(units);
}

/** Compounded cumulative return at each period, (G_t − 1)·u (percent by default); same length. */
export function compoundedCumulative(returns: ArrayLike<number>, units: PerformanceUnits = "percent"): number[] {
  return growthOfOne(returns, units).map((g) => growthToReturn(g, units));
}

/**
 * CAGR of a growth multiple g over `periods` periods: (g^(P/periods) − 1)·u, or −u (a total loss)
 * when g ≤ 0.
 */
export function cagrOfGrowth(
  growth: number,
  periods: number,
  periodsPerYear: number,
  units: PerformanceUnits = "percent",
): number {
  const u = unitScale(units);
  if (growth <= 0) return -u;
  return (growth ** (periodsPerYear / periods) - 1) * u;
}

/** Compound annual growth rate of n per-period returns (percent by default; P = 12 for monthly). */
export function cagr(
  returns: ArrayLike<number>,
  periodsPerYear = MONTHLY_PERIODS,
  units: PerformanceUnits = "percent",
): number {
  const g = growthOfOne(returns, units);
  return cagrOfGrowth(g[g.length - 1], returns.length, periodsPerYear, units);
}
