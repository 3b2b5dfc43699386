/**
 * A static SVG drawing of the plotly figures the notebooks make, for viewers that run no script
 * (GitHub, nbviewer, an untrusted notebook, a terminal's image preview): the `image/svg+xml`
 * member of a figure's MIME bundle and the placeholder that plotly.js replaces where it runs.
 *
 * It is not plotly: it draws the subset of plotly's schema that `plot()` figures use, with
 * plotly.js's defaults (700 × 450 px, margins 80/80/100/80, the default colorway, automatic
 * ranges and ticks), so that the picture reads like the interactive chart:
 * - traces `scatter` (modes lines / markers / text, `stackgroup` areas, `line.dash`, marker
 *   size / symbol / color, `textposition`), `bar` (barmode group / stack / relative / overlay),
 *   `histogram` (`nbinsx`, counts) and `heatmap` (named or explicit colorscale, zmin / zmax,
 *   reversescale, cell text from `texttemplate`, a colorbar);
 * - axes `linear`, `log`, `date` (ISO date strings) and `category`, with `range`,
 *   `autorange: "reversed"`, `ticksuffix` and titles;
 * - layout `title`, `legend` (with title; shown for more than one trace unless `showlegend`
 *   says otherwise), `shapes` of type line / rect and text `annotations` (arrows are not drawn).
 * Other trace types are drawn as a note in the plot area. Hover text is ignored. The output is a
 * pure function of the figure (coordinates rounded to 0.1 px), so notebooks stay reproducible.
 */

type Obj = Record<string, unknown>;

/** plotly.js's default colorway. */
const COLORWAY = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
];

/** plotly.js's named colorscales used by our figures (plus the common sequential ones). */
const SCALES: Record<string, [number, string][]> = {
  RdBu: [
    [0, "rgb(5,10,172)"],
    [0.35, "rgb(106,137,247)"],
    [0.5, "rgb(190,190,190)"],
    [0.6, "rgb(220,170,132)"],
    [0.7, "rgb(230,145,90)"],
    [1, "rgb(178,10,28)"],
  ],
  Viridis: [
    [0, "#440154"],
    [0.06274509803921569, "#48186a"],
    [0.12549019607843137, "#472d7b"],
    [0.18823529411764706, "#424086"],
    [0.25098039215686274, "#3b528b"],
    [0.3137254901960784, "#33638d"],
    [0.3764705882352941, "#2c728e"],
    [0.4392156862745098, "#26828e"],
    [0.5019607843137255, "#21918c"],
    [0.5647058823529412, "#1fa088"],
    [0.6274509803921569, "#28ae80"],
    [0.6901960784313725, "#3fbc73"],
    [0.7529411764705882, "#5ec962"],
    [0.8156862745098039, "#84d44b"],
    [0.8784313725490196, "#addc30"],
    [0.9411764705882353, "#d8e219"],
    [1, "#fde725"],
  ],
  Blues: [
    [0, "rgb(5,10,172)"],
    [0.35, "rgb(40,60,190)"],
    [0.5, "rgb(70,100,245)"],
    [0.6, "rgb(90,120,245)"],
    [0.7, "rgb(106,137,247)"],
    [1, "rgb(220,220,220)"],
  ],
  Greys: [
    [0, "rgb(0,0,0)"],
    [1, "rgb(255,255,255)"],
  ],
};

const FONT = "'Open Sans', verdana, arial, sans-serif";
const TEXT = "#444";
const GRID = "#eee";

const esc = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** 0.1 px precision, no "-0", no trailing ".0". */
const r1 = (v: number): string => {
  const x = Math.round(v * 10) / 10;
  return String(Object.is(x, -0) ? 0 : x);
};

/** Plotly's rich text reduced to plain lines: <br> breaks lines, other tags are dropped. */
function plainLines(s: string): string[] {
  return s.split(/<br\s*\/?>/i).map((l) =>
    l
      .replace(/<[^>]*>/g, "")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&"),
  );
}

const textOf = (t: unknown): string => {
  if (typeof t === "string") return t;
  if (t && typeof t === "object" && typeof (t as Obj).text === "string") return (t as Obj).text as string;
  return "";
};

/** Approximate width of a text in px (an average glyph is ~0.6 em in the plotly font). */
const textWidth = (s: string, size: number): number => s.length * size * 0.6;

function text(
  x: number,
  y: number,
  s: string,
  o: { size?: number; anchor?: "start" | "middle" | "end"; fill?: string; rotate?: number; weight?: string } = {},
): string {
  const size = o.size ?? 12;
  const lines = plainLines(s);
  const rot = o.rotate ? ` transform="rotate(${o.rotate} ${r1(x)} ${r1(y)})"` : "";
  const attrs = `font-size="${size}" fill="${o.fill ?? TEXT}"${o.anchor && o.anchor !== "start" ? ` text-anchor="${o.anchor}"` : ""}${o.weight ? ` font-weight="${o.weight}"` : ""}${rot}`;
  if (lines.length === 1) return `<text x="${r1(x)}" y="${r1(y)}" ${attrs}>${esc(lines[0])}</text>`;
  const top = y - ((lines.length - 1) * size * 1.3) / 2;
  const spans = lines.map((l, i) => `<tspan x="${r1(x)}" y="${r1(top + i * size * 1.3)}">${esc(l)}</tspan>`).join("");
  return `<text ${attrs}>${spans}</text>`;
}

// ---------- values and axes ----------

const DATE_RE = /^\d{4}-\d{2}(-\d{2})?([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/;
const dateMs = (s: string): number => {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[ T](\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?$/.exec(s);
  if (!m) return Number.NaN;
  return Date.UTC(+m[1], +m[2] - 1, m[3] ? +m[3] : 1, m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0);
};

type AxisType = "linear" | "log" | "date" | "category";

interface Axis {
  type: AxisType;
  categories: string[];
  lo: number;
  hi: number;
  reversed: boolean;
  /** Pixel range: [start, end] of the axis on screen. */
  p0: number;
  p1: number;
  title: string;
  suffix: string;
}

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : ArrayBuffer.isView(v) ? Array.from(v as never) : []);
const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : Number.NaN);

function guessType(values: unknown[], declared: unknown): AxisType {
  if (declared === "linear" || declared === "log" || declared === "date" || declared === "category") return declared;
  const present = values.filter((v) => v !== null && v !== undefined && v !== "");
  if (!present.length) return "linear";
  if (present.every((v) => typeof v === "number")) return "linear";
  if (present.every((v) => typeof v === "string" && DATE_RE.test(v))) return "date";
  if (present.every((v) => typeof v === "number" || (typeof v === "string" && v.trim() !== "" && !Number.isNaN(+v))))
    return "linear";
  return "category";
}

/** Data value → axis coordinate (log10 for log axes, ms for dates, position for categories). */
function coord(ax: Axis, v: unknown): number {
  if (v === null || v === undefined) return Number.NaN;
  switch (ax.type) {
    case "category": {
      const i = ax.categories.indexOf(String(v));
      return i < 0 ? Number.NaN : i;
    }
    case "date":
      return typeof v === "string" ? dateMs(v) : num(v);
    case "log": {
      const x = typeof v === "number" ? v : Number(v);
      return x > 0 ? Math.log10(x) : Number.NaN;
    }
    default:
      return typeof v === "number" ? num(v) : typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
  }
}

const px = (ax: Axis, c: number): number => {
  const [a, b] = ax.reversed ? [ax.hi, ax.lo] : [ax.lo, ax.hi];
  return ax.p0 + ((c - a) / (b - a || 1)) * (ax.p1 - ax.p0);
};

function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

function fmtNum(v: number, step: number): string {
  const d = Math.max(0, Math.min(12, -Math.floor(Math.log10(step) + 1e-9)));
  if (Math.abs(v) >= 1e4 && step >= 1000) {
    const units: [number, string][] = [
      [1e12, "T"],
      [1e9, "B"],
      [1e6, "M"],
      [1e3, "k"],
    ];
    for (const [u, s] of units) if (Math.abs(v) >= u) return `${Number((v / u).toPrecision(6))}${s}`;
  }
  const s = v.toFixed(d);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s.replace("-", "−");
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

interface Tick {
  c: number;
  label: string;
}

function ticks(ax: Axis, approx: number): Tick[] {
  const out: Tick[] = [];
  const { lo, hi } = ax;
  if (ax.type === "category") {
    const every = Math.max(1, Math.ceil(ax.categories.length / Math.max(1, approx * 2)));
    ax.categories.forEach((c, i) => {
      if (i % every === 0) out.push({ c: i, label: c });
    });
    return out;
  }
  if (ax.type === "date") {
    const d0 = new Date(lo);
    const span = (hi - lo) / 86400000;
    const months =
      span > 365 * 12 ? 60 : span > 365 * 6 ? 24 : span > 365 * 2.5 ? 12 : span > 365 ? 6 : span > 180 ? 3 : 1;
    if (span < 45) {
      const step = niceStep(Math.max(1, span / approx)) * 86400000;
      for (let t = Math.ceil(lo / step) * step; t <= hi; t += step) {
        const d = new Date(t);
        out.push({ c: t, label: `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}` });
      }
      return out;
    }
    let y = d0.getUTCFullYear();
    let m = d0.getUTCMonth();
    // first boundary on the step's grid at or after lo
    let k = y * 12 + m;
    k = Math.ceil(k / months) * months;
    for (;;) {
      y = Math.floor(k / 12);
      m = k % 12;
      const t = Date.UTC(y, m, 1);
      if (t < lo) {
        k += months;
        continue;
      }
      if (t > hi) break;
      out.push({
        c: t,
        label: months >= 12 ? String(y) : m === 0 || out.length === 0 ? `${MONTHS[m]} ${y}` : MONTHS[m],
      });
      k += months;
    }
    return out;
  }
  if (ax.type === "log") {
    const dec = hi - lo;
    const mult = dec > 6 ? [1] : dec > 2 ? [1, 2, 5] : [1, 2, 3, 4, 5, 6, 7, 8, 9];
    for (let e = Math.floor(lo); e <= Math.ceil(hi); e++) {
      for (const m of mult) {
        const c = e + Math.log10(m);
        if (c < lo - 1e-9 || c > hi + 1e-9) continue;
        const v = m * 10 ** e;
        out.push({ c, label: fmtNum(v, 10 ** Math.min(0, e)) });
      }
    }
    if (out.length > approx * 2) return out.filter((t) => Math.abs(t.c - Math.round(t.c)) < 1e-9);
    return out;
  }
  const step = niceStep((hi - lo) / Math.max(1, approx));
  for (let i = Math.ceil(lo / step - 1e-9); i * step <= hi + step * 1e-9; i++) {
    const v = i * step;
    out.push({ c: v, label: fmtNum(v, step) });
  }
  return out;
}

/** Drop ticks that would print closer than `gap` px to the previous kept one. */
function spread(ax: Axis, ts: Tick[], gap: number): Tick[] {
  const out: Tick[] = [];
  let last = Number.NEGATIVE_INFINITY;
  for (const t of ts) {
    const p = px(ax, t.c);
    if (Math.abs(p - last) < gap) continue;
    out.push(t);
    last = p;
  }
  return out;
}

// ---------- traces ----------

function colorscale(spec: unknown): [number, string][] {
  if (typeof spec === "string" && SCALES[spec]) return SCALES[spec];
  if (Array.isArray(spec) && spec.every((s) => Array.isArray(s) && s.length === 2))
    return spec.map((s) => [Number(s[0]), String(s[1])] as [number, string]);
  return SCALES.Viridis;
}

function parseColor(c: string): [number, number, number] {
  const m = /^#([0-9a-f]{6})$/i.exec(c);
  if (m) return [0, 2, 4].map((i) => Number.parseInt(m[1].slice(i, i + 2), 16)) as [number, number, number];
  const r = /rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)/i.exec(c);
  if (r) return [+r[1], +r[2], +r[3]];
  return [128, 128, 128];
}

function scaleColor(scale: [number, string][], t: number): string {
  const x = Math.max(0, Math.min(1, t));
  for (let i = 1; i < scale.length; i++) {
    if (x <= scale[i][0] || i === scale.length - 1) {
      const [a, ca] = scale[i - 1];
      const [b, cb] = scale[i];
      const f = b > a ? (x - a) / (b - a) : 0;
      const p = parseColor(ca);
      const q = parseColor(cb);
      const mix = p.map((v, k) => Math.round(v + (q[k] - v) * f));
      return `rgb(${mix.join(",")})`;
    }
  }
  return scale[0][1];
}

const dashArray = (dash: unknown, w: number): string => {
  if (dash === "dot") return ` stroke-dasharray="${w},${w * 1.5}"`;
  if (dash === "dash") return ` stroke-dasharray="${w * 4},${w * 2}"`;
  if (dash === "longdash") return ` stroke-dasharray="${w * 7},${w * 2}"`;
  if (dash === "dashdot") return ` stroke-dasharray="${w * 4},${w * 2},${w},${w * 2}"`;
  return "";
};

/** Polyline path through points, gaps at NaN, thinned to what 0.1 px can show. */
function pathOf(pts: [number, number][]): string {
  const parts: string[] = [];
  let pen = false;
  let last = "";
  for (const [x, y] of pts) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    const p = `${r1(x)},${r1(y)}`;
    if (pen && p === last) continue;
    parts.push(`${pen ? "L" : "M"}${p}`);
    pen = true;
    last = p;
  }
  return parts.join("");
}

/**
 * Drop the points that a 0.5 px tolerance cannot show (Ramer–Douglas–Peucker on each unbroken
 * run): a weekly series of 20 years draws the same with a fraction of the path text.
 */
function thin(pts: [number, number][], eps = 0.5): [number, number][] {
  const out: [number, number][] = [];
  let run: [number, number][] = [];
  const flush = () => {
    if (run.length <= 2) out.push(...run);
    else {
      const keep = new Uint8Array(run.length);
      keep[0] = keep[run.length - 1] = 1;
      const stack: [number, number][] = [[0, run.length - 1]];
      while (stack.length) {
        const [a, b] = stack.pop() as [number, number];
        const [ax, ay] = run[a];
        const [bx, by] = run[b];
        const dx = bx - ax;
        const dy = by - ay;
        const len = Math.hypot(dx, dy);
        let far = -1;
        let dmax = eps;
        for (let i = a + 1; i < b; i++) {
          const [px0, py0] = run[i];
          const d = len === 0 ? Math.hypot(px0 - ax, py0 - ay) : Math.abs(dy * (px0 - ax) - dx * (py0 - ay)) / len;
          if (d > dmax) {
            dmax = d;
            far = i;
          }
        }
        if (far >= 0) {
          keep[far] = 1;
          stack.push([a, far], [far, b]);
        }
      }
      run.forEach((p, i) => {
        if (keep[i]) out.push(p);
      });
    }
    run = [];
  };
  for (const p of pts) {
    if (Number.isFinite(p[0]) && Number.isFinite(p[1])) run.push(p);
    else {
      flush();
      out.push(p);
    }
  }
  flush();
  return out;
}

function markerPath(symbol: unknown, x: number, y: number, size: number): string {
  const r = size / 2;
  const s = String(symbol ?? "circle").replace(/-open$/, "");
  if (s === "square") return `M${r1(x - r)},${r1(y - r)}h${r1(2 * r)}v${r1(2 * r)}h${r1(-2 * r)}Z`;
  if (s === "diamond")
    return `M${r1(x)},${r1(y - r * 1.3)}L${r1(x + r * 1.3)},${r1(y)}L${r1(x)},${r1(y + r * 1.3)}L${r1(x - r * 1.3)},${r1(y)}Z`;
  if (s === "star") {
    const pts: string[] = [];
    for (let k = 0; k < 10; k++) {
      const a = -Math.PI / 2 + (k * Math.PI) / 5;
      const rr = k % 2 ? r * 0.5 : r * 1.3;
      pts.push(`${r1(x + rr * Math.cos(a))},${r1(y + rr * Math.sin(a))}`);
    }
    return `M${pts.join("L")}Z`;
  }
  if (s.startsWith("triangle"))
    return `M${r1(x)},${r1(y - r * 1.2)}L${r1(x + r * 1.1)},${r1(y + r * 0.8)}L${r1(x - r * 1.1)},${r1(y + r * 0.8)}Z`;
  return `M${r1(x + r)},${r1(y)}A${r1(r)},${r1(r)} 0 1,1 ${r1(x)},${r1(y - r)}A${r1(r)},${r1(r)} 0 0,1 ${r1(x + r)},${r1(y)}Z`;
}

function fmtTemplate(tpl: string, vals: Record<string, unknown>): string {
  return tpl.replace(/%\{(\w+)(?::([^}]*))?\}/g, (_, k: string, f?: string) => {
    const v = vals[k];
    if (typeof v === "number" && f) {
      const m = /^\.(\d+)([fe%])$/.exec(f);
      if (m) {
        const d = +m[1];
        return m[2] === "f" ? v.toFixed(d) : m[2] === "e" ? v.toExponential(d) : `${(v * 100).toFixed(d)}%`;
      }
    }
    return v === undefined || v === null ? "" : String(v);
  });
}

// ---------- the figure ----------

export interface SvgOptions {
  width?: number;
  height?: number;
  /** Prefix of the SVG's element ids (clip path, gradient): unique per figure in a page. */
  idPrefix?: string;
}

/** The static SVG of a plotly figure (see the module comment for what is drawn). */
export function figureSvg(
  fig: { data: Record<string, unknown>[]; layout?: Record<string, unknown> },
  opts: SvgOptions = {},
): string {
  const layout = (fig.layout ?? {}) as Obj;
  const W = Number(layout.width) || opts.width || 700;
  const H = Number(layout.height) || opts.height || 450;
  const traces = fig.data.filter((t) => t.visible !== false && t.visible !== "legendonly");
  const kind = (t: Obj) => String(t.type ?? "scatter");
  const xl = (layout.xaxis ?? {}) as Obj;
  const yl = (layout.yaxis ?? {}) as Obj;
  const barmode = String(layout.barmode ?? "group");
  const unsupported = traces.filter((t) => !["scatter", "bar", "histogram", "heatmap"].includes(kind(t)));

  // Histograms become bars of counts over nice bins.
  const hist = new Map<Obj, { x: number[]; y: number[]; width: number }>();
  for (const t of traces.filter((t) => kind(t) === "histogram")) {
    const xs = arr(t.x).map(num).filter(Number.isFinite);
    if (!xs.length) continue;
    const lo = Math.min(...xs);
    const hi = Math.max(...xs);
    const n = Number(t.nbinsx) || Math.min(40, Math.max(5, Math.ceil(Math.sqrt(xs.length))));
    const size = hi > lo ? niceStep((hi - lo) / n) : 1;
    const start = Math.floor(lo / size) * size;
    const bins = Math.max(1, Math.floor((hi - start) / size) + 1);
    const counts = new Array<number>(bins).fill(0);
    for (const v of xs) counts[Math.min(bins - 1, Math.floor((v - start) / size))]++;
    hist.set(t, { x: counts.map((_, i) => start + (i + 0.5) * size), y: counts, width: size });
  }
  const xsOf = (t: Obj): unknown[] => (hist.has(t) ? (hist.get(t) as { x: number[] }).x : arr(t.x));
  const ysOf = (t: Obj): unknown[] => (hist.has(t) ? (hist.get(t) as { y: number[] }).y : arr(t.y));
  const hasX = (t: Obj) => kind(t) !== "heatmap" || t.x !== undefined;
  const hasY = (t: Obj) => kind(t) !== "heatmap" || t.y !== undefined;

  const allX = traces.flatMap((t) => (hasX(t) ? xsOf(t) : []));
  const allY = traces.flatMap((t) => (hasY(t) ? ysOf(t) : []));
  const xType = guessType(allX, xl.type);
  const yType = guessType(allY, yl.type);
  const cats = (vals: unknown[]) => [...new Set(vals.filter((v) => v !== null && v !== undefined).map(String))];

  // Legend entries decide the right margin.
  const heat = traces.find((t) => kind(t) === "heatmap");
  const legendItems = traces.filter((t) => kind(t) !== "heatmap" && t.showlegend !== false);
  const showLegend = layout.showlegend === undefined ? legendItems.length > 1 : layout.showlegend === true;
  const legendTitle = textOf((layout.legend as Obj | undefined)?.title);
  const legendW = showLegend
    ? Math.max(
        textWidth(legendTitle, 12),
        ...legendItems.map((t) => textWidth(plainLines(String(t.name ?? "")).join(" "), 12)),
      ) + 50
    : 0;
  const colorbar = heat && heat.showscale !== false;
  const margin = { l: 80, r: 80, t: 100, b: 80, ...((layout.margin ?? {}) as Obj) } as Record<string, number>;
  margin.r = Math.max(margin.r, legendW + 20, colorbar ? 110 : 0);

  const x: Axis = {
    type: xType,
    categories: xType === "category" ? cats(allX) : [],
    lo: 0,
    hi: 1,
    reversed: xl.autorange === "reversed",
    p0: margin.l,
    p1: W - margin.r,
    title: textOf(xl.title),
    suffix: String(xl.ticksuffix ?? ""),
  };
  const y: Axis = {
    type: yType,
    categories: yType === "category" ? cats(allY) : [],
    lo: 0,
    hi: 1,
    reversed: yl.autorange === "reversed",
    p0: H - margin.b,
    p1: margin.t,
    title: textOf(yl.title),
    suffix: String(yl.ticksuffix ?? ""),
  };

  // Heatmaps without x / y use cell positions.
  if (heat) {
    if (heat.x === undefined && traces.length === 1) x.type = "linear";
    if (heat.y === undefined && traces.length === 1) y.type = "linear";
  }

  // Stacked values: scatter stackgroups and stacked bars.
  const stackTop = new Map<Obj, number[]>();
  const stackBase = new Map<Obj, number[]>();
  {
    const groups = new Map<string, Map<number, number>>();
    const neg = new Map<string, Map<number, number>>();
    for (const t of traces) {
      const isStackScatter = kind(t) === "scatter" && typeof t.stackgroup === "string";
      const isStackBar =
        (kind(t) === "bar" || kind(t) === "histogram") && (barmode === "stack" || barmode === "relative");
      if (!isStackScatter && !isStackBar) continue;
      const key = isStackScatter ? `s:${t.stackgroup}` : "bar";
      const pos = groups.get(key) ?? new Map<number, number>();
      const ng = neg.get(key) ?? new Map<number, number>();
      groups.set(key, pos);
      neg.set(key, ng);
      const xs = xsOf(t).map((v) => coord(x, v));
      const ys = ysOf(t).map((v) => (typeof v === "number" && Number.isFinite(v) ? v : 0));
      const top: number[] = [];
      const base: number[] = [];
      xs.forEach((xc, i) => {
        const useNeg = key === "bar" && ys[i] < 0;
        const m = useNeg ? ng : pos;
        const b = m.get(xc) ?? 0;
        base.push(b);
        top.push(b + ys[i]);
        m.set(xc, b + ys[i]);
      });
      stackTop.set(t, top);
      stackBase.set(t, base);
    }
  }

  // Bar geometry: the slot is the smallest spacing of x positions.
  const bars = traces.filter((t) => kind(t) === "bar" || kind(t) === "histogram");
  const slot = (() => {
    if (x.type === "category") return 1;
    const xs = [...new Set(bars.flatMap((t) => xsOf(t).map((v) => coord(x, v))).filter(Number.isFinite))].sort(
      (a, b) => a - b,
    );
    let m = Number.POSITIVE_INFINITY;
    for (let i = 1; i < xs.length; i++) m = Math.min(m, xs[i] - xs[i - 1]);
    const h = [...hist.values()].map((v) => v.width);
    return h.length ? Math.min(...h) : Number.isFinite(m) ? m : 1;
  })();
  const bargap = Number(layout.bargap ?? (bars.every((t) => kind(t) === "histogram") ? 0 : 0.2));
  const grouped = barmode === "group" ? bars.length : 1;

  // Ranges.
  const range = (ax: Axis, which: "x" | "y", decl: Obj) => {
    if (Array.isArray(decl.range) && decl.range.length === 2) {
      const [a, b] = decl.range.map((v) =>
        ax.type === "date" ? coord(ax, v) : ax.type === "log" ? Number(v) : Number(v),
      );
      if (Number.isFinite(a) && Number.isFinite(b)) {
        ax.lo = Math.min(a, b);
        ax.hi = Math.max(a, b);
        if (a > b) ax.reversed = !ax.reversed;
        return;
      }
    }
    if (ax.type === "category") {
      ax.lo = -0.5;
      ax.hi = Math.max(0, ax.categories.length - 1) + 0.5;
      return;
    }
    const vals: number[] = [];
    let pad = 0;
    let hasBar = false;
    for (const t of traces) {
      const k = kind(t);
      if (k === "heatmap") {
        const src = which === "x" ? t.x : t.y;
        const z = arr(t.z).map(arr);
        const n = which === "x" ? Math.max(0, ...z.map((r) => r.length)) : z.length;
        const cs = src === undefined ? Array.from({ length: n }, (_, i) => i) : arr(src).map((v) => coord(ax, v));
        const f = cs.filter(Number.isFinite);
        if (f.length) {
          const step = f.length > 1 ? (f[f.length - 1] - f[0]) / (f.length - 1) : 1;
          vals.push(Math.min(...f) - Math.abs(step) / 2, Math.max(...f) + Math.abs(step) / 2);
        }
        continue;
      }
      const isBar = k === "bar" || k === "histogram";
      const raw = which === "x" ? xsOf(t) : ysOf(t);
      let cs = raw.map((v) => coord(ax, v));
      if (which === "y" && stackTop.has(t)) {
        cs = (stackTop.get(t) as number[]).map((v) => (ax.type === "log" ? Math.log10(v) : v));
        vals.push(...(stackBase.get(t) as number[]).map((v) => (ax.type === "log" ? Math.log10(v) : v)));
      }
      vals.push(...cs.filter(Number.isFinite));
      if (which === "y" && isBar) {
        hasBar = true;
        if (ax.type !== "log") vals.push(0);
      }
      if (which === "x" && isBar) {
        const f = cs.filter(Number.isFinite);
        if (f.length) vals.push(Math.min(...f) - slot / 2, Math.max(...f) + slot / 2);
      }
      const mode = String(t.mode ?? (k === "scatter" && raw.length < 20 ? "lines+markers" : "lines"));
      if (k === "scatter" && mode.includes("markers")) pad = Math.max(pad, 0.05);
      if (k === "scatter" && mode.includes("text")) pad = Math.max(pad, 0.1);
      if (which === "y" && k === "scatter" && !t.stackgroup) pad = Math.max(pad, 0.05);
    }
    for (const s of (layout.shapes ?? []) as Obj[]) {
      if (s[`${which}ref`] !== "paper") {
        for (const key of [`${which}0`, `${which}1`]) if (s[key] !== undefined) vals.push(coord(ax, s[key]));
      }
    }
    const f = vals.filter(Number.isFinite);
    let lo = f.length ? Math.min(...f) : 0;
    let hi = f.length ? Math.max(...f) : 1;
    if (hi === lo) {
      lo -= ax.type === "date" ? 86400000 : Math.abs(lo) * 0.1 || 1;
      hi += ax.type === "date" ? 86400000 : Math.abs(hi) * 0.1 || 1;
    }
    if (which === "y" && hasBar) pad = Math.max(pad, 0.05);
    const d = (hi - lo) * pad;
    if (!(hasBar && lo === 0 && which === "y")) lo -= d;
    hi += d;
    ax.lo = lo;
    ax.hi = hi;
  };
  range(x, "x", xl);
  range(y, "y", yl);

  // Tick labels: rotate long category / date labels at the bottom.
  // Like plotly, the margins grow to fit long tick labels (y on the left, rotated x below).
  const yTicks = () => spread(y, ticks(y, Math.max(2, Math.round((y.p0 - y.p1) / 60))), 14);
  let yt = yTicks();
  const yLabelW0 = Math.max(0, ...yt.map((t) => textWidth(t.label + y.suffix, 12)));
  if (!layout.margin || (layout.margin as Obj).l === undefined)
    x.p0 = Math.max(x.p0, Math.min(W / 3, yLabelW0 + (y.title ? 34 : 14)));
  let xt = ticks(x, Math.max(2, Math.round((x.p1 - x.p0) / 90)));
  const xLabelW = Math.max(0, ...xt.map((t) => textWidth(t.label + x.suffix, 12)));
  const spacing = xt.length > 1 ? Math.abs(px(x, xt[1].c) - px(x, xt[0].c)) : x.p1 - x.p0;
  const rotate = xLabelW + 8 > spacing;
  if (rotate) {
    const need = Math.min(H / 3, 16 + xLabelW * 0.5 + (x.title ? 30 : 6));
    if (need > H - y.p0) {
      y.p0 = H - need;
      yt = yTicks();
    }
  } else xt = spread(x, xt, xLabelW + 8);
  const plotW = x.p1 - x.p0;
  const plotH = y.p0 - y.p1;

  const out: string[] = [];
  const defs: string[] = [];
  const pre = (opts.idPrefix ?? "fig").replace(/[^\w-]/g, "_");
  const clipId = `${pre}-clip`;
  defs.push(
    `<clipPath id="${clipId}"><rect x="${r1(x.p0)}" y="${r1(y.p1)}" width="${r1(plotW)}" height="${r1(plotH)}"/></clipPath>`,
  );
  out.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  // Grid and zero lines.
  const grid: string[] = [];
  for (const t of xt) grid.push(`M${r1(px(x, t.c))},${r1(y.p1)}V${r1(y.p0)}`);
  for (const t of yt) grid.push(`M${r1(x.p0)},${r1(px(y, t.c))}H${r1(x.p1)}`);
  if (!heat) out.push(`<path d="${grid.join("")}" stroke="${GRID}" stroke-width="1" fill="none"/>`);
  if (y.type === "linear" && y.lo < 0 && y.hi > 0 && !heat)
    out.push(`<path d="M${r1(x.p0)},${r1(px(y, 0))}H${r1(x.p1)}" stroke="${TEXT}" stroke-width="1"/>`);
  if (x.type === "linear" && x.lo < 0 && x.hi > 0 && !heat)
    out.push(`<path d="M${r1(px(x, 0))},${r1(y.p1)}V${r1(y.p0)}" stroke="${TEXT}" stroke-width="1"/>`);

  const plot: string[] = [];
  const labels: string[] = [];
  const colorOf = (t: Obj, i: number): string => {
    const m = (t.marker ?? {}) as Obj;
    const l = (t.line ?? {}) as Obj;
    if (typeof m.color === "string" && kind(t) !== "scatter") return m.color;
    if (typeof l.color === "string") return l.color;
    if (typeof m.color === "string") return m.color;
    return COLORWAY[i % COLORWAY.length];
  };
  let barIndex = 0;
  let scaleInfo: { scale: [number, string][]; lo: number; hi: number; title: string } | undefined;

  traces.forEach((t, i) => {
    const k = kind(t);
    const color = colorOf(t, i);
    if (k === "heatmap") {
      const z = arr(t.z).map((r) => arr(r).map(num));
      const flat = z.flat().filter(Number.isFinite);
      const lo = t.zmin !== undefined ? Number(t.zmin) : Math.min(...flat);
      const hi = t.zmax !== undefined ? Number(t.zmax) : Math.max(...flat);
      let scale = colorscale(t.colorscale);
      if (t.reversescale === true) scale = scale.map(([p, c]) => [1 - p, c] as [number, string]).reverse();
      const xs = t.x === undefined ? (z[0] ?? []).map((_, j) => j) : arr(t.x).map((v) => coord(x, v));
      const ys = t.y === undefined ? z.map((_, j) => j) : arr(t.y).map((v) => coord(y, v));
      const tx = arr(t.text).map(arr);
      const tpl = typeof t.texttemplate === "string" ? t.texttemplate : undefined;
      const half = (cs: number[], j: number) => {
        const a = j > 0 ? (cs[j] - cs[j - 1]) / 2 : cs.length > 1 ? (cs[1] - cs[0]) / 2 : 0.5;
        const b = j < cs.length - 1 ? (cs[j + 1] - cs[j]) / 2 : a;
        return [cs[j] - a, cs[j] + b];
      };
      z.forEach((row, a) => {
        row.forEach((v, b) => {
          if (!Number.isFinite(v) || b >= xs.length || a >= ys.length) return;
          const [x0, x1] = half(xs, b).map((c) => px(x, c));
          const [y0, y1] = half(ys, a).map((c) => px(y, c));
          const fill = scaleColor(scale, (v - lo) / (hi - lo || 1));
          plot.push(
            `<rect x="${r1(Math.min(x0, x1))}" y="${r1(Math.min(y0, y1))}" width="${r1(Math.abs(x1 - x0))}" height="${r1(Math.abs(y1 - y0))}" fill="${fill}"/>`,
          );
          if (tpl) {
            const s = fmtTemplate(tpl, {
              text: tx[a]?.[b],
              z: v,
              x: t.x === undefined ? b : arr(t.x)[b],
              y: t.y === undefined ? a : arr(t.y)[a],
            });
            const [r, g, bb] = parseColor(fill);
            const dark = 0.299 * r + 0.587 * g + 0.114 * bb < 140;
            labels.push(text((x0 + x1) / 2, (y0 + y1) / 2 + 4, s, { anchor: "middle", fill: dark ? "#fff" : "#222" }));
          }
        });
      });
      const cb = (t.colorbar ?? {}) as Obj;
      scaleInfo = { scale, lo, hi, title: textOf(cb.title) };
      return;
    }
    if (k === "bar" || k === "histogram") {
      const xs = xsOf(t).map((v) => coord(x, v));
      const ys = ysOf(t).map(num);
      const top = stackTop.get(t);
      const base = stackBase.get(t);
      const hw = hist.get(t)?.width ?? slot;
      const full = hw * (1 - bargap);
      const w = full / grouped;
      const off = barmode === "group" ? -full / 2 + w * barIndex : -full / 2;
      barIndex++;
      const mc = ((t.marker ?? {}) as Obj).color;
      const opacity = barmode === "overlay" ? ' fill-opacity="0.6"' : "";
      // One path per fill colour; bars thinner than a pixel merge into one per pixel column.
      const byFill = new Map<string, Map<string, [number, number, number, number]>>();
      xs.forEach((xc, j) => {
        const y1v = top ? top[j] : ys[j];
        const y0v = base ? base[j] : 0;
        if (!Number.isFinite(xc) || !Number.isFinite(y1v)) return;
        const c0 = y.type === "log" ? (y0v > 0 ? Math.log10(y0v) : y.lo) : y0v;
        const c1 = y.type === "log" ? (y1v > 0 ? Math.log10(y1v) : y.lo) : y1v;
        const X0 = px(x, xc + off);
        const X1 = px(x, xc + off + w);
        const Y0 = px(y, c0);
        const Y1 = px(y, c1);
        const fill = Array.isArray(mc) && typeof mc[j] === "string" ? mc[j] : color;
        const m = byFill.get(fill) ?? new Map<string, [number, number, number, number]>();
        byFill.set(fill, m);
        let left = Math.min(X0, X1);
        let right = Math.max(X0, X1);
        const narrow = right - left < 1;
        if (narrow) {
          left = Math.floor(left);
          right = left + 1;
        }
        const key = narrow ? `c${left}` : `b${j}`;
        const prev = m.get(key);
        const lo = Math.min(Y0, Y1);
        const hi = Math.max(Y0, Y1);
        m.set(key, prev ? [left, right, Math.min(prev[2], lo), Math.max(prev[3], hi)] : [left, right, lo, hi]);
      });
      for (const [fill, m] of byFill) {
        const d = [...m.values()].map(([a, b, lo, hi]) => `M${r1(a)},${r1(lo)}H${r1(b)}V${r1(hi)}H${r1(a)}Z`).join("");
        if (d) plot.push(`<path d="${d}" fill="${fill}"${opacity}/>`);
      }
      return;
    }
    if (k !== "scatter") return;
    const xsRaw = xsOf(t);
    const ysRaw = ysOf(t);
    const mode = String(t.mode ?? (xsRaw.length < 20 ? "lines+markers" : "lines"));
    const top = stackTop.get(t);
    const base = stackBase.get(t);
    const n = Math.max(xsRaw.length, ysRaw.length);
    const pts: [number, number][] = [];
    for (let j = 0; j < n; j++) {
      const xc = xsRaw.length ? coord(x, xsRaw[j]) : j;
      const yv = top ? top[j] : ysRaw[j];
      pts.push([px(x, xc), px(y, coord(y, yv))]);
    }
    const line = (t.line ?? {}) as Obj;
    const lw = Number(line.width ?? 2);
    if (top && base) {
      const b: [number, number][] = [];
      for (let j = n - 1; j >= 0; j--) b.push([pts[j][0], px(y, coord(y, base[j]))]);
      const poly = pathOf([...thin(pts), ...thin(b)]);
      if (poly) plot.push(`<path d="${poly}Z" fill="${color}" fill-opacity="0.5" stroke="none"/>`);
    } else if (t.fill === "tozeroy" || t.fill === "tonexty") {
      const z = px(y, y.type === "log" ? y.lo : Math.max(y.lo, Math.min(y.hi, 0)));
      const f = pts.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
      if (f.length)
        plot.push(
          `<path d="${pathOf(thin(f))}L${r1(f[f.length - 1][0])},${r1(z)}L${r1(f[0][0])},${r1(z)}Z" fill="${color}" fill-opacity="0.5" stroke="none"/>`,
        );
    }
    if (mode.includes("lines")) {
      const d = pathOf(thin(pts));
      if (d)
        plot.push(
          `<path d="${d}" fill="none" stroke="${color}" stroke-width="${lw}"${dashArray(line.dash, lw)} stroke-linejoin="round"/>`,
        );
    }
    const m = (t.marker ?? {}) as Obj;
    const size = Number(m.size ?? 6);
    if (mode.includes("markers")) {
      const d = pts
        .filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]))
        .map(([a, b]) => markerPath(m.symbol, a, b, size))
        .join("");
      if (d) plot.push(`<path d="${d}" fill="${typeof m.color === "string" ? m.color : color}"/>`);
    }
    if (mode.includes("text")) {
      const tx = arr(t.text);
      const pos = String(t.textposition ?? "middle center");
      const [v, h] = pos.includes(" ") ? pos.split(" ") : ["middle", pos];
      pts.forEach(([a, b], j) => {
        const s = tx[j];
        if (s === undefined || s === null || !Number.isFinite(a) || !Number.isFinite(b)) return;
        const dx = h === "right" ? size / 2 + 3 : h === "left" ? -size / 2 - 3 : 0;
        const dy = v === "top" ? -size / 2 - 4 : v === "bottom" ? size / 2 + 12 : 4;
        labels.push(
          text(a + dx, b + dy, String(s), { anchor: h === "right" ? "start" : h === "left" ? "end" : "middle" }),
        );
      });
    }
  });
  out.push(`<g clip-path="url(#${clipId})">${plot.join("")}${labels.join("")}</g>`);

  // Shapes and annotations.
  const at = (ax: Axis, ref: unknown, v: unknown, p0: number, p1: number) =>
    ref === "paper" ? p0 + Number(v) * (p1 - p0) : px(ax, coord(ax, v));
  for (const s of (layout.shapes ?? []) as Obj[]) {
    const X0 = at(x, s.xref, s.x0, x.p0, x.p1);
    const X1 = at(x, s.xref, s.x1, x.p0, x.p1);
    const Y0 = at(y, s.yref, s.y0, y.p0, y.p1);
    const Y1 = at(y, s.yref, s.y1, y.p0, y.p1);
    if (![X0, X1, Y0, Y1].every(Number.isFinite)) continue;
    const l = (s.line ?? {}) as Obj;
    const w = Number(l.width ?? 2);
    const stroke = typeof l.color === "string" ? l.color : TEXT;
    if (s.type === "rect")
      out.push(
        `<rect x="${r1(Math.min(X0, X1))}" y="${r1(Math.min(Y0, Y1))}" width="${r1(Math.abs(X1 - X0))}" height="${r1(Math.abs(Y1 - Y0))}" fill="${typeof s.fillcolor === "string" ? s.fillcolor : "none"}" fill-opacity="${s.opacity ?? 1}" stroke="${stroke}" stroke-width="${w}"${dashArray(l.dash, w)}/>`,
      );
    else
      out.push(
        `<path d="M${r1(X0)},${r1(Y0)}L${r1(X1)},${r1(Y1)}" stroke="${stroke}" stroke-width="${w}"${dashArray(l.dash, w)}/>`,
      );
  }
  for (const a of (layout.annotations ?? []) as Obj[]) {
    const X = at(x, a.xref, a.x, x.p0, x.p1);
    const Y = at(y, a.yref, a.y, y.p0, y.p1);
    if (!Number.isFinite(X) || !Number.isFinite(Y)) continue;
    const anchor = a.xanchor === "left" ? "start" : a.xanchor === "right" ? "end" : "middle";
    const dy = a.yanchor === "bottom" ? -4 : a.yanchor === "top" ? 14 : 4;
    out.push(text(X, Y + dy, String(a.text ?? ""), { anchor }));
  }

  // Axes: tick labels and titles.
  const axisOut: string[] = [];
  for (const t of xt) {
    const X = px(x, t.c);
    if (rotate) axisOut.push(text(X, y.p0 + 14, t.label + x.suffix, { anchor: "end", rotate: -30 }));
    else axisOut.push(text(X, y.p0 + 18, t.label + x.suffix, { anchor: "middle" }));
  }
  let yLabelW = 0;
  for (const t of yt) {
    const Y = px(y, t.c);
    yLabelW = Math.max(yLabelW, textWidth(t.label + y.suffix, 12));
    axisOut.push(text(x.p0 - 6, Y + 4, t.label + y.suffix, { anchor: "end" }));
  }
  if (x.title) {
    const below = rotate ? H - y.p0 - 10 : 44;
    axisOut.push(text((x.p0 + x.p1) / 2, y.p0 + below, x.title, { anchor: "middle", size: 14 }));
  }
  if (y.title) {
    const Xt = Math.max(14, x.p0 - yLabelW - 18);
    axisOut.push(text(Xt, (y.p0 + y.p1) / 2, y.title, { anchor: "middle", size: 14, rotate: -90 }));
  }
  out.push(...axisOut);

  const title = textOf(layout.title);
  if (title) out.push(text(W / 2, margin.t / 2, title, { anchor: "middle", size: 17 }));

  // Legend.
  if (showLegend) {
    const lx = x.p1 + 20;
    let ly = y.p1 + 6;
    const lg: string[] = [];
    if (legendTitle) {
      lg.push(text(lx, ly + 4, legendTitle, {}));
      ly += 20;
    }
    legendItems.forEach((t) => {
      const i = traces.indexOf(t);
      const c = colorOf(t, i);
      const k = kind(t);
      const mode = String(t.mode ?? (xsOf(t).length < 20 ? "lines+markers" : "lines"));
      const line = (t.line ?? {}) as Obj;
      if (k === "bar" || k === "histogram" || t.stackgroup)
        lg.push(
          `<rect x="${r1(lx)}" y="${r1(ly - 5)}" width="30" height="10" fill="${c}"${t.stackgroup ? ' fill-opacity="0.5"' : ""}/>`,
        );
      if (k === "scatter" && mode.includes("lines"))
        lg.push(`<path d="M${r1(lx)},${r1(ly)}h30" stroke="${c}" stroke-width="2"${dashArray(line.dash, 2)}/>`);
      if (k === "scatter" && mode.includes("markers")) {
        const m = (t.marker ?? {}) as Obj;
        lg.push(
          `<path d="${markerPath(m.symbol, lx + 15, ly, Math.min(10, Number(m.size ?? 6)))}" fill="${typeof m.color === "string" ? m.color : c}"/>`,
        );
      }
      lg.push(text(lx + 38, ly + 4, plainLines(String(t.name ?? `trace ${i}`)).join(" ")));
      ly += 19;
    });
    out.push(`<g class="legend">${lg.join("")}</g>`);
  }

  // Colorbar.
  if (colorbar && scaleInfo) {
    const s = scaleInfo;
    const cx = x.p1 + 20;
    const stops = s.scale.map(([p, c]) => `<stop offset="${r1(p * 100)}%" stop-color="${c}"/>`).join("");
    defs.push(`<linearGradient id="${pre}-cbar" x1="0" y1="1" x2="0" y2="0">${stops}</linearGradient>`);
    out.push(`<rect x="${r1(cx)}" y="${r1(y.p1)}" width="16" height="${r1(plotH)}" fill="url(#${pre}-cbar)"/>`);
    const cax: Axis = { ...y, type: "linear", categories: [], lo: s.lo, hi: s.hi, reversed: false };
    for (const t of ticks(cax, 5)) out.push(text(cx + 20, px(cax, t.c) + 4, t.label, {}));
    if (s.title) out.push(text(cx, y.p1 - 10, s.title, {}));
  }

  if (unsupported.length)
    out.push(
      text(
        (x.p0 + x.p1) / 2,
        (y.p0 + y.p1) / 2,
        `${[...new Set(unsupported.map(kind))].join(", ")} traces: shown by plotly.js only`,
        { anchor: "middle" },
      ),
    );

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="nb-static-figure" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${esc(FONT)}" style="max-width:100%;height:auto">`,
    `<defs>${defs.join("")}</defs>`,
    ...out,
    "</svg>",
  ].join("\n");
}
