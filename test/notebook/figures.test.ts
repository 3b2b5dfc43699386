/**
 * Figures that draw in every client: the static SVG (lib/notebook/figure-svg.ts), the plotly.js
 * loader that `plot()` sends once per kernel session, the committed notebooks' figure bundles,
 * and — in headless Chromium, when Debian's `chromium` is installed — a page that inserts the
 * committed outputs the way classic Notebook 6 does (markup first, then each script evaluated in
 * order, with a require.js `define` present) and counts the figures plotly.js drew.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { inflateSync } from "node:zlib";
import { figureBundle, plotlyLoaderBundle, plotlySource } from "../../lib/notebook/display";
import { figureSvg } from "../../lib/notebook/figure-svg";
import { readNotebook } from "../../lib/notebook/ipynb";

const ROOT = join(__dirname, "..", "..");
const NB_DIR = join(ROOT, "notebooks");
const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
const REQUIREJS = "/usr/share/javascript/requirejs/require.js"; // Debian libjs-requirejs (jupyter-notebook)
const tmp = mkdtempSync(join(tmpdir(), "figures-test-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Numbers of a path's absolute M/L/H/V commands, as [command, values] pairs. */
const pathCommands = (d: string) =>
  [...d.matchAll(/([MLHVZ])([^MLHVZ]*)/g)].map((m) => [m[1], m[2].split(/[ ,]/).filter(Boolean).map(Number)] as const);

test("figureSvg: a line through known points lands on the plot area's pixels", () => {
  const svg = figureSvg({
    data: [{ type: "scatter", mode: "lines", x: [0, 1, 2], y: [0, 20, 5] }],
    layout: { yaxis: { range: [0, 20] }, xaxis: { range: [0, 2] } },
  });
  // plotly's default 700 × 450 page with margins 80/80/100/80: plot area x 80–620, y 100–370.
  const d = /<g clip-path="url\(#fig-clip\)"><path d="([^"]+)"/.exec(svg)?.[1];
  assert.equal(d, "M80,370L350,100L620,302.5");
});

test("figureSvg: grouped bars have heights in the data's proportions, side by side", () => {
  const svg = figureSvg({
    data: [
      { type: "bar", name: "a", x: ["p", "q"], y: [1, 2] },
      { type: "bar", name: "b", x: ["p", "q"], y: [4, 3] },
    ],
    layout: { barmode: "group", yaxis: { range: [0, 4] } },
  });
  const paths = [...svg.matchAll(/<path d="(M[^"]+Z)" fill="(#[0-9a-f]{6})"\/>/g)];
  assert.equal(paths.length, 2, "one path per trace");
  assert.deepEqual(
    paths.map((p) => p[2]),
    ["#1f77b4", "#ff7f0e"],
    "plotly's colorway",
  );
  const heights = paths.map((p) => {
    const c = pathCommands(p[1]);
    const out: number[] = [];
    for (let i = 0; i < c.length; i++) if (c[i][0] === "M") out.push(Math.abs((c[i + 2][1][0] as number) - c[i][1][1]));
    return out;
  });
  const unit = heights[0][0];
  assert.deepEqual(
    heights.flat().map((h) => Math.round((h / unit) * 10) / 10),
    [1, 2, 4, 3],
  );
  assert.ok(svg.includes(">a</text>") && svg.includes(">b</text>"), "a legend for two traces");
});

test("figureSvg: heatmap cells take the colorscale's ends at zmin and zmax; text is escaped", () => {
  const svg = figureSvg({
    data: [{ type: "heatmap", colorscale: "RdBu", z: [[-1, 1]], x: ["a", "b"], y: ["r"], zmin: -1, zmax: 1 }],
    layout: { title: { text: "<script>x</script> & co" } },
  });
  assert.ok(svg.includes('fill="rgb(5,10,172)"'), "zmin → RdBu's first colour");
  assert.ok(svg.includes('fill="rgb(178,10,28)"'), "zmax → RdBu's last colour");
  assert.ok(!svg.includes("<script"), "title text cannot become markup");
  assert.ok(svg.includes("x &amp; co"));
});

test("figureSvg: stacked areas stack, date axes get year ticks, same figure → same bytes", () => {
  const months = Array.from(
    { length: 60 },
    (_, i) => `${2019 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}-28`,
  );
  const fig = {
    data: [
      { type: "scatter", mode: "lines", stackgroup: "g", x: months, y: months.map(() => 1) },
      { type: "scatter", mode: "lines", stackgroup: "g", x: months, y: months.map(() => 2) },
    ],
    layout: { yaxis: { range: [0, 3] } },
  };
  const svg = figureSvg(fig);
  for (const y of ["2020", "2021", "2022", "2023"]) assert.ok(svg.includes(`>${y}</text>`), `tick ${y}`);
  const lines = [...svg.matchAll(/<path d="([^"]+)" fill="none" stroke="(#[0-9a-f]+)"/g)];
  // y range 0–3 over 270 px: the first trace's top at 1 (y = 280), the second's at 3 (y = 100).
  assert.match(lines[0][1], /^M[\d.]+,280L/);
  assert.match(lines[1][1], /^M[\d.]+,100L/);
  assert.equal(figureSvg(JSON.parse(JSON.stringify(fig))), svg);
});

test("figureSvg: a 1000-point series is thinned without leaving the data's envelope", () => {
  const x = Array.from({ length: 1000 }, (_, i) => i);
  const y = x.map((i) => Math.sin(i / 50));
  const svg = figureSvg({ data: [{ type: "scatter", mode: "lines", x, y }], layout: { yaxis: { range: [-1, 1] } } });
  const d = /<path d="([^"]+)" fill="none"/.exec(svg)?.[1] ?? "";
  const n = (d.match(/[ML]/g) ?? []).length;
  assert.ok(n > 20 && n < 400, `${n} points drawn`);
  const ys = pathCommands(d).map((c) => c[1][1]);
  assert.ok(Math.min(...ys) >= 99.9 && Math.max(...ys) <= 370.1);
});

test("the loader carries the minified cartesian plotly.js, exactly, and plot() bundles keep all four types", () => {
  const html = plotlyLoaderBundle("cartesian")["text/html"] as string;
  const b64 = /atob\("([A-Za-z0-9+/=]+)"\)/.exec(html)?.[1] ?? "";
  const src = inflateSync(Buffer.from(b64, "base64")).toString("utf8");
  assert.equal(src, readFileSync(require.resolve("plotly.js-cartesian-dist-min"), "utf8"));
  assert.equal(src, plotlySource("cartesian"));
  assert.ok(html.length < 800_000, `loader is ${html.length} bytes`);
  const b = figureBundle({ data: [{ type: "scatter", x: [1], y: [2] }] });
  assert.deepEqual(Object.keys(b).sort(), [
    "application/vnd.plotly.v1+json",
    "image/svg+xml",
    "text/html",
    "text/plain",
  ]);
  const dataUri = `data:image/svg+xml;base64,${Buffer.from(b["image/svg+xml"] as string, "utf8").toString("base64")}`;
  assert.ok((b["text/html"] as string).includes(`src="${dataUri}"`), "the fallback shows the static SVG as an image");
});

const notebooks = readdirSync(NB_DIR)
  .filter((f) => f.endsWith(".ipynb"))
  .sort();

interface NbOutputs {
  html: string[];
  svgs: string[];
  figures: number;
}

function outputsOf(file: string): NbOutputs {
  const nb = readNotebook(join(NB_DIR, file));
  const r: NbOutputs = { html: [], svgs: [], figures: 0 };
  for (const c of nb.cells) {
    if (c.cell_type !== "code") continue;
    for (const o of c.outputs) {
      if (o.output_type !== "display_data" && o.output_type !== "execute_result") continue;
      if (o.data["application/vnd.plotly.v1+json"] !== undefined) {
        r.figures++;
        if (typeof o.data["image/svg+xml"] === "string") r.svgs.push(o.data["image/svg+xml"] as string);
      }
      if (typeof o.data["text/html"] === "string") r.html.push(o.data["text/html"] as string);
    }
  }
  return r;
}

for (const f of notebooks) {
  test(`${f}: plotly.js once, before the first figure; every figure has its static SVG`, () => {
    const o = outputsOf(f);
    if (!o.figures) return;
    const loaders = o.html
      .map((h, i) => [h, i] as const)
      .filter(([h]) => h.includes("w.__nbPlotly=w.__nbPlotly") && h.includes("atob("));
    assert.equal(loaders.length, 1, "one plotly.js loader output");
    const firstFigure = o.html.findIndex((h) => h.includes('class="plotly-fallback"'));
    assert.ok(loaders[0][1] < firstFigure, "the loader comes before the first figure");
    assert.equal(o.svgs.length, o.figures, "image/svg+xml in every figure bundle");
    for (const s of o.svgs) assert.match(s, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="nb-static-figure"/);
  });
}

/** Run a page in headless Chromium and return its body attributes once `data-done` is set. */
function runPage(name: string, html: string): Record<string, string> {
  const file = join(tmp, `${name}.html`);
  writeFileSync(file, html);
  const c = spawnSync(
    CHROMIUM as string,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--host-resolver-rules=MAP * ~NOTFOUND",
      `--user-data-dir=${join(tmp, `profile-${name}`)}`,
      "--window-size=1000,800",
      "--virtual-time-budget=30000",
      "--dump-dom",
      `file://${file}`,
    ],
    { encoding: "utf8", timeout: 180_000, maxBuffer: 256 * 1024 * 1024 },
  );
  assert.equal(c.status, 0, c.stderr);
  const body = /<body([^>]*)>/.exec(c.stdout)?.[1] ?? "";
  return Object.fromEntries(
    [...body.matchAll(/data-([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2].replace(/&quot;/g, '"')]),
  );
}

const RECORDER = `<script>window.__errors=[];window.addEventListener('error',function(e){window.__errors.push(String(e.message))});
var __ce=console.error;console.error=function(){window.__errors.push(Array.from(arguments).join(' '));__ce.apply(console,arguments)};</script>`;

/** A page that inserts outputs like classic Notebook's OutputArea (jQuery .html() + script eval). */
function classicPage(outputs: string[], requirejs: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8">${RECORDER}<script>${requirejs}</script></head><body><div id="nb"></div>
<script>var outs=${JSON.stringify(outputs).replace(/</g, "\\u003c")};
outs.forEach(function(h){var d=document.createElement('div');d.className='output_html rendered_html';d.innerHTML=h;
document.getElementById('nb').appendChild(d);d.querySelectorAll('script').forEach(function(s){var x=document.createElement('script');x.text=s.text;document.head.appendChild(x);});});
setTimeout(function(){var b=document.body;b.setAttribute('data-errors',JSON.stringify(window.__errors));
b.setAttribute('data-drawn',String(document.querySelectorAll('div.plotly-fallback.js-plotly-plot[data-plotly-drawn] svg.main-svg:first-of-type').length));
b.setAttribute('data-figs',String(document.querySelectorAll('div.plotly-fallback').length));
require(['plotly'],function(P){b.setAttribute('data-amd',String(!!P&&P===window.Plotly));b.setAttribute('data-done','1');});},8000);</script></body></html>`;
}

const browserSkip = !CHROMIUM
  ? "skipped: Debian package chromium is not installed"
  : !existsSync(REQUIREJS)
    ? `skipped: ${REQUIREJS} (Debian libjs-requirejs, brought by jupyter-notebook) is not installed`
    : false;

test("classic Notebook-style page: every committed figure of every notebook draws offline", {
  skip: browserSkip,
}, () => {
  const requirejs = readFileSync(REQUIREJS, "utf8");
  let total = 0;
  for (const f of notebooks) {
    const o = outputsOf(f);
    if (!o.figures) continue;
    total += o.figures;
    const r = runPage(`classic-${f}`, classicPage(o.html, requirejs));
    assert.equal(r.done, "1", `${f}: the page finished`);
    assert.equal(r.errors, "[]", `${f}: no errors`);
    assert.equal(Number(r.figs), o.figures, `${f}: every figure's fallback is on the page`);
    assert.equal(Number(r.drawn), o.figures, `${f}: plotly.js drew every figure`);
    assert.equal(r.amd, "true", `${f}: require(["plotly"]) gives window.Plotly`);
  }
  assert.ok(total >= 15, `${total} figures`);
});

test("figures inserted before the loader (lazy rendering) still draw", { skip: browserSkip }, () => {
  const requirejs = readFileSync(REQUIREJS, "utf8");
  const o = outputsOf("05-robustness-and-significance.ipynb");
  const loader = o.html.findIndex((h) => h.includes("w.__nbPlotly=w.__nbPlotly") && h.includes("atob("));
  const reordered = [...o.html.filter((_, i) => i !== loader), o.html[loader]];
  const r = runPage("late-loader", classicPage(reordered, requirejs));
  assert.equal(r.errors, "[]");
  assert.equal(Number(r.drawn), o.figures);
});

test("every committed static SVG decodes as an image", {
  skip: CHROMIUM ? false : "skipped: Debian package chromium is not installed",
}, () => {
  const svgs = notebooks.flatMap((f) => outputsOf(f).svgs);
  const imgs = svgs.map((s) => `<img src="data:image/svg+xml;base64,${Buffer.from(s).toString("base64")}">`).join("\n");
  const page = `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${imgs}<script>
window.addEventListener('load',function(){var ok=0,bad=0;document.querySelectorAll('img').forEach(function(i){if(i.complete&&i.naturalWidth===700)ok++;else bad++});
document.body.setAttribute('data-ok',String(ok));document.body.setAttribute('data-bad',String(bad));document.body.setAttribute('data-done','1');});</script></body></html>`;
  const r = runPage("svgs", page);
  assert.equal(r.done, "1");
  assert.equal(Number(r.ok), svgs.length, `${r.bad} of ${svgs.length} SVGs did not decode`);
});
