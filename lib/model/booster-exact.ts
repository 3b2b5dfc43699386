/**
 * Gradient-boosted trees with XGBoost's exact greedy split finder, re-implemented in TypeScript so
 * that it matches Python xgboost 1.7 (`tree_method="exact"`, updaters `grow_colmaker,prune`).
 *
 * Method (Chen & Guestrin 2016, "XGBoost: A Scalable Tree Boosting System", Alg. 1 and 3):
 * - Each round computes per row the gradient g and hessian h of the loss at the current margin:
 *   binary:logistic  p = σ(m), g = (p − y)·w, h = max(p(1 − p), 1e-16)·w;
 *   multi:softprob   p = softmax(m), g_k = (p_k − [y = k])·w, h_k = max(2·p_k(1 − p_k)·w, 1e-16)
 *   (the factor 2 is XGBoost's). One tree per class and round.
 * - A node with sums G, H has weight w* = −G/(H + λ) (0 if H < min_child_weight) and score
 *   G²/(H + λ). A split's loss change is score(L) + score(R) − score(node). Candidates are all
 *   midpoints between consecutive distinct values of each feature (rows sorted once per feature);
 *   `x < threshold` goes left. Rows whose value is missing (NaN) are excluded from the scan and sent
 *   to the side that gives the larger gain (XGBoost's "sparsity-aware" learned default direction):
 *   a backward scan puts them left, a forward scan (only for columns with missing values) right.
 *   Splits need H ≥ min_child_weight on both sides and loss change > 1e-6; ties keep the smaller
 *   feature index, then the first candidate found. Trees grow level by level to max_depth; leaves
 *   hold η·w*. Splits with loss change < γ whose children are leaves are pruned afterwards.
 * - The margin is base_margin + Σ leaves (base_margin = logit(base_score) for logistic,
 *   base_score for softprob, where it cancels in the softmax).
 *
 * Numerical fidelity: the arithmetic is xgboost 1.7.4's, operation by operation, with `Math.fround`
 * wherever xgboost rounds to float32 (source: the v1.7.4 tag of dmlc/xgboost):
 * - features are float32 (DMatrix), so are thresholds: `(fvalue + last_fvalue) * 0.5f`, or for the
 *   "all values" split `last ± (|last| + kRtEps)` (updater_colmaker.cc:334, 425–426);
 * - gradients and hessians are float32 (`GradientPair`), computed in float by the objective;
 * - node sums and the running sums of a scan are double (`GradStats`, param.h:297–350), added row
 *   by row; the complement is a double subtraction (`SetSubstract`);
 * - a score G²/(H + λ) (a node's root gain and each child's term of a split) rounds the double G²
 *   and the double H + λ to float32 each and divides in float32 (`SplitEvaluator::
 *   CalcGainGivenWeight`, split_evaluator.h:131–143, `Divide(float, float)`); see {@link nodeScore};
 * - a split's loss change adds the two float32 child scores in float32 and subtracts the float32
 *   root gain in float32 (`CalcSplitGain`, split_evaluator.h:75–92; updater_colmaker.cc:329–345,
 *   428–436); see {@link splitLossChange};
 * - a node weight −G/(H + λ) is one double division rounded to float32 (`tree::CalcWeight` with
 *   T = double, param.h:247–258 and 291–294); leaves are float32 weight × float32 η; margins,
 *   softmax and sigmoid are float32.
 * Near-ties are why this matters: two candidates whose loss changes differ by one float32 ulp are
 * ordered by these roundings, and one different split moves probabilities by far more than 1e-5.
 * Measured against Python xgboost 1.7.4 (n_jobs = 1): on the embedded sample's 66 expanding-window
 * fits of notebook 01 (test/fixtures/model/xgb-expanding-window-faithful.json) probabilities agree
 * to ≤ 1.2e-7 and every predicted class agrees; with the score computed as one double division
 * rounded to float32 (this module before), the fits for 2019-05-31 and 2020-01-31 chose another
 * split and their probabilities differed by 5.2e-2 and 3.8e-3. On test/fixtures/model/
 * xgb-parity.json probabilities agree to ≤ 1.2e-7 and importances to ≤ 3e-8 on all 13 cases
 * (unchanged on the first 12); the 13th is a constructed root near-tie that the old arithmetic
 * broke the other way (probabilities off by 8.8e-5, importances by 2.3e-2). What is left is float32
 * ulps: glibc's `expf` differs from the correctly rounded float32 exp (`Math.fround(Math.exp(x))`)
 * for about 0.06% of arguments, which moves a gradient and so a leaf value by an ulp (on the
 * multi4-weighted case all 400 trees have xgboost's shape and splits, 175 node values are an ulp
 * off), and importances are accumulated and normalised in another order than xgboost's tree walk
 * and numpy's float32 sum. The input conversion also matters to users: features are rounded to
 * float32 before training and prediction, as XGBoost's DMatrix does.
 *
 * Implementation: the columns are sorted once per fit; within a tree each node keeps, per feature,
 * its rows in value order (a stable partition of the parent's segment after each split, written to
 * the other of two work buffers, so nothing is copied per tree), so a level scans only the rows of
 * the nodes that can still split. The candidates are the same, in the same order, as XGBoost's
 * column-wise enumeration, so the chosen splits are too. Two shortcuts skip work that cannot change
 * a decision: a division-free double-precision bound screens out candidates that cannot reach the
 * node's best loss change, so the float32 arithmetic above runs only for the few that can
 * ({@link SCREEN_EPS}); and a backward scan of a feature with no missing value stops once the rows
 * left hold less hessian than min_child_weight. Buffers are allocated once per fit and reused for
 * every tree; the two hot loops are top-level functions over typed arrays ({@link scanRun},
 * {@link partitionSegments}), written so that no branch depends on a coin flip (a row's side in a
 * partition, a tie in a scan); each tree adds itself to the margins from the rows' final nodes
 * (xgboost's prediction cache) rather than by a traversal. Where the time goes (fit + predict
 * 228 × 22, 6 classes, 100 rounds, compiled lib/dist under node 20, 2-core AMD EPYC, timers
 * around each part): at first ≈ 133 ms, scan 50 % and partition 27 %; with the screen ≈ 120 ms,
 * scans 65 ms (5.8 M row steps, 32 k exact evaluations instead of ≈ 7 M), partitions 34 ms
 * (5.2 M row steps, 6.5 ns each, mostly mispredicted branches); then ≈ 95 ms, scans 52 ms,
 * partitions 23 ms, gradients 5 ms. Now ≈ 70 ms: V8's optimised code for the two hot loops
 * (`--print-opt-code`) re-checked and unboxed their tagged number arguments and typed-array maps
 * on every iteration; with the scan's scalars passed in two typed arrays, `| 0` index arithmetic
 * and a partition that writes each child in place (left forward, right backward, see
 * {@link partitionSegments}) a CPU profile (`node --cpu-prof`) gives scans 39 %, partitions 25 %,
 * tree building 10 %, gradients 6 %, the rest node sums, row moves and prediction.
 *
 * Determinism: no randomness is involved (no row or column subsampling), so `random_state` has no
 * effect, as in xgboost's exact method with the default subsample = colsample = 1.
 *
 * Sources: xgboost 1.7 `src/tree/updater_colmaker.cc`, `src/tree/split_evaluator.h`,
 * `src/tree/param.h`, `src/objective/multiclass_obj.cu`, `src/objective/regression_loss.h`,
 * `python-package/xgboost/sklearn.py` (defaults, `feature_importances_`).
 */

import { ArgumentError } from "../validation";
import {
  type BoosterHelper,
  CLAIM,
  DONE,
  type HelperFitMessage,
  ROUND,
  type SharedFit,
  waitForValue,
} from "./booster-helper";

const f32 = Math.fround;
/** XGBoost's kRtEps: minimum loss change for a split and the gap used for "all values" splits. */
const RT_EPS = f32(1e-6);
const HESS_EPS = f32(1e-16);
const FLT_MIN = 1.1754943508222875e-38;
/** The parent id XGBoost's JSON model gives the root (2³¹ − 1). */
export const ROOT_PARENT = 2147483647;

/**
 * Candidate screening in the split scan. The exact loss change of a candidate is
 * fl32(fl32(sL + sR) − root) with sX = fl32(fl32(G²)/fl32(H + λ)) (see {@link nodeScore}); each
 * sX is within 3u of the real G²/(H + λ) and the float32 sum within 4u of the real sum S
 * (u = 2^-24, plus a few 2^-53 from the double steps). A candidate can therefore only beat, or tie,
 * the best loss b (itself float32 and ≥ 0) if S·(1 + 4u) ≥ (b + root)·(1 − u). The scan skips the
 * exact arithmetic when S·(1 + ε) + slack < (b + root)·(1 − ε) with ε = 2^-20 = 16u, four times the
 * bound, so no candidate that the exact test would accept is skipped and the chosen splits are the
 * same bit for bit (checked against the unscreened scan in test/model/booster-screen.test.ts). The
 * absolute slack covers float32 subnormals of G²; with λ below 1e-6 (denominators near 0) the
 * screen is switched off.
 */
const SCREEN_EPS = 2 ** -20;
const SCREEN_HIGH = 1 + SCREEN_EPS;
const SCREEN_LOW = 1 - SCREEN_EPS;
const SCREEN_SLACK = 1e-30;

export type BoosterObjective = "binary:logistic" | "multi:softprob";

/** Booster hyper-parameters; defaults are the xgboost 1.7 scikit-learn wrapper's. */
export interface BoosterParams {
  objective: BoosterObjective;
  /** Number of classes (2 for binary:logistic). */
  numClass: number;
  /** Boosting rounds (n_estimators), default 100. */
  nEstimators: number;
  /** Shrinkage η (learning_rate / eta), default 0.3. */
  learningRate: number;
  /** Maximum tree depth, default 6. */
  maxDepth: number;
  /** Minimum hessian sum in a child, default 1. */
  minChildWeight: number;
  /** L2 regularisation λ on leaf weights (reg_lambda), default 1. */
  regLambda: number;
  /** Minimum loss change to keep a split (gamma / min_split_loss), default 0. */
  gamma: number;
  /** Initial prediction (probability), default 0.5. */
  baseScore: number;
}

export const DEFAULT_BOOSTER_PARAMS: Omit<BoosterParams, "objective" | "numClass"> = {
  nEstimators: 100,
  learningRate: 0.3,
  maxDepth: 6,
  minChildWeight: 1,
  regLambda: 1,
  gamma: 0,
  baseScore: 0.5,
};

/**
 * One regression tree in XGBoost's JSON layout (parallel arrays indexed by node id; node 0 is the
 * root; a leaf has left = right = −1 and its value in `splitConditions`).
 */
export interface BoosterTree {
  left: Int32Array;
  right: Int32Array;
  parent: Int32Array;
  splitIndex: Int32Array;
  /** float32 threshold for internal nodes, float32 leaf value (already times η) for leaves. */
  splitConditions: Float32Array;
  defaultLeft: Uint8Array;
  baseWeights: Float32Array;
  lossChanges: Float32Array;
  sumHessian: Float32Array;
}

/** A trained booster: parameters, trees and the class each tree predicts (`treeInfo`). */
export interface BoosterModel {
  params: BoosterParams;
  numFeature: number;
  trees: BoosterTree[];
  treeInfo: Int32Array;
}

/** Training data: row-major float32 features (NaN = missing), labels 0..k−1, optional weights. */
export interface BoosterData {
  /** Row-major, `nRows × nCols`, values already rounded to float32 (NaN = missing). */
  x: Float32Array;
  nRows: number;
  nCols: number;
  labels: Float64Array;
  /** float32 sample weights, or null for all ones. */
  weights: Float32Array | null;
}

/** How {@link trainBooster} works (not what it computes). */
export interface TrainOptions {
  /**
   * Candidate screening in the split scan (see {@link SCREEN_EPS}), default true. It changes no
   * result, only the time; false computes every candidate's exact loss change (test/model/
   * booster-screen.test.ts compares the two).
   */
  screen?: boolean;
  /**
   * A second thread that grows some classes' trees of each round ({@link BoosterHelper}); used
   * when it is available and there are at least two classes. The model is the same either way.
   */
  helper?: BoosterHelper | null;
}

/** Progress callback: called after each boosting round with (round done, total rounds). */
export type RoundCallback = (round: number, total: number) => void;

/** The margin the boosting starts from (logit of base_score for logistic, base_score otherwise). */
export function baseMargin(params: BoosterParams): number {
  if (params.objective === "binary:logistic") return f32(-Math.log(1 / params.baseScore - 1));
  return f32(params.baseScore);
}

/**
 * Score G²/(H + λ) of a node or split child with double sums G, H, in xgboost 1.7's arithmetic:
 * numerator and denominator are each computed in double and rounded to float32, then divided in
 * float32 (`TreeEvaluator::SplitEvaluator::CalcGainGivenWeight`, src/tree/split_evaluator.h:131–143:
 * `Divide(float a, float b)` of `Sqr(ThresholdL1(sum_grad, α))` and `sum_hess + reg_lambda`, both
 * double, with α = 0 and no max_delta_step or monotone constraint). 0 when H ≤ 0; no
 * min_child_weight check here (that lives in the callers, as in xgboost). `lambda` must already be
 * float32 (`reg_lambda` is a float field). A float32 quotient of two float32 values computed in
 * double and rounded once is the correctly rounded float32 quotient, so this is bit-exact.
 */
export function nodeScore(g: number, h: number, lambda: number): number {
  if (h <= 0) return 0;
  return f32(f32(g * g) / f32(h + lambda));
}

/**
 * Weight −G/(H + λ) of a node with double sums G, H, as xgboost 1.7's `tree::CalcWeight`
 * (src/tree/param.h:247–258, reached through the GradStats overload at param.h:291–294 and
 * `SplitEvaluator::CalcWeight`, split_evaluator.h:95–111): unlike the score, the division is done
 * in double (T = double, GradStats' type) and only the result is rounded to float32. 0 when
 * H < min_child_weight or H ≤ 0. `lambda` and `mcw` must already be float32.
 */
export function nodeWeight(g: number, h: number, lambda: number, mcw: number): number {
  if (h < mcw || h <= 0) return 0;
  return f32(-g / (h + lambda));
}

/**
 * A split's float32 loss change from its children's float32 scores and the node's float32 root
 * gain, as ColMaker's UpdateEnumeration and EnumerateSplit (updater_colmaker.cc:329–345 and
 * 428–436): `SplitEvaluator::CalcSplitGain` (split_evaluator.h:75–92) adds the two child scores in
 * float32, then the root gain is subtracted in float32 (`static_cast<bst_float>(float − float)`).
 * The order of the children does not matter (float32 addition is commutative).
 */
export function splitLossChange(leftScore: number, rightScore: number, rootGain: number): number {
  return f32(f32(leftScore + rightScore) - rootGain);
}

/** Per-feature sorted, missing-free columns: rows and float32 values, concatenated. */
interface SortedColumns {
  offset: Int32Array;
  rows: Int32Array;
  values: Float32Array;
}

function sortColumns(x: Float32Array, nRows: number, nCols: number): SortedColumns {
  const offset = new Int32Array(nCols + 1);
  const rows = new Int32Array(nRows * nCols);
  const values = new Float32Array(nRows * nCols);
  const idx: number[] = [];
  let pos = 0;
  for (let f = 0; f < nCols; f++) {
    offset[f] = pos;
    idx.length = 0;
    for (let r = 0; r < nRows; r++) if (!Number.isNaN(x[r * nCols + f])) idx.push(r);
    idx.sort((a, b) => x[a * nCols + f] - x[b * nCols + f] || a - b);
    for (const r of idx) {
      rows[pos] = r;
      values[pos] = x[r * nCols + f];
      pos++;
    }
  }
  offset[nCols] = pos;
  return { offset, rows: rows.subarray(0, pos), values: values.subarray(0, pos) };
}

/**
 * The hot loop of a split scan: the rows rows[from], rows[from + step], … (up to, excluding,
 * `end`) of one node's segment for feature f, whose values are xT[base + row]. Arguments, in two
 * typed arrays: `si` = [base, from, end, step, f, complete, screen] and `st` = [best loss, best
 * threshold, best feature, –, –, –, G, H, root gain, min_child_weight, λ], the node's sums and best
 * split so far. On exit st[0..2] hold the best split (replaced if this scan found a better
 * candidate, which the return value says) and st[3] g, st[4] h, st[5] the last value: the sums and
 * value of the rows scanned (for the missing-value candidate; with `complete`, i.e. no missing
 * value in the node, the scan may stop early and they cover only the rows before the stop).
 *
 * Screening bound (see {@link SCREEN_EPS}): a candidate whose real-valued score sum
 * S = g²/a + c²/b satisfies S·(1 + ε) + slack < (best + root)·(1 − ε) cannot reach the current
 * best in xgboost's float32 arithmetic, so its exact loss change is not computed. Tested without
 * division as g²·b + c²·a < target·a·b, a = h + λ, b = cH + λ (both > 0),
 * target = ((best + root)·(1 − ε) − slack)/(1 + ε).
 *
 * A top-level function of typed arrays, not a method: as a method it shared the builder object's
 * shape, whose later changes deoptimised it, after which V8 sometimes ran it only through
 * on-stack-replacement code that boxed the loop's doubles (2× slower for the rest of the process,
 * in one run in eight); as a function it was compiled the same way in every run measured. The
 * scalars come through typed arrays, not as arguments: V8 (node 20) kept number arguments tagged
 * and re-checked and unboxed them (and an integer-valued λ converted) at every use inside the row
 * loops; loaded from a Float64Array or Int32Array they are plain doubles and int32s. Index
 * arithmetic is written with `<<` and `| 0` so that it needs no overflow check. Together: fit +
 * predict 228 × 22 ≈ 90 → 74 ms.
 */
function scanRun(rows: Int32Array, xT: Float32Array, gh: Float64Array, st: Float64Array, si: Int32Array): boolean {
  const base = si[0];
  const from = si[1];
  const end = si[2];
  const step = si[3];
  const f = si[4];
  const complete = si[5] === 1;
  const screen = si[6] === 1;
  const G = st[6];
  const H = st[7];
  const rootGain = st[8];
  const mcw = st[9];
  const lambda = st[10];
  let bestLoss = st[0];
  let bestCond = st[1];
  let bestFeat = st[2];
  let found = false;
  let g = 0;
  let h = 0;
  let last = 0;
  // the node's first row in scan order starts the sums (no candidate before it)
  let j = from;
  if (j !== end) {
    const r0 = rows[j];
    g = gh[r0 << 1];
    h = gh[(r0 << 1) | 1];
    last = xT[base + r0];
    j = (j + step) | 0;
  }
  // Hessians are positive, so the near side's sum h only grows and the far side's H − h only
  // falls: the scan has three phases, each its own loop (a branch less per row in each).
  // 1. h < min_child_weight: no candidate yet, only the sums.
  for (; j !== end && !(h >= mcw); j = (j + step) | 0) {
    const r = rows[j];
    g += gh[r << 1];
    h += gh[(r << 1) | 1];
    last = xT[base + r];
  }
  // 2. both sides heavy enough: every change of value is a candidate. The screen is tested
  //    first (it fails for nearly every row, so its branch is well predicted), the change of
  //    value only then (ties come in no pattern a branch predictor could learn).
  let target = ((bestLoss + rootGain) * SCREEN_LOW - SCREEN_SLACK) / SCREEN_HIGH;
  for (; j !== end; j = (j + step) | 0) {
    const r = rows[j];
    const v = xT[base + r];
    const cH = H - h;
    if (cH < mcw) break;
    const cG = G - g;
    const a = h + lambda;
    const b = cH + lambda;
    if ((!screen || g * g * b + cG * cG * a >= target * (a * b)) && v !== last) {
      const loss = splitLossChange(nodeScore(g, h, lambda), nodeScore(cG, cH, lambda), rootGain);
      // SplitEntry::NeedReplace: ties keep the smaller feature index, then the first candidate
      if ((bestFeat <= f ? loss > bestLoss : !(bestLoss > loss)) && Number.isFinite(loss)) {
        const proposed = f32(f32(v + last) * 0.5);
        bestLoss = loss;
        bestFeat = f;
        bestCond = proposed === v ? last : proposed;
        found = true;
        target = ((bestLoss + rootGain) * SCREEN_LOW - SCREEN_SLACK) / SCREEN_HIGH;
      }
    }
    g += gh[r << 1];
    h += gh[(r << 1) | 1];
    last = v;
  }
  // 3. the far side is lighter than min_child_weight: no candidate is left. With a missing value
  //    in the node the sums still matter (the caller's all-values-versus-missing candidate), so
  //    they are completed; without one (`complete`) that candidate cannot qualify either way
  //    (its far side would be H − h < min_child_weight) and the scan stops here.
  if (!complete) {
    for (; j !== end; j = (j + step) | 0) {
      const r = rows[j];
      g += gh[r << 1];
      h += gh[(r << 1) | 1];
      last = xT[base + r];
    }
  }
  st[0] = bestLoss;
  st[1] = bestCond;
  st[2] = bestFeat;
  st[3] = g;
  st[4] = h;
  st[5] = last;
  return found;
}

/**
 * Partition of node nid's sorted segments (in `src`) into its children's, at the same offsets in
 * `dst`; rows are already moved in `position`. A child given as −1 cannot split and gets no
 * segment (when only one child gets one, its rows are gathered in order). Sets the children's
 * segStart / segEnd / noMissing / reversed (per node and feature, F features). A top-level
 * function over typed arrays for the same reason as {@link scanRun}.
 *
 * Orientation: a segment holds its rows in ascending value order, or (reversed[k] = 1) in exactly
 * the opposite order; scans read it in whichever direction gives the value order they need, so
 * every scan visits the rows in the same order as over an ascending segment. The left child's
 * rows are written forward from the segment's start, in the parent's orientation; the right
 * child's backward from its end, so in the opposite orientation. Nothing is copied afterwards.
 *
 * Branch-free: a row's side is a coin flip, and a branch on it was mispredicted about every
 * second row (6.5 ns a row here, against 2.5–3 ns without the branch). The two children are
 * allocated one after the other (right = left + 1) and every row of the node is in one of them,
 * so `right − position[r]` is 1 for a left row and 0 for a right one. Each row is written at both
 * cursors (right cursor first), and only its side's cursor moves: the slots between the cursors
 * are those not yet filled, a wrong-side write lands on one of them and is overwritten when that
 * slot's own row comes (when the cursors meet, both writes store the same row).
 *
 * The scalar arguments come in as `| 0` locals and the cursors are updated with `| 0`: without
 * that, V8 (node 20) re-checked the tagged arguments and tested each addition for overflow inside
 * the row loop.
 */
function partitionSegments(
  src: Int32Array,
  dst: Int32Array,
  FIn: number,
  nidIn: number,
  leftIn: number,
  rightIn: number,
  position: Int32Array,
  nodeCount: Int32Array,
  segStart: Int32Array,
  segEnd: Int32Array,
  noMissing: Uint8Array,
  reversed: Uint8Array,
): void {
  const F = FIn | 0;
  const nid = nidIn | 0;
  const left = leftIn | 0;
  const right = rightIn | 0;
  // the children of one split are allocated together (see build), and a −1 stands for one of them
  const leftId = left >= 0 ? left : (right - 1) | 0;
  const rightId = (leftId + 1) | 0;
  if (left < 0 || right < 0) {
    // one child: gather its rows in order (o advances by 1 for a row of the kept child, else 0)
    const keepLeft = left >= 0 ? 1 : 0;
    const keep = keepLeft === 1 ? left : right;
    for (let f = 0; f < F; f++) {
      const s = segStart[nid * F + f];
      const e = segEnd[nid * F + f];
      let o = s;
      for (let i = s; i < e; i++) {
        const r = src[i];
        const isLeft = (rightId - position[r]) | 0;
        dst[o] = r;
        o = (o + (keepLeft === 1 ? isLeft : 1 - isLeft)) | 0;
      }
      segStart[keep * F + f] = s;
      segEnd[keep * F + f] = o;
      noMissing[keep * F + f] = o - s === nodeCount[keep] ? 1 : 0;
      reversed[keep * F + f] = reversed[nid * F + f];
    }
    return;
  }
  const nLeft = nodeCount[left];
  const nRight = nodeCount[right];
  for (let f = 0; f < F; f++) {
    const s = segStart[nid * F + f];
    const e = segEnd[nid * F + f];
    let li = s;
    let ri = (e - 1) | 0;
    for (let i = s; i < e; i++) {
      const r = src[i];
      const isLeft = (rightId - position[r]) | 0;
      dst[ri] = r;
      dst[li] = r;
      li = (li + isLeft) | 0;
      ri = (ri - 1 + isLeft) | 0;
    }
    if (noMissing[nid * F + f] === 1) {
      noMissing[left * F + f] = 1;
      noMissing[right * F + f] = 1;
    } else {
      noMissing[left * F + f] = li - s === nLeft ? 1 : 0;
      noMissing[right * F + f] = e - li === nRight ? 1 : 0;
    }
    const rev = reversed[nid * F + f];
    reversed[left * F + f] = rev;
    reversed[right * F + f] = 1 - rev;
    segStart[left * F + f] = s;
    segEnd[left * F + f] = li;
    segStart[right * F + f] = li;
    segEnd[right * F + f] = e;
  }
}

/** Working buffers shared by all trees of one fit (allocated once). */
class TreeBuilder {
  private readonly maxNodes: number;
  // Everything the methods use is copied out of `data`, `cols` and `params` into fields of this
  // object holding numbers or typed arrays: a change in the field types of those objects' shapes
  // (V8 generalises them when later fits pass arrays of another internal kind) then cannot
  // invalidate the optimised scan. It did: the scan fell back to code that boxed its doubles and
  // ran 2× slower for the rest of the process, in about one run in five.
  private readonly colRows: Int32Array;
  private readonly colOffset: Int32Array;
  private readonly maxDepth: number;
  private readonly gamma: number;
  private readonly nRows: number;
  private readonly nCols: number;
  private readonly x: Float32Array;
  private readonly position: Int32Array;
  // node statistics (double sums, float32 weight and root gain)
  private readonly nodeG: Float64Array;
  private readonly nodeH: Float64Array;
  private readonly nodeW: Float64Array;
  private readonly nodeRootGain: Float64Array;
  private readonly nodeCount: Int32Array;
  /** Column-major copy of the features (xT[f·n + r]) for the scans. */
  private readonly xT: Float32Array;
  /** The current tree's gradient and hessian, interleaved (gh[2r], gh[2r + 1]). */
  private readonly gh: Float64Array;
  /** In/out state of {@link scanRun}: its doubles and its integers. */
  private readonly scanState = new Float64Array(11);
  private readonly scanInts = new Int32Array(7);
  // per-node best split
  private readonly bLoss: Float64Array;
  private readonly bFeat: Int32Array;
  private readonly bCond: Float64Array;
  private readonly bDefLeft: Uint8Array;
  private readonly fresh: Uint8Array;
  // tree under construction
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  private readonly parent: Int32Array;
  private readonly split: Int32Array;
  private readonly cond: Float32Array;
  private readonly defLeft: Uint8Array;
  private numNodes = 0;
  private readonly forward: Uint8Array;
  // per-node sorted segments: the rows of node n in feature f's value order are
  // rowsOf(segBuf[n])[segStart[n·F + f] .. segEnd[n·F + f]) (missing values excluded). The root
  // reads the fit's sorted columns; a partition writes the children into the work buffer its node
  // does not read, at the node's offsets (nodes of one level own disjoint ranges), so nothing is
  // copied per tree and a child of known size needs no temporary
  private readonly buffers: [Int32Array, Int32Array];
  /** Per node: which buffer holds its segments (see {@link rowsOf}). */
  private readonly segBuf: Uint8Array;
  /** Per node and feature: 1 if none of the node's rows misses the feature. */
  private readonly noMissing: Uint8Array;
  /** Per node and feature: 1 if the segment holds its rows in descending value order. */
  private readonly reversed: Uint8Array;
  private readonly segStart: Int32Array;
  private readonly segEnd: Int32Array;
  private readonly eta: number;
  private readonly lambda: number;
  private readonly mcw: number;
  /** Whether the scan screens candidates (see {@link SCREEN_EPS}); off for λ < 1e-6. */
  private readonly screen: boolean;

  constructor(data: BoosterData, cols: SortedColumns, params: BoosterParams, screen: boolean) {
    this.colRows = cols.rows;
    this.colOffset = cols.offset;
    this.maxDepth = params.maxDepth;
    this.gamma = f32(params.gamma);
    this.maxNodes = 2 ** (params.maxDepth + 1) + 1;
    this.nRows = data.nRows;
    this.nCols = data.nCols;
    this.x = data.x;
    const m = this.maxNodes;
    this.position = new Int32Array(data.nRows);
    this.nodeG = new Float64Array(m);
    this.nodeH = new Float64Array(m);
    this.nodeW = new Float64Array(m);
    this.nodeRootGain = new Float64Array(m);
    this.nodeCount = new Int32Array(m);
    this.xT = new Float32Array(data.nRows * data.nCols);
    this.gh = new Float64Array(2 * data.nRows);
    for (let r = 0; r < data.nRows; r++)
      for (let f = 0; f < data.nCols; f++) this.xT[f * data.nRows + r] = data.x[r * data.nCols + f];
    this.bLoss = new Float64Array(m);
    this.bFeat = new Int32Array(m);
    this.bCond = new Float64Array(m);
    this.bDefLeft = new Uint8Array(m);
    this.fresh = new Uint8Array(m);
    this.left = new Int32Array(m);
    this.right = new Int32Array(m);
    this.parent = new Int32Array(m);
    this.split = new Int32Array(m);
    this.cond = new Float32Array(m);
    this.defLeft = new Uint8Array(m);
    this.buffers = [new Int32Array(cols.rows.length), new Int32Array(cols.rows.length)];
    this.segBuf = new Uint8Array(m);
    this.noMissing = new Uint8Array(m * data.nCols);
    this.reversed = new Uint8Array(m * data.nCols);
    this.segStart = new Int32Array(m * data.nCols);
    this.segEnd = new Int32Array(m * data.nCols);
    this.eta = f32(params.learningRate);
    this.lambda = f32(params.regLambda);
    this.mcw = f32(params.minChildWeight);
    this.screen = screen && this.lambda >= 1e-6;
    // forward (missing → right) scans only for non-constant columns with missing values
    this.forward = new Uint8Array(data.nCols);
    for (let f = 0; f < data.nCols; f++) {
      const a = cols.offset[f];
      const b = cols.offset[f + 1];
      const constant = b > a && cols.values[a] === cols.values[b - 1];
      this.forward[f] = b - a < data.nRows && !constant ? 1 : 0;
    }
  }

  private allocNode(parent: number): number {
    const nid = this.numNodes++;
    this.left[nid] = -1;
    this.right[nid] = -1;
    this.parent[nid] = parent;
    this.split[nid] = 0;
    this.cond[nid] = 0;
    this.defLeft[nid] = 0;
    this.bLoss[nid] = 0;
    this.bFeat[nid] = 0;
    this.bCond[nid] = 0;
    this.bDefLeft[nid] = 0;
    this.fresh[nid] = 1;
    this.segBuf[nid] = 0;
    return nid;
  }

  private initNodes(nodes: readonly number[], grad: Float32Array, hess: Float32Array): void {
    const { nodeG, nodeH, position } = this;
    const { nodeCount } = this;
    for (const nid of nodes) {
      nodeG[nid] = 0;
      nodeH[nid] = 0;
      nodeCount[nid] = 0;
    }
    for (let r = 0; r < position.length; r++) {
      const nid = position[r];
      if (nid < 0) continue;
      nodeG[nid] += grad[r];
      nodeH[nid] += hess[r];
      nodeCount[nid]++;
    }
    this.initNodeScores(nodes);
  }

  /** ColMaker::Builder::InitNewNode (updater_colmaker.cc:291–297): float32 weight and root gain. */
  private initNodeScores(nodes: readonly number[]): void {
    const { nodeG, nodeH } = this;
    for (const nid of nodes) {
      this.nodeW[nid] = nodeWeight(nodeG[nid], nodeH[nid], this.lambda, this.mcw);
      this.nodeRootGain[nid] = nodeScore(nodeG[nid], nodeH[nid], this.lambda);
    }
  }

  /** Offer a candidate; XGBoost's SplitEntry::NeedReplace tie rule. */
  private offer(nid: number, loss: number, feat: number, cond: number, defaultLeft: boolean): void {
    if (!Number.isFinite(loss)) return;
    const cur = this.bFeat[nid];
    const better = cur <= feat ? loss > this.bLoss[nid] : !(this.bLoss[nid] > loss);
    if (better) {
      this.bLoss[nid] = loss;
      this.bFeat[nid] = feat;
      this.bCond[nid] = cond;
      this.bDefLeft[nid] = defaultLeft ? 1 : 0;
    }
  }

  /** The buffer a node's segments live in (0: the fit's sorted columns, 1 and 2: work buffers). */
  private rowsOf(code: number): Int32Array {
    return code === 0 ? this.colRows : this.buffers[code - 1];
  }

  /**
   * One directional scan of feature f within node nid (XGBoost's EnumerateSplit restricted to one
   * node: same candidates in the same order, so the same decisions).
   */
  private scan(nid: number, f: number, dir: 1 | -1): void {
    const { mcw, lambda } = this;
    const rows = this.rowsOf(this.segBuf[nid]);
    const n = this.nRows;
    const xT = this.xT;
    const base = f * n;
    const k = nid * this.nCols + f;
    // `dir` is the value order (1: ascending); `step` the index order in this segment
    const step = this.reversed[k] === 1 ? -dir : dir;
    const first = step === 1 ? this.segStart[k] : this.segEnd[k] - 1;
    const end = step === 1 ? this.segEnd[k] : this.segStart[k] - 1;
    const backward = dir === -1;
    // no missing value of f in the node (so the scan may stop once the far side is too light)
    const complete = mcw > 0 && this.noMissing[k] === 1;
    // one distinct value and no missing value in this node: XGBoost finds no candidate either
    if (complete && first !== end && xT[base + rows[first]] === xT[base + rows[end - step]]) return;
    const G = this.nodeG[nid];
    const H = this.nodeH[nid];
    const rootGain = this.nodeRootGain[nid];
    const st = this.scanState;
    st[0] = this.bLoss[nid];
    st[1] = this.bCond[nid];
    st[2] = this.bFeat[nid];
    st[6] = G;
    st[7] = H;
    st[8] = rootGain;
    st[9] = mcw;
    st[10] = lambda;
    const si = this.scanInts;
    si[0] = base;
    si[1] = first;
    si[2] = end;
    si[3] = step;
    si[4] = f;
    si[5] = complete ? 1 : 0;
    si[6] = this.screen ? 1 : 0;
    const found = scanRun(rows, xT, this.gh, st, si);
    if (found) {
      this.bLoss[nid] = st[0];
      this.bCond[nid] = st[1];
      this.bFeat[nid] = st[2];
      this.bDefLeft[nid] = backward ? 1 : 0;
    }
    const g = st[3];
    const h = st[4];
    const last = st[5];
    // all non-missing values on one side, missing values on the other
    const cG = G - g;
    const cH = H - h;
    if (h >= mcw && cH >= mcw) {
      const gap = f32(Math.abs(last) + RT_EPS);
      const cond = f32(last + (backward ? -gap : gap));
      const loss = splitLossChange(nodeScore(g, h, this.lambda), nodeScore(cG, cH, this.lambda), rootGain);
      this.offer(nid, loss, f, cond, backward);
    }
  }

  /**
   * Whether any split of the node can give both children a hessian sum ≥ min_child_weight, i.e.
   * H ≥ 2·mcw (with a relative margin for rounding). Nodes that fail it get no candidate in XGBoost
   * either, so they are neither scanned nor given sorted segments.
   */
  private splittable(nid: number): boolean {
    return !(this.mcw > 0 && this.nodeH[nid] < 2 * this.mcw * (1 - 1e-9));
  }

  /**
   * Stable partition of node nid's segments into its children's, at the same offsets in the other
   * work buffer (rows already moved in `position`). Only children that can still split get
   * segments.
   */
  private partition(nid: number, left: number, right: number): void {
    const needL = this.splittable(left);
    const needR = this.splittable(right);
    if (!needL && !needR) return;
    const { segBuf } = this;
    const srcCode = segBuf[nid];
    const dstCode = srcCode === 1 ? 2 : 1;
    segBuf[left] = dstCode;
    segBuf[right] = dstCode;
    partitionSegments(
      this.rowsOf(srcCode),
      this.rowsOf(dstCode),
      this.nCols,
      nid,
      needL ? left : -1,
      needR ? right : -1,
      this.position,
      this.nodeCount,
      this.segStart,
      this.segEnd,
      this.noMissing,
      this.reversed,
    );
  }

  private setLeaf(nid: number, value: number): void {
    this.left[nid] = -1;
    this.right[nid] = -1;
    this.cond[nid] = value;
    this.fresh[nid] = 0;
  }

  /** Grow one tree on the given float32 gradients/hessians (one class's slice). */
  build(grad: Float32Array, hess: Float32Array): BoosterTree {
    const { x, nCols, nRows, maxDepth } = this;
    this.numNodes = 0;
    for (let r = 0; r < nRows; r++) {
      this.gh[2 * r] = grad[r];
      this.gh[2 * r + 1] = hess[r];
    }
    this.position.fill(0);
    for (let f = 0; f < nCols; f++) {
      this.segStart[f] = this.colOffset[f];
      this.segEnd[f] = this.colOffset[f + 1];
      this.noMissing[f] = this.colOffset[f + 1] - this.colOffset[f] === nRows ? 1 : 0;
      this.reversed[f] = 0;
    }
    this.allocNode(-1);
    let expand = [0];
    this.initNodes(expand, grad, hess);
    for (let depth = 0; depth < maxDepth; depth++) {
      // find the best split of every expanding node, one feature scan at a time
      for (const nid of expand) {
        if (!this.splittable(nid)) continue; // no candidate can pass min_child_weight on both sides
        for (let f = 0; f < nCols; f++) {
          if (this.forward[f]) this.scan(nid, f, 1);
          this.scan(nid, f, -1);
        }
      }
      const next: number[] = [];
      for (const nid of expand) {
        if (this.bLoss[nid] > RT_EPS) {
          const l = this.allocNode(nid);
          const r = this.allocNode(nid);
          this.left[nid] = l;
          this.right[nid] = r;
          this.split[nid] = this.bFeat[nid];
          this.cond[nid] = this.bCond[nid];
          this.defLeft[nid] = this.bDefLeft[nid];
          this.fresh[nid] = 0;
          next.push(l, r);
        } else {
          this.setLeaf(nid, f32(this.nodeW[nid] * this.eta));
        }
      }
      // move rows to children (rows of nodes that became leaves are finished: ~nid) and sum the
      // children's statistics in the same pass, in row order (ColMaker's InitNewNode)
      const { position, left, right, split, cond, defLeft, nodeG, nodeH, nodeCount } = this;
      for (const nid of next) {
        nodeG[nid] = 0;
        nodeH[nid] = 0;
        nodeCount[nid] = 0;
      }
      for (let r = 0; r < position.length; r++) {
        const nid = position[r];
        if (nid < 0) continue;
        if (left[nid] === -1) {
          position[r] = ~nid;
          continue;
        }
        const v = x[(Math.imul(r, nCols) + split[nid]) | 0];
        // right = left + 1 (allocated together): the side of a present value is added as a
        // number, since a branch on it would be mispredicted about every second row
        const child = Number.isNaN(v)
          ? defLeft[nid]
            ? left[nid]
            : right[nid]
          : (left[nid] + Number(v >= cond[nid])) | 0;
        position[r] = child;
        nodeG[child] += grad[r];
        nodeH[child] += hess[r];
        nodeCount[child]++;
      }
      if (next.length > 0) {
        this.initNodeScores(next);
        // children take their parent's sorted segments (not needed after the last level)
        if (depth + 1 < maxDepth)
          for (let q = 0; q < next.length; q += 2) this.partition(this.parent[next[q]], next[q], next[q + 1]);
      }
      expand = next;
      if (expand.length === 0) break;
    }
    for (const nid of expand) this.setLeaf(nid, f32(this.nodeW[nid] * this.eta));
    this.prune();
    return this.snapshot();
  }

  /**
   * Adds the tree just built to class k's margins (row-major n × groups), from where training
   * left each row — xgboost's prediction cache: `position` holds every row's leaf (~leaf for a
   * row finished early), reached by the same comparisons as {@link treeLeafValue}, so the sums are
   * those of a traversal. Only valid when pruning cannot have merged leaves (γ ≤ 0); returns false
   * (nothing added) otherwise.
   */
  addToMargins(margins: Float32Array, groups: number, k: number): boolean {
    if (this.gamma > 0) return false;
    const { position, cond } = this;
    for (let r = 0; r < position.length; r++) {
      const p = position[r];
      const o = r * groups + k;
      margins[o] = f32(margins[o] + cond[p < 0 ? ~p : p]);
    }
    return true;
  }

  /** The `prune` updater: collapse splits with loss change < γ whose children are both leaves. */
  private prune(): void {
    const gamma = this.gamma;
    if (!(gamma > 0)) return;
    const isLeaf = (n: number) => this.left[n] === -1;
    let changed = true;
    while (changed) {
      changed = false;
      for (let nid = 0; nid < this.numNodes; nid++) {
        if (isLeaf(nid) || this.parent[nid] === -2) continue;
        const l = this.left[nid];
        const r = this.right[nid];
        if (isLeaf(l) && isLeaf(r) && this.bLoss[nid] < gamma) {
          this.parent[l] = -2; // deleted
          this.parent[r] = -2;
          this.setLeaf(nid, f32(this.nodeW[nid] * this.eta));
          changed = true;
        }
      }
    }
    // compact away deleted nodes, keeping breadth-first numbering
    const keep: number[] = [];
    const map = new Int32Array(this.numNodes).fill(-1);
    for (let nid = 0; nid < this.numNodes; nid++) {
      if (this.parent[nid] !== -2) {
        map[nid] = keep.length;
        keep.push(nid);
      }
    }
    if (keep.length === this.numNodes) return;
    const copy = (a: Int32Array | Float64Array | Float32Array | Uint8Array) => {
      const src = a.slice(0, this.numNodes);
      keep.forEach((o, i) => {
        a[i] = src[o];
      });
    };
    for (const a of [
      this.left,
      this.right,
      this.parent,
      this.split,
      this.cond,
      this.defLeft,
      this.nodeW,
      this.bLoss,
      this.nodeH,
    ])
      copy(a);
    for (let i = 0; i < keep.length; i++) {
      if (this.left[i] !== -1) {
        this.left[i] = map[this.left[i]];
        this.right[i] = map[this.right[i]];
      }
      if (this.parent[i] >= 0) this.parent[i] = map[this.parent[i]];
    }
    this.numNodes = keep.length;
  }

  private snapshot(): BoosterTree {
    const n = this.numNodes;
    const loss = new Float32Array(n);
    const sumHess = new Float32Array(n);
    const baseW = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      loss[i] = this.left[i] === -1 ? 0 : this.bLoss[i];
      sumHess[i] = this.nodeH[i];
      baseW[i] = this.nodeW[i];
    }
    return {
      left: this.left.slice(0, n),
      right: this.right.slice(0, n),
      parent: this.parent.slice(0, n).map((p) => (p < 0 ? ROOT_PARENT : p)),
      splitIndex: this.split.slice(0, n),
      splitConditions: this.cond.slice(0, n),
      defaultLeft: this.defLeft.slice(0, n),
      baseWeights: baseW,
      lossChanges: loss,
      sumHessian: sumHess,
    };
  }
}

/** Leaf value reached by one float32 row (NaN follows the default direction). */
export function treeLeafValue(tree: BoosterTree, x: Float32Array, rowStart: number): number {
  const { left, right, splitIndex, splitConditions, defaultLeft } = tree;
  let nid = 0;
  while (left[nid] !== -1) {
    const v = x[rowStart + splitIndex[nid]];
    if (Number.isNaN(v)) nid = defaultLeft[nid] ? left[nid] : right[nid];
    else nid = v < splitConditions[nid] ? left[nid] : right[nid];
  }
  return splitConditions[nid];
}

/** Adds the trees [from, to) of the model to float32 margins (row-major n × numGroup). */
function addTrees(
  model: BoosterModel,
  x: Float32Array,
  nRows: number,
  nCols: number,
  margins: Float32Array,
  from: number,
  to: number,
): void {
  const groups = groupCount(model.params);
  for (let t = from; t < to; t++) {
    const tree = model.trees[t];
    const k = model.treeInfo[t];
    for (let r = 0; r < nRows; r++) {
      const o = r * groups + k;
      margins[o] = f32(margins[o] + treeLeafValue(tree, x, r * nCols));
    }
  }
}

function groupCount(params: BoosterParams): number {
  return params.objective === "multi:softprob" ? params.numClass : 1;
}

/** Float32 gradients and hessians of the objective at the current margins, grouped by class. */
function computeGradients(
  params: BoosterParams,
  margins: Float32Array,
  data: BoosterData,
  grad: Float32Array[],
  hess: Float32Array[],
): void {
  const { nRows, labels, weights } = data;
  if (params.objective === "binary:logistic") {
    const g = grad[0];
    const h = hess[0];
    for (let r = 0; r < nRows; r++) {
      const p = f32(1 / f32(f32(Math.exp(-margins[r])) + 1));
      const w = weights ? weights[r] : 1;
      g[r] = f32(f32(p - labels[r]) * w);
      h[r] = f32(Math.max(f32(p * f32(1 - p)), HESS_EPS) * w);
    }
    return;
  }
  const k = params.numClass;
  // each class's float32 exp(margin − max) is needed for the sum and again for p: computed once
  const ex = new Float64Array(k);
  for (let r = 0; r < nRows; r++) {
    const o = r * k;
    // The running maximum starts at FLT_MIN (the smallest positive float), not at the first margin:
    // xgboost 1.7's softprob gradient does so (src/objective/multiclass_obj.cu), so when every margin
    // is negative the exponents are taken relative to FLT_MIN. The prediction transform below
    // (common::Softmax) starts at the first margin. Both are what xgboost computes; do not unify.
    let wmax = FLT_MIN;
    for (let c = 0; c < k; c++) if (margins[o + c] > wmax) wmax = margins[o + c];
    let wsum = 0;
    for (let c = 0; c < k; c++) {
      ex[c] = f32(Math.exp(f32(margins[o + c] - wmax)));
      wsum += ex[c];
    }
    const sum32 = f32(wsum);
    const w = weights ? weights[r] : 1;
    const label = labels[r];
    for (let c = 0; c < k; c++) {
      let p = f32(ex[c] / sum32);
      const h = Math.max(f32(f32(f32(2 * p) * f32(1 - p)) * w), HESS_EPS);
      if (label === c) p = f32(p - 1);
      grad[c][r] = f32(p * w);
      hess[c][r] = h;
    }
  }
}

/**
 * Checks a float32 feature matrix handed to the booster directly: nRows·nCols values, none ±Infinity
 * (a double beyond the float32 range becomes ±Infinity when stored; NaN = missing is fine).
 * `prepareFeatures` (input.ts) reports the same problem on the original doubles.
 */
function checkBoosterFeatures(where: string, x: Float32Array, nRows: number, nCols: number): void {
  if (x.length !== nRows * nCols)
    throw new ArgumentError({
      where,
      argument: "x",
      value: x.length,
      problem: `has ${x.length} values, expected nRows·nCols = ${nRows}·${nCols} = ${nRows * nCols}`,
    });
  for (let k = 0; k < x.length; k++)
    if (x[k] === Number.POSITIVE_INFINITY || x[k] === Number.NEGATIVE_INFINITY) {
      const r = Math.floor(k / nCols);
      throw new ArgumentError({
        where,
        argument: "x",
        index: [r, k - r * nCols],
        value: x[k],
        problem: `is ${x[k]} (row ${r}, column ${k - r * nCols}): outside the float32 range; use NaN for a missing value`,
      });
    }
}

/**
 * Trains a booster on float32 data (see {@link BoosterData}). Labels must already be validated
 * (integers 0..numClass−1); weights positive. `onRound` is called after every round. A ±Infinity
 * feature value (or a wrong x length) is an `ArgumentError` naming row and column.
 */
export function trainBooster(
  data: BoosterData,
  params: BoosterParams,
  onRound?: RoundCallback,
  options: TrainOptions = {},
): BoosterModel {
  const { nRows, nCols, x } = data;
  checkBoosterFeatures("trainBooster", x, nRows, nCols);
  const groups = groupCount(params);
  if (options.helper?.available && groups >= 2) return trainWithHelper(data, params, options.helper, onRound, options);
  const cols = sortColumns(x, nRows, nCols);
  const builder = new TreeBuilder(data, cols, params, options.screen ?? true);
  const margins = new Float32Array(nRows * groups).fill(baseMargin(params));
  const grad = Array.from({ length: groups }, () => new Float32Array(nRows));
  const hess = Array.from({ length: groups }, () => new Float32Array(nRows));
  const model: BoosterModel = { params: { ...params }, numFeature: nCols, trees: [], treeInfo: new Int32Array(0) };
  const info: number[] = [];
  for (let round = 0; round < params.nEstimators; round++) {
    computeGradients(params, margins, data, grad, hess);
    for (let k = 0; k < groups; k++) {
      model.trees.push(builder.build(grad[k], hess[k]));
      info.push(k);
      // the round's gradients are already computed, so each tree may update its class at once
      if (!builder.addToMargins(margins, groups, k)) {
        model.treeInfo = Int32Array.from(info);
        addTrees(model, x, nRows, nCols, margins, model.trees.length - 1, model.trees.length);
      }
    }
    model.treeInfo = Int32Array.from(info);
    onRound?.(round + 1, params.nEstimators);
  }
  return model;
}

/** Nodes a tree can have: a full tree of depth maxDepth, plus one. */
function maxNodesOf(params: BoosterParams): number {
  return 2 ** (params.maxDepth + 1) + 1;
}

/** The shared buffers of one helped fit (see booster-helper.ts). */
function allocateSharedFit(nRows: number, groups: number, slots: number, maxNodes: number): SharedFit {
  return {
    control: new SharedArrayBuffer(12),
    order: new SharedArrayBuffer(4 * groups),
    grad: new SharedArrayBuffer(4 * groups * nRows),
    hess: new SharedArrayBuffer(4 * groups * nRows),
    margins: new SharedArrayBuffer(4 * groups * nRows),
    treeInts: new SharedArrayBuffer(4 * slots * (1 + 5 * maxNodes)),
    treeFloats: new SharedArrayBuffer(4 * slots * 4 * maxNodes),
  };
}

/** Class k's gradient or hessian row inside a shared [groups × nRows] float32 buffer. */
function classRows(buffer: SharedArrayBuffer, groups: number, nRows: number): Float32Array[] {
  return Array.from({ length: groups }, (_, k) => new Float32Array(buffer, 4 * k * nRows, nRows));
}

/** Writes a tree to slot `slot` of the shared tree buffers (layout: see {@link SharedFit}). */
function writeTree(t: BoosterTree, shared: SharedFit, slot: number, maxNodes: number): void {
  const ints = new Int32Array(shared.treeInts, 4 * slot * (1 + 5 * maxNodes), 1 + 5 * maxNodes);
  const floats = new Float32Array(shared.treeFloats, 4 * slot * 4 * maxNodes, 4 * maxNodes);
  const n = t.left.length;
  ints[0] = n;
  ints.set(t.left, 1);
  ints.set(t.right, 1 + maxNodes);
  ints.set(t.parent, 1 + 2 * maxNodes);
  ints.set(t.splitIndex, 1 + 3 * maxNodes);
  for (let i = 0; i < n; i++) ints[1 + 4 * maxNodes + i] = t.defaultLeft[i];
  floats.set(t.splitConditions, 0);
  floats.set(t.baseWeights, maxNodes);
  floats.set(t.lossChanges, 2 * maxNodes);
  floats.set(t.sumHessian, 3 * maxNodes);
}

/** Reads the tree in slot `slot` back (copies; the slot is reused next round). */
function readTree(shared: SharedFit, slot: number, maxNodes: number): BoosterTree {
  const ints = new Int32Array(shared.treeInts, 4 * slot * (1 + 5 * maxNodes), 1 + 5 * maxNodes);
  const floats = new Float32Array(shared.treeFloats, 4 * slot * 4 * maxNodes, 4 * maxNodes);
  const n = ints[0];
  const i32 = (k: number) => ints.slice(1 + k * maxNodes, 1 + k * maxNodes + n);
  const f32s = (k: number) => floats.slice(k * maxNodes, k * maxNodes + n);
  return {
    left: i32(0),
    right: i32(1),
    parent: i32(2),
    splitIndex: i32(3),
    splitConditions: f32s(0),
    defaultLeft: Uint8Array.from(ints.subarray(1 + 4 * maxNodes, 1 + 4 * maxNodes + n)),
    baseWeights: f32s(1),
    lossChanges: f32s(2),
    sumHessian: f32s(3),
  };
}

/**
 * The helper thread's side of a helped fit: for each round, wait for the caller's gradients, grow
 * the classes `m.classes` (each into its slot) and add them to their margin columns, then say the
 * round is done. The same {@link TreeBuilder} on the same numbers as a single-threaded fit.
 */
export function helperFit(m: HelperFitMessage): void {
  const { params, shared } = m;
  const data: BoosterData = { x: m.x, nRows: m.nRows, nCols: m.nCols, labels: m.labels, weights: m.weights };
  const groups = groupCount(params);
  const builder = new TreeBuilder(data, sortColumns(m.x, m.nRows, m.nCols), params, m.screen);
  const control = new Int32Array(shared.control);
  const grad = classRows(shared.grad, groups, m.nRows);
  const hess = classRows(shared.hess, groups, m.nRows);
  const margins = new Float32Array(shared.margins);
  const order = new Int32Array(shared.order);
  const maxNodes = maxNodesOf(params);
  for (let round = 0; round < params.nEstimators; round++) {
    waitForValue(control, ROUND, round + 1);
    for (let c = Atomics.add(control, CLAIM, 1); c < groups; c = Atomics.add(control, CLAIM, 1)) {
      const k = order[c];
      writeTree(builder.build(grad[k], hess[k]), shared, k, maxNodes);
      builder.addToMargins(margins, groups, k);
    }
    Atomics.store(control, DONE, round + 1);
    Atomics.notify(control, DONE);
  }
}

/**
 * {@link trainBooster} with a helper thread: in each round both threads take the classes' trees
 * one at a time from a shared counter, the helper writing its trees to their classes' slots. The
 * gradients, the trees (in class order) and the margins are those of the single-threaded fit,
 * whichever thread grew a tree. A failure closes the helper (later fits run alone).
 */
function trainWithHelper(
  data: BoosterData,
  params: BoosterParams,
  helper: BoosterHelper,
  onRound: RoundCallback | undefined,
  options: TrainOptions,
): BoosterModel {
  const { nRows, nCols, x } = data;
  const groups = groupCount(params);
  const maxNodes = maxNodesOf(params);
  const shared = allocateSharedFit(nRows, groups, groups, maxNodes);
  const control = new Int32Array(shared.control);
  const grad = classRows(shared.grad, groups, nRows);
  const hess = classRows(shared.hess, groups, nRows);
  const margins = new Float32Array(shared.margins).fill(baseMargin(params));
  const screen = options.screen ?? true;
  const builder = new TreeBuilder(data, sortColumns(x, nRows, nCols), params, screen);
  const model: BoosterModel = { params: { ...params }, numFeature: nCols, trees: [], treeInfo: new Int32Array(0) };
  const info: number[] = [];
  const trees = new Array<BoosterTree | null>(groups);
  // the classes are claimed largest tree first (by the previous round's node count; a class's
  // trees change slowly), so the two threads' last trees end close together
  const order = new Int32Array(shared.order);
  for (let k = 0; k < groups; k++) order[k] = k;
  const size = new Int32Array(groups);
  try {
    helper.post({ kind: "fit", x, nRows, nCols, labels: data.labels, weights: data.weights, params, screen, shared });
    for (let round = 0; round < params.nEstimators; round++) {
      // (splitting the gradients' rows between the threads was slower: one more hand-over a round)
      computeGradients(params, margins, data, grad, hess);
      trees.fill(null);
      if (round > 0) {
        const byCost = Array.from(order).sort((a, b) => size[b] - size[a] || a - b);
        order.set(byCost);
      }
      Atomics.store(control, CLAIM, 0);
      Atomics.store(control, ROUND, round + 1);
      Atomics.notify(control, ROUND);
      for (let c = Atomics.add(control, CLAIM, 1); c < groups; c = Atomics.add(control, CLAIM, 1)) {
        const k = order[c];
        trees[k] = builder.build(grad[k], hess[k]);
        builder.addToMargins(margins, groups, k);
      }
      helper.waitRound(control, round);
      const before = model.trees.length;
      for (let k = 0; k < groups; k++) {
        const t = trees[k] ?? readTree(shared, k, maxNodes);
        size[k] = t.left.length;
        model.trees.push(t);
        info.push(k);
      }
      model.treeInfo = Int32Array.from(info);
      // γ > 0: neither thread used the prediction cache; add the round's trees by traversal
      if (params.gamma > 0) addTrees(model, x, nRows, nCols, margins, before, model.trees.length);
      onRound?.(round + 1, params.nEstimators);
    }
  } catch (e) {
    helper.close();
    throw e;
  }
  return model;
}

/** Raw float32 margins, row-major n × groups (groups = numClass for softprob, else 1). */
export function predictMargins(model: BoosterModel, x: Float32Array, nRows: number): Float32Array {
  checkBoosterFeatures("predictMargins", x, nRows, model.numFeature);
  const groups = groupCount(model.params);
  const margins = new Float32Array(nRows * groups).fill(baseMargin(model.params));
  addTrees(model, x, nRows, model.numFeature, margins, 0, model.trees.length);
  return margins;
}

/**
 * Class probabilities, row-major n × numClass, float32 values widened to double. Softprob uses
 * XGBoost's float softmax; binary gives [1 − p, p] like the scikit-learn wrapper.
 */
export function predictProbabilities(model: BoosterModel, x: Float32Array, nRows: number): Float64Array {
  const m = predictMargins(model, x, nRows);
  const k = model.params.numClass;
  const out = new Float64Array(nRows * k);
  if (model.params.objective === "binary:logistic") {
    for (let r = 0; r < nRows; r++) {
      const p = f32(1 / f32(f32(Math.exp(-m[r])) + 1));
      out[r * 2] = f32(1 - p);
      out[r * 2 + 1] = p;
    }
    return out;
  }
  for (let r = 0; r < nRows; r++) {
    const o = r * k;
    // starts at the first margin, as xgboost's prediction softmax (see computeGradients for the other)
    let wmax = m[o];
    for (let c = 1; c < k; c++) if (m[o + c] > wmax) wmax = m[o + c];
    let wsum = 0;
    for (let c = 0; c < k; c++) wsum += f32(Math.exp(f32(m[o + c] - wmax)));
    const s = f32(wsum);
    for (let c = 0; c < k; c++) out[o + c] = f32(f32(Math.exp(f32(m[o + c] - wmax))) / s);
  }
  return out;
}

/**
 * Gain importances as the xgboost 1.7 scikit-learn wrapper's `feature_importances_` (default
 * importance_type "gain"): per feature the average loss change of its splits over all trees
 * (0 if never used), normalised to sum to 1 (all zeros if no tree split at all).
 */
export function gainImportances(model: BoosterModel): Float64Array {
  const total = new Float32Array(model.numFeature);
  const count = new Float64Array(model.numFeature);
  for (const tree of model.trees) {
    for (let nid = 0; nid < tree.left.length; nid++) {
      if (tree.left[nid] === -1) continue;
      const f = tree.splitIndex[nid];
      total[f] = f32(total[f] + tree.lossChanges[nid]);
      count[f]++;
    }
  }
  const avg = new Float32Array(model.numFeature);
  let sum = 0;
  for (let f = 0; f < avg.length; f++) {
    avg[f] = f32(total[f] / Math.max(1, count[f]));
    sum += avg[f];
  }
  const out = new Float64Array(model.numFeature);
  if (sum === 0) return out;
  const s32 = f32(sum);
  for (let f = 0; f < out.length; f++) out[f] = f32(avg[f] / s32);
  return out;
}
