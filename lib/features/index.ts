/** features: In[18]-In[31] — factor-weighted features, macro/market alignment, labels, feature list. */
// align: Monthly changes and date alignment of macro / market series (article In[21]-In[26]).
export {
  alignByDate,
  allignDatesByPosition,
  assertCompleteSeries,
  ffill,
  frameFromSeries,
  pctChange,
  type SeriesPoint,
} from "./align";
// factor-features: Factor-based features and factor returns (article In[18]).
export {
  FACTOR_FEATURE_COLUMNS,
  FACTOR_RETURN_COLUMNS,
  type FactorReturnMonth,
  type FactorReturnOptions,
  factorFeatureDetail,
  factorFeatures,
  factorOfReturnColumn,
  factorPortfolio,
  factorPortfolios,
} from "./factor-features";
// frame: A small monthly frame: rows indexed by ISO month-end dates, named columns, column-major value…
export { column, concatColumns, type MonthlyFrame, takeRows } from "./frame";
// labels: Labels and the feature list (article In[28]-In[31]).
export {
  bestNextMonth,
  classCounts,
  countsSideBySide,
  featureColumns,
  formatClassCounts,
  LABEL_COLUMNS,
  type LabelledTable,
  labelledDisplay,
  labelsWithMomentum,
  labelTable,
} from "./labels";
// market-features: Macro, FX, index, bond and commodity features (article In[19]-In[27]).
export {
  alignBlock,
  articleBlocks,
  type BlockSpec,
  type CommonSpan,
  commonSpan,
  type FetchedSeries,
  fetchBlock,
  fetchSeries,
  type HistorySource,
  lagged,
  MACRO_RICS,
  type MarketBlock,
  marketFeatures,
  marketFeaturesInSpan,
  modelTable,
  positionalAlignmentCheck,
  type SeriesCoverage,
  seriesCoverage,
} from "./market-features";
// pipeline: The article's data flow from the field table to the labelled model table (In[7]-In[31]) in one
export {
  articlePipeline,
  describeTrimmed,
  type PipelineOptions,
  type PipelineResult,
  type PipelineSource,
  type TrimmedMonths,
  trimModelTable,
} from "./pipeline";
