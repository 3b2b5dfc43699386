/** lib/research/sweep-report.ts: display rows without timings, trial selection, the figure. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { SweepResult } from "../../lib/research/sweep";
import { sweepRows, sweepSharpeFigure, sweepTrialSharpes } from "../../lib/research/sweep-report";

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
