/**
 * `npx tsx lib/cli/diff-notebooks.ts A.ipynb B.ipynb [--tolerance X]` — compare the outputs of two
 * executions of a notebook cell by cell with the rules of `npm run notebooks:check` (see
 * lib/notebook/compare.ts). Used to check that `jupyter nbconvert --execute` and our runner agree.
 * Exit 0 when equal, 1 when outputs differ, 2 on bad usage.
 */
import { compareNotebooks } from "../notebook/compare";
import { readNotebook } from "../notebook/ipynb";

const args = process.argv.slice(2);
let tolerance = 0;
const files: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--tolerance") tolerance = Number(args[++i]);
  else files.push(args[i]);
}
if (files.length !== 2 || !(tolerance >= 0)) {
  console.error("Usage: npx tsx lib/cli/diff-notebooks.ts A.ipynb B.ipynb [--tolerance X]");
  process.exit(2);
}
const diffs = compareNotebooks(readNotebook(files[0]), readNotebook(files[1]), { tolerance });
for (const d of diffs)
  console.log(`--- cell ${d.codeIndex}${d.tag ? ` (${d.tag})` : ""}: - ${files[0]}, + ${files[1]}\n${d.diff}`);
console.log(diffs.length ? `${diffs.length} cell(s) differ` : "outputs identical");
process.exit(diffs.length ? 1 : 0);
