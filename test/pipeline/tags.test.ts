/**
 * Notebook 01 reproduces the article cell by cell: every article cell In[1]..In[48] must have
 * exactly one code cell tagged with its number ("In[n]" in the cell's metadata.tags). The test
 * lists every missing or duplicated number, and tags that are not article cells.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";

const NOTEBOOK = path.join(__dirname, "..", "..", "notebooks", "01-multi-factor-rebalancing.ipynb");
const ARTICLE_CELLS = 48;

interface Cell {
  cell_type: string;
  metadata?: { tags?: string[] };
}

/** Article cell numbers per code cell tag, e.g. "In[8]" -> 8. */
function articleTags(cells: readonly Cell[]): { counts: Map<number, number>; foreign: string[] } {
  const counts = new Map<number, number>();
  const foreign: string[] = [];
  for (const c of cells) {
    if (c.cell_type !== "code") continue;
    for (const t of c.metadata?.tags ?? []) {
      const m = /^In\[(\d+)\]$/.exec(t);
      if (!m) continue;
      const n = Number(m[1]);
      if (n < 1 || n > ARTICLE_CELLS) foreign.push(t);
      else counts.set(n, (counts.get(n) ?? 0) + 1);
    }
  }
  return { counts, foreign };
}

test("the tag scanner finds gaps and duplicates (hand-made cells)", () => {
  const cells: Cell[] = [
    { cell_type: "code", metadata: { tags: ["In[1]"] } },
    { cell_type: "markdown", metadata: { tags: ["In[2]"] } },
    { cell_type: "code", metadata: { tags: ["In[3]", "parameters"] } },
    { cell_type: "code", metadata: { tags: ["In[3]"] } },
    { cell_type: "code", metadata: { tags: ["In[49]"] } },
  ];
  const { counts, foreign } = articleTags(cells);
  assert.equal(counts.get(1), 1);
  assert.equal(counts.get(2), undefined); // markdown cells do not count
  assert.equal(counts.get(3), 2);
  assert.deepEqual(foreign, ["In[49]"]);
});

test("notebook 01 has exactly one code cell per article cell In[1]..In[48]", () => {
  const nb = JSON.parse(readFileSync(NOTEBOOK, "utf8")) as { cells: Cell[] };
  const { counts, foreign } = articleTags(nb.cells);
  const missing: string[] = [];
  const duplicated: string[] = [];
  for (let n = 1; n <= ARTICLE_CELLS; n++) {
    const k = counts.get(n) ?? 0;
    if (k === 0) missing.push(`In[${n}]`);
    if (k > 1) duplicated.push(`In[${n}] x${k}`);
  }
  assert.deepEqual(
    { missing, duplicated, foreign },
    { missing: [], duplicated: [], foreign: [] },
    `notebook 01 tags: missing ${missing.join(", ") || "none"}; duplicated ${duplicated.join(", ") || "none"}; not article cells ${foreign.join(", ") || "none"}`,
  );
});
