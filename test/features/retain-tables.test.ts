/**
 * articlePipeline's retainTables: false (the command-line pipeline's low-memory setting) drops the
 * In[7]–In[18] tables from the result but changes nothing else, on the embedded sample, in the
 * faithful and the corrected mode.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { ARTICLE_FIELDS, openDataSource } from "../../lib/data";
import { CORRECTED, FAITHFUL } from "../../lib/factors";
import { articlePipeline } from "../../lib/features";

const TABLES = ["dataset", "components", "normalized", "composites", "factors", "filled", "weights"] as const;

for (const [mode, errata] of [
  ["faithful", FAITHFUL],
  ["corrected", CORRECTED],
] as const) {
  test(`retainTables false: same model table, labels and features, no intermediate tables (${mode})`, () => {
    const source = openDataSource();
    const full = articlePipeline(source, { fields: ARTICLE_FIELDS, errata });
    const lean = articlePipeline(source, { fields: ARTICLE_FIELDS, errata, retainTables: false });
    for (const t of TABLES) {
      assert.ok(full[t].length > 1000, `${t} is kept by default`);
      assert.equal(lean[t].length, 0, `${t} is dropped`);
    }
    assert.deepEqual(lean.labelled, full.labelled);
    assert.deepEqual(lean.model, full.model);
    assert.deepEqual(lean.featureFrame, full.featureFrame);
    assert.deepEqual(lean.factorReturns, full.factorReturns);
    assert.deepEqual(lean.features, full.features);
    assert.deepEqual(lean.trimmed, full.trimmed);
  });
}
