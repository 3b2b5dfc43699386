/**
 * Parity with the pandas / numpy / scikit-learn reference (test/reference/factors.py): every
 * intermediate table of In[7]..In[31] computed by lib/ on the data set must equal the committed
 * fixture within 1e-9 relative (absolute 1e-12 near zero), in faithful and corrected mode.
 * Corrected mode also compares the point-in-time parts: the investable factor returns (E8, E14,
 * E15: in feature_df, and per month the formation date, portfolio size and missing returns), the
 * macro block at the release month (E16) and the leading months trimmed from the model table.
 * The fixture records which data directory it was made from; the test runs on the same one
 * (FACTOR_PARITY_DIR overrides it, for developers regenerating fixtures elsewhere).
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { ARTICLE_FIELDS, openDataSource } from "../../lib/data";
import { CORRECTED, FAITHFUL } from "../../lib/factors";
import { articlePipeline, type MonthlyFrame, type PipelineResult } from "../../lib/features";

const ROOT = path.join(__dirname, "../..");
const REL = 1e-9;
const ABS = 1e-12;

interface StockTable {
  columns: string[];
  rows: (number | string | null)[][];
}
interface FrameJson {
  index: string[];
  columns: string[];
  data: (number | string | null)[][];
}
interface Fixture {
  mode: string;
  data_dir: string;
  stock_dates: string[];
  n_dataset_rows: number;
  components: StockTable;
  normalized: StockTable;
  filled: StockTable;
  weights: StockTable;
  feature_df: FrameJson;
  macro: FrameJson;
  cur: FrameJson;
  ind: FrameJson;
  bonds: FrameJson;
  comods: FrameJson;
  model_df: FrameJson;
  counts_with_momentum: [string, number][];
  counts: [string, number][];
  classes: string[];
  features: string[];
  /** corrected only: leading model-table months dropped for a missing feature (absent = none) */
  trimmed?: string[];
  /** corrected only (E8/E14/E15): per return month [date, formation date, stocks held, stocks without a return] */
  factor_return_months?: [string, string | null, number, string[]][];
}

let worst = 0; // reset per mode below
let table = ""; // the table being compared
const worstBy = new Map<string, { rel: number; abs: number }>(); // per table, reset per mode
function same(got: unknown, want: unknown, where: string): void {
  if (want === null) {
    assert.ok(typeof got === "number" && Number.isNaN(got), `${where}: expected NaN, got ${got}`);
    return;
  }
  if (typeof want === "number") {
    assert.equal(typeof got, "number", `${where}: expected a number, got ${got}`);
    const g = got as number;
    const err = Math.abs(g - want);
    const tol = Math.max(ABS, REL * Math.max(Math.abs(g), Math.abs(want)));
    if (Math.abs(want) > 1e-6) worst = Math.max(worst, err / Math.abs(want));
    const w = worstBy.get(table) ?? { rel: 0, abs: 0 };
    if (Math.abs(want) > 1e-6) w.rel = Math.max(w.rel, err / Math.abs(want));
    w.abs = Math.max(w.abs, err);
    worstBy.set(table, w);
    assert.ok(err <= tol, `${where}: got ${g}, reference ${want} (diff ${err})`);
    return;
  }
  assert.equal(got, want, where);
}

function compareStock(name: string, want: StockTable, rows: readonly Record<string, unknown>[], dates: Set<string>) {
  table = name;
  const mine = rows.filter((r) => dates.has(r.Date as string));
  assert.equal(mine.length, want.rows.length, `${name}: row count`);
  const byKey = new Map(mine.map((r) => [`${r.Date}|${r.Instrument}`, r]));
  const di = want.columns.indexOf("Date");
  const ii = want.columns.indexOf("Instrument");
  for (const row of want.rows) {
    const key = `${row[di]}|${row[ii]}`;
    const r = byKey.get(key);
    assert.ok(r, `${name}: no row ${key}`);
    want.columns.forEach((c, j) => {
      same(r[c], row[j], `${name} ${key} ${c}`);
    });
  }
}

function compareFrame(name: string, want: FrameJson, got: { index: string[]; columns: string[]; data: unknown[][] }) {
  table = name;
  assert.deepEqual(got.index, want.index, `${name}: index`);
  assert.deepEqual(got.columns, want.columns, `${name}: columns`);
  want.data.forEach((col, j) => {
    col.forEach((v, i) => {
      same(got.data[j][i], v, `${name} ${want.index[i]} ${want.columns[j]}`);
    });
  });
}

const block = (res: PipelineResult, cell: string): MonthlyFrame =>
  (res.blocks.find((b) => b.spec.cell === cell) as PipelineResult["blocks"][0]).aligned;

for (const mode of ["faithful", "corrected"] as const) {
  const file = path.join(ROOT, `test/fixtures/factors/parity-${mode}.json`);
  const fx = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Fixture) : undefined;
  const dir = process.env.FACTOR_PARITY_DIR ?? (fx ? path.join(ROOT, fx.data_dir) : "");
  const skip = !fx
    ? "no fixture"
    : !existsSync(path.join(dir, "fields.csv"))
      ? `data set ${fx.data_dir} absent`
      : false;
  test(`parity with the pandas reference (${mode})`, { skip }, () => {
    if (!fx) return;
    worst = 0;
    worstBy.clear();
    const source = openDataSource({ dir });
    const res = articlePipeline(source, { fields: ARTICLE_FIELDS, errata: mode === "faithful" ? FAITHFUL : CORRECTED });
    assert.equal(res.dataset.length, fx.n_dataset_rows);
    const dates = new Set(fx.stock_dates);
    compareStock("In[9] components", fx.components, res.components as unknown as Record<string, unknown>[], dates);
    compareStock(
      "In[12]-In[13] z-scores",
      fx.normalized,
      res.composites as unknown as Record<string, unknown>[],
      dates,
    );
    compareStock("In[15] factors", fx.filled, res.filled as unknown as Record<string, unknown>[], dates);
    compareStock("In[17] weights", fx.weights, res.weights as unknown as Record<string, unknown>[], dates);
    compareFrame("In[18] feature_df", fx.feature_df, res.featureFrame);
    if (fx.factor_return_months)
      assert.deepEqual(
        res.factorReturns.map((m) => [m.date, m.formation, m.stocks, m.missing]),
        fx.factor_return_months,
        "In[18] formation date, stocks and missing returns per month",
      );
    compareFrame("In[22] macro", fx.macro, block(res, "In[22]"));
    compareFrame("In[23] EUR", fx.cur, block(res, "In[23]"));
    compareFrame("In[24] indices", fx.ind, block(res, "In[24]"));
    compareFrame("In[25] bonds", fx.bonds, block(res, "In[25]"));
    compareFrame("In[26] commodities", fx.comods, block(res, "In[26]"));
    assert.deepEqual(res.trimmed.months, fx.trimmed ?? [], "leading months trimmed from the model table");
    assert.deepEqual(res.trimmed.leading, fx.trimmed ?? []);
    assert.deepEqual(res.model.index.slice(0, -1), fx.model_df.index, "model table months (the last has no label)");
    const t = res.labelled;
    compareFrame("In[30] model_df", fx.model_df, {
      index: t.frame.index,
      columns: [...t.frame.columns, "best_factor_next_month", "label"],
      data: [...t.frame.data, t.best_factor_next_month, t.label],
    });
    assert.deepEqual(
      res.withMomentum.counts.map((c) => [c.label, c.count]),
      fx.counts_with_momentum,
    );
    assert.deepEqual(
      t.counts.map((c) => [c.label, c.count]),
      fx.counts,
    );
    assert.deepEqual(t.classes, fx.classes);
    assert.deepEqual(res.features, fx.features);
    console.log(`# parity ${mode}: worst relative difference ${worst.toExponential(2)}`);
    for (const [name, w] of worstBy)
      console.log(`#   ${name}: max abs ${w.abs.toExponential(2)}, max rel ${w.rel.toExponential(2)}`);
  });
}
