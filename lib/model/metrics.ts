/**
 * Classification metrics of the article's In[38]–In[39], as scikit-learn 1.2 / numpy compute and
 * print them:
 * - prediction counts (`dict(sorted(Counter(predictions).items()))`),
 * - the confusion matrix C[i][j] = #(true = i, predicted = j) over the sorted union of labels, and
 *   its numpy text form,
 * - per-class precision tp/(tp+fp), recall tp/(tp+fn), F1 = 2PR/(P+R) (0 when P+R = 0), support,
 *   accuracy, macro average (unweighted mean over classes) and weighted average (weights =
 *   support); `zeroDivision` ("warn" → 0 like scikit-learn's default, 0 or 1) replaces 0/0,
 * - `classificationReport`: scikit-learn's `classification_report` text, character for character
 *   (Python's round-half-even formatting of exact binary ties such as 0.125 → "0.12"),
 * - top-N accuracy: share of rows whose true class is among the N most probable classes. Ties are
 *   resolved as the article's `np.argsort(p)[:, -n:]` does: sorting ascending by probability with
 *   the class index as tie-breaker, the last N are taken (so of two equal probabilities the higher
 *   class index ranks higher).
 * All rates are fractions in [0, 1], not percent. Labels are class indices (integers).
 */
import { mean } from "../statistics/descriptive";

export type ZeroDivision = "warn" | 0 | 1;

function checkPairs(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, where: string): void {
  if (yTrue.length !== yPred.length)
    throw new Error(`${where}: yTrue has ${yTrue.length} labels but yPred has ${yPred.length}`);
  if (yTrue.length === 0) throw new Error(`${where}: no labels`);
  for (let i = 0; i < yTrue.length; i++) {
    if (!Number.isInteger(yTrue[i])) throw new Error(`${where}: yTrue[${i}] = ${yTrue[i]} is not an integer label`);
    if (!Number.isInteger(yPred[i])) throw new Error(`${where}: yPred[${i}] = ${yPred[i]} is not an integer label`);
  }
}

/** Sorted distinct labels of both arrays (scikit-learn's unique_labels). */
export function uniqueLabels(...ys: ArrayLike<number>[]): number[] {
  const s = new Set<number>();
  for (const y of ys) for (let i = 0; i < y.length; i++) s.add(y[i]);
  return [...s].sort((a, b) => a - b);
}

/** Count of each predicted class, ascending by class: [[class, count], …]. */
export function predictionCounts(predictions: ArrayLike<number>): [number, number][] {
  const m = new Map<number, number>();
  for (let i = 0; i < predictions.length; i++) m.set(predictions[i], (m.get(predictions[i]) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => a[0] - b[0]);
}

/** Python's repr of the sorted count dict, e.g. "{0: 18, 1: 8}". */
export function formatPredictionCounts(predictions: ArrayLike<number>): string {
  return `{${predictionCounts(predictions)
    .map(([k, v]) => `${k}: ${v}`)
    .join(", ")}}`;
}

/** Confusion matrix; rows = true class, columns = predicted, over `labels` (default: sorted union). */
export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, labels?: number[]): number[][] {
  checkPairs(yTrue, yPred, "confusionMatrix");
  const labs = labels ?? uniqueLabels(yTrue, yPred);
  const idx = new Map(labs.map((l, i) => [l, i]));
  const m = labs.map(() => new Array<number>(labs.length).fill(0));
  for (let i = 0; i < yTrue.length; i++) {
    const a = idx.get(yTrue[i]);
    const b = idx.get(yPred[i]);
    if (a !== undefined && b !== undefined) m[a][b]++;
  }
  return m;
}

/** numpy's str() of an integer matrix: "[[ 4  1]\n [12  0]]" (no line wrapping). */
export function formatIntMatrix(m: number[][]): string {
  const w = Math.max(...m.flat().map((v) => String(v).length));
  const rows = m.map((r) => `[${r.map((v) => String(v).padStart(w)).join(" ")}]`);
  return `[${rows.join("\n ")}]`;
}

/**
 * Python's `format(x, ".{digits}f")`: like toFixed but exact binary ties (x·10^digits exactly
 * k + 0.5) round to even, where JavaScript's toFixed rounds up.
 */
export function formatFixedPython(x: number, digits: number): string {
  if (!Number.isFinite(x)) return x > 0 ? "inf" : x < 0 ? "-inf" : "nan";
  const exact = Math.abs(x).toFixed(Math.min(100, digits + 60));
  const dot = exact.indexOf(".");
  const tail = exact.slice(dot + 1 + digits);
  if (!/^50*$/.test(tail)) return x.toFixed(digits);
  // an exact tie: round the digit string half to even
  const kept = (exact.slice(0, dot) + exact.slice(dot + 1, dot + 1 + digits)).split("").map(Number);
  if (kept[kept.length - 1] % 2 === 1) {
    let k = kept.length - 1;
    while (k >= 0 && kept[k] === 9) kept[k--] = 0;
    if (k >= 0) kept[k]++;
    else kept.unshift(1);
  }
  const intLen = kept.length - digits;
  const str = digits > 0 ? `${kept.slice(0, intLen).join("")}.${kept.slice(intLen).join("")}` : kept.join("");
  return x < 0 ? `-${str}` : str;
}

export interface ClassScores {
  labels: number[];
  precision: number[];
  recall: number[];
  f1: number[];
  support: number[];
}

function divide(num: number, den: number, zero: ZeroDivision): number {
  if (den === 0) return zero === 1 ? 1 : 0;
  return num / den;
}

/** Per-class precision, recall, F1 and support (scikit-learn's precision_recall_fscore_support). */
export function precisionRecallF1(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  zeroDivision: ZeroDivision = "warn",
  labels?: number[],
): ClassScores {
  const labs = labels ?? uniqueLabels(yTrue, yPred);
  const cm = confusionMatrix(yTrue, yPred, labs);
  const precision: number[] = [];
  const recall: number[] = [];
  const f1: number[] = [];
  const support: number[] = [];
  labs.forEach((_, i) => {
    const tp = cm[i][i];
    const pred = cm.reduce((s, r) => s + r[i], 0);
    const sup = cm[i].reduce((s, v) => s + v, 0);
    const p = divide(tp, pred, zeroDivision);
    const r = divide(tp, sup, zeroDivision);
    const den = p + r;
    precision.push(p);
    recall.push(r);
    f1.push(den === 0 ? 0 : (2 * p * r) / den);
    support.push(sup);
  });
  return { labels: labs, precision, recall, f1, support };
}

/** Share of rows predicted correctly (fraction). */
export function accuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkPairs(yTrue, yPred, "accuracy");
  let ok = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) ok++;
  return ok / yTrue.length;
}

export interface ReportOptions {
  /** Labels to report (default: sorted union of yTrue and yPred), e.g. all classes 0..k−1. */
  labels?: number[];
  /** Display names of the labels (one per label, in label order). */
  targetNames?: string[];
  /** Decimals, default 2. */
  digits?: number;
  zeroDivision?: ZeroDivision;
}

/** scikit-learn's `classification_report` text (multiclass or binary integer labels). */
export function classificationReport(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: ReportOptions = {},
): string {
  checkPairs(yTrue, yPred, "classificationReport");
  const digits = options.digits ?? 2;
  const zero = options.zeroDivision ?? "warn";
  const present = uniqueLabels(yTrue, yPred);
  const s = precisionRecallF1(yTrue, yPred, zero, options.labels ?? present);
  // scikit-learn prints "accuracy" only when the reported labels are exactly the labels present
  const microIsAccuracy =
    !options.labels || (options.labels.length === present.length && present.every((l) => options.labels!.includes(l)));
  const names = options.targetNames ?? s.labels.map(String);
  if (names.length !== s.labels.length)
    throw new Error(
      `classificationReport: ${s.labels.length} classes occur but targetNames has ${names.length} names (one per sorted label)`,
    );
  const heading = "weighted avg";
  const width = Math.max(...names.map((n) => n.length), heading.length, digits);
  const f = (x: number) => formatFixedPython(x, digits).padStart(9);
  const headers = ["precision", "recall", "f1-score", "support"];
  let out = `${"".padStart(width)} ${headers.map((h) => ` ${h.padStart(9)}`).join("")}\n\n`;
  const row = (name: string, p: number, r: number, f1: number, sup: number) =>
    `${name.padStart(width)}  ${f(p)} ${f(r)} ${f(f1)} ${String(sup).padStart(9)}\n`;
  s.labels.forEach((_, i) => {
    out += row(names[i], s.precision[i], s.recall[i], s.f1[i], s.support[i]);
  });
  out += "\n";
  const total = s.support.reduce((a, b) => a + b, 0);
  if (microIsAccuracy) {
    const acc = accuracy(yTrue, yPred);
    out += `${"accuracy".padStart(width)}  ${"".padStart(9)} ${"".padStart(9)} ${f(acc)} ${String(total).padStart(9)}\n`;
  } else {
    const cm = confusionMatrix(yTrue, yPred, s.labels);
    const tp = s.labels.reduce((a, _, i) => a + cm[i][i], 0);
    const predicted = s.labels.reduce((a, _, i) => a + cm.reduce((t, r) => t + r[i], 0), 0);
    const p = divide(tp, predicted, zero);
    const r = divide(tp, total, zero);
    out += row("micro avg", p, r, p + r === 0 ? 0 : (2 * p * r) / (p + r), total);
  }
  out += row("macro avg", mean(s.precision), mean(s.recall), mean(s.f1), total);
  if (total === 0) {
    const z = zero === 1 ? 1 : 0;
    out += row(heading, z, z, z, total);
  } else {
    const wavg = (a: number[]) => a.reduce((x, v, i) => x + v * s.support[i], 0) / total;
    out += row(heading, wavg(s.precision), wavg(s.recall), wavg(s.f1), total);
  }
  return out;
}

/**
 * Top-N accuracy: the fraction of rows whose true class is among the N most probable (ties as the
 * article's argsort, see the module comment). `proba` is one probability row per observation.
 */
export function topNAccuracy(yTrue: ArrayLike<number>, proba: readonly ArrayLike<number>[], n = 3): number {
  if (yTrue.length !== proba.length)
    throw new Error(`topNAccuracy: yTrue has ${yTrue.length} labels but proba has ${proba.length} rows`);
  if (yTrue.length === 0) throw new Error("topNAccuracy: no rows");
  if (!Number.isInteger(n) || n < 1) throw new Error(`topNAccuracy: n must be a positive integer, got ${n}`);
  let hits = 0;
  for (let i = 0; i < proba.length; i++) {
    const p = proba[i];
    const order = Array.from({ length: p.length }, (_, k) => k).sort((a, b) => p[a] - p[b] || a - b);
    if (order.slice(-n).includes(yTrue[i])) hits++;
  }
  return hits / yTrue.length;
}
