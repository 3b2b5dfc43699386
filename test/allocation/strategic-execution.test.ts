import assert from "node:assert/strict";
import { test } from "node:test";
import { type FactorForecast, lowVolatilityWeights, type StockMonth, strategicIndex } from "../../lib/allocation";
import { ArgumentError } from "../../lib/validation";
import { assertClose as close, assertAllClose as closeVec } from "../helpers";

// The hand-made case of strategic-index.test.ts: 4 names, fewer than 12 months of history, so
// Σ = I (monthly vol 1 %), base 1/4 each; with caps of 1 the targets are the tilts τ.
const NAMES = ["A", "B", "C", "D"];
const SECT = ["S1", "S1", "S2", "S2"];
const DATES = ["2020-01-31", "2020-02-29", "2020-03-31", "2020-04-30"];
const W: Record<string, { x: number[]; y: number[] }> = {
  "2020-01-31": { x: [0.4, 0.3, 0.2, 0.1], y: [0.1, 0.2, 0.3, 0.4] },
  "2020-02-29": { x: [0.25, 0.25, 0.25, 0.25], y: [0.7, 0.1, 0.1, 0.1] },
  "2020-03-31": { x: [0.1, 0.1, 0.4, 0.4], y: [0.3, 0.3, 0.2, 0.2] },
  "2020-04-30": { x: [1, 0, 0, 0], y: [1, 0, 0, 0] },
};
const R: Record<string, number[]> = {
  "2020-01-31": [5, 5, 5, 5],
  "2020-02-29": [10, 0, -10, 20],
  "2020-03-31": [2, 4, 6, 8],
  "2020-04-30": [-5, 5, 0, 10],
};
const stocks = (extra: (i: number) => Partial<StockMonth> = () => ({})): StockMonth[] =>
  DATES.flatMap((d) =>
    NAMES.map((k, i) => ({
      instrument: k,
      date: d,
      sector: SECT[i],
      returnPct: R[d][i],
      marketCap: 1e11,
      factorWeights: { x: W[d].x[i], y: W[d].y[i] },
      ...extra(i),
    })),
  );
const forecasts: FactorForecast[] = [
  { date: "2020-01-31", probabilities: { x: 1, y: 0 } },
  { date: "2020-02-29", probabilities: { x: 0, y: 1 } },
  { date: "2020-03-31", probabilities: { x: 0.5, y: 0.5 } },
];
const caps = { assetCap: 1, sectorCap: 1, band: 0 };
const V = 1e8;
const s = 0.0005;

test("participation cap: the trade is scaled by θ = π·D·ADV / max|Δ|·V (hand) and costs/shortfall follow", () => {
  const res = strategicIndex(
    stocks(() => ({ adv: 1e6 })),
    forecasts,
    ["x", "y"],
    {
      ...caps,
      costs: { portfolioValue: V, halfSpread: s, impactCoefficient: 1 },
      execution: { participationRate: 0.1, tradeDays: 1 },
    },
  );
  const m = res.months[1];
  const omega = [0.44, 0.3, 0.18, 0.12].map((x) => x / 1.04);
  closeVec(m.drifted, omega);
  const target = [0.7, 0.1, 0.1, 0.1];
  const delta = target.map((x, i) => x - omega[i]);
  const theta = (0.1 * 1 * 1e6) / (Math.max(...delta.map(Math.abs)) * V);
  close(m.fillRatio, theta, 1e-15);
  closeVec(
    m.weights,
    omega.map((x, i) => x + theta * delta[i]),
    1e-15,
  );
  close(
    m.weights.reduce((a, x) => a + x, 0),
    1,
    1e-14,
  );
  for (const [i, w] of m.weights.entries()) assert.ok(Math.abs(w - omega[i]) * V <= 0.1 * 1e6 * (1 + 1e-12));
  assert.equal(m.advFallbacks, 0);
  // cost of the executed trade by hand: Q_i = θ|Δ_i|V, σ = 1 %/√21 per day
  const sig = 0.01 / Math.sqrt(21);
  const cost = delta.reduce((a, dl) => {
    const q = theta * Math.abs(dl) * V;
    return a + q * s + q * sig * Math.sqrt(q / 1e6);
  }, 0);
  close(m.cost, cost / V, 1e-15);
  // shortfall: execution = the cost; opportunity = (1 − θ)·Σ Δ_i·R_Mar,i / 100 (paper trades all)
  close(m.shortfall.execution, m.cost, 1e-15);
  const opp = (1 - theta) * delta.reduce((a, dl, i) => a + (dl * R["2020-03-31"][i]) / 100, 0);
  close(m.shortfall.opportunity, opp, 1e-15);
  close(m.shortfall.total, m.cost + opp, 1e-15);
  // the first month (initial purchase) is neither capped nor charged
  assert.equal(res.months[0].fillRatio, 1);
  assert.equal(res.months[0].cost, 0);
});

test("ADV fallback: without an adv field every traded name uses advFraction × market cap", () => {
  const res = strategicIndex(stocks(), forecasts, ["x", "y"], { ...caps, costs: { portfolioValue: V } });
  assert.deepEqual(
    res.months.map((m) => m.advFallbacks),
    [0, 4, 4],
  );
  const withAdv = strategicIndex(
    stocks(() => ({ adv: 0.003 * 1e11 })),
    forecasts,
    ["x", "y"],
    {
      ...caps,
      costs: { portfolioValue: V },
    },
  );
  // the same ADV given as data gives the same costs
  closeVec(
    withAdv.months.map((m) => m.cost),
    res.months.map((m) => m.cost),
    1e-18,
  );
  assert.equal(withAdv.months[1].advFallbacks, 0);
});

test("liquidity screen: cap_i = min(assetCap, M·π·ADV_i / V) (hand: A at 0.002)", () => {
  const res = strategicIndex(
    stocks((i) => ({ adv: i === 0 ? 1e6 : 1e9 })),
    forecasts,
    ["x", "y"],
    {
      ...caps,
      costs: { portfolioValue: V },
      execution: { participationRate: 0.1, maxDaysToTrade: 2 },
    },
  );
  for (const m of res.months) {
    assert.ok(m.target[0] <= 0.002 + 1e-12, `${m.date}: ${m.target[0]}`);
    assert.equal(m.liquidityCapped, 1);
  }
  close(res.months[0].target[0], 0.002, 1e-9);
});

test("rebalanceEvery 2: the band is consulted every second month only", () => {
  const res = strategicIndex(stocks(), forecasts, ["x", "y"], { ...caps, costs: false, rebalanceEvery: 2 });
  assert.deepEqual(
    res.months.map((m) => [m.scheduled, m.traded]),
    [
      [true, true],
      [false, false],
      [true, true],
    ],
  );
});

test("benchmarks: cap-weight and risk-parity base indices (hand)", () => {
  const capW = strategicIndex(
    stocks((i) => ({ marketCap: i === 0 ? 3e11 : 1e11 })),
    forecasts,
    ["x", "y"],
    {
      ...caps,
      costs: false,
      benchmark: "cap-weight",
    },
  );
  // caps at d: A 0.5, others 1/6: Feb 0.5·10 + (0 − 10 + 20)/6
  close(capW.months[0].benchmarkReturn, 5 + 10 / 6);
  const seg = capW.months[0].attribution;
  close(
    seg.allocation + seg.selection + seg.interaction,
    (capW.months[0].grossReturn - capW.months[0].benchmarkReturn) / 100,
    1e-14,
  );
  const rp = strategicIndex(stocks(), forecasts, ["x", "y"], { ...caps, costs: false, benchmark: "risk-parity" });
  // base 1/4 each = equal weight here
  closeVec(
    rp.months.map((m) => m.benchmarkReturn),
    [5, 5, 2.5],
  );
});

test("tiltSchedule and the low-volatility factor (hand)", () => {
  const sched = strategicIndex(stocks(), forecasts, ["x", "y"], {
    ...caps,
    costs: false,
    tiltSchedule: { "2020-01-31": 0 },
  });
  closeVec(sched.months[0].target, [0.25, 0.25, 0.25, 0.25]);
  assert.equal(sched.months[0].tiltStrength, 0);
  assert.equal(sched.months[1].tiltStrength, 1);
  // equal volatilities → ℓ = 1/4: τ' = ½τ + 1/8
  const lv = strategicIndex(stocks(), forecasts, ["x", "y"], { ...caps, costs: false, lowVolatilityWeight: 0.5 });
  closeVec(lv.months[0].target, [0.325, 0.275, 0.225, 0.175]);
  // ℓ for volatilities 1, 2, 3: z = (−√1.5, 0, √1.5), ℓ ∝ e^{−z}
  const l = lowVolatilityWeights([1, 2, 3]);
  const z = Math.sqrt(1.5);
  const e = [Math.exp(z), 1, Math.exp(-z)];
  const t = e[0] + e[1] + e[2];
  closeVec(
    l,
    e.map((x) => x / t),
  );
});

test("bad execution options throw ArgumentError", () => {
  assert.throws(
    () => strategicIndex(stocks(), forecasts, ["x", "y"], { ...caps, costs: false, execution: {} }),
    ArgumentError,
  );
  assert.throws(
    () => strategicIndex(stocks(), forecasts, ["x", "y"], { ...caps, execution: { participationRate: 2 } }),
    ArgumentError,
  );
  assert.throws(() => strategicIndex(stocks(), forecasts, ["x", "y"], { ...caps, rebalanceEvery: 0 }), ArgumentError);
});

test("liquidity screen: caps too tight to be fully invested are stretched by the smallest λ (hand: λ = 25)", () => {
  // every name: M·π·ADV/V = 1·0.1·1e7/1e8 = 0.01 → Σ caps 0.04 < 1; λ = 25 makes each cap 0.25, Σ = 1
  const res = strategicIndex(
    stocks(() => ({ adv: 1e7 })),
    forecasts,
    ["x", "y"],
    {
      ...caps,
      costs: { portfolioValue: V },
      execution: { participationRate: 0.1, maxDaysToTrade: 1 },
    },
  );
  for (const m of res.months) {
    close(m.liquidityRelaxation, 25, 1e-9);
    closeVec(m.target, [0.25, 0.25, 0.25, 0.25], 1e-9);
  }
});
