/**
 * `npm run data:generate` (first half): write the embedded synthetic sample to data/sample
 * (constituents.csv, fields.csv, history.csv, display_names.csv), byte for byte reproducible.
 *
 *   tsx lib/cli/generate-data.ts [--out DIR] [--seed N]
 *
 * --out writes into another folder (used by the reproducibility test); only the four files above
 * are written, so other content of the folder (e.g. data/sample/daily/) is left alone.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { generateSample, SAMPLE_SEED } from "../data/generate";

function main(argv: string[]): void {
  let out = path.resolve(__dirname, "..", "..", "data", "sample");
  let seed = SAMPLE_SEED;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--out" && argv[i + 1]) out = path.resolve(argv[++i]);
    else if (a === "--seed" && argv[i + 1]) {
      seed = Number(argv[++i]);
      if (!Number.isInteger(seed)) throw new Error(`generate-data: --seed must be an integer, got ${argv[i]}`);
    } else throw new Error(`generate-data: unknown argument "${a}" (usage: generate-data.ts [--out DIR] [--seed N])`);
  }
  mkdirSync(out, { recursive: true });
  const files = generateSample(seed);
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(path.join(out, name), text);
    console.log(`${name}: ${text.length} bytes`);
  }
}

main(process.argv.slice(2));
