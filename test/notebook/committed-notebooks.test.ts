/**
 * Properties every committed notebook must keep: small enough to review (< 2 MB), canonical
 * Jupyter formatting, executed (every code cell has an execution count), no machine paths, no
 * volatile metadata, and no dependency noise in outputs.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { outputsText } from "../../lib/notebook/compare";
import { parseNotebook, serializeNotebook } from "../../lib/notebook/ipynb";

const DIR = join(__dirname, "..", "..", "notebooks");
const files = readdirSync(DIR)
  .filter((f) => f.endsWith(".ipynb"))
  .sort();

/** Text that must never reach a committed output (absolute paths, dependency chatter). */
const FORBIDDEN: [RegExp, string][] = [
  [/\/(work|home|root|tmp|Users)\/[\w.-]+\//, "an absolute machine path"],
  [/[A-Z]:\\\\Users\\\\/, "a Windows user path"],
  [/TensorFlow\.js in Node\.js|tfjs-node/, "TensorFlow.js's Node advice"],
  [/WebAssembly\.instantiateStreaming|wasm streaming/i, "a WASM streaming warning"],
  [/\((?:node:\d+)\) \w*Warning|DeprecationWarning|ExperimentalWarning/, "a Node.js warning"],
  [/UncaughtException|UnhandledPromiseRejection/, "an uncaught error report"],
];

test("there are notebooks to check", () => {
  assert.ok(files.includes("00-getting-started.ipynb"));
});

for (const f of files) {
  test(`${f}: under 2 MB, canonical, executed, no volatile metadata`, () => {
    const path = join(DIR, f);
    assert.ok(statSync(path).size < 2 * 1024 * 1024, `${f} is ${statSync(path).size} bytes`);
    const text = readFileSync(path, "utf8");
    const nb = parseNotebook(text, f);
    assert.equal(serializeNotebook(nb), text, "stored as Jupyter's writer stores it");
    for (const [i, c] of nb.cells.entries()) {
      assert.equal(c.metadata.execution, undefined, `cell ${i + 1} carries execution timings`);
      if (c.cell_type === "code") {
        assert.equal(typeof c.execution_count, "number", `code cell ${i + 1} was not executed`);
        assert.ok(!(c.metadata.tags ?? []).includes("injected-parameters"), "no injected parameter cell is committed");
      }
    }
  });
  test(`${f}: outputs free of machine paths and dependency noise`, () => {
    const nb = parseNotebook(readFileSync(join(DIR, f), "utf8"), f);
    nb.cells.forEach((c, i) => {
      if (c.cell_type !== "code") return;
      const out = outputsText(c.outputs, c.execution_count);
      for (const [re, what] of FORBIDDEN) assert.ok(!re.test(out), `cell ${i + 1} output contains ${what}`);
      assert.ok(!c.outputs.some((o) => o.output_type === "error"), `cell ${i + 1} has an error output`);
    });
  });
}
