/**
 * `npm run data:generate` (first part): write the embedded synthetic sample to data/sample
 * (constituents.csv, fields.csv, history.csv, display_names.csv), byte for byte reproducible.
 *
 *   tsx lib/cli/generate-data.ts [--out DIR] [--seed N]
 *
 * --out writes into another folder (used by the reproducibility test); only the four files above
 * are written, so other content of the folder (e.g. data/sample/daily/) is left alone. The
 * generating process is documented in lib/sample/monthly-sample.ts and data/README.md.
 */
import { generateSample, SAMPLE_SEED } from "../sample/monthly-sample";
import { runGenerator } from "./generate-files";

process.exitCode = runGenerator({
  script: "generate-data",
  defaultOut: "data/sample",
  generate: (seed) => generateSample(seed ?? SAMPLE_SEED),
});
