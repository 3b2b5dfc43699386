/**
 * The second engine: `ml-xgboost` 1.1.2 (mljs), a 2017 Emscripten/WebAssembly build of XGBoost
 * (0.7x-era C++), behind the same {@link Classifier} interface as the default engine, as a
 * cross-check.
 *
 * What the package supports, established by experiment (see bench/booster.md and
 * test/model/ml-xgboost-engine.test.ts):
 * - API: `train(X, y)` and `predict(X)` only; the exported C functions are create_model(data,
 *   labels, rows, cols), set_param, train_full_model, predict_one, save/load_model. Parameters are
 *   passed through `set_param`, so objective "multi:softprob" with "num_class" works and `predict`
 *   returns float32 class probabilities; "binary:logistic" returns p(class 1).
 * - No sample weights (no way to set the DMatrix weight vector) → fitting with weights is refused.
 * - No feature importances (no model dump or score function) → `featureImportances` throws.
 * - Missing values: its create_model builds the DMatrix with `missing = -1`, so the value −1 is
 *   silently treated as missing and a NaN fails XGBoost's check "There are NAN in the matrix,
 *   however, you did not set missing=NAN" (uncatchable, see below). This wrapper therefore encodes
 *   NaN as −1 (so missing values work, with the learned default direction) and refuses a genuine −1
 *   value with a clear error, unless `minusOneIsMissing: true` says −1 means missing.
 * - The package's own defaults differ from xgboost's (subsample 0.5, eta 0.1, max_depth 5,
 *   200 iterations); this wrapper always sets the xgboost 1.7 wrapper defaults explicitly.
 * - Errors: C++ exceptions are compiled with catching disabled: a bad label (≥ num_class) logs
 *   "Check failed: label must be in [0, num_class)" and throws a bare string ("… Exception catching
 *   is disabled, this exception cannot be caught …"), leaving the WASM heap in an unknown state;
 *   running out of its memory calls Emscripten `abort()`, after which the module is dead.
 * - Loading the module installs a process-wide `process.on("uncaughtException")` handler that
 *   rethrows every exception, and prints "wasm streaming compile failed" on Node ≥ 18.
 *
 * Isolation: every call runs in a child Node.js process (`spawnSync`, fed JSON on stdin), so the
 * handler and any abort stay in the child; the caller gets an Error with XGBoost's message. Inputs
 * are validated before the child starts (labels, NaN, weights, shapes), so bad input never reaches
 * the WASM. Cost: one process start (~0.1–0.2 s) per fit and per predict.
 */
import { spawnSync } from "node:child_process";
import { NotFittedError } from "../validation";
import type { BoosterParams, RoundCallback } from "./booster-exact";
import {
  type Classifier,
  type ClassifierOptions,
  type FitOptions,
  ProbabilityClassifier,
  resolveParams,
  XGBClassifier,
} from "./classifier";
import { type FeatureMatrix, prepareFeatures, prepareLabels, prepareWeights } from "./input";

const RESULT = "@@ml-xgboost-result@@";
const FAILURE = "@@ml-xgboost-error@@";

/** Source of the child process: reads one JSON request on stdin, answers on stdout after a marker. */
const CHILD_SOURCE = `
const chunks = [];
process.stdin.on("data", (c) => chunks.push(c));
process.stdin.on("end", () => {
  const req = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  req.rows = req.rows.map((r) => r.map((v) => (v === null ? NaN : v))); // JSON null = NaN
  const reply = (tag, obj) => process.stdout.write("\\n" + tag + JSON.stringify(obj) + "\\n");
  require(req.modulePath).then((XGBoost) => {
    try {
      let booster;
      if (req.op === "fit") {
        booster = new XGBoost(req.options);
        booster.train(req.rows, req.labels);
        const saved = booster.toJSON();
        reply(${JSON.stringify(RESULT)}, { model: Buffer.from(saved.model.map((b) => b & 255)).toString("base64") });
      } else {
        booster = XGBoost.load({ name: "ml-xgboost", model: Array.from(Buffer.from(req.model, "base64")), options: req.options });
        reply(${JSON.stringify(RESULT)}, { predictions: booster.predict(req.rows) });
      }
      booster.free();
    } catch (e) {
      reply(${JSON.stringify(FAILURE)}, String(e));
      process.exitCode = 3;
    }
  });
});
`;

function modulePath(): string {
  try {
    return require.resolve("ml-xgboost");
  } catch {
    throw new Error("ml-xgboost engine: the package ml-xgboost is not installed");
  }
}

/** Runs one request in a fresh child process; throws an Error carrying XGBoost's own message. */
function runChild(request: Record<string, unknown>, timeoutMs: number): Record<string, unknown> {
  const res = spawnSync(process.execPath, ["-e", CHILD_SOURCE], {
    input: JSON.stringify({ ...request, modulePath: modulePath() }),
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    timeout: timeoutMs,
  });
  const out = res.stdout ?? "";
  const line = out.split("\n").find((l) => l.startsWith(RESULT));
  if (res.status === 0 && line) return JSON.parse(line.slice(RESULT.length));
  const failure = out.split("\n").find((l) => l.startsWith(FAILURE));
  const checks = `${out}\n${res.stderr ?? ""}`
    .split("\n")
    .filter((l) => /Check failed|abort|Error/.test(l) && !l.startsWith(FAILURE) && !l.includes("streaming compile"))
    .map((l) => l.replace(/^\[\d\d:\d\d:\d\d\] /, "").slice(0, 300));
  const why = res.error
    ? String(res.error.message)
    : `${checks.join(" | ") || "no message"}${failure ? ` (${JSON.parse(failure.slice(FAILURE.length))})`.slice(0, 200) : ""}`;
  throw new Error(`ml-xgboost engine: the WebAssembly XGBoost failed (exit ${res.status ?? res.signal}): ${why}`);
}

/**
 * Trains in the child process WITHOUT any input check and returns the saved model (base64) — for
 * tests that show a WebAssembly failure (e.g. a label ≥ num_class) surfaces as an Error here.
 */
export function mlXgboostTrainUnchecked(
  rows: number[][],
  labels: number[],
  options: Record<string, string | number>,
): string {
  return String(runChild({ op: "fit", options, rows, labels }, 120_000).model);
}

/** The ml-xgboost parameters equivalent to our booster parameters. */
export function mlXgboostOptions(p: BoosterParams): Record<string, string | number> {
  const o: Record<string, string | number> = {
    booster: "gbtree",
    objective: p.objective,
    tree_method: "exact",
    max_depth: p.maxDepth,
    eta: p.learningRate,
    min_child_weight: p.minChildWeight,
    lambda: p.regLambda,
    gamma: p.gamma,
    base_score: p.baseScore,
    subsample: 1,
    colsample_bytree: 1,
    silent: 1,
    nthread: 1,
    iterations: p.nEstimators,
  };
  if (p.objective === "multi:softprob") o.num_class = p.numClass;
  return o;
}

/** The ml-xgboost (WebAssembly) engine behind the {@link Classifier} interface. */
export class MlXgboostClassifier extends ProbabilityClassifier implements Classifier {
  readonly engine = "ml-xgboost" as const;
  private model: string | null = null;
  private params: BoosterParams | null = null;
  private nFeatures = 0;

  private readonly minusOneIsMissing: boolean;
  private readonly timeoutMs: number;

  /**
   * `minusOneIsMissing`: accept the value −1 and let ml-xgboost treat it as missing (default false:
   * a −1 in X is an error). `timeoutMs`: limit per child process (default 300 000).
   */
  constructor(private readonly options: ClassifierOptions & { minusOneIsMissing?: boolean; timeoutMs?: number } = {}) {
    super();
    this.minusOneIsMissing = options.minusOneIsMissing ?? false;
    this.timeoutMs = options.timeoutMs ?? 300_000;
  }

  fit(X: FeatureMatrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    const where = "MlXgboostClassifier.fit";
    const { x, nRows, nCols } = prepareFeatures(X, where);
    const { labels, numClass } = prepareLabels(y, nRows, where, this.options.numClass);
    const weights = prepareWeights(options.sampleWeight, nRows, where);
    if (weights?.some((w) => w !== 1))
      throw new Error(`${where}: ml-xgboost takes no sample weights; use the default "exact" engine`);
    encodeMissing(x, nCols, where, this.minusOneIsMissing);
    const params = resolveParams(this.options, numClass);
    const onRound: RoundCallback | undefined = this.options.onRound;
    const res = runChild(
      { op: "fit", options: mlXgboostOptions(params), rows: toRows(x, nRows, nCols), labels: Array.from(labels) },
      this.timeoutMs,
    );
    onRound?.(params.nEstimators, params.nEstimators);
    this.model = String(res.model);
    this.params = params;
    this.nFeatures = nCols;
    return this;
  }

  private fitted(where: string): { model: string; params: BoosterParams } {
    if (!this.model || !this.params) throw new NotFittedError(`MlXgboostClassifier.${where}`);
    return { model: this.model, params: this.params };
  }

  protected fittedParams(where: string): BoosterParams {
    return this.fitted(where).params;
  }

  /** Row-major probabilities (n × k). */
  predictProbaFlat(X: FeatureMatrix): { proba: Float64Array; nRows: number; nClasses: number } {
    const where = "MlXgboostClassifier.predict";
    const { model, params } = this.fitted("predict");
    const { x, nRows, nCols } = prepareFeatures(X, where, this.nFeatures);
    encodeMissing(x, nCols, where, this.minusOneIsMissing);
    const res = runChild(
      { op: "predict", model, options: mlXgboostOptions(params), rows: toRows(x, nRows, nCols) },
      this.timeoutMs,
    );
    const preds = res.predictions as (number | number[])[];
    const k = params.numClass;
    const proba = new Float64Array(nRows * k);
    preds.forEach((p, r) => {
      if (params.objective === "binary:logistic") {
        const q = typeof p === "number" ? p : p[0];
        proba[r * 2] = Math.fround(1 - q);
        proba[r * 2 + 1] = q;
      } else {
        for (let c = 0; c < k; c++) proba[r * k + c] = (p as number[])[c];
      }
    });
    return { proba, nRows, nClasses: k };
  }

  get featureImportances(): number[] {
    throw new Error('MlXgboostClassifier: ml-xgboost exposes no feature importances; use the default "exact" engine');
  }

  get nFeaturesIn(): number {
    this.fitted("nFeaturesIn");
    return this.nFeatures;
  }

  /** `{ engine, params, nFeatures, model }` with the XGBoost binary model in base64. */
  toJSON(): unknown {
    const { model, params } = this.fitted("toJSON");
    return { engine: this.engine, params, nFeatures: this.nFeatures, model };
  }
}

/** NaN → −1 (ml-xgboost's missing marker), in place; a genuine −1 is refused unless allowed. */
function encodeMissing(x: Float32Array, nCols: number, where: string, minusOneIsMissing: boolean): void {
  for (let i = 0; i < x.length; i++) {
    if (x[i] === -1 && !minusOneIsMissing)
      throw new Error(
        `${where}: X[${Math.floor(i / nCols)}][${i % nCols}] = -1, which ml-xgboost treats as a missing value ` +
          "(it builds its DMatrix with missing = -1); pass minusOneIsMissing: true to accept that, or use the exact engine",
      );
    if (Number.isNaN(x[i])) x[i] = -1;
  }
}

function toRows(x: Float32Array, nRows: number, nCols: number): number[][] {
  return Array.from({ length: nRows }, (_, r) => Array.from(x.subarray(r * nCols, (r + 1) * nCols)));
}

/** A classifier of the chosen engine (`"exact"`, the default, or `"ml-xgboost"`). */
export function createClassifier(options: ClassifierOptions = {}): Classifier {
  const engine = options.engine ?? "exact";
  if (engine === "ml-xgboost") return new MlXgboostClassifier(options);
  if (engine !== "exact") throw new Error(`createClassifier: unknown engine ${String(engine)} (exact, ml-xgboost)`);
  return new XGBClassifier({ ...options, engine: "exact" });
}
