/**
 * `npx tsx lib/cli/generate-fund-data.ts [--out DIR] [--seed N]` — write the synthetic fund and
 * benchmark returns of notebook 03 (lib/data/fund-sample.ts) as funds.csv and returns.csv to DIR
 * (default data/sample/funds). Byte-reproducible: the same seed writes identical files.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { generateFundSample } from "../data/fund-sample";

const HELP = "Usage: npx tsx lib/cli/generate-fund-data.ts [--out DIR] [--seed N]";
const args = process.argv.slice(2);
let out = resolve(__dirname, "..", "..", "data", "sample", "funds");
let seed: number | undefined;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "-h" || a === "--help") {
    console.log(HELP);
    process.exit(0);
  } else if (a === "--out" && args[i + 1]) out = resolve(args[++i]);
  else if (a === "--seed" && args[i + 1] && Number.isInteger(Number(args[i + 1]))) seed = Number(args[++i]);
  else {
    console.error(`error: unexpected argument "${a}"\n${HELP}`);
    process.exit(2);
  }
}
mkdirSync(out, { recursive: true });
const files = generateFundSample({ seed });
for (const [name, text] of Object.entries(files)) writeFileSync(join(out, name), text);
console.log(`wrote ${Object.keys(files).length} files of the fund-returns sample`);
