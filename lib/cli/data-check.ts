/**
 * `npm run data:check -- [DIR] [--start YYYY-MM-DD] [--end YYYY-MM-DD] [--verbose] [--quiet]`:
 * load a CSV data folder (the sample's schema, data/README.md), run the plausibility rules of
 * `lib/data/quality.ts` and print the data-quality report (a table per file: rows, months,
 * missing values per field; the warnings with their first examples). Without DIR it checks the
 * embedded sample (data/sample).
 *
 * One progress line goes to stderr (unless --quiet); the report goes to stdout. Exit codes:
 * 0 no rejected value (warnings allowed), 1 the folder was rejected (one line naming file, line,
 * column, value and rule on stderr; the stack trace only with --verbose), 2 bad command line.
 */
import * as path from "node:path";
import { isIsoDate } from "../data/dates";
import { dataQualityReport, formatDataQualityReport } from "../data/quality";
import { sampleDataDir } from "../data/source";
import { UsageError } from "./args";

const USAGE = `usage: npm run data:check -- [DIR] [--start YYYY-MM-DD] [--end YYYY-MM-DD] [--verbose] [--quiet]

Loads a data folder (constituents.csv, fields.csv, history.csv, display_names.csv in the schema of
data/README.md), runs the plausibility checks and prints the data-quality report.

  DIR            the folder to check (default: the embedded sample data/sample)
  --start DATE   first date of the study window; fields.csv rows before it are ignored
  --end DATE     last date of the study window; fields.csv rows after it are ignored
  --verbose      print the stack trace when the folder is rejected
  --quiet        no progress line on stderr
  -h, --help     show this help

Exit codes: 0 no rejected value (warnings allowed), 1 the folder was rejected, 2 bad command line.`;

interface Args {
  dir?: string;
  start?: string;
  end?: string;
  verbose: boolean;
  quiet: boolean;
  help: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const a: Args = { verbose: false, quiet: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    const date = () => {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${x} needs a date (YYYY-MM-DD)`);
      if (!isIsoDate(v)) throw new UsageError(`${x} "${v}" is not a date (expected YYYY-MM-DD)`);
      i++;
      return v;
    };
    if (x === "--start") a.start = date();
    else if (x === "--end") a.end = date();
    else if (x === "--verbose") a.verbose = true;
    else if (x === "--quiet") a.quiet = true;
    else if (x === "--help" || x === "-h") a.help = true;
    else if (x.startsWith("-")) throw new UsageError(`unknown option "${x}"`);
    else if (a.dir !== undefined) throw new UsageError(`only one DIR can be checked (got "${a.dir}" and "${x}")`);
    else a.dir = x;
  }
  if (a.start !== undefined && a.end !== undefined && a.start > a.end)
    throw new UsageError(`--start ${a.start} is after --end ${a.end}`);
  return a;
}

function main(argv: readonly string[]): number {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`data-check: ${e.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let dir: string;
  let label: string;
  try {
    if (args.dir !== undefined) {
      dir = path.resolve(args.dir);
      label = args.dir;
    } else {
      dir = sampleDataDir();
      label = "the embedded sample (data/sample)";
    }
    if (!args.quiet) process.stderr.write(`data-check: loading and checking ${label}\n`);
    const report = dataQualityReport(dir, { start: args.start, end: args.end, label });
    process.stdout.write(formatDataQualityReport(report));
    return 0;
  } catch (e) {
    const err = e as Error;
    process.stderr.write(`data-check: rejected: ${err.message}\n`);
    if (args.verbose && err.stack) process.stderr.write(`${err.stack}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
