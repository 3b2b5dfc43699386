/**
 * Baselines for the factor-rotation strategy: what a model without skill would have earned on the
 * SAME return months as the article's strategies (the shifted `ReturnsTable` of
 * lib/backtest/strategy-returns.ts, In[43]).
 *
 * Units and alignment: every series is a percent return per month, row i = return month
 * `table.dates[i]`, built from the table's factor returns r_{t,k} (percent over month t) — the
 * same numbers the predicted-factor strategy earns. Nothing is shifted here: each baseline's
 * choice for month t is fixed before the test period (majority class, best static factor, equal
 * weight) or is a permutation of the model's own predictions (random classifier).
 *
 * - Majority class (the classifier that always predicts the most frequent TRAINING label):
 *   holds factor k̂ = argmax_k #{training labels = k} every month. Ties: the first of the tied
 *   classes in `table.factors` order (the LabelEncoder's sorted class order).
 * - Best static single factor: the factor with the highest arithmetic mean return over the
 *   TRAINING months only (the factor-return columns of the labelled model table's training rows,
 *   percent over each training month), held every test month. Ties: first in `table.factors`.
 * - Equal weight: (1/K) Σ_k r_{t,k} over the K factors of the table, rebalanced monthly to 1/K
 *   (no drift inside the month, no costs).
 * - Random classifier: the predicted factors of the test period (`predShifted`, the factor held
 *   in month t) shuffled across months — a classifier with the model's class frequencies but no
 *   information about the month. Its permutation distribution of the Sharpe ratio
 *   mean/sd(ddof 1)·√12 (lib/statistics/sharpe-ratio.ts) gives the one-sided p-value of the actual
 *   strategy p = (1 + #{perm ≥ actual}) / (draws + 1) (Phipson & Smyth 2010: never 0, valid for
 *   a finite number of random permutations). Its monthly series is the expectation over
 *   permutations, E[r_t] = Σ_k f_k r_{t,k} with f_k the share of months the model holds k.
 *   Seeded with `createRng` (lib/random.ts); the same seed gives the same distribution.
 *
 * Leakage: the training labels of the pipeline's rows before the split include the label of the
 * last training month, which names the best factor of the first test month. The returns table
 * starts one month later (its first row is the second test month, the first one has no earlier
 * prediction), so no evaluated month is seen. Training factor returns are months before the split.
 *
 * NaN handling: a non-finite training return or an unknown class name is an error naming it; a
 * permutation whose returns are numerically constant has no Sharpe ratio and is counted in
 * `undefinedDraws` and left out of the p-value.
 */

import type { ReturnsTable } from "../backtest/strategy-returns";
import { column, type MonthlyFrame } from "../features/frame";
import { createRng } from "../random";
import { mean, sampleStd } from "../statistics/descriptive";
import { sharpeRatio } from "../statistics/sharpe-ratio";

/** The training rows of the labelled model table as the baselines need them. */
export interface TrainingRows {
  /** The training labels (class names, e.g. "total_return_1m_quality"), one per training month. */
  labels: readonly string[];
  /** Percent factor return of each training month, per class (factor-return column). */
  factorReturns: Readonly<Record<string, readonly number[]>>;
}

/**
 * The first `trainRows` rows of the labelled model table (In[30], `features.labelled` of the
 * pipeline; `split.index` of `runArticlePipeline` is the number of training rows): their labels
 * and the factor-return column of every class.
 */
export function trainingRowsOf(
  labelled: { frame: MonthlyFrame; classes: readonly string[]; best_factor_next_month: readonly string[] },
  trainRows: number,
): TrainingRows {
  if (!(Number.isInteger(trainRows) && trainRows >= 1 && trainRows <= labelled.frame.index.length))
    throw new Error(`trainingRowsOf: trainRows must be in 1..${labelled.frame.index.length}, got ${trainRows}`);
  return {
    labels: labelled.best_factor_next_month.slice(0, trainRows),
    factorReturns: Object.fromEntries(labelled.classes.map((c) => [c, column(labelled.frame, c).slice(0, trainRows)])),
  };
}

function assertFactor(table: ReturnsTable, f: string, what: string): void {
  if (!table.factors.includes(f))
    throw new Error(`${what}: "${f}" is not one of the table's factors (${table.factors.join(", ")})`);
}

/** A baseline's monthly series and what it holds. */
export interface StaticBaseline {
  /** The factor held every month. */
  factor: string;
  /** Percent return per month, aligned with `table.dates`. */
  returns: number[];
}

/** Majority class: the most frequent training label, held every test month (ties: table order). */
export function majorityClassStrategy(
  table: ReturnsTable,
  trainingLabels: readonly string[],
): StaticBaseline & { counts: Record<string, number> } {
  if (trainingLabels.length === 0) throw new Error("majorityClassStrategy: no training labels");
  const counts: Record<string, number> = Object.fromEntries(table.factors.map((f) => [f, 0]));
  trainingLabels.forEach((l, i) => {
    if (!(l in counts))
      throw new Error(`majorityClassStrategy: training label ${i} "${l}" is not one of ${table.factors.join(", ")}`);
    counts[l]++;
  });
  let factor = table.factors[0];
  for (const f of table.factors) if (counts[f] > counts[factor]) factor = f;
  return { factor, counts, returns: [...table.factorReturns[factor]] };
}

/**
 * Best static single factor: the highest mean training-month return (ties: table order), held
 * every test month. `training` must have a finite column for every factor of the table.
 */
export function bestStaticFactorStrategy(
  table: ReturnsTable,
  trainingFactorReturns: Readonly<Record<string, readonly number[]>>,
): StaticBaseline & { trainingMeans: Record<string, number> } {
  const trainingMeans: Record<string, number> = {};
  let len = -1;
  for (const f of table.factors) {
    const col = trainingFactorReturns[f];
    if (!col) throw new Error(`bestStaticFactorStrategy: no training returns for "${f}"`);
    if (col.length === 0) throw new Error(`bestStaticFactorStrategy: no training months for "${f}"`);
    if (len >= 0 && col.length !== len)
      throw new Error(`bestStaticFactorStrategy: "${f}" has ${col.length} training months, others ${len}`);
    len = col.length;
    col.forEach((v, i) => {
      if (!Number.isFinite(v)) throw new Error(`bestStaticFactorStrategy: training return ${i} of "${f}" is ${v}`);
    });
    trainingMeans[f] = mean(col);
  }
  let factor = table.factors[0];
  for (const f of table.factors) if (trainingMeans[f] > trainingMeans[factor]) factor = f;
  return { factor, trainingMeans, returns: [...table.factorReturns[factor]] };
}

/** Equal weight over the table's factors, rebalanced monthly: (1/K) Σ_k r_{t,k}, percent. */
export function equalWeightStrategy(table: ReturnsTable): number[] {
  const K = table.factors.length;
  if (K === 0) throw new Error("equalWeightStrategy: no factors");
  return table.dates.map((_, t) => {
    let s = 0;
    for (const f of table.factors) s += table.factorReturns[f][t];
    return s / K;
  });
}

/** The predicted-factor strategy's returns with the predictions `held` (one factor per month). */
function heldReturns(table: ReturnsTable, held: readonly string[]): number[] {
  return held.map((f, t) => table.factorReturns[f][t]);
}

/** Share of months the model holds each factor (the random classifier's class frequencies). */
export function predictionFrequencies(table: ReturnsTable): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(table.factors.map((f) => [f, 0]));
  table.predShifted.forEach((f) => {
    assertFactor(table, f, "predictionFrequencies");
    counts[f]++;
  });
  const n = table.predShifted.length;
  if (n === 0) throw new Error("predictionFrequencies: the table has no months");
  return Object.fromEntries(table.factors.map((f) => [f, counts[f] / n]));
}

/** E[r_t] of the shuffled-prediction classifier: Σ_k f_k r_{t,k}, percent, aligned with the dates. */
export function randomClassifierExpectedReturns(table: ReturnsTable): number[] {
  const freq = predictionFrequencies(table);
  return table.dates.map((_, t) => {
    let s = 0;
    for (const f of table.factors) s += freq[f] * table.factorReturns[f][t];
    return s;
  });
}

export interface PermutationOptions {
  /** Number of shuffles; default 2000, at least 1000. */
  draws?: number;
  /** Seed of `createRng`; default 1. */
  seed?: number;
  /** Annualisation of the Sharpe ratio; default 12. */
  periodsPerYear?: number;
}

export interface PermutationResult {
  /** Sharpe ratio (√P) of the actual predicted-factor strategy (`table.predReturn`). */
  actual: number;
  /** Sharpe ratios of the shuffled strategies, in draw order (finite ones). */
  samples: number[];
  /** (1 + #{sample ≥ actual}) / (finite draws + 1), one-sided. */
  pValue: number;
  /** Mean and standard deviation (ddof 1) of the samples. */
  mean: number;
  sd: number;
  draws: number;
  undefinedDraws: number;
  seed: number;
  periodsPerYear: number;
}

/**
 * Permutation distribution of the predicted-factor strategy's Sharpe ratio under shuffled
 * predictions (module comment). Needs at least 3 months and 1000 draws.
 */
export function predictionPermutationTest(table: ReturnsTable, opts: PermutationOptions = {}): PermutationResult {
  const draws = opts.draws ?? 2000;
  const seed = opts.seed ?? 1;
  const P = opts.periodsPerYear ?? 12;
  if (!(Number.isInteger(draws) && draws >= 1000))
    throw new Error(`predictionPermutationTest: draws must be an integer ≥ 1000, got ${draws}`);
  const n = table.dates.length;
  if (n < 3) throw new Error(`predictionPermutationTest: need at least 3 months, got ${n}`);
  for (const f of table.predShifted) assertFactor(table, f, "predictionPermutationTest");
  const own = heldReturns(table, table.predShifted);
  own.forEach((v, t) => {
    if (v !== table.predReturn[t])
      throw new Error(
        `predictionPermutationTest: predReturn on ${table.dates[t]} is ${table.predReturn[t]}, but the held factor returned ${v}`,
      );
  });
  const actual = sharpeRatio(own, { periodsPerYear: P });
  if (!Number.isFinite(actual)) throw new Error("predictionPermutationTest: the strategy's Sharpe ratio is undefined");
  const rng = createRng(seed);
  const samples: number[] = [];
  let undefinedDraws = 0;
  let atLeast = 0;
  for (let b = 0; b < draws; b++) {
    const s = sharpeRatio(heldReturns(table, rng.shuffle(table.predShifted)), { periodsPerYear: P });
    if (!Number.isFinite(s)) {
      undefinedDraws++;
      continue;
    }
    samples.push(s);
    if (s >= actual) atLeast++;
  }
  return {
    actual,
    samples,
    pValue: (1 + atLeast) / (samples.length + 1),
    mean: mean(samples),
    sd: sampleStd(samples),
    draws,
    undefinedDraws,
    seed,
    periodsPerYear: P,
  };
}

/** Every baseline's monthly series on the table's months (percent), with what they hold. */
export interface Baselines {
  dates: string[];
  /** Series by name: `majority_class`, `best_static_factor`, `equal_weight`, `random_classifier`. */
  series: Record<string, number[]>;
  majorityFactor: string;
  bestStaticFactor: string;
  classFrequencies: Record<string, number>;
}

/** The four baselines of the module comment (the random classifier as its expected series). */
export function baselineStrategies(table: ReturnsTable, training: TrainingRows): Baselines {
  const majority = majorityClassStrategy(table, training.labels);
  const best = bestStaticFactorStrategy(table, training.factorReturns);
  return {
    dates: [...table.dates],
    series: {
      majority_class: majority.returns,
      best_static_factor: best.returns,
      equal_weight: equalWeightStrategy(table),
      random_classifier: randomClassifierExpectedReturns(table),
    },
    majorityFactor: majority.factor,
    bestStaticFactor: best.factor,
    classFrequencies: predictionFrequencies(table),
  };
}
