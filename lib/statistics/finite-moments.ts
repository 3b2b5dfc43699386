/**
 * Mean and sample standard deviation of a return series that must be finite: descriptive.ts's
 * `mean` and `sampleStd` after lib/validation.ts's `checkFiniteReturns`, so a NaN or ±Infinity is
 * an error naming its row ("mean: return at row 3 is NaN", "sampleStd: need at least 2 return(s),
 * got 1") instead of a NaN result. The performance measures (Sharpe ratio, volatility, tracking
 * error, information ratio) compute their moments with these; lib/backtest exports them as `mean`
 * and `sampleStd`.
 */
import { checkFiniteReturns } from "../validation";
import { mean, sampleStd } from "./descriptive";

/** Arithmetic mean Σx/n of finite returns (descriptive.ts `mean`); throws on NaN, ±Infinity or no value. */
export function finiteMean(xs: ArrayLike<number>): number {
  checkFiniteReturns(xs, "mean");
  return mean(xs);
}

/**
 * Sample standard deviation (ddof 1, pandas `std()`; descriptive.ts `sampleStd`) of finite
 * returns; needs at least 2 values.
 */
export function finiteSampleStd(xs: ArrayLike<number>): number {
  checkFiniteReturns(xs, "sampleStd", 2);
  return sampleStd(xs);
}
