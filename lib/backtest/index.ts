/**
 * backtest: strategy returns from the model's predictions (article In[40]–In[43]), the base index
 * joined by date (In[44]), cumulative returns and Sharpe ratios (In[45]–In[47]), the performance
 * table beyond the article and the figures (In[48], drawdowns).
 *
 * The performance measures live in lib/statistics (the layer below) and are re-exported here by
 * name, so `backtest.sharpeRatio`, `backtest.maxDrawdown` etc. are the same functions as
 * `statistics.sharpeRatio`, `statistics.maxDrawdown`.
 */

export {
  BACKTEST_CORRECTED as CORRECTED,
  BACKTEST_ERRATA_TABLE as ERRATA_TABLE,
  BACKTEST_FAITHFUL as FAITHFUL,
  type BacktestErrata,
  resolveBacktestErrata as resolveErrata,
} from "../errata";
export { activeReturns, exPostTrackingError, hitRate, informationRatio } from "../statistics/active-returns";
export { cagr, compoundedCumulative, growthOfOne } from "../statistics/compounding";
export { calmarRatio, drawdownSeries, maxDrawdown } from "../statistics/drawdown";
export { finiteMean as mean, finiteSampleStd as sampleStd } from "../statistics/finite-moments";
export { MONTHLY_PERIODS } from "../statistics/periods";
export {
  isNumericallyZeroDeviation,
  type SharpeOptions,
  type SharpeRatioDetail,
  sharpeRatio,
  sharpeRatioDetail,
  ZERO_DEVIATION_REL_TOL,
  zeroDeviationThreshold,
} from "../statistics/sharpe-ratio";
export { annualVolatility } from "../statistics/volatility";
export * from "./base-index";
export * from "./cumulative";
export * from "./figures";
export * from "./performance-table";
export * from "./report";
export * from "./sharpe";
export * from "./strategy-returns";
export * from "./summary";
export * from "./turnover";
