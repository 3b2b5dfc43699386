/**
 * `npm run notebooks:import -- draft.ts notebooks/NN-name.ipynb` — build a notebook from a
 * percent-format script (see lib/notebook/percent-format.ts);
 * `npm run notebooks:import -- --to-script notebooks/NN-name.ipynb [out.ts]` — the reverse.
 * Execute the notebook afterwards with `npm run notebooks -- notebooks/NN-name.ipynb`.
 * Errors (a script or notebook that cannot be read, bad cell tags with their script line) are
 * one line and exit 1; bad usage exits 2.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { NotebookFormatError, readErrorText, readNotebook, writeNotebookAtomic } from "../notebook/ipynb";
import { keepOutputs, notebookFromPercent, PercentFormatError, percentFromNotebook } from "../notebook/percent-format";
import { CliError, EXIT, parseCommandLine, runCli, UsageError, wantsHelp } from "./args";

const HELP = `Usage: npm run notebooks:import -- SCRIPT.ts NOTEBOOK.ipynb
       npm run notebooks:import -- --to-script NOTEBOOK.ipynb [SCRIPT.ts]

Builds NOTEBOOK.ipynb from a percent-format script ("// %%" code cells, "// %% [markdown]"
text cells, tags=["In[3]"]), keeping the outputs of cells whose source did not change; or
writes the script of a notebook (to stdout without SCRIPT.ts).`;

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    throw new CliError(`${file}: cannot read the ${what} (${readErrorText(e)})`);
  }
}

function main(args: string[]): number {
  if (wantsHelp(args)) {
    console.log(HELP);
    return EXIT.ok;
  }
  const { values, positionals } = parseCommandLine(args, { "to-script": { type: "boolean" } });
  if (values["to-script"]) {
    if (positionals.length < 1 || positionals.length > 2)
      throw new UsageError("--to-script needs a notebook and at most one script path");
    const text = percentFromNotebook(readNotebook(positionals[0]));
    if (positionals[1]) writeFileSync(positionals[1], text);
    else process.stdout.write(text);
    return EXIT.ok;
  }
  if (positionals.length !== 2) throw new UsageError("give exactly a script and a notebook");
  const [src, dst] = positionals;
  const nb = keepOutputs(
    notebookFromPercent(readText(src, "script"), src),
    existsSync(dst) ? readNotebook(dst) : undefined,
  );
  writeNotebookAtomic(dst, nb);
  console.log(`wrote ${dst} (${nb.cells.length} cells); execute it with: npm run notebooks -- ${dst}`);
  return EXIT.ok;
}

runCli("notebooks:import", main, { usage: HELP, expected: [NotebookFormatError, PercentFormatError] });
