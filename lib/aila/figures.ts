/**
 * Plotly figures of an AiLA run (notebook 02). Each builder is a pure function from a run
 * (AilaResult, matrices [day][asset]) to a `Figure`; it picks, aggregates and rounds the series
 * itself, so that a notebook cell only calls `plot(builder(run))`. Weekly figures show the last
 * index day of each ISO week (`weeklyIndices`) or, for flows, the sum over the week
 * (`weeklySums`). Weights are fractions of the index value; levels in index points.
 */
import type { Figure } from "../notebook/display";
import { type AilaResult, grossTurnover, sectorGross, weeklyIndices } from "./aila-index";
import { capUsage, pick, roundTo, weeklySums } from "./index-report";

/**
 * One asset's weights through one calendar year: constrained wC, target wT, actual wA and the
 * asset cap (dotted), per index day of `year` (fractions of index value, rounded to 5 decimals).
 * Shows the target jumping, the actual weight following in steps of at most the rebalancing cap,
 * and the trade-balancing period taking the target to zero before an expiry and the year end.
 */
export function assetWeightPathFigure(r: AilaResult, input: { asset: string; year: string; title: string }): Figure {
  const i = r.ids.indexOf(input.asset);
  if (i < 0) throw new Error(`assetWeightPathFigure: ${input.asset} is not an asset of the run`);
  const days = r.dates.map((d, t) => [d, t] as const).filter(([d]) => d.startsWith(input.year));
  const x = days.map(([d]) => d);
  const series = (w: readonly Float64Array[]) =>
    roundTo(
      days.map(([, t]) => w[t][i]),
      5,
    );
  return {
    data: [
      { type: "scatter", mode: "lines", name: "wC", x, y: series(r.wC) },
      { type: "scatter", mode: "lines", name: "wT", x, y: series(r.wT) },
      { type: "scatter", mode: "lines", name: "wA", x, y: series(r.wA) },
      { type: "scatter", mode: "lines", name: "asset cap", line: { dash: "dot" }, x, y: series(r.assetCaps) },
    ],
    layout: {
      title: { text: input.title },
      yaxis: { title: { text: "weight (fraction of index value)" } },
    },
  };
}

/**
 * Gross actual weight Σ_{i in k}|wA_t,i| of each sector, stacked, on the last index day of each
 * week (fractions of index value, rounded to 4 decimals): the stack's top is the gross allocation.
 */
export function sectorGrossFigure(r: AilaResult): Figure {
  const wk = weeklyIndices(r.dates);
  const x = pick(r.dates, wk);
  const sg = sectorGross(r);
  return {
    data: r.sectorNames.map((name, k) => ({
      type: "scatter",
      mode: "lines",
      stackgroup: "gross",
      name,
      x,
      y: roundTo(pick(sg[k], wk), 4),
    })),
    layout: {
      title: { text: "Gross actual weight by sector (weekly)" },
      yaxis: { title: { text: "Σ|wA| (fraction of index value)" } },
    },
  };
}

/**
 * Cap usage on the last index day of each week (`capUsage`, fractions rounded to 4 decimals): the
 * share of assets with a non-zero constrained weight that sit at their asset cap, and the largest
 * sector usage (gross actual weight / sector cap; above 1 = a sector over its cap).
 */
export function capUsageFigure(r: AilaResult): Figure {
  const wk = weeklyIndices(r.dates);
  const x = pick(r.dates, wk);
  const usage = capUsage(r);
  const maxSector = wk.map((t) => Math.max(...usage.sector.map((s) => s[t])));
  return {
    data: [
      {
        type: "scatter",
        mode: "lines",
        name: "share of active assets at asset cap (wC)",
        x,
        y: roundTo(pick(usage.atAssetCap, wk), 4),
      },
      { type: "scatter", mode: "lines", name: "largest sector usage (wA / cap)", x, y: roundTo(maxSector, 4) },
    ],
    layout: { title: { text: "Cap usage (weekly)" }, yaxis: { title: { text: "fraction" } } },
  };
}

/**
 * Weekly gross (two-way) turnover: the daily Σ_i|wA_t,i − wA_{t−1},i| (`grossTurnover`) summed
 * over each week, labelled by the week's last index day (bars; fraction of index value, rounded
 * to 4 decimals).
 */
export function weeklyTurnoverFigure(r: AilaResult): Figure {
  const to = weeklySums(grossTurnover(r.wA), r.dates);
  return {
    data: [{ type: "bar", name: "turnover", x: to.dates, y: roundTo(to.values, 4) }],
    layout: { title: { text: "Weekly turnover Σ|ΔwA|" }, yaxis: { title: { text: "fraction of index value" } } },
  };
}

/**
 * The index level and its equal-weight reference on the last index day of each week (index
 * points from the start level, rounded to 3 decimals; logarithmic axis).
 */
export function indexLevelFigure(r: AilaResult): Figure {
  const wk = weeklyIndices(r.dates);
  const x = pick(r.dates, wk);
  return {
    data: [
      { type: "scatter", mode: "lines", name: "AiLA index", x, y: roundTo(pick(r.level, wk), 3) },
      {
        type: "scatter",
        mode: "lines",
        name: "equal-weight reference",
        x,
        y: roundTo(pick(r.equalWeightLevel, wk), 3),
      },
    ],
    layout: {
      title: { text: `Index level (weekly), start = ${r.params.startLevel}` },
      yaxis: { title: { text: "level" }, type: "log" },
    },
  };
}
