/**
 * Parity of the back-test tables (article In[40]–In[47]) with the pandas reference on the embedded
 * sample. Both sides start from the same model output (test/fixtures/pipeline/predictions-*.json,
 * exported from our pipeline); the pandas side builds the model table with its own factor
 * reference and follows the article's cells (test/reference/pipeline_backtest.py →
 * backtest-*.json). Here the TypeScript feature pipeline plus `pipeline.articleBacktest` (the
 * function `runArticlePipeline` uses) recompute the returns table and the summary tables, which
 * must agree within 1e-9 relative.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { backtest, data, features, pipeline } from "../../lib";

const FIX = path.join(__dirname, "..", "fixtures", "pipeline");
const load = (name: string) => JSON.parse(readFileSync(path.join(FIX, name), "utf8"));
const source = data.openDataSource();

function close(actual: number, expected: number, what: string): void {
  const tol = 1e-9 * Math.max(Math.abs(expected), 1e-3);
  assert.ok(
    Math.abs(actual - expected) <= tol,
    `${what}: ${actual} vs pandas ${expected} (diff ${actual - expected}, tolerance ${tol})`,
  );
}

for (const mode of ["faithful", "corrected"] as const) {
  test(`returns table and summary tables match pandas on the sample (${mode})`, () => {
    const preds = load(`predictions-${mode}.json`);
    const ref = load(`backtest-${mode}.json`);
    const errata = pipeline.resolveArticleErrata(mode);
    const feats = features.articlePipeline(source, { fields: data.ARTICLE_FIELDS, errata: errata.factors });
    assert.deepEqual(feats.labelled.classes, preds.classes);
    const { backtest: report } = pipeline.articleBacktest(source, feats.labelled, preds, {
      errata: errata.backtest,
    });

    // In[40]-In[45]: every column of the pandas returns_df, by name.
    const cols = backtest.returnsTableColumns(report.table, { cumsum: true });
    assert.deepEqual(cols.date, ref.returns_df.index, "return months");
    assert.equal(cols.date.length, 65);
    let compared = 0;
    ref.returns_df.columns.forEach((name: string, j: number) => {
      const expected = ref.returns_df.data[j] as (number | string)[];
      const actual = cols[name];
      assert.ok(actual, `column ${name} missing from the TypeScript returns table`);
      expected.forEach((e, i) => {
        if (typeof e === "string") assert.equal(actual[i], e, `${name} on ${cols.date[i]}`);
        else close(actual[i] as number, e, `${name} on ${cols.date[i]}`);
        compared++;
      });
    });
    assert.equal(compared, 65 * ref.returns_df.columns.length);

    // In[47]: the summary under this mode's back-test errata, order included.
    const expectSummary = mode === "faithful" ? ref.summary_faithful : ref.summary_corrected;
    assert.deepEqual(
      report.summary.map((r) => r.strategy),
      expectSummary.map((r: { strategy: string }) => r.strategy),
      "summary order",
    );
    report.summary.forEach((r, i) => {
      close(r.cum_return, expectSummary[i].cum_return, `${r.strategy} cum_return`);
      close(r.sharp_ratio, expectSummary[i].sharp_ratio, `${r.strategy} sharp_ratio`);
    });

    // Both conventions side by side (the Corrections section's table).
    const both = backtest.summaryComparison(backtest.returnSeries(report.table));
    const byName = (rows: { strategy: string; cum_return: number; sharp_ratio: number }[]) =>
      new Map(rows.map((r) => [r.strategy, r]));
    const f = byName(ref.summary_faithful);
    const c = byName(ref.summary_corrected);
    for (const r of both) {
      close(r.cum_return, f.get(r.strategy)!.cum_return, `${r.strategy} faithful cum_return`);
      close(r.sharp_ratio, f.get(r.strategy)!.sharp_ratio, `${r.strategy} faithful Sharpe (sqrt 252)`);
      close(r.cum_return_corrected, c.get(r.strategy)!.cum_return, `${r.strategy} compounded return`);
      close(r.sharp_ratio_corrected, c.get(r.strategy)!.sharp_ratio, `${r.strategy} Sharpe (sqrt 12)`);
    }
  });
}

test("articleBacktest rejects predictions that do not fit the model table", () => {
  const preds = load("predictions-faithful.json");
  const feats = features.articlePipeline(source, { fields: data.ARTICLE_FIELDS });
  assert.throws(
    () => pipeline.articleBacktest(source, feats.labelled, { ...preds, predictions: preds.predictions.slice(1) }),
    /66 dates, 65 predictions/,
  );
  assert.throws(
    () =>
      pipeline.articleBacktest(source, feats.labelled, { ...preds, dates: ["1990-01-31", ...preds.dates.slice(1)] }),
    /test month 1990-01-31 is not in the model table/,
  );
  assert.throws(
    () =>
      pipeline.articleBacktest(source, feats.labelled, { ...preds, predictions: [9, ...preds.predictions.slice(1)] }),
    /predicted class 9/,
  );
});
