/**
 * The steps of `strategicIndex` one by one (lib/allocation/strategic-index.ts), each on a small
 * hand-made input with the expected values worked out by hand in the comments.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  bandDecision,
  benchmarkAttribution,
  benchmarkWeights,
  blendLowVolatility,
  cappedTarget,
  executeTrade,
  type FactorForecast,
  factorTilt,
  liquidityScreen,
  resolveStrategicOptions,
  riskParityBase,
  type StockMonth,
  type StrategicBandDecision,
  strategicIndex,
  strategicMonth,
  strategicMonthInputs,
  strategicPanel,
  strategicReturns,
  tiltedTarget,
  tradeShortfall,
} from "../../lib/allocation";
import { assertClose as close, assertAllClose as closeVec } from "../helpers";

const rec = (instrument: string, date: string, o: Partial<StockMonth> = {}): StockMonth => ({
  instrument,
  date,
  sector: "S1",
  returnPct: 0,
  marketCap: 1e11,
  factorWeights: { x: 0.5, y: 0.5 },
  ...o,
});
const byName = (rs: StockMonth[]) => new Map(rs.map((r) => [r.instrument, r]));

test("resolveStrategicOptions: the documented defaults", () => {
  assert.deepEqual(resolveStrategicOptions(), {
    assetCap: 0.08,
    sectorCap: 0.25,
    tiltStrength: 1,
    covarianceWindow: 36,
    minObservations: 12,
    band: 0.02,
    costs: { portfolioValue: 1e9, halfSpread: 0.0003, advFraction: 0.003, impactCoefficient: 1 },
    rebalanceEvery: 1,
    lowVolatilityWeight: 0,
    execution: false,
    benchmark: "equal-weight",
  });
  assert.throws(() => resolveStrategicOptions({ assetCap: 2 }), /assetCap = 2 must be in \(0, 1\]/);
});

test("strategicPanel: records by date, finite returns only in the covariance rows", () => {
  const p = strategicPanel([
    rec("B", "2020-02-29", { returnPct: 2 }),
    rec("A", "2020-01-31", { returnPct: 1 }),
    rec("A", "2020-02-29", { returnPct: Number.NaN }),
  ]);
  assert.deepEqual(p.dates, ["2020-01-31", "2020-02-29"]);
  assert.deepEqual([...p.byDate.get("2020-02-29")!.keys()], ["B", "A"]);
  assert.deepEqual(
    p.returnsByDate.map((m) => [...m]),
    [[["A", 1]], [["B", 2]]],
  );
  assert.deepEqual(
    [...p.dateIndex],
    [
      ["2020-01-31", 0],
      ["2020-02-29", 1],
    ],
  );
  assert.throws(() => strategicPanel([rec("A", "2020-1-31")]), /stocks\[0\] date "2020-1-31" is not ISO/);
  assert.throws(
    () => strategicPanel([rec("A", "2020-01-31"), rec("A", "2020-01-31")]),
    /duplicate stock A at 2020-01-31/,
  );
});

test("strategicMonthInputs (step 1): decision d, return month d + 1, members at d, the window", () => {
  const p = strategicPanel([
    rec("A", "2020-01-31", { returnPct: 1 }),
    rec("A", "2020-02-29", { returnPct: 2 }),
    rec("C", "2020-02-29", { returnPct: 3 }),
    rec("B", "2020-02-29", { returnPct: 4 }),
    rec("A", "2020-03-31", { returnPct: 5 }),
  ]);
  const fc: FactorForecast[] = [
    { date: "2020-01-31", probabilities: { x: 1, y: 0 } },
    { date: "2020-02-29", probabilities: { x: 0.25, y: 0.75 } },
  ];
  const m = strategicMonthInputs(p, fc, 1, ["y", "x"], 2);
  assert.equal(m.decisionDate, "2020-02-29");
  assert.equal(m.date, "2020-03-31");
  assert.deepEqual(m.eligible, ["A", "B", "C"]);
  assert.deepEqual(m.probabilities, [0.75, 0.25]);
  assert.deepEqual(
    m.window.map((w) => [...w]),
    [
      [["A", 1]],
      [
        ["A", 2],
        ["C", 3],
        ["B", 4],
      ],
    ],
  );
  assert.deepEqual([...m.atReturn.keys()], ["A"]);
  assert.equal(strategicMonthInputs(p, fc, 1, ["y", "x"], 1).window.length, 1);
  assert.throws(
    () => strategicMonthInputs(p, [fc[0], { date: "2020-03-31", probabilities: { x: 1 } }], 1, ["x"], 2),
    /consecutive months: 2020-01-31 is followed by 2020-03-31/,
  );
  assert.throws(
    () => strategicMonthInputs(p, [{ date: "2020-01-31", probabilities: { x: 0.5 } }], 0, ["x"], 2),
    /probabilities at 2020-01-31 sum to 0.5, expected 1/,
  );
  assert.throws(
    () => strategicMonthInputs(p, [{ date: "2020-03-31", probabilities: { x: 1 } }], 0, ["x"], 2),
    /no constituents at return month 2020-04-30 \(forecast 0 dated 2020-03-31\)/,
  );
});

test("factorTilt (step 2): Σ_k p_k·s_k,i renormalised", () => {
  const rs = [
    rec("A", "2020-01-31", { factorWeights: { x: 0.3, y: 0.5 } }),
    rec("B", "2020-01-31", { factorWeights: { x: 0.1, y: 0.5 } }),
  ];
  // p = (1, 0): τ = (0.3, 0.1) / 0.4
  closeVec(factorTilt(rs, ["x", "y"], [1, 0], "2020-01-31"), [0.75, 0.25], 1e-15);
  // p = (0.5, 0.5): (0.4, 0.3) / 0.7
  closeVec(factorTilt(rs, ["x", "y"], [0.5, 0.5], "2020-01-31"), [4 / 7, 3 / 7], 1e-15);
  assert.throws(
    () => factorTilt([rec("A", "2020-01-31", { factorWeights: { x: -1 } })], ["x"], [1], "2020-01-31"),
    /factor weight x of A at 2020-01-31 is -1/,
  );
});

test("riskParityBase (step 3): σ = (2, 1), ρ̄ = 1 clipped to 0.95, weights ∝ 1/σ", () => {
  const w = [
    new Map([
      ["A", 2],
      ["B", 1],
    ]),
    new Map([
      ["A", 4],
      ["B", 2],
    ]),
    new Map([
      ["A", 6],
      ["B", 3],
    ]),
  ];
  const r = riskParityBase(["A", "B"], w, 2);
  closeVec(r.covariance.volatility, [2, 1], 1e-15);
  close(r.covariance.correlation, 0.95, 1e-15);
  closeVec(r.base, [1 / 3, 2 / 3], 1e-9);
  assert.deepEqual(riskParityBase(["A"], w, 2).base, [1]);
});

test("blendLowVolatility and tiltedTarget (step 4)", () => {
  const tilt = [0.8, 0.2];
  assert.equal(blendLowVolatility(tilt, [1, 2], 0), tilt);
  // equal volatilities: ℓ = (½, ½); 0.5·(0.8, 0.2) + 0.5·(0.5, 0.5)
  closeVec(blendLowVolatility(tilt, [3, 3], 0.5), [0.65, 0.35], 1e-15);
  // n·τ = (1.5, 0.5): γ = 1 → (0.75, 0.25); γ = 2 → (1.125, 0.125)/1.25; γ = 0 → the base
  closeVec(tiltedTarget([0.5, 0.5], [0.75, 0.25], 1), [0.75, 0.25], 1e-15);
  closeVec(tiltedTarget([0.5, 0.5], [0.75, 0.25], 2), [0.9, 0.1], 1e-15);
  closeVec(tiltedTarget([0.4, 0.6], [0.75, 0.25], 0), [0.4, 0.6], 1e-15);
});

test("liquidityScreen (step 5): caps min(assetCap, λ·M·π·ADV/V), λ stretched to full investment", () => {
  const rs = [1e6, 1e7, 1e8].map((adv, i) => rec(`N${i}`, "2020-01-31", { adv }));
  const off = liquidityScreen(rs, resolveStrategicOptions({ assetCap: 0.5 }));
  assert.deepEqual(off, { caps: [0.5, 0.5, 0.5], liquidityCapped: 0, liquidityRelaxation: 1 });
  // M·π·ADV/V = (0.002, 0.02, 0.2) sum to 0.222 < 1; with N2 at its cap 0.5, 0.5 + 0.022·λ = 1 → λ = 250/11
  const opts = resolveStrategicOptions({
    assetCap: 0.5,
    sectorCap: 1,
    costs: { portfolioValue: 1e8 },
    execution: { participationRate: 0.1, maxDaysToTrade: 2 },
  });
  const on = liquidityScreen(rs, opts);
  close(on.liquidityRelaxation, 250 / 11, 1e-9);
  closeVec(on.caps, [0.5 / 11, 5 / 11, 0.5], 1e-9);
  assert.equal(on.liquidityCapped, 2);
});

test("cappedTarget (step 5): wU inside the caps is kept; caps that cannot hold the index are an error", () => {
  const rs = ["A", "B", "C"].map((k, i) => rec(k, "2020-01-31", { sector: i < 2 ? "S1" : "S2" }));
  const fit = cappedTarget([0.5, 0.3, 0.2], rs, [1, 1, 1], 1, "2020-01-31");
  closeVec(Array.from(fit.weights), [0.5, 0.3, 0.2], 1e-12);
  close(fit.angle, 0, 1e-7);
  // sector S1 capped at 0.6: the projection of wU on 0.4·w_A + 0.4·w_B − 0.6·w_C ≤ 0 is
  // wU − μ·(0.4, 0.4, −0.6) with μ = 0.2 / 0.68, rescaled to sum 1: (0.40625, 0.19375, 0.4)
  const capped = cappedTarget([0.5, 0.3, 0.2], rs, [1, 1, 1], 0.6, "2020-01-31");
  closeVec(Array.from(capped.weights), [0.40625, 0.19375, 0.4], 1e-9);
  assert.throws(
    () => cappedTarget([0.5, 0.3, 0.2], rs, [0.2, 0.2, 0.2], 1, "2020-01-31"),
    /caps cannot hold a fully invested index at 2020-01-31/,
  );
});

test("bandDecision (step 6): drift, band, schedule and forced trades", () => {
  const first = bandDecision(["A", "B"], () => true, [0.5, 0.5], undefined, 0.02, true);
  assert.deepEqual(first, { first: true, scheduled: true, drifted: [0, 0], forced: false, traded: true, maxDrift: 0 });
  const prev = {
    weights: new Map([
      ["A", 0.5],
      ["B", 0.5],
    ]),
    returns: new Map([
      ["A", 10],
      ["B", -10],
    ]),
  };
  // ω = (0.55, 0.45) / 1; max drift 0.05
  const d = bandDecision(["A", "B"], () => true, [0.5, 0.5], prev, 0.02, true);
  closeVec(d.drifted, [0.55, 0.45], 1e-15);
  close(d.maxDrift, 0.05, 1e-15);
  assert.equal(d.traded, true);
  assert.equal(bandDecision(["A", "B"], () => true, [0.5, 0.5], prev, 0.1, true).traded, false);
  assert.equal(bandDecision(["A", "B"], () => true, [0.5, 0.5], prev, 0.02, false).traded, false);
  // B is held but no longer eligible: a forced trade whatever the band and the schedule
  const f = bandDecision(["A", "B"], (k) => k === "A", [1, 0], prev, 0.9, false);
  assert.equal(f.forced, true);
  assert.equal(f.traded, true);
});

// Rebalance ω = (0.55, 0.45) → w* = (0.5, 0.5) with V = 1e8, s = 0.001, Y = 1, monthly vol 2 %,
// ADV 5e8 for both (A from the data, B = advFraction 0.005 × cap 1e11).
const tradeCase = () => {
  const records = [rec("A", "2020-01-31", { adv: 5e8 }), rec("B", "2020-01-31")];
  const decision: StrategicBandDecision = {
    first: false,
    scheduled: true,
    drifted: [0.55, 0.45],
    forced: false,
    traded: true,
    maxDrift: 0.05,
  };
  const vol = { eligible: ["A", "B"], monthly: [2, 2] };
  const costs = { portfolioValue: 1e8, halfSpread: 0.001, advFraction: 0.005, impactCoefficient: 1 };
  return { records, decision, vol, costs };
};

test("executeTrade (step 7): costs by hand, the participation cap and the first month", () => {
  const { records, decision, vol, costs } = tradeCase();
  const sigma = 0.02 / Math.sqrt(21);
  const t = executeTrade(records, decision, [0.5, 0.5], vol, resolveStrategicOptions({ costs }), "2020-01-31");
  // Q = 5e6 each: spread 2·5e6·0.001 / 1e8; impact 2·5e6·σ·√(5e6/5e8) / 1e8
  assert.deepEqual(t.weights, [0.5, 0.5]);
  close(t.turnover, 0.05, 1e-15);
  close(t.spreadCost, 1e-4, 1e-18);
  close(t.impactCost, 0.1 * sigma * 0.1, 1e-18);
  close(t.cost, 1e-4 + 0.01 * sigma, 1e-18);
  assert.equal(t.fillRatio, 1);
  assert.equal(t.advFallbacks, 1);
  assert.deepEqual(t.adv, [5e8, 5e8]);
  // participation 0.005 of one day: θ = 0.005·5e8 / 5e6 = 0.5
  const capped = executeTrade(
    records,
    decision,
    [0.5, 0.5],
    vol,
    resolveStrategicOptions({ costs, execution: { participationRate: 0.005, tradeDays: 1 } }),
    "2020-01-31",
  );
  close(capped.fillRatio, 0.5, 1e-15);
  closeVec(capped.weights, [0.525, 0.475], 1e-15);
  close(capped.turnover, 0.025, 1e-15);
  // first month: w* bought without cost
  const first = { ...decision, first: true, drifted: [0, 0] };
  const f = executeTrade(records, first, [0.5, 0.5], vol, resolveStrategicOptions({ costs }), "2020-01-31");
  assert.deepEqual([f.weights, f.turnover, f.cost, f.adv], [[0.5, 0.5], 0, 0, []]);
  // a name that is no longer eligible gets the median volatility
  const g = executeTrade(
    records,
    decision,
    [1, 0],
    { eligible: ["A"], monthly: [2] },
    resolveStrategicOptions({ costs }),
    "x",
  );
  closeVec(g.dailyVolatility, [sigma, sigma], 1e-15);
});

test("tradeShortfall (step 7c): execution part = the cost charged, the unfilled half at the month's return", () => {
  const { records, decision, vol, costs } = tradeCase();
  const opts = resolveStrategicOptions({ costs, execution: { participationRate: 0.005, tradeDays: 1 } });
  const trade = executeTrade(records, decision, [0.5, 0.5], vol, opts, "2020-01-31");
  const sf = tradeShortfall(decision, [0.5, 0.5], trade, [10, -10], opts.costs);
  close(sf.execution, trade.cost, 1e-18);
  // unfilled: sell 2.5e6 of A that rose 10 %, buy 2.5e6 of B that fell 10 % → −5e5 / 1e8
  close(sf.opportunity, -0.005, 1e-15);
  close(sf.total, trade.cost - 0.005, 1e-15);
  assert.deepEqual(tradeShortfall({ ...decision, traded: false }, [0.5, 0.5], trade, [10, -10], opts.costs), {
    execution: 0,
    opportunity: 0,
    total: 0,
  });
});

test("strategicReturns (step 8): imputed missing return, gross, net and the tilt's return", () => {
  const atT = byName([rec("A", "2020-02-29", { returnPct: 10 }), rec("B", "2020-02-29", { returnPct: -5 })]);
  // C has no return: (0.5·10 − 0.3·5) / 0.8 = 4.375; gross 5 − 1.5 + 0.2·4.375 = 4.375
  const r = strategicReturns(["A", "B", "C"], [0.5, 0.3, 0.2], ["A", "B"], [0.6, 0.4], atT, 0.001, "2020-02-29");
  closeVec(r.returns, [10, -5, 4.375], 1e-15);
  assert.deepEqual(r.missingReturns, ["C"]);
  close(r.grossReturn, 4.375, 1e-14);
  close(r.netReturn, (0.999 * 1.04375 - 1) * 100, 1e-12);
  close(r.tiltReturn, 4, 1e-14);
});

test("benchmarkWeights and benchmarkAttribution (step 9)", () => {
  const atD = byName([rec("A", "2020-01-31", { marketCap: 300 }), rec("C", "2020-01-31")]);
  const atT = byName([
    rec("A", "2020-02-29", { returnPct: 10 }),
    rec("B", "2020-02-29", { returnPct: 10, marketCap: 110 }),
    rec("C", "2020-02-29", { returnPct: Number.NaN }),
  ]);
  const eq = benchmarkWeights("equal-weight", ["A", "C"], [0.5, 0.5], atD, atT, "2020-02-29");
  assert.deepEqual(
    [...eq.weights],
    [
      ["A", 0.5],
      ["B", 0.5],
    ],
  );
  // cap at the start of February: A 300 (at d), the joiner B 110 / 1.1 = 100
  const cw = benchmarkWeights("cap-weight", ["A", "C"], [0.5, 0.5], atD, atT, "2020-02-29");
  closeVec([...cw.weights.values()], [0.75, 0.25], 1e-15);
  // the risk-parity base over the eligible names; C's return imputed with those weights (= A's 10)
  const rp = benchmarkWeights("risk-parity", ["A", "C"], [0.6, 0.4], atD, atT, "2020-02-29");
  assert.deepEqual(
    [...rp.weights],
    [
      ["A", 0.6],
      ["C", 0.4],
    ],
  );
  assert.deepEqual(
    [...rp.returns],
    [
      ["A", 10],
      ["C", 10],
    ],
  );
  // all in A (sector S1, +10 %) against ½ A + ½ B (sector S2, 0 %): allocation (½)(0.1 − 0.05) + (−½)(0 − 0.05)
  const ret: Record<string, number> = { A: 10, B: 0 };
  const sec: Record<string, string> = { A: "S1", B: "S2" };
  const att = benchmarkAttribution(
    "equal-weight",
    new Map([
      ["A", 0.5],
      ["B", 0.5],
    ]),
    ["A", "B"],
    [1, 0],
    (k) => ret[k],
    (k) => sec[k],
    "2020-02-29",
  );
  close(att.benchmarkReturn, 5, 1e-15);
  assert.deepEqual(
    att.segments.map((s) => [s.segment, s.portfolioWeight, s.benchmarkWeight, s.benchmarkReturn]),
    [
      ["S1", 1, 0.5, 0.1],
      ["S2", 0, 0.5, 0],
    ],
  );
  close(att.attribution.allocation, 0.05, 1e-15);
  close(att.attribution.selection + att.attribution.interaction, 0, 1e-15);
});

test("strategicMonth: one month of the hand case equals strategicIndex's first month", () => {
  const stocks = ["A", "B"].flatMap((k, i) =>
    ["2020-01-31", "2020-02-29"].map((d, j) =>
      rec(k, d, { sector: `S${i}`, returnPct: [5, 10][j] * (i + 1), factorWeights: { x: [0.75, 0.25][i] } }),
    ),
  );
  const fc: FactorForecast[] = [{ date: "2020-01-31", probabilities: { x: 1 } }];
  const opts = resolveStrategicOptions({ assetCap: 1, sectorCap: 1, costs: false });
  const inputs = strategicMonthInputs(strategicPanel(stocks), fc, 0, ["x"], opts.covarianceWindow);
  const r = strategicMonth(inputs, ["x"], opts, {
    tiltStrength: 1,
    scheduled: true,
    previous: undefined,
    lastSeen: inputs.atDecision,
  });
  // Σ = I (too little history), base ½ each, target = τ = (0.75, 0.25); gross 0.75·10 + 0.25·20
  closeVec(r.month.target, [0.75, 0.25], 1e-12);
  close(r.month.grossReturn, 12.5, 1e-12);
  close(r.month.benchmarkReturn, 15, 1e-15);
  assert.deepEqual(
    [...r.holdings.returns],
    [
      ["A", 10],
      ["B", 20],
    ],
  );
  assert.deepEqual(r.month, strategicIndex(stocks, fc, ["x"], { assetCap: 1, sectorCap: 1, costs: false }).months[0]);
});
