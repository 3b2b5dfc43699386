/**
 * Softmax factor weights (article In[16]-In[17]).
 *
 * Per date and factor: w_i = exp(z_i) / sum_j exp(z_j) over the stocks of that date. Computed as
 * exp(z_i - max z) / sum exp(z_j - max z), which is the same number without overflow for large
 * scores. A NaN score gets a NaN weight and is left out of the sum (numpy's `np.sum` over a pandas
 * Series skips NaN) — after In[15] there are none. Weights are fractions summing to 1 per date and
 * factor; they belong to the month of `Date`.
 */
import { FACTOR_COLUMNS, type FactorColumn, type FactorRow } from "./composites";
import { groupByDate } from "./normalize";
import { withColumns } from "./types";

/** Numerically stable softmax of one cross-section (NaN ignored and kept NaN). */
export function softmax(z: ArrayLike<number>): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < z.length; i++) if (z[i] > max) max = z[i];
  const out = new Float64Array(z.length);
  if (max === Number.NEGATIVE_INFINITY) {
    out.fill(Number.NaN);
    return out;
  }
  if (max === Number.POSITIVE_INFINITY) throw new Error("softmax: a score is +Infinity");
  let s = 0;
  for (let i = 0; i < z.length; i++) {
    out[i] = Math.exp(z[i] - max);
    if (!Number.isNaN(out[i])) s += out[i];
  }
  for (let i = 0; i < z.length; i++) out[i] /= s;
  return out;
}

/** `weight_momentum_based` etc.: the weight column name for a factor column (In[17]). */
export const weightColumn = (factor: FactorColumn): string => `weight_${factor.split("_")[0]}_based`;

/** In[17]'s weight columns in order. */
export const WEIGHT_COLUMNS = FACTOR_COLUMNS.map(weightColumn);

/** In[17]'s table: the factor row plus one softmax weight per factor. */
export type WeightedRow = FactorRow & Record<string, number>;

/** In[17]: add the seven `weight_<factor>_based` columns, per date (first-appearance order). */
export function factorWeights(rows: readonly FactorRow[]): WeightedRow[] {
  const out: WeightedRow[] = [];
  for (const group of groupByDate(rows).values()) {
    const w: Record<string, Float64Array> = {};
    for (const f of FACTOR_COLUMNS) w[f] = softmax(group.map((r) => r[f]));
    const names = FACTOR_COLUMNS.map(weightColumn);
    group.forEach((r, i) => {
      out.push(
        withColumns(
          r,
          names,
          FACTOR_COLUMNS.map((f) => w[f][i]),
        ) as WeightedRow,
      );
    });
  }
  return out;
}
