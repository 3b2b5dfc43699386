/**
 * Classic Jupyter Notebook 6 in headless Chromium, notebooks opened untrusted (as a reviewer's
 * fresh clone is: nobody signed them): every `markdown()` output shows rendered, not as raw
 * text. Classic Notebook renders untrusted `text/html` (sanitised) but ignores untrusted
 * `text/markdown`, so the display bundle needs HTML next to its markdown. And every committed
 * figure shows its static image (the sanitiser strips scripts and inline SVG, keeps an `img`
 * with an SVG data URI). Skipped, naming the
 * missing Debian package, where Jupyter or Chromium is not installed (.ci/run installs them).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { missing } from "./clients";
import { openAllNotebooks } from "./notebook-session";

const skip = missing("notebook", "client", "chromium");

test("classic Notebook, untrusted: markdown() outputs show rendered", { skip, timeout: 600_000 }, async () => {
  const opened = await openAllNotebooks({ trusted: false, figureWaitMs: 500 });
  const total = opened.reduce((s, o) => s + o.markdownOutputs, 0);
  const raw = opened.reduce((s, o) => s + o.markdownShownRaw, 0);
  for (const o of opened)
    console.log(`${o.name}: ${o.markdownShownRaw} of ${o.markdownOutputs} markdown outputs shown raw`);
  console.log(`all notebooks: ${raw} of ${total} markdown outputs shown as raw text`);
  assert.ok(total > 0, "the notebooks commit markdown outputs");
  assert.equal(raw, 0, `${raw} of ${total} markdown outputs are shown as raw text`);
  for (const o of opened) {
    console.log(`${o.name}: ${o.staticFigures} of ${o.committedFigures} figures shown as static images (untrusted)`);
    assert.equal(o.staticFigures, o.committedFigures, `${o.name}: static images of the figures`);
  }
});
