import assert from "node:assert/strict";
import { test } from "node:test";
import { cumulativeReturnsFigure, drawdownFigure, joinIndexReturns, strategyReturns } from "../../lib/backtest";
import { figureBundle } from "../../lib/notebook/display";
import { threeMonths } from "./three-months";

// Three months A/B/C (see strategy-returns.test.ts): best [4, 5], pred [−1, 5], proba [0.7, 3.9].
const table = joinIndexReturns(
  strategyReturns(threeMonths()),
  [
    { date: "2020-02-29", value: 10 },
    { date: "2020-03-31", value: -10 },
  ],
  "dji",
);

test("cumulativeReturnsFigure: In[48] lines (index, pred, proba) with titles, legend and hover", () => {
  const fig = cumulativeReturnsFigure(table);
  assert.deepEqual(
    fig.data.map((d) => d.name),
    ["dji_cumsum", "pred_return_cumsum", "pred_proba_return_cumsum"],
  );
  assert.deepEqual(fig.data[0].x, ["2020-02-29", "2020-03-31"]);
  assert.deepEqual(fig.data[0].y, [10, 0]);
  assert.deepEqual(fig.data[1].y, [-1, 4]);
  const yProba = fig.data[2].y as number[];
  assert.ok(Math.abs(yProba[1] - 4.6) < 1e-12);
  assert.match(String(fig.data[0].hovertemplate), /%\{y:\.2f\}/);
  const layout = fig.layout as Record<string, { title?: { text: string } }>;
  assert.equal(layout.xaxis.title?.text, "Month");
  assert.equal(layout.yaxis.title?.text, "Cumulative return (%)");
  assert.ok(layout.legend);
  // compounded: 1.1 · 0.9 − 1 = −1 %
  const comp = cumulativeReturnsFigure(table, { cumulative: "compound", series: ["dji"] });
  assert.equal(comp.data[0].name, "dji_compounded");
  assert.ok(Math.abs((comp.data[0].y as number[])[1] + 1) < 1e-12);
  assert.throws(() => cumulativeReturnsFigure(table, { series: ["nope"] }), /unknown series "nope"/);
  // displays through the notebook bundle
  assert.match(String(figureBundle(fig)["text/plain"]), /trace 0: scatter "dji_cumsum" \(2 points\)/);
});

test("drawdownFigure: drawdown of compounded wealth in percent", () => {
  const fig = drawdownFigure(table, { series: ["dji", "pred_return"] });
  assert.deepEqual(
    fig.data.map((d) => d.name),
    ["dji", "pred_return"],
  );
  const dd = fig.data[0].y as number[];
  assert.equal(dd[0], 0);
  assert.ok(Math.abs(dd[1] + 10) < 1e-12); // 1.1 → 0.99: −10 % from the peak
  const ddPred = fig.data[1].y as number[];
  assert.ok(Math.abs(ddPred[0] + 1) < 1e-12 && ddPred[1] === 0); // 0.99 → 1.0395: new peak
  const layout = fig.layout as Record<string, { title?: { text: string } }>;
  assert.equal(layout.yaxis.title?.text, "Drawdown (%)");
});
