/**
 * Display helpers of the micro-allocation notebook (03): teams side by side on alpha, tracking
 * error and the spread of their contributions, the rolling attribution as figures, and the cost of
 * a sleeve against its AUM. Inputs in annual fractions (as the rest of lib/allocation); outputs in
 * basis points (×1e4) or percentage points (×100) as the column names say. Nothing is annualised
 * here (the inputs already are).
 */
import type { Figure } from "../notebook/display";
import type { Mat, Vec } from "../validation";
import { activeRiskAttribution } from "./active-risk";
import { type CapacityInput, sleeveCapacity, sleeveCostRate } from "./capacity";
import type { RollingAttributionPoint } from "./rolling-attribution";

export type TeamComparisonRow = {
  team: string;
  "alpha (bps)": number;
  "TE (bps)": number;
  "information ratio": number;
  /** Smallest and largest efficiency (pp) over the funds held. */
  "min efficiency (pp)": number;
  "max efficiency (pp)": number;
  /** Largest |share − 1/n| over the n funds, percentage points. */
  "max |alpha share − 1/n| (pp)": number;
  "max |TE share − 1/n| (pp)": number;
  "funds held": number;
};

/**
 * Teams (weight vectors over the same funds) side by side: alpha Σwα, TE √(wᵀΣw), IR, the range
 * of the efficiencies p_i − q_i and the largest deviation of the return and risk shares from
 * 1/n (n = number of funds), from `activeRiskAttribution`.
 */
export function teamComparison(
  teams: readonly { label: string; weights: Vec }[],
  alphas: Vec,
  cov: Mat,
): TeamComparisonRow[] {
  return teams.map(({ label, weights }) => {
    const a = activeRiskAttribution(weights, alphas, cov);
    const n = a.rows.length;
    const eff = a.rows.map((r) => r.efficiency * 100);
    return {
      team: label,
      "alpha (bps)": a.activeReturn * 1e4,
      "TE (bps)": a.trackingError * 1e4,
      "information ratio": a.informationRatio,
      "min efficiency (pp)": Math.min(...eff),
      "max efficiency (pp)": Math.max(...eff),
      "max |alpha share − 1/n| (pp)": Math.max(...a.rows.map((r) => Math.abs(r.pctContributionToReturn - 1 / n))) * 100,
      "max |TE share − 1/n| (pp)": Math.max(...a.rows.map((r) => Math.abs(r.pctContributionToRisk - 1 / n))) * 100,
      "funds held": a.rows.filter((r) => r.weight > 1e-9).length,
    };
  });
}

/** Rolling team alpha and tracking error (bps) by window end. */
export function rollingTeamFigure(points: readonly RollingAttributionPoint[], title: string): Figure {
  const x = points.map((p) => p.date);
  return {
    data: [
      { type: "scatter", mode: "lines", name: "team alpha (bps)", x, y: points.map((p) => p.alpha * 1e4) },
      {
        type: "scatter",
        mode: "lines",
        name: "team tracking error (bps)",
        x,
        y: points.map((p) => p.trackingError * 1e4),
      },
    ],
    layout: {
      title: { text: title },
      xaxis: { title: { text: "last month of the window" } },
      yaxis: { title: { text: "bps per year" } },
      hovermode: "x unified",
    },
  };
}

/** Each fund's share of the team tracking error (percent) by window end. */
export function rollingRiskSharesFigure(
  points: readonly RollingAttributionPoint[],
  names: readonly string[],
  title: string,
): Figure {
  const x = points.map((p) => p.date);
  return {
    data: names.map((n, i) => ({
      type: "scatter",
      mode: "lines",
      name: n,
      x,
      y: points.map((p) => p.riskShares[i] * 100),
    })),
    layout: {
      title: { text: title },
      xaxis: { title: { text: "last month of the window" } },
      yaxis: { title: { text: "% of team tracking error" } },
      hovermode: "x unified",
    },
  };
}

export type CapacityRow = {
  sleeve: string;
  "alpha (bps)": number;
  "cost budget (bps)": number;
  "spread cost (bps)": number;
  "capacity (USD m)": number;
};

/** Capacity per sleeve (capacity.ts), in bps and millions of the currency. */
export function capacityTable(sleeves: readonly { sleeve: string; input: CapacityInput }[]): CapacityRow[] {
  return sleeves.map(({ sleeve, input }) => {
    const c = sleeveCapacity(input);
    return {
      sleeve,
      "alpha (bps)": input.alpha * 1e4,
      "cost budget (bps)": c.costBudget * 1e4,
      "spread cost (bps)": c.spreadCostRate * 1e4,
      "capacity (USD m)": c.capacity / 1e6,
    };
  });
}

/** Annual cost rate (bps) against AUM (USD m) for each sleeve, with each sleeve's cost budget. */
export function capacityFigure(
  sleeves: readonly { sleeve: string; input: CapacityInput }[],
  aums: readonly number[],
  title: string,
): Figure {
  return {
    data: sleeves.flatMap(({ sleeve, input }) => [
      {
        type: "scatter",
        mode: "lines",
        name: `${sleeve}: cost`,
        x: aums.map((a) => a / 1e6),
        y: aums.map((a) => sleeveCostRate(input, a) * 1e4),
      },
      {
        type: "scatter",
        mode: "lines",
        name: `${sleeve}: budget`,
        x: [aums[0] / 1e6, aums[aums.length - 1] / 1e6],
        y: [input.costShare * input.alpha * 1e4, input.costShare * input.alpha * 1e4],
        line: { dash: "dot" },
      },
    ]),
    layout: {
      title: { text: title },
      xaxis: { title: { text: "sleeve AUM (USD m)" }, type: "log" },
      yaxis: { title: { text: "annual trading cost (bps)" } },
    },
  };
}
