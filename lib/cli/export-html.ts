/**
 * `npm run notebooks:html [-- [--out DIR] [notebook.ipynb ...]]` — export executed notebooks
 * (default: every notebooks/*.ipynb) to self-contained HTML files in DIR (default out/html/)
 * that open offline in any browser, charts included.
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { notebookToHtml } from "../notebook/html-export";
import { readNotebook } from "../notebook/ipynb";

const HELP = `Usage: npm run notebooks:html [-- [--out DIR] [notebook.ipynb ...]]
Writes DIR/<name>.html for each notebook (default DIR: out/html). The notebooks are not
executed: run "npm run notebooks" first if their outputs are stale.`;

const root = resolve(__dirname, "..", "..");
const args = process.argv.slice(2);
let out = join(root, "out", "html");
const files: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "-h" || args[i] === "--help") {
    console.log(HELP);
    process.exit(0);
  } else if (args[i] === "--out") {
    const v = args[++i];
    if (!v) {
      console.error(`error: --out needs a folder\n${HELP}`);
      process.exit(2);
    }
    out = resolve(v);
  } else if (args[i].startsWith("-")) {
    console.error(`error: unknown option ${args[i]}\n${HELP}`);
    process.exit(2);
  } else files.push(resolve(args[i]));
}
if (!files.length) {
  const dir = join(root, "notebooks");
  for (const f of readdirSync(dir).sort()) if (f.endsWith(".ipynb")) files.push(join(dir, f));
}
mkdirSync(out, { recursive: true });
for (const f of files) {
  const nb = readNotebook(f);
  const name = basename(f, ".ipynb");
  const target = join(out, `${name}.html`);
  writeFileSync(target, notebookToHtml(nb, name));
  console.log(`✓ ${relative(process.cwd(), f)} → ${relative(process.cwd(), target)}`);
}
