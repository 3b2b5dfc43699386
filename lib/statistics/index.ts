/** statistics: descriptive statistics, the one performance table, and the risk models (issue 18). */

// Descriptive statistics of one sample (descriptive.ts): mean, variance / std with ddof, median,
// StandardScaler moments.
export {
  mean,
  median,
  populationStd,
  populationVariance,
  type StandardScalerMoments,
  sampleStd,
  sampleVariance,
  standardScalerMoments,
  std,
  variance,
} from "./descriptive";

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
