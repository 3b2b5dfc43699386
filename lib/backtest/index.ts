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
// base-index: The base index's monthly returns, joined to the strategy table by date (article In[44]).
export { type DatedValue, joinIndexReturns, percentChanges } from "./base-index";
// cumulative: Cumulative performance of a series of monthly percent returns r_1..r_n.
export { cumulativeSum, totalReturn } from "./cumulative";
// figures: Plotly figures of the backtest (article In[48] and a drawdown chart). Pure builders: they ret…
export { type CumulativeFigureOptions, cumulativeReturnsFigure, drawdownFigure } from "./figures";
// performance-table: The performance table beyond the article: for every return series of a strategy table (each
export { type PerformanceOptions, type PerformanceRow, performanceTable } from "./performance-table";
// report: The whole backtest of the article's notebook in one call (In[40]–In[47] plus the performance
export { type BacktestReport, type BacktestReportOptions, backtestReport, rowsToCsv } from "./report";
// sharpe: The article's and the corrected Sharpe ratio of monthly percent returns: lib/statistics/
export { ARTICLE_SHARPE_PERIODS, articleSharpeRatio, correctedSharpeRatio } from "./sharpe";
// strategy-returns: Strategy returns of the factor-rotation backtest (article In[40]–In[43]).
export {
  nameProbabilities,
  type PredictionColumns,
  type PredictionMonth,
  predictionMonths,
  type ReturnsColumnsOptions,
  type ReturnsTable,
  returnSeries,
  returnsTableColumns,
  type StrategyReturnsOptions,
  strategyReturns,
  strategyWeights,
} from "./strategy-returns";
// summary: The article's performance summary (In[46]–In[47]): one row per return series (each factor, the
export {
  CORRECTED_SUMMARY,
  type SummaryOptions,
  type SummaryRow,
  summaryComparison,
  summaryOptionsFor,
  summaryTable,
} from "./summary";
// turnover: Factor-switch turnover of a rotation strategy and its return after a cost per switch.
export { returnsAfterCosts, switchesPerYear, switchFractions } from "./turnover";
