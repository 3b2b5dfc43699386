/**
 * Writes test/fixtures/pipeline/predictions-<mode>.json: the test months' true classes,
 * predictions and probabilities of `runArticlePipeline` on the embedded sample (faithful and
 * corrected). test/reference/pipeline_backtest.py starts from these predictions and recomputes the
 * article's In[40]–In[47] tables with pandas; test/pipeline/parity.test.ts compares. Run from the
 * repository root after a change to the model or the sample:
 *   npx tsx test/pipeline/export-predictions.ts && /usr/bin/python3 test/reference/pipeline_backtest.py
 */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { data, pipeline } from "../../lib";

const source = data.openDataSource();
for (const mode of ["faithful", "corrected"] as const) {
  const run = pipeline.runArticlePipeline(source, { errata: mode });
  const out = {
    mode,
    note: "written by test/pipeline/export-predictions.ts from runArticlePipeline on data/sample",
    classes: run.classes,
    model_features: run.modelFeatures,
    dates: run.retrain.dates,
    y_true: run.retrain.yTest,
    predictions: run.retrain.predictions,
    probabilities: run.retrain.probabilities,
    accuracy: run.metrics.accuracy,
    top3_accuracy: run.metrics.top3Accuracy,
  };
  const file = path.join("test", "fixtures", "pipeline", `predictions-${mode}.json`);
  writeFileSync(file, `${JSON.stringify(out)}\n`);
  console.log(file, `accuracy ${run.metrics.accuracy.toFixed(6)} top-3 ${run.metrics.top3Accuracy.toFixed(6)}`);
}
