/**
 * `npm run notebooks:html [-- [--out DIR] [notebook.ipynb ...]]` — export executed notebooks
 * (default: every notebooks/*.ipynb) to self-contained HTML files in DIR (default out/html/)
 * that open offline in any browser, charts included. A notebook that cannot be read is reported
 * on one line and the others are still exported (exit 1 at the end); an --out that is not a
 * folder is an error before anything is written.
 */
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { notebookToHtml } from "../notebook/html-export";
import { NotebookFormatError, readNotebook } from "../notebook/ipynb";
import { CliError, EXIT, parseCommandLine, runCli, UsageError, wantsHelp } from "./args";
import { listNotebooks } from "./notebook-files";

const HELP = `Usage: npm run notebooks:html [-- [--out DIR] [notebook.ipynb ...]]
Writes DIR/<name>.html for each notebook (default DIR: out/html). The notebooks are not
executed: run "npm run notebooks" first if their outputs are stale.`;

function outputFolder(dir: string): string {
  let isDir: boolean | undefined;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = undefined; // does not exist yet
  }
  if (isDir === false) throw new CliError(`--out ${dir}: is a file, not a folder`);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new CliError(
      `--out ${dir}: cannot create the folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  return dir;
}

function main(args: string[]): number {
  if (wantsHelp(args)) {
    console.log(HELP);
    return EXIT.ok;
  }
  const root = resolve(__dirname, "..", "..");
  const { values, positionals } = parseCommandLine(args, { out: { type: "string" } });
  if (values.out === "") throw new UsageError("--out needs a folder");
  const out = values.out !== undefined ? resolve(values.out) : join(root, "out", "html");
  const files = positionals.map((f) => resolve(f));
  if (!files.length) files.push(...listNotebooks(join(root, "notebooks")));
  outputFolder(out);
  const failures: string[] = [];
  for (const f of files) {
    const name = basename(f, ".ipynb");
    try {
      const nb = readNotebook(f);
      const target = join(out, `${name}.html`);
      writeFileSync(target, notebookToHtml(nb, name));
      console.log(`✓ ${relative(process.cwd(), f)} → ${relative(process.cwd(), target)}`);
    } catch (e) {
      if (!(e instanceof NotebookFormatError)) throw e;
      failures.push(e.message);
      console.error(`✗ ${e.message}`);
    }
  }
  if (failures.length) console.error(`${failures.length} of ${files.length} notebooks not exported`);
  return failures.length ? EXIT.failure : EXIT.ok;
}

runCli("notebooks:html", main, { usage: HELP, expected: [NotebookFormatError] });
