/** Index methodology (AiLA): volatility, N-effective, unconstrained / constrained weights, rebalancing, index level. */

// aila-index: The AiLA index end to end (reference 003) on a daily data set: unconstrained weights wU →
export {
  type AilaParams,
  type AilaResult,
  type AilaUniverse,
  ailaUniverse,
  assetBucketCosts,
  assetReturns,
  assetSharpePath,
  assetVolatilities,
  type BucketCosts,
  type ContractSchedule,
  type CorrelationPreferenceParams,
  capPath,
  constrainedWeightPath,
  contractSchedule,
  equalWeightPath,
  equalWeightTargets,
  explainDay,
  type FitSummary,
  grossTurnover,
  indexCurrencyFx,
  type ResolvedAilaParams,
  resolveAilaParams,
  riskTargetWeights,
  runAilaIndex,
  sectorGross,
  targetWeightPath,
  tradingCostRate,
  tradingMask,
  type UnitWeightPath,
  unitWeightPath,
  weeklyIndices,
} from "./aila-index";
// asset-sharpe: Historical Sharpe ratios of the assets' signal-following positions, for the Sharpe floor of t…
export { type AssetSharpeOptions, signalSharpeRatios } from "./asset-sharpe";
// calendars: Exchange calendars for the daily sample: weekday business days minus rule-based holidays, and
export { CALENDARS, type CalendarId, easterSunday, holidays, isBusinessDay, weekdaysBetween } from "./calendars";
// constrained-weights: Constrained weights wC: the weight vector closest in angle to the unconstrained weights wU th…
export {
  type ConstrainedFit,
  type ConstrainedFitOptions,
  type ConstrainedFitProblem,
  type ConstrainedFitStatus,
  type ConstrainedFitWarmStart,
  fitConstrainedWeights,
  fitConstrainedWeightsSeries,
  maxFeasibleSum,
  vectorAngle,
} from "./constrained-weights";
// correlation-bias: Optional standard-index correlation preference (AiLA methodology, reference 003, "Index
export {
  type BiasCertificate,
  biasKktCertificate,
  CORRELATION_DEGREE_ANGLES,
  CORRELATION_DEGREE_NAMES,
  type CorrelationBias,
  type CorrelationBiasInput,
  type CorrelationBiasReason,
  type CorrelationDegree,
  type CorrelationPreference,
  correlationBias,
  correlationDegreeAngle,
  type FaceCode,
  projectCircularCone,
  projectConeFace,
  standardIndexCorrelation,
} from "./correlation-bias";
// daily-data: The daily data set of the index methodology (AiLA, reference 003): a universe of futures-like
export {
  DAILY_FILES,
  type DailyAsset,
  type DailyDataset,
  readDailySample,
  SECTORS,
  type Sector,
  standardWeightsOn,
} from "./daily-data";
// figures: Plotly figures of an AiLA run (notebook 02). Each builder is a pure function from a run
export {
  assetWeightPathFigure,
  capUsageFigure,
  indexLevelFigure,
  sectorGrossFigure,
  weeklyTurnoverFigure,
} from "./figures";
// index-level: Index level (AiLA methodology, reference 003, "Index wide aspects" and "Partial index
export { type IndexLevel, indexLevel } from "./index-level";
// index-report: Summaries of an AiLA run for the notebook: performance statistics of an index level, fit
export {
  bindingCounts,
  calendarClosureTable,
  capUsage,
  clippedSharpeAverage,
  correlationDegreeTable,
  correlationPreferenceDayTable,
  fitStatusCounts,
  fitSummaryTable,
  type LevelStatistics,
  levelStatistics,
  type RunSummary,
  realisedStandardCorrelation,
  runSummary,
  sectorCapTable,
  type TradeBalancingSummary,
  tradeBalancingSummary,
  weeklySums,
} from "./index-report";
// n-effective: Effective number of assets N_eff from the block risk model (AiLA methodology, reference 003,
export { nEffective } from "./n-effective";
// rebalancing: Index weights (AiLA methodology, reference 003, "Index weights"): daily rebalancing caps by
export {
  type ActualWeightPathInput,
  ASSET_CAP_MULTIPLE,
  actualWeightPath,
  businessDayCounter,
  type CapLogic,
  expiryBucket,
  expirySchedule,
  inTradeBalancingPeriod,
  type RebalanceStep,
  rebalanceStep,
  rebalancingCap,
  TRADE_BALANCING_DAYS,
} from "./rebalancing";
// risk-target: Risk-target scaling (AiLA methodology, reference 003, "Risk target"): the unit-risk weights a…
export { portfolioReturns, type RiskTarget, type RiskTargetOptions, riskTargetScale } from "./risk-target";
// unconstrained-weights: Unconstrained weights wU (AiLA methodology, reference 003, "Unconstrained weights"): the ideal
export { type UnitWeightsOptions, unitRiskWeights } from "./unconstrained-weights";
// volatility: Daily simple returns of the AiLA assets and the exponentially weighted (EWMA) volatility used
export { type EwmaOptions, ewmaVolatility, simpleReturns } from "./volatility";
