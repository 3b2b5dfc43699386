/**
 * `XGBClassifier`: a scikit-learn-style wrapper around the exact-greedy booster
 * ({@link trainBooster}), mirroring `xgboost.XGBClassifier` 1.7 — `fit(X, y, { sampleWeight })`,
 * `predict`, `predictProba`, `featureImportances` (gain, normalised to 1), JSON save/load — and the
 * {@link Classifier} interface that both engines implement (`"exact"`, this TypeScript engine, the
 * default; `"ml-xgboost"`, the WebAssembly build, see ml-xgboost-engine.ts).
 *
 * Objective as in the wrapper: binary:logistic for 2 classes, multi:softprob (num_class = k) for
 * more, unless given. Labels must be class indices 0..k−1 (encode with LabelEncoder). Features:
 * rows of numbers, NaN = missing (learned default direction). Deterministic: no randomness at all
 * (`randomState` is accepted for symmetry with the article and ignored, as in exact xgboost).
 */

import { NotFittedError } from "../validation";
import {
  type BoosterModel,
  type BoosterObjective,
  type BoosterParams,
  DEFAULT_BOOSTER_PARAMS,
  gainImportances,
  predictProbabilities,
  type RoundCallback,
  trainBooster,
} from "./booster-exact";
import type { BoosterHelper } from "./booster-helper";
import { type BoosterJSON, boosterFromJSON, boosterToJSON } from "./booster-json";
import { type FeatureMatrix, prepareFeatures, prepareLabels, prepareWeights } from "./input";

export type EngineName = "exact" | "ml-xgboost";

/** Constructor options: hyper-parameters (xgboost names in camelCase) and the engine. */
export interface ClassifierOptions {
  engine?: EngineName;
  objective?: BoosterObjective;
  /** Number of classes; inferred from y when omitted (the scikit-learn wrapper always infers it). */
  numClass?: number;
  nEstimators?: number;
  learningRate?: number;
  maxDepth?: number;
  minChildWeight?: number;
  regLambda?: number;
  gamma?: number;
  baseScore?: number;
  /** Accepted for parity with `random_state=42`; the exact method uses no randomness. */
  randomState?: number;
  /** Called after each boosting round (round, total). */
  onRound?: RoundCallback;
}

export interface FitOptions {
  /** One positive finite weight per row (e.g. {@link balancedSampleWeights}). */
  sampleWeight?: ArrayLike<number> | null;
  /**
   * The exact engine only: a second thread that grows half of each round's trees (see
   * booster-helper.ts); the fitted model is the same with or without it.
   */
  helper?: BoosterHelper | null;
}

/** What every engine offers. */
export interface Classifier {
  readonly engine: EngineName;
  fit(X: FeatureMatrix, y: ArrayLike<number>, options?: FitOptions): this;
  /** Predicted class per row (argmax of the probabilities; first maximum on ties). */
  predict(X: FeatureMatrix): number[];
  /** Probabilities per row, one column per class (float32 values, rows sum to 1 ± 1e-7). */
  predictProba(X: FeatureMatrix): number[][];
  /** Gain importances in feature order, summing to 1. */
  readonly featureImportances: number[];
  readonly nClasses: number;
  readonly nFeaturesIn: number;
  toJSON(): unknown;
}

/** Resolves full booster parameters from options and the number of classes. */
export function resolveParams(options: ClassifierOptions, numClass: number): BoosterParams {
  const objective: BoosterObjective = options.objective ?? (numClass > 2 ? "multi:softprob" : "binary:logistic");
  if (objective === "binary:logistic" && numClass !== 2)
    throw new Error(`XGBClassifier: objective binary:logistic needs 2 classes, y has ${numClass}`);
  const p: BoosterParams = {
    ...DEFAULT_BOOSTER_PARAMS,
    objective,
    numClass,
  };
  for (const key of Object.keys(DEFAULT_BOOSTER_PARAMS) as (keyof typeof DEFAULT_BOOSTER_PARAMS)[]) {
    const v = options[key];
    if (v === undefined) continue;
    if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`XGBClassifier: option ${key} must be a number`);
    p[key] = v;
  }
  if (!Number.isInteger(p.nEstimators) || p.nEstimators < 1) throw new Error("XGBClassifier: nEstimators must be ≥ 1");
  if (!Number.isInteger(p.maxDepth) || p.maxDepth < 1 || p.maxDepth > 20)
    throw new Error("XGBClassifier: maxDepth must be an integer in 1..20");
  if (p.learningRate <= 0) throw new Error("XGBClassifier: learningRate must be > 0");
  if (p.regLambda < 0 || p.minChildWeight < 0 || p.gamma < 0)
    throw new Error("XGBClassifier: regLambda, minChildWeight and gamma must be ≥ 0");
  if (!(p.baseScore > 0 && p.baseScore < 1)) throw new Error("XGBClassifier: baseScore must be in (0, 1)");
  return p;
}

/** Argmax per row of a row-major probability array (first maximum wins). */
export function argmaxRows(proba: ArrayLike<number>, nRows: number, k: number): number[] {
  const out = new Array<number>(nRows);
  for (let r = 0; r < nRows; r++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (proba[r * k + c] > proba[r * k + best]) best = c;
    out[r] = best;
  }
  return out;
}

/** Row-major probabilities (nRows × k) as one array per row, as `predict_proba` returns them. */
export function probaRows(proba: Float64Array, nRows: number, k: number): number[][] {
  return Array.from({ length: nRows }, (_, r) => Array.from(proba.subarray(r * k, (r + 1) * k)));
}

/**
 * Class indices from probabilities, as the scikit-learn wrapper decides them: binary:logistic
 * gives class 1 when p > 0.5, multi:softprob the first class of largest probability.
 */
export function classesFromProba(proba: Float64Array, nRows: number, k: number, objective: string): number[] {
  if (objective === "binary:logistic") return Array.from({ length: nRows }, (_, r) => (proba[r * 2 + 1] > 0.5 ? 1 : 0));
  return argmaxRows(proba, nRows, k);
}

/**
 * What both engines derive from their row-major probabilities (`predictProbaFlat`) and fitted
 * parameters: `predictProba` (one array per row), `predict` (classes as the scikit-learn wrapper
 * decides them, {@link classesFromProba}) and `nClasses`.
 */
export abstract class ProbabilityClassifier {
  /** Row-major probabilities (n × k) as a Float64Array. */
  abstract predictProbaFlat(X: FeatureMatrix): { proba: Float64Array; nRows: number; nClasses: number };

  /** The fitted booster parameters; a NotFittedError naming the method `where` before `fit`. */
  protected abstract fittedParams(where: string): BoosterParams;

  predictProba(X: FeatureMatrix): number[][] {
    const { proba, nRows, nClasses } = this.predictProbaFlat(X);
    return probaRows(proba, nRows, nClasses);
  }

  predict(X: FeatureMatrix): number[] {
    const { proba, nRows, nClasses } = this.predictProbaFlat(X);
    return classesFromProba(proba, nRows, nClasses, this.fittedParams("predict").objective);
  }

  get nClasses(): number {
    return this.fittedParams("nClasses").numClass;
  }
}

/** The default engine: XGBoost's exact greedy algorithm in TypeScript. */
export class XGBClassifier extends ProbabilityClassifier implements Classifier {
  readonly engine = "exact" as const;
  private model: BoosterModel | null = null;

  constructor(private readonly options: ClassifierOptions = {}) {
    super();
    if (options.engine !== undefined && options.engine !== "exact")
      throw new Error(`XGBClassifier is the "exact" engine; use createClassifier({ engine: "${options.engine}" })`);
  }

  fit(X: FeatureMatrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    const { x, nRows, nCols } = prepareFeatures(X, "XGBClassifier.fit");
    const { labels, numClass } = prepareLabels(y, nRows, "XGBClassifier.fit", this.options.numClass);
    const weights = prepareWeights(options.sampleWeight, nRows, "XGBClassifier.fit");
    const params = resolveParams(this.options, numClass);
    this.model = trainBooster({ x, nRows, nCols, labels, weights }, params, this.options.onRound, {
      helper: options.helper,
    });
    return this;
  }

  private fitted(where: string): BoosterModel {
    if (!this.model) throw new NotFittedError(`XGBClassifier.${where}`);
    return this.model;
  }

  protected fittedParams(where: string): BoosterParams {
    return this.fitted(where).params;
  }

  /** Row-major probabilities as a Float64Array (n × k), without building nested arrays. */
  predictProbaFlat(X: FeatureMatrix): { proba: Float64Array; nRows: number; nClasses: number } {
    const model = this.fitted("predictProba");
    const { x, nRows } = prepareFeatures(X, "XGBClassifier.predict", model.numFeature);
    return { proba: predictProbabilities(model, x, nRows), nRows, nClasses: model.params.numClass };
  }

  get featureImportances(): number[] {
    return Array.from(gainImportances(this.fitted("featureImportances")));
  }

  get nFeaturesIn(): number {
    return this.fitted("nFeaturesIn").numFeature;
  }

  /** The trained booster (trees as typed arrays). */
  get booster(): BoosterModel {
    return this.fitted("booster");
  }

  /** XGBoost-1.7-layout JSON (see booster-json.ts); `XGBClassifier.fromJSON` restores it exactly. */
  toJSON(): BoosterJSON {
    return boosterToJSON(this.fitted("toJSON"));
  }

  /** Restores a classifier saved with `toJSON` (object or string) or by Python xgboost 1.7. */
  static fromJSON(json: unknown): XGBClassifier {
    const model = boosterFromJSON(json);
    const c = new XGBClassifier({ ...model.params });
    c.model = model;
    return c;
  }
}
