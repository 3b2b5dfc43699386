/**
 * The article's temporal train/test split (In[32], In[35]): rows dated before the split date train,
 * the rest test (no shuffling — the order of time is kept), and a StandardScaler fitted on the
 * training rows only. Also column selection by feature name (In[35] keeps the RFE survivors in the
 * order of the printed importance table).
 *
 * Dates are ISO "YYYY-MM-DD" month ends in ascending order; a row's features and label belong to its
 * date. Features are raw (unscaled) values; NaN stays NaN.
 */

import { ArgumentError } from "../validation";
import { splitIndexByDate } from "./expanding-window";
import { StandardScaler } from "./standard-scaler";

export interface TemporalSplit {
  /** Number of training rows (the article: 228). */
  split: number;
  trainDates: string[];
  testDates: string[];
  XTrain: number[][];
  XTest: number[][];
  yTrain: number[];
  yTest: number[];
  /** The scaler fitted on XTrain. */
  scaler: StandardScaler;
  /** XTrain scaled with that scaler. */
  XTrainNorm: number[][];
}

/** Splits rows at `splitDate` (default "2019-01-01") and fits the scaler on the training rows. */
export function temporalSplit(
  dates: readonly string[],
  X: readonly ArrayLike<number>[],
  y: ArrayLike<number>,
  splitDate = "2019-01-01",
): TemporalSplit {
  const where = "temporalSplit";
  if (X.length !== dates.length)
    throw new ArgumentError({ where, argument: "X", problem: `has ${X.length} rows but dates has ${dates.length}` });
  if (y.length !== dates.length)
    throw new ArgumentError({ where, argument: "y", problem: `has ${y.length} labels but dates has ${dates.length}` });
  const split = splitIndexByDate(dates, splitDate);
  if (split === 0)
    throw new ArgumentError({ where, argument: "splitDate", problem: `leaves no rows before ${splitDate}` });
  const rows = X.map((r) => Array.from(r));
  const labels = Array.from({ length: y.length }, (_, i) => y[i]);
  const XTrain = rows.slice(0, split);
  const scaler = new StandardScaler().fit(XTrain);
  return {
    split,
    trainDates: dates.slice(0, split),
    testDates: dates.slice(split),
    XTrain,
    XTest: rows.slice(split),
    yTrain: labels.slice(0, split),
    yTest: labels.slice(split),
    scaler,
    XTrainNorm: scaler.transform(XTrain),
  };
}

/** The columns `wanted` (in that order) of rows whose columns are named `names`. */
export function selectFeatures(X: readonly ArrayLike<number>[], names: readonly string[], wanted: readonly string[]) {
  const idx = wanted.map((w) => {
    const i = names.indexOf(w);
    if (i < 0) throw new Error(`selectFeatures: no feature named ${w}`);
    return i;
  });
  return X.map((r, k) => {
    if (r.length !== names.length)
      throw new Error(`selectFeatures: row ${k} has ${r.length} values, ${names.length} names`);
    return idx.map((i) => r[i]);
  });
}
