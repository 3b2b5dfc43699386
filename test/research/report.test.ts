/**
 * lib/research/report.ts: the significance rows are the values of the statistics modules (no
 * computation of their own), NaN where a statistic does not apply, deterministic; the figures
 * are plain plotly specs with the expected traces.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { correctedSharpeRatio, type ReturnsTable } from "../../lib/backtest";
import { predictionPermutationTest } from "../../lib/research/baselines";
import {
  factorScoreCorrelations,
  icSummary,
  informationCoefficients,
  quintileReturns,
} from "../../lib/research/factor-diagnostics";
import {
  bootstrapHistogramFigure,
  icSummaryRows,
  permutationHistogramFigure,
  quintileBarFigure,
  quintileRows,
  scoreCorrelationFigure,
  shortFactorName,
  significanceRow,
  significanceTable,
} from "../../lib/research/report";
import {
  bootstrapSharpeDifferenceInterval,
  bootstrapSharpeInterval,
  deflatedSharpeRatio,
  loSharpeGmm,
  probabilisticSharpeRatioOf,
  returnMoments,
  sharpeVariance,
} from "../../lib/research/sharpe-statistics";

const fx = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "research", "sharpe-statistics.json"), "utf8"));
const r: number[] = fx.series.returns;
const bench = r.map((v, i) => 0.5 * v + ((i * 7) % 5) - 2);

test("significanceRow: each column is the statistics module's value", () => {
  const boot = { draws: 300, seed: 4, meanBlockLength: 3 };
  const trials = [1.2, 0.4, -0.3, 0.9, 0.1];
  const row = significanceRow("pred_return", r, {
    benchmark: { name: "dji", returns: bench },
    trials: { annualisedSharpes: trials },
    bootstrap: boot,
  });
  assert.equal(row.strategy, "pred_return");
  assert.equal(row.months, 65);
  assert.equal(row.sharpe, correctedSharpeRatio(r));
  assert.equal(row.psr_0, probabilisticSharpeRatioOf(r));
  const lo = loSharpeGmm(r, { periods: 12 });
  assert.equal(row.sharpe_lo, lo.sharpeAggregated);
  assert.equal(row.se_lo, lo.standardError);
  const m = returnMoments(r);
  const d = deflatedSharpeRatio({ ...m, nTrials: 5, trialsVariance: sharpeVariance(trials) / 12 });
  assert.equal(row.dsr, d.dsr);
  assert.ok(Math.abs(row.sr0 - d.sr0 * Math.sqrt(12)) < 1e-15);
  const single = bootstrapSharpeInterval(r, boot);
  assert.deepEqual([row.ci_lower, row.ci_upper], [single.lower, single.upper]);
  const diff = bootstrapSharpeDifferenceInterval(r, bench, boot);
  assert.deepEqual([row.sharpe_diff, row.diff_lower, row.diff_upper], [diff.estimate, diff.lower, diff.upper]);
  assert.equal(row.benchmark, "dji");
});

test("significanceTable: NaN for what does not apply; deterministic", () => {
  const rows = significanceTable({ a: r, short: r.slice(0, 14) }, { bootstrap: { draws: 200 } });
  assert.equal(rows.length, 2);
  assert.ok(Number.isNaN(rows[0].dsr) && Number.isNaN(rows[0].sharpe_diff), "no trials, no benchmark");
  assert.ok(Number.isNaN(rows[1].se_lo), "14 months ≤ 12 + lags: no GMM SE for q = 12");
  assert.deepEqual(significanceTable({ a: r }, { bootstrap: { draws: 200 } }), [rows[0]]);
});

function randomRows() {
  const rows: { Instrument: string; Date: string; total_return_1m: number; [k: string]: number | string }[] = [];
  const dates = ["2020-01-31", "2020-02-29", "2020-03-31", "2020-04-30"];
  dates.forEach((date, t) => {
    for (let s = 0; s < 10; s++)
      rows.push({
        Instrument: `S${s}`,
        Date: date,
        total_return_1m: ((s * 13 + t * 7) % 11) - 5,
        quality_normalized: ((s * 3 + t) % 10) - 4.5,
        size_normalized: ((s * 7 + 2 * t) % 10) - 4.5,
      });
  });
  return rows;
}

test("IC and quintile tables and figures", () => {
  const opts = { factors: ["quality_normalized", "size_normalized"] };
  const rows = randomRows();
  const summary = icSummary(informationCoefficients(rows, opts));
  const t = icSummaryRows(summary);
  assert.deepEqual(Object.keys(t[0]), [
    "factor",
    "months",
    "mean_ic",
    "ic_sd",
    "ic_ir",
    "t_stat",
    "mean_rank_ic",
    "rank_ic_sd",
    "rank_ic_ir",
    "rank_t_stat",
  ]);
  const q = quintileReturns(rows, opts);
  assert.deepEqual(Object.keys(quintileRows(q)[0]), [
    "factor",
    "Q1",
    "Q2",
    "Q3",
    "Q4",
    "Q5",
    "spread",
    "spread_t",
    "months",
  ]);
  const fig = quintileBarFigure(q);
  assert.equal(fig.data.length, 2);
  assert.equal(fig.data[0].name, "quality");
  assert.deepEqual(fig.data[1].y, q[1].meanReturns);
  assert.equal((fig.data[0].x as string[]).length, 5);
  const heat = scoreCorrelationFigure(factorScoreCorrelations(rows, opts));
  assert.deepEqual(heat.data[0].x, ["quality", "size"]);
  assert.equal(shortFactorName("total_return_1m_yield"), "yield");
});

test("permutation and bootstrap histograms mark the actual value and the interval", () => {
  const table: ReturnsTable = {
    dates: ["2020-02-29", "2020-03-31", "2020-04-30", "2020-05-31"],
    factors: ["A", "B"],
    factorReturns: { A: [1, -1, 2, 0], B: [0, 2, -1, 1] },
    bestFactorNextMonth: ["B", "A", "B", "A"],
    preds: ["B", "A", "A", "B"],
    bestShifted: ["A", "B", "A", "B"],
    predShifted: ["A", "B", "A", "B"],
    probaShifted: [],
    bestReturn: [1, 2, 2, 1],
    predReturn: [1, 2, 2, 1],
    predProbaReturn: [],
  };
  const perm = predictionPermutationTest(table, { draws: 1000, seed: 2 });
  const fig = permutationHistogramFigure(perm);
  assert.equal(fig.data[0].type, "histogram");
  assert.equal((fig.data[0].x as number[]).length, perm.samples.length);
  const shapes = fig.layout!.shapes as { x0: number }[];
  assert.equal(shapes[0].x0, perm.actual);
  const b = bootstrapSharpeInterval(r, { draws: 200 });
  const bf = bootstrapHistogramFigure(b);
  assert.deepEqual(
    (bf.layout!.shapes as { x0: number }[]).map((s) => s.x0),
    [b.estimate, b.lower, b.upper],
  );
  JSON.stringify(fig); // plain, serialisable
});
