/**
 * show()'s pandas display options (max_rows, min_rows, max_columns, width), checked against
 * pandas 1.5.3's own renderings of wide and long tables (fixture made by
 * test/reference/notebook_wide_tables.py with the options a Jupyter kernel uses): column
 * truncation, text/plain wrapped at display.width, shape lines, per-call and session options.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, test } from "node:test";
import { tableBundle } from "../../lib/notebook/display";
import {
  type FormatOptions,
  PANDAS_DEFAULTS,
  setDisplayOptions,
  type TableData,
  tableHtml,
  tableText,
} from "../../lib/notebook/table-format";

interface Case {
  name: string;
  options: FormatOptions;
  columns: string[];
  index: (string | number)[];
  indexName: string | null;
  data: Record<string, (number | string)[]>;
  dtypes: ("int" | "float" | "object")[];
  text: string;
  html: string;
}

const cases = JSON.parse(
  readFileSync(join(__dirname, "..", "fixtures", "notebook", "pandas-wide-tables.json"), "utf8"),
) as Case[];

function toTable(c: Case): TableData {
  return {
    columns: c.columns,
    index: c.index,
    indexName: c.indexName ?? undefined,
    dtypes: c.dtypes,
    data: c.columns.map((k, j) => c.data[k].map((v) => (v === "NaN" && c.dtypes[j] !== "object" ? Number.NaN : v))),
  };
}

afterEach(() => setDisplayOptions());

test("the fixture has the wide cases", () => {
  assert.ok(cases.length >= 8);
  assert.ok(cases.some((c) => c.columns.length === 51 && c.index.length > 60));
});

for (const c of cases) {
  test(`pandas parity, text: ${c.name}`, () => {
    assert.equal(tableText(toTable(c), c.options), c.text);
  });
  test(`pandas parity, html: ${c.name}`, () => {
    assert.equal(tableHtml(toTable(c), c.options), c.html);
  });
}

test("defaults are pandas' notebook defaults; text lines stay within display.width", () => {
  assert.deepEqual(
    { ...PANDAS_DEFAULTS },
    {
      precision: 6,
      maxRows: 60,
      minRows: 10,
      maxColumns: 20,
      width: 80,
      maxColWidth: 50,
    },
  );
  const big = cases.find((c) => c.columns.length === 51) as Case;
  const text = tableText(toTable(big));
  for (const line of text.split("\n")) assert.ok(line.length <= 80, `${line.length} > 80: ${line}`);
  const html = tableHtml(toTable(big));
  const head = html.slice(html.indexOf("<thead>"), html.indexOf("</thead>"));
  assert.equal((head.match(/<th>[^<]+<\/th>/g) ?? []).length, 21, "20 column headers and the ... column");
  assert.equal((html.match(/<td>\.\.\.<\/td>/g) ?? []).length, 10 + 21, "the ... column in 10 rows, the ... row");
});

test("setDisplayOptions changes the session's defaults, a call's options win, () restores", () => {
  const big = toTable(cases.find((c) => c.columns.length === 51) as Case);
  setDisplayOptions({ maxColumns: 4, width: null });
  const t = tableText(big);
  assert.equal(t.split("\n")[0].trim().split(/\s+/).length, 5, "2 + ... + 2 headers");
  assert.equal(tableText(big, { maxColumns: 6 }).split("\n")[0].trim().split(/\s+/).length, 7);
  assert.throws(() => setDisplayOptions({ nope: 1 } as FormatOptions), /unknown option "nope"/);
  setDisplayOptions();
  assert.equal(tableText(big), cases.find((c) => c.columns.length === 51)?.text);
});

test("show() bundles take the options per call (text and HTML alike)", () => {
  const rows = Array.from({ length: 3 }, (_, i) =>
    Object.fromEntries(Array.from({ length: 30 }, (_, j) => [`c${j}`, i + j])),
  );
  const b = tableBundle(rows, { maxColumns: 10 });
  assert.match(b["text/plain"] as string, /\[3 rows x 30 columns\]$/);
  assert.equal(((b["text/html"] as string).match(/<th>c\d+<\/th>/g) ?? []).length, 10);
  const all = tableBundle(rows, { maxColumns: null, width: null });
  assert.equal((all["text/plain"] as string).split("\n").length, 4, "one block, no shape line");
});
