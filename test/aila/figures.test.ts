/**
 * Figure builders of notebook 02 (lib/aila/figures.ts) on a hand-made run of three assets over
 * four index days in three ISO weeks (Fri 2023-12-29 | Thu 2024-01-04, Fri 2024-01-05 | Mon
 * 2024-01-08: weekly points on days 0, 2, 3). Expected values are worked out by hand below; the
 * JSON comparison also fixes the key order (the notebook's figure ids hash the figure JSON).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  assetWeightPathFigure,
  capUsageFigure,
  indexLevelFigure,
  sectorGrossFigure,
  weeklyTurnoverFigure,
} from "../../lib/aila/figures";
import { tinyRun } from "./tiny-run";

const sameJson = (actual: unknown, expected: unknown) => assert.equal(JSON.stringify(actual), JSON.stringify(expected));

test("assetWeightPathFigure: one asset's wC, wT, wA and asset cap over the days of the year, 5 decimals", () => {
  const fig = assetWeightPathFigure(tinyRun(), { asset: "B", year: "2024", title: "B in 2024" });
  const x = ["2024-01-04", "2024-01-05", "2024-01-08"];
  sameJson(fig, {
    data: [
      { type: "scatter", mode: "lines", name: "wC", x, y: [-0.125, -0.25, 0.12346] },
      { type: "scatter", mode: "lines", name: "wT", x, y: [-0.125, 0, 0] },
      { type: "scatter", mode: "lines", name: "wA", x, y: [-0.125, -0.25, 0] },
      { type: "scatter", mode: "lines", name: "asset cap", line: { dash: "dot" }, x, y: [0.5, 0.25, 0.5] },
    ],
    layout: { title: { text: "B in 2024" }, yaxis: { title: { text: "weight (fraction of index value)" } } },
  });
  assert.throws(() => assetWeightPathFigure(tinyRun(), { asset: "Z", year: "2024", title: "" }), /Z is not an asset/);
});

test("sectorGrossFigure: Σ|wA| per sector on the last day of each week, stacked", () => {
  // energy = |wA_A| + |wA_C|: day 0: 0, day 2: 0.375 + 0, day 3: 0.125 + 0.25; metals = |wA_B|: 0, 0.25, 0
  const x = ["2023-12-29", "2024-01-05", "2024-01-08"];
  sameJson(sectorGrossFigure(tinyRun()), {
    data: [
      { type: "scatter", mode: "lines", stackgroup: "gross", name: "energy", x, y: [0, 0.375, 0.375] },
      { type: "scatter", mode: "lines", stackgroup: "gross", name: "metals", x, y: [0, 0.25, 0] },
    ],
    layout: {
      title: { text: "Gross actual weight by sector (weekly)" },
      yaxis: { title: { text: "Σ|wA| (fraction of index value)" } },
    },
  });
});

test("capUsageFigure: share of non-zero wC at the asset cap, largest sector usage Σ|wA| / cap", () => {
  // at cap: day 0 no active asset → 0; day 2: A 0.375 < 0.5, B 0.25 = 0.25 → 1 of 2; day 3: A and C
  // at cap, B below → 2 of 3 = 0.6667. Sector usage: day 0: 0; day 2: energy 0.375/0.5 = 0.75,
  // metals 0.25/0.25 = 1 → 1; day 3: energy 0.375/0.5 = 0.75, metals 0 → 0.75
  const x = ["2023-12-29", "2024-01-05", "2024-01-08"];
  sameJson(capUsageFigure(tinyRun()), {
    data: [
      { type: "scatter", mode: "lines", name: "share of active assets at asset cap (wC)", x, y: [0, 0.5, 0.6667] },
      { type: "scatter", mode: "lines", name: "largest sector usage (wA / cap)", x, y: [0, 1, 0.75] },
    ],
    layout: { title: { text: "Cap usage (weekly)" }, yaxis: { title: { text: "fraction" } } },
  });
});

test("weeklyTurnoverFigure: daily Σ|ΔwA| summed per week", () => {
  // day 1: 0.25 + 0.125 + 0.125 = 0.5; day 2: 0.125 + 0.125 + 0.125 = 0.375; day 3: 0.25 · 3 = 0.75
  sameJson(weeklyTurnoverFigure(tinyRun()), {
    data: [{ type: "bar", name: "turnover", x: ["2023-12-29", "2024-01-05", "2024-01-08"], y: [0, 0.875, 0.75] }],
    layout: { title: { text: "Weekly turnover Σ|ΔwA|" }, yaxis: { title: { text: "fraction of index value" } } },
  });
});

test("indexLevelFigure: weekly index and equal-weight levels, 3 decimals, log axis, start level in the title", () => {
  const x = ["2023-12-29", "2024-01-05", "2024-01-08"];
  sameJson(indexLevelFigure(tinyRun()), {
    data: [
      { type: "scatter", mode: "lines", name: "AiLA index", x, y: [100, 99.5, 103] },
      { type: "scatter", mode: "lines", name: "equal-weight reference", x, y: [100, 100.25, 99.877] },
    ],
    layout: {
      title: { text: "Index level (weekly), start = 100" },
      yaxis: { title: { text: "level" }, type: "log" },
    },
  });
});
