/**
 * Parity with the pandas reference (test/reference/backtest.py): the article's In[40]–In[47] run
 * with pandas on a seeded synthetic test period (test/fixtures/backtest/input.json) give
 * expected.json; lib/backtest must reproduce the returns table, the faithful and corrected
 * summaries and the metrics beyond the article within 1e-9 relative (absolute below magnitude 1).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import {
  CORRECTED_SUMMARY,
  type DatedValue,
  drawdownSeries,
  joinIndexReturns,
  percentChanges,
  performanceTable,
  predictionMonths,
  returnSeries,
  returnsTableColumns,
  strategyReturns,
  summaryTable,
} from "../../lib/backtest";
import { assertAllClose, assertRelClose } from "../helpers";

const dir = join(__dirname, "..", "fixtures", "backtest");
const input = JSON.parse(readFileSync(join(dir, "input.json"), "utf8"));
const expected = JSON.parse(readFileSync(join(dir, "expected.json"), "utf8"));

const TOL = 1e-9;
const close = (a: number, b: number, what: string) => assertRelClose(a, b, TOL, `${what} (pandas)`);
const closeAll = (a: ArrayLike<number>, b: number[], what: string) =>
  assertAllClose(a, b, TOL, `${what} (pandas)`, true);

function build() {
  const months = predictionMonths(input);
  const table = strategyReturns(months, { factors: input.factors });
  return joinIndexReturns(table, percentChanges(input.indexLevels as DatedValue[]), "dji");
}

test("parity: returns table (In[40]–In[45]) matches pandas", () => {
  const t = build();
  const e = expected.returnsTable;
  assert.equal(t.dates.length, 65);
  assert.deepEqual(t.dates, e.dates);
  assert.deepEqual(t.bestShifted, e.best_shifted);
  assert.deepEqual(t.predShifted, e.pred_shifted);
  assert.deepEqual(t.preds, e.preds);
  assert.deepEqual(t.bestFactorNextMonth, e.best_factor_next_month);
  const series = returnSeries(t);
  assert.deepEqual(Object.keys(series), Object.keys(e.columns));
  for (const [name, r] of Object.entries(series)) closeAll(r, e.columns[name], name);
  const cols = returnsTableColumns(t, { cumsum: true });
  for (const name of Object.keys(e.cumsum))
    closeAll(cols[`${name}_cumsum`] as number[], e.cumsum[name], `${name}_cumsum`);
});

test("parity: the index joins by calendar month even though its dates are business month ends", () => {
  const t = build();
  assert.equal(input.indexLevels[2].date, "2019-03-29");
  assert.equal(t.dates[1], "2019-03-31");
  // reversing the index returns changes nothing (a positional join would)
  const reversed = joinIndexReturns(t, percentChanges(input.indexLevels).reverse(), "dji");
  assert.deepEqual(reversed.index, t.index);
});

test("parity: faithful summary table (In[46]–In[47]) matches pandas, same order", () => {
  const rows = summaryTable(returnSeries(build()));
  assert.deepEqual(
    rows.map((r) => r.strategy),
    expected.summary.map((r: { strategy: string }) => r.strategy),
  );
  rows.forEach((r, i) => {
    close(r.cum_return, expected.summary[i].cum_return, `${r.strategy}.cum_return`);
    close(r.sharp_ratio, expected.summary[i].sharp_ratio, `${r.strategy}.sharp_ratio`);
  });
});

test("parity: corrected summary (compounded, √12) matches pandas", () => {
  const rows = summaryTable(returnSeries(build()), CORRECTED_SUMMARY);
  assert.deepEqual(
    rows.map((r) => r.strategy),
    expected.summaryCorrected.map((r: { strategy: string }) => r.strategy),
  );
  rows.forEach((r, i) => {
    close(r.cum_return, expected.summaryCorrected[i].cum_return, `${r.strategy}.cum_return`);
    close(r.sharp_ratio, expected.summaryCorrected[i].sharp_ratio, `${r.strategy}.sharp_ratio`);
  });
});

test("parity: metrics beyond the article match independent pandas code", () => {
  const t = build();
  const rows = performanceTable(t, { costBps: input.costBps });
  const series = returnSeries(t);
  assert.equal(rows.length, expected.metrics.length);
  rows.forEach((row, i) => {
    const e = expected.metrics[i];
    assert.equal(row.strategy, e.strategy);
    for (const k of ["total_return", "cagr", "volatility", "sharpe", "max_drawdown", "calmar", "hit_rate"] as const)
      close(row[k], e[k], `${row.strategy}.${k}`);
    closeAll(drawdownSeries(series[row.strategy]), e.drawdown, `${row.strategy}.drawdown`);
    if (row.strategy === "dji") return;
    for (const k of [
      "tracking_error",
      "information_ratio",
      "hit_rate_vs_index",
      "switches_per_year",
      "cagr_after_costs",
    ] as const)
      close(row[k], e[k], `${row.strategy}.${k}`);
  });
});
