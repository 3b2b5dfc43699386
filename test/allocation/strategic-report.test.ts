import assert from "node:assert/strict";
import { test } from "node:test";
import {
  comparisonSeries,
  constructionTable,
  type FactorForecast,
  type StockMonth,
  sectorWeights,
  strategicIndex,
  strategicMonthTable,
  strategicPerformanceTable,
} from "../../lib/allocation";
import type { ReturnsTable } from "../../lib/backtest";
import { assertClose as close } from "../helpers";

test("strategicPerformanceTable by hand: compounding, √12 Sharpe, drawdown, TE/IR against the base", () => {
  const rows = strategicPerformanceTable({ a: [10, -10, 5], ew_base: [2, 0, 1] }, "ew_base");
  const a = rows[0];
  // 1.1·0.9·1.05 = 1.0395 → 3.95 %.
  close(a.total_return, 3.95, 1e-10);
  // mean 5/3, std √(((25/3)² + (35/3)² + (10/3)²)/2) = √(1950/18)·… computed directly:
  const m = 5 / 3;
  const sd = Math.sqrt(((10 - m) ** 2 + (-10 - m) ** 2 + (5 - m) ** 2) / 2);
  close(a.sharpe, (m / sd) * Math.sqrt(12), 1e-12);
  // Peak 1.1, trough 0.99 → −10 %.
  close(a.max_drawdown, -10, 1e-10);
  // Active [8, −10, 4]: mean 2/3, std √((7.333² + 10.667² + 3.333²)/2).
  const am = 2 / 3;
  const asd = Math.sqrt(((8 - am) ** 2 + (-10 - am) ** 2 + (4 - am) ** 2) / 2);
  close(a.tracking_error, asd * Math.sqrt(12), 1e-12);
  close(a.information_ratio, (am / asd) * Math.sqrt(12), 1e-12);
  close(a.hit_rate, 2 / 3);
  assert.ok(Number.isNaN(rows[1].tracking_error));
  assert.throws(() => strategicPerformanceTable({ a: [1, 2] }, "ew_base"), /benchmark series "ew_base" is missing/);
});

// Two names in two sectors, one decision.
const stocks: StockMonth[] = ["2021-01-31", "2021-02-28"].flatMap((date, t) =>
  ["A", "B"].map((k, i) => ({
    instrument: k,
    date,
    sector: i === 0 ? "Energy" : "Technology",
    returnPct: t === 0 ? 1 : i === 0 ? 4 : -2,
    marketCap: 1e11,
    factorWeights: { x: i === 0 ? 0.75 : 0.25 },
  })),
);
const forecasts: FactorForecast[] = [{ date: "2021-01-31", probabilities: { x: 1 } }];
const run = () => strategicIndex(stocks, forecasts, ["x"], { assetCap: 1, sectorCap: 1, costs: false });

test("sector weights, month table and construction table of a two-name month", () => {
  const res = run();
  const sw = sectorWeights(res);
  assert.deepEqual(sw.sectors, ["Energy", "Technology"]);
  close(sw.portfolio.Energy[0], 0.75);
  close(sw.benchmark.Technology[0], 0.5);
  const row = strategicMonthTable(res)[0];
  assert.equal(row.month, "2021-02-28");
  assert.equal(row.decided, "2021-01-31");
  close(row.gross, 0.75 * 4 - 0.25 * 2);
  close(row.base, 1);
  const ct = constructionTable(res, "2021-02-28");
  close(ct[0].capped, 75);
  close(ct[1].risk_parity, 50);
  assert.throws(() => constructionTable(res, "2021-03-31"), /no return month 2021-03-31/);
});

test("comparisonSeries joins the article's strategies only on identical months", () => {
  const res = run();
  const table = {
    dates: ["2021-02-28"],
    predReturn: [7],
    predProbaReturn: [6],
    index: { name: "dji", returns: [0.5] },
  } as unknown as ReturnsTable;
  const c = comparisonSeries(res, table);
  assert.deepEqual(Object.keys(c.series), [
    "strategic_net",
    "strategic_gross",
    "tilt_only",
    "ew_base",
    "pred_return",
    "pred_proba_return",
    "dji",
  ]);
  assert.deepEqual(c.series.dji, [0.5]);
  assert.throws(
    () => comparisonSeries(res, { ...table, dates: ["2021-03-31"] } as ReturnsTable),
    /month 0 is 2021-02-28 in the index, 2021-03-31 in the table/,
  );
});
