/**
 * `npm run pipeline -- [--corrected] [--out DIR] [--data DIR] [--quiet]`: notebook 01's whole
 * chain (article In[1]–In[48]) without the Jupyter kernel, through the same lib function the
 * notebook's Corrections section calls (`runArticlePipeline`).
 *
 * Progress lines go to stderr; stdout gets the model metrics and the summary tables (the chosen
 * conventions, then faithful and corrected side by side). The tables are written as CSV plus a
 * run.json to DIR (default out/pipeline-faithful or out/pipeline-corrected under the current
 * directory). Exit codes: 0 success, 1 the run failed (bad data, …), 2 bad command line.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { openDataSource } from "../data/source";
import { tableText } from "../notebook/table-format";
import { type PipelineProgress, runArticlePipeline } from "../pipeline/article-pipeline";
import { pipelineOutputs, summarySideBySide } from "../pipeline/outputs";

const USAGE = `usage: npm run pipeline -- [--corrected] [--out DIR] [--data DIR] [--quiet]

Runs notebook 01 (the article's cells In[1]..In[48]) end to end without the kernel.

  --corrected   apply every erratum correction (default: reproduce the article faithfully)
  --out DIR     write the CSV/JSON results to DIR
                (default: out/pipeline-faithful or out/pipeline-corrected)
  --data DIR    read a CSV directory in the sample's schema instead of the embedded sample
                (default: $FACTOR_DATA_DIR, else data/sample)
  --quiet       no progress lines on stderr
  -h, --help    show this help

Files written: summary.csv, summary-faithful-vs-corrected.csv, performance.csv, returns.csv,
predictions.csv, selected-features.csv, run.json.
Exit codes: 0 success, 1 the run failed, 2 bad command line.`;

interface Args {
  corrected: boolean;
  out?: string;
  data?: string;
  quiet: boolean;
  help: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Args {
  const a: Args = { corrected: false, quiet: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    const value = () => {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${x} needs a directory`);
      i++;
      return v;
    };
    if (x === "--corrected") a.corrected = true;
    else if (x === "--faithful") a.corrected = false;
    else if (x === "--out") a.out = value();
    else if (x === "--data") a.data = value();
    else if (x === "--quiet") a.quiet = true;
    else if (x === "--help" || x === "-h") a.help = true;
    else throw new UsageError(`unknown argument "${x}"`);
  }
  return a;
}

const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(6) : "NaN");

function table(rows: readonly Record<string, string | number>[], index: string): string {
  const columns = Object.keys(rows[0] ?? {}).filter((c) => c !== index);
  return tableText({
    index: rows.map((r) => String(r[index])),
    columns,
    data: columns.map((c) => rows.map((r) => r[c])),
  });
}

function main(argv: readonly string[]): number {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`pipeline: ${e.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const mode = args.corrected ? "corrected" : "faithful";
  const out = path.resolve(args.out ?? path.join("out", `pipeline-${mode}`));
  try {
    const source = openDataSource(args.data !== undefined ? { dir: args.data } : {});
    const log = (p: PipelineProgress) => {
      if (args.quiet) return;
      const counter = p.step !== undefined ? ` [${p.step}/${p.total}]` : "";
      process.stderr.write(`${p.stage}${counter}: ${p.message}\n`);
    };
    if (!args.quiet) process.stderr.write(`data: ${source.description}; errata: ${mode}\n`);
    const run = runArticlePipeline(source, { errata: mode, onProgress: log });

    const o = process.stdout;
    o.write(`notebook 01 pipeline (${mode}) on ${source.description}\n\n`);
    o.write(`train ${run.trainShape[0]} x ${run.trainShape[1]}, test ${run.retrain.dates.length} months\n`);
    o.write(`selected features: ${run.modelFeatures.join(", ")}\n`);
    o.write(`prediction counts: ${run.metrics.predictionCountsText}\n`);
    o.write(`accuracy: ${fmt(run.metrics.accuracy)}  top-3 accuracy: ${fmt(run.metrics.top3Accuracy)}\n\n`);
    o.write(
      `Summary (${mode === "faithful" ? "article: summed returns, Sharpe x sqrt(252)" : "compounded, Sharpe x sqrt(12)"}):\n`,
    );
    o.write(`${table(run.backtest.summary as unknown as Record<string, number | string>[], "strategy")}\n\n`);
    o.write("Summary, faithful vs corrected conventions on the same returns:\n");
    o.write(`${table(summarySideBySide(run), "strategy")}\n\n`);

    mkdirSync(out, { recursive: true });
    const files = pipelineOutputs(run);
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(out, name), text);
    o.write(`wrote ${Object.keys(files).length} files to ${path.relative(process.cwd(), out) || "."}\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`pipeline: ${(e as Error).message}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
