/** pipeline: the whole notebook-01 chain as one call (CLI and Corrections section), and its views. */

export {
  ARTICLE_CORRECTED,
  ARTICLE_FAITHFUL,
  type ArticleErrata,
  type ArticleErrataInput,
  type ArticleErratumRow,
  articleErrataTable,
  ERRATA,
  type Erratum,
  type ErratumAlias,
  type ErratumArea,
  errataMarkdown,
  erratumById,
  MODEL_CORRECTED,
  MODEL_FAITHFUL,
  type ModelErrata,
  resolveArticleErrata,
} from "../errata";
// article-pipeline: The whole chain of notebook 01 (article cells In[1]–In[48]) in one call, returning every table
export {
  type ArticleRun,
  type ArticleSelection,
  type ArticleSplit,
  articleBacktest,
  articleFeatureSelection,
  articleFeatures,
  articleMetrics,
  articleSplit,
  articleWindowOptions,
  type FeatureImportanceRow,
  type ModelMetrics,
  type PipelineProgress,
  type RunOptions,
  rfeProgress,
  runArticlePipeline,
  runArticlePipelineParallel,
  runStudy,
  runStudyParallel,
} from "./article-pipeline";
// look-ahead: The look-ahead detector: perturb every input that becomes known after a date, rerun, and list
export {
  ailaDecisions,
  articleDecisions,
  type DecisionDiff,
  type Decisions,
  diffDecisions,
  diffKinds,
  type PerturbOptions,
  perturbAfter,
  perturbDailyAfter,
  strategicDecisions,
} from "./look-ahead";
// outputs: The files a pipeline run is saved as (the command-line run writes them; pure, so tests can
export { pipelineOutputs, runSummary, summarySideBySide } from "./outputs";
// study: One study configuration for notebook 01's chain: the index, the study window, the split date,
export {
  ARTICLE_STUDY,
  loadStudyConfig,
  parseStudyConfig,
  readJsonFile,
  type StudyConfig,
  StudyConfigError,
  type StudyConfigInput,
  type StudyWindow,
  studyWindow,
} from "./study";
// views: Small data helpers that notebook 01's cells In[32]–In[48] and its Corrections section use
export {
  compareHeadlines,
  compareSummaries,
  featureMatrix,
  importanceComparison,
  type ReturnsCell,
  returnsView,
  sampleWeightTable,
  type TestPredictions,
  testPredictionMonths,
  weightedReturnBreakdown,
} from "./views";
