/**
 * Write the realistic synthetic data set to data/realistic (constituents.csv, fields.csv,
 * history.csv, display_names.csv, release_lags.csv), byte for byte reproducible from the seed.
 *
 *   tsx lib/cli/generate-realistic-data.ts [--out DIR] [--seed N]
 *
 * --out writes into another folder (used by the reproducibility test); only the five files above
 * are written, so data/realistic/README.md (hand-written) is left alone. The generating process
 * is documented in lib/data/realistic.ts and data/realistic/README.md.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { generateRealistic, REALISTIC_SEED } from "../data/realistic";

function main(argv: string[]): void {
  let out = path.resolve(__dirname, "..", "..", "data", "realistic");
  let seed = REALISTIC_SEED;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--help" || a === "-h") {
      console.log("usage: tsx lib/cli/generate-realistic-data.ts [--out DIR] [--seed N]");
      return;
    }
    if (a === "--out" && argv[i + 1]) out = path.resolve(argv[++i]);
    else if (a === "--seed" && argv[i + 1]) {
      seed = Number(argv[++i]);
      if (!Number.isInteger(seed))
        throw new Error(`generate-realistic-data: --seed must be an integer, got ${argv[i]}`);
    } else
      throw new Error(
        `generate-realistic-data: unknown argument "${a}" (usage: generate-realistic-data.ts [--out DIR] [--seed N])`,
      );
  }
  mkdirSync(out, { recursive: true });
  for (const [name, text] of Object.entries(generateRealistic(seed))) {
    writeFileSync(path.join(out, name), text);
    console.log(`${name}: ${text.length} bytes`);
  }
}

main(process.argv.slice(2));
