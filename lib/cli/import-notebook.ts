/**
 * `npm run notebooks:import -- draft.ts notebooks/NN-name.ipynb` — build a notebook from a
 * percent-format script (see lib/notebook/percent-format.ts);
 * `npm run notebooks:import -- --to-script notebooks/NN-name.ipynb [out.ts]` — the reverse.
 * Execute the notebook afterwards with `npm run notebooks -- notebooks/NN-name.ipynb`.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { readNotebook, writeNotebookAtomic } from "../notebook/ipynb";
import { keepOutputs, notebookFromPercent, percentFromNotebook } from "../notebook/percent-format";

const HELP = `Usage: npm run notebooks:import -- SCRIPT.ts NOTEBOOK.ipynb
       npm run notebooks:import -- --to-script NOTEBOOK.ipynb [SCRIPT.ts]`;

const args = process.argv.slice(2);
if (args.includes("-h") || args.includes("--help") || args.length < 1) {
  console.log(HELP);
  process.exit(args.length < 1 ? 2 : 0);
}
if (args[0] === "--to-script") {
  const nb = readNotebook(args[1]);
  const text = percentFromNotebook(nb);
  if (args[2]) writeFileSync(args[2], text);
  else process.stdout.write(text);
} else {
  const [src, dst] = args;
  if (!dst) {
    console.error(HELP);
    process.exit(2);
  }
  const nb = keepOutputs(
    notebookFromPercent(readFileSync(src, "utf8")),
    existsSync(dst) ? readNotebook(dst) : undefined,
  );
  writeNotebookAtomic(dst, nb);
  console.log(`wrote ${dst} (${nb.cells.length} cells); execute it with: npm run notebooks -- ${dst}`);
}
