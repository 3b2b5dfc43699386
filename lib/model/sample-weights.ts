/**
 * Class-balancing sample weights, the article's `calculate_sample_weights` (In[33]) and
 * scikit-learn's `compute_sample_weight("balanced", y)`: a row of class c gets
 *   w = n / (k · count_c),
 * n rows, k distinct classes present. Every class then carries the same total weight n/k, so the
 * booster does not favour frequent classes. Weights are dimensionless (mean weight = 1 when all
 * classes have equal counts).
 */

/** Balanced weights, one per label (numbers or strings; NaN labels are an error). */
export function balancedSampleWeights(y: readonly (number | string)[] | ArrayLike<number>): Float64Array {
  const n = y.length;
  if (n === 0) throw new Error("balancedSampleWeights: no labels");
  const counts = new Map<number | string, number>();
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (typeof v === "number" && Number.isNaN(v)) throw new Error(`balancedSampleWeights: label ${i} is NaN`);
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const k = counts.size;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = n / (k * counts.get(y[i])!);
  return out;
}
