/**
 * Argument validation shared by the library — the analogue of scikit-learn's
 * `sklearn.utils.validation`: typed errors and small checkers that public functions call on their
 * inputs before computing, so that nonsense (a short array, NaN/Infinity, an indefinite
 * covariance, "2024-12-31x" as a date) is reported as one clear line instead of a silent NaN, a
 * wrong-but-plausible number or a failure deep inside a dependency.
 *
 * ## Messages
 * Every {@link ArgumentError} names the reporting function (`where`), the argument, the offending
 * index and value, and what was expected, on one line:
 *
 *   fitConstrainedWeights: sector[29] is missing: sector has 29 entries, wU has 30
 *   portfolioSummary: cov is not positive semi-definite: smallest eigenvalue -0.5 < -1e-10·max|diag| = -1e-10; …
 *
 * i.e. `<where>: <argument>[<index>] <problem>[; <hint>]`. The same parts are available as fields
 * (`where`, `argument`, `index`, `value`, `hint`) for programs that handle the error.
 *
 * Data files have their own error, {@link DataError}, which names file, line and column instead.
 *
 * ## Checkers
 * Each checker takes the argument's name first (as the caller's parameter is called), the value,
 * and options with `where` (the caller's function name, prefixed to the message). It throws an
 * ArgumentError on the first problem found (lowest index first) and otherwise returns the value,
 * so calls can be chained. Numbers are printed with `String(x)` (1e+39, -0.5, NaN, Infinity);
 * strings are quoted.
 */
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { monthNumber, parseIsoDate } from "./data/dates";

/** A vector argument: a plain array or a Float64Array. */
export type Vec = readonly number[] | Float64Array;

/** A matrix argument given as rows. */
export type Mat = readonly (readonly number[] | Float64Array)[];

/** Position of an offending entry: i for a vector, [i, j] (row, column) for a matrix. */
export type ArgumentIndex = number | readonly [number, number];

/** The parts of an {@link ArgumentError}. */
export interface ArgumentErrorInit {
  /** Reporting function or context, e.g. "fitConstrainedWeights" or "prices.csv line 5". */
  where?: string;
  /** The argument's name as the caller knows it, e.g. "wU" or "cov". */
  argument: string;
  /** Offending entry, when the problem is one entry. */
  index?: ArgumentIndex;
  /** Offending value (the entry, or the whole argument). */
  value?: unknown;
  /** What is wrong, phrased to follow "<argument>[<index>]", e.g. "is NaN, expected a finite number". */
  problem: string;
  /** How to fix it, appended after "; ". */
  hint?: string;
  /**
   * The whole message, replacing the composed one — only for messages whose wording predates
   * this module (callers and tests match them); the fields above still describe the problem.
   */
  message?: string;
}

/** `[i]` or `[i][j]`; empty without an index. */
export function formatIndex(index: ArgumentIndex | undefined): string {
  if (index === undefined) return "";
  return typeof index === "number" ? `[${index}]` : `[${index[0]}][${index[1]}]`;
}

/** A value as it appears in messages: numbers via String (1e+39, NaN), strings quoted, arrays by length. */
export function formatValue(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  if (v === null || v === undefined) return String(v);
  if (Array.isArray(v) || ArrayBuffer.isView(v)) return `an array of length ${(v as ArrayLike<unknown>).length}`;
  return `a ${typeof v}`;
}

/** An invalid argument: names the argument, the index and the value (see the module comment). */
export class ArgumentError extends Error {
  readonly where: string | undefined;
  readonly argument: string;
  readonly index: ArgumentIndex | undefined;
  readonly value: unknown;
  readonly hint: string | undefined;

  constructor(init: ArgumentErrorInit) {
    const subject = `${init.argument}${formatIndex(init.index)}`;
    super(
      init.message ??
        `${init.where ? `${init.where}: ` : ""}${subject} ${init.problem}${init.hint ? `; ${init.hint}` : ""}`,
    );
    this.name = "ArgumentError";
    this.where = init.where;
    this.argument = init.argument;
    this.index = init.index;
    this.value = init.value;
    this.hint = init.hint;
  }
}

/**
 * An estimator used before `fit`: `<where>: <message>`, by default
 * "XGBClassifier.predict: the model is not fitted yet (call fit first)".
 */
export class NotFittedError extends Error {
  readonly where: string;
  constructor(where: string, message = "the model is not fitted yet (call fit first)") {
    super(`${where}: ${message}`);
    this.name = "NotFittedError";
    this.where = where;
  }
}

/** Where a bad value sits in a data file: the file as the user named it, 1-based line, column name. */
export interface DataLocation {
  /** The file, as the user knows it (e.g. "fields.csv" or a path relative to the data folder). */
  file: string;
  /** 1-based line in the file (a quoted field spanning lines reports its first line). */
  line?: number;
  /** The column's header name. */
  column?: string;
}

/**
 * A data file that cannot be used: `<file>[ line <n>][, column "<c>"]: <problem>`, e.g.
 * `fields.csv line 12, column "Date": "2024-13-01" is not a date (expected YYYY-MM-DD)`.
 * The parts are also fields (`file`, `line`, `column`, `problem`) for programs that report or
 * collect errors. The data loaders (lib/data, lib/aila/daily-data.ts) throw it for every problem
 * that has a place in a file; problems with an argument are {@link ArgumentError}s.
 */
export class DataError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: string | undefined;
  readonly problem: string;
  constructor(loc: DataLocation, problem: string) {
    const line = loc.line === undefined ? "" : ` line ${loc.line}`;
    const column = loc.column === undefined ? "" : `, column "${loc.column}"`;
    super(`${loc.file}${line}${column}: ${problem}`);
    this.name = "DataError";
    this.file = loc.file;
    this.line = loc.line;
    this.column = loc.column;
    this.problem = problem;
  }
}

/** Common checker options. */
export interface CheckOptions {
  /** The calling function (message prefix). */
  where?: string;
}

const isArrayLike = (x: unknown): x is ArrayLike<unknown> =>
  Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView));

/** `arr` must be an array or typed array ("<name> must be <what>, got …"). */
function requireArray(name: string, arr: unknown, what: string, opts: CheckOptions): void {
  if (!isArrayLike(arr))
    throw new ArgumentError({
      where: opts.where,
      argument: name,
      value: arr,
      problem: `must be ${what}, got ${formatValue(arr)}`,
    });
}

/**
 * Checks that `arr` is an array (or typed array) of exactly `n` entries. A shorter array is
 * reported at its first missing index ("sector[29] is missing: sector has 29 entries, wU has 30"
 * with `lengthOf: "wU"`, otherwise "…, expected 30"), a longer one at its first extra index.
 */
export function checkLength<T extends ArrayLike<unknown>>(
  name: string,
  arr: T,
  n: number,
  opts: CheckOptions & { lengthOf?: string } = {},
): T {
  requireArray(name, arr, "an array", opts);
  if (arr.length === n) return arr;
  const other = opts.lengthOf ? `${opts.lengthOf} has ${n}` : `expected ${n}`;
  throw new ArgumentError({
    where: opts.where,
    argument: name,
    index: Math.min(arr.length, n),
    value: arr.length,
    problem: `is ${arr.length < n ? "missing" : "extra"}: ${name} has ${arr.length} entries, ${other}`,
  });
}

/**
 * Checks that `arr` is an array (or typed array) whose every entry is a finite number (not a
 * non-number, NaN or ±Infinity), with exactly `length` entries when given (see {@link checkLength}).
 */
export function checkFiniteArray<T extends ArrayLike<number>>(
  name: string,
  arr: T,
  opts: CheckOptions & { length?: number; lengthOf?: string } = {},
): T {
  requireArray(name, arr, "an array of numbers", opts);
  if (opts.length !== undefined) checkLength(name, arr, opts.length, opts);
  for (let i = 0; i < arr.length; i++) {
    const v = arr[i];
    if (typeof v !== "number" || !Number.isFinite(v))
      throw new ArgumentError({
        where: opts.where,
        argument: name,
        index: i,
        value: v,
        problem: `is ${formatValue(v)}, expected a finite number`,
      });
  }
  return arr;
}

/**
 * Checks that `m` is a non-empty array of rows (arrays or typed arrays) of equal length — `rows`
 * rows and `cols` columns when given, rows = columns with `square` — and, unless `finite: false`,
 * that every entry is a finite number (reported as `m[i][j]`).
 */
export function checkMatrix<T extends readonly ArrayLike<number>[]>(
  name: string,
  m: T,
  opts: CheckOptions & { rows?: number; cols?: number; square?: boolean; finite?: boolean } = {},
): T {
  const where = opts.where;
  if (!Array.isArray(m))
    throw new ArgumentError({
      where,
      argument: name,
      value: m,
      problem: `must be an array of rows, got ${formatValue(m)}`,
    });
  if (m.length === 0) throw new ArgumentError({ where, argument: name, value: m, problem: "has no rows" });
  if (opts.rows !== undefined && m.length !== opts.rows)
    throw new ArgumentError({
      where,
      argument: name,
      value: m.length,
      problem: `has ${m.length} rows, expected ${opts.rows}`,
    });
  const first = m[0];
  const cols = opts.cols ?? (opts.square ? m.length : isArrayLike(first) ? first.length : 0);
  for (let i = 0; i < m.length; i++) {
    const r = m[i];
    if (!isArrayLike(r))
      throw new ArgumentError({
        where,
        argument: name,
        index: i,
        value: r,
        problem: `is ${formatValue(r)}, expected a row array`,
      });
    if (r.length !== cols)
      throw new ArgumentError({
        where,
        argument: name,
        index: i,
        value: r.length,
        problem: `has ${r.length} columns, expected ${cols}${opts.square ? ` (a square ${m.length}×${m.length} matrix)` : ""}`,
      });
    if (opts.finite === false) continue;
    for (let j = 0; j < cols; j++) {
      const v = r[j];
      if (typeof v !== "number" || !Number.isFinite(v))
        throw new ArgumentError({
          where,
          argument: name,
          index: [i, j],
          value: v,
          problem: `is ${formatValue(v)}, expected a finite number`,
        });
    }
  }
  return m;
}

/**
 * Checks that `m` is a square matrix of finite numbers (see {@link checkMatrix}; `size` rows when
 * given) that is symmetric within a relative tolerance: |m_ij − m_ji| ≤ `symmetryTol`·max|m|
 * (default 1e-10). Returns the symmetrised copy (m + mᵀ)/2 as plain rows.
 */
export function checkSymmetric(
  name: string,
  m: Mat,
  opts: CheckOptions & { symmetryTol?: number; size?: number } = {},
): number[][] {
  checkMatrix(name, m, { where: opts.where, rows: opts.size, square: true });
  const n = m.length;
  const symTol = opts.symmetryTol ?? 1e-10;
  let scale = 0;
  for (const r of m) for (let j = 0; j < n; j++) scale = Math.max(scale, Math.abs(r[j]));
  const out = m.map((r) => Array.from(r));
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      if (Math.abs(m[i][j] - m[j][i]) > symTol * Math.max(scale, 1e-300))
        throw new ArgumentError({
          where: opts.where,
          argument: name,
          index: [i, j],
          value: m[i][j],
          problem: `is ${m[i][j]} but ${name}[${j}][${i}] is ${m[j][i]}: not symmetric (relative tolerance ${symTol})`,
        });
      const s = (m[i][j] + m[j][i]) / 2;
      out[i][j] = s;
      out[j][i] = s;
    }
  return out;
}

/** Checks that the diagonal of the square matrix `m` (variances) is ≥ 0, reported as `m[i][i]`. */
export function checkNonNegativeDiagonal(name: string, m: Mat, opts: CheckOptions = {}): void {
  for (let i = 0; i < m.length; i++)
    if (!(m[i][i] >= 0))
      throw new ArgumentError({
        where: opts.where,
        argument: name,
        index: [i, i],
        value: m[i][i],
        problem: `is ${formatValue(m[i][i])}, a negative variance`,
      });
}

/** Smallest eigenvalue of a symmetric matrix (ml-matrix EigenvalueDecomposition, `assumeSymmetric`). */
export function smallestEigenvalue(m: readonly (readonly number[])[]): number {
  if (m.length === 1) return m[0][0];
  return Math.min(
    ...new EigenvalueDecomposition(new Matrix(m.map((r) => [...r])), { assumeSymmetric: true }).realEigenvalues,
  );
}

/** Result of {@link checkSymmetricPsd}. */
export interface SymmetricPsd {
  /** The symmetrised copy (m + mᵀ)/2 as plain rows. */
  matrix: number[][];
  /** Smallest eigenvalue of `matrix`. */
  minEigenvalue: number;
}

/**
 * Checks that `m` is a covariance-like matrix: square, finite, symmetric within `symmetryTol`
 * (see {@link checkSymmetric}), with a non-negative diagonal, and positive semi-definite — its
 * smallest eigenvalue λ_min ≥ −`tol`·max_i |m_ii| (default tol 1e-10, far above the rounding
 * error ~n·ε·max|m_ii| of a covariance estimated from data, far below any real negative
 * direction). An indefinite matrix is reported with λ_min and a hint: a covariance estimated from
 * fewer than n + 1 joint observations is singular, one assembled pairwise or by hand can be
 * indefinite. Returns the symmetrised copy and λ_min.
 */
export function checkSymmetricPsd(
  name: string,
  m: Mat,
  opts: CheckOptions & { tol?: number; symmetryTol?: number; size?: number } = {},
): SymmetricPsd {
  const matrix = checkSymmetric(name, m, opts);
  checkNonNegativeDiagonal(name, matrix, opts);
  const n = matrix.length;
  const tol = opts.tol ?? 1e-10;
  let diag = 0;
  for (let i = 0; i < n; i++) diag = Math.max(diag, Math.abs(matrix[i][i]));
  const minEigenvalue = smallestEigenvalue(matrix);
  const floor = -tol * diag;
  if (!(minEigenvalue >= floor))
    throw new ArgumentError({
      where: opts.where,
      argument: name,
      value: minEigenvalue,
      problem: `is not positive semi-definite: smallest eigenvalue ${minEigenvalue} < -${tol}·max|diag| = ${floor}`,
      hint: `estimate the covariance from at least ${n + 1} joint observations (not pairwise) or shrink it (e.g. Ledoit–Wolf)`,
    });
  return { matrix, minEigenvalue };
}

/**
 * Checks that `x` (a number or every entry of an array) is a number ≥ 0: NaN and negative values
 * are rejected; +Infinity is accepted unless `finite` is set.
 */
export function checkNonNegative<T extends number | ArrayLike<number>>(
  name: string,
  x: T,
  opts: CheckOptions & { finite?: boolean } = {},
): T {
  const one = (v: unknown, index?: number) => {
    if (typeof v !== "number" || !(v >= 0) || (opts.finite && v === Number.POSITIVE_INFINITY))
      throw new ArgumentError({
        where: opts.where,
        argument: name,
        index,
        value: v,
        problem: `is ${formatValue(v)}, expected a ${opts.finite ? "finite " : ""}number ≥ 0`,
      });
  };
  if (typeof x === "number") one(x);
  else if (isArrayLike(x)) for (let i = 0; i < x.length; i++) one(x[i], i);
  else one(x);
  return x;
}

/** Bounds for {@link checkRange}; a missing bound is unbounded. */
export interface RangeOptions extends CheckOptions {
  min?: number;
  max?: number;
  /** Exclude `min` itself (x > min). */
  minExclusive?: boolean;
  /** Exclude `max` itself (x < max). */
  maxExclusive?: boolean;
  /** Require an integer. */
  integer?: boolean;
  /** The entry's index, for an entry of an array checked one by one. */
  index?: ArgumentIndex;
}

/**
 * Checks that the number `x` is not NaN, lies within [min, max] (either end open with
 * `minExclusive` / `maxExclusive`, either missing for unbounded) and, with `integer`, is an
 * integer. The message states the interval, e.g. "maxAllocation is -1, expected a number in [0, ∞)".
 */
export function checkRange(name: string, x: number, opts: RangeOptions = {}): number {
  const lo = opts.min ?? Number.NEGATIVE_INFINITY;
  const hi = opts.max ?? Number.POSITIVE_INFINITY;
  const okLo = opts.minExclusive ? x > lo : x >= lo;
  const okHi = opts.maxExclusive ? x < hi : x <= hi;
  if (typeof x !== "number" || Number.isNaN(x) || !okLo || !okHi || (opts.integer && !Number.isInteger(x))) {
    const fmt = (v: number) =>
      v === Number.POSITIVE_INFINITY ? "∞" : v === Number.NEGATIVE_INFINITY ? "-∞" : String(v);
    const left = opts.minExclusive || opts.min === undefined ? "(" : "[";
    const right = opts.maxExclusive || opts.max === undefined ? ")" : "]";
    throw new ArgumentError({
      where: opts.where,
      argument: name,
      index: opts.index,
      value: x,
      problem: `is ${formatValue(x)}, expected ${opts.integer ? "an integer" : "a number"} in ${left}${fmt(lo)}, ${fmt(hi)}${right}`,
    });
  }
  return x;
}

/**
 * Checks that `s` is a date written strictly as "YYYY-MM-DD" (four-digit year, two-digit month
 * and day, nothing before or after) that exists in the Gregorian calendar (no 2023-02-29, no
 * 2024-13-01). Message: `<name> "2005/01/04" is not a date (expected YYYY-MM-DD)`.
 */
export function checkIsoDate(name: string, s: unknown, opts: CheckOptions & { index?: ArgumentIndex } = {}): string {
  if (typeof s !== "string" || parseIsoDate(s) === undefined)
    throw new ArgumentError({
      where: opts.where,
      argument: name,
      index: opts.index,
      value: s,
      problem: `${formatValue(s)} is not a date (expected YYYY-MM-DD)`,
    });
  return s;
}

/*
 * Return-series and month checks with a `what` prefix (the calling function, or function and
 * series, e.g. `performanceTable: series "x"`). Their messages keep the wording of the former
 * lib/backtest checks (`message` of ArgumentError), which tests and callers match.
 */

/**
 * Checks that `returns` has at least `minLength` entries (default 1), each a finite number:
 * "<what>: need at least 2 return(s), got 1", "<what>: return at row 3 is NaN". The input check of
 * the performance measures (lib/statistics) and of lib/backtest; NaN is never propagated.
 */
export function checkFiniteReturns<T extends ArrayLike<number>>(returns: T, what: string, minLength = 1): T {
  if (returns.length < minLength)
    throw new ArgumentError({
      where: what,
      argument: "returns",
      value: returns.length,
      problem: `need at least ${minLength} return(s), got ${returns.length}`,
      message: `${what}: need at least ${minLength} return(s), got ${returns.length}`,
    });
  for (let i = 0; i < returns.length; i++) {
    const r = returns[i];
    if (typeof r !== "number" || !Number.isFinite(r))
      throw new ArgumentError({
        where: what,
        argument: "returns",
        index: i,
        value: r,
        problem: `is ${formatValue(r)}, expected a finite number`,
        message: `${what}: return at row ${i} is ${String(r)}`,
      });
  }
  return returns;
}

/**
 * Checks that `dates` (ISO "YYYY-MM-DD") are strictly consecutive calendar months: one per month,
 * ascending, no gap, no duplicate. The message names the offending pair, e.g. "<what>: missing
 * month(s) between 2019-02-28 and 2019-04-30 (rows 1 and 2); …"; a malformed date is reported by
 * lib/data/dates.ts's `monthNumber` as `<what>[i]`.
 *
 * Why: the backtest pairs the prediction made at the end of month t − 1 with the return of month t
 * by shifting one row, and a one-row shift is only a one-month shift when the rows are
 * consecutive calendar months; every such shift checks here first and names the gap instead of
 * shifting silently.
 */
export function checkConsecutiveMonths<T extends readonly string[]>(dates: T, what: string): T {
  for (let i = 0; i < dates.length; i++) {
    const cur = monthNumber(dates[i], `${what}[${i}]`);
    if (i === 0) continue;
    const step = cur - monthNumber(dates[i - 1], `${what}[${i - 1}]`);
    if (step === 1) continue;
    const problem =
      step > 1
        ? `missing month(s) between ${dates[i - 1]} and ${dates[i]} (rows ${i - 1} and ${i}); ` +
          "a one-row shift would pair a prediction with the wrong month"
        : step === 0
          ? `two rows in the same month: ${dates[i - 1]} and ${dates[i]} (row ${i})`
          : `dates not in ascending order: ${dates[i - 1]} before ${dates[i]} (row ${i})`;
    throw new ArgumentError({
      where: what,
      argument: "dates",
      index: i,
      value: dates[i],
      problem,
      message: `${what}: ${problem}`,
    });
  }
  return dates;
}

/*
 * Vector and covariance checks with the (function, argument) calling convention of the allocation
 * modules: they return plain copies, so callers may index and mutate freely.
 */

/** Throws unless `x` has length `n` (when given) and only finite numbers; returns a plain copy. */
export function checkVector(fn: string, name: string, x: Vec, n?: number): number[] {
  if (n !== undefined && x && typeof x.length === "number" && x.length !== n)
    throw new ArgumentError({
      where: fn,
      argument: name,
      value: x.length,
      problem: `has ${x.length} values, expected ${n}`,
    });
  return Array.from(checkFiniteArray(name, x, { where: fn }));
}

/**
 * Throws unless `m` is an n×n matrix of finite numbers with a non-negative diagonal, symmetric
 * within `1e-10·max|m|`; returns a symmetrised plain copy ((m + mᵀ)/2). With `psd: true` it must
 * also be positive semi-definite (smallest eigenvalue ≥ −1e-10·max|diag|, see `checkSymmetricPsd`
 * in lib/validation.ts, whose error carries the smallest eigenvalue and a hint).
 */
export function checkCovariance(
  fn: string,
  name: string,
  m: Mat,
  n?: number,
  opts: { psd?: boolean } = {},
): number[][] {
  if (opts.psd) return checkSymmetricPsd(name, m, { where: fn, size: n }).matrix;
  const out = checkSymmetric(name, m, { where: fn, size: n });
  checkNonNegativeDiagonal(name, out, { where: fn });
  return out;
}
