/**
 * Expanding-window retraining (In[36]–In[37]): fit on all rows dated before the split date, then
 * for each later month in order: predict its class and class probabilities with the current model,
 * append the month (features and its now-known label) to the training set, refit.
 *
 * As in the article: the StandardScaler is fitted once on the initial training rows and every test
 * month is transformed with that training scaler before it is predicted and appended (the scaler is
 * never refitted); each fit uses class-balanced sample weights n/(k·count) recomputed on the current
 * training labels and num_class = number of distinct training labels (In[36]). The refit after the
 * last month, which the article also performs, cannot change any output and is skipped.
 *
 * Dates are ISO "YYYY-MM-DD" month ends, ascending; a row belongs to its month-end date and its label
 * is that row's class (for the article: the best factor of the following month). Probabilities are
 * fractions per class (float32 values from the booster).
 *
 * Classes: the result's `classes` are 0..K−1 with K = 1 + the largest label in `y` (training and
 * test rows), and every probability row has exactly K entries, column c being class c — also when
 * a class first appears in the test months. Each month's model is fitted on the classes present in
 * its training rows, encoded as 0..k−1 in ascending order (as XGBClassifier requires consecutive
 * classes); its k probabilities are placed in their classes' columns and a class that model has
 * not seen gets probability 0 (it cannot be predicted before it has been observed). When every
 * class occurs in the initial training rows (the article) this is exactly the plain fit.
 */

import { checkRange } from "../validation";
import type { Classifier, ClassifierOptions, EngineName } from "./classifier";
import type { FeatureMatrix } from "./input";
import { prepareFeatures } from "./input";
import { createClassifier } from "./ml-xgboost-engine";
import { balancedSampleWeights } from "./sample-weights";
import { type ScalerParams, StandardScaler } from "./standard-scaler";

/** Number of leading rows dated before `splitDate` (dates must be ascending ISO strings). */
export function splitIndexByDate(dates: readonly string[], splitDate: string): number {
  for (let i = 1; i < dates.length; i++)
    if (!(dates[i - 1] < dates[i]))
      throw new Error(`splitIndexByDate: dates not strictly ascending at row ${i} (${dates[i]})`);
  let k = 0;
  while (k < dates.length && dates[k] < splitDate) k++;
  return k;
}

export interface MonthProgress {
  /** 1-based test month number. */
  step: number;
  total: number;
  date: string;
  predicted: number;
  actual: number;
  /** Training rows of the model that made this prediction. */
  trainRows: number;
  /** Running accuracy over the months so far (fraction). */
  accuracySoFar: number;
}

export interface ExpandingWindowOptions {
  /** Month-end date of every row (ascending). */
  dates: readonly string[];
  /** Raw (unscaled) features, rows in date order. */
  X: FeatureMatrix;
  /** Class label (0..k−1) of every row. */
  y: ArrayLike<number>;
  /** First date of the test period, default "2019-01-01". */
  splitDate?: string;
  /** Booster options (objective multi:softprob by default for k > 2). */
  classifier?: ClassifierOptions;
  /** Engine, default "exact" (ml-xgboost cannot take the sample weights). */
  engine?: EngineName;
  /** Class-balanced sample weights on each fit (the article), default true. */
  balanced?: boolean;
  /** Progress callback, once per test month. */
  onMonth?: (p: MonthProgress) => void;
}

export interface ExpandingWindowResult {
  /** Test months. */
  dates: string[];
  predictions: number[];
  /** The classes 0..K−1 (K = 1 + the largest label in y): the columns of `probabilities`. */
  classes: number[];
  /**
   * One probability row per test month with one entry per class in `classes` (column c = class c);
   * 0 for a class the month's model had not seen in its training rows.
   */
  probabilities: number[][];
  actual: number[];
  /** Rows in the initial training set (the article's 228). */
  initialTrainRows: number;
  /** The training scaler (fitted on the initial training rows only). */
  scaler: ScalerParams;
  /** Number of model fits made. */
  fits: number;
}

/** One deterministic progress line, e.g. "[ 1/66] 2019-01-31 predicted 3 actual 0 (train 228, acc 0.000)". */
export function formatMonthProgress(p: MonthProgress): string {
  const w = String(p.total).length;
  return `[${String(p.step).padStart(w)}/${p.total}] ${p.date} predicted ${p.predicted} actual ${p.actual} (train ${p.trainRows}, acc ${p.accuracySoFar.toFixed(3)})`;
}

/** Runs the expanding-window procedure (see the module comment). */
export function expandingWindow(options: ExpandingWindowOptions): ExpandingWindowResult {
  const where = "expandingWindow";
  // float64 input: the booster only sees the scaled values (checked again by the classifier)
  const { nRows, nCols } = prepareFeatures(options.X, where, undefined, { float32: false });
  const { dates, y } = options;
  if (dates.length !== nRows) throw new Error(`${where}: X has ${nRows} rows but dates has ${dates.length}`);
  if (y.length !== nRows) throw new Error(`${where}: X has ${nRows} rows but y has ${y.length} labels`);
  let maxLabel = 0;
  for (let r = 0; r < nRows; r++) {
    checkRange("y", y[r], { where, index: r, min: 0, integer: true });
    if (y[r] > maxLabel) maxLabel = y[r];
  }
  const classes = Array.from({ length: maxLabel + 1 }, (_, c) => c);
  const split = splitIndexByDate(dates, options.splitDate ?? "2019-01-01");
  if (split === 0) throw new Error(`${where}: no training rows before ${options.splitDate ?? "2019-01-01"}`);
  if (split === nRows) throw new Error(`${where}: no test rows on or after ${options.splitDate ?? "2019-01-01"}`);
  // prepareFeatures only checked the input; the scaler works on the original doubles
  const raw: number[][] = Array.isArray(options.X)
    ? (options.X as readonly ArrayLike<number>[]).map((r) => Array.from(r))
    : Array.from({ length: nRows }, (_, r) =>
        Array.from({ length: nCols }, (_, c) => (options.X as { data: ArrayLike<number> }).data[r * nCols + c]),
      );
  const scaler = new StandardScaler().fit(raw.slice(0, split));
  const trainX = scaler.transform(raw.slice(0, split));
  const trainY = Array.from({ length: split }, (_, i) => y[i]);
  const balanced = options.balanced ?? true;
  let fits = 0;
  // known[j] = the class the current model calls j (the sorted distinct training labels)
  let known: number[] = [];
  const fit = (): Classifier => {
    fits++;
    known = [...new Set(trainY)].sort((a, b) => a - b);
    const code = new Map(known.map((c, j) => [c, j]));
    const encoded = trainY.map((c) => code.get(c)!);
    const c = createClassifier({ ...options.classifier, engine: options.engine ?? "exact", numClass: undefined });
    return c.fit(trainX, encoded, { sampleWeight: balanced ? balancedSampleWeights(encoded) : null });
  };
  let model = fit();
  const result: ExpandingWindowResult = {
    dates: [],
    predictions: [],
    classes,
    probabilities: [],
    actual: [],
    initialTrainRows: split,
    scaler: scaler.params,
    fits: 0,
  };
  const total = nRows - split;
  let correct = 0;
  for (let r = split; r < nRows; r++) {
    const sample = scaler.transform([raw[r]]);
    const modelProba = model.predictProba(sample)[0];
    const proba = new Array<number>(classes.length).fill(0);
    for (let j = 0; j < modelProba.length; j++) proba[known[j]] = modelProba[j];
    let pred = 0;
    for (let c = 1; c < proba.length; c++) if (proba[c] > proba[pred]) pred = c;
    const actual = y[r];
    if (pred === actual) correct++;
    result.dates.push(dates[r]);
    result.predictions.push(pred);
    result.probabilities.push(proba);
    result.actual.push(actual);
    const step = r - split + 1;
    options.onMonth?.({
      step,
      total,
      date: dates[r],
      predicted: pred,
      actual,
      trainRows: trainX.length,
      accuracySoFar: correct / step,
    });
    trainX.push(sample[0]);
    trainY.push(actual);
    if (r < nRows - 1) model = fit();
  }
  result.fits = fits;
  return result;
}
