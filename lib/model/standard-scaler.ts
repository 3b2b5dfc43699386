/**
 * StandardScaler as scikit-learn's: z = (x − mean) / scale per column, with mean and population
 * variance (ddof 0) from the rows passed to `fit` only (the article fits on the training rows,
 * In[32], and transforms each test month with that training scaler, In[37]).
 *
 * NaN values are ignored when fitting (mean and variance over the non-missing rows) and stay NaN
 * when transforming. A (numerically) constant column gets scale 1, so it maps to 0 — scikit-learn's
 * rule: var ≤ n·ε·var + (n·mean·ε)² counts as constant. The variance is computed in two passes with
 * scikit-learn's correction term Σ(x − mean)² − (Σ(x − mean))²/n, clamped at 0 (a constant column
 * can give a few ulps below 0): `standardScalerMoments` in lib/statistics/descriptive.ts.
 */

import { standardScalerMoments } from "../statistics/descriptive";
import { NotFittedError } from "../validation";
import { type FeatureMatrix, prepareFeatures } from "./input";

export interface ScalerParams {
  mean: number[];
  /** Population variance (ddof 0). */
  variance: number[];
  /** sqrt(variance), or 1 for a constant column. */
  scale: number[];
  nFeatures: number;
}

function toRows(X: FeatureMatrix): number[][] {
  if (Array.isArray(X)) return (X as readonly ArrayLike<number>[]).map((r) => Array.from(r));
  const d = X as { nRows: number; nCols: number; data: ArrayLike<number> };
  return Array.from({ length: d.nRows }, (_, r) => Array.from({ length: d.nCols }, (_, c) => d.data[r * d.nCols + c]));
}

export class StandardScaler {
  private p: ScalerParams | null = null;

  /** Learns mean and scale per column from `X` (rows × features, NaN ignored). */
  fit(X: FeatureMatrix): this {
    prepareFeatures(X, "StandardScaler.fit", undefined, { float32: false }); // shape and value checks
    const rows = toRows(X);
    const k = rows[0].length;
    const mean = new Array<number>(k).fill(0);
    const variance = new Array<number>(k).fill(0);
    const scale = new Array<number>(k).fill(1);
    for (let c = 0; c < k; c++) {
      const m = standardScalerMoments(rows.map((r) => r[c]));
      if (m.n === 0) throw new Error(`StandardScaler.fit: column ${c} has no non-missing value`);
      mean[c] = m.mean;
      variance[c] = Math.max(0, m.variance);
      scale[c] = m.scale;
    }
    this.p = { mean, variance, scale, nFeatures: k };
    return this;
  }

  /** (x − mean)/scale per column; NaN stays NaN. Throws if the column count differs from fit. */
  transform(X: FeatureMatrix): number[][] {
    const p = this.params;
    prepareFeatures(X, "StandardScaler.transform", p.nFeatures, { float32: false });
    return toRows(X).map((r) => r.map((v, c) => (v - p.mean[c]) / p.scale[c]));
  }

  fitTransform(X: FeatureMatrix): number[][] {
    return this.fit(X).transform(X);
  }

  /** Fitted mean, variance and scale (throws before `fit`). */
  get params(): ScalerParams {
    if (!this.p) throw new NotFittedError("StandardScaler", "not fitted yet (call fit first)");
    return this.p;
  }
}
