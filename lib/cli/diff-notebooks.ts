/**
 * `npx tsx lib/cli/diff-notebooks.ts A.ipynb B.ipynb [--tolerance X]` — compare the outputs of two
 * executions of a notebook cell by cell with the rules of `npm run notebooks:check` (see
 * lib/notebook/compare.ts). Used to check that `jupyter nbconvert --execute` and our runner agree.
 * Exit 0 when equal, 1 when outputs differ or a file cannot be read (one line), 2 on bad usage.
 */
import { compareNotebooks } from "../notebook/compare";
import { NotebookFormatError, readNotebook } from "../notebook/ipynb";
import { EXIT, numberOption, parseCommandLine, runCli, UsageError, wantsHelp } from "./args";

const USAGE = "Usage: npx tsx lib/cli/diff-notebooks.ts A.ipynb B.ipynb [--tolerance X]";

function main(args: string[]): number {
  if (wantsHelp(args)) {
    console.log(USAGE);
    return EXIT.ok;
  }
  const { values, positionals: files } = parseCommandLine(args, { tolerance: { type: "string" } });
  const tolerance = numberOption("--tolerance", values.tolerance) ?? 0;
  if (!(tolerance >= 0)) throw new UsageError("--tolerance needs a number ≥ 0");
  if (files.length !== 2) throw new UsageError("give exactly two notebooks");
  const diffs = compareNotebooks(readNotebook(files[0]), readNotebook(files[1]), { tolerance });
  for (const d of diffs)
    console.log(`--- cell ${d.codeIndex}${d.tag ? ` (${d.tag})` : ""}: - ${files[0]}, + ${files[1]}\n${d.diff}`);
  console.log(diffs.length ? `${diffs.length} cell(s) differ` : "outputs identical");
  return diffs.length ? EXIT.failure : EXIT.ok;
}

runCli("diff-notebooks", main, { usage: USAGE, expected: [NotebookFormatError] });
