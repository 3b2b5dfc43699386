/**
 * A sweep for a notebook: run it in a temporary folder (so a re-executed notebook never resumes an
 * old results file and stays deterministic), show its rows without timings, pick the trials for
 * the deflated Sharpe ratio, give each configuration its probabilistic and deflated Sharpe ratio
 * given the sweep's size, and draw the distribution of Sharpe ratios across configurations
 * against baselines and a heatmap of a metric over two axes.
 *
 * Units: total returns in percent (compounded over the return months), Sharpe ratios mean/sd
 * (ddof 1) of monthly returns × √12 ("sharpe_12") or × √252 (the article's erratum B2,
 * "sharpe_252"), accuracies as fractions. Timings (`SweepResult.seconds`) are never shown.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { type Figure, progressLine } from "../notebook/display";
import { MONTHLY_PERIODS } from "../statistics/periods";
import { sharpeRatio } from "../statistics/sharpe-ratio";
import { deflatedSharpeRatio, probabilisticSharpeRatio, sharpeVariance } from "./sharpe-statistics";
import type { AxisValue, SweepMetrics, SweepPlan, SweepResult } from "./sweep";
import { runSweep, type SweepSummary, sweepProgressText } from "./sweep-run";

/**
 * `runSweep` into a fresh temporary folder that is removed afterwards (also on failure): every
 * configuration runs, nothing is resumed. Results in the plan's order. In a notebook a progress
 * line (`progressLine`) shows the configurations done, the rate and the time left while the sweep
 * runs, and ends as "sweep: N of N configurations done (F failed)" — the only text the executed
 * notebook keeps, so its outputs stay deterministic. `progress: false` shows nothing.
 */
export async function runSweepInTemporaryFolder(
  plan: SweepPlan,
  opts: { workers?: number; dataDir?: string; progress?: boolean } = {},
): Promise<SweepSummary> {
  const dir = mkdtempSync(path.join(tmpdir(), "factor-index-sweep-"));
  const total = plan.configurations.length;
  const line = opts.progress === false ? undefined : progressLine(`sweep: 0 of ${total} configurations done`);
  try {
    const summary = await runSweep(plan, {
      outDir: dir,
      workers: opts.workers,
      dataDir: opts.dataDir,
      onProgress: line && ((p) => line.update(sweepProgressText(p))),
    });
    line?.done(`sweep: ${summary.total} of ${total} configurations done (${summary.failed} failed)`);
    return summary;
  } catch (e) {
    line?.done(`sweep: stopped: ${(e as Error).message}`);
    throw e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const label = (v: AxisValue) => (v === null ? "-" : String(v));

/** The predicted-factor strategy's PSR(0) and DSR of one configuration (see `sweepDeflatedSharpe`). */
export interface SweepDeflation {
  /** PSR(0): probability that the configuration's true Sharpe ratio is above 0 (its own T, γ₃, γ₄). */
  psr: number;
  /** SR₀, annualised with √12: the expected best Sharpe ratio of N skill-less trials. */
  sr0: number;
  /** DSR = PSR(SR₀): the same probability once the N configurations tried are accounted for. */
  dsr: number;
}

/**
 * Each configuration's predicted-factor PSR(0) and deflated Sharpe ratio given the sweep
 * (Bailey & López de Prado 2014; formulas in sharpe-statistics.ts): the trials are the
 * configurations of `results` that ran with a finite Sharpe ratio — N of them, V[SR_n] the
 * variance (ddof 1) of their per-period (monthly, SR√12 / √12) Sharpe ratios — and each
 * configuration is then judged as if it were the one selected: DSR = PSR(SR₀) with its own T
 * (return months), skewness and kurtosis. NaN (all three) for a configuration that failed, has a
 * non-finite Sharpe ratio or moments, or when fewer than two configurations ran. The trials are
 * treated as independent: configurations that differ only slightly are correlated, so N
 * overstates the effective number of trials and the DSR is conservative.
 */
export function sweepDeflatedSharpe(results: readonly SweepResult[]): SweepDeflation[] {
  const root = Math.sqrt(MONTHLY_PERIODS);
  const nan: SweepDeflation = { psr: Number.NaN, sr0: Number.NaN, dsr: Number.NaN };
  const usable = (m: SweepMetrics | null): m is SweepMetrics =>
    m !== null && [m.predSharpe12, m.predSkewness, m.predKurtosis].every(Number.isFinite) && m.months >= 2;
  const trials = results.filter((r) => usable(r.metrics)).map((r) => (r.metrics as SweepMetrics).predSharpe12 / root);
  if (trials.length < 2) return results.map(() => ({ ...nan }));
  const variance = sharpeVariance(trials);
  return results.map((r) => {
    const m = r.metrics;
    if (!usable(m)) return { ...nan };
    const input = { sharpe: m.predSharpe12 / root, n: m.months, skewness: m.predSkewness, kurtosis: m.predKurtosis };
    const d = deflatedSharpeRatio({ ...input, nTrials: trials.length, trialsVariance: variance });
    return { psr: probabilisticSharpeRatio(input), sr0: d.sr0 * root, dsr: d.dsr };
  });
}

/**
 * One display row per configuration: its axis values, then the metrics (no timing), then the
 * predicted-factor strategy's PSR(0) and deflated Sharpe ratio given the configurations of
 * `results` (`sweepDeflatedSharpe`: pass every configuration of the sweep, not a selection).
 */
export function sweepRows(results: readonly SweepResult[]): Record<string, string | number>[] {
  const deflation = sweepDeflatedSharpe(results);
  return results.map((r, i) => {
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
    row.pred_psr = deflation[i].psr;
    row.pred_dsr = deflation[i].dsr;
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

/** The metrics a heatmap can show (keys of `SweepMetrics`, or the DSR of `sweepDeflatedSharpe`). */
export type SweepHeatmapMetric = keyof SweepMetrics | "predDsr";

/**
 * A heatmap of one metric over two axes of the sweep: cell (x, y) is the mean of the metric over
 * the configurations with those two axis values (every other axis averaged out; failed runs and
 * NaN values left out; a cell without any value is empty, null). Axis values in their order of
 * first appearance in `results` (the sweep's order). The cell text prints the mean with
 * `digits` decimals and, when more than one configuration is averaged, their count ("n=4").
 */
export function sweepHeatmapFigure(
  results: readonly SweepResult[],
  opts: { x: string; y: string; metric?: SweepHeatmapMetric; title?: string; digits?: number },
): Figure {
  const metric = opts.metric ?? "predSharpe12";
  const digits = opts.digits ?? 2;
  if (results.length === 0) throw new Error("sweepHeatmapFigure: no results");
  for (const a of [opts.x, opts.y])
    if (!(a in results[0].params))
      throw new Error(
        `sweepHeatmapFigure: "${a}" is not an axis of this sweep (axes: ${Object.keys(results[0].params).join(", ")})`,
      );
  if (opts.x === opts.y) throw new Error("sweepHeatmapFigure: x and y must be different axes");
  const dsr = metric === "predDsr" ? sweepDeflatedSharpe(results) : undefined;
  const metricOf = (r: SweepResult, i: number) =>
    dsr ? dsr[i].dsr : r.metrics ? r.metrics[metric as keyof SweepMetrics] : Number.NaN;
  const xs = [...new Set(results.map((r) => label(r.params[opts.x])))];
  const ys = [...new Set(results.map((r) => label(r.params[opts.y])))];
  const sum = ys.map(() => xs.map(() => 0));
  const count = ys.map(() => xs.map(() => 0));
  results.forEach((r, i) => {
    const v = metricOf(r, i);
    if (!Number.isFinite(v)) return;
    const a = ys.indexOf(label(r.params[opts.y]));
    const b = xs.indexOf(label(r.params[opts.x]));
    sum[a][b] += v;
    count[a][b]++;
  });
  const z = sum.map((row, a) => row.map((v, b) => (count[a][b] ? v / count[a][b] : null)));
  const text = z.map((row, a) =>
    row.map((v, b) => (v === null ? "" : `${v.toFixed(digits)}${count[a][b] > 1 ? ` (n=${count[a][b]})` : ""}`)),
  );
  return {
    data: [
      {
        type: "heatmap",
        x: xs,
        y: ys,
        z,
        text,
        texttemplate: "%{text}",
        hovertemplate: `${opts.x}=%{x}<br>${opts.y}=%{y}<br>${metric}=%{text}<extra></extra>`,
        colorscale: "RdBu",
        reversescale: false,
        colorbar: { title: { text: metric } },
      },
    ],
    layout: {
      title: { text: opts.title ?? `${metric} by ${opts.y} and ${opts.x} (mean over the other axes)` },
      xaxis: { title: { text: opts.x }, type: "category" },
      yaxis: { title: { text: opts.y }, type: "category" },
    },
  };
}
