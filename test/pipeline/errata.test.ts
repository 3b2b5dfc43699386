/** The merged errata switches and table of notebook 01. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { backtest, factors, pipeline } from "../../lib";

test("presets and partial selections resolve to every switch", () => {
  const f = pipeline.resolveArticleErrata();
  assert.deepEqual(f.factors, factors.FAITHFUL);
  assert.deepEqual(f.backtest, backtest.FAITHFUL);
  assert.deepEqual(f.model, { rfeImportancesMisaligned: true });
  const c = pipeline.resolveArticleErrata("corrected");
  assert.ok(Object.values(c.factors).every((v) => v === false));
  assert.ok(Object.values(c.backtest).every((v) => v === false));
  assert.equal(c.model.rfeImportancesMisaligned, false);
  const p = pipeline.resolveArticleErrata({ backtest: { sharpeSqrt252: false } });
  assert.deepEqual(p.backtest, { cumulativeSum: true, sharpeSqrt252: false });
  assert.deepEqual(p.factors, factors.FAITHFUL);
});

test("unknown areas and switches are errors naming them", () => {
  assert.throws(() => pipeline.resolveArticleErrata({ modle: {} } as never), /unknown area "modle"/);
  assert.throws(() => pipeline.resolveArticleErrata({ model: { rfe: true } } as never), /unknown switch "rfe"/);
  assert.throws(() => pipeline.resolveArticleErrata({ backtest: { sqrt: true } } as never), /unknown switch "sqrt"/);
  assert.throws(() => pipeline.resolveArticleErrata("fixed" as never), /expected "faithful", "corrected"/);
});

test("the errata table covers every area's errata, each with what / correct / effect", () => {
  const rows = pipeline.articleErrataTable();
  const ids = rows.map((r) => r.id);
  for (const e of factors.ERRATA_TABLE) if (e.id !== "E12") assert.ok(ids.includes(e.id), e.id);
  assert.ok(ids.includes("M1"));
  for (const b of backtest.ERRATA_TABLE)
    assert.ok(
      ids.some((id) => id.startsWith(b.id)),
      b.id,
    );
  assert.ok(ids.includes("B4 (= E12)"));
  assert.equal(new Set(ids).size, ids.length);
  for (const r of rows) {
    assert.ok(r.what && r.correct && r.effect && r.cell, `${r.id} has an empty field`);
    if (r.switch) {
      const [area, name] = r.switch.split(".");
      const e = pipeline.resolveArticleErrata() as unknown as Record<string, Record<string, boolean>>;
      assert.equal(e[area][name], true, `${r.id}: ${r.switch} is a faithful switch`);
    }
  }
});

test("errataMarkdown: one row per erratum, pipes escaped", () => {
  const md = pipeline.errataMarkdown([
    { id: "X1", cell: "In[1]", switch: "", what: "a | b", correct: "c", effect: "d" },
    { id: "X2", cell: "In[2]", switch: "model.x", what: "w", correct: "c", effect: "e" },
  ]);
  assert.equal(
    md,
    [
      "| id | cell | switch | what the article does | what is correct | effect on the results |",
      "| --- | --- | --- | --- | --- | --- |",
      "| X1 | In[1] | — | a \\| b | c | d |",
      "| X2 | In[2] | `model.x` | w | c | e |",
    ].join("\n"),
  );
  assert.equal(pipeline.errataMarkdown().split("\n").length, 2 + pipeline.articleErrataTable().length);
});
