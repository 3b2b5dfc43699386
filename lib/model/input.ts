/**
 * Input checks and conversion for the classifiers: feature rows → row-major float32 (as XGBoost's
 * DMatrix stores them), labels → class indices, sample weights → float32.
 *
 * Every problem is reported as an ArgumentError naming the argument, the row and the column, before any
 * engine runs — in particular before the WebAssembly engine, where a bad label would abort the
 * whole runtime instead of throwing.
 */
import { ArgumentError } from "../validation";

/**
 * Largest finite float32, 3.4028234663852886e38. XGBoost stores features as float32, so a
 * feature beyond ±FLOAT32_MAX (e.g. 1e39) would silently become ±Infinity; it is an error.
 */
export const FLOAT32_MAX = 3.4028234663852886e38;

/** Feature rows (one array per observation, NaN = missing) or a dense row-major matrix. */
export type FeatureMatrix = readonly ArrayLike<number>[] | DenseMatrix;

/** A dense row-major matrix. */
export interface DenseMatrix {
  nRows: number;
  nCols: number;
  /** Row-major values, length nRows·nCols. */
  data: ArrayLike<number>;
}

/** Features converted for the engines. */
export interface PreparedFeatures {
  /** Row-major float32 values (NaN = missing). */
  x: Float32Array;
  nRows: number;
  nCols: number;
}

function isDense(m: FeatureMatrix): m is DenseMatrix {
  return !Array.isArray(m) && typeof (m as DenseMatrix).nRows === "number";
}

/**
 * Converts features to row-major float32. NaN marks a missing value (learned default direction);
 * ±Infinity, values outside the float32 range ±{@link FLOAT32_MAX} (an `ArgumentError` naming
 * X[row][column] and the value), non-numbers, ragged rows and empty input are errors.
 * `expectedCols`, when given, is the number of features the model was fitted with. Pass
 * `{ float32: false }` for a consumer that works in float64 (the StandardScaler, the expanding
 * window's raw input before scaling): the float32 range is then not enforced.
 */
export function prepareFeatures(
  X: FeatureMatrix,
  where: string,
  expectedCols?: number,
  opts: { float32?: boolean } = {},
): PreparedFeatures {
  const float32 = opts.float32 ?? true;
  let nRows: number;
  let nCols: number;
  const get: (r: number, c: number) => number = isDense(X)
    ? (r, c) => X.data[r * X.nCols + c]
    : (r, c) => (X as readonly ArrayLike<number>[])[r][c];
  if (isDense(X)) {
    nRows = X.nRows;
    nCols = X.nCols;
    if (X.data.length !== nRows * nCols)
      throw new ArgumentError({
        where,
        argument: "X.data",
        problem: `has ${X.data.length} values, expected nRows·nCols = ${nRows * nCols}`,
      });
  } else {
    if (!Array.isArray(X))
      throw new ArgumentError({ where, argument: "X", problem: `must be an array of rows or {nRows, nCols, data}` });
    nRows = X.length;
    nCols = nRows > 0 ? X[0].length : 0;
    for (let r = 0; r < nRows; r++) {
      if (X[r] === null || typeof X[r] !== "object" || typeof X[r].length !== "number")
        throw new ArgumentError({ where, argument: "X", problem: `row ${r} is not an array` });
      if (X[r].length !== nCols)
        throw new ArgumentError({
          where,
          argument: "X",
          problem: `row ${r} has ${X[r].length} features, row 0 has ${nCols} (ragged rows)`,
        });
    }
  }
  if (nRows === 0) throw new ArgumentError({ where, argument: "X", problem: `has no rows` });
  if (nCols === 0) throw new ArgumentError({ where, argument: "X", problem: `has no feature columns` });
  if (expectedCols !== undefined && nCols !== expectedCols)
    throw new ArgumentError({
      where,
      argument: "X",
      problem: `the model was fitted with ${expectedCols} features, X has ${nCols}`,
      message: `${where}: the model was fitted with ${expectedCols} features, X has ${nCols}`,
    });
  const x = new Float32Array(nRows * nCols);
  for (let r = 0; r < nRows; r++) {
    for (let c = 0; c < nCols; c++) {
      const v = get(r, c);
      if (typeof v !== "number")
        throw new ArgumentError({
          where,
          argument: "X",
          index: [r, c],
          value: v,
          problem: `is not a number (${String(v)})`,
        });
      if (v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY)
        throw new ArgumentError({
          where,
          argument: "X",
          index: [r, c],
          value: v,
          problem: `is ${v}; use NaN for a missing value`,
        });
      if (float32 && (v > FLOAT32_MAX || v < -FLOAT32_MAX))
        throw new ArgumentError({
          where,
          argument: "X",
          index: [r, c],
          value: v,
          problem: `is ${v}, outside the float32 range ±${FLOAT32_MAX} in which XGBoost stores features`,
          hint: "rescale the feature (e.g. standardise it)",
        });
      x[r * nCols + c] = v;
    }
  }
  return { x, nRows, nCols };
}

/**
 * Checks that `value` is an array-like with one entry per row of X (`nRows`): an ArgumentError
 * "<argument> must be an array of <what>" otherwise, or "X has n rows but <argument> has m <unit>".
 */
function checkOnePerRow(
  value: unknown,
  nRows: number,
  where: string,
  argument: string,
  what: string,
  unit: string,
): asserts value is ArrayLike<unknown> {
  if (value === null || typeof value !== "object" || typeof (value as ArrayLike<unknown>).length !== "number")
    throw new ArgumentError({ where, argument, problem: `must be an array of ${what}` });
  const n = (value as ArrayLike<unknown>).length;
  if (n !== nRows)
    throw new ArgumentError({
      where,
      argument,
      problem: `has ${n} ${unit}, X has ${nRows} rows`,
      message: `${where}: X has ${nRows} rows but ${argument} has ${n} ${unit}`,
    });
}

/**
 * Checks class labels: finite integers forming exactly {0, …, k−1} with k ≥ 2 (what XGBClassifier
 * 1.7 requires; encode other labels with {@link LabelEncoder} first). With `numClass` given, every
 * label must lie in 0..numClass−1 (all classes need not occur). Returns labels and k.
 */
export function prepareLabels(
  y: ArrayLike<number>,
  nRows: number,
  where: string,
  numClass?: number,
): { labels: Float64Array; numClass: number } {
  checkOnePerRow(y, nRows, where, "y", "class labels", "labels");
  const labels = new Float64Array(nRows);
  let max = -1;
  for (let r = 0; r < nRows; r++) {
    const v = y[r];
    if (typeof v !== "number" || Number.isNaN(v))
      throw new ArgumentError({ where, argument: "y", index: r, problem: `is ${String(v)}, not a class label` });
    if (!Number.isInteger(v) || v < 0)
      throw new ArgumentError({
        where,
        argument: "y",
        index: r,
        problem: `= ${v} is not a class index 0..k−1 (encode labels with LabelEncoder)`,
      });
    if (numClass !== undefined && v >= numClass)
      throw new ArgumentError({
        where,
        argument: "y",
        index: r,
        problem: `= ${v} is outside the classes 0..${numClass - 1} (numClass = ${numClass})`,
      });
    labels[r] = v;
    if (v > max) max = v;
  }
  const present = new Uint8Array(max + 1);
  for (let r = 0; r < nRows; r++) present[labels[r]] = 1;
  const distinct = present.reduce((s, p) => s + p, 0);
  if (distinct < 2)
    throw new ArgumentError({
      where,
      argument: "y",
      problem: `has a single class (${max}); a classifier needs at least 2 classes`,
    });
  if (numClass !== undefined) {
    if (!Number.isInteger(numClass) || numClass < 2)
      throw new ArgumentError({ where, argument: "numClass", problem: `must be an integer ≥ 2` });
    return { labels, numClass };
  }
  if (distinct !== max + 1) {
    const got = [...present.keys()].filter((c) => present[c]);
    throw new ArgumentError({
      where,
      argument: "y",
      problem: `labels must be the consecutive classes 0..${distinct - 1} (as XGBClassifier requires); got [${got.join(", ")}]`,
      message: `${where}: labels must be the consecutive classes 0..${distinct - 1} (as XGBClassifier requires); got [${got.join(", ")}]`,
    });
  }
  return { labels, numClass: max + 1 };
}

/** Checks sample weights (finite, > 0, one per row) and rounds them to float32 like XGBoost. */
export function prepareWeights(w: ArrayLike<number> | undefined | null, nRows: number, where: string) {
  if (w === undefined || w === null) return null;
  checkOnePerRow(w, nRows, where, "sampleWeight", "numbers", "values");
  const out = new Float32Array(nRows);
  for (let r = 0; r < nRows; r++) {
    const v = w[r];
    if (typeof v !== "number" || !Number.isFinite(v) || v <= 0)
      throw new ArgumentError({
        where,
        argument: "sampleWeight",
        index: r,
        problem: `= ${String(v)}; sample weights must be finite and > 0`,
      });
    out[r] = v;
  }
  return out;
}
