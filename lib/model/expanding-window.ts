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

import { availableParallelism } from "node:os";
import * as path from "node:path";
import Piscina from "piscina";
import { ArgumentError, checkRange } from "../validation";
import type { BoosterHelper } from "./booster-helper";
import type { ClassifierOptions, EngineName } from "./classifier";
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

/**
 * Everything the month fits need, computed once: the training scaler, every row scaled with it
 * (the scaler is elementwise, so scaling all rows at once equals scaling each month's row when it
 * arrives), the labels, the split and the class columns.
 */
export interface ExpandingWindowPlan {
  dates: readonly string[];
  /** All rows, standardised with the training scaler. */
  scaled: number[][];
  y: number[];
  /** Rows before the split date (the initial training rows). */
  split: number;
  classes: number[];
  scaler: ScalerParams;
  /** Booster options of every fit (numClass is set per fit; see {@link monthFit}). */
  classifier: Omit<ClassifierOptions, "onRound" | "numClass" | "engine">;
  engine: EngineName;
  balanced: boolean;
}

/** Checks the options and computes the plan (no fit yet). */
export function planExpandingWindow(options: ExpandingWindowOptions): ExpandingWindowPlan {
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
  // the month models infer their number of classes from their training labels, and the engine is
  // this function's option (the classifier options' own `engine`, if any, is the fallback)
  const { onRound: _onRound, numClass: _numClass, engine: classifierEngine, ...classifier } = options.classifier ?? {};
  return {
    dates,
    scaled: scaler.transform(raw),
    y: Array.from(y),
    split,
    classes,
    scaler: scaler.params,
    classifier,
    engine: options.engine ?? classifierEngine ?? "exact",
    balanced: options.balanced ?? true,
  };
}

/** One month of the expanding window: train on rows 0..month−1, predict row `month`. */
export interface MonthFitTask {
  X: number[][];
  y: number[];
  sample: number[];
  classifier: ExpandingWindowPlan["classifier"];
  engine: EngineName;
  balanced: boolean;
  /** Number of class columns K of the result. */
  numClasses: number;
}

/** The task of month `month` (a row index ≥ plan.split). */
export function monthFitTask(plan: ExpandingWindowPlan, month: number): MonthFitTask {
  return {
    X: plan.scaled.slice(0, month),
    y: plan.y.slice(0, month),
    sample: plan.scaled[month],
    classifier: plan.classifier,
    engine: plan.engine,
    balanced: plan.balanced,
    numClasses: plan.classes.length,
  };
}

/**
 * Fits one month's model and returns the sample's K class probabilities: the model is fitted on
 * the classes present in its training rows, encoded 0..k−1 in ascending order (as XGBClassifier
 * requires), with class-balanced weights on the encoded labels; its k probabilities go to their
 * classes' columns, 0 for a class it has not seen. A pure function of the task (no randomness), so
 * any thread computing it gets the same numbers bit for bit.
 */
export function monthFit(task: MonthFitTask): number[] {
  const known = [...new Set(task.y)].sort((a, b) => a - b);
  const code = new Map(known.map((c, j) => [c, j]));
  const encoded = task.y.map((c) => code.get(c)!);
  const model = createClassifier({ ...task.classifier, engine: task.engine }).fit(task.X, encoded, {
    sampleWeight: task.balanced ? balancedSampleWeights(encoded) : null,
  });
  const modelProba = model.predictProba([task.sample])[0];
  const proba = new Array<number>(task.numClasses).fill(0);
  for (let j = 0; j < modelProba.length; j++) proba[known[j]] = modelProba[j];
  return proba;
}

/** The predicted class of a probability row: the first maximum. */
function argmaxClass(proba: readonly number[]): number {
  let pred = 0;
  for (let c = 1; c < proba.length; c++) if (proba[c] > proba[pred]) pred = c;
  return pred;
}

/**
 * A progress reporter: called with the months' probability rows in month order (month i = row
 * plan.split + i), it calls `onMonth` with the prediction and the running accuracy.
 */
function monthReporter(plan: ExpandingWindowPlan, onMonth?: (p: MonthProgress) => void) {
  const total = plan.y.length - plan.split;
  let correct = 0;
  return (i: number, proba: readonly number[]): void => {
    if (!onMonth) return;
    const r = plan.split + i;
    const predicted = argmaxClass(proba);
    if (predicted === plan.y[r]) correct++;
    onMonth({
      step: i + 1,
      total,
      date: plan.dates[r],
      predicted,
      actual: plan.y[r],
      trainRows: r,
      accuracySoFar: correct / (i + 1),
    });
  };
}

/** The result from the months' probability rows (in month order). */
function assemble(plan: ExpandingWindowPlan, probabilities: number[][]): ExpandingWindowResult {
  const months = probabilities.map((_, i) => plan.split + i);
  return {
    dates: months.map((r) => plan.dates[r]),
    predictions: probabilities.map(argmaxClass),
    classes: plan.classes,
    probabilities,
    actual: months.map((r) => plan.y[r]),
    initialTrainRows: plan.split,
    scaler: plan.scaler,
    fits: probabilities.length,
  };
}

/**
 * Runs the expanding-window procedure (see the module comment) in this thread. `onMonth` is
 * called after each month's fit.
 */
export function expandingWindow(options: ExpandingWindowOptions): ExpandingWindowResult {
  const plan = planExpandingWindow(options);
  const report = monthReporter(plan, options.onMonth);
  const rows: number[][] = [];
  for (let i = 0; i < plan.y.length - plan.split; i++) {
    rows.push(monthFit(monthFitTask(plan, plan.split + i)));
    report(i, rows[i]);
  }
  return assemble(plan, rows);
}

/** Options of {@link expandingWindowParallel}. */
export interface ParallelOptions {
  /**
   * Threads fitting months (default `os.availableParallelism()`): this thread and `workers − 1`
   * worker threads; 1 = this thread only.
   */
  workers?: number;
  /**
   * A running helper thread (model `BoosterHelper`, e.g. the one RFE just used, so its code is
   * already compiled): with `workers` = 2 it fits the other thread's share instead of a new pool.
   */
  helper?: BoosterHelper | null;
}

/**
 * What a thread of {@link expandingWindowParallel} needs to fit its share of the months: the plan,
 * the months in the order they are claimed, and two shared buffers — `control` (Int32: [0] the
 * next position in `order` to claim, [1 + i] = 1 once month i's probabilities are written) and
 * `probabilities` (Float64, months × K, month i's row at i·K).
 */
export interface MonthClaimTask {
  plan: ExpandingWindowPlan;
  order: number[];
  control: SharedArrayBuffer;
  probabilities: SharedArrayBuffer;
}

/**
 * Fits months until none is left to claim: each thread takes the next position of `order` with an
 * atomic increment, fits that month and publishes its row (the flag is stored after the row, so a
 * thread that reads the flag set reads the whole row). `afterMonth` runs after each of this
 * thread's months (the calling thread reports progress and yields there). Returns the months fitted.
 */
export async function fitClaimedMonths(task: MonthClaimTask, afterMonth?: () => Promise<void>): Promise<number> {
  const { plan, order } = task;
  const control = new Int32Array(task.control);
  const proba = new Float64Array(task.probabilities);
  const K = plan.classes.length;
  let fitted = 0;
  for (;;) {
    const k = Atomics.add(control, 0, 1);
    if (k >= order.length) return fitted;
    const i = order[k];
    proba.set(monthFit(monthFitTask(plan, plan.split + i)), i * K);
    Atomics.store(control, 1 + i, 1);
    fitted++;
    if (afterMonth) await afterMonth();
  }
}

/**
 * The expanding window with the month fits shared between this thread and `workers − 1` worker
 * threads. The months are independent given the plan (each month's model sees rows 0..month−1 and
 * nothing else), every fit is a pure function of its task, and each month's probabilities go to
 * that month's row, so the result is the same bit for bit as {@link expandingWindow}'s whatever the
 * number of threads (test/model/expanding-window-parallel.test.ts). The threads claim months from
 * one shared counter, largest training sets first, so they finish together; this thread fits too
 * (its code is already compiled, and a worker only needs to start), yielding to the event loop
 * after each month so that the pool can hand the workers their task. `onMonth` is called in month
 * order, as soon as a month and all earlier ones are done. Booster `onRound` callbacks are not
 * passed to the threads.
 */
export async function expandingWindowParallel(
  options: ExpandingWindowOptions,
  parallel: ParallelOptions = {},
): Promise<ExpandingWindowResult> {
  const workers = parallel.workers ?? availableParallelism();
  if (!Number.isInteger(workers) || workers < 1)
    throw new ArgumentError({
      where: "expandingWindowParallel",
      argument: "workers",
      value: workers,
      problem: "must be an integer ≥ 1",
    });
  if (workers === 1) return expandingWindow(options);
  const plan = planExpandingWindow(options);
  const months = plan.y.length - plan.split;
  const K = plan.classes.length;
  const helpers = Math.min(workers, months) - 1;
  if (helpers === 0) return expandingWindow(options);
  const task: MonthClaimTask = {
    plan,
    // largest training sets first: the longest fits start early, so the threads finish together
    order: Array.from({ length: months }, (_, i) => months - 1 - i),
    control: new SharedArrayBuffer(4 * (1 + months)),
    probabilities: new SharedArrayBuffer(8 * months * K),
  };
  const control = new Int32Array(task.control);
  const proba = new Float64Array(task.probabilities);
  const rows = new Array<number[] | undefined>(months);
  const report = monthReporter(plan, options.onMonth);
  let next = 0;
  // progress in month order, as soon as a month and every earlier one are done
  const flush = () => {
    for (; next < months && Atomics.load(control, 1 + next) === 1; next++) {
      rows[next] = Array.from(proba.subarray(next * K, (next + 1) * K));
      report(next, rows[next]!);
    }
  };
  const ownShare = () =>
    fitClaimedMonths(task, async () => {
      flush();
      await new Promise<void>((resolve) => setImmediate(resolve));
    });
  if (helpers === 1 && parallel.helper?.available) {
    const done = new Int32Array(new SharedArrayBuffer(4));
    parallel.helper.post({ kind: "months", task, done: done.buffer as SharedArrayBuffer });
    await ownShare();
    await parallel.helper.waitMonths(done);
    flush();
    return assemble(plan, rows as number[][]);
  }
  const pool = createFitPool(helpers);
  try {
    const helping = Array.from({ length: helpers }, () => pool.run(task));
    // a rejected helper is seen by Promise.all below; until then it must not count as unhandled
    for (const h of helping) h.catch(() => {});
    await ownShare();
    await Promise.all(helping);
    flush();
    return assemble(plan, rows as number[][]);
  } finally {
    await pool.destroy();
  }
}

/**
 * The worker-thread task file next to this module: month-fit-task.ts under tsx (threads inherit
 * tsx's loader through `process.execArgv`), month-fit-task.js in lib/dist.
 */
function fitTaskFile(): string {
  return path.join(__dirname, `month-fit-task${path.extname(__filename) || ".js"}`);
}

function createFitPool(threads: number): Piscina<MonthClaimTask, number> {
  return new Piscina<MonthClaimTask, number>({
    filename: fitTaskFile(),
    minThreads: threads,
    maxThreads: threads,
    maxQueue: Number.POSITIVE_INFINITY,
    idleTimeout: 60_000,
  });
}
