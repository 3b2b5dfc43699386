/**
 * The strategic index on the embedded sample, with the feature pipeline of notebook 01 but
 * without the (slow) model: deterministic stand-in probabilities that rotate through the classes
 * and mix them. Checks the invariants every month on real-shaped data (index changes, eight
 * sectors, 30 names) rather than the numbers, which the notebook shows.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { forecastComparison, strategicIndex, strategicInputs, tradingSummary } from "../../lib/allocation";
import { ARTICLE_FIELDS, openDataSource } from "../../lib/data";
import { articlePipeline } from "../../lib/features";
import { articleBacktest } from "../../lib/pipeline";

test("sample: caps, full investment, cost identity and Brinson sums hold every month", () => {
  const features = articlePipeline(openDataSource(), { fields: ARTICLE_FIELDS });
  const classes = features.labelled.classes;
  const dates = features.labelled.frame.index.filter((d) => d >= "2019-01-01");
  const K = classes.length;
  const probabilities = dates.map((_d, t) => classes.map((_c, k) => (k === t % K ? 0.5 : 0.5 / (K - 1))));
  const inp = strategicInputs({ features, classes, retrain: { dates, probabilities } });
  const opts = { assetCap: 0.07, sectorCap: 0.24, band: 0.015 };
  const res = strategicIndex(inp.stocks, inp.forecasts, inp.classes, opts);
  assert.equal(res.months.length, dates.length - 1);
  for (const m of res.months) {
    const sum = (x: readonly number[]) => x.reduce((a, v) => a + v, 0);
    assert.ok(Math.abs(sum(m.target) - 1) < 1e-9, `${m.date}: target sums to ${sum(m.target)}`);
    assert.ok(Math.abs(sum(m.weights) - 1) < 1e-9, `${m.date}: held sums to ${sum(m.weights)}`);
    for (const [i, w] of m.target.entries()) {
      assert.ok(w >= 0 && w <= opts.assetCap + 1e-9, `${m.date} ${m.instruments[i]}: ${w}`);
      assert.ok(m.weights[i] <= opts.assetCap + opts.band + 1e-9, `${m.date} ${m.instruments[i]} held ${m.weights[i]}`);
    }
    const bySector = new Map<string, number>();
    for (const [i, s] of m.sectors.entries()) bySector.set(s, (bySector.get(s) ?? 0) + m.target[i]);
    for (const [s, w] of bySector) assert.ok(w <= opts.sectorCap + 1e-9, `${m.date} ${s}: ${w}`);
    assert.ok(Math.abs(m.grossReturn - m.netReturn - m.cost * (100 + m.grossReturn)) < 1e-12);
    const a = m.attribution;
    assert.ok(Math.abs(a.allocation + a.selection + a.interaction - (m.grossReturn - m.benchmarkReturn) / 100) < 1e-14);
  }
  const t = tradingSummary(res);
  assert.ok(t.forced >= 1, "the sample's index changes force at least one trade");
  assert.ok(t.total_cost_bps > 0 && t.rebalances > 0);
});

test("forecastComparison: one row per forecast source, each the index and the strategies of that run", () => {
  const source = openDataSource();
  const features = articlePipeline(source, { fields: ARTICLE_FIELDS });
  const classes = features.labelled.classes;
  const dates = features.labelled.frame.index.filter((d) => d >= "2019-01-01");
  const K = classes.length;
  const standIn = (shift: number) => {
    const probabilities = dates.map((_d, t) => classes.map((_c, k) => (k === (t + shift) % K ? 0.5 : 0.5 / (K - 1))));
    const predictions = dates.map((_d, t) => (t + shift) % K);
    const { backtest } = articleBacktest(source, features.labelled, { dates, predictions, probabilities });
    return {
      features,
      classes,
      retrain: { dates, probabilities },
      metrics: { accuracy: 0.1 * (shift + 1), top3Accuracy: 0.5 },
      backtest,
    };
  };
  const runs = [
    { label: "a", run: standIn(0) },
    { label: "b", run: standIn(1) },
  ];
  const opts = { band: 0.01 };
  const rows = forecastComparison(runs, opts);
  assert.deepEqual(
    rows.map((r) => [r.forecasts, r.accuracy]),
    [
      ["a", 0.1],
      ["b", 0.2],
    ],
  );
  const compound = (r: readonly number[]) => (r.reduce((g, x) => g * (1 + x / 100), 1) - 1) * 100;
  runs.forEach(({ run }, i) => {
    const inp = strategicInputs(run);
    const res = strategicIndex(inp.stocks, inp.forecasts, inp.classes, opts);
    assert.ok(Math.abs(rows[i].index_total_return - compound(res.months.map((m) => m.netReturn))) < 1e-9);
    assert.ok(Math.abs(rows[i].tilt_total_return - compound(res.months.map((m) => m.tiltReturn))) < 1e-9);
    assert.ok(Math.abs(rows[i].pred_return_total_return - compound(run.backtest.table.predReturn)) < 1e-9);
    assert.ok(Number.isFinite(rows[i].index_sharpe) && Number.isFinite(rows[i].pred_return_sharpe));
  });
  assert.notEqual(rows[0].index_total_return, rows[1].index_total_return);
});
