/**
 * Export of an executed notebook to one self-contained HTML file that renders offline:
 * - markdown cells through `marked`, with TeX math (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`) rendered by
 *   KaTeX (npm `katex`) at export time; its stylesheet and woff2 fonts are inlined, only on pages
 *   that have math;
 * - code cells with their `In [n]` prompt and TypeScript highlighting (TypeScript's own scanner,
 *   see lib/notebook/highlight.ts);
 * - each output by the richest MIME type we can show — plotly figures
 *   (`application/vnd.plotly.v1+json`) drawn by minified plotly.js inlined once per page (the
 *   cartesian build when every trace is cartesian, the full build otherwise; npm packages, no
 *   CDN), then `text/html`, images, `text/markdown`, and `text/plain`. The plotly.js loader output
 *   that `plot()` leaves in a notebook is skipped (the page has its own copy). Streams and errors
 *   are preformatted;
 * - the page never gets wider than the window: wide tables, long lines and display math scroll
 *   inside their own box.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import katex from "katex";
import { Marked, type TokenizerAndRendererExtension } from "marked";
import { type Figure, type PlotlyBuild, plotlyBuildFor, plotlySource } from "./display";
import { highlightTypeScript } from "./highlight";
import type { Cell, MimeBundle, Notebook, Output } from "./ipynb";
import { escapeHtml } from "./table-format";

const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** The output `plot()` sends once per kernel session to bring plotly.js into a notebook page. */
export const isPlotlyLoader = (data: MimeBundle): boolean =>
  typeof data["text/html"] === "string" &&
  /^<script type="text\/javascript">\n\/\* plotly\.js \S+, \w+ build/.test(data["text/html"] as string);

/** Inline JSON safely inside a <script> element. */
const scriptJson = (v: unknown): string =>
  JSON.stringify(v)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");

// ---------- math ----------

interface MathToken {
  type: "math";
  raw: string;
  text: string;
  display: boolean;
}

let mathCount = 0;

function renderTex(tex: string, display: boolean): string {
  mathCount++;
  return katex.renderToString(tex, { displayMode: display, throwOnError: false, output: "htmlAndMathml" });
}

/** `$$…$$` / `\[…\]` paragraphs. */
const blockMath: TokenizerAndRendererExtension = {
  name: "math",
  level: "block",
  start: (src) => src.match(/\$\$|\\\[/)?.index,
  tokenizer(src) {
    const m = /^(?:\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\])[ \t]*(?:\n|$)/.exec(src);
    if (m) return { type: "math", raw: m[0], text: (m[1] ?? m[2]).trim(), display: true } as MathToken;
    return undefined;
  },
  renderer: (t) => `<div class="math-display">${renderTex((t as MathToken).text, true)}</div>\n`,
};

/**
 * Inline math as Jupyter reads it: `$…$` where the opening `$` is not followed by a space and the
 * closing one is neither preceded by a space nor followed by a digit (so "$5 and $6" stays text),
 * `$$…$$` and `\[…\]` inside a paragraph (display), and `\(…\)`.
 */
const inlineMath: TokenizerAndRendererExtension = {
  name: "inlineMath",
  level: "inline",
  start: (src) => src.match(/\$|\\[([]/)?.index,
  tokenizer(src) {
    let m = /^\$\$([\s\S]+?)\$\$/.exec(src) ?? /^\\\[([\s\S]+?)\\\]/.exec(src);
    if (m) return { type: "inlineMath", raw: m[0], text: m[1].trim(), display: true };
    m = /^\$(?![\s$])((?:\\.|[^\\$])+?)(?<!\s)\$(?!\d)/.exec(src) ?? /^\\\(([\s\S]+?)\\\)/.exec(src);
    if (m) return { type: "inlineMath", raw: m[0], text: m[1], display: false };
    return undefined;
  },
  renderer: (t) => renderTex((t as unknown as MathToken).text, (t as unknown as MathToken).display),
};

const md = new Marked({ extensions: [blockMath, inlineMath] });
const markdownHtml = (s: string): string => md.parse(s, { async: false }) as string;

/** KaTeX's stylesheet with its woff2 fonts inlined (the woff/ttf fallbacks dropped). */
function katexCss(): string {
  const cssPath = require.resolve("katex/dist/katex.min.css");
  const dir = dirname(cssPath);
  return readFileSync(cssPath, "utf8").replace(/src:url\((fonts\/[^)]+\.woff2)\) format\("woff2"\)[^;}]*/g, (_, f) => {
    const b64 = readFileSync(join(dir, f)).toString("base64");
    return `src:url(data:font/woff2;base64,${b64}) format("woff2")`;
  });
}

// ---------- cells ----------

function renderBundle(data: MimeBundle, figId: () => string, figs: Figure[]): string {
  if (data[PLOTLY_MIME] !== undefined) {
    const id = figId();
    const fig = data[PLOTLY_MIME] as Figure;
    figs.push(fig);
    return [
      `<div class="plotly-figure" id="${id}"></div>`,
      `<script>Plotly.newPlot(${JSON.stringify(id)}, ${scriptJson(fig.data ?? [])}, ${scriptJson(fig.layout ?? {})}, ${scriptJson({ responsive: true, ...(fig.config as object) })});</script>`,
    ].join("\n");
  }
  if (isPlotlyLoader(data)) return "";
  if (typeof data["text/html"] === "string") return `<div class="output-html">${data["text/html"]}</div>`;
  if (typeof data["image/svg+xml"] === "string") return `<div class="output-svg">${data["image/svg+xml"]}</div>`;
  for (const img of ["image/png", "image/jpeg", "image/gif"]) {
    if (typeof data[img] === "string") return `<img src="data:${img};base64,${(data[img] as string).trim()}">`;
  }
  if (typeof data["text/markdown"] === "string")
    return `<div class="output-md">${markdownHtml(data["text/markdown"] as string)}</div>`;
  if (typeof data["text/plain"] === "string")
    return `<pre class="output-text">${escapeHtml(data["text/plain"] as string)}</pre>`;
  return "";
}

function renderOutput(o: Output, figId: () => string, figs: Figure[]): string {
  switch (o.output_type) {
    case "stream":
      return `<pre class="stream ${o.name}">${escapeHtml(o.text)}</pre>`;
    case "error":
      return `<pre class="error">${escapeHtml(`${o.ename}: ${o.evalue}\n${o.traceback.join("\n")}`)}</pre>`;
    default:
      return renderBundle(o.data, figId, figs);
  }
}

function renderCell(c: Cell, figId: () => string, figs: Figure[]): string {
  if (c.cell_type === "markdown") return `<section class="cell markdown">${markdownHtml(c.source)}</section>`;
  if (c.cell_type !== "code") return `<section class="cell raw"><pre>${escapeHtml(c.source)}</pre></section>`;
  const tags = (c.metadata.tags ?? []).filter((t) => /^In\[\d+\]$/.test(t));
  const prompt = `In [${c.execution_count ?? " "}]${tags.length ? ` · article ${tags.join(", ")}` : ""}`;
  const outputs = c.outputs.map((o) => renderOutput(o, figId, figs)).filter((h) => h !== "");
  return [
    '<section class="cell code">',
    `<div class="prompt">${escapeHtml(prompt)}</div>`,
    `<pre class="input"><code class="language-typescript">${highlightTypeScript(c.source)}</code></pre>`,
    ...outputs.map((h) => `<div class="output">${h}</div>`),
    "</section>",
  ].join("\n");
}

const CSS = `
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; }
.cell { margin: 1.2em 0; min-width: 0; }
.prompt { color: #888; font: 12px monospace; }
pre.input { background: #f6f8fa; border: 1px solid #e1e4e8; padding: .6em; overflow-x: auto; }
pre.stream, pre.output-text { margin: .3em 0; overflow-x: auto; }
pre.stderr { background: #fff5f5; }
pre.error { background: #fdd; padding: .5em; overflow-x: auto; }
.output { max-width: 100%; overflow-x: auto; }
.output-html, .output-md, .markdown { max-width: 100%; overflow-x: auto; }
.markdown table { display: block; max-width: 100%; overflow-x: auto; border-collapse: collapse; }
.markdown td, .markdown th { border: 1px solid #ccc; padding: 2px 6px; }
.math-display, .katex-display { max-width: 100%; overflow-x: auto; overflow-y: hidden; }
table.dataframe { border-collapse: collapse; font-size: 13px; }
table.dataframe td, table.dataframe th { border: 1px solid #ccc; padding: 2px 6px; text-align: right; white-space: nowrap; }
.plotly-figure { width: 100%; min-height: 420px; }
.tok-kw { color: #cf222e; } .tok-str { color: #0a3069; } .tok-num { color: #0550ae; }
.tok-com { color: #6e7781; font-style: italic; } .tok-re { color: #116329; } .tok-type { color: #8250df; }
`;

/**
 * Render a notebook as a standalone HTML document. `plotlySourceOverride` replaces plotly.js
 * (tests); by default the minified build the page's figures need is inlined.
 */
export function notebookToHtml(nb: Notebook, title: string, plotlySourceOverride?: string): string {
  let n = 0;
  const figId = () => `plotly-figure-${++n}`;
  const figs: Figure[] = [];
  mathCount = 0;
  const body = nb.cells.map((c) => renderCell(c, figId, figs)).join("\n");
  const hasMath = mathCount > 0;
  let plotly = "";
  if (figs.length) {
    const build: PlotlyBuild = plotlyBuildFor(figs);
    plotly = plotlySourceOverride ?? plotlySource(build);
  }
  return [
    "<!DOCTYPE html>",
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${CSS}</style>`,
    hasMath ? `<style>${katexCss()}</style>` : "",
    // plotly.js must exist before the figure scripts run, so it goes in <head>, once.
    figs.length ? `<script>${plotly.replace(/<\/script/gi, "<\\/script")}</script>` : "",
    "</head><body>",
    body,
    "</body></html>",
    "",
  ].join("\n");
}
