/**
 * The shared command line of the embedded-data generators (generate-data, generate-daily-data,
 * generate-fund-data, generate-realistic-data): `tsx lib/cli/<script>.ts [--out DIR] [--seed N]`
 * writes the generator's files to DIR (default: the committed folder) and prints each file's
 * size. Only the generator's own files are written, so other content of the folder is left
 * alone. Byte-reproducible: the same seed writes identical files. Bad arguments print one line
 * and the usage, exit 2.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { integerOption, parseOptions, UsageError, wantsHelp } from "./args";

export interface GeneratorCli {
  /** Script name for messages, e.g. "generate-daily-data". */
  script: string;
  /** Default output folder, relative to the repository root (e.g. "data/sample/daily"). */
  defaultOut: string;
  /** The files (name → text) for a seed (undefined = the generator's own default seed). */
  generate: (seed: number | undefined) => Readonly<Record<string, string>>;
}

const OPTIONS = { out: { type: "string" }, seed: { type: "string" }, help: { type: "boolean", short: "h" } } as const;

/** Parse the arguments, write the files, return the exit code. */
export function runGenerator(cli: GeneratorCli, argv: readonly string[] = process.argv.slice(2)): number {
  const usage = `usage: tsx lib/cli/${cli.script}.ts [--out DIR] [--seed N]   (default DIR: ${cli.defaultOut})`;
  if (wantsHelp(argv)) {
    console.log(usage);
    return 0;
  }
  let out: string;
  let seed: number | undefined;
  try {
    const v = parseOptions(argv, OPTIONS);
    out = path.resolve(v.out ?? path.join(__dirname, "..", "..", cli.defaultOut));
    seed = integerOption("--seed", v.seed, -(2 ** 31), 2 ** 31 - 1);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`${cli.script}: error: ${e.message}\n\n${usage}`);
    return 2;
  }
  mkdirSync(out, { recursive: true });
  for (const [name, text] of Object.entries(cli.generate(seed))) {
    writeFileSync(path.join(out, name), text);
    console.log(`${name}: ${text.length} bytes`);
  }
  return 0;
}
