/**
 * Input checks shared by the allocation modules, built on the library-wide checkers of
 * `lib/validation.ts` (this file keeps the allocation-specific names and return conventions).
 *
 * Every public function of `lib/allocation` validates its vectors and matrices here so that bad
 * input (wrong length, NaN/Infinity, a non-symmetric or non-square covariance, and — where a
 * function asks for it — an indefinite one) produces an `ArgumentError` that names the function
 * and the argument, instead of a silent NaN or a failure deep inside ml-matrix or quadprog.
 */
import {
  ArgumentError,
  checkFiniteArray,
  checkNonNegativeDiagonal,
  checkSymmetric,
  checkSymmetricPsd,
  type Mat,
  type Vec,
} from "../validation";

export type { Mat, Vec } from "../validation";

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

/** Σx for a square matrix given as rows. */
export function matVec(m: readonly (readonly number[])[], x: readonly number[]): number[] {
  return m.map((r) => {
    let s = 0;
    for (let j = 0; j < x.length; j++) s += r[j] * x[j];
    return s;
  });
}

/** xᵀy. */
export function dot(x: readonly number[], y: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}
