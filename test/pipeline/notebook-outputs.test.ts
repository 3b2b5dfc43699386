/**
 * The committed outputs of notebook 01's cells In[35]..In[47] agree with the independent
 * references: the (228, 12) shape, the top-3 accuracy and prediction counts of the exported
 * predictions, and the In[47] summary table with the pandas reference's (6 decimals, as printed).
 * Reads the committed notebook only (no execution), so it fails when outputs are stale.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";

const ROOT = path.join(__dirname, "..", "..");
const nb = JSON.parse(readFileSync(path.join(ROOT, "notebooks", "01-multi-factor-rebalancing.ipynb"), "utf8"));
const fixture = (name: string) =>
  JSON.parse(readFileSync(path.join(ROOT, "test", "fixtures", "pipeline", name), "utf8"));

/** All text/plain and stream text of the code cell tagged `tag`. */
function outputText(tag: string): string {
  const cells = nb.cells.filter(
    (c: { cell_type: string; metadata: { tags?: string[] } }) =>
      c.cell_type === "code" && (c.metadata.tags ?? []).includes(tag),
  );
  assert.equal(cells.length, 1, `one cell tagged ${tag}`);
  return cells[0].outputs
    .map((o: { text?: string[]; data?: Record<string, string[]> }) => (o.text ?? o.data?.["text/plain"] ?? []).join(""))
    .join("\n");
}

const preds = fixture("predictions-faithful.json");

test("In[35] prints (228, 12)", () => {
  assert.match(outputText("In[35]"), /^\(228, 12\)/);
});

test("In[38] and In[39] print the counts and the top-3 accuracy of the exported predictions", () => {
  const counts = new Map<number, number>();
  for (const p of preds.predictions as number[]) counts.set(p, (counts.get(p) ?? 0) + 1);
  const dict = `{${[...counts.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([k, v]) => `${k}: ${v}`)
    .join(", ")}}`;
  assert.ok(outputText("In[38]").includes(dict), `In[38] shows ${dict}`);
  assert.ok(outputText("In[39]").includes(`top-3 accuracy: ${preds.top3_accuracy}`));
});

test("In[47] prints the pandas reference's summary table", () => {
  const text = outputText("In[47]");
  const expected = fixture("backtest-faithful.json").summary_faithful as {
    strategy: string;
    cum_return: number;
    sharp_ratio: number;
  }[];
  const rows = text
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length === 3 && /^-?\d/.test(f[1]));
  assert.deepEqual(
    rows.map((r) => r[0]),
    expected.map((e) => e.strategy),
  );
  rows.forEach((r, i) => {
    assert.equal(r[1], expected[i].cum_return.toFixed(6), `${r[0]} cum_return`);
    assert.equal(r[2], expected[i].sharp_ratio.toFixed(6), `${r[0]} sharp_ratio`);
  });
});
