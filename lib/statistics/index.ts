/**
 * statistics: descriptive statistics, the performance measures and the one performance table, and
 * the risk models (issue 18). The layer below lib/backtest, lib/allocation and lib/aila: it imports
 * none of them (only lib/validation.ts).
 */

// Per-series performance measures, each in the module named for it; lib/backtest re-exports them.
export { activeReturns, exPostTrackingError, hitRate, informationRatio } from "./active-returns";
export {
  cagr,
  cagrOfGrowth,
  compoundedCumulative,
  growthOfOne,
  growthToReturn,
  unitScale,
  wealthPath,
} from "./compounding";
// Descriptive statistics (descriptive.ts): mean, variance / std with ddof, median, StandardScaler
// moments, Pearson correlation.
export {
  demean,
  mean,
  median,
  pearson,
  populationStd,
  populationVariance,
  type StandardScalerMoments,
  sampleStd,
  sampleVariance,
  standardScalerMoments,
  std,
  variance,
} from "./descriptive";
export { calmarOf, calmarRatio, drawdownSeries, maxDrawdown, pathDrawdowns, pathMaxDrawdown } from "./drawdown";
export { finiteMean, finiteSampleStd } from "./finite-moments";
// The performance table (performance.ts): periodsPerYear-aware CAGR, volatility, Sharpe, drawdown,
// risk against a benchmark, of returns (percent or fractions) or of index levels.
export {
  PERFORMANCE_STATISTICS,
  type PerformanceInput,
  type PerformanceOptions,
  type PerformanceStatistic,
  type PerformanceStatisticsOptions,
  type PerformanceTableOptions,
  type PerformanceTableRow,
  type PerformanceUnits,
  performanceStatistics,
  performanceTable,
} from "./performance";
export { MONTHLY_PERIODS } from "./periods";
// Risk models (risk-models.ts): covariance, correlation, shrinkage and EWMA volatility estimators.
export {
  constantCorrelationCovariance,
  correlationFromCovariance,
  correlationMatrix,
  covarianceFromCorrelation,
  covarianceMatrix,
  type EwmaOptions,
  ewmaVolatility,
  type LedoitWolfResult,
  ledoitWolfConstantCorrelation,
} from "./risk-models";
export {
  isNumericallyZeroDeviation,
  type SharpeOptions,
  type SharpeRatioDetail,
  sharpeRatio,
  sharpeRatioDetail,
  ZERO_DEVIATION_REL_TOL,
  zeroDeviationThreshold,
} from "./sharpe-ratio";
export { annualVolatility } from "./volatility";
