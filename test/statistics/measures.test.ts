/**
 * The per-series performance measures of lib/statistics (issue 18): the layer sits below
 * lib/backtest, lib/allocation and lib/aila (imports none of them), lib/backtest re-exports the
 * same functions, the input checks live in lib/validation.ts, and the tracking errors and the
 * turnover have unambiguous names.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import * as allocation from "../../lib/allocation";
import * as backtest from "../../lib/backtest";
import * as statistics from "../../lib/statistics";
import { ArgumentError, checkConsecutiveMonths, checkFiniteReturns } from "../../lib/validation";

const dir = join(__dirname, "..", "..", "lib", "statistics");

test("lib/statistics imports nothing from lib/backtest, lib/allocation or lib/aila", () => {
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
    const imports = readFileSync(join(dir, f), "utf8").match(/from "[^"]+"/g) ?? [];
    for (const i of imports) assert.ok(!/\.\.\/(backtest|allocation|aila)\b/.test(i), `${f}: ${i}`);
  }
});

test("lib/backtest re-exports the statistics' measures (the same functions, not copies)", () => {
  const same: [unknown, unknown][] = [
    [backtest.sharpeRatio, statistics.sharpeRatio],
    [backtest.sharpeRatioDetail, statistics.sharpeRatioDetail],
    [backtest.isNumericallyZeroDeviation, statistics.isNumericallyZeroDeviation],
    [backtest.annualVolatility, statistics.annualVolatility],
    [backtest.exPostTrackingError, statistics.exPostTrackingError],
    [backtest.informationRatio, statistics.informationRatio],
    [backtest.hitRate, statistics.hitRate],
    [backtest.activeReturns, statistics.activeReturns],
    [backtest.cagr, statistics.cagr],
    [backtest.maxDrawdown, statistics.maxDrawdown],
    [backtest.drawdownSeries, statistics.drawdownSeries],
    [backtest.calmarRatio, statistics.calmarRatio],
    [backtest.growthOfOne, statistics.growthOfOne],
    [backtest.compoundedCumulative, statistics.compoundedCumulative],
    [backtest.mean, statistics.finiteMean],
    [backtest.sampleStd, statistics.finiteSampleStd],
  ];
  for (const [a, b] of same) assert.equal(a, b);
  assert.equal(backtest.MONTHLY_PERIODS, 12);
});

test("renamed: exAnteTrackingError, exPostTrackingError, oneWayTurnover; the ambiguous names are gone", () => {
  const cov = [
    [0.04, 0.01],
    [0.01, 0.09],
  ];
  const te = allocation.exAnteTrackingError([0.5, -0.5], cov);
  assert.ok(Math.abs(te - Math.sqrt(0.25 * 0.04 + 0.25 * 0.09 - 0.5 * 0.01)) < 1e-15, String(te));
  assert.equal(allocation.oneWayTurnover([1, 0], [0.25, 0.75]), 0.75);
  assert.throws(
    () => allocation.oneWayTurnover([1, 0], [1]),
    /^ArgumentError: oneWayTurnover: to has 1 values, expected 2$/,
  );
  assert.ok(!("trackingError" in allocation) && !("turnover" in allocation));
  assert.ok(!("trackingError" in backtest) && !("assertFiniteReturns" in backtest));
  assert.ok(!("assertConsecutiveMonths" in backtest));
});

test("checkFiniteReturns / checkConsecutiveMonths: the former messages, as ArgumentErrors", () => {
  assert.deepEqual(checkFiniteReturns([1, 2], "f", 2), [1, 2]);
  assert.throws(
    () => checkFiniteReturns([1], "f: series", 2),
    (e: unknown) => e instanceof ArgumentError && e.message === "f: series: need at least 2 return(s), got 1",
  );
  assert.throws(
    () => checkFiniteReturns([1, Number.NaN], "g"),
    (e: unknown) => e instanceof ArgumentError && e.message === "g: return at row 1 is NaN" && e.index === 1,
  );
  assert.deepEqual(checkConsecutiveMonths(["2020-01-31", "2020-02-29"], "m"), ["2020-01-31", "2020-02-29"]);
  assert.throws(
    () => checkConsecutiveMonths(["2020-01-31", "2020-03-31"], "m"),
    /^ArgumentError: m: missing month\(s\) between 2020-01-31 and 2020-03-31 \(rows 0 and 1\); a one-row shift/,
  );
  assert.throws(() => checkConsecutiveMonths(["2020-01-31", "2020-01-15"], "m"), /m: two rows in the same month/);
  assert.throws(() => checkConsecutiveMonths(["2020-02-29", "2020-01-31"], "m"), /m: dates not in ascending order/);
  assert.throws(() => checkConsecutiveMonths(["2020-01-31", "2020-13-31"], "m"), /m\[1\]/);
});

test("fraction units: the per-series measures equal the table's, bit for bit", () => {
  const r = [0.025, -0.0125, 0.0075, 0.03, -0.005];
  const s = statistics.performanceStatistics(r, { periodsPerYear: 12, units: "fraction" });
  assert.equal(statistics.cagr(r, 12, "fraction"), s.cagr);
  assert.equal(statistics.pathMaxDrawdown(statistics.wealthPath(r, "fraction"), "fraction"), s.max_drawdown);
  assert.equal(statistics.growthOfOne(r, "fraction").at(-1), s.final);
  assert.equal(statistics.annualVolatility(r), s.volatility);
});
