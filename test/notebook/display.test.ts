import assert from "node:assert/strict";
import { test } from "node:test";
import { figureBundle, markdownBundle, tableBundle, toTable } from "../../lib/notebook/display";

const fig = {
  data: [{ type: "scatter", name: "</script><b>x", x: ["2019-01-31", "2019-02-28"], y: [1 / 3, Number.NaN] }],
  layout: { title: { text: "Cumulative <returns>" }, xaxis: { title: { text: "month" } } },
};

test("figureBundle: plotly MIME data, a static SVG, an HTML fallback and a text summary", () => {
  const b = figureBundle(fig);
  assert.deepEqual(Object.keys(b).sort(), [
    "application/vnd.plotly.v1+json",
    "image/svg+xml",
    "text/html",
    "text/plain",
  ]);
  const p = b["application/vnd.plotly.v1+json"] as { data: { y: (number | null)[] }[]; layout: unknown };
  assert.deepEqual(p.data[0].y, [0.3333333333, null], "10 significant digits; NaN becomes null (JSON has no NaN)");
  assert.deepEqual(p.layout, fig.layout);
  assert.equal(b["text/plain"], 'Figure: Cumulative <returns>\n  trace 0: scatter "</script><b>x" (2 points)');
  const html = b["text/html"] as string;
  assert.ok(!html.includes("</script><b>"), "data cannot close the fallback's script element");
  assert.ok(html.includes("Cumulative &lt;returns&gt;"));
});

test("figureBundle: the same figure gives the same bytes (stable element id)", () => {
  assert.deepEqual(figureBundle(fig), figureBundle(JSON.parse(JSON.stringify(fig))));
  const other = figureBundle({ ...fig, layout: { title: { text: "other" } } });
  assert.notEqual(other["text/html"], figureBundle(fig)["text/html"]);
});

test("toTable: records, column objects, an index column, and clear errors", () => {
  const t = toTable({ a: [1, 2], b: Float64Array.from([0.5, 1.5]) });
  assert.deepEqual(t.columns, ["a", "b"]);
  assert.deepEqual(t.data[1], [0.5, 1.5]);
  assert.throws(() => toTable({ a: [1, 2], b: [1] }), /column "b" has 1 values, expected 2/);
  assert.throws(() => tableBundle([{ a: 1 }], { index: "nope" }), /no column "nope"/);
  const r = toTable([{ d: "2024-01-31", v: 1 }, { d: "2024-02-29" }], { index: "d" });
  assert.deepEqual(r.index, ["2024-01-31", "2024-02-29"]);
  assert.ok(Number.isNaN(r.data[0][1] as number), "a missing record field is NaN");
  assert.equal(r.indexName, "d");
});

test("markdown() bundle: text/html rendered next to text/markdown (untrusted classic Notebook shows only HTML)", () => {
  const b = markdownBundle("Together they run **92.3 bps** — see `lib/`.");
  assert.deepEqual(Object.keys(b).sort(), ["text/html", "text/markdown", "text/plain"]);
  assert.equal(b["text/html"], "<p>Together they run <strong>92.3 bps</strong> — see <code>lib/</code>.</p>\n");
  assert.equal(b["text/markdown"], "Together they run **92.3 bps** — see `lib/`.");
});

test("show takes readonly rows of an interface type as they are (no copy needed)", () => {
  interface Row {
    readonly strategy: string;
    readonly sharpe: number;
  }
  const rows: readonly Row[] = Object.freeze([
    Object.freeze({ strategy: "model", sharpe: 1.25 }),
    Object.freeze({ strategy: "index", sharpe: 0.5 }),
  ]);
  const t = toTable(rows, { index: "strategy" });
  assert.deepEqual(t.index, ["model", "index"]);
  assert.deepEqual(t.columns, ["sharpe"]);
  assert.deepEqual(t.data, [[1.25, 0.5]]);
});
