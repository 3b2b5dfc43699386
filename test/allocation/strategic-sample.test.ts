/**
 * The strategic index on the embedded sample, with the feature pipeline of notebook 01 but
 * without the (slow) model: deterministic stand-in probabilities that rotate through the classes
 * and mix them. Checks the invariants every month on real-shaped data (index changes, eight
 * sectors, 30 names) rather than the numbers, which the notebook shows.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { strategicIndex, strategicInputs, tradingSummary } from "../../lib/allocation";
import { ARTICLE_FIELDS, openDataSource } from "../../lib/data";
import { articlePipeline } from "../../lib/features";

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
