/**
 * `npx tsx lib/cli/generate-fund-data.ts [--out DIR] [--seed N]` — write the synthetic fund and
 * benchmark returns of notebook 03 (lib/sample/fund-sample.ts) as funds.csv and returns.csv to DIR
 * (default data/sample/funds). Byte-reproducible: the same seed writes identical files.
 */
import { generateFundSample } from "../sample/fund-sample";
import { runGenerator } from "./generate-files";

process.exitCode = runGenerator({
  script: "generate-fund-data",
  defaultOut: "data/sample/funds",
  generate: (seed) => generateFundSample({ seed }),
});
