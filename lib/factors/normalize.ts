/**
 * FTSE-style cross-sectional normalisation (article In[10]-In[12]).
 *
 * Per date and component: z = (x - mean) / std with the population standard deviation (ddof 0),
 * computed over the non-missing values only, exactly as scikit-learn's StandardScaler does
 * (NaN ignored in fit, kept as NaN in transform; a constant column is divided by 1, so every value
 * becomes 0). Then, while any z lies outside [-3, 3]: clip to [-3, 3] and standardise again.
 *
 * Termination: the article's loop (In[10]) has no bound, and it does not always end: one value
 * above n - 1 equal others has z = sqrt(n - 1) after every pass (clipping shrinks the gap, the
 * re-standardisation restores it), so for n >= 11 it would spin forever (erratum E13). Here the
 * loop stops after `maxIterations` passes (default 1000) and then clips once more, so the result
 * is always within [-3, 3]. For n values |z| <= sqrt(n - 1), so 9 or fewer values never loop.
 * An all-NaN column stays all NaN (no pass runs); a single value or a constant column gives 0.
 *
 * Bad input: ±Infinity is an `ArgumentError` naming the index (for `normalizeFactors`: the row,
 * its date and the column) and the value — as scikit-learn's StandardScaler raises on infinity —
 * instead of the all-NaN column with `converged: true` that z = (x − ∞)/∞ would give. The
 * article's In[9] already turns ±Infinity into NaN (`factorComponents`), so only direct callers
 * can meet this. Finite values so large that the mean or the variance overflows (|x| ≳ 1e154) are
 * an `ArgumentError` too.
 */
import { standardScalerMoments } from "../statistics/descriptive";
import { ArgumentError } from "../validation";
import { withColumns } from "./types";

/**
 * One StandardScaler `fit_transform` of a single column: (x - mean) / std, ddof 0, NaN ignored.
 * Scale is 1 when the variance is within rounding of 0 (scikit-learn's constant-feature test:
 * var <= n*eps*var + (n*mean*eps)^2). All-NaN input returns all NaN. Input units are kept out: the
 * result is dimensionless.
 */
export function standardize(x: ArrayLike<number>): Float64Array {
  return standardizeIn(x, "standardize");
}

/** Throws an ArgumentError at the first ±Infinity of `x`. */
function checkNoInfinity(x: ArrayLike<number>, where: string): void {
  for (let i = 0; i < x.length; i++)
    if (x[i] === Number.POSITIVE_INFINITY || x[i] === Number.NEGATIVE_INFINITY)
      throw new ArgumentError({
        where,
        argument: "x",
        index: i,
        value: x[i],
        problem: `is ${x[i]}; z-scores need finite values (NaN marks a missing one)`,
      });
}

function standardizeIn(x: ArrayLike<number>, where: string): Float64Array {
  checkNoInfinity(x, where);
  // mean, variance (two-pass, scikit-learn's rounding correction) and scale: lib/statistics/descriptive.ts
  const { mean, variance, n, scale } = standardScalerMoments(x);
  const out = new Float64Array(x.length);
  if (n === 0) {
    out.fill(Number.NaN);
    return out;
  }
  if (!Number.isFinite(mean) || !Number.isFinite(variance)) {
    let big = 0;
    for (let i = 0; i < x.length; i++) if (Math.abs(x[i]) > big) big = Math.abs(x[i]);
    throw new ArgumentError({
      where,
      argument: "x",
      value: big,
      problem: `overflows: its mean (${mean}) or variance (${variance}) is not finite (largest |x| = ${big})`,
      hint: "rescale the values",
    });
  }
  for (let i = 0; i < x.length; i++) out[i] = (x[i] - mean) / scale;
  return out;
}

const outside = (z: Float64Array, bound: number): boolean => {
  for (let i = 0; i < z.length; i++) if (z[i] > bound || z[i] < -bound) return true;
  return false;
};

export interface ClipOptions {
  /** clip bound (default 3) */
  bound?: number;
  /** maximum number of clip + re-standardise passes (default 1000) */
  maxIterations?: number;
}

/**
 * In[10] `handle_outliers` after In[11]'s first standardisation: z-score, then clip to [-b, b]
 * and re-standardise while any value is outside. Returns the scores and the passes used.
 */
export function clippedZScores(
  x: ArrayLike<number>,
  opts: ClipOptions = {},
): { z: Float64Array; iterations: number; converged: boolean } {
  return clipped(x, opts, "clippedZScores");
}

function clipped(
  x: ArrayLike<number>,
  opts: ClipOptions,
  where: string,
): { z: Float64Array; iterations: number; converged: boolean } {
  const bound = opts.bound ?? 3;
  const maxIterations = opts.maxIterations ?? 1000;
  if (!(bound > 0)) throw new Error(`clippedZScores: bound must be positive, got ${bound}`);
  let z = standardizeIn(x, where);
  let iterations = 0;
  while (outside(z, bound)) {
    if (iterations >= maxIterations) {
      for (let i = 0; i < z.length; i++) z[i] = Math.min(bound, Math.max(-bound, z[i]));
      return { z, iterations, converged: false };
    }
    for (let i = 0; i < z.length; i++) z[i] = Math.min(bound, Math.max(-bound, z[i]));
    z = standardize(z);
    iterations++;
  }
  return { z, iterations, converged: true };
}

/**
 * In[11]-In[12] `normalize_factors`: for every date (in order of first appearance) and every
 * listed column, add `<col>_normalized` = clipped z-scores across that date's rows. Rows keep
 * their order grouped by date (like the article's concat per date). Other fields are copied.
 */
export function normalizeFactors<T extends { Date: string }>(
  rows: readonly T[],
  columns: readonly (keyof T & string)[],
  opts: ClipOptions = {},
): (T & Record<string, number>)[] {
  const byDate = groupByDate(rows);
  const out: (T & Record<string, number>)[] = [];
  for (const group of byDate.values()) {
    const extra: Record<string, Float64Array> = {};
    for (const col of columns) {
      const values = group.map((r) => {
        const v = r[col];
        if (typeof v !== "number") {
          throw new Error(`normalizeFactors: column "${col}" is not numeric for a row dated ${r.Date}`);
        }
        if (v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY)
          throw new ArgumentError({
            where: "normalizeFactors",
            argument: "rows",
            index: rows.indexOf(r),
            value: v,
            problem: `has ${col} = ${v} (dated ${r.Date}); z-scores need finite values (NaN marks a missing one)`,
          });
        return v;
      });
      extra[col] = clipped(values, opts, `normalizeFactors: column "${col}" on ${group[0].Date}`).z;
    }
    const names = columns.map((col) => `${col}_normalized`);
    group.forEach((r, i) => {
      out.push(
        withColumns(
          r,
          names,
          columns.map((col) => extra[col][i]),
        ) as T & Record<string, number>,
      );
    });
  }
  return out;
}

/** Group rows by `Date`, preserving first-appearance order of dates and row order within a date. */
export function groupByDate<T extends { Date: string }>(rows: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    let g = m.get(r.Date);
    if (!g) {
      g = [];
      m.set(r.Date, g);
    }
    g.push(r);
  }
  return m;
}
