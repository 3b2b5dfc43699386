/**
 * Classic Jupyter Notebook 6 (Debian jupyter-notebook) in headless Chromium, with the project's
 * kernel: every committed notebook opens, the kernel connects, the notebook is not marked
 * "(unsaved changes)", and saving it from the frontend writes exactly the committed bytes.
 * (Whether its figures draw is test/clients/classic-notebook-figures.test.ts.) Skipped, naming
 * the missing Debian package, where Jupyter or Chromium is not installed (.ci/run installs them).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { missing } from "./clients";
import { openAllNotebooks } from "./notebook-session";

const skip = missing("notebook", "client", "chromium");

test("classic Notebook: each notebook opens clean and a save leaves it byte-identical", {
  skip,
  timeout: 600_000,
}, async () => {
  const opened = await openAllNotebooks({ trusted: true, figureWaitMs: 1000 });
  for (const o of opened) console.log(`${o.name}: ${JSON.stringify(o)}`);
  assert.ok(opened.length >= 1, "notebooks were opened");
  assert.deepEqual(
    opened.filter((o) => !o.kernelReady).map((o) => o.name),
    [],
    "the kernel did not connect",
  );
  assert.deepEqual(
    opened.filter((o) => o.dirtyAfterKernel).map((o) => o.name),
    [],
    'marked "(unsaved changes)" once the kernel connected',
  );
  assert.deepEqual(
    opened.filter((o) => !o.savedIdentical).map((o) => `${o.name}: ${o.firstDifference}`),
    [],
    "saving changed the file",
  );
});
