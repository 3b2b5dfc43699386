/**
 * A sweep for a notebook: run it in a temporary folder (so a re-executed notebook never resumes an
 * old results file and stays deterministic), show its rows without timings, pick the trials for
 * the deflated Sharpe ratio, and draw the distribution of Sharpe ratios across configurations
 * against baselines.
 *
 * Units: total returns in percent (compounded over the return months), Sharpe ratios mean/sd
 * (ddof 1) of monthly returns × √12 ("sharpe_12") or × √252 (the article's erratum B2,
 * "sharpe_252"), accuracies as fractions. Timings (`SweepResult.seconds`) are never shown.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { sharpeRatio } from "../backtest/sharpe";
import type { Figure } from "../notebook/display";
import type { AxisValue, SweepPlan, SweepResult } from "./sweep";
import { runSweep, type SweepSummary } from "./sweep-run";

/**
 * `runSweep` into a fresh temporary folder that is removed afterwards (also on failure): every
 * configuration runs, nothing is resumed. Results in the plan's order.
 */
export async function runSweepInTemporaryFolder(
  plan: SweepPlan,
  opts: { workers?: number; dataDir?: string } = {},
): Promise<SweepSummary> {
  const dir = mkdtempSync(path.join(tmpdir(), "factor-index-sweep-"));
  try {
    return await runSweep(plan, { outDir: dir, workers: opts.workers, dataDir: opts.dataDir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const label = (v: AxisValue) => (v === null ? "-" : String(v));

/** One display row per configuration: its axis values, then the metrics (no timing). */
export function sweepRows(results: readonly SweepResult[]): Record<string, string | number>[] {
  return results.map((r) => {
    const row: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(r.params)) row[k] = label(v);
    const m = r.metrics;
    row.accuracy = m ? m.accuracy : Number.NaN;
    row.top3_accuracy = m ? m.top3Accuracy : Number.NaN;
    row.pred_total_return = m ? m.predTotalReturn : Number.NaN;
    row.pred_sharpe_12 = m ? m.predSharpe12 : Number.NaN;
    row.pred_sharpe_252 = m ? m.predSharpe252 : Number.NaN;
    row.proba_total_return = m ? m.probaTotalReturn : Number.NaN;
    row.proba_sharpe_12 = m ? m.probaSharpe12 : Number.NaN;
    if (r.error) row.error = r.error;
    return row;
  });
}

/**
 * The predicted-factor strategy's Sharpe ratios (√12) of the configurations that ran, optionally
 * only those whose axis values match `where` (e.g. `{ errata: "corrected" }`): the trials behind a
 * selected strategy, for the deflated Sharpe ratio. Throws when fewer than two match.
 */
export function sweepTrialSharpes(
  results: readonly SweepResult[],
  where: Readonly<Record<string, AxisValue>> = {},
): number[] {
  const out = results
    .filter((r) => r.metrics && Object.entries(where).every(([k, v]) => r.params[k] === v))
    .map((r) => (r.metrics as NonNullable<SweepResult["metrics"]>).predSharpe12)
    .filter((s) => Number.isFinite(s));
  if (out.length < 2)
    throw new Error(
      `sweepTrialSharpes: ${out.length} configuration(s) match ${JSON.stringify(where)}; the deflated Sharpe ratio needs at least 2`,
    );
  return out;
}

/**
 * The predicted-factor Sharpe ratio (√12) of every configuration, one marker each (grouped by the
 * sweep's first axis), with each baseline's Sharpe ratio (√12) as a horizontal line.
 */
export function sweepSharpeFigure(
  results: readonly SweepResult[],
  opts: { baselines?: Readonly<Record<string, readonly number[]>>; title?: string } = {},
): Figure {
  const ran = results.filter((r) => r.metrics);
  const axes = Object.keys(ran[0]?.params ?? {});
  const group = axes[0];
  const groups = [...new Set(ran.map((r) => (group ? label(r.params[group]) : "all")))];
  const lines = Object.entries(opts.baselines ?? {}).map(([name, r]) => ({
    name,
    sharpe: sharpeRatio(r, { periodsPerYear: 12 }),
  }));
  return {
    data: groups.map((g) => {
      const rs = ran.filter((r) => (group ? label(r.params[group]) : "all") === g);
      return {
        type: "scatter",
        mode: "markers",
        name: group ? `${group} = ${g}` : "configurations",
        x: rs.map((r) =>
          axes
            .slice(1)
            .map((a) => `${a}=${label(r.params[a])}`)
            .join(" "),
        ),
        y: rs.map((r) => (r.metrics as NonNullable<SweepResult["metrics"]>).predSharpe12),
        marker: { size: 9 },
      };
    }),
    layout: {
      title: { text: opts.title ?? "Predicted-factor Sharpe ratio (√12) of every configuration, baselines as lines" },
      yaxis: { title: { text: "Sharpe ratio (√12)" } },
      xaxis: { title: { text: axes.slice(1).join(", ") || "configuration" } },
      shapes: lines.map((l) => ({
        type: "line",
        xref: "paper",
        yref: "y",
        x0: 0,
        x1: 1,
        y0: l.sharpe,
        y1: l.sharpe,
        line: { dash: "dash", width: 1.5 },
      })),
      annotations: lines.map((l) => ({
        xref: "paper",
        yref: "y",
        x: 1,
        y: l.sharpe,
        text: `${l.name} ${l.sharpe.toFixed(2)}`,
        showarrow: false,
        xanchor: "right",
        yanchor: "bottom",
      })),
    },
  };
}
