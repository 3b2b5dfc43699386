/**
 * Rich display for the notebooks: tables like pandas, plotly figures that draw in every frontend.
 *
 * `show(x)` and `plot(fig)` build a Jupyter MIME bundle and hand it to the tslab kernel (one
 * `display_data` message with every MIME type of the bundle — tslab's public `display` API sends
 * one type per message, so we call its underlying writer). Outside a kernel (tests, the CLI) they
 * print the `text/plain` member and return the bundle, so the same code runs everywhere.
 */
import { readFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { Marked } from "marked";
import { figureSvg } from "./figure-svg";
import type { MimeBundle } from "./ipynb";
import { type Cell, escapeHtml, type FormatOptions, type TableData, tableHtml, tableText } from "./table-format";

/**
 * Anything `show` can render: column-major `TableData`, an array of row objects (any object type,
 * readonly ones included, so lib results show as they are: columns are the union of their keys in
 * first-seen order), an object of columns, or a danfojs frame / series.
 */
export type Tabular = TableData | readonly object[] | Record<string, readonly unknown[] | Float64Array> | DanfoLike;

/** The part of a danfojs DataFrame / Series that `show` reads. */
export interface DanfoLike {
  columns?: string[];
  index: (string | number)[];
  values: unknown[];
  shape?: number[];
  name?: string;
  dtypes?: string[] | string;
}

export interface ShowOptions extends FormatOptions {
  /** Use this column as the index (removed from the columns). */
  index?: string;
  /** Name shown on the index header line (pandas' `index.name`). */
  indexName?: string;
  /** A caption printed above the table. */
  title?: string;
}

const isDanfo = (x: unknown): x is DanfoLike =>
  typeof x === "object" && x !== null && "index" in x && "values" in x && ("shape" in x || "$data" in x);

/** Normalise any supported input into column-major `TableData`. */
export function toTable(x: Tabular, opts: ShowOptions = {}): TableData {
  let t: TableData;
  if (isDanfo(x)) {
    // danfojs reports missing numbers as null in `.values`: turn them back into NaN, and map its
    // dtypes onto pandas' (float32/float64 → float, int32 → int, string → object).
    const dt = (d: string | undefined) =>
      d === undefined ? undefined : d.startsWith("float") ? "float" : d.startsWith("int") ? "int" : "object";
    const dtypes = (Array.isArray(x.dtypes) ? x.dtypes : x.dtypes ? [x.dtypes] : []).map(dt);
    const fix = (v: unknown, j: number): Cell => (v === null && dtypes[j] !== "object" ? Number.NaN : (v as Cell));
    const cols = x.columns;
    if (cols) {
      const rows = x.values as unknown[][];
      t = { columns: [...cols], index: [...x.index], data: cols.map((_, j) => rows.map((r) => fix(r[j], j))), dtypes };
    } else {
      t = {
        columns: [x.name ?? "0"],
        index: [...x.index],
        data: [(x.values as unknown[]).map((v) => fix(v, 0))],
        dtypes,
      };
    }
  } else if (Array.isArray(x)) {
    const recs = x as readonly Record<string, unknown>[];
    const columns: string[] = [];
    for (const r of recs) for (const k of Object.keys(r)) if (!columns.includes(k)) columns.push(k);
    t = {
      columns,
      index: recs.map((_, i) => i),
      data: columns.map((c) => recs.map((r) => (c in r ? (r[c] as Cell) : Number.NaN))),
    };
  } else if ("columns" in x && "data" in x && "index" in x && Array.isArray((x as TableData).data)) {
    t = x as TableData;
  } else {
    const obj = x as Record<string, readonly unknown[] | Float64Array>;
    const columns = Object.keys(obj);
    const n = columns.length ? obj[columns[0]].length : 0;
    for (const c of columns) {
      if (obj[c].length !== n) throw new Error(`show: column "${c}" has ${obj[c].length} values, expected ${n}`);
    }
    t = {
      columns,
      index: Array.from({ length: n }, (_, i) => i),
      data: columns.map((c) => Array.from(obj[c]) as Cell[]),
    };
  }
  if (opts.index !== undefined) {
    const j = t.columns.indexOf(opts.index);
    if (j < 0)
      throw new Error(`show: no column "${opts.index}" to use as the index (columns: ${t.columns.join(", ")})`);
    t = {
      columns: t.columns.filter((_, k) => k !== j),
      data: t.data.filter((_, k) => k !== j),
      index: t.data[j].map((v) => (typeof v === "number" ? v : String(v))),
      indexName: opts.indexName ?? opts.index,
    };
  } else if (opts.indexName) t = { ...t, indexName: opts.indexName };
  return t;
}

/** The MIME bundle of a table: pandas-like `text/html` and `text/plain`. */
export function tableBundle(x: Tabular, opts: ShowOptions = {}): MimeBundle {
  const t = toTable(x, opts);
  const title = opts.title ? `<p><b>${escapeHtml(opts.title)}</b></p>\n` : "";
  return {
    "text/html": title + tableHtml(t, opts),
    "text/plain": (opts.title ? `${opts.title}\n` : "") + tableText(t, opts),
  };
}

type Writer = (
  msg: { data: MimeBundle; metadata: Record<string, unknown>; transient: Record<string, unknown> },
  update: boolean,
) => void;

function kernelWriter(): Writer | undefined {
  try {
    // tslab keeps the writer of the running cell here (set for every execute_request).
    const j = require("tslab/dist/jupyter") as { lastWriteDisplayData?: Writer };
    return j.lastWriteDisplayData ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Display a MIME bundle in the notebook (or print its text/plain outside a kernel). Returns
 * nothing, so that a cell ending in `show(...)` does not also print the bundle as its value.
 */
export function displayBundle(bundle: MimeBundle): void {
  const w = kernelWriter();
  if (w) w({ data: bundle, metadata: {}, transient: {} }, false);
  else if (typeof bundle["text/plain"] === "string") console.log(bundle["text/plain"]);
}

/** Show a table like pandas does in a notebook (`tableBundle` gives the bundle itself). */
export function show(x: Tabular, opts: ShowOptions = {}): void {
  displayBundle(tableBundle(x, opts));
}

/** Show markdown text (rendered by Jupyter) with a plain-text twin. */
export function markdown(text: string): void {
  displayBundle(markdownBundle(text));
}

const markdownRenderer = new Marked({ gfm: true, async: false });

/**
 * The MIME bundle of `markdown(text)`: `text/markdown` for frontends that render it, `text/html`
 * (the same text rendered by `marked`, GFM) because classic Notebook ignores `text/markdown` in an
 * untrusted notebook but shows sanitised HTML, and `text/plain`.
 */
export function markdownBundle(text: string): MimeBundle {
  return {
    "text/html": markdownRenderer.parse(text) as string,
    "text/markdown": text,
    "text/plain": text,
  };
}

/** A plotly figure: traces and layout, as plotly.js takes them. */
export interface Figure {
  data: Record<string, unknown>[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

/** FNV-1a hash, for stable element ids (never random: outputs must be reproducible). */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/** Round numbers in figure data to 10 significant digits (smaller files, stable text). */
function roundFigure(v: unknown): unknown {
  if (typeof v === "number") return Number.isFinite(v) ? Number(v.toPrecision(10)) : null;
  if (Array.isArray(v) || ArrayBuffer.isView(v)) return Array.from(v as ArrayLike<unknown>, roundFigure);
  if (v !== null && typeof v === "object") {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = roundFigure(x);
    return o;
  }
  return v;
}

function figureTitle(fig: Figure): string {
  const t = fig.layout?.title;
  if (typeof t === "string") return t;
  if (t && typeof t === "object" && typeof (t as { text?: unknown }).text === "string")
    return (t as { text: string }).text;
  return "figure";
}

/** Trace types of plotly's cartesian bundle (`plotly.js-cartesian-dist-min`, 1.5 MB). */
const CARTESIAN_TRACES = new Set([
  "bar",
  "box",
  "contour",
  "heatmap",
  "histogram",
  "histogram2d",
  "histogram2dcontour",
  "image",
  "pie",
  "scatter",
  "scatterternary",
  "violin",
]);

/** Which plotly.js build draws a figure: the cartesian one, or the full one (maps, 3-D, gl…). */
export type PlotlyBuild = "cartesian" | "full";

export function plotlyBuildFor(figs: readonly { data?: readonly Record<string, unknown>[] }[]): PlotlyBuild {
  const all = figs.flatMap((f) => f.data ?? []);
  return all.every((t) => CARTESIAN_TRACES.has(String(t.type ?? "scatter"))) ? "cartesian" : "full";
}

/** The minified plotly.js of a build, from the npm packages (never a CDN). */
export function plotlySource(build: PlotlyBuild): string {
  const file =
    build === "cartesian"
      ? require.resolve("plotly.js-cartesian-dist-min")
      : require.resolve("plotly.js-dist-min/plotly.min.js");
  return readFileSync(file, "utf8");
}

function plotlyVersion(src: string): string {
  return /plotly\.js[^\n]*? v(\d+\.\d+\.\d+)/.exec(src.slice(0, 300))?.[1] ?? "unknown";
}

const loaderCache = new Map<PlotlyBuild, MimeBundle>();

/**
 * The output that brings plotly.js into a notebook page, once per notebook (the way plotly's own
 * notebook renderer does it): a `text/html` script that defines `window.Plotly` (and the
 * require.js module "plotly" where the page has require.js, as classic Notebook does) and then
 * draws every figure that was waiting for it. The minified build travels deflated and
 * base64-encoded (1.5 MB → ~0.6 MB for the cartesian build) and is inflated by the browser's
 * `DecompressionStream`; it runs with `define`/`module` hidden, so require.js never sees an
 * anonymous module. Where none of this can run, each figure keeps its static SVG.
 */
export function plotlyLoaderBundle(build: PlotlyBuild = "cartesian"): MimeBundle {
  const hit = loaderCache.get(build);
  if (hit) return hit;
  const src = plotlySource(build);
  const version = plotlyVersion(src);
  const b64 = deflateSync(Buffer.from(src, "utf8"), { level: 9 }).toString("base64");
  const js = [
    `/* plotly.js ${version}, ${build} build (MIT licence, npm plotly.js-${build === "cartesian" ? "cartesian-" : ""}dist-min), deflated, base64 */`,
    "(function(){var w=window,want=" + JSON.stringify(build) + ",rank={cartesian:1,full:2};",
    "var st=w.__nbPlotly=w.__nbPlotly||{queue:[],have:null,loading:null};",
    "function flush(){var q=st.queue;st.queue=[];q.forEach(function(e){if(rank[st.have]>=rank[e[0]]){try{e[1](w.Plotly)}catch(x){console.error(x)}}else st.queue.push(e)})}",
    "if((st.have&&rank[st.have]>=rank[want])||(st.loading&&rank[st.loading]>=rank[want])){if(st.have)flush();return}",
    'if(typeof DecompressionStream==="undefined"||typeof Response==="undefined")return;',
    "st.loading=want;",
    `var b=atob("${b64}"),u=new Uint8Array(b.length);for(var i=0;i<b.length;i++)u[i]=b.charCodeAt(i);`,
    'new Response(new Blob([u]).stream().pipeThrough(new DecompressionStream("deflate"))).text().then(function(t){',
    'var s=document.createElement("script");s.text="(function(define,module,exports){"+t+"\\n}).call(window);";',
    "document.head.appendChild(s);",
    'if(typeof w.define==="function"&&w.define.amd&&w.require&&w.require.undef){w.require.undef("plotly");w.define("plotly",[],function(){return w.Plotly})}',
    "st.have=want;st.loading=null;flush()",
    '}).catch(function(x){st.loading=null;console.error("plotly.js could not be loaded",x)})})();',
  ].join("\n");
  const bundle: MimeBundle = {
    "text/html": `<script type="text/javascript">\n${js}\n</script>`,
    "text/plain": `plotly.js ${version} (${build} build) for the interactive charts of this notebook`,
  };
  loaderCache.set(build, bundle);
  return bundle;
}

export interface FigureBundleOptions {
  /** A number that makes the element id unique when the same figure is shown twice. */
  seq?: number;
}

/**
 * The MIME bundle of a plotly figure:
 * - `application/vnd.plotly.v1+json`: rendered natively by VS Code, JupyterLab / Notebook 7 with
 *   the plotly extension, and our HTML export;
 * - `text/html` (classic Notebook, JupyterLab without the extension, nbconvert's HTML, GitHub and
 *   nbviewer): a `div.plotly-fallback` holding the static SVG, and a script that draws the
 *   interactive chart into the div once plotly.js is on the page (see {@link plotlyLoaderBundle};
 *   `plot()` sends the loader before the first figure of a kernel session). After drawing, the div
 *   has plotly's class `js-plotly-plot`, its `svg.main-svg` and `data-plotly-drawn="1"`;
 * - `image/svg+xml`: the same static SVG (lib/notebook/figure-svg.ts), for viewers that prefer
 *   images and run no script;
 * - `text/plain`: title and trace summary, for terminals and diffs.
 */
export function figureBundle(fig: Figure, opts: FigureBundleOptions = {}): MimeBundle {
  const clean = roundFigure({ data: fig.data, layout: fig.layout ?? {}, config: fig.config ?? {} }) as Figure;
  const json = JSON.stringify(clean);
  const id = `fig-${fnv1a(json)}${opts.seq ? `-${opts.seq}` : ""}`;
  const title = figureTitle(fig);
  const traces = clean.data.map((d, i) => {
    const n = Array.isArray(d.y) ? d.y.length : Array.isArray(d.x) ? d.x.length : 0;
    return `  trace ${i}: ${String(d.type ?? "scatter")} "${String(d.name ?? "")}" (${n} points)`;
  });
  const svg = figureSvg(clean, { idPrefix: id });
  const safeJson = json
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
  const build = plotlyBuildFor([clean]);
  const html = [
    `<div id="${id}" class="plotly-fallback" title="${escapeHtml(title)}">`,
    // the static SVG as an image: it survives the sanitiser of untrusted notebooks (which strips
    // inline <svg> and every script) and every viewer that runs no script
    `<img class="nb-static-figure" alt="${escapeHtml(title)}" src="data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}">`,
    "</div>",
    `<script type="text/javascript">(function(){var f=${safeJson};var id="${id}",need="${build}",w=window;`,
    'function go(P){var el=document.getElementById(id);if(!el||!P||el.getAttribute("data-plotly-drawn"))return;el.innerHTML="";',
    'P.newPlot(el,f.data,f.layout,f.config).then(function(){el.setAttribute("data-plotly-drawn","1")})}',
    "var st=w.__nbPlotly=w.__nbPlotly||{queue:[],have:null,loading:null},rank={cartesian:1,full:2};",
    "if(st.have&&rank[st.have]>=rank[need])go(w.Plotly);",
    'else if(!st.have&&!st.loading&&w.Plotly&&typeof w.Plotly.newPlot==="function")go(w.Plotly);',
    "else st.queue.push([need,go]);})();</script>",
  ].join("\n");
  return {
    "application/vnd.plotly.v1+json": clean,
    "image/svg+xml": svg,
    "text/html": html,
    "text/plain": [`Figure: ${title}`, ...traces].join("\n"),
  };
}

/** plotly.js builds already sent to this kernel's page, and figures shown (for unique ids). */
let loaderSent: PlotlyBuild | undefined;
let figureCount = 0;

/**
 * Display a plotly figure (`figureBundle` gives the bundle itself). In a kernel, the first
 * figure of the session is preceded by the plotly.js loader output (and a figure that needs the
 * full build by the full loader), so a notebook run from the top carries plotly.js exactly once.
 */
export function plot(fig: Figure): void {
  const w = kernelWriter();
  if (w) {
    const need = plotlyBuildFor([fig]);
    if (loaderSent === undefined || (need === "full" && loaderSent === "cartesian")) {
      displayBundle(plotlyLoaderBundle(need));
      loaderSent = need;
    }
  }
  displayBundle(figureBundle(fig, { seq: w ? ++figureCount : undefined }));
}

/** A line of progress in the notebook that updates in place (see {@link progressLine}). */
export interface ProgressLine {
  /** Replace the line's text (live frontends show it at once; nothing is printed outside a kernel). */
  update(text: string): void;
  /** The final text: what a saved or executed notebook keeps, so make it deterministic. */
  done(text: string): void;
}

let progressCount = 0;

/**
 * A progress line for long work in a cell: one `display_data` output with a transient display_id,
 * replaced by `update_display_data` messages (Jupyter's own mechanism; classic Notebook, JupyterLab,
 * VS Code and nbclient replace the output in place, and so does our runner). `update` may carry
 * run-dependent text such as a rate or the time left; the notebook file keeps only the text of the
 * last message, so `done` should say something deterministic ("12 of 12 configurations"). Outside a
 * kernel (tests, the CLI) `update` prints nothing and `done` prints its text.
 */
export function progressLine(initial: string): ProgressLine {
  const w = kernelWriter();
  const displayId = `progress-${process.pid}-${++progressCount}`;
  const send = (text: string, update: boolean) =>
    w?.({ data: { "text/plain": text }, metadata: {}, transient: { display_id: displayId } }, update);
  send(initial, false);
  let finished = false;
  return {
    update: (text) => {
      if (!finished) send(text, true);
    },
    done: (text) => {
      finished = true;
      if (w) send(text, true);
      else console.log(text);
    },
  };
}
