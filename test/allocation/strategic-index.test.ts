import assert from "node:assert/strict";
import { test } from "node:test";
import {
  type FactorForecast,
  type StockMonth,
  sectorAttribution,
  strategicIndex,
  strategicInputs,
  tradingSummary,
} from "../../lib/allocation";
import { addMonths } from "../../lib/data/dates";
import { createRng } from "../../lib/random";
import { assertClose as close, assertAllClose as closeVec } from "../helpers";

// Hand-made case: 4 names, 2 classes, decisions at the end of Jan, Feb, Mar 2020, returns of
// Feb, Mar, Apr. Fewer than 12 months of history → every volatility falls back to 1 and ρ̄ = 0,
// so Σ = I and the risk-parity base is 1/4 each; with caps of 1 the fit returns wU = τ exactly.
const NAMES = ["A", "B", "C", "D"];
const SECT = ["S1", "S1", "S2", "S2"];
const DATES = ["2020-01-31", "2020-02-29", "2020-03-31", "2020-04-30"];
const W: Record<string, { x: number[]; y: number[] }> = {
  "2020-01-31": { x: [0.4, 0.3, 0.2, 0.1], y: [0.1, 0.2, 0.3, 0.4] },
  "2020-02-29": { x: [0.25, 0.25, 0.25, 0.25], y: [0.7, 0.1, 0.1, 0.1] },
  "2020-03-31": { x: [0.1, 0.1, 0.4, 0.4], y: [0.3, 0.3, 0.2, 0.2] },
  "2020-04-30": { x: [1, 0, 0, 0], y: [1, 0, 0, 0] }, // must never be used
};
const R: Record<string, number[]> = {
  "2020-01-31": [5, 5, 5, 5],
  "2020-02-29": [10, 0, -10, 20],
  "2020-03-31": [2, 4, 6, 8],
  "2020-04-30": [-5, 5, 0, 10],
};
const handStocks = (): StockMonth[] =>
  DATES.flatMap((d) =>
    NAMES.map((k, i) => ({
      instrument: k,
      date: d,
      sector: SECT[i],
      returnPct: R[d][i],
      marketCap: 1e11,
      factorWeights: { x: W[d].x[i], y: W[d].y[i] },
    })),
  );
const handForecasts: FactorForecast[] = [
  { date: "2020-01-31", probabilities: { x: 1, y: 0 } },
  { date: "2020-02-29", probabilities: { x: 0, y: 1 } },
  { date: "2020-03-31", probabilities: { x: 0.5, y: 0.5 } },
];

test("alignment on a hand-made 3-month case: weights decided at t-1 earn month t", () => {
  const res = strategicIndex(handStocks(), handForecasts, ["x", "y"], {
    assetCap: 1,
    sectorCap: 1,
    band: 0,
    costs: false,
  });
  assert.deepEqual(
    res.months.map((m) => [m.decisionDate, m.date]),
    [
      ["2020-01-31", "2020-02-29"],
      ["2020-02-29", "2020-03-31"],
      ["2020-03-31", "2020-04-30"],
    ],
  );
  // Base = 1/4 each; targets = τ of the decision date.
  for (const m of res.months) closeVec(m.base, [0.25, 0.25, 0.25, 0.25]);
  closeVec(res.months[0].target, [0.4, 0.3, 0.2, 0.1]);
  closeVec(res.months[1].target, [0.7, 0.1, 0.1, 0.1]);
  closeVec(res.months[2].target, [0.2, 0.2, 0.3, 0.3]);
  // By hand: Feb 0.4·10 + 0.3·0 + 0.2·(−10) + 0.1·20 = 4; Mar 0.7·2 + 0.1·(4+6+8) = 3.2;
  // Apr 0.2·(−5) + 0.2·5 + 0.3·0 + 0.3·10 = 3. Base index (equal weights): 5, 5, 2.5.
  closeVec(
    res.months.map((m) => m.grossReturn),
    [4, 3.2, 3],
  );
  closeVec(
    res.months.map((m) => m.netReturn),
    [4, 3.2, 3],
  );
  closeVec(
    res.months.map((m) => m.tiltReturn),
    [4, 3.2, 3],
  );
  closeVec(
    res.months.map((m) => m.benchmarkReturn),
    [5, 5, 2.5],
  );
  // Drift after February: [0.44, 0.30, 0.18, 0.12] / 1.04.
  closeVec(res.months[1].drifted, [0.44 / 1.04, 0.3 / 1.04, 0.18 / 1.04, 0.12 / 1.04]);
  assert.equal(res.months[1].traded, true);
  close(res.months[1].turnover, 0.5 * (0.7 - 0.44 / 1.04 + 0.3 / 1.04 - 0.1 + 0.18 / 1.04 - 0.1 + 0.12 / 1.04 - 0.1));
});

test("tilt strength 0 gives the risk-parity base; a wide band keeps the drifted weights", () => {
  const flat = strategicIndex(handStocks(), handForecasts, ["x", "y"], {
    assetCap: 1,
    sectorCap: 1,
    tiltStrength: 0,
    band: 0,
    costs: false,
  });
  closeVec(flat.months[0].target, [0.25, 0.25, 0.25, 0.25]);
  close(flat.months[0].grossReturn, 5);
  const held = strategicIndex(handStocks(), handForecasts, ["x", "y"], {
    assetCap: 1,
    sectorCap: 1,
    band: 0.9,
    costs: false,
  });
  assert.deepEqual(
    held.months.map((m) => m.traded),
    [true, false, false],
  );
  // March holds February's drifted weights: (0.44·2 + 0.30·4 + 0.18·6 + 0.12·8)/1.04.
  close(held.months[1].grossReturn, (0.44 * 2 + 0.3 * 4 + 0.18 * 6 + 0.12 * 8) / 1.04);
  assert.equal(tradingSummary(held).rebalances, 0);
});

test("costs: half-spread + square-root impact by hand, and net = gross less exactly that cost", () => {
  const V = 1e8;
  const s = 0.0005;
  const adv = 0.002 * 1e11;
  const res = strategicIndex(handStocks(), handForecasts, ["x", "y"], {
    assetCap: 1,
    sectorCap: 1,
    band: 0,
    costs: { portfolioValue: V, halfSpread: s, advFraction: 0.002, impactCoefficient: 0.8 },
  });
  // First month: initial purchase, no cost.
  assert.equal(res.months[0].cost, 0);
  close(res.months[0].netReturn, 4);
  // March: trade from the drifted weights to [0.7, 0.1, 0.1, 0.1]; σ_daily = 1 % / √21 (fallback vol 1).
  const from = [0.44 / 1.04, 0.3 / 1.04, 0.18 / 1.04, 0.12 / 1.04];
  const to = [0.7, 0.1, 0.1, 0.1];
  const sigma = 0.01 / Math.sqrt(21);
  let spread = 0;
  let impact = 0;
  for (let i = 0; i < 4; i++) {
    const q = Math.abs(to[i] - from[i]) * V;
    spread += q * s;
    impact += q * 0.8 * sigma * Math.sqrt(q / adv);
  }
  const m = res.months[1];
  close(m.spreadCost, spread / V, 1e-15);
  close(m.impactCost, impact / V, 1e-15);
  close(m.cost, (spread + impact) / V, 1e-15);
  for (const x of res.months) {
    close(x.grossReturn - x.netReturn, x.cost * (100 + x.grossReturn), 1e-12);
    assert.ok(x.cost === 0 || x.netReturn < x.grossReturn);
  }
  const t = tradingSummary(res);
  close(t.total_cost_bps, (res.months[1].cost + res.months[2].cost) * 1e4, 1e-9);
  close(t.spread_cost_bps + t.impact_cost_bps, t.total_cost_bps, 1e-9);
});

/** A random universe: 30 names in 6 sectors, 48 months of history, 24 forecasts; 2 index changes. */
function randomCase(seed: number) {
  const rng = createRng(seed);
  const classes = ["a", "b", "c", "d"];
  const stocks: StockMonth[] = [];
  let d = "2015-12-31";
  const dates: string[] = [];
  for (let t = 0; t < 48; t++) {
    d = addMonths(d, 1);
    dates.push(d);
  }
  const all = Array.from({ length: 32 }, (_, i) => `S${String(i).padStart(2, "0")}`);
  const vol = all.map(() => 3 + 5 * rng.uniform());
  dates.forEach((date, t) => {
    // S30 leaves after month 40, S31 joins at month 30 (replacing S29 from then on).
    const members = all.filter((_k, i) => (i < 29 ? true : i === 29 ? t < 30 : i === 30 ? t <= 40 : t >= 30));
    const market = 2 * rng.normal();
    const scores = classes.map(() => members.map(() => Math.exp(rng.normal())));
    members.forEach((k, j) => {
      const i = all.indexOf(k);
      const fw: Record<string, number> = {};
      classes.forEach((c, ci) => {
        fw[c] = scores[ci][j] / scores[ci].reduce((a, v) => a + v, 0);
      });
      stocks.push({
        instrument: k,
        date,
        sector: `sector${i % 6}`,
        returnPct: market + vol[i] * rng.normal(),
        marketCap: 1e10 * (1 + 20 * rng.uniform()),
        factorWeights: fw,
      });
    });
  });
  const forecasts: FactorForecast[] = dates.slice(23, 47).map((date) => {
    const p = classes.map(() => rng.uniform());
    const s = p.reduce((a, v) => a + v, 0);
    return { date, probabilities: Object.fromEntries(classes.map((c, i) => [c, p[i] / s])) };
  });
  return { stocks, forecasts, classes };
}

test("every month: targets sum to 1 and respect asset and sector caps; held weights within cap + band", () => {
  for (const seed of [1, 2, 3]) {
    const { stocks, forecasts, classes } = randomCase(seed);
    const opts = { assetCap: 0.06, sectorCap: 0.22, band: 0.01, tiltStrength: 1.5 };
    const res = strategicIndex(stocks, forecasts, classes, opts);
    assert.equal(res.months.length, 24);
    for (const m of res.months) {
      const sum = (x: readonly number[]) => x.reduce((a, v) => a + v, 0);
      close(sum(m.target), 1, 1e-9);
      close(sum(m.weights), 1, 1e-9);
      close(sum(m.unconstrained), 1, 1e-9);
      for (const w of m.target) assert.ok(w >= -1e-12 && w <= opts.assetCap + 1e-9, `${m.date}: ${w}`);
      for (const w of m.weights) assert.ok(w <= opts.assetCap + opts.band + 1e-9, `${m.date}: held ${w}`);
      const bySector = new Map<string, number>();
      m.sectors.forEach((s, i) => {
        bySector.set(s, (bySector.get(s) ?? 0) + m.target[i]);
      });
      for (const [s, w] of bySector) assert.ok(w <= opts.sectorCap + 1e-9, `${m.date} ${s}: ${w}`);
      // Non-eligible names never get a target.
      m.eligible.forEach((e, i) => {
        if (!e) assert.equal(m.target[i], 0);
      });
    }
  }
});

test("index changes: a leaver is held through the month it leaves and sold at the next decision; a joiner enters at the first decision after it joins", () => {
  const { stocks, forecasts, classes } = randomCase(7);
  const res = strategicIndex(stocks, forecasts, classes, { band: 0.5 });
  const byDate = new Map(res.months.map((m) => [m.date, m]));
  // S30 is a member up to month index 40 (2019-05-31). The decision at 2019-05-31 cannot know it
  // leaves, so it is held during 2019-06 (no return there: imputed) and sold at 2019-06-30.
  const during = byDate.get("2019-06-30")!;
  assert.deepEqual(during.missingReturns, ["S30"]);
  assert.equal(during.eligible[during.instruments.indexOf("S30")], true);
  const leave = byDate.get("2019-07-31")!;
  assert.equal(leave.forced, true);
  assert.equal(leave.traded, true);
  const i30 = leave.instruments.indexOf("S30");
  assert.ok(i30 >= 0 && !leave.eligible[i30] && leave.weights[i30] === 0 && leave.drifted[i30] > 0);
  // S29 leaves and S31 joins at month index 30 (2018-07-31): during 2018-07 S29 is still held and
  // S31 is not known yet; the decision at 2018-07-31 sells S29 and buys S31.
  const before = byDate.get("2018-07-31")!;
  assert.equal(before.instruments.includes("S31"), false);
  assert.deepEqual(before.missingReturns, ["S29"]);
  const join = byDate.get("2018-08-31")!;
  assert.equal(join.forced, true);
  assert.equal(join.eligible[join.instruments.indexOf("S31")], true);
  assert.ok(join.target[join.instruments.indexOf("S31")] > 0);
  assert.equal(join.weights[join.instruments.indexOf("S29")], 0);
  // Apart from those months, the wide band never trades after the first month.
  assert.deepEqual(
    res.months.filter((m) => m.traded).map((m) => m.date),
    [res.months[0].date, "2018-08-31", "2019-07-31"],
  );
  assert.equal(tradingSummary(res).forced, 2);
});

test("Brinson effects sum to the active return each month, linked effects to the compounded one", () => {
  const { stocks, forecasts, classes } = randomCase(11);
  const res = strategicIndex(stocks, forecasts, classes);
  for (const m of res.months) {
    const a = m.attribution;
    close(a.allocation + a.selection + a.interaction, (m.grossReturn - m.benchmarkReturn) / 100, 1e-14);
    close(a.portfolioReturn * 100, m.grossReturn, 1e-12);
    close(a.benchmarkReturn * 100, m.benchmarkReturn, 1e-12);
  }
  const { rows, linked } = sectorAttribution(res);
  const gp = res.months.reduce((g, m) => g * (1 + m.grossReturn / 100), 1);
  const gb = res.months.reduce((g, m) => g * (1 + m.benchmarkReturn / 100), 1);
  close(
    rows.reduce((s, r) => s + r.total, 0),
    (gp - gb) * 100,
    1e-10,
  );
  close(linked.activeReturn, gp - gb, 1e-12);
  close(
    rows.reduce((s, r) => s + r.average_weight, 0),
    100,
    1e-9,
  );
});

test("bad input gets errors that name the month or the constraint", () => {
  const st = handStocks();
  assert.throws(
    () => strategicIndex(st, handForecasts, ["x", "y"], { assetCap: 0.2 }),
    /caps cannot hold a fully invested index at 2020-01-31/,
  );
  assert.throws(
    () =>
      strategicIndex(st, [{ date: "2020-01-31", probabilities: { x: 0.5, y: 0.4 } }], ["x", "y"], {
        assetCap: 1,
        sectorCap: 1,
      }),
    /probabilities at 2020-01-31 sum to 0.9/,
  );
  assert.throws(
    () => strategicIndex(st, [handForecasts[0], handForecasts[2]], ["x", "y"], { assetCap: 1, sectorCap: 1 }),
    /consecutive months: 2020-01-31 is followed by 2020-03-31/,
  );
  const bad = st.map((s) => (s.instrument === "C" && s.date === "2020-02-29" ? { ...s, returnPct: Number.NaN } : s));
  // a held name without a return is not an error: it gets the other holdings' mean return, counted
  const withGap = strategicIndex(bad, handForecasts, ["x", "y"], { assetCap: 1, sectorCap: 1 });
  const feb = withGap.months.find((m) => m.date === "2020-02-29")!;
  const iC = feb.instruments.indexOf("C");
  assert.ok(feb.weights[iC] > 0, "C is held during 2020-02");
  assert.deepEqual(feb.missingReturns, ["C"]);
  const others = feb.instruments.map((k, i) => [k, i] as const).filter(([k]) => k !== "C");
  const ret = (k: string) => bad.find((x) => x.instrument === k && x.date === "2020-02-29")!.returnPct;
  const w = others.reduce((a, [, i]) => a + feb.weights[i], 0);
  close(feb.grossReturn, others.reduce((a, [k, i]) => a + feb.weights[i] * ret(k), 0) / w, 1e-12);
  assert.throws(
    () => strategicIndex(st, [{ date: "2020-04-30", probabilities: { x: 1, y: 0 } }], ["x", "y"]),
    /no constituents at return month 2020-05-31/,
  );
  assert.throws(() => strategicIndex(st, handForecasts, ["x", "z"]), /probability of z at 2020-01-31 is undefined/);
  assert.throws(() => strategicIndex(st, handForecasts, ["x", "y"], { band: -1 }), /option band = -1/);
});

test("strategicInputs: class → weight column, sector and market cap joined, last forecast dropped", () => {
  const run = {
    features: {
      dataset: [
        { Instrument: "A", Date: "2020-01-31", "TR.TRBCECONOMICSECTOR": "Energy", "TR.COMPANYMARKETCAP": 5e10 },
        { Instrument: "A", Date: "2020-02-29", "TR.TRBCECONOMICSECTOR": "Energy", "TR.COMPANYMARKETCAP": 6e10 },
      ],
      weights: [
        { Instrument: "A", Date: "2020-01-31", total_return_1m: 1.5, weight_size_based: 1, weight_value_based: 1 },
        { Instrument: "A", Date: "2020-02-29", total_return_1m: -2, weight_size_based: 1, weight_value_based: 1 },
      ],
    },
    classes: ["total_return_1m_size", "total_return_1m_value"],
    retrain: {
      dates: ["2020-01-31", "2020-02-29"],
      probabilities: [
        [0.25, 0.75],
        [0.5, 0.5],
      ],
    },
  };
  const inp = strategicInputs(run);
  assert.deepEqual(inp.forecasts, [
    { date: "2020-01-31", probabilities: { total_return_1m_size: 0.25, total_return_1m_value: 0.75 } },
  ]);
  assert.deepEqual(inp.stocks[1], {
    instrument: "A",
    date: "2020-02-29",
    sector: "Energy",
    returnPct: -2,
    marketCap: 6e10,
    factorWeights: { total_return_1m_size: 1, total_return_1m_value: 1 },
  });
  assert.equal(strategicInputs(run, { dropLast: false }).forecasts.length, 2);
  assert.throws(() => strategicInputs({ ...run, classes: ["total_return_1m_yield"] }), /lacks weight_yield_based/);
  assert.throws(
    () => strategicInputs({ ...run, features: { ...run.features, dataset: run.features.dataset.slice(1) } }),
    /no field row for A at 2020-01-31/,
  );
});
