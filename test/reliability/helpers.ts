/** Shared by the reliability tests: the CLI paths, notebooks from scripts, processes by folder. */
import { readdirSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import { serializeNotebook } from "../../lib/notebook/ipynb";
import { notebookFromPercent } from "../../lib/notebook/percent-format";

export const ROOT = join(__dirname, "..", "..");

/** The TypeScript source of a CLI of lib/cli (run with `node --import tsx`). */
export const cliPath = (name: string) => join(ROOT, "lib", "cli", `${name}.ts`);

/** The .ipynb text of a percent-format script. */
export const notebookText = (script: string) => serializeNotebook(notebookFromPercent(script));

/** Processes whose working folder is `dir` or inside it (Linux /proc). */
export function processesIn(dir: string): number[] {
  const out: number[] = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      if (readlinkSync(`/proc/${pid}/cwd`).startsWith(dir)) out.push(Number(pid));
    } catch {
      // gone, or not ours to read
    }
  }
  return out;
}
