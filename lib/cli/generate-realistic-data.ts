/**
 * Write the realistic synthetic data set to data/realistic (constituents.csv, fields.csv,
 * history.csv, display_names.csv, release_lags.csv), byte for byte reproducible from the seed.
 *
 *   tsx lib/cli/generate-realistic-data.ts [--out DIR] [--seed N]
 *
 * --out writes into another folder (used by the reproducibility test); only the five files above
 * are written, so data/realistic/README.md (hand-written) is left alone. The generating process
 * is documented in lib/sample/realistic.ts and data/realistic/README.md.
 */
import { generateRealistic, REALISTIC_SEED } from "../sample/realistic";
import { runGenerator } from "./generate-files";

process.exitCode = runGenerator({
  script: "generate-realistic-data",
  defaultOut: "data/realistic",
  generate: (seed) => generateRealistic(seed ?? REALISTIC_SEED),
});
