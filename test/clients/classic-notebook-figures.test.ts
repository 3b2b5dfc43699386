/**
 * Classic Jupyter Notebook 6 in headless Chromium (offline: the page loads only from the local
 * Notebook server): every committed plotly figure of every notebook draws — counted as
 * `.js-plotly-plot` elements holding plotly's `.main-svg` — when the notebook is opened,
 * trusted, without re-running it. Reports the count per notebook. Skipped, naming the missing
 * Debian package, where Jupyter or Chromium is not installed (.ci/run installs them).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { missing } from "./clients";
import { openAllNotebooks } from "./notebook-session";

const skip = missing("notebook", "client", "chromium");

test("classic Notebook: every committed figure draws", { skip, timeout: 600_000 }, async () => {
  const opened = await openAllNotebooks({ trusted: true, figureWaitMs: 20_000 });
  const drawn = opened.reduce((s, o) => s + o.drawnFigures, 0);
  const committed = opened.reduce((s, o) => s + o.committedFigures, 0);
  for (const o of opened) console.log(`${o.name}: ${o.drawnFigures} of ${o.committedFigures} figures drawn`);
  console.log(`all notebooks: ${drawn} of ${committed} figures drawn`);
  assert.ok(committed > 0, "the notebooks commit figures");
  assert.deepEqual(
    opened
      .filter((o) => o.drawnFigures < o.committedFigures)
      .map((o) => `${o.name}: ${o.drawnFigures} of ${o.committedFigures}`),
    [],
    `figures not drawn (${drawn} of ${committed} drawn)`,
  );
});
