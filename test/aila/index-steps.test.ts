/**
 * The steps runAilaIndex is split into (lib/aila/aila-index.ts), each on a hand-made input with
 * expected values worked out by hand, and the orientation of a run: every per-day, per-asset
 * matrix is [day][asset].
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  ailaUniverse,
  assetBucketCosts,
  assetReturns,
  assetSharpePath,
  assetVolatilities,
  capPath,
  constrainedWeightPath,
  contractSchedule,
  equalWeightPath,
  equalWeightTargets,
  riskTargetWeights,
  runAilaIndex,
  targetWeightPath,
  tradingCostRate,
  tradingMask,
  unitWeightPath,
} from "../../lib/aila/aila-index";
import type { DailyAsset, DailyDataset } from "../../lib/aila/daily-data";
import { generateDailySample } from "../../lib/sample/daily-sample";
import { rows } from "./tiny-run";

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);
const closeRows = (a: readonly ArrayLike<number>[], b: number[][], tol = 1e-12) => {
  assert.equal(a.length, b.length);
  a.forEach((row, t) => {
    assert.equal(row.length, b[t].length);
    for (let i = 0; i < row.length; i++)
      if (Number.isNaN(b[t][i])) assert.ok(Number.isNaN(row[i]), `[${t}][${i}] = ${row[i]}, expected NaN`);
      else close(row[i], b[t][i], tol);
  });
};
const plain = (m: readonly ArrayLike<number>[]) => m.map((r) => Array.from(r));
const NaN_ = Number.NaN;

test("ailaUniverse: ids, sectors in order of appearance, default cap 35 %", () => {
  const u = ailaUniverse(
    {
      assets: [
        { id: "A", sector: "metals" },
        { id: "B", sector: "energy" },
        { id: "C", sector: "metals" },
      ] as DailyAsset[],
    },
    { energy: 0.2 },
  );
  assert.deepEqual(u.ids, ["A", "B", "C"]);
  assert.deepEqual(u.sectorNames, ["metals", "energy"]);
  assert.deepEqual(Array.from(u.sector), [0, 1, 0]);
  assert.deepEqual(Array.from(u.sectorCaps), [0.35, 0.2]);
});

test("assetReturns per asset; assetVolatilities as vol[t][i] (EWMA, L = 2, λ = 1/3)", () => {
  const r = assetReturns({
    assets: [{ id: "A" }, { id: "B" }] as DailyAsset[],
    prices: rows([
      [100, 110, Number.NaN, 99],
      [50, 50, 60, 45],
    ]),
  });
  closeRows(r, [
    [NaN_, 0.1, NaN_, -0.1],
    [NaN_, 0, 0.2, -0.25],
  ]);
  // A: r = [NaN, .01, −.02, .03]: day 2 seeds v = (.0001 + .0004)/2; day 3 v = v/3 + (2/3)·.0009
  // B: r = [NaN, .02, NaN, .01]: two observations on day 3, v = (.0004 + .0001)/2
  const vol = assetVolatilities(
    rows([
      [NaN_, 0.01, -0.02, 0.03],
      [NaN_, 0.02, NaN_, 0.01],
    ]),
    2,
  );
  closeRows(vol, [
    [NaN_, NaN_],
    [NaN_, NaN_],
    [Math.sqrt(252 * 0.00025), NaN_],
    [Math.sqrt(252 * (0.00025 / 3 + (2 / 3) * 0.0009)), Math.sqrt(252 * 0.00025)],
  ]);
});

test("contractSchedule: [day][asset] time to expiry and rolls, fixed vs rolling under both policies", () => {
  // US calendar, May 2024: expiries May 10 and June 14 (May 9 → June 14: 25 business days)
  const ds = {
    dates: ["2024-05-06", "2024-05-07", "2024-05-08", "2024-05-09", "2024-05-10", "2024-05-13"],
    assets: [
      { calendar: "US", kind: "fixed" },
      { calendar: "US", kind: "rolling" },
    ] as DailyAsset[],
    expiries: [
      ["2024-05-10", "2024-06-14"],
      ["2024-05-10", "2024-06-14"],
    ],
  };
  const roll = contractSchedule(ds, { capLogic: "mid", rollPolicy: "roll" });
  assert.deepEqual(plain(roll.ttx), [
    [4, 4],
    [3, 3],
    [2, 2],
    [1, 25],
    [0, 24],
    [23, 23],
  ]);
  assert.deepEqual(plain(roll.rolls), [
    [0, 0],
    [0, 0],
    [0, 0],
    [0, 1],
    [0, 0],
    [1, 0],
  ]);
  assert.ok(roll.rolls.every((r) => r instanceof Uint8Array));
  // one business day less to the year end per index day, the same for both assets (same calendar)
  for (let t = 1; t < 6; t++) {
    assert.equal(roll.toYearEnd[t - 1][0] - roll.toYearEnd[t][0], 1);
    assert.equal(roll.toYearEnd[t][0], roll.toYearEnd[t][1]);
  }
  const flat = contractSchedule(ds, { capLogic: "mid", rollPolicy: "flatten" });
  assert.deepEqual(plain(flat.ttx), [
    [4, 4],
    [3, 3],
    [2, 2],
    [1, 1],
    [0, 0],
    [23, 23],
  ]);
});

test("unitWeightPath: equal risk S_i/(σ_i Σ|S|), √N_eff, correlation with the standard index", () => {
  const ds = {
    dates: ["2024-01-02", "2024-01-03"],
    assets: [{ group: "g1" }, { group: "g2" }],
    prices: rows([
      [1, 1],
      [1, 1],
    ]),
    signals: rows([
      [1, Number.NaN],
      [-1, 1],
    ]),
    standardIndex: { years: [], weights: [] },
  } as unknown as DailyDataset;
  const vol = rows([
    [0.1, 0.2],
    [0.1, 0.2],
  ]);
  const p = { rLS: 1, nEffective: true, correlationPreference: null };
  // day 0: long A, short B, two groups: N_eff = (1 + 1)² / (1² + 1²) = 2 → √2 · (1/(0.1·2), −1/(0.2·2));
  // day 1: A on holiday (signal NaN = flat), B long alone: 1/0.2, N_eff = 1
  const u = unitWeightPath(ds, vol, p);
  closeRows(u.wUnit, [
    [Math.SQRT2 * 5, -Math.SQRT2 * 2.5],
    [0, 5],
  ]);
  assert.deepEqual(Array.from(u.nEff), [2, 1]);
  assert.ok(Array.from(u.biasCorrelationBefore).every(Number.isNaN));
  assert.equal(u.biasDays, 0);
  const off = unitWeightPath(ds, vol, { ...p, nEffective: false });
  closeRows(off.wUnit, [
    [5, -2.5],
    [0, 5],
  ]);
  assert.deepEqual(Array.from(off.nEff), [2, 1]); // active assets
  // standard weights b = (0.5, 0.5): X(b) = (0.05, 0.1). Day 0: X(w) ∝ (1, −1) → cos = −0.05/(√2·√0.0125)
  // = −1/√10; day 1: X(w) ∝ (0, 1) → cos = 0.1/√0.0125 = 2/√5
  const std = { ...ds, standardIndex: { years: [2024], weights: [Float64Array.from([0.5, 0.5])] } } as DailyDataset;
  const c = unitWeightPath(std, vol, p);
  closeRows(
    [c.biasCorrelationBefore, c.biasCorrelationAfter],
    [
      [-1 / Math.sqrt(10), 2 / Math.sqrt(5)],
      [-1 / Math.sqrt(10), 2 / Math.sqrt(5)],
    ],
  );
  // a preference with two assets: too few (< 5), weights unchanged, outcome counted per day
  const pref = unitWeightPath(std, vol, { ...p, correlationPreference: { preference: "positive", degree: 4 } });
  assert.deepEqual(pref.biasReasons, { "too-few-active": 2 });
  assert.equal(pref.biasDays, 0);
  closeRows(pref.wUnit, plain(c.wUnit));
});

test("riskTargetWeights: k = target / EWMA vol of yesterday's unit weights × today's returns, capped", () => {
  // L = 1 (λ = 0): PnL p = [0, .01, −.01] → σ_0 = 0 (k = 0), σ_1 = σ_2 = √(252·.0001) → k = .06/(.01·√252)
  const wUnit = rows([[1], [1], [1]]);
  const ret = rows([[NaN_, 0.01, -0.01]]);
  const k = 0.06 / (0.01 * Math.sqrt(252));
  const a = riskTargetWeights(wUnit, ret, {
    riskTarget: { type: "volatility", target: 0.06 },
    lookback: 1,
    maxScale: 10,
  });
  closeRows([a.scale], [[0, k, k]]);
  closeRows(a.wU, [[0], [k], [k]]);
  const capped = riskTargetWeights(rows([[2], [2], [2]]), ret, {
    riskTarget: { type: "volatility", target: 6 },
    lookback: 1,
    maxScale: 10,
  });
  // PnL doubles → raw k = 6/(.02·√252) ≈ 18.9 > 10
  closeRows(capped.wU, [[0], [20], [20]]);
});

test("assetSharpePath: Sharpe ratio of s(t−1)·r(t) with the warm-up filled by sharpeWarmup", () => {
  // positions: day 1: 1·.01, day 2: 1·(−.02), day 3: (−1)·.03; annualisation 1, 2 observations needed
  // day 2: mean −.005, sd .015·√2 → −1/(3√2); day 3: mean −1/75, var 13/30000 → −√(30000/13)/75
  const ret = rows([[NaN_, 0.01, -0.02, 0.03]]);
  const sig = rows([[1, 1, -1, 1]]);
  const base = { sharpeWindow: Number.POSITIVE_INFINITY, sharpeMinHistory: 2, sharpeAnnualisation: 1 };
  const sr2 = -1 / (3 * Math.SQRT2);
  const sr3 = -Math.sqrt(30000 / 13) / 75;
  closeRows(assetSharpePath(ret, sig, { ...base, sharpeFloor: 0.4, sharpeWarmup: "zero" }), [[0], [0], [sr2], [sr3]]);
  closeRows(assetSharpePath(ret, sig, { ...base, sharpeFloor: 0.4, sharpeWarmup: "neutral" }), [
    [0.4],
    [0.4],
    [sr2],
    [sr3],
  ]);
  closeRows(assetSharpePath(ret, sig, { ...base, sharpeFloor: NaN_, sharpeWarmup: "neutral" }), [
    [0],
    [0],
    [sr2],
    [sr3],
  ]);
});

test("capPath: rebalancing cap by expiry bucket (0 without contract), asset cap 4× (Large) / 1× (Mid)", () => {
  const assets = [
    { rebalancingCaps: [0.02, 0.015, 0.01, 0.005] },
    { rebalancingCaps: [0.04, 0.03, 0.02, 0.01] },
  ] as DailyAsset[];
  const ttx = rows([
    [10, 30],
    [NaN_, 200],
  ]);
  const large = capPath(assets, ttx, "large");
  assert.deepEqual(plain(large.rebalancingCaps), [
    [0.02, 0.03],
    [0, 0.01],
  ]);
  assert.deepEqual(plain(large.assetCaps), [
    [0.08, 0.12],
    [0, 0.04],
  ]);
  assert.deepEqual(plain(capPath(assets, ttx, "mid").assetCaps), [
    [0.02, 0.03],
    [0, 0.01],
  ]);
});

test("constrainedWeightPath: the exact minimum-angle fit per day, warm-started", () => {
  // wU = (0.5, −0.3, 0.2), Σ|wU| = 1, cap 0.4 on A. Projection of a = |wU| onto the cone
  // 0.4·Σy − y_A ≥ 0 (normal g = (−0.6, 0.4, 0.4), a·g = −0.1, |g|² = 0.68): y = a + g/6.8, Σy = 7/6.8
  // → |wC| = (2.8, 2.44, 1.76)/7 = (0.4, 0.34857…, 0.25142…). Day 1: caps loose → wC = wU.
  const universe = {
    ids: ["A", "B", "C"],
    sectorNames: ["energy", "metals", "equity"] as const,
    sector: Int32Array.from([0, 1, 2]),
    sectorCaps: Float64Array.from([1, 1, 1]),
  };
  const wU = rows([
    [0.5, -0.3, 0.2],
    [0.5, -0.3, 0.2],
    [0.5, -0.3, 0.2],
  ]);
  const caps = rows([
    [0.4, 1, 1],
    [1, 1, 1],
    [0.4, 1, 1],
  ]);
  const { wC, fits } = constrainedWeightPath(
    wU,
    caps,
    rows([
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]),
    { ...universe, sectorNames: [...universe.sectorNames] },
    { sharpeFloor: NaN_, maxAllocation: 1 },
  );
  const fitted = [0.4, -2.44 / 7, 1.76 / 7];
  closeRows(wC, [fitted, [0.5, -0.3, 0.2], fitted]);
  assert.deepEqual(
    fits.map((f) => f.status),
    ["fit", "fit", "fit"],
  );
  assert.ok(fits[0].binding.includes("cap:A") && fits[2].binding.includes("cap:A"));
  assert.ok(!fits[1].binding.includes("cap:A"));
  close(fits[1].angle, 0);
  close(fits[0].requestedSum, 1);
  // angle between (0.5, 0.3, 0.2) and (2.8, 2.44, 1.76)/7
  const dot = (0.5 * 2.8 + 0.3 * 2.44 + 0.2 * 1.76) / 7;
  const na = Math.sqrt(0.25 + 0.09 + 0.04);
  const nb = Math.sqrt(2.8 ** 2 + 2.44 ** 2 + 1.76 ** 2) / 7;
  close(fits[0].angle, Math.acos(dot / (na * nb)), 1e-9);
});

test("targetWeightPath: zero in the trade-balancing period (< 7 Large / < 2 Mid days, or no contract)", () => {
  const wC = rows([
    [0.1, -0.2],
    [0.3, 0.4],
  ]);
  const schedule = {
    ttx: rows([
      [6, 30],
      [7, NaN_],
    ]),
    toYearEnd: rows([
      [100, 100],
      [100, 1],
    ]),
  };
  assert.deepEqual(plain(targetWeightPath(wC, schedule, "large")), [
    [0, -0.2],
    [0.3, 0],
  ]);
  assert.deepEqual(plain(targetWeightPath(wC, schedule, "mid")), [
    [0.1, -0.2],
    [0.3, 0],
  ]);
});

test("tradingMask, equalWeightTargets, equalWeightPath: s/N_active, t+1 execution, holiday carry", () => {
  const ds = {
    dates: ["d0", "d1", "d2"],
    prices: rows([
      [1, 1, 1],
      [1, NaN_, 1],
      [1, 1, 1],
    ]),
  };
  const trading = tradingMask(ds);
  assert.deepEqual(trading, [
    [true, true, true],
    [true, false, true],
    [true, true, true],
  ]);
  const signals = rows([
    [1, 1, 0],
    [-1, NaN_, 1],
    [0, -1, 0],
  ]);
  // day 0: A long, B short → ±1/2; day 1: B closed, A long and C short → ±1/2; day 2: B alone → 1
  assert.deepEqual(plain(equalWeightTargets(signals, trading)), [
    [0.5, -0.5, 0],
    [0.5, 0, -0.5],
    [0, 1, 0],
  ]);
  // day 1: B on holiday keeps 0 (its day-0 instruction waits); day 2: A, B and C execute days 1 / 0 / 1
  assert.deepEqual(plain(equalWeightPath(signals, trading)), [
    [0, 0, 0],
    [0.5, 0, 0],
    [0.5, -0.5, -0.5],
  ]);
});

test("assetBucketCosts and tradingCostRate: cost by expiry bucket of |ΔwA| plus both legs of a roll", () => {
  const assets = { assets: [{ id: "A" }, { id: "B" }] as DailyAsset[] };
  const cA = [0.001, 0.002, 0.003, 0.004] as const;
  const cB = [0.01, 0.02, 0.03, 0.04] as const;
  assert.equal(assetBucketCosts(assets, null), null);
  assert.deepEqual(assetBucketCosts(assets, cA), [cA, cA]);
  assert.deepEqual(assetBucketCosts(assets, { A: cA }), [cA, null]);
  assert.throws(() => assetBucketCosts(assets, { Z: cA }), /names "Z", which is not an asset/);
  assert.throws(() => assetBucketCosts(assets, [0.001, -1, 0, 0]), /four finite costs ≥ 0/);
  const wA = rows([
    [0, 0],
    [0.5, -0.25],
    [0.5, 0.25],
  ]);
  const schedule = {
    ttx: rows([
      [30, 10],
      [30, NaN_],
      [200, 10],
    ]),
    rolls: [Uint8Array.from([0, 0]), Uint8Array.from([0, 0]), Uint8Array.from([1, 0])],
  };
  // A only: day 1: bucket 1–3M 0.002 · 0.5; day 2: bucket >6M 0.004 · (0 + 2·0.5) (a roll)
  closeRows([tradingCostRate(wA, schedule, [cA, null])], [[0, 0.001, 0.004]], 1e-15);
  // + B: day 1: no contract → ≤1M bucket 0.01 · 0.25; day 2: ≤1M 0.01 · 0.5
  closeRows([tradingCostRate(wA, schedule, [cA, cB])], [[0, 0.0035, 0.009]], 1e-15);
  assert.deepEqual(Array.from(tradingCostRate(wA, schedule, null)), [0, 0, 0]);
});

test("runAilaIndex: every per-day, per-asset matrix is [day][asset]; the steps compose to the run", () => {
  const ds = generateDailySample({ start: "2019-01-01", end: "2019-12-31" });
  const r = runAilaIndex(ds);
  const T = ds.dates.length;
  const n = ds.assets.length;
  for (const k of [
    "vol",
    "ttx",
    "toYearEnd",
    "rolls",
    "wU",
    "wC",
    "wT",
    "wA",
    "sharpe",
    "rebalancingCaps",
    "assetCaps",
    "equalWeight",
  ] as const) {
    assert.equal(r[k].length, T, `${k}: ${r[k].length} rows`);
    for (const row of r[k]) assert.equal(row.length, n, `${k}: a row of ${row.length}`);
  }
  // steps by hand, in the order of runAilaIndex
  const p = r.params;
  const returns = assetReturns(ds);
  const vol = assetVolatilities(returns, p.lookback);
  assert.deepEqual(vol, r.vol);
  const schedule = contractSchedule(ds, p);
  assert.deepEqual(schedule.ttx, r.ttx);
  const unit = unitWeightPath(ds, vol, p);
  const { wU, scale } = riskTargetWeights(unit.wUnit, returns, p);
  assert.deepEqual(wU, r.wU);
  assert.deepEqual(scale, r.scale);
  const sharpe = assetSharpePath(returns, ds.signals, p);
  assert.deepEqual(sharpe, r.sharpe);
  const caps = capPath(ds.assets, schedule.ttx, p.capLogic);
  assert.deepEqual(caps.assetCaps, r.assetCaps);
  const fit = constrainedWeightPath(wU, caps.assetCaps, sharpe, ailaUniverse(ds), p);
  assert.deepEqual(fit.wC, r.wC);
  assert.deepEqual(targetWeightPath(fit.wC, schedule, p.capLogic), r.wT);
  assert.deepEqual(equalWeightPath(ds.signals, tradingMask(ds)), r.equalWeight);
});
