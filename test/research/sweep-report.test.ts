/** lib/research/sweep-report.ts: display rows without timings, trial selection, DSR per configuration, the figures. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { SweepResult } from "../../lib/research/sweep";
import {
  sweepDeflatedSharpe,
  sweepHeatmapFigure,
  sweepRows,
  sweepSharpeFigure,
  sweepTrialSharpes,
} from "../../lib/research/sweep-report";

const metrics = (s: number) => ({
  accuracy: 0.4,
  top3Accuracy: 0.8,
  months: 65,
  predTotalReturn: 100 * s,
  predSharpe12: s,
  predSharpe252: s * Math.sqrt(21),
  probaTotalReturn: 50,
  probaSharpe12: s / 2,
  probaSharpe252: (s / 2) * Math.sqrt(21),
  predSkewness: 0.1,
  predKurtosis: 3.5,
});
const result = (errata: string, seed: number | null, s: number | null): SweepResult => ({
  id: `${errata}-${seed}`,
  params: { errata, featureOrderSeed: seed },
  study: {} as SweepResult["study"],
  metrics: s === null ? null : metrics(s),
  ...(s === null ? { error: "too few months" } : {}),
  seconds: 1.234,
});
const results = [
  result("corrected", null, 1.2),
  result("corrected", 1, 0.8),
  result("faithful", null, 1.5),
  result("faithful", 1, null),
];

test("sweepRows: axis values then metrics, never the timing; failed runs keep their error", () => {
  const rows = sweepRows(results);
  assert.deepEqual(Object.keys(rows[0]).slice(0, 3), ["errata", "featureOrderSeed", "accuracy"]);
  assert.equal(rows[0].featureOrderSeed, "-");
  assert.equal(rows[1].pred_sharpe_12, 0.8);
  assert.ok(rows.every((r) => !("seconds" in r)));
  assert.equal(rows[3].error, "too few months");
  assert.ok(Number.isNaN(rows[3].accuracy as number));
});

test("sweepTrialSharpes: the matching configurations that ran; fewer than two is an error", () => {
  assert.deepEqual(sweepTrialSharpes(results, { errata: "corrected" }), [1.2, 0.8]);
  assert.deepEqual(sweepTrialSharpes(results), [1.2, 0.8, 1.5]);
  assert.throws(() => sweepTrialSharpes(results, { errata: "faithful" }), /1 configuration\(s\) match/);
});

test("sweepSharpeFigure: one trace per value of the first axis, a line per baseline at its Sharpe", () => {
  const fig = sweepSharpeFigure(results, { baselines: { flat: [1, 2, 1, 2] } });
  const data = fig.data as { name: string; y: number[] }[];
  assert.deepEqual(
    data.map((d) => [d.name, d.y]),
    [
      ["errata = corrected", [1.2, 0.8]],
      ["errata = faithful", [1.5]],
    ],
  );
  const shapes = (fig.layout as { shapes: { y0: number }[] }).shapes;
  const r = [1, 2, 1, 2];
  const m = 1.5;
  const sd = Math.sqrt(r.reduce((a, x) => a + (x - m) ** 2, 0) / 3);
  assert.ok(Math.abs(shapes[0].y0 - (m / sd) * Math.sqrt(12)) < 1e-12);
});

// Expected values computed independently with SciPy (norm.cdf, norm.ppf) from Bailey & López de
// Prado's formulas: trials SR = [1.2, 0.8, 1.5] / √12 per month, N = 3, V ddof 1, T = 65,
// γ₃ = 0.1, γ₄ = 3.5.
test("sweepDeflatedSharpe: PSR(0) and DSR of each configuration against SciPy; failed runs NaN", () => {
  const d = sweepDeflatedSharpe(results);
  const expected = [
    [0.9967061298114318, 0.979269505632582],
    [0.9669786839101951, 0.8749268242756998],
    [0.999585324308083, 0.9962676806023719],
  ];
  expected.forEach(([psr, dsr], i) => {
    assert.ok(Math.abs(d[i].psr - psr) < 1e-12, `psr ${i}: ${d[i].psr}`);
    assert.ok(Math.abs(d[i].dsr - dsr) < 1e-9, `dsr ${i}: ${d[i].dsr}`);
    assert.ok(Math.abs(d[i].sr0 - 0.2994950963439919) < 1e-9, `sr0 ${i}: ${d[i].sr0}`);
    assert.ok(d[i].dsr <= d[i].psr);
  });
  assert.ok(Number.isNaN(d[3].psr) && Number.isNaN(d[3].dsr));
  const rows = sweepRows(results);
  assert.equal(rows[1].pred_dsr, d[1].dsr);
  assert.equal(rows[1].pred_psr, d[1].psr);
  // Fewer than two trials: nothing to deflate against.
  assert.ok(sweepDeflatedSharpe(results.slice(0, 1)).every((x) => Number.isNaN(x.dsr)));
  // Lines written before the moments existed read as NaN and drop out of the trials.
  const old = results.map((r) => (r.metrics ? { ...r, metrics: { ...r.metrics, predKurtosis: Number.NaN } } : r));
  assert.ok(sweepDeflatedSharpe(old).every((x) => Number.isNaN(x.dsr)));
});

test("sweepHeatmapFigure: the mean over the other axes per cell, empty cells null, bad axes named", () => {
  const more = [...results, result("corrected", null, 2.0)];
  const fig = sweepHeatmapFigure(more, { x: "featureOrderSeed", y: "errata" });
  const h = fig.data[0] as { x: string[]; y: string[]; z: (number | null)[][]; text: string[][] };
  assert.deepEqual(h.x, ["-", "1"]);
  assert.deepEqual(h.y, ["corrected", "faithful"]);
  // corrected × "-": results 0 and 4 (1.2 and 2.0) → 1.6; faithful × 1 failed → null.
  assert.deepEqual(h.z, [
    [1.6, 0.8],
    [1.5, null],
  ]);
  assert.deepEqual(h.text[0], ["1.60 (n=2)", "0.80"]);
  assert.equal(h.text[1][1], "");
  const dsr = sweepHeatmapFigure(results, { x: "featureOrderSeed", y: "errata", metric: "predDsr" });
  assert.ok(Math.abs(((dsr.data[0] as { z: number[][] }).z[0][1] as number) - 0.8749268242756998) < 1e-9);
  assert.throws(
    () => sweepHeatmapFigure(results, { x: "depth", y: "errata" }),
    /"depth" is not an axis.*errata, featureOrderSeed/,
  );
  assert.throws(() => sweepHeatmapFigure(results, { x: "errata", y: "errata" }), /different axes/);
});
