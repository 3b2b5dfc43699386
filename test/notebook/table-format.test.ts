/**
 * lib/notebook/table-format against pandas 1.5.3's own renderings (fixture made by
 * test/reference/notebook_tables.py): text repr and notebook HTML must match exactly.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { tableBundle } from "../../lib/notebook/display";
import { formatNumberColumn, type TableData, tableHtml, tableText } from "../../lib/notebook/table-format";

interface Case {
  name: string;
  columns: string[];
  index: (string | number)[];
  indexName: string | null;
  data: Record<string, (number | string)[]>;
  dtypes: ("int" | "float" | "object")[];
  text: string;
  html: string;
}

const cases = JSON.parse(
  readFileSync(join(__dirname, "..", "fixtures", "notebook", "pandas-tables.json"), "utf8"),
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

for (const c of cases) {
  test(`pandas parity, text: ${c.name}`, () => {
    assert.equal(tableText(toTable(c)), c.text);
  });
  test(`pandas parity, html: ${c.name}`, () => {
    assert.equal(tableHtml(toTable(c)), c.html);
  });
}

test("show escapes HTML in cells and headers, and prints NaN like pandas", () => {
  const b = tableBundle([
    { ticker: "<script>alert(1)</script>", "a&b": Number.NaN },
    { ticker: "MMM.N", "a&b": 1.25 },
  ]);
  const html = b["text/html"] as string;
  assert.ok(!html.includes("<script>"), "raw <script> must not reach the HTML");
  assert.ok(html.includes("&lt;script&gt;alert(1)&lt;/script&gt;"));
  assert.ok(html.includes("<th>a&amp;b</th>"));
  assert.ok(html.includes("<td>NaN</td>"));
  assert.match(b["text/plain"] as string, /0 +<script>alert\(1\)<\/script> +NaN/);
});

test("number columns: scientific for tiny values, integers for whole numbers, inf", () => {
  assert.deepEqual(formatNumberColumn([1e-8, 0.5]), ["1.000000e-08", "5.000000e-01"]);
  assert.deepEqual(formatNumberColumn([1, 2, 30]), ["1", "2", "30"]);
  assert.deepEqual(formatNumberColumn([1, 2], 6, "float"), ["1.0", "2.0"]);
  assert.deepEqual(formatNumberColumn([1.5, Number.POSITIVE_INFINITY, Number.NaN]), ["1.5", "inf", "NaN"]);
});
