/**
 * Plotly figures of the backtest (article In[48] and a drawdown chart). Pure builders: they return
 * a `Figure` ({ data, layout }) and the notebook displays it with `plot(...)`. x values are the
 * return months' dates (month-end, ISO), y values percent.
 */
import type { Figure } from "../notebook/display";
import { compoundedCumulative } from "../statistics/compounding";
import { drawdownSeries } from "../statistics/drawdown";
import { cumulativeSum } from "./cumulative";
import { type ReturnsTable, returnSeries } from "./strategy-returns";

export interface CumulativeFigureOptions {
  /** Series to draw (names from `returnSeries`); default: the index, pred_return, pred_proba_return. */
  series?: readonly string[];
  /** "sum" of monthly percentages (article In[45]/In[48], default) or "compound". */
  cumulative?: "sum" | "compound";
  title?: string;
}

function pickSeries(table: ReturnsTable, names: readonly string[] | undefined, fn: string): [string, number[]][] {
  const all = returnSeries(table);
  const chosen = names ?? [...(table.index ? [table.index.name] : []), "pred_return", "pred_proba_return"];
  if (chosen.length === 0) throw new Error(`${fn}: no series to draw`);
  return chosen.map((n) => {
    const r = all[n];
    if (!r) throw new Error(`${fn}: unknown series "${n}" (available: ${Object.keys(all).join(", ")})`);
    return [n, r];
  });
}

/**
 * Cumulative returns of the chosen series over the return months (article In[48]: the index,
 * pred_return and pred_proba_return as `<name>_cumsum` lines). Percent on the y axis; hover
 * shows date, series and value with two decimals.
 */
export function cumulativeReturnsFigure(table: ReturnsTable, opts: CumulativeFigureOptions = {}): Figure {
  const method = opts.cumulative ?? "sum";
  const suffix = method === "sum" ? "_cumsum" : "_compounded";
  const data = pickSeries(table, opts.series, "cumulativeReturnsFigure").map(([name, r]) => ({
    type: "scatter",
    mode: "lines",
    name: `${name}${suffix}`,
    x: [...table.dates],
    y: method === "sum" ? cumulativeSum(r) : compoundedCumulative(r),
    hovertemplate: `%{x}<br>${name}${suffix}: %{y:.2f}%<extra></extra>`,
  }));
  const title =
    opts.title ??
    (method === "sum" ? "Cumulative returns (sum of monthly %, as in the article)" : "Cumulative returns (compounded)");
  return {
    data,
    layout: {
      title: { text: title },
      xaxis: { title: { text: "Month" } },
      yaxis: { title: { text: "Cumulative return (%)" }, ticksuffix: "%" },
      legend: { title: { text: "Series" } },
      hovermode: "x unified",
    },
  };
}

/**
 * Drawdown of compounded wealth (percent, ≤ 0) for the chosen series; default the index and the
 * two model strategies.
 */
export function drawdownFigure(table: ReturnsTable, opts: { series?: readonly string[]; title?: string } = {}): Figure {
  const data = pickSeries(table, opts.series, "drawdownFigure").map(([name, r]) => ({
    type: "scatter",
    mode: "lines",
    name,
    x: [...table.dates],
    y: drawdownSeries(r),
    hovertemplate: `%{x}<br>${name}: %{y:.2f}%<extra></extra>`,
  }));
  return {
    data,
    layout: {
      title: { text: opts.title ?? "Drawdown from the running peak (compounded)" },
      xaxis: { title: { text: "Month" } },
      yaxis: { title: { text: "Drawdown (%)" }, ticksuffix: "%" },
      legend: { title: { text: "Series" } },
      hovermode: "x unified",
    },
  };
}
