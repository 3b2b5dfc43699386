import assert from "node:assert/strict";
import { test } from "node:test";
import { indexCurrencyFx, runAilaIndex } from "../../lib/aila/aila-index";
import { signalSharpeRatios } from "../../lib/aila/asset-sharpe";
import type { DailyDataset } from "../../lib/aila/daily-data";
import { indexLevel } from "../../lib/aila/index-level";
import { realisedStandardCorrelation, runSummary, tradeBalancingSummary } from "../../lib/aila/index-report";
import { expiryBucket, expirySchedule } from "../../lib/aila/rebalancing";
import { generateDailySample } from "../../lib/sample/daily-sample";

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test("signalSharpeRatios: position s(t−1)·r(t), ddof 1, expanding and rolling windows, NaN in warm-up", () => {
  // one asset: returns r = [NaN, .01, −.02, NaN, .03, .01], signals s = [1, 1, −1, NaN, 1, 1]
  // positions: t1: s0·r1 = .01; t2: s1·r2 = −.02; t3 holiday; t4: s2·r4 = −.03 (s3 NaN keeps −1);
  // t5: s4·r5 = .01
  const r = [Float64Array.from([Number.NaN, 0.01, -0.02, Number.NaN, 0.03, 0.01])];
  const s = [Float64Array.from([1, 1, -1, Number.NaN, 1, 1])];
  const sr = (xs: number[], A = 252) => {
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
    return (m / sd) * Math.sqrt(A);
  };
  const e = signalSharpeRatios(r, s, { minHistory: 2 });
  assert.ok(Number.isNaN(e[0][0]) && Number.isNaN(e[1][0]));
  close(e[2][0], sr([0.01, -0.02]));
  close(e[3][0], sr([0.01, -0.02])); // holiday: no new observation
  close(e[4][0], sr([0.01, -0.02, -0.03]));
  close(e[5][0], sr([0.01, -0.02, -0.03, 0.01]));
  const w = signalSharpeRatios(r, s, { minHistory: 2, window: 2, annualisation: 12 });
  close(w[5][0], sr([-0.03, 0.01], 12));
  close(w[4][0], sr([-0.02, -0.03], 12));
  // a constant position return has no Sharpe ratio
  const c = signalSharpeRatios([Float64Array.from([Number.NaN, 0.01, 0.01, 0.01])], [Float64Array.from([1, 1, 1, 1])], {
    minHistory: 2,
  });
  assert.ok(Number.isNaN(c[3][0]));
  assert.throws(() => signalSharpeRatios(r, s, { window: 1 }), /window.*must be ≥ 2/);
  assert.throws(() => signalSharpeRatios(r, s, { annualisation: 0 }), /annualisation.*positive/);
});

test("signalSharpeRatios: Welford stays exact where E[x²] − m² cancels", () => {
  // returns of 1e-8 ± 1e-12 around a large mean: the ratio is mean/sd·√252 with sd = 1e-12·√(n/(n−1))
  const n = 400;
  const x = Float64Array.from({ length: n + 1 }, (_, t) => (t === 0 ? Number.NaN : 1e-3 + (t % 2 ? 1e-9 : -1e-9)));
  const sig = [Float64Array.from({ length: n + 1 }, () => 1)];
  const out = signalSharpeRatios([x], sig, { minHistory: n });
  const m = 1e-3;
  const sd = 1e-9 * Math.sqrt(n / (n - 1));
  close(out[n][0] / ((m / sd) * Math.sqrt(252)), 1, 1e-6);
});

test("expirySchedule with rollDays: a rolling contract moves to the next contract 2 days before expiry", () => {
  // US calendar, May 2024: expiries May 10 and June 14; Memorial day May 27.
  const dates = ["2024-05-06", "2024-05-07", "2024-05-08", "2024-05-09", "2024-05-10", "2024-05-13"];
  const roll = expirySchedule(dates, ["2024-05-10", "2024-06-14"], "US", { rollDays: 2 });
  // May 9 → June 14: May 10, 13–17, 20–24, 28–31, June 3–7, 10–14 = 1 + 5 + 5 + 4 + 5 + 5 = 25
  assert.deepEqual(Array.from(roll.ttx), [4, 3, 2, 25, 24, 23]);
  assert.deepEqual(Array.from(roll.rolls), [0, 0, 0, 1, 0, 0]);
  assert.deepEqual(roll.contractExpiry, [
    "2024-05-10",
    "2024-05-10",
    "2024-05-10",
    "2024-06-14",
    "2024-06-14",
    "2024-06-14",
  ]);
  const held = expirySchedule(dates, ["2024-05-10", "2024-06-14"], "US");
  assert.deepEqual(Array.from(held.ttx), [4, 3, 2, 1, 0, 23]);
  assert.deepEqual(Array.from(held.rolls), [0, 0, 0, 0, 0, 1]);
});

test("rolling contracts keep their weight through the roll; fixed contracts still go flat before expiry", () => {
  const ds = generateDailySample({ start: "2019-01-01", end: "2020-12-31" });
  const roll = runAilaIndex(ds);
  const flat = runAilaIndex(ds, { rollPolicy: "flatten" });
  const n = 7; // Large Cap trade-balancing days
  let rollsWithWeight = 0;
  let fixedFlatDays = 0;
  let rollingFlatBefore = 0;
  for (const [i, a] of ds.assets.entries()) {
    for (let t = 1; t < ds.dates.length; t++) {
      const yearEnd = roll.toYearEnd[t][i] < n;
      if (a.kind === "rolling") {
        // the expiry rule never applies to the held contract under "roll" …
        if (!yearEnd) assert.equal(roll.wT[t][i], roll.wC[t][i], `${a.id} ${ds.dates[t]}: target forced flat`);
        // … and on a roll day a held position stays non-zero (it moves by at most the cap)
        if (roll.rolls[t][i] && roll.wA[t - 1][i] !== 0 && !yearEnd && roll.wT[t - 1][i] !== 0) {
          rollsWithWeight++;
          assert.notEqual(roll.wA[t][i], 0, `${a.id} ${ds.dates[t]}: flat on the roll day`);
          assert.ok(roll.ttx[t][i] > roll.ttx[t - 1][i], "time to expiry must jump to the next contract");
        }
        // under "flatten" the old behaviour: flat in the last 7 days before each expiry
        if (flat.ttx[t][i] < n && flat.wC[t][i] !== 0) {
          assert.equal(flat.wT[t][i], 0);
          rollingFlatBefore++;
        }
      } else if (roll.ttx[t][i] < n && roll.wC[t][i] !== 0) {
        assert.equal(roll.wT[t][i], 0, `${a.id} ${ds.dates[t]}: fixed contract not flat before expiry`);
        fixedFlatDays++;
      }
    }
  }
  assert.ok(rollsWithWeight > 50, `only ${rollsWithWeight} rolls with a held weight`);
  assert.ok(fixedFlatDays > 10 && rollingFlatBefore > 100, `${fixedFlatDays} / ${rollingFlatBefore}`);
  const a = tradeBalancingSummary(roll);
  const b = tradeBalancingSummary(flat);
  assert.ok(a.forcedFlatShare < b.forcedFlatShare / 2, `${a.forcedFlatShare} vs ${b.forcedFlatShare}`);
  assert.equal(b.rolls, 0);
  assert.ok(a.rolls > 0 && a.rollTurnoverPerYear > 0);
});

test("index currency EUR: cross rates from the same day's USD fixings, holidays carry the converted price", () => {
  const fxEUR = [1.1, 1.2, 1.25]; // USD per EUR
  const fxGBP = [1.3, 1.3, 1.4]; // USD per GBP
  const ds = {
    dates: ["2024-01-02", "2024-01-03", "2024-01-04"],
    assets: [
      { id: "A", currency: "USD" },
      { id: "B", currency: "GBP" },
      { id: "C", currency: "EUR" },
    ],
    fx: { EUR: Float64Array.from(fxEUR), GBP: Float64Array.from(fxGBP) },
  } as unknown as DailyDataset;
  const fx = indexCurrencyFx(ds, "EUR");
  for (let t = 0; t < 3; t++) {
    close(fx[0][t], 1 / fxEUR[t]);
    close(fx[1][t], fxGBP[t] / fxEUR[t]);
    close(fx[2][t], 1);
  }
  assert.throws(() => indexCurrencyFx(ds, "JPY"), /indexCurrency.*"JPY".*no FX fixing/);
  // A (USD) is on holiday on day 2, B (GBP) on day 1: a partial holiday each
  const prices = [Float64Array.from([100, 101, Number.NaN]), Float64Array.from([50, Number.NaN, 52])];
  const w = [Float64Array.from([0.5, 0.5]), Float64Array.from([0.5, 0.5]), Float64Array.from([0.5, 0.5])];
  const lv = indexLevel(w, prices, [fx[0], fx[1]], 100);
  // by hand: EUR prices A = 100/1.1, 101/1.2, (holiday) 101/1.2; B = 50·1.3/1.1, (holiday) same, 52·1.4/1.25
  const A = [100 / 1.1, 101 / 1.2, 101 / 1.2];
  const B = [(50 * 1.3) / 1.1, (50 * 1.3) / 1.1, (52 * 1.4) / 1.25];
  const uA0 = 50 / A[0];
  const uB0 = 50 / B[0];
  const I1 = 100 + uA0 * (A[1] - A[0]); // B's PnL is 0 on its holiday
  const uA1 = (0.5 * I1) / A[1];
  const uB1 = (0.5 * I1) / B[1];
  const I2 = I1 + uA1 * 0 + uB1 * (B[2] - B[1]); // A's PnL is 0 on its holiday
  close(lv.units[0][1], uB0, 1e-12);
  close(lv.level[1], I1, 1e-12);
  close(lv.level[2], I2, 1e-12);
  close(lv.units[1][1], uB1, 1e-12); // units re-struck on the holiday although the price did not move
  // the whole methodology in EUR runs and differs from USD only through the currency
  const sample = generateDailySample({ start: "2019-01-01", end: "2019-12-31" });
  const usd = runAilaIndex(sample);
  const eur = runAilaIndex(sample, { indexCurrency: "EUR" });
  assert.deepEqual(eur.wA, usd.wA);
  assert.notDeepEqual(eur.level, usd.level);
  assert.throws(() => runAilaIndex(sample, { indexCurrency: "CHF" }), /indexCurrency.*"CHF"/);
});

test("trading costs: I_t = (I_{t−1} + PnL_t)(1 − cost_t); per bucket, both legs of a roll; off by default", () => {
  const lv = indexLevel(
    [Float64Array.from([0.5]), Float64Array.from([0.5])],
    [Float64Array.from([10, 11])],
    [Float64Array.from([1, 1])],
    100,
    undefined,
    undefined,
    { costs: [0.001, 0.002] },
  );
  const I0 = 100 * (1 - 0.001);
  const I1 = (I0 + ((0.5 * I0) / 10) * 1) * (1 - 0.002);
  close(lv.level[0], I0);
  close(lv.level[1], I1);
  assert.throws(
    () =>
      indexLevel(
        [Float64Array.from([0])],
        [Float64Array.from([1])],
        [Float64Array.from([1])],
        100,
        undefined,
        undefined,
        { costs: [-1] },
      ),
    /costs.*\[0, 1\)/,
  );
  const ds = generateDailySample({ start: "2019-01-01", end: "2019-12-31" });
  const free = runAilaIndex(ds);
  const c = [0.0008, 0.0006, 0.0004, 0.0002] as const;
  const paid = runAilaIndex(ds, { tradingCosts: c });
  assert.ok(free.costs.every((x) => x === 0));
  assert.deepEqual(paid.wA, free.wA);
  // the cost of each day, from the formula
  let some = 0;
  for (let t = 1; t < ds.dates.length; t++) {
    let s = 0;
    for (let i = 0; i < ds.assets.length; i++) {
      const ttx = paid.ttx[t][i];
      const rate = c[Number.isNaN(ttx) ? 0 : expiryBucket(ttx)];
      s += rate * (Math.abs(paid.wA[t][i] - paid.wA[t - 1][i]) + 2 * paid.rolls[t][i] * Math.abs(paid.wA[t][i]));
    }
    close(paid.costs[t], s, 1e-15);
    if (s > 0) some++;
  }
  assert.ok(some > 100);
  assert.ok(paid.level.at(-1)! < free.level.at(-1)!);
  close(runSummary(paid).costsPerYear, (paid.costs.reduce((a, b) => a + b, 0) * 252) / ds.dates.length, 1e-15);
  assert.throws(() => runAilaIndex(ds, { tradingCosts: [0.1, 0.1, 0.1] as never }), /tradingCosts.*four finite costs/);
  assert.throws(() => runAilaIndex(ds, { tradingCosts: { NOPE: [0, 0, 0, 0] } }), /NOPE.*not an asset/);
});

test("Mid and Large logic, volatility and drawdown targets, warm-up policy: all run; options are checked", () => {
  const ds = generateDailySample({ start: "2019-01-01", end: "2020-06-30" });
  const large = runSummary(runAilaIndex(ds));
  const mid = runSummary(runAilaIndex(ds, { capLogic: "mid" }));
  const dd = runSummary(runAilaIndex(ds, { riskTarget: { type: "max-daily-drawdown", target: 0.01 } }));
  // Mid Cap logic: asset caps = 1× the rebalancing caps → lower turnover than 4× under Large
  assert.ok(mid.turnoverPerYear < large.turnoverPerYear);
  for (const s of [large, mid, dd])
    for (const v of Object.values(s)) assert.ok(!Number.isNaN(v) || v === s.standardCorrelation);
  const zero = runAilaIndex(ds);
  const neutral = runAilaIndex(ds, { sharpeWarmup: "neutral" });
  // first day: no history → 0 under "zero", the floor (0.4) under "neutral"
  assert.ok(zero.sharpe[0].every((v) => v === 0));
  assert.ok(neutral.sharpe[0].every((v) => v === 0.4));
  assert.throws(() => runAilaIndex(ds, { rollPolicy: "keep" as never }), /rollPolicy.*"roll" or "flatten"/);
  assert.throws(() => runAilaIndex(ds, { sharpeWarmup: "x" as never }), /sharpeWarmup/);
  assert.throws(() => runAilaIndex(ds, { maxScale: 0 }), /maxScale.*> 0/);
});

test("correlation preference in the whole methodology: positive raises, negative lowers the correlation", () => {
  const ds = generateDailySample({ start: "2019-01-01", end: "2020-12-31" });
  const base = runAilaIndex(ds);
  const pos = runAilaIndex(ds, { correlationPreference: { preference: "positive", degree: 2 } });
  const neg = runAilaIndex(ds, { correlationPreference: { preference: "negative", degree: 2 } });
  const c = (r: typeof base) => runSummary(r).standardCorrelation;
  assert.ok(c(pos) > c(base) + 0.2 && c(neg) < c(base) - 0.2, `${c(neg)} < ${c(base)} < ${c(pos)}`);
  // every applied day meets the bound exactly (risk-model correlation ≥ cos 60° = 0.5)
  for (let t = 0; t < ds.dates.length; t++) {
    if (Number.isNaN(pos.biasCorrelationBefore[t]) || Number.isNaN(neg.biasCorrelationBefore[t])) continue;
    if (pos.biasCorrelationAfter[t] !== pos.biasCorrelationBefore[t])
      assert.ok(pos.biasCorrelationAfter[t] >= 0.5 - 1e-12, `${ds.dates[t]}: ${pos.biasCorrelationAfter[t]}`);
    if (neg.biasCorrelationAfter[t] !== neg.biasCorrelationBefore[t])
      assert.ok(neg.biasCorrelationAfter[t] <= -0.5 + 1e-12);
  }
  assert.ok((pos.biasReasons.applied ?? 0) > 200);
  // and the realised daily-return correlation follows the preference
  assert.ok(realisedStandardCorrelation(pos.level, ds) > realisedStandardCorrelation(neg.level, ds));
});
