/**
 * The whole chain of notebook 01 (article cells In[1]–In[48]) in one call, returning every table
 * the notebook shows, for the command-line run (`npm run pipeline`) and the notebook's
 * Corrections re-run. It only orchestrates the areas' functions, in the article's order:
 *
 *   In[1]–In[31]  features.articlePipeline (data → factors → features → labels, 22 features)
 *   In[32]        temporal split at 2019-01-01; scaler fitted on the training rows
 *   In[33]–In[35] balanced sample weights, recursive feature elimination to 12 features
 *   In[36]–In[37] expanding-window retraining: predictions and probabilities per test month
 *   In[38]–In[39] prediction counts, confusion matrix, classification report, top-3 accuracy
 *   In[40]–In[47] strategy returns (one-month shift), the index joined by month, summary table
 *   beyond         performance table (compounded, drawdown, IR, turnover, costs)
 *
 * Each group is an exported step a notebook can call on its own: `articleFeatures` (In[1]–In[31]),
 * `articleSplit` (In[32]), `articleFeatureSelection` (In[33]–In[35]; each elimination reported by
 * `rfeProgress`, whose line is model `formatRfeStep`), `articleWindowOptions` (In[35]–In[37], run
 * by `expandingWindow`), `articleMetrics` (In[38]–In[39]) and `articleBacktest` (In[40]–In[47]).
 *
 * Errata are one object (registry and switches: lib/errata.ts): factor switches go to the feature
 * pipeline, M1 decides which importance table is printed and orders In[35]'s columns, backtest
 * switches select the summary conventions. Units as in the called modules: factor and index returns in percent per
 * month, probabilities as fractions, dates ISO month ends. Progress is reported only through
 * `onProgress` (never printed here).
 */
import { availableParallelism } from "node:os";
import { type DatedValue, percentChanges } from "../backtest/base-index";
import { type BacktestReport, backtestReport } from "../backtest/report";
import { ARTICLE_FIELDS, type DataSource } from "../data/source";
import { type ArticleErrata, type ArticleErrataInput, type BacktestErrata, resolveArticleErrata } from "../errata";
import type { MonthlyFrame } from "../features/frame";
import type { LabelledTable } from "../features/labels";
import { articlePipeline, type PipelineResult } from "../features/pipeline";
import { BoosterHelper } from "../model/booster-helper";
import type { ClassifierOptions } from "../model/classifier";
import {
  type ExpandingWindowOptions,
  type ExpandingWindowResult,
  expandingWindow,
  expandingWindowParallel,
  type ParallelOptions,
  splitIndexByDate,
} from "../model/expanding-window";
import {
  accuracy,
  classificationReport,
  confusionMatrix,
  formatIntMatrix,
  formatPredictionCounts,
  predictionCounts,
  topNAccuracy,
} from "../model/metrics";
import { formatRfeStep, type RfeResult, type RfeStep, recursiveFeatureElimination } from "../model/rfe";
import { balancedSampleWeights } from "../model/sample-weights";
import { StandardScaler } from "../model/standard-scaler";
import { createRng } from "../random";
import { type StudyConfig, type StudyWindow, studyWindow } from "./study";
import { featureMatrix, type TestPredictions, testPredictionMonths } from "./views";

/** One row of the selected-features table (the article's column names, In[34]). */
export interface FeatureImportanceRow {
  Feature: string;
  Importance: number;
}

/** One progress report: the stage, a human-readable line and, for loops, the step counter. */
export interface PipelineProgress {
  stage: "features" | "split" | "rfe" | "retrain" | "metrics" | "backtest";
  message: string;
  step?: number;
  total?: number;
}

export interface RunOptions {
  errata?: ArticleErrataInput;
  onProgress?: (p: PipelineProgress) => void;
  /** First test month: rows dated before it train (article: "2019-01-01"). */
  splitDate?: string;
  /** Features kept by RFE (article: 12). */
  nSelect?: number;
  /** Index RIC (article: ".DJI") and the name of its column (article: "dji"). */
  indexRic?: string;
  indexName?: string;
  /** Cost per full factor switch for the performance table, bps (default 10). */
  costBps?: number;
  /**
   * Booster options for RFE and the expanding window, over the article's (the scikit-learn
   * wrapper's defaults with random_state 42; objective multi:softprob in the expanding window).
   */
  classifier?: Omit<ClassifierOptions, "engine" | "numClass" | "onRound">;
  /** Corrected E15: largest share of a month's factor portfolio without a one-month return (default 0.2). */
  maxMissingReturnShare?: number;
  /** Study window (In[3]); omitted ends follow the data (see `studyWindow`). */
  start?: string;
  end?: string;
  /** Keep momentum as a seventh class (the article drops it). */
  momentumClass?: boolean;
  /**
   * Sensitivity check (issue 13): when given, the model's columns (`modelFeatures`, In[35]) are
   * permuted with a seeded Fisher–Yates shuffle (`createRng(seed).shuffle`) before the expanding
   * window; `importanceTable` keeps the table's order. Omitted: the table's order (the article).
   */
  featureOrderSeed?: number;
  /**
   * Keep In[7]–In[18]'s intermediate tables in `feats` (default true, for the notebook); false
   * releases each as soon as the next exists (`articlePipeline`'s retainTables), the command-line
   * pipeline's setting. Every other result is the same.
   */
  retainTables?: boolean;
  /**
   * Threads of RFE's fits (default `os.availableParallelism()`; see the model's
   * `RfeOptions.threads`): 1 keeps the whole run on this thread. The result is the same.
   */
  rfeThreads?: number;
  /**
   * A running helper thread for RFE's fits (model `BoosterHelper`; `runArticlePipelineParallel`
   * starts one and then gives it the expanding window's second share). Overrides `rfeThreads`.
   */
  helper?: BoosterHelper | null;
}

/** In[38]–In[39]. */
export interface ModelMetrics {
  /** [class code, count] ascending (In[38] "Actual Prediction"). */
  predictionCounts: [number, number][];
  predictionCountsText: string;
  /** Rows = true class, columns = predicted. */
  confusion: number[][];
  confusionText: string;
  /** scikit-learn's classification_report text with the class names. */
  report: string;
  accuracy: number;
  top3Accuracy: number;
}

export interface ArticleRun {
  errata: ArticleErrata;
  /** The study window used and where its ends came from. */
  window: StudyWindow;
  /** In[1]–In[31]: every table of the feature pipeline. */
  features: PipelineResult;
  /** Class names in code order (In[30] LabelEncoder; In[38] target_names). */
  classes: string[];
  /** In[32]. */
  split: { date: string; index: number; trainDates: string[]; testDates: string[] };
  /** In[34]: elimination steps and both importance tables. */
  rfe: RfeResult;
  /** In[34]'s displayed table under the chosen M1 switch (its order = In[35]'s column order). */
  importanceTable: FeatureImportanceRow[];
  /** In[35]: the model's feature columns in order. */
  modelFeatures: string[];
  /** In[35]: (rows, columns) of the standardised training matrix. */
  trainShape: [number, number];
  /** In[37]: per test month the true class, the predicted class and the class probabilities. */
  retrain: Pick<ExpandingWindowResult, "dates" | "predictions" | "probabilities" | "fits"> & { yTest: number[] };
  metrics: ModelMetrics;
  /** In[44]: the index's monthly percent returns over the test period (by month). */
  indexReturns: DatedValue[];
  /** In[40]–In[47] and the performance table. */
  backtest: BacktestReport;
}

/** Everything before the expanding window (In[1]–In[35]) and the window's options. */
interface PreparedRun {
  errata: ArticleErrata;
  window: StudyWindow;
  feats: PipelineResult;
  split: ArticleSplit;
  selection: ArticleSelection;
  /** In[36]–In[37]'s expanding-window options (with the progress callback). */
  windowOptions: ExpandingWindowOptions;
  progress: (p: PipelineProgress) => void;
  indexRic: string;
  opts: RunOptions;
}

/** Runs notebook 01's chain on a data source (`data.openDataSource()` for the sample). */
export function runArticlePipeline(source: DataSource, opts: RunOptions = {}): ArticleRun {
  const prep = prepareArticleRun(source, opts);
  return finishArticleRun(source, prep, expandingWindow(prep.windowOptions));
}

/**
 * {@link runArticlePipeline} with the expanding window's month fits on `workers` threads (default
 * `os.availableParallelism()`); the run is the same bit for bit (see `expandingWindowParallel`).
 */
export async function runArticlePipelineParallel(
  source: DataSource,
  opts: RunOptions & ParallelOptions = {},
): Promise<ArticleRun> {
  const workers = opts.workers ?? availableParallelism();
  // one helper thread for RFE's fits and then the window's second share: it starts while the
  // features are computed, and its code is compiled by the time the window needs it
  const helper = opts.helper === undefined && workers === 2 ? BoosterHelper.start() : null;
  try {
    const prep = prepareArticleRun(source, { rfeThreads: workers, ...opts, ...(helper ? { helper } : {}) });
    const win = await expandingWindowParallel(prep.windowOptions, { workers, helper: helper ?? opts.helper });
    return finishArticleRun(source, prep, win);
  } finally {
    helper?.close();
  }
}

const noProgress = (_p: PipelineProgress): void => {};

/** The booster options of RFE and the expanding window: the article's (random_state 42) under `classifier`. */
const boosterOf = (classifier: RunOptions["classifier"]) => ({ randomState: 42, ...classifier });

/**
 * In[1]–In[31]: the study window (In[3]; omitted ends follow the data, see `studyWindow`) and the
 * feature pipeline — data, factors, features and labels — under the factor errata, on the members
 * of `indexRic` (default ".DJI"). Reports stage "features" before it starts.
 */
export function articleFeatures(
  source: DataSource,
  opts: Pick<RunOptions, "start" | "end" | "indexRic" | "maxMissingReturnShare" | "momentumClass" | "retainTables">,
  factorErrata: ArticleErrata["factors"],
  progress: (p: PipelineProgress) => void = noProgress,
): { window: StudyWindow; features: PipelineResult } {
  const window = studyWindow(source, { start: opts.start, end: opts.end });
  progress({ stage: "features", message: `In[1]-In[31]: data, factors, features and labels; ${window.note}` });
  const features = articlePipeline(source, {
    fields: ARTICLE_FIELDS,
    errata: factorErrata,
    indexRic: opts.indexRic ?? ".DJI",
    start: window.start,
    end: window.end,
    maxMissingReturnShare: opts.maxMissingReturnShare,
    momentumClass: opts.momentumClass,
    retainTables: opts.retainTables,
  });
  return { window, features };
}

/** In[32]: the temporal split of the model table's rows (positions; dates ascending). */
export interface ArticleSplit {
  /** First test month: rows dated before it train. */
  date: string;
  /** Number of training rows. */
  index: number;
  trainRows: number[];
  testRows: number[];
  yTrain: number[];
  yTest: number[];
}

/**
 * In[32]: rows dated before `splitDate` train, the rest test. An Error when fewer than 2 rows
 * train or none tests.
 */
export function articleSplit(dates: readonly string[], label: readonly number[], splitDate: string): ArticleSplit {
  const index = splitIndexByDate(dates, splitDate);
  if (index < 2 || index >= dates.length)
    throw new Error(
      `runArticlePipeline: split date ${splitDate} leaves ${index} training and ${dates.length - index} test months (${dates[0]}..${dates[dates.length - 1]})`,
    );
  const trainRows = Array.from({ length: index }, (_, i) => i);
  const testRows = Array.from({ length: dates.length - index }, (_, i) => index + i);
  return {
    date: splitDate,
    index,
    trainRows,
    testRows,
    yTrain: trainRows.map((i) => label[i]),
    yTest: testRows.map((i) => label[i]),
  };
}

/** In[34]: the progress report of one elimination, its line from `formatRfeStep` (lib/model/rfe.ts). */
export function rfeProgress(step: RfeStep, totalSteps: number): PipelineProgress {
  return {
    stage: "rfe",
    message: `In[34]: ${formatRfeStep(step, totalSteps)}`,
    step: step.step,
    total: totalSteps,
  };
}

/** In[33]–In[35]: the eliminations, the importance table shown and the model's columns. */
export interface ArticleSelection {
  rfe: RfeResult;
  /** In[34]'s displayed table (its order = In[35]'s column order). */
  importanceTable: FeatureImportanceRow[];
  /** In[35]: the model's feature columns in order. */
  modelFeatures: string[];
}

/**
 * In[33]–In[35]: recursive feature elimination to `nSelect` (default 12) of `features` on the
 * standardised training rows (the first `split.index` rows of `frame`) with balanced sample
 * weights; the table shown is the faithful (M1) or the corrected one; the model's columns are the
 * table's order, or that order shuffled with `featureOrderSeed`. Reports each elimination
 * (`rfeProgress`).
 */
export function articleFeatureSelection(
  frame: MonthlyFrame,
  features: readonly string[],
  split: Pick<ArticleSplit, "index" | "yTrain">,
  opts: Pick<RunOptions, "nSelect" | "classifier" | "featureOrderSeed" | "rfeThreads" | "helper"> & {
    rfeImportancesMisaligned: boolean;
  },
  progress: (p: PipelineProgress) => void = noProgress,
): ArticleSelection {
  const rfe = recursiveFeatureElimination(
    new StandardScaler().fitTransform(featureMatrix(frame, features, 0, split.index)),
    split.yTrain,
    features,
    {
      nFeaturesToSelect: opts.nSelect ?? 12,
      sampleWeight: balancedSampleWeights(split.yTrain),
      classifier: boosterOf(opts.classifier),
      onStep: (s, n) => progress(rfeProgress(s, n)),
      threads: opts.rfeThreads,
      helper: opts.helper,
    },
  );
  const shown = opts.rfeImportancesMisaligned ? rfe.faithful : rfe.corrected;
  const importanceTable = shown.map((r) => ({ Feature: r.feature, Importance: r.importance }));
  const tableOrder = importanceTable.map((r) => r.Feature);
  const modelFeatures =
    opts.featureOrderSeed === undefined ? tableOrder : createRng(opts.featureOrderSeed).shuffle(tableOrder);
  return { rfe, importanceTable, modelFeatures };
}

/**
 * In[35]–In[37]: the expanding window's options — every row of the model table with the columns
 * `modelFeatures` in that order, the labels, the split date and the booster (multi:softprob).
 * Reports each test month (stage "retrain").
 */
export function articleWindowOptions(
  labelled: Pick<LabelledTable, "frame" | "label" | "classes">,
  modelFeatures: readonly string[],
  splitDate: string,
  classifier: RunOptions["classifier"],
  progress: (p: PipelineProgress) => void = noProgress,
): ExpandingWindowOptions {
  const { frame, label, classes } = labelled;
  return {
    dates: frame.index,
    X: featureMatrix(frame, modelFeatures),
    y: label,
    splitDate,
    classifier: { objective: "multi:softprob", ...boosterOf(classifier) },
    onMonth: (m) =>
      progress({
        stage: "retrain",
        message: `In[37]: ${m.date} predicted ${classes[m.predicted]} (train ${m.trainRows}, accuracy so far ${m.accuracySoFar.toFixed(3)})`,
        step: m.step,
        total: m.total,
      }),
  };
}

/**
 * In[38]–In[39]: prediction counts, confusion matrix, classification report (with the names of the
 * classes that occur), accuracy and top-3 accuracy of the test months. Reports stage "metrics".
 */
export function articleMetrics(
  classes: readonly string[],
  yTest: readonly number[],
  preds: Pick<ExpandingWindowResult, "predictions" | "probabilities">,
  progress: (p: PipelineProgress) => void = noProgress,
): ModelMetrics {
  const y = yTest;
  const metrics: ModelMetrics = {
    predictionCounts: predictionCounts(preds.predictions),
    predictionCountsText: formatPredictionCounts(preds.predictions),
    confusion: confusionMatrix(y, preds.predictions),
    confusionText: formatIntMatrix(confusionMatrix(y, preds.predictions)),
    report: classificationReport(y, preds.predictions, { targetNames: classNamesOf(classes, y, preds.predictions) }),
    accuracy: accuracy(y, preds.predictions),
    top3Accuracy: topNAccuracy(y, preds.probabilities, 3),
  };
  progress({
    stage: "metrics",
    message: `In[38]-In[39]: accuracy ${metrics.accuracy.toFixed(4)}, top-3 accuracy ${metrics.top3Accuracy.toFixed(4)}`,
  });
  return metrics;
}

/** In[1]–In[35]: features, split, RFE, the model's columns; and the expanding window's options. */
function prepareArticleRun(source: DataSource, opts: RunOptions): PreparedRun {
  const errata = resolveArticleErrata(opts.errata);
  const progress = opts.onProgress ?? noProgress;
  const splitDate = opts.splitDate ?? "2019-01-01";
  const indexRic = opts.indexRic ?? ".DJI";
  const { window, features: feats } = articleFeatures(source, { ...opts, indexRic }, errata.factors, progress);
  const { frame, label } = feats.labelled;
  const split = articleSplit(frame.index, label, splitDate);
  progress({
    stage: "split",
    message: `In[32]: ${split.trainRows.length} training months (< ${splitDate}), ${split.testRows.length} test months, ${feats.features.length} features`,
  });
  const { rfeImportancesMisaligned } = errata.model;
  const selection = articleFeatureSelection(
    frame,
    feats.features,
    split,
    { ...opts, rfeImportancesMisaligned },
    progress,
  );
  const windowOptions = articleWindowOptions(
    feats.labelled,
    selection.modelFeatures,
    splitDate,
    opts.classifier,
    progress,
  );
  return { errata, window, feats, split, selection, windowOptions, progress, indexRic, opts };
}

/** In[38]–In[48] from the prepared run and the expanding window's result. */
function finishArticleRun(source: DataSource, prep: PreparedRun, win: ExpandingWindowResult): ArticleRun {
  const { errata, window, feats, split, selection, progress, indexRic, opts } = prep;
  const { classes } = feats.labelled;
  const dates = feats.labelled.frame.index;
  if (win.initialTrainRows !== split.index)
    throw new Error(`runArticlePipeline: expanding window split ${win.initialTrainRows} rows, expected ${split.index}`);
  const metrics = articleMetrics(classes, split.yTest, win, progress); // In[38]-In[39]
  const { indexReturns, backtest } = articleBacktest(source, feats.labelled, win, {
    indexRic,
    indexName: opts.indexName,
    errata: errata.backtest,
    costBps: opts.costBps,
  }); // In[40]-In[47]
  const months = backtest.table.dates;
  progress({
    stage: "backtest",
    message: `In[40]-In[47]: ${months.length} return months ${months[0]}..${months[months.length - 1]}`,
  });
  return {
    errata,
    window,
    features: feats,
    classes,
    split: {
      date: split.date,
      index: split.index,
      trainDates: split.trainRows.map((i) => dates[i]),
      testDates: split.testRows.map((i) => dates[i]),
    },
    rfe: selection.rfe,
    importanceTable: selection.importanceTable,
    modelFeatures: selection.modelFeatures,
    trainShape: [split.index, selection.modelFeatures.length],
    retrain: {
      dates: win.dates,
      yTest: split.yTest,
      predictions: win.predictions,
      probabilities: win.probabilities,
      fits: win.fits,
    },
    metrics,
    indexReturns,
    backtest,
  };
}

/**
 * In[40]–In[47] from the labelled model table (In[30]) and the test months' predictions: factor
 * returns of each test month (percent, the six label columns in class order), its label and the
 * model's class and probabilities become `PredictionMonth`s; the index levels (`TR.PriceClose`
 * from the first to the last test month) become monthly percent changes dated at the month they
 * happened in; `backtestReport` shifts, joins by month and summarises under the backtest errata.
 */
export function articleBacktest(
  source: Pick<DataSource, "history">,
  labelled: PipelineResult["labelled"],
  preds: TestPredictions,
  opts: { indexRic?: string; indexName?: string; errata?: Partial<BacktestErrata>; costBps?: number } = {},
): { indexReturns: DatedValue[]; backtest: BacktestReport } {
  const months = testPredictionMonths(labelled, preds);
  const n = preds.dates.length;
  const levels = source
    .history(opts.indexRic ?? ".DJI", "TR.PriceClose", preds.dates[0], preds.dates[n - 1])
    .map((p) => ({ date: p.Date, value: p.value }));
  const indexReturns = percentChanges(levels);
  const backtest = backtestReport(months, indexReturns, {
    indexName: opts.indexName ?? "dji",
    factors: labelled.classes,
    errata: opts.errata,
    costBps: opts.costBps,
  });
  return { indexReturns, backtest };
}

/**
 * The report's names for the classes that occur in y_true or y_pred (scikit-learn reports the
 * sorted union of labels; with every class present this is the article's `target_names`).
 */
function classNamesOf(classes: readonly string[], yTrue: readonly number[], yPred: readonly number[]): string[] {
  const present = [...new Set([...yTrue, ...yPred])].sort((a, b) => a - b);
  return present.map((c) => classes[c]);
}

/** The run options of a validated study configuration (lib/pipeline/study.ts). */
function studyRunOptions(study: StudyConfig, onProgress?: (p: PipelineProgress) => void): RunOptions {
  return {
    errata: study.errata,
    onProgress,
    splitDate: study.split,
    nSelect: study.rfe,
    indexRic: study.indexRic,
    indexName: study.indexName,
    costBps: study.costBps,
    classifier: study.classifier,
    maxMissingReturnShare: study.maxMissingReturnShare,
    start: study.start,
    end: study.end,
    momentumClass: study.momentumClass,
    featureOrderSeed: study.featureOrderSeed,
  };
}

/** `runArticlePipeline` under a validated study configuration (lib/pipeline/study.ts). */
export function runStudy(
  source: DataSource,
  study: StudyConfig,
  opts: { onProgress?: (p: PipelineProgress) => void } = {},
): ArticleRun {
  return runArticlePipeline(source, studyRunOptions(study, opts.onProgress));
}

/** `runArticlePipelineParallel` under a validated study configuration (the same run, bit for bit). */
export function runStudyParallel(
  source: DataSource,
  study: StudyConfig,
  opts: { onProgress?: (p: PipelineProgress) => void; workers?: number; retainTables?: boolean } = {},
): Promise<ArticleRun> {
  return runArticlePipelineParallel(source, {
    ...studyRunOptions(study, opts.onProgress),
    workers: opts.workers,
    retainTables: opts.retainTables,
  });
}
