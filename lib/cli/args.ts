/**
 * Command-line parsing shared by every CLI in lib/cli, all built on `node:util` parseArgs: one
 * usage-error type, strict option parsing (with or without positional arguments) whose error is
 * reduced to its first line, `--help` / `-h` detection, and the numeric option checks with the
 * same messages everywhere.
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

/**
 * parseArgs' error as one short line: its first line, without the hint on passing a positional
 * that starts with "-" (none of our CLIs takes one).
 */
function usageMessage(e: unknown): string {
  return (e as Error).message.split("\n")[0].replace(/\. To specify a positional argument starting with .*$/, "");
}

/** Strict parseArgs without positionals; an unknown or incomplete option is a UsageError. */
export function parseOptions<T extends OptionTable>(argv: readonly string[], options: T): OptionValues<T> {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: false, strict: true }).values;
  } catch (e) {
    throw new UsageError(usageMessage(e));
  }
}

/** Strict parseArgs with positional arguments (files, notebooks): options and positionals. */
export function parseCommandLine<T extends OptionTable>(
  argv: readonly string[],
  options: T,
): { values: OptionValues<T>; positionals: string[] } {
  try {
    const r = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
    return { values: r.values as OptionValues<T>, positionals: r.positionals };
  } catch (e) {
    throw new UsageError(usageMessage(e));
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

/**
 * An expected failure of a command (a bad file, a failed check): the CLI prints its one-line
 * message and exits 1, with no stack trace.
 */
export class CliError extends Error {}

/** Exit statuses of every CLI here. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** The conventional exit status of a process stopped by a signal: 128 + its number. */
export function signalExitCode(signal: NodeJS.Signals): number {
  const n = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 }[signal as string];
  return 128 + (n ?? 15);
}

/**
 * The first step of a `main` that reports its own errors: `--help` / `-h` prints `usage` to
 * stdout (exit status 0); otherwise `parse(argv)`. A `UsageError` prints "<name>: <message>", a
 * blank line and the usage to stderr; an error of a class in `inputErrors` (a bad configuration or
 * grid file) prints "<name>: <message>" alone; both give status 2. Any other error propagates.
 * Returns the parsed arguments, or the exit status `main` should return.
 */
export function parseMainArgs<A>(
  name: string,
  usage: string,
  argv: readonly string[],
  parse: (argv: readonly string[]) => A,
  inputErrors: readonly (abstract new (...a: never[]) => Error)[] = [],
): { args: A } | { exit: number } {
  if (wantsHelp(argv)) {
    process.stdout.write(`${usage}\n`);
    return { exit: EXIT.ok };
  }
  try {
    return { args: parse(argv) };
  } catch (e) {
    if (inputErrors.some((c) => e instanceof c)) {
      process.stderr.write(`${name}: ${(e as Error).message}\n`);
      return { exit: EXIT.usage };
    }
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${name}: ${e.message}\n\n${usage}\n`);
    return { exit: EXIT.usage };
  }
}

/**
 * One error path for a CLI's `main`: its resolved number is the exit status. A `UsageError`
 * prints "error: …" and the usage hint and exits 2; an expected error (`CliError`, or any error
 * whose class is listed in `expected`, e.g. `NotebookFormatError`) prints "error: …" (first line
 * only, unless `--verbose`) and exits 1; anything else is a bug: its stack trace is printed and
 * the status is 1. `--verbose` anywhere on the command line prints the stack of every error.
 */
export function runCli(
  name: string,
  main: (argv: string[]) => number | Promise<number>,
  opts: {
    usage?: string;
    expected?: readonly (abstract new (...a: never[]) => Error)[];
    /** Call process.exit with the status when done (for CLIs whose handles may keep Node alive). */
    exit?: boolean;
  } = {},
): void {
  const argv = process.argv.slice(2);
  const verbose = argv.includes("--verbose");
  const rest = argv.filter((a) => a !== "--verbose");
  const report = (e: unknown): number => {
    const err = e instanceof Error ? e : new Error(String(e));
    if (err instanceof UsageError) {
      process.stderr.write(`${name}: error: ${err.message}\n${opts.usage ? `\n${opts.usage}\n` : ""}`);
      return EXIT.usage;
    }
    const expected = err instanceof CliError || (opts.expected ?? []).some((c) => err instanceof c);
    if (expected && !verbose) {
      process.stderr.write(`${name}: error: ${err.message.split("\n")[0]}\n`);
      return EXIT.failure;
    }
    process.stderr.write(
      `${name}: ${expected ? "error" : "unexpected error (a bug: please report it)"}: ${err.stack ?? err.message}\n`,
    );
    return EXIT.failure;
  };
  const finish = (code: number) => {
    process.exitCode = code;
    if (opts.exit) process.exit(code);
  };
  let result: number | Promise<number>;
  try {
    result = main(rest);
  } catch (e) {
    finish(report(e));
    return;
  }
  Promise.resolve(result).then(finish, (e) => finish(report(e)));
}
