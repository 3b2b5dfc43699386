/** model: gradient-boosted classifier (two engines), preprocessing, RFE, expanding-window training, metrics. */
// booster-exact: Gradient-boosted trees with XGBoost's exact greedy split finder, re-implemented in TypeScript…
export {
  type BoosterData,
  type BoosterModel,
  type BoosterObjective,
  type BoosterParams,
  type BoosterTree,
  DEFAULT_BOOSTER_PARAMS,
  gainImportances,
  nodeScore,
  predictProbabilities,
  type RoundCallback,
  splitLossChange,
  type TrainOptions,
  trainBooster,
} from "./booster-exact";
// booster-helper: A second thread for one booster fit at a time: each round's class trees are grown on two threads.
export { BoosterHelper } from "./booster-helper";
// booster-json: JSON serialisation of a {@link BoosterModel} in XGBoost 1.7's JSON model layout
export { type BoosterJSON, boosterFromJSON, boosterToJSON } from "./booster-json";
// classifier: `XGBClassifier`: a scikit-learn-style wrapper around the exact-greedy booster
export {
  argmaxRows,
  type Classifier,
  type ClassifierOptions,
  type EngineName,
  type FitOptions,
  ProbabilityClassifier,
  resolveParams,
  XGBClassifier,
} from "./classifier";
// expanding-window: Expanding-window retraining (In[36]–In[37]): fit on all rows dated before the split date, then
export {
  type ExpandingWindowOptions,
  type ExpandingWindowPlan,
  type ExpandingWindowResult,
  expandingWindow,
  expandingWindowParallel,
  formatMonthProgress,
  type MonthFitTask,
  type MonthProgress,
  monthFit,
  monthFitTask,
  type ParallelOptions,
  splitIndexByDate,
} from "./expanding-window";
// input: Input checks and conversion for the classifiers: feature rows → row-major float32 (as XGBoost…
export {
  type DenseMatrix,
  type FeatureMatrix,
  FLOAT32_MAX,
  type PreparedFeatures,
  prepareFeatures,
  prepareLabels,
  prepareWeights,
} from "./input";
// label-encoder: LabelEncoder as scikit-learn's: the classes are the distinct labels in sorted order (strings…
export { LabelEncoder } from "./label-encoder";
// metrics: Classification metrics of the article's In[38]–In[39], as scikit-learn 1.2 / numpy compute and
export {
  accuracy,
  type ClassScores,
  classificationReport,
  confusionMatrix,
  formatFixedPython,
  formatIntMatrix,
  formatPredictionCounts,
  precisionRecallF1,
  predictionCounts,
  type ReportOptions,
  topNAccuracy,
  type ZeroDivision,
} from "./metrics";
// ml-xgboost-engine: The second engine: `ml-xgboost` 1.1.2 (mljs), a 2017 Emscripten/WebAssembly build of XGBoost
export { createClassifier, MlXgboostClassifier } from "./ml-xgboost-engine";
// rfe: Recursive feature elimination (In[34]–In[35]): fit the booster on the current features, drop…
export {
  type FeatureImportance,
  formatRfeStep,
  type RfeOptions,
  type RfeResult,
  type RfeStep,
  recursiveFeatureElimination,
} from "./rfe";
// sample-weights: Class-balancing sample weights, the article's `calculate_sample_weights` (In[33]) and
export { balancedSampleWeights } from "./sample-weights";
// standard-scaler: StandardScaler as scikit-learn's: z = (x − mean) / scale per column, with mean and population
export { type ScalerParams, StandardScaler } from "./standard-scaler";
// temporal-split: The article's temporal train/test split (In[32], In[35]): rows dated before the split date tr…
export { selectFeatures, type TemporalSplit, temporalSplit } from "./temporal-split";
