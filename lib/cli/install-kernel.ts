/**
 * `npx tsx lib/cli/install-kernel.ts [--prefix DIR]` — register the project's TypeScript kernel
 * (lib/kernel/tslab-kernel.ts: tslab with Jupyter error messages, source-mapped tracebacks and
 * stable kernel metadata) with Jupyter as "tslab" / "TypeScript", the kernelspec the notebooks
 * name. No Python is involved: the kernelspec is one JSON file, written into the current user's
 * Jupyter data folder (never system-wide, also not as root), or under `--prefix`.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { CliError, EXIT, parseOptions, runCli, UsageError, wantsHelp } from "./args";
import { ensureLibBuilt } from "./lib-build";

const HELP = `Usage: npx tsx lib/cli/install-kernel.ts [--prefix DIR] [--print]

Registers this checkout's TypeScript kernel with Jupyter (kernelspec "tslab", display name
"TypeScript"), for the current user: writes kernels/tslab/kernel.json in the Jupyter data folder
($JUPYTER_DATA_DIR; else ~/.local/share/jupyter on Linux, or $XDG_DATA_HOME/jupyter;
~/Library/Jupyter on macOS; %APPDATA%\\jupyter on Windows). It replaces a kernel registered
earlier with "npx tslab install" for this user. lib/ is built first if needed.

Options:
  --prefix DIR   write DIR/share/jupyter/kernels/tslab/kernel.json instead (as
                 "jupyter kernelspec install --prefix"; Jupyter finds it with JUPYTER_PATH=DIR/share/jupyter)
  --print        print the kernel.json and write nothing
  -h, --help     this text

The kernelspec runs this Node.js (${process.execPath}) and this checkout's
lib/dist/kernel/tslab-kernel.js: run the command again after moving the checkout or changing
Node.js.`;

/** Jupyter's per-user data folder, as jupyter_core.paths.jupyter_data_dir() computes it. */
export function jupyterDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.JUPYTER_DATA_DIR) return env.JUPYTER_DATA_DIR;
  if (platform === "darwin") return join(homedir(), "Library", "Jupyter");
  if (platform === "win32") return join(env.APPDATA ?? join(homedir(), "AppData", "Roaming"), "jupyter");
  return join(env.XDG_DATA_HOME || join(homedir(), ".local", "share"), "jupyter");
}

/** The kernelspec (kernel.json) of the project's kernel in the checkout at `root`. */
export function kernelSpec(root: string): Record<string, unknown> {
  return {
    argv: [
      process.execPath,
      join(root, "lib", "dist", "kernel", "tslab-kernel.js"),
      "kernel",
      "--config-path",
      "{connection_file}",
    ],
    display_name: "TypeScript",
    language: "typescript",
    interrupt_mode: "signal",
    metadata: { debugger: false },
  };
}

function main(argv: string[]): number {
  if (wantsHelp(argv)) {
    console.log(HELP);
    return EXIT.ok;
  }
  const values = parseOptions(argv, { prefix: { type: "string" }, print: { type: "boolean" } });
  if (values.prefix === "") throw new UsageError("--prefix needs a folder");
  const prefix = values.prefix !== undefined ? resolve(values.prefix) : undefined;
  const print = values.print === true;
  const root = resolve(__dirname, "..", "..");
  const spec = `${JSON.stringify(kernelSpec(root), null, 1)}\n`;
  if (print) {
    process.stdout.write(spec);
    return EXIT.ok;
  }
  ensureLibBuilt(root, (l) => console.log(l));
  const script = join(root, "lib", "dist", "kernel", "tslab-kernel.js");
  if (!existsSync(script)) throw new CliError(`${script} is missing after the build`);
  const dir = join(prefix ? join(prefix, "share", "jupyter") : jupyterDataDir(), "kernels", "tslab");
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "kernel.json"), spec);
  } catch (e) {
    throw new CliError(`cannot write ${join(dir, "kernel.json")}: ${(e as Error).message}`);
  }
  console.log(`installed the TypeScript kernel "tslab" in ${dir}`);
  console.log(
    prefix
      ? `Jupyter finds it with JUPYTER_PATH=${join(prefix, "share", "jupyter")}`
      : "check with: jupyter kernelspec list",
  );
  return EXIT.ok;
}

runCli("install-kernel", main, { usage: "Run with --help for the options." });
