/**
 * Text and HTML rendering of tables the way pandas shows a DataFrame in a notebook, so that the
 * notebooks' tables read like the article's.
 *
 * Rules taken from pandas' formatters (`pandas.io.formats.format`, display defaults):
 * - display options with pandas' defaults in a notebook (`display.max_rows` 60, `min_rows` 10,
 *   `max_columns` 20, `width` 80, `max_colwidth` 50, `precision` 6), settable per call or for the
 *   session with {@link setDisplayOptions} (like `pd.set_option`); `null` means no limit;
 * - rows: at most `maxRows`; a longer table shows its first and last `minRows / 2` rows around a
 *   `...` row;
 * - columns: at most `maxColumns`; a wider table shows its first and last `maxColumns / 2`
 *   columns around a `...` column; a truncated table ends with a shape line
 *   `[N rows x M columns]` (HTML: `N rows × M columns`);
 * - text is wrapped like pandas' `DataFrame.__repr__` at `width` characters: the columns are cut
 *   into blocks that fit, each block repeats the index, lines of all blocks but the last end in
 *   `\`, blocks are separated by a blank line (`width: null` prints one block);
 * - float columns share one format: fixed with `precision` (6) decimals, trailing zeros trimmed
 *   while every value of the column still has at least one decimal; scientific `d.dddddde+XX`
 *   when a non-zero |value| < 10^-precision, or when a value > 1e6 makes the fixed text longer
 *   than precision + 6 characters;
 * - a column of whole numbers without NaN prints as integers (pandas' int64);
 * - missing values print as `NaN` (numbers) or `None` (other cells);
 * - lists print as `[a, b, c]`; any cell longer than `maxColWidth` (50) is cut to 47 characters + `...`;
 * - text: every value gets a leading space unless it starts with "-" (pandas' sign column), as
 *   does the header of a numeric column; the
 *   index is left-aligned, values and headers right-aligned, columns joined by one space; an index
 *   name, when set, stands on its own header line padded to the full width, as pandas prints it;
 * - numbers carry no dtype in JavaScript: a column of whole numbers prints as integers unless its
 *   `dtypes` entry says "float" (pandas prints a float64 column of whole numbers as `1.0`).
 * HTML output is escaped (`&`, `<`, `>`, `"`, `'`), so any cell text renders as text.
 */

/** One table cell's value as the formatters accept it (arrays print as their elements joined). */
export type Cell = number | string | boolean | null | undefined | Date | readonly unknown[];

export interface TableData {
  columns: string[];
  index: (string | number)[];
  /** Column-major values: `data[j][i]` is row i of column j. */
  data: Cell[][];
  indexName?: string;
  /** Optional per-column dtype hint ("float" prints whole numbers as `1.0`, like float64). */
  dtypes?: ("int" | "float" | "object" | undefined)[];
}

export interface FormatOptions {
  /** Decimals of floats (pandas `display.precision`, 6). */
  precision?: number;
  /** Rows shown before truncating (`display.max_rows`, 60; `null`: all). */
  maxRows?: number | null;
  /** Rows shown when truncated (`display.min_rows`, 10). */
  minRows?: number;
  /** Columns shown before truncating (`display.max_columns`, 20 in a notebook; `null` or 0: all). */
  maxColumns?: number | null;
  /** Width at which text/plain wraps into blocks (`display.width`, 80; `null`: never). */
  width?: number | null;
  /** Longest cell text before it is cut with "..." (`display.max_colwidth`, 50). */
  maxColWidth?: number;
}

type Resolved = {
  precision: number;
  maxRows: number | null;
  minRows: number;
  maxColumns: number | null;
  width: number | null;
  maxColWidth: number;
};

/** pandas' display defaults in a Jupyter kernel. */
export const PANDAS_DEFAULTS: Readonly<Resolved> = Object.freeze({
  precision: 6,
  maxRows: 60,
  minRows: 10,
  maxColumns: 20,
  width: 80,
  maxColWidth: 50,
});

const DEFAULTS: Resolved = { ...PANDAS_DEFAULTS };

/**
 * Change the display options for the rest of the session (pandas' `pd.set_option("display.…")`);
 * `setDisplayOptions()` with no argument restores pandas' defaults. Returns the options now in force.
 */
export function setDisplayOptions(opts?: FormatOptions): Readonly<Resolved> {
  if (!opts) Object.assign(DEFAULTS, PANDAS_DEFAULTS);
  else
    for (const [k, v] of Object.entries(opts)) {
      if (v === undefined) continue;
      if (!(k in DEFAULTS)) throw new Error(`setDisplayOptions: unknown option "${k}"`);
      (DEFAULTS as Record<string, unknown>)[k] = v;
    }
  return { ...DEFAULTS };
}

const resolve = (opts: FormatOptions): Resolved => {
  const o = { ...DEFAULTS };
  for (const [k, v] of Object.entries(opts)) if (v !== undefined && k in o) (o as Record<string, unknown>)[k] = v;
  return o;
};

const isNum = (v: unknown): v is number => typeof v === "number";

/** Python-style exponent (at least two digits): 1.5e+7 → 1.500000e+07. */
function sci(v: number, digits: number): string {
  const s = v.toExponential(digits);
  return s.replace(/e([+-])(\d)$/, "e$10$2");
}

function trimZeros(strs: string[]): string[] {
  // pandas _trim_zeros_float: drop one trailing zero from all while all end in 0 and keep ≥1 decimal.
  let cur = strs;
  const ok = (s: string) => s.endsWith("0") && !s.endsWith(".0") && s.includes(".");
  while (cur.length && cur.every(ok)) cur = cur.map((s) => s.slice(0, -1));
  return cur;
}

/** Format one numeric column as pandas would (see module rules). */
export function formatNumberColumn(values: number[], precision = 6, dtype?: "int" | "float" | "object"): string[] {
  const finite = values.filter((v) => Number.isFinite(v));
  const hasNaN = values.some((v) => Number.isNaN(v));
  const whole = finite.length === values.length && finite.every((v) => Number.isInteger(v) && Math.abs(v) < 2 ** 53);
  if (dtype !== "float" && !hasNaN && whole) return values.map((v) => String(v));
  const fmtInf = (v: number) => (v > 0 ? "inf" : "-inf");
  const fixedIdx: number[] = [];
  const fixed: string[] = [];
  values.forEach((v, i) => {
    if (Number.isFinite(v)) {
      fixedIdx.push(i);
      // JavaScript drops the sign of -0 in toFixed; pandas prints "-0.0".
      fixed.push(Object.is(v, -0) ? `-${(0).toFixed(precision)}` : v.toFixed(precision));
    }
  });
  const trimmed = trimZeros(fixed);
  const abs = finite.map(Math.abs);
  const hasLarge = abs.some((a) => a > 1e6);
  const hasSmall = abs.some((a) => a > 0 && a < 10 ** -precision);
  const maxLen = trimmed.reduce((m, s) => Math.max(m, s.length), 0);
  const useSci = hasSmall || (maxLen > precision + 6 && hasLarge);
  const out: string[] = values.map((v) => (Number.isNaN(v) ? "NaN" : Number.isFinite(v) ? "" : fmtInf(v)));
  fixedIdx.forEach((i, k) => {
    out[i] = useSci ? sci(values[i], precision) : trimmed[k];
  });
  return out;
}

function cellText(v: Cell, maxColWidth: number): string {
  let s: string;
  if (v === null || v === undefined) s = "None";
  else if (typeof v === "number") s = Number.isNaN(v) ? "NaN" : String(v);
  else if (typeof v === "boolean") s = v ? "True" : "False";
  else if (v instanceof Date) s = v.toISOString().slice(0, 10);
  else if (Array.isArray(v)) s = `[${v.map((x) => String(x)).join(", ")}]`;
  else s = String(v);
  return s.length > maxColWidth ? `${s.slice(0, maxColWidth - 3)}...` : s;
}

/** Format one column (numbers as a block, anything else cell by cell). */
export function formatColumn(values: Cell[], opts: FormatOptions = {}, dtype?: "int" | "float" | "object"): string[] {
  const o = resolve(opts);
  const numeric = values.length > 0 && values.every((v) => isNum(v)) && dtype !== "object";
  if (numeric) return formatNumberColumn(values as number[], o.precision, dtype);
  // Mixed numbers and missing: numbers and NaN/None as pandas' object dtype would.
  return values.map((v) => cellText(v, o.maxColWidth));
}

interface Shown {
  rows: number[]; // row positions shown, -1 marks the "..." row
  truncated: boolean;
}

function shownRows(n: number, o: Resolved): Shown {
  if (!o.maxRows || n <= o.maxRows) return { rows: Array.from({ length: n }, (_, i) => i), truncated: false };
  const h = Math.floor(Math.min(o.minRows, o.maxRows) / 2);
  const rows = [...Array.from({ length: h }, (_, i) => i), -1, ...Array.from({ length: h }, (_, i) => n - h + i)];
  return { rows, truncated: true };
}

/** Column positions shown, -1 marks the "..." column (pandas' horizontal truncation). */
function shownColumns(n: number, o: Resolved): Shown {
  if (!o.maxColumns || n <= o.maxColumns) return { rows: Array.from({ length: n }, (_, i) => i), truncated: false };
  const h = Math.max(1, Math.floor(o.maxColumns / 2));
  const cols = [...Array.from({ length: h }, (_, i) => i), -1, ...Array.from({ length: h }, (_, i) => n - h + i)];
  return { rows: cols, truncated: true };
}

/** pandas' dtype test for the leading space of a header: int, float or bool columns. */
function isNumericColumn(col: Cell[], dtype: "int" | "float" | "object" | undefined): boolean {
  if (dtype === "int" || dtype === "float") return true;
  if (dtype === "object" || col.length === 0) return false;
  return col.every((v) => typeof v === "number") || col.every((v) => typeof v === "boolean");
}

function shownValues(t: TableData, o: Resolved) {
  const s = shownRows(t.index.length, o);
  const sc = shownColumns(t.columns.length, o);
  const real = s.rows.filter((r) => r >= 0);
  const format = (j: number) => {
    const col = t.data[j];
    const f = formatColumn(
      real.map((r) => col[r]),
      o,
      t.dtypes?.[j],
    );
    const out: string[] = [];
    let k = 0;
    for (const r of s.rows) out.push(r < 0 ? "..." : f[k++]);
    return out;
  };
  // cols[k] / headers[k] belong to column position sc.rows[k] (-1: the "..." column).
  const cols = sc.rows.map((j) => (j < 0 ? s.rows.map(() => "...") : format(j)));
  const headers = sc.rows.map((j) => (j < 0 ? "..." : cellText(t.columns[j], o.maxColWidth)));
  const numeric = sc.rows.map((j) => j >= 0 && isNumericColumn(t.data[j], t.dtypes?.[j]));
  const idx = s.rows.map((r) => (r < 0 ? "..." : cellText(t.index[r], o.maxColWidth)));
  return { s, sc, cols, headers, numeric, idx };
}

/** pandas' `_binify`: where to cut columns of the given widths into blocks of `lineWidth`. */
function binify(widths: number[], lineWidth: number): number[] {
  const bins: number[] = [];
  let cur = 0;
  widths.forEach((w, i) => {
    cur += w;
    const wrap = (i === widths.length - 1 ? cur + 1 : cur + 2) > lineWidth && i > 0;
    if (wrap) {
      bins.push(i);
      cur = w;
    }
  });
  bins.push(widths.length);
  return bins;
}

/** pandas-like `text/plain` of a table (DataFrame.__repr__). */
export function tableText(t: TableData, opts: FormatOptions = {}): string {
  const o = resolve(opts);
  if (t.index.length === 0 || t.columns.length === 0) {
    return `Empty DataFrame\nColumns: [${t.columns.join(", ")}]\nIndex: []`;
  }
  const { s, sc, cols, headers, numeric, idx: idx0 } = shownValues(t, o);
  // pandas marks the skipped rows with ".." in the index column of the text repr ("..." in HTML).
  const idx = idx0.map((x, r) => (s.rows[r] < 0 ? ".." : x));
  // pandas' sign column: a leading space for every value that does not start with "-".
  const cells = cols.map((c, k) =>
    c.map((x, r) => (sc.rows[k] < 0 || s.rows[r] < 0 || x.startsWith("-") || x === "NaN" ? x : ` ${x}`)),
  );
  const idxW = Math.max(...idx.map((x) => x.length), t.indexName ? t.indexName.length : 0);
  // Each column as the lines it contributes (one space of separation in front of each).
  const segments = cells.map((c, k) => {
    if (sc.rows[k] < 0) return Array.from({ length: c.length + (t.indexName ? 2 : 1) }, () => "  ...");
    const w = Math.max(headers[k].length + (numeric[k] ? 1 : 0), ...c.map((x) => x.length));
    const lines = [` ${headers[k].padStart(w)}`];
    if (t.indexName) lines.push(` ${" ".repeat(w)}`);
    for (const x of c) lines.push(` ${x.padStart(w)}`);
    return lines;
  });
  const index = [
    " ".repeat(idxW),
    ...(t.indexName ? [t.indexName.padEnd(idxW)] : []),
    ...idx.map((x) => x.padEnd(idxW)),
  ];
  const bins = o.width
    ? binify(
        segments.map((g) => g[0].length),
        o.width - (idxW + 1),
      )
    : [segments.length];
  const blocks: string[] = [];
  let start = 0;
  bins.forEach((end, b) => {
    const part = segments.slice(start, end);
    const last = b === bins.length - 1;
    blocks.push(
      index
        .map((ix, line) => {
          const tail = bins.length > 1 ? (last ? "  " : line === 0 ? "  \\" : "   ") : "";
          return ix + part.map((g) => g[line]).join("") + tail;
        })
        .join("\n"),
    );
    start = end;
  });
  let out = blocks.join("\n\n");
  if (s.truncated || sc.truncated) out += `\n\n[${t.index.length} rows x ${t.columns.length} columns]`;
  return out;
}

export const escapeHtml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** The scoped style block pandas puts before every notebook table. */
const PANDAS_STYLE = [
  "<div>",
  "<style scoped>",
  "    .dataframe tbody tr th:only-of-type {",
  "        vertical-align: middle;",
  "    }",
  "",
  "    .dataframe tbody tr th {",
  "        vertical-align: top;",
  "    }",
  "",
  "    .dataframe thead th {",
  "        text-align: right;",
  "    }",
  "</style>",
].join("\n");

/** pandas-like `text/html` of a table (DataFrame._repr_html_), escaped. */
export function tableHtml(t: TableData, opts: FormatOptions = {}): string {
  const o = resolve(opts);
  const { s, sc, cols, headers, idx } = shownValues(t, o);
  const e = escapeHtml;
  const out: string[] = [
    PANDAS_STYLE,
    '<table border="1" class="dataframe">',
    "  <thead>",
    '    <tr style="text-align: right;">',
  ];
  out.push("      <th></th>", ...headers.map((h) => `      <th>${e(h)}</th>`), "    </tr>");
  if (t.indexName) {
    out.push("    <tr>", `      <th>${e(t.indexName)}</th>`, ...headers.map(() => "      <th></th>"), "    </tr>");
  }
  out.push("  </thead>", "  <tbody>");
  idx.forEach((x, r) => {
    out.push("    <tr>", `      <th>${e(x)}</th>`, ...cols.map((c) => `      <td>${e(c[r])}</td>`), "    </tr>");
  });
  out.push("  </tbody>", "</table>");
  if (s.truncated || sc.truncated) out.push(`<p>${t.index.length} rows × ${t.columns.length} columns</p>`);
  out.push("</div>");
  return out.join("\n");
}
