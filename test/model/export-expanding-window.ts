/**
 * Writes test/fixtures/model/expanding-window-<mode>.json: the inputs of every expanding-window fit
 * of notebook 01's pipeline on the embedded sample (In[35]–In[37]), for the booster parity fixture
 * that Python xgboost 1.7.4 makes from them (test/reference/xgb_expanding_window.py →
 * xgb-expanding-window-<mode>.json, checked by test/model/booster-expanding-window.test.ts).
 * Run from the repository root after a change to the sample, the features or the model columns:
 *   npx tsx test/model/export-expanding-window.ts faithful      (or: corrected)
 *   /usr/bin/python3 test/reference/xgb_expanding_window.py faithful
 *
 * Content: the model's feature columns (In[35] order), the full feature matrix once, already
 * standardised with the training scaler (fitted on the rows before the split date, as
 * lib/model/expanding-window.ts does) and rounded to float32 — what the booster sees — written as
 * the shortest decimal that parses back to the same float32 (null = missing); every row's label
 * (class code); the split index. The training set of test month j (0-based) is rows 0..split+j−1
 * and its test row is row split+j; each fit uses balanced sample weights n/(k·count) recomputed on
 * those labels and num_class = the number of distinct training labels.
 *
 * The export is checked against the pipeline itself: a fit of the first and of the last test
 * month on the exported rows must reproduce the pipeline's probabilities exactly.
 */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { data, pipeline } from "../../lib";
import { XGBClassifier } from "../../lib/model/classifier";
import { balancedSampleWeights } from "../../lib/model/sample-weights";
import { StandardScaler } from "../../lib/model/standard-scaler";

export interface ExpandingWindowExport {
  mode: "faithful" | "corrected";
  note: string;
  classes: string[];
  features: string[];
  dates: string[];
  /** Rows × features, standardised, float32 values; null = missing. */
  X: (number | null)[][];
  y: number[];
  /** Rows before the split date (the first test month's training rows). */
  split: number;
}

/** Shortest decimal (≤ 9 significant digits) that reads back as the same float32 value. */
export function float32Text(v: number): number {
  const f = Math.fround(v);
  for (let p = 6; p <= 9; p++) {
    const d = Number(f.toPrecision(p));
    if (Math.fround(d) === f) return d;
  }
  return f;
}

function main(): void {
  const mode = process.argv[2];
  if (mode !== "faithful" && mode !== "corrected") {
    console.error("usage: npx tsx test/model/export-expanding-window.ts faithful|corrected");
    process.exit(2);
  }
  const run = pipeline.runArticlePipeline(data.openDataSource(), { errata: mode });
  const { frame, label, classes } = run.features.labelled;
  const split = run.split.index;
  // In[35]–In[37]: the model columns; the scaler fitted once on the training rows (expanding-window.ts)
  const raw = pipeline.featureMatrix(frame, run.modelFeatures);
  const scaled = new StandardScaler().fit(raw.slice(0, split)).transform(raw);
  const X = scaled.map((r) => r.map((v) => (Number.isNaN(v) ? null : float32Text(v))));
  const y = Array.from(label);
  const out: ExpandingWindowExport = {
    mode,
    note: "written by test/model/export-expanding-window.ts from runArticlePipeline on data/sample",
    classes,
    features: run.modelFeatures,
    dates: frame.index.slice(),
    X,
    y,
    split,
  };
  // the export reproduces the pipeline's own fits (first and last test month)
  const rowsOf = (n: number) => X.slice(0, n).map((r) => r.map((v) => (v === null ? Number.NaN : v)));
  for (const j of [0, run.retrain.dates.length - 1]) {
    const n = split + j;
    const yTrain = y.slice(0, n);
    const model = new XGBClassifier({ objective: "multi:softprob", randomState: 42 }).fit(rowsOf(n), yTrain, {
      sampleWeight: balancedSampleWeights(yTrain),
    });
    const p = model.predictProba(rowsOf(n + 1).slice(n))[0];
    const expected = run.retrain.probabilities[j];
    if (run.retrain.dates[j] !== out.dates[n] || p.some((v, c) => v !== expected[c]))
      throw new Error(`export does not reproduce the pipeline's fit for ${run.retrain.dates[j]}: ${p} vs ${expected}`);
  }
  const file = path.join("test", "fixtures", "model", `expanding-window-${mode}.json`);
  writeFileSync(file, `${JSON.stringify(out)}\n`);
  console.log(
    `${file}: ${X.length} rows × ${out.features.length} features, split ${split}, ${X.length - split} test months`,
  );
}

if (require.main === module) main();
