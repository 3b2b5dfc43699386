/**
 * Text and HTML rendering of tables the way pandas shows a DataFrame in a notebook, so that the
 * notebooks' tables read like the article's.
 *
 * Rules taken from pandas' formatters (`pandas.io.formats.format`, display defaults):
 * - rows: at most `maxRows` (60); a longer table shows its first and last `minRows / 2` (5) rows
 *   around a `...` row and ends with a shape line `[N rows x M columns]` (HTML: `N rows × M columns`);
 * - float columns share one format: fixed with `precision` (6) decimals, trailing zeros trimmed
 *   while every value of the column still has at least one decimal; scientific `d.dddddde+XX`
 *   when a non-zero |value| < 10^-precision, or when a value > 1e6 makes the fixed text longer
 *   than precision + 6 characters;
 * - a column of whole numbers without NaN prints as integers (pandas' int64);
 * - missing values print as `NaN` (numbers) or `None` (other cells);
 * - lists print as `[a, b, c]`; any cell longer than `maxColWidth` (50) is cut to 47 characters + `...`;
 * - text: every value gets a leading space unless it starts with "-" (pandas' sign column), the
 *   index is left-aligned, values and headers right-aligned, columns joined by one space; an index
 *   name, when set, stands on its own header line padded to the full width, as pandas prints it;
 * - numbers carry no dtype in JavaScript: a column of whole numbers prints as integers unless its
 *   `dtypes` entry says "float" (pandas prints a float64 column of whole numbers as `1.0`).
 * HTML output is escaped (`&`, `<`, `>`, `"`, `'`), so any cell text renders as text.
 */

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
  precision?: number;
  maxRows?: number;
  minRows?: number;
  maxColWidth?: number;
}

const DEFAULTS: Required<FormatOptions> = { precision: 6, maxRows: 60, minRows: 10, maxColWidth: 50 };

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
  const o = { ...DEFAULTS, ...opts };
  const numeric = values.length > 0 && values.every((v) => isNum(v)) && dtype !== "object";
  if (numeric) return formatNumberColumn(values as number[], o.precision, dtype);
  // Mixed numbers and missing: numbers and NaN/None as pandas' object dtype would.
  return values.map((v) => cellText(v, o.maxColWidth));
}

interface Shown {
  rows: number[]; // row positions shown, -1 marks the "..." row
  truncated: boolean;
}

function shownRows(n: number, o: Required<FormatOptions>): Shown {
  if (n <= o.maxRows) return { rows: Array.from({ length: n }, (_, i) => i), truncated: false };
  const h = Math.floor(o.minRows / 2);
  const rows = [...Array.from({ length: h }, (_, i) => i), -1, ...Array.from({ length: h }, (_, i) => n - h + i)];
  return { rows, truncated: true };
}

function shownValues(t: TableData, o: Required<FormatOptions>) {
  const s = shownRows(t.index.length, o);
  const real = s.rows.filter((r) => r >= 0);
  const cols = t.data.map((col, j) => {
    const f = formatColumn(
      real.map((r) => col[r]),
      o,
      t.dtypes?.[j],
    );
    const out: string[] = [];
    let k = 0;
    for (const r of s.rows) out.push(r < 0 ? "..." : f[k++]);
    return out;
  });
  const idx = s.rows.map((r) => (r < 0 ? "..." : cellText(t.index[r], o.maxColWidth)));
  return { s, cols, idx };
}

/** pandas-like `text/plain` of a table (DataFrame.__repr__). */
export function tableText(t: TableData, opts: FormatOptions = {}): string {
  const o = { ...DEFAULTS, ...opts };
  if (t.index.length === 0 || t.columns.length === 0) {
    return `Empty DataFrame\nColumns: [${t.columns.join(", ")}]\nIndex: []`;
  }
  const shown = shownValues(t, o);
  const { s, cols } = shown;
  // pandas marks the skipped rows with ".." in the index column of the text repr ("..." in HTML).
  const idx = shown.idx.map((x, r) => (s.rows[r] < 0 ? ".." : x));
  const headers = t.columns.map((c) => cellText(c, o.maxColWidth));
  // pandas' sign column: a leading space for every value that does not start with "-".
  const cells = cols.map((c) => c.map((x, r) => (s.rows[r] < 0 || x.startsWith("-") || x === "NaN" ? x : ` ${x}`)));
  const idxW = Math.max(...idx.map((x) => x.length), t.indexName ? t.indexName.length : 0);
  const widths = cells.map((c, j) => Math.max(headers[j].length, ...c.map((x) => x.length)));
  const lines: string[] = [];
  lines.push(" ".repeat(idxW) + headers.map((h, j) => ` ${h.padStart(widths[j])}`).join(""));
  if (t.indexName) lines.push(t.indexName.padEnd(idxW) + widths.map((w) => ` ${" ".repeat(w)}`).join(""));
  idx.forEach((x, r) => {
    lines.push(x.padEnd(idxW) + cells.map((c, j) => ` ${c[r].padStart(widths[j])}`).join(""));
  });
  if (s.truncated) lines.push("", `[${t.index.length} rows x ${t.columns.length} columns]`);
  return lines.join("\n");
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
  const o = { ...DEFAULTS, ...opts };
  const { s, cols, idx } = shownValues(t, o);
  const e = escapeHtml;
  const out: string[] = [
    PANDAS_STYLE,
    '<table border="1" class="dataframe">',
    "  <thead>",
    '    <tr style="text-align: right;">',
  ];
  out.push("      <th></th>", ...t.columns.map((c) => `      <th>${e(cellText(c, o.maxColWidth))}</th>`), "    </tr>");
  if (t.indexName) {
    out.push("    <tr>", `      <th>${e(t.indexName)}</th>`, ...t.columns.map(() => "      <th></th>"), "    </tr>");
  }
  out.push("  </thead>", "  <tbody>");
  idx.forEach((x, r) => {
    out.push("    <tr>", `      <th>${e(x)}</th>`, ...cols.map((c) => `      <td>${e(c[r])}</td>`), "    </tr>");
  });
  out.push("  </tbody>", "</table>");
  if (s.truncated) out.push(`<p>${t.index.length} rows × ${t.columns.length} columns</p>`);
  out.push("</div>");
  return out.join("\n");
}
