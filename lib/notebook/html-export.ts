/**
 * Export of an executed notebook to one self-contained HTML file that renders offline:
 * markdown cells through `marked`, code cells with their `In [n]` prompt, and each output by the
 * richest MIME type we can show — plotly figures (`application/vnd.plotly.v1+json`) drawn by
 * plotly.js, which is inlined once per file (from the `plotly.js-dist` package, no CDN), then
 * `text/html`, images, `text/markdown`, and `text/plain`. Streams and errors are preformatted.
 */
import { readFileSync } from "node:fs";
import { marked } from "marked";
import type { Cell, MimeBundle, Notebook, Output } from "./ipynb";
import { escapeHtml } from "./table-format";

const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** Inline JSON safely inside a <script> element. */
const scriptJson = (v: unknown): string =>
  JSON.stringify(v)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");

function renderBundle(data: MimeBundle, figId: () => string): string {
  if (data[PLOTLY_MIME] !== undefined) {
    const id = figId();
    const fig = data[PLOTLY_MIME] as { data?: unknown; layout?: unknown; config?: unknown };
    return [
      `<div class="plotly-figure" id="${id}"></div>`,
      `<script>Plotly.newPlot(${JSON.stringify(id)}, ${scriptJson(fig.data ?? [])}, ${scriptJson(fig.layout ?? {})}, ${scriptJson({ responsive: true, ...(fig.config as object) })});</script>`,
    ].join("\n");
  }
  if (typeof data["text/html"] === "string") return `<div class="output-html">${data["text/html"]}</div>`;
  if (typeof data["image/svg+xml"] === "string") return `<div class="output-svg">${data["image/svg+xml"]}</div>`;
  for (const img of ["image/png", "image/jpeg", "image/gif"]) {
    if (typeof data[img] === "string") return `<img src="data:${img};base64,${(data[img] as string).trim()}">`;
  }
  if (typeof data["text/markdown"] === "string")
    return `<div class="output-md">${marked.parse(data["text/markdown"] as string, { async: false })}</div>`;
  if (typeof data["text/plain"] === "string")
    return `<pre class="output-text">${escapeHtml(data["text/plain"] as string)}</pre>`;
  return "";
}

function renderOutput(o: Output, figId: () => string): string {
  switch (o.output_type) {
    case "stream":
      return `<pre class="stream ${o.name}">${escapeHtml(o.text)}</pre>`;
    case "error":
      return `<pre class="error">${escapeHtml(`${o.ename}: ${o.evalue}\n${o.traceback.join("\n")}`)}</pre>`;
    default:
      return renderBundle(o.data, figId);
  }
}

function renderCell(c: Cell, figId: () => string): string {
  if (c.cell_type === "markdown")
    return `<section class="cell markdown">${marked.parse(c.source, { async: false })}</section>`;
  if (c.cell_type !== "code") return `<section class="cell raw"><pre>${escapeHtml(c.source)}</pre></section>`;
  const tags = (c.metadata.tags ?? []).filter((t) => /^In\[\d+\]$/.test(t));
  const prompt = `In [${c.execution_count ?? " "}]${tags.length ? ` · article ${tags.join(", ")}` : ""}`;
  return [
    '<section class="cell code">',
    `<div class="prompt">${escapeHtml(prompt)}</div>`,
    `<pre class="input"><code>${escapeHtml(c.source)}</code></pre>`,
    ...c.outputs.map((o) => `<div class="output">${renderOutput(o, figId)}</div>`),
    "</section>",
  ].join("\n");
}

const CSS = `
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; }
.cell { margin: 1.2em 0; }
.prompt { color: #888; font: 12px monospace; }
pre.input { background: #f6f8fa; border: 1px solid #e1e4e8; padding: .6em; overflow-x: auto; }
pre.stream, pre.output-text { margin: .3em 0; overflow-x: auto; }
pre.stderr { background: #fff5f5; }
pre.error { background: #fdd; padding: .5em; }
table.dataframe { border-collapse: collapse; font-size: 13px; }
table.dataframe td, table.dataframe th { border: 1px solid #ccc; padding: 2px 6px; text-align: right; }
.plotly-figure { width: 100%; min-height: 420px; }
`;

/** Render a notebook as a standalone HTML document. */
export function notebookToHtml(nb: Notebook, title: string, plotlySource?: string): string {
  let n = 0;
  const figId = () => `plotly-figure-${++n}`;
  const body = nb.cells.map((c) => renderCell(c, figId)).join("\n");
  const needsPlotly = n > 0;
  const plotly = needsPlotly ? (plotlySource ?? readFileSync(require.resolve("plotly.js-dist"), "utf8")) : "";
  return [
    "<!DOCTYPE html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${CSS}</style>`,
    // plotly.js must exist before the figure scripts run, so it goes in <head>, once.
    needsPlotly ? `<script>${plotly.replace(/<\/script/gi, "<\\/script")}</script>` : "",
    "</head><body>",
    body,
    "</body></html>",
    "",
  ].join("\n");
}
