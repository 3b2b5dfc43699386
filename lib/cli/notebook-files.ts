/** The notebooks a notebook command works on by default: every *.ipynb of a folder, in name order. */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { CliError } from "./args";

/** Every `*.ipynb` file of `dir` (not hidden, not checkpoints), sorted by name. */
export function listNotebooks(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    throw new CliError(`${dir}: cannot list notebooks (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const files = names
    .filter((f) => f.endsWith(".ipynb") && !f.startsWith("."))
    .sort()
    .map((f) => join(dir, f));
  if (files.length === 0) throw new CliError(`${dir}: no notebooks (*.ipynb) found`);
  return files;
}
