/**
 * Recursive feature elimination (In[34]–In[35]): fit the booster on the current features, drop the
 * one with the smallest `feature_importances_` (gain, normalised), repeat until `nFeaturesToSelect`
 * remain. With step = 1 this is scikit-learn's `RFE(estimator, n_features_to_select, step=1)`:
 * both remove the first minimum (`np.argmin`; RFE's argsort agrees except possibly on exact ties in
 * lists longer than 16, where numpy's sort is not stable).
 *
 * Erratum M1, switch `rfeImportancesMisaligned` (registry: lib/errata.ts; article In[34]): the
 * article's table pairs the surviving feature names with `importances[:-1]` — the importances of
 * the LAST fit, made with one feature more (13), with its last element cut. Whenever the feature
 * removed last was not the last in the list, every name after its position is shown with its
 * right-hand neighbour's importance, and the table is sorted by these shifted numbers. `faithful`
 * reproduces that table (and its order, which In[35] uses as the column order of the 12-feature
 * model; shown when `rfeImportancesMisaligned` is true); `corrected` refits on the survivors and
 * pairs each with its own importance. The selected SET of features is the same in both.
 */
import { availableParallelism } from "node:os";
import { BoosterHelper } from "./booster-helper";
import { type ClassifierOptions, XGBClassifier } from "./classifier";
import type { DenseMatrix, FeatureMatrix } from "./input";
import { prepareFeatures } from "./input";

export interface FeatureImportance {
  feature: string;
  importance: number;
}

export interface RfeStep {
  /** 1-based elimination step. */
  step: number;
  /** Features fitted in this step (list order). */
  features: string[];
  /** Their importances (aligned with `features`). */
  importances: number[];
  /** The feature removed after this fit and its importance. */
  removed: string;
  removedImportance: number;
}

export interface RfeResult {
  /** Surviving features in their original list order. */
  selected: string[];
  steps: RfeStep[];
  /** The article's printed table (misaligned, see the module comment), sorted by importance, descending. */
  faithful: FeatureImportance[];
  /** Importances of a final fit on the survivors, aligned with the names, sorted descending. */
  corrected: FeatureImportance[];
}

export interface RfeOptions {
  /** Default 12 (the article's). */
  nFeaturesToSelect?: number;
  /** Sample weights for every fit (the article: balanced weights of the training labels). */
  sampleWeight?: ArrayLike<number> | null;
  /** Booster options (the exact engine; importances are needed). */
  classifier?: Omit<ClassifierOptions, "engine">;
  /** Called after each elimination. */
  onStep?: (step: RfeStep, totalSteps: number) => void;
  /**
   * Threads growing each fit's trees (default `os.availableParallelism()`, at most 2 are used):
   * with 2, a helper thread grows half of every round's trees ({@link BoosterHelper}). The fits
   * must run one after the other, so this is how RFE uses a second core; the result is the same.
   */
  threads?: number;
  /**
   * A helper thread to use (and leave running) instead of starting one; then `threads` is not
   * consulted. For a caller that goes on to the expanding window with the same thread.
   */
  helper?: BoosterHelper | null;
}

/** Columns `idx` of a row-major float matrix. */
function subMatrix(x: Float32Array, nRows: number, nCols: number, idx: number[]): DenseMatrix {
  const data = new Float64Array(nRows * idx.length);
  for (let r = 0; r < nRows; r++) for (let j = 0; j < idx.length; j++) data[r * idx.length + j] = x[r * nCols + idx[j]];
  return { nRows, nCols: idx.length, data };
}

/** Stable sort by importance, descending (ties keep list order). */
function sortDesc(rows: FeatureImportance[]): FeatureImportance[] {
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => b.r.importance - a.r.importance || a.i - b.i)
    .map((e) => e.r);
}

/**
 * Runs RFE on `X` (rows × features, columns named by `featureNames`) and labels `y`.
 * Throws if there are not more features than `nFeaturesToSelect`.
 */
export function recursiveFeatureElimination(
  X: FeatureMatrix,
  y: ArrayLike<number>,
  featureNames: readonly string[],
  options: RfeOptions = {},
): RfeResult {
  const target = options.nFeaturesToSelect ?? 12;
  const { x, nRows, nCols } = prepareFeatures(X, "recursiveFeatureElimination");
  if (featureNames.length !== nCols)
    throw new Error(`recursiveFeatureElimination: X has ${nCols} columns but ${featureNames.length} feature names`);
  if (new Set(featureNames).size !== nCols) throw new Error("recursiveFeatureElimination: duplicate feature names");
  if (!Number.isInteger(target) || target < 1 || target >= nCols)
    throw new Error(`recursiveFeatureElimination: nFeaturesToSelect must be in 1..${nCols - 1}, got ${target}`);
  const threads = options.threads ?? availableParallelism();
  if (!Number.isInteger(threads) || threads < 1)
    throw new Error(`recursiveFeatureElimination: threads must be an integer ≥ 1, got ${threads}`);
  if (options.helper !== undefined) return eliminate(x, nRows, nCols, y, featureNames, target, options, options.helper);
  const helper = threads > 1 ? BoosterHelper.start() : null;
  try {
    return eliminate(x, nRows, nCols, y, featureNames, target, options, helper);
  } finally {
    helper?.close();
  }
}

function eliminate(
  x: Float32Array,
  nRows: number,
  nCols: number,
  y: ArrayLike<number>,
  featureNames: readonly string[],
  target: number,
  options: RfeOptions,
  helper: BoosterHelper | null,
): RfeResult {
  const fitImportances = (idx: number[]) =>
    new XGBClassifier({ ...options.classifier }).fit(subMatrix(x, nRows, nCols, idx), y, {
      sampleWeight: options.sampleWeight,
      helper,
    }).featureImportances;
  let idx = Array.from({ length: nCols }, (_, i) => i);
  const steps: RfeStep[] = [];
  const total = nCols - target;
  let last: number[] = [];
  while (idx.length > target) {
    const imp = fitImportances(idx);
    let min = 0;
    for (let j = 1; j < imp.length; j++) if (imp[j] < imp[min]) min = j;
    const step: RfeStep = {
      step: steps.length + 1,
      features: idx.map((i) => featureNames[i]),
      importances: imp,
      removed: featureNames[idx[min]],
      removedImportance: imp[min],
    };
    steps.push(step);
    last = imp;
    idx = idx.filter((_, j) => j !== min);
    options.onStep?.(step, total);
  }
  const selected = idx.map((i) => featureNames[i]);
  const faithful = sortDesc(selected.map((feature, j) => ({ feature, importance: last[j] })));
  const finalImp = fitImportances(idx);
  const corrected = sortDesc(selected.map((feature, j) => ({ feature, importance: finalImp[j] })));
  return { selected, steps, faithful, corrected };
}

/** One deterministic progress line, e.g. "RFE step 3/10: 20 features, removed f07 (importance 0.021354)". */
export function formatRfeStep(step: RfeStep, totalSteps: number): string {
  return `RFE step ${step.step}/${totalSteps}: ${step.features.length} features, removed ${step.removed} (importance ${step.removedImportance.toFixed(6)})`;
}
