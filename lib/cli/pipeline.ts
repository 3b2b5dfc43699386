/**
 * `npm run pipeline -- [options]`: notebook 01's whole chain (article In[1]–In[48]) without the
 * Jupyter kernel, through the same lib function the notebook's Corrections section calls
 * (`runArticlePipeline`), under a study configuration (lib/pipeline/study.ts): a JSON file given
 * with `--config`, overridden by the flags.
 *
 * Progress lines go to stderr; stdout gets the study window, the model metrics and the summary
 * tables (the chosen conventions, then faithful and corrected side by side). The tables are
 * written as CSV plus a run.json to DIR (default out/pipeline-faithful or out/pipeline-corrected
 * under the current directory). Exit codes: 0 success, 1 the run failed (bad data, …), 2 bad
 * command line or study configuration.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { openDataSource } from "../data/source";
import { describeTrimmed } from "../features/pipeline";
import { tableText } from "../notebook/table-format";
import { type PipelineProgress, runStudyParallel } from "../pipeline/article-pipeline";
import { pipelineOutputs, summarySideBySide } from "../pipeline/outputs";
import { loadStudyConfig, parseStudyConfig, type StudyConfig, StudyConfigError } from "../pipeline/study";
import { numberOption, parseMainArgs, parseOptions, UsageError } from "./args";

const USAGE = `usage: npm run pipeline -- [--corrected] [--config FILE] [study flags] [--out DIR] [--data DIR] [--quiet]

Runs notebook 01 (the article's cells In[1]..In[48]) end to end without the kernel.

  --corrected          apply every erratum correction (default: reproduce the article faithfully)
  --config FILE        a JSON study configuration (keys: indexRic, indexName, start, end, split,
                       rfe, classifier {nEstimators, learningRate, maxDepth, minChildWeight,
                       regLambda, gamma}, momentumClass, featureOrderSeed, errata, costBps,
                       maxMissingReturnShare);
                       the flags below override it
  --index RIC          index whose constituents form the universe (default .DJI)
  --index-name NAME    its column in the returns tables (default dji)
  --start YYYY-MM-DD   study window start (default: follow the data)
  --end YYYY-MM-DD     study window end (default: follow the data)
  --split YYYY-MM-DD   first test month (default 2019-01-01)
  --rfe N              features kept by recursive feature elimination (default 12)
  --rounds N, --learning-rate X, --max-depth N, --min-child-weight X
                       booster options (default: xgboost's 100, 0.3, 6, 1)
  --momentum-class     keep momentum as a seventh class (the article drops it)
  --cost-bps X         cost per full factor switch in the performance table (default 10)
  --out DIR            write the CSV/JSON results to DIR
                       (default: out/pipeline-faithful or out/pipeline-corrected)
  --data DIR           read a CSV directory in the sample's schema instead of the embedded sample
                       (default: $FACTOR_DATA_DIR, else data/sample)
  --workers N          worker threads for the expanding window's month fits (default: the
                       machine's cores; 1 = no threads); the results do not depend on it
  --quiet              no progress lines on stderr
  -h, --help           show this help

Files written: summary.csv, summary-faithful-vs-corrected.csv, performance.csv, returns.csv,
predictions.csv, selected-features.csv, run.json.
Exit codes: 0 success, 1 the run failed, 2 bad command line or study configuration.`;

interface Args {
  study: StudyConfig;
  mode: "faithful" | "corrected" | "custom";
  out?: string;
  data?: string;
  quiet: boolean;
  help: boolean;
  workers?: number;
}

function parseArgs(argv: readonly string[]): Args {
  const v = parseOptions(argv, OPTIONS);
  const base = v.config !== undefined ? loadStudyConfig(v.config) : parseStudyConfig({});
  const classifier = {
    ...base.classifier,
    ...(v.rounds !== undefined ? { nEstimators: numberOption("--rounds", v.rounds) } : {}),
    ...(v["learning-rate"] !== undefined ? { learningRate: numberOption("--learning-rate", v["learning-rate"]) } : {}),
    ...(v["max-depth"] !== undefined ? { maxDepth: numberOption("--max-depth", v["max-depth"]) } : {}),
    ...(v["min-child-weight"] !== undefined
      ? { minChildWeight: numberOption("--min-child-weight", v["min-child-weight"]) }
      : {}),
  };
  const study = parseStudyConfig(
    {
      ...base,
      ...(v.corrected ? { errata: "corrected" } : {}),
      ...(v.faithful ? { errata: "faithful" } : {}),
      ...(v.index !== undefined ? { indexRic: v.index } : {}),
      ...(v["index-name"] !== undefined ? { indexName: v["index-name"] } : {}),
      ...(v.start !== undefined ? { start: v.start } : {}),
      ...(v.end !== undefined ? { end: v.end } : {}),
      ...(v.split !== undefined ? { split: v.split } : {}),
      ...(v.rfe !== undefined ? { rfe: numberOption("--rfe", v.rfe) } : {}),
      ...(v["momentum-class"] ? { momentumClass: true } : {}),
      ...(v["cost-bps"] !== undefined ? { costBps: numberOption("--cost-bps", v["cost-bps"]) } : {}),
      classifier,
    },
    "command line",
  );
  const mode = study.errata === "faithful" || study.errata === "corrected" ? study.errata : "custom";
  let workers: number | undefined;
  if (v.workers !== undefined) {
    workers = numberOption("--workers", v.workers) as number;
    if (!Number.isInteger(workers) || workers < 1)
      throw new UsageError(`--workers must be an integer ≥ 1, got ${v.workers}`);
  }
  return { study, mode, out: v.out, data: v.data, quiet: v.quiet === true, help: v.help === true, workers };
}

const OPTIONS = {
  corrected: { type: "boolean" },
  faithful: { type: "boolean" },
  config: { type: "string" },
  index: { type: "string" },
  "index-name": { type: "string" },
  start: { type: "string" },
  end: { type: "string" },
  split: { type: "string" },
  rfe: { type: "string" },
  rounds: { type: "string" },
  "learning-rate": { type: "string" },
  "max-depth": { type: "string" },
  "min-child-weight": { type: "string" },
  "momentum-class": { type: "boolean" },
  "cost-bps": { type: "string" },
  out: { type: "string" },
  data: { type: "string" },
  quiet: { type: "boolean" },
  workers: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(6) : "NaN");

function table(rows: readonly Record<string, string | number>[], index: string): string {
  const columns = Object.keys(rows[0] ?? {}).filter((c) => c !== index);
  // a command's summary is printed whole: no row or column elision, no wrapping into blocks
  return tableText(
    {
      index: rows.map((r) => String(r[index])),
      columns,
      data: columns.map((c) => rows.map((r) => r[c])),
    },
    { maxRows: null, maxColumns: null, width: null },
  );
}

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseMainArgs("pipeline", USAGE, argv, parseArgs, [StudyConfigError]);
  if ("exit" in parsed) return parsed.exit;
  const { args } = parsed;
  const mode = args.mode;
  const out = path.resolve(args.out ?? path.join("out", `pipeline-${mode}`));
  try {
    const source = openDataSource(args.data !== undefined ? { dir: args.data } : {});
    const log = (p: PipelineProgress) => {
      if (args.quiet) return;
      const counter = p.step !== undefined ? ` [${p.step}/${p.total}]` : "";
      process.stderr.write(`${p.stage}${counter}: ${p.message}\n`);
    };
    if (!args.quiet) process.stderr.write(`data: ${source.description}; errata: ${mode}\n`);
    // the CLI writes no In[7]-In[18] table, so it lets each go as soon as the next exists
    const run = await runStudyParallel(source, args.study, {
      onProgress: log,
      workers: args.workers,
      retainTables: false,
    });

    const o = process.stdout;
    o.write(`notebook 01 pipeline (${mode}) on ${source.description}\n`);
    o.write(`index ${args.study.indexRic}, ${run.window.note}, split ${args.study.split}, RFE ${args.study.rfe}\n`);
    for (const line of describeTrimmed(run.features.trimmed)) o.write(`${line}\n`);
    o.write("\n");
    o.write(`train ${run.trainShape[0]} x ${run.trainShape[1]}, test ${run.retrain.dates.length} months\n`);
    o.write(`selected features: ${run.modelFeatures.join(", ")}\n`);
    o.write(`prediction counts: ${run.metrics.predictionCountsText}\n`);
    o.write(`accuracy: ${fmt(run.metrics.accuracy)}  top-3 accuracy: ${fmt(run.metrics.top3Accuracy)}\n\n`);
    o.write(
      `Summary (${run.errata.backtest.cumulativeSum ? "summed returns" : "compounded"}, Sharpe x ${run.errata.backtest.sharpeSqrt252 ? "sqrt(252)" : "sqrt(12)"}):\n`,
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

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
