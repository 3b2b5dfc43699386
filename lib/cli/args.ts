/**
 * Command-line parsing shared by the CLIs built on `node:util` parseArgs (pipeline, sweep,
 * sweep-worker): one usage-error type, strict option parsing whose error is reduced to its first
 * line, and the numeric option checks with the same messages everywhere.
 */
import { type ParseArgsConfig, parseArgs } from "node:util";

/** The option table of parseArgs. */
export type OptionTable = NonNullable<ParseArgsConfig["options"]>;

/** The parsed values of an option table (strict, no positionals). */
export type OptionValues<T extends OptionTable> = ReturnType<
  typeof parseArgs<{ options: T; allowPositionals: false; strict: true }>
>["values"];

/** A bad command line: the CLI prints the message and its usage, and exits 2. */
export class UsageError extends Error {}

/** Strict parseArgs without positionals; an unknown or incomplete option is a UsageError. */
export function parseOptions<T extends OptionTable>(argv: readonly string[], options: T): OptionValues<T> {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: false, strict: true }).values;
  } catch (e) {
    throw new UsageError((e as Error).message.split("\n")[0]);
  }
}

/** `--flag X` as a finite number (undefined when absent). */
export function numberOption(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (v.trim() === "" || !Number.isFinite(x)) throw new UsageError(`${flag} needs a number, got "${v}"`);
  return x;
}

/** `--flag N` as an integer in [min, max] (undefined when absent). */
export function integerOption(flag: string, v: string | undefined, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (v.trim() === "" || !Number.isInteger(x) || x < min || x > max)
    throw new UsageError(`${flag} needs an integer from ${min} to ${max}, got "${v}"`);
  return x;
}

/** Whether the command line asks for help (checked before anything else is parsed). */
export const wantsHelp = (argv: readonly string[]) => argv.includes("--help") || argv.includes("-h");
