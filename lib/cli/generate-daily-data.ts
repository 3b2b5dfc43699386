/**
 * `npx tsx lib/cli/generate-daily-data.ts [--out DIR] [--seed N]` — write the synthetic daily
 * sample of the index methodology (lib/sample/daily-sample.ts) as CSV files to DIR (default
 * data/sample/daily). Byte-reproducible: the same seed writes identical files.
 */
import { dailySampleCsv, generateDailySample } from "../sample/daily-sample";
import { runGenerator } from "./generate-files";

process.exitCode = runGenerator({
  script: "generate-daily-data",
  defaultOut: "data/sample/daily",
  generate: (seed) => dailySampleCsv(generateDailySample({ seed })),
});
