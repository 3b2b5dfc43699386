/**
 * `npm run notebooks:html`: the exported page opens offline in headless Chromium with no console
 * error and the plotly chart drawn as SVG. Needs Debian's `chromium` (installed by .ci/run); on a
 * machine without it the browser test is reported as skipped, with the reason.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { notebookToHtml } from "../../lib/notebook/html-export";
import { readNotebook } from "../../lib/notebook/ipynb";

const ROOT = join(__dirname, "..", "..");
const tmp = mkdtempSync(join(tmpdir(), "html-test-"));
after(() => rmSync(tmp, { recursive: true, force: true }));
const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));

test("export: escapes code, inlines plotly.js once, draws figures from the plotly MIME data", () => {
  const nb = readNotebook(join(ROOT, "notebooks", "00-getting-started.ipynb"));
  const html = notebookToHtml(nb, "00-getting-started", "/*plotly*/");
  assert.equal(html.split("/*plotly*/").length - 1, 1);
  assert.match(html, /Plotly\.newPlot\("plotly-figure-1"/);
  assert.ok(html.includes("&lt;b&gt;not bold&lt;/b&gt;"), "table cells stay escaped");
  assert.ok(!html.includes("http://") && !html.includes("https://cdn"), "no network resources");
});

test("export: the page renders in headless Chromium without console errors, chart SVG present", {
  skip: CHROMIUM ? false : "Debian package chromium is not installed",
}, () => {
  const out = join(tmp, "html");
  const r = spawnSync(
    join(ROOT, "node_modules", ".bin", "tsx"),
    [join(ROOT, "lib", "cli", "export-html.ts"), "--out", out, join(ROOT, "notebooks", "00-getting-started.ipynb")],
    { encoding: "utf8" },
  );
  assert.equal(r.status, 0, r.stderr);
  // Observe errors: a copy of the page with a recorder placed before every other script.
  const page = readFileSync(join(out, "00-getting-started.html"), "utf8");
  const recorder =
    "<script>window.__errors=[];window.addEventListener('error',function(e){window.__errors.push(String(e.message))});" +
    "var __ce=console.error;console.error=function(){window.__errors.push(Array.from(arguments).join(' '));__ce.apply(console,arguments)};" +
    "window.addEventListener('load',function(){setTimeout(function(){document.body.setAttribute('data-errors',JSON.stringify(window.__errors));document.body.setAttribute('data-svg',String(document.querySelectorAll('.plotly-figure svg.main-svg').length));},500)});</script>";
  const probe = join(out, "probe.html");
  writeFileSync(probe, page.replace("<head>", `<head>${recorder}`));
  const c = spawnSync(
    CHROMIUM as string,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      `--user-data-dir=${join(tmp, "profile")}`,
      "--virtual-time-budget=5000",
      "--dump-dom",
      `file://${probe}`,
    ],
    { encoding: "utf8", timeout: 90_000, maxBuffer: 64 * 1024 * 1024 },
  );
  assert.equal(c.status, 0, c.stderr);
  const errors = /data-errors="([^"]*)"/.exec(c.stdout);
  const svg = /data-svg="(\d+)"/.exec(c.stdout);
  assert.ok(errors && svg, "the page's load handler ran");
  assert.equal(errors[1].replace(/&quot;/g, '"'), "[]", "no console errors");
  assert.ok(Number(svg[1]) >= 1, "plotly drew the chart as SVG");
});
