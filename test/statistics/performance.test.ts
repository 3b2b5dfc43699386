/**
 * lib/statistics/performance.ts — the one performance table — against independent references.
 * Expected values were computed with numpy 1.24 (/usr/bin/python3) from the empyrical formulas:
 *   x, b = monthly percent returns (D, B below); w = np.cumprod(1 + x/100); path = [1, *w]
 *   total = (w[-1] − 1)·100, cagr = (w[-1]**(P/n) − 1)·100, vol = x.std(ddof=1)·√P,
 *   sharpe = x.mean()/x.std(ddof=1)·√P, mdd = min(path/np.maximum.accumulate(path) − 1)·100,
 *   calmar = cagr/|mdd|, TE = (x−b).std(ddof=1)·√P, IR = (x−b).mean()/(x−b).std(ddof=1)·√P,
 *   hit = mean(x > 0), hit vs b = mean(x > b)
 * for P = 12 and P = 252, the same in fractions, and an index level (r = L_t/L_{t−1} − 1).
 * Also: bit-for-bit agreement with lib/backtest's percent-return functions, alignment, NaN and
 * option errors, labels and column order.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { cagr, calmarRatio, growthOfOne, maxDrawdown } from "../../lib/backtest";
import { PERFORMANCE_STATISTICS, performanceStatistics, performanceTable } from "../../lib/statistics";

const close = (a: unknown, b: number, tol = 1e-12) =>
  assert.ok(
    typeof a === "number" && Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)),
    `${String(a)} vs ${b} (tol ${tol})`,
  );

const D = [2.5, -1.25, 0.75, 3.0, -0.5, 1.75, 0.0, -2.25];
const B = [1.0, -0.5, 0.5, 2.0, 0.25, 1.0, -0.75, -1.0];

const EXPECTED: Record<12 | 252, Record<string, number>> = {
  12: {
    total_return: 3.9483293847708545,
    cagr: 5.980574858464749,
    volatility: 6.380774695464941,
    sharpe: 0.9403246919632544,
    max_drawdown: -2.2499999999999964,
    calmar: 2.6580332704287817,
    tracking_error: 3.4252215778169526,
    information_ratio: 0.6568918094443471,
    hit_rate: 0.5,
    hit_rate_vs_benchmark: 0.625,
    final: 1.0394832938477085,
  },
  252: {
    total_return: 3.9483293847708545,
    cagr: 238.65047450715574,
    volatility: 29.240383034426895,
    sharpe: 4.309109078757647,
    max_drawdown: -2.2499999999999964,
    calmar: 106.06687755873605,
    tracking_error: 15.696337152342263,
    information_ratio: 3.0102564401752288,
    hit_rate: 0.5,
    hit_rate_vs_benchmark: 0.625,
    final: 1.0394832938477085,
  },
};

for (const P of [12, 252] as const) {
  test(`monthly percent returns, periodsPerYear ${P}: every statistic matches numpy`, () => {
    const s = performanceStatistics(D, { periodsPerYear: P, units: "percent", benchmark: B });
    assert.deepEqual(Object.keys(s), [...PERFORMANCE_STATISTICS]);
    for (const [k, v] of Object.entries(EXPECTED[P])) close(s[k as keyof typeof s], v);
  });
}

test("periodsPerYear 252 vs 12: volatility, Sharpe, TE, IR scale by √21, CAGR by the exponent, the rest not", () => {
  const m = performanceStatistics(D, { periodsPerYear: 12, units: "percent", benchmark: B });
  const d = performanceStatistics(D, { periodsPerYear: 252, units: "percent", benchmark: B });
  for (const k of ["volatility", "sharpe", "tracking_error", "information_ratio"] as const)
    close(d[k] / m[k], Math.sqrt(21));
  for (const k of ["total_return", "max_drawdown", "hit_rate", "hit_rate_vs_benchmark", "final"] as const)
    assert.equal(d[k], m[k]);
  close(((1 + d.cagr / 100) ** (8 / 252) - 1) * 100, d.total_return); // same growth, other years
});

test("fractions: return-like statistics are the percent ones / 100, ratios and hit rates unchanged", () => {
  const s = performanceStatistics(
    D.map((v) => v / 100),
    { periodsPerYear: 12, units: "fraction", benchmark: B.map((v) => v / 100) },
  );
  close(s.total_return, 0.039483293847708545);
  close(s.cagr, 0.05980574858464749);
  close(s.volatility, 0.06380774695464941);
  close(s.sharpe, 0.9403246919632546);
  close(s.max_drawdown, -0.022499999999999964);
  close(s.calmar, 2.6580332704287817);
  close(s.tracking_error, 0.03425221577816953);
  close(s.information_ratio, 0.656891809444347);
  assert.equal(s.hit_rate, 0.5);
  assert.equal(s.hit_rate_vs_benchmark, 0.625);
  close(s.final, 1.0394832938477085);
});

test("index level input (fractions, 252 days) matches numpy on the level's returns", () => {
  const L = [100.0, 101.5, 99.0, 102.3, 104.0, 103.1];
  const s = performanceStatistics(L, {
    periodsPerYear: 252,
    units: "fraction",
    input: "level",
    statistics: ["total_return", "cagr", "volatility", "sharpe", "max_drawdown", "hit_rate", "final"],
  });
  close(s.total_return, 0.030999999999999917);
  close(s.cagr, 3.658399497891102); // (103.1/100)^(252/5) − 1
  close(s.volatility, 0.3631463513328713);
  close(s.sharpe, 4.394931945577668);
  close(s.max_drawdown, -0.024630541871921152); // 99/101.5 − 1
  close(s.hit_rate, 0.6);
  assert.equal(s.final, 103.1);
  // the same level in percent units, monthly
  const p = performanceStatistics(L, {
    periodsPerYear: 12,
    units: "percent",
    input: "level",
    statistics: ["volatility"],
  });
  close(p.volatility, 7.924503063475763);
});

test("performanceTable: benchmark row NaN for relative statistics, labels, name column, order", () => {
  const rows = performanceTable(
    { b: B, d: D },
    {
      periodsPerYear: 12,
      units: "percent",
      benchmark: "b",
      statistics: ["sharpe", "max_drawdown", "hit_rate_vs_benchmark", "tracking_error"],
      labels: { max_drawdown: "maxDrawdown", hit_rate_vs_benchmark: "hit" },
      nameColumn: "strategy",
    },
  );
  assert.deepEqual(
    rows.map((r) => Object.keys(r)),
    [
      ["strategy", "sharpe", "maxDrawdown", "hit", "tracking_error"],
      ["strategy", "sharpe", "maxDrawdown", "hit", "tracking_error"],
    ],
  );
  assert.deepEqual(
    rows.map((r) => r.strategy),
    ["b", "d"],
  );
  close(rows[0].sharpe, 1.0568922729378547);
  close(rows[0].maxDrawdown, -1.7424999999999913);
  assert.ok(Number.isNaN(rows[0].hit as number) && Number.isNaN(rows[0].tracking_error as number));
  close(rows[1].hit, 0.625);
  close(rows[1].tracking_error, 3.4252215778169526);
  // default columns without a benchmark: the absolute statistics
  const plain = performanceTable({ d: D }, { periodsPerYear: 12, units: "percent" });
  assert.deepEqual(Object.keys(plain[0]), [
    "series",
    "total_return",
    "cagr",
    "volatility",
    "sharpe",
    "max_drawdown",
    "calmar",
    "hit_rate",
    "final",
  ]);
  close(plain[0].calmar, 2.6580332704287817);
});

test("alignment: series are matched by position; a benchmark of another length is an error", () => {
  assert.throws(
    () => performanceTable({ a: [1, 2, 3], b: [1, 2] }, { periodsPerYear: 12, units: "percent", benchmark: "b" }),
    /series "a" has 3 periods, the benchmark "b" 2: series are aligned by position/,
  );
  assert.throws(
    () => performanceStatistics([1, 2, 3], { periodsPerYear: 12, units: "percent", benchmark: [1, 2, 3, 4] }),
    /the series has 3 periods, the benchmark 4/,
  );
  assert.throws(
    () => performanceTable({ a: [1, 2] }, { periodsPerYear: 12, units: "percent", benchmark: "ew" }),
    /benchmark series "ew" is missing/,
  );
  assert.throws(
    () => performanceStatistics([1, 2], { periodsPerYear: 12, units: "percent", statistics: ["tracking_error"] }),
    /"tracking_error" needs a benchmark series/,
  );
});

test("NaN handling: a NaN / infinite return or a non-positive level is an error naming series and row", () => {
  const o = { periodsPerYear: 12, units: "percent" } as const;
  assert.throws(() => performanceTable({ x: [1, Number.NaN, 2] }, o), /series "x": return at row 1 is NaN/);
  assert.throws(() => performanceTable({ x: [1, 2, Number.POSITIVE_INFINITY] }, o), /row 2 is Infinity/);
  assert.throws(() => performanceTable({ x: [1] }, o), /series "x": need at least 2 return\(s\), got 1/);
  const lv = { periodsPerYear: 252, units: "fraction", input: "level" } as const;
  assert.throws(() => performanceStatistics([100, Number.NaN, 101], lv), /level at row 1 is NaN/);
  assert.throws(() => performanceStatistics([100, 0, 101], lv), /level at row 1 is 0/);
  assert.throws(() => performanceStatistics([100, 101], lv), /need at least 3 levels, got 2/);
});

test("option errors: periodsPerYear, units, input, unknown statistic, duplicate column", () => {
  assert.throws(() => performanceStatistics(D, { periodsPerYear: 0, units: "percent" }), /periodsPerYear must be/);
  assert.throws(
    () => performanceStatistics(D, { periodsPerYear: 12, units: "bps" as "percent" }),
    /units must be "percent" or "fraction"/,
  );
  assert.throws(
    () => performanceStatistics(D, { periodsPerYear: 12, units: "percent", input: "prices" as "level" }),
    /input must be "returns" or "level"/,
  );
  assert.throws(
    () => performanceStatistics(D, { periodsPerYear: 12, units: "percent", statistics: ["sortino" as "sharpe"] }),
    /unknown statistic "sortino"/,
  );
  assert.throws(
    () =>
      performanceTable(
        { d: D },
        { periodsPerYear: 12, units: "percent", statistics: ["cagr", "sharpe"], labels: { sharpe: "cagr" } },
      ),
    /the column "cagr" appears twice/,
  );
});

test("degenerate series: constant returns have NaN Sharpe, no drawdown gives NaN Calmar, a total loss −100 %", () => {
  const s = performanceStatistics(Array(12).fill(0.1), { periodsPerYear: 12, units: "percent" });
  assert.ok(Number.isNaN(s.sharpe)); // sd is rounding noise (lib/statistics/sharpe-ratio.ts rule)
  assert.equal(s.max_drawdown, 0);
  assert.ok(Number.isNaN(s.calmar));
  const loss = performanceStatistics([10, -100, 5], { periodsPerYear: 12, units: "percent", statistics: ["cagr"] });
  assert.equal(loss.cagr, -100);
});

test("percent returns: path, CAGR, drawdown and Calmar are bit for bit lib/backtest's", () => {
  let seed = 11;
  const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  for (let k = 0; k < 300; k++) {
    const n = 2 + (k % 50);
    const r = Array.from({ length: n }, () => (next() - 0.47) * [0.5, 8, 30][k % 3]);
    for (const P of [12, 252]) {
      const s = performanceStatistics(r, {
        periodsPerYear: P,
        units: "percent",
        statistics: ["total_return", "cagr", "max_drawdown", "calmar", "final"],
      });
      const g = growthOfOne(r);
      assert.ok(Object.is(s.final, g[n - 1]));
      assert.ok(Object.is(s.total_return, (g[n - 1] - 1) * 100));
      assert.ok(Object.is(s.cagr, cagr(r, P)));
      assert.ok(Object.is(s.max_drawdown, maxDrawdown(r)));
      assert.ok(Object.is(s.calmar, calmarRatio(r, P)));
    }
  }
});
