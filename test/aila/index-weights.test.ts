import assert from "node:assert/strict";
import { test } from "node:test";
import { grossTurnover, runAilaIndex, weeklyIndices } from "../../lib/aila/aila-index";
import { readDailySample } from "../../lib/aila/daily-data";
import { indexLevel } from "../../lib/aila/index-level";
import { levelStatistics } from "../../lib/aila/index-report";
import {
  actualWeightPath,
  businessDayCounter,
  expiryBucket,
  expirySchedule,
  inTradeBalancingPeriod,
  rebalanceStep,
  rebalancingCap,
} from "../../lib/aila/rebalancing";
import { generateDailySample } from "../../lib/sample/daily-sample";
import { violations } from "./fit-checks";

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test("rebalancing-cap buckets: ≤22, 23–66, 67–132, >132 business days", () => {
  assert.deepEqual([0, 22, 23, 66, 67, 132, 133, 400].map(expiryBucket), [0, 0, 1, 1, 2, 2, 3, 3]);
  const caps = [0.02, 0.015, 0.01, 0.005];
  assert.equal(rebalancingCap(22, caps), 0.02);
  assert.equal(rebalancingCap(23, caps), 0.015);
  assert.equal(rebalancingCap(133, caps), 0.005);
  assert.throws(() => expiryBucket(-1), /time to expiry must be ≥ 0/);
});

test("time to expiry and days to year end count the asset's business days", () => {
  // US calendar, Dec 2024: 24 Tue, 25 Christmas, 26 Thu, 27 Fri, 30 Mon, 31 Tue
  const count = businessDayCounter("US", "2024-12-01", "2025-01-31");
  assert.equal(count("2024-12-24", "2024-12-31"), 4);
  const s = expirySchedule(
    ["2024-12-20", "2024-12-23", "2024-12-24", "2024-12-31"],
    ["2024-12-23", "2025-01-17"],
    "US",
  );
  // 12-20 (Fri) → 12-23 (Mon): 1 day; 12-23 is expiry day: 0; 12-24 → next contract 2025-01-17
  // 12-24 → 2025-01-17: Dec 26, 27, 30, 31 + Jan 2–17 without New Year (12) = 16
  assert.deepEqual(Array.from(s.ttx), [1, 0, 16, 12]);
  assert.deepEqual(Array.from(s.toYearEnd), [6, 5, 4, 0]);
  assert.equal(s.contractExpiry[2], "2025-01-17");
});

test("trade-balancing period: zero target below 2 (Mid) / 7 (Large) days to expiry or year end", () => {
  assert.equal(inTradeBalancingPeriod(1, 100, "mid"), true);
  assert.equal(inTradeBalancingPeriod(2, 100, "mid"), false);
  assert.equal(inTradeBalancingPeriod(6, 100, "large"), true);
  assert.equal(inTradeBalancingPeriod(7, 100, "large"), false);
  assert.equal(inTradeBalancingPeriod(50, 6, "large"), true);
  assert.equal(inTradeBalancingPeriod(50, 1, "mid"), true);
  assert.equal(inTradeBalancingPeriod(Number.NaN, 50, "mid"), true); // no contract left
});

test("rebalanceStep: rebalancing cap, asset cap, sector cap wins, holiday keeps the weight", () => {
  const w = rebalanceStep({
    actual: [0, 0.1, 0.05, 0.02],
    target: [0.2, -0.1, 0.3, 0.5],
    rebalancingCaps: [0.05, 0.05, 0.05, 0.05],
    assetCaps: [0.2, 0.2, 0.08, 0.2],
  });
  // 0 + 0.05; 0.1 − 0.05; 0.05 + 0.05 → cut to the asset cap 0.08; asset 3 on its way
  for (const [i, x] of [0.05, 0.05, 0.08, 0.07].entries()) close(w[i], x);
  const s = rebalanceStep({
    actual: [0.1, 0.1, 0.1],
    target: [0.2, 0.2, 0.2],
    rebalancingCaps: [0.05, 0.05, 0.05],
    assetCaps: [1, 1, 1],
    sector: [0, 0, 0],
    sectorCaps: [0.3],
    trading: [true, true, false],
  });
  // trading assets rise to 0.15, 0.15; holiday asset fixed at 0.1; sector 0.4 > 0.3 → trading
  // assets scaled by (0.3 − 0.1)/0.3: 0.1 each (sector cap beats the rebalancing move)
  for (const [i, x] of [0.1, 0.1, 0.1].entries()) close(s[i], x);
  assert.throws(
    () => rebalanceStep({ actual: [0], target: [0.1], rebalancingCaps: [-0.01], assetCaps: [1] }),
    /caps of asset #0 must be ≥ 0/,
  );
});

test("actualWeightPath: t+1 execution, rebalancing-cap steps, holiday carry (hand-computed)", () => {
  // two assets, target 0.1 each from day 0, rebalancing cap 0.04; asset 1 is on holiday on day 2
  const T = 5;
  const wT = Array.from({ length: T }, () => Float64Array.of(0.1, 0.1));
  const trading = [
    [true, true],
    [true, true],
    [true, false],
    [true, true],
    [true, true],
  ];
  const caps = Array.from({ length: T }, () => Float64Array.of(0.04, 0.04));
  const big = Array.from({ length: T }, () => Float64Array.of(1, 1));
  const wA = actualWeightPath({ targets: wT, trading, rebalancingCaps: caps, assetCaps: big });
  const expected = [
    [0, 0], // day 0: nothing executed yet (instructions of day 0 execute on day 1)
    [0.04, 0.04],
    [0.08, 0.04], // asset 1 on holiday: carries 0.04, its instruction (0.08, decided on day 1) waits
    [0.1, 0.08], // asset 1 executes the waiting instruction
    [0.1, 0.1],
  ];
  for (let t = 0; t < T; t++) for (let i = 0; i < 2; i++) close(wA[t][i], expected[t][i]);
});

test("indexLevel: units, PnL, partial holiday with changing units, FX conversion (hand-computed)", () => {
  // asset A in USD, asset B in EUR (fixing 1.2 then 1.3, 1.3); B is on holiday on day 1
  const wA = [Float64Array.of(0.5, -0.25), Float64Array.of(0.5, -0.25), Float64Array.of(0.5, -0.25)];
  const prices = [Float64Array.of(100, 110, 99), Float64Array.of(50, Number.NaN, 55)];
  const fx = [Float64Array.of(1, 1, 1), Float64Array.of(1.2, 1.3, 1.3)];
  const r = indexLevel(wA, prices, fx, 100);
  close(r.units[0][0], 0.5);
  close(r.units[0][1], -25 / 60);
  close(r.pnl[1], 5); // B: price carried at 60 USD → zero PnL despite the FX move
  close(r.level[1], 105);
  close(r.units[1][0], 52.5 / 110);
  close(r.units[1][1], -0.4375); // units of the holiday asset change because the index moved
  close(r.pnl[2], (52.5 / 110) * -11 + -0.4375 * (71.5 - 60));
  close(r.level[2], 105 + (52.5 / 110) * -11 - 0.4375 * 11.5);
  assert.throws(
    () => indexLevel([Float64Array.of(0.1)], [Float64Array.of(Number.NaN)], [Float64Array.of(1)], 100, ["X"]),
    /asset X has weight 0.1 at row 0 but no price yet/,
  );
});

const ds = readDailySample("data/sample/daily");
const res = runAilaIndex(ds);

test("sample: constrained weights satisfy caps, sector caps, Sharpe floor, sum and signs on every day (1e-9)", () => {
  const counts: Record<string, number> = {};
  for (let t = 0; t < res.dates.length; t++) {
    const f = res.fits[t];
    counts[f.status] = (counts[f.status] ?? 0) + 1;
    const w = res.wC[t];
    for (const x of w) assert.ok(Number.isFinite(x), `NaN weight on ${res.dates[t]}`);
    const p = {
      wU: res.wU[t],
      assetCaps: res.assetCaps[t],
      sector: res.sector,
      sectorCaps: res.sectorCaps,
      sharpe: res.sharpe[t],
      sharpeFloor: f.status === "fit" || f.status === "scaled" ? res.params.sharpeFloor : undefined,
    };
    let target = Math.min(f.requestedSum, f.maxFeasibleSum);
    if (target > res.params.maxAllocation) target = res.params.maxAllocation;
    const v = violations(
      p,
      w,
      f.status === "fit" || f.status === "scaled" ? target : w.reduce((s, x) => s + Math.abs(x), 0),
    );
    for (const [name, x] of Object.entries(v))
      assert.ok(x <= 1e-9, `${res.dates[t]} (${f.status}): ${name} violated by ${x}`);
  }
  assert.ok(counts.fit > 100 && counts.scaled > 1000, JSON.stringify(counts));
});

test("sample: t+1 execution, holiday carry, target in trade-balancing period, moves within caps", () => {
  let holidayChecks = 0;
  for (let t = 1; t < res.dates.length; t++) {
    for (let i = 0; i < res.ids.length; i++) {
      const trading = !Number.isNaN(ds.prices[i][t]);
      if (!trading) {
        assert.equal(res.wA[t][i], res.wA[t - 1][i], `holiday carry ${res.ids[i]} ${res.dates[t]}`);
        holidayChecks++;
      }
      // the move into day t was decided on the asset's previous business day s < t from wA_s and
      // capped by that day's rebalancing cap unless a cap forced a larger cut
      const d = Math.abs(res.wA[t][i] - res.wA[t - 1][i]);
      if (trading && d > 0) {
        let s = t - 1;
        while (s > 0 && Number.isNaN(ds.prices[i][s])) s--;
        assert.ok(
          d <= res.rebalancingCaps[s][i] + 1e-12 || Math.abs(res.wA[t][i]) < Math.abs(res.wA[t - 1][i]) + 1e-15,
        );
      }
      if (inTradeBalancingPeriod(res.ttx[t][i], res.toYearEnd[t][i], "large")) assert.equal(res.wT[t][i], 0);
    }
  }
  assert.ok(holidayChecks > 1000);
  // t+1: the first actual weights appear one day after the first target weights
  const firstT = res.wT.findIndex((w) => w.some((x) => x !== 0));
  const firstA = res.wA.findIndex((w) => w.some((x) => x !== 0));
  assert.ok(firstA > firstT);
  assert.equal(grossTurnover(res.wA).length, res.dates.length);
  assert.ok(weeklyIndices(res.dates).length > 1000);
  for (const x of res.level) assert.ok(Number.isFinite(x) && x > 0);
});

test("bad input end to end: all-zero signals and a NaN price give zero / carried weights, never NaN", () => {
  const small = generateDailySample({ start: "2020-01-01", end: "2020-12-31" });
  const flat = { ...small, signals: small.signals.map((s) => s.map((x) => (Number.isNaN(x) ? x : 0))) };
  const r = runAilaIndex(flat);
  for (const w of [...r.wU, ...r.wC, ...r.wA]) for (const x of w) assert.equal(x, 0);
  assert.ok(r.fits.every((f) => f.status === "too-few-assets"));
  const gap = {
    ...small,
    prices: small.prices.map((p, i) => (i === 0 ? p.map((x, t) => (t === 150 ? Number.NaN : x)) : p)),
  };
  const g = runAilaIndex(gap);
  assert.equal(g.wA[150][0], g.wA[149][0]);
  for (const w of g.wA) for (const x of w) assert.ok(Number.isFinite(x));
  for (const x of g.level) assert.ok(Number.isFinite(x));
});

test("levelStatistics: hand-computed CAGR, drawdown, Sharpe", () => {
  const s = levelStatistics([100, 110, 99, 121]);
  close(s.maxDrawdown, 99 / 110 - 1);
  close(s.cagr, 1.21 ** (252 / 3) - 1, 1e-6);
  const r = [0.1, -0.1, 121 / 99 - 1];
  const m = (r[0] + r[1] + r[2]) / 3;
  const sd = Math.sqrt(r.reduce((a, b) => a + (b - m) ** 2, 0) / 2);
  close(s.sharpe, (m / sd) * Math.sqrt(252));
});

test("runAilaIndex with the standard-index correlation bias: applied on some days, never NaN", () => {
  const small = generateDailySample({ start: "2019-01-01", end: "2020-12-31" });
  const off = runAilaIndex(small);
  const on = runAilaIndex(small, { correlationPreference: { preference: "positive", maxAngle: (45 * Math.PI) / 180 } });
  assert.equal(off.biasDays, 0);
  assert.ok(on.biasDays > 50, `bias applied on ${on.biasDays} days`);
  for (const w of on.wU) for (const x of w) assert.ok(Number.isFinite(x));
  assert.notDeepEqual(on.wU.at(-1), off.wU.at(-1));
});
