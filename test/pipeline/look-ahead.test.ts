/**
 * The look-ahead detector (lib/pipeline/look-ahead.ts) on every path that makes decisions: for
 * several decision dates t, every input known after t is perturbed (seeded) and every decision up
 * to t must stay bit-identical — for the corrected article pipeline (default booster), the ML
 * strategic index fed by it (notebook 04) and the AiLA daily index (notebook 02). The faithful
 * pipeline must fail, and switching the errata back one at a time shows which ones trip it: the
 * four leaks E7 (market changes lead a month), E8 (same-month factor weights), E14 (return-month
 * membership) and E16 (macro at reference month), and none of the others.
 */
import assert from "node:assert/strict";
import * as path from "node:path";
import { test } from "node:test";
import { aila, allocation, data, features, pipeline } from "../../lib";

const source = data.openDataSource();
const { articleDecisions, diffDecisions, diffKinds, perturbAfter, strategicDecisions } = pipeline;

test("perturbAfter: values known by t are untouched, later ones changed, macro values by release date", () => {
  const after = "2015-06-30";
  const p = perturbAfter(source, { after, seed: 3 });
  const f = (s: data.DataSource, d: string) => s.fields(["AAPL.OQ"], data.ARTICLE_FIELDS, d)[0];
  assert.deepEqual(f(p, "2015-06-30"), f(source, "2015-06-30"));
  assert.notEqual(f(p, "2015-07-31")["TR.TOTALRETURN1MO"], f(source, "2015-07-31")["TR.TOTALRETURN1MO"]);
  const h = (s: data.DataSource, ric: string) =>
    s.history(ric, ric.endsWith("ECI") ? "VALUE" : "BID", "2015-01-01", "2015-12-31");
  const fx = h(p, "EUR=");
  const fx0 = h(source, "EUR=");
  assert.deepEqual(
    fx.filter((x) => x.Date <= after),
    fx0.filter((x) => x.Date <= after),
  );
  assert.ok(fx.filter((x) => x.Date > after).every((x, i) => x.value !== fx0.filter((y) => y.Date > after)[i].value));
  // GDP (lag 3): the value of reference month 2015-04 is released in 2015-07, after t.
  const gdp = h(p, "USGDPF=ECI");
  const gdp0 = h(source, "USGDPF=ECI");
  const at = (xs: { Date: string; value: number }[], d: string) => xs.find((x) => x.Date === d)?.value;
  assert.equal(at(gdp, "2015-03-31"), at(gdp0, "2015-03-31"));
  assert.notEqual(at(gdp, "2015-04-30"), at(gdp0, "2015-04-30"));
  // Membership: unchanged up to t, one member fewer right after.
  const m = (s: data.DataSource) =>
    data.monthlyMembership(s.historicalConstituents(".DJI", "2000-01-01", "2024-07-31"), "2024-07-31");
  const m1 = m(p);
  const m0 = m(source);
  assert.deepEqual(
    m1.filter((x) => x.Date <= after),
    m0.filter((x) => x.Date <= after),
  );
  const july = (xs: typeof m0) => xs.find((x) => x.Date === "2015-07-31")?.RIC.length;
  assert.equal(july(m1), (july(m0) as number) - 1);
  // Deterministic: the same seed gives the same data whatever the request order.
  assert.deepEqual(f(perturbAfter(source, { after, seed: 3 }), "2016-01-31"), f(p, "2016-01-31"));
});

test("corrected pipeline and the strategic index: no decision up to t changes when the future is perturbed", () => {
  const base = pipeline.runArticlePipeline(source, { errata: "corrected" });
  const baseIndex = allocation.strategicIndex(...strategicArgs(base));
  for (const [after, seed] of [
    ["2019-05-31", 11],
    ["2022-02-28", 12],
  ] as const) {
    const run = pipeline.runArticlePipeline(perturbAfter(source, { after, seed }), { errata: "corrected" });
    const a = articleDecisions(base, after);
    const b = articleDecisions(run, after);
    assert.ok(a.size > 5000, `${a.size} decisions up to ${after}`);
    for (const kind of ["feature", "label", "rfe", "prediction", "probabilities", "holdings"])
      assert.ok(
        [...a.keys()].some((k) => k.startsWith(kind)),
        `no ${kind} decision up to ${after}`,
      );
    assert.deepEqual(diffDecisions(a, b), [], `article decisions up to ${after}`);
    // ... and something after t did change (the perturbation reaches the run)
    assert.notDeepEqual(base.retrain.probabilities, run.retrain.probabilities);
    const s = strategicDecisions(baseIndex, after);
    assert.ok(s.size > 0);
    assert.deepEqual(diffDecisions(s, strategicDecisions(allocation.strategicIndex(...strategicArgs(run)), after)), []);
  }
});

function strategicArgs(run: pipeline.ArticleRun) {
  const inputs = allocation.strategicInputs(run);
  return [inputs.stocks, inputs.forecasts, inputs.classes, {}] as const;
}

test("the faithful pipeline fails the detector; E7, E8, E14 and E16 each trip it, no other erratum does", () => {
  // A small booster: which decisions depend on the future is a property of the data flow.
  const classifier = { nEstimators: 3, maxDepth: 2 };
  const after = "2020-06-30";
  const perturbed = perturbAfter(source, { after, seed: 5 });
  const trips = (errata: pipeline.ArticleErrataInput) =>
    diffKinds(
      diffDecisions(
        articleDecisions(pipeline.runArticlePipeline(source, { errata, classifier }), after),
        articleDecisions(pipeline.runArticlePipeline(perturbed, { errata, classifier }), after),
      ),
    );
  const faithful = trips("faithful");
  assert.ok(faithful.includes("feature") && faithful.includes("holdings"), `faithful trips ${faithful}`);

  const tripped: Record<string, string[]> = {};
  for (const row of pipeline.articleErrataTable()) {
    if (!row.switch) continue;
    const [area, name] = row.switch.split(".") as ["factors" | "model" | "backtest", string];
    const kinds = trips({
      ...structuredClone(pipeline.ARTICLE_CORRECTED),
      [area]: { ...pipeline.ARTICLE_CORRECTED[area], [name]: true },
    });
    if (kinds.length > 0) tripped[row.id] = kinds;
  }
  assert.deepEqual(Object.keys(tripped).sort(), ["E14", "E16", "E7", "E8"]);
  // what each leak changes: E7 and E16 the features at t, E8 and E14 the stocks held after t
  assert.ok(tripped.E7.includes("feature") && tripped.E16.includes("feature"));
  assert.ok(tripped.E8.includes("holdings") && tripped.E14.includes("holdings"));
});

test("AiLA daily index: no weight up to day t changes when later prices, signals and FX are perturbed", () => {
  const ds = aila.readDailySample(path.join(__dirname, "..", "..", "data", "sample", "daily"));
  const base = aila.runAilaIndex(ds);
  for (const [after, seed] of [
    ["2010-06-30", 21],
    ["2019-11-29", 22],
  ] as const) {
    const pd = pipeline.perturbDailyAfter(ds, { after, seed });
    const run = aila.runAilaIndex(pd);
    const a = pipeline.ailaDecisions(base, after);
    assert.ok(a.size > 2000);
    assert.deepEqual(diffDecisions(a, pipeline.ailaDecisions(run, after)), [], `AiLA decisions up to ${after}`);
    assert.notDeepEqual(Array.from(base.level), Array.from(run.level));
  }
});

test("features: the corrected factor returns use the portfolio formed a month earlier", () => {
  // hand-made two-month panel: weights at m1 earn m2's returns; a leaver's return is missing
  const row = (Instrument: string, date: string, r: number, w: number) => {
    const o: Record<string, number | string> = { Instrument, Date: date, total_return_1m: r };
    for (const f of [
      "momentum_normalized",
      "leverage_normalized",
      "profitability_normalized",
      "quality_normalized",
      "size_normalized",
      "value_normalized",
      "yield_normalized",
    ]) {
      o[f] = 0;
      o[`weight_${f.split("_")[0]}_based`] = w;
    }
    return o as unknown as Parameters<typeof features.factorFeatures>[0][number];
  };
  const rows = [
    row("A", "2020-01-31", 1, 0.25),
    row("B", "2020-01-31", 2, 0.75),
    row("A", "2020-02-29", 10, 0.5),
    row("C", "2020-02-29", 30, 0.5),
  ];
  const col = (fr: features.MonthlyFrame) => features.column(fr, "total_return_1m_size");
  // faithful: Σ w(t) r(t): Jan 0.25·1 + 0.75·2 = 1.75, Feb 0.5·10 + 0.5·30 = 20
  assert.deepEqual(col(features.factorFeatures(rows)), [1.75, 20]);
  // corrected: Jan has no formation date; Feb = A's weight at Jan earns A's Feb return, B left
  // (no return), renormalised over A: 10; with a 50 % share of B missing it needs maxMissingReturnShare ≥ 0.5
  const corrected = { errata: { ...structuredClone(pipeline.ARTICLE_CORRECTED.factors) } };
  assert.throws(
    () => features.factorFeatures(rows, corrected),
    /1 of 2 stocks formed at 2020-01-31 have no TR\.TOTALRETURN1MO for 2020-02-29/,
  );
  const c = col(features.factorFeatures(rows, { ...corrected, maxMissingReturnShare: 0.5 }));
  assert.ok(Number.isNaN(c[0]));
  assert.equal(c[1], 10);
  // E15 faithful (missing counts as 0, not renormalised): 0.25·10 = 2.5
  const zero = { errata: { ...corrected.errata, missingReturnsAsZero: true } };
  assert.equal(col(features.factorFeatures(rows, zero))[1], 2.5);
  // E14 faithful with lagged weights: members at the end of Feb (A only, C has no Jan weight)
  const later = { errata: { ...corrected.errata, returnsToReturnMonthMembers: true }, maxMissingReturnShare: 0.5 };
  assert.equal(col(features.factorFeatures(rows, later))[1], 10);
  assert.deepEqual(
    [...features.factorPortfolio(rows, "2020-02-29", "size_normalized", corrected)],
    [
      ["A", 0.25],
      ["B", 0.75],
    ],
  );
});
