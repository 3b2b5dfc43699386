/**
 * Clean saves: nbformat 4.5 requires a cell id and Jupyter's writer invents a random one for a
 * cell without it, so the runner gives such cells a stable id (`withCellIds`), derived from the
 * previous cell's, and never changes an id that exists.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { type Cell, type Notebook, withCellIds } from "../../lib/notebook/ipynb";

const cell = (id?: string): Cell => ({ cell_type: "markdown", metadata: {}, source: "x", ...(id ? { id } : {}) });
const nb = (cells: Cell[], minor = 5): Notebook => ({ cells, metadata: {}, nbformat: 4, nbformat_minor: minor });

test("missing ids are derived from the previous cell's, unique, existing ids kept", () => {
  const out = withCellIds(nb([cell(), cell("cell-020"), cell(), cell(), cell("cell-020-2"), cell()]));
  assert.deepEqual(
    out.cells.map((c) => c.id),
    ["cell-1", "cell-020", "cell-020-1", "cell-020-3", "cell-020-2", "cell-020-2-1"],
  );
  assert.equal(new Set(out.cells.map((c) => c.id)).size, out.cells.length);
  assert.deepEqual(withCellIds(out), out, "stable: a second pass changes nothing");
});

test("nbformat before 4.5 has no ids: left alone", () => {
  const old = nb([cell(), cell()], 4);
  assert.equal(withCellIds(old), old);
});
