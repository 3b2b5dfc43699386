/**
 * The two small vector products the allocation modules share (Σx and xᵀy over plain arrays),
 * written as plain loops: the sizes here are tens of assets, where ml-matrix's object overhead
 * costs more than the arithmetic.
 */
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
