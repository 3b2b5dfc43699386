/**
 * Tables of notebook 02 (lib/aila/index-report.ts) and the renamed grossTurnover, on hand-made
 * inputs with expected values worked out by hand.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { grossTurnover, resolveAilaParams, sectorGross } from "../../lib/aila/aila-index";
import type { DailyDataset } from "../../lib/aila/daily-data";
import {
  calendarClosureTable,
  clippedSharpeAverage,
  correlationDegreeTable,
  correlationPreferenceDayTable,
  fitSummaryTable,
  sectorCapTable,
} from "../../lib/aila/index-report";
import { rows, tinyRun } from "./tiny-run";

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test("grossTurnover: two-way Σ|Δw| per day, 0 on the first day", () => {
  // a full switch from asset 0 to asset 1 counts 2 (sell 1, buy 1)
  const to = grossTurnover([
    [0, 0],
    [1, 0],
    [0, 1],
    [0.25, -0.5],
  ]);
  assert.deepEqual(Array.from(to), [0, 1, 2, 1.75]);
  assert.deepEqual(Array.from(grossTurnover([])), []);
});

test("sectorGross: Σ|w| per sector for any rows of weights", () => {
  const g = sectorGross(tinyRun(), [
    [0.25, -0.5, 0.125],
    [0, 0.25, -0.0625],
  ]);
  assert.deepEqual(
    g.map((r) => Array.from(r)),
    [
      [0.375, 0.0625],
      [0.5, 0.25],
    ],
  );
});

test("sectorCapTable: gross wU, wC of the day and wA of the next day per sector, against the cap", () => {
  const r = tinyRun();
  r.wU[1] = Float64Array.from([0.25, -0.5, 0.125]);
  r.wC[1] = Float64Array.from([0.25, -0.25, 0.0625]);
  // wA of day 2 = [0.375, −0.25, 0]
  assert.deepEqual(sectorCapTable(r, "2024-01-04"), [
    { sector: "energy", cap: 0.5, "gross wU": 0.375, "gross wC": 0.3125, "gross wA (next day)": 0.375 },
    { sector: "metals", cap: 0.25, "gross wU": 0.5, "gross wC": 0.25, "gross wA (next day)": 0.25 },
  ]);
  const last = sectorCapTable(r, "2024-01-08");
  assert.ok(last.every((row) => Number.isNaN(row["gross wA (next day)"])));
  assert.throws(() => sectorCapTable(r, "2024-01-06"), /2024-01-06 is not an index business day/);
});

test("clippedSharpeAverage: |w|-weighted average of Sharpe ratios clipped to ±5 (or ±clip)", () => {
  // clip(8) = 5, 1, −2: (0.5·5 + 0.25·1 + 0.25·(−2)) / 1 = 2.25
  assert.equal(clippedSharpeAverage([0.5, -0.25, 0.25], [8, 1, -2]), 2.25);
  // clip 1: (0.5·1 + 0.25·1 + 0.25·(−1)) / 1 = 0.5
  assert.equal(clippedSharpeAverage([0.5, -0.25, 0.25], [8, 1, -2], 1), 0.5);
  // clip(−7) = −5: (0.5·(−5) + 0.5·3) / 1 = −1
  assert.equal(clippedSharpeAverage([-0.5, 0.5], [-7, 3]), -1);
  assert.ok(Number.isNaN(clippedSharpeAverage([0, 0], [1, 2])));
  assert.throws(() => clippedSharpeAverage([1, 2], [1]), /1 Sharpe ratios for 2 weights/);
});

test("calendarClosureTable: assets per calendar and index days its first asset has no price", () => {
  const ds = {
    dates: ["2024-01-02", "2024-01-03", "2024-01-04"],
    assets: [{ calendar: "US" }, { calendar: "US" }, { calendar: "EU" }],
    prices: rows([
      [1, Number.NaN, 1],
      [2, Number.NaN, 2],
      [3, 3, Number.NaN],
    ]),
  } as unknown as Pick<DailyDataset, "assets" | "dates" | "prices">;
  assert.deepEqual(calendarClosureTable(ds), [
    { calendar: "US", assets: 2, "index days closed": 1 },
    { calendar: "UK", assets: 0, "index days closed": 0 },
    { calendar: "EU", assets: 1, "index days closed": 1 },
  ]);
  assert.deepEqual(calendarClosureTable(ds, ["EU"]), [{ calendar: "EU", assets: 1, "index days closed": 1 }]);
});

test("fitSummaryTable: status, sums to 6 decimals, angle in degrees to 4, binding constraints", () => {
  assert.deepEqual(
    fitSummaryTable({
      status: "scaled",
      binding: ["cap:A", "sector:energy"],
      angle: Math.PI / 4,
      requestedSum: 1.2345678,
      maxFeasibleSum: 1,
    }),
    [
      { item: "status", value: "scaled" },
      { item: "requested sum Σ|wU|", value: "1.234568" },
      { item: "largest feasible sum S_max", value: "1.000000" },
      { item: "angle(wC, wU) in degrees", value: "45.0000" },
      { item: "binding constraints", value: "cap:A, sector:energy" },
    ],
  );
});

test("correlationDegreeTable: 75°, 60°, 45°, 30° and the correlations ±cos θ they bound", () => {
  const t = correlationDegreeTable();
  assert.deepEqual(
    t.map((r) => [r.degree, r.name, r["max angle (°)"]]),
    [
      [1, "weak", 75],
      [2, "moderate", 60],
      [3, "strong", 45],
      [4, "very strong", 30],
    ],
  );
  const cos = [0.25881904510252074, 0.5, Math.SQRT1_2, 0.8660254037844386];
  t.forEach((r, k) => {
    close(r["positive: correlation ≥"] as number, cos[k]);
    close(r["negative: correlation ≤"] as number, -cos[k]);
  });
  const deg = (d: number) => (d * Math.PI) / 180;
  const own = correlationDegreeTable([deg(80), deg(70), deg(50), deg(20)]);
  assert.deepEqual(
    own.map((r) => r["max angle (°)"]),
    [80, 70, 50, 20],
  );
});

function preferenceCase(n: number, wU: number[], vols: number[], standard: number[]) {
  const dates = ["2024-01-02"];
  const ds = {
    dates,
    assets: wU.map((_, i) => ({ id: `X${i}`, group: `g${i}` })),
    prices: wU.map(() => Float64Array.from([1])),
    standardIndex: { years: [2024], weights: [Float64Array.from(standard)] },
  } as unknown as DailyDataset;
  const r = {
    ...tinyRun(),
    dates,
    ids: ds.assets.map((a) => a.id),
    params: resolveAilaParams(),
    wU: [Float64Array.from(wU)],
    scale: Float64Array.from([2]),
    vol: [Float64Array.from(vols)],
  };
  assert.equal(r.ids.length, n);
  return { ds, r };
}

test("correlationPreferenceDayTable: both preferences on the day's unit weights wU/k", () => {
  // two assets: too few (< 5) for the preference, so it reports the correlation and moves nothing.
  // unit weights wU/k = [0.2, 0]; X(w) = (0.1·0.2, 0) = (0.02, 0), X(b) = (0.1·0.5, 0.2·0.5)
  // = (0.05, 0.1): cos = 0.001 / (0.02 · √0.0125) = 1/√5
  const two = preferenceCase(2, [0.4, 0], [0.1, 0.2], [0.5, 0.5]);
  const t = correlationPreferenceDayTable(two.ds, two.r, "2024-01-02", 2);
  assert.deepEqual(
    t.map((row) => [row.preference, row.outcome, row["angle moved (°)"], row["assets added"], row["KKT certified"]]),
    [
      ["positive", "too-few-active", 0, 0, false],
      ["negative", "too-few-active", 0, 0, false],
    ],
  );
  for (const row of t) {
    close(row["correlation before"] as number, 1 / Math.sqrt(5));
    close(row["correlation after"] as number, 1 / Math.sqrt(5));
  }
  // five assets in five groups, weights proportional to the standard index: correlation 1, so a
  // positive preference of any degree is already within its bound
  const five = preferenceCase(5, [0.2, 0.2, 0.2, 0.2, 0.2], [0.1, 0.1, 0.1, 0.1, 0.1], [0.2, 0.2, 0.2, 0.2, 0.2]);
  const p = correlationPreferenceDayTable(five.ds, five.r, "2024-01-02", 4)[0];
  assert.equal(p.outcome, "within-bound");
  close(p["correlation before"] as number, 1);
  close(p["correlation after"] as number, 1);
  assert.throws(() => correlationPreferenceDayTable(five.ds, five.r, "2024-01-03", 4), /not an index business day/);
});
