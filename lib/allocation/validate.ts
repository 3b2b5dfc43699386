/**
 * Input checks shared by the allocation modules.
 *
 * Every public function of `lib/allocation` validates its vectors and matrices here so that bad
 * input (wrong length, NaN/Infinity, a non-symmetric or non-square covariance) produces an Error
 * that names the function and the argument, instead of a silent NaN or a failure deep inside
 * ml-matrix or quadprog.
 */

/** A vector argument: a plain array or a Float64Array. */
export type Vec = readonly number[] | Float64Array;

/** A square matrix argument given as rows. */
export type Mat = readonly (readonly number[] | Float64Array)[];

/** Throws unless `x` has length `n` (when given) and only finite numbers; returns a plain copy. */
export function checkVector(fn: string, name: string, x: Vec, n?: number): number[] {
  if (!x || typeof x.length !== "number") throw new Error(`${fn}: ${name} must be an array of numbers`);
  if (n !== undefined && x.length !== n) throw new Error(`${fn}: ${name} has ${x.length} values, expected ${n}`);
  const out = Array.from(x);
  for (let i = 0; i < out.length; i++) {
    if (typeof out[i] !== "number" || !Number.isFinite(out[i])) {
      throw new Error(`${fn}: ${name}[${i}] is ${String(out[i])}, expected a finite number`);
    }
  }
  return out;
}

/**
 * Throws unless `m` is an n×n matrix of finite numbers, symmetric within `1e-10·max|m|`;
 * returns a symmetrised plain copy ((m + mᵀ)/2).
 */
export function checkCovariance(fn: string, name: string, m: Mat, n?: number): number[][] {
  if (!Array.isArray(m) || m.length === 0) throw new Error(`${fn}: ${name} must be a non-empty square matrix`);
  const k = n ?? m.length;
  if (m.length !== k) throw new Error(`${fn}: ${name} has ${m.length} rows, expected ${k}`);
  const rows = m.map((r, i) => checkVector(fn, `${name} row ${i}`, r, k));
  let scale = 0;
  for (const r of rows) for (const v of r) scale = Math.max(scale, Math.abs(v));
  const out = rows.map((r) => [...r]);
  for (let i = 0; i < k; i++) {
    if (rows[i][i] < 0) throw new Error(`${fn}: ${name}[${i}][${i}] = ${rows[i][i]} is a negative variance`);
    for (let j = i + 1; j < k; j++) {
      if (Math.abs(rows[i][j] - rows[j][i]) > 1e-10 * Math.max(scale, 1e-300)) {
        throw new Error(`${fn}: ${name} is not symmetric at [${i}][${j}] (${rows[i][j]} vs ${rows[j][i]})`);
      }
      const s = (rows[i][j] + rows[j][i]) / 2;
      out[i][j] = s;
      out[j][i] = s;
    }
  }
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
