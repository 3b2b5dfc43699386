/**
 * Benchmark: `npm run notebooks` (lib/cli/run-notebooks.ts) against Jupyter's own batch executor,
 * `jupyter nbconvert --to notebook --execute`, on the same notebooks (every notebooks/*.ipynb),
 * in the same run, on this machine.
 *
 *   npx tsx bench/notebooks.bench.ts [--runs N]
 *
 * Both sides start one kernel per notebook (the project's tslab kernel, registered in a private
 * Jupyter folder by lib/cli/install-kernel.ts, as test/clients/ does), execute every cell and write
 * the executed notebook into a temporary folder; nbconvert runs the notebooks one after another (it
 * executes one notebook per command), ours with --jobs 1 and with --jobs 2. lib/ is built before
 * the timed runs, so neither side pays for a build. Wall time of the whole command, median of
 * `--runs` (default 1) runs. nbconvert is Debian's jupyter-nbconvert (/usr/bin/jupyter); when it
 * is missing the comparison is skipped and the page says so.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { buildLib } from "./build-lib";

const ROOT = join(__dirname, "..");
const JUPYTER = "/usr/bin/jupyter";
const args = process.argv.slice(2);
const runs = (() => {
  const k = args.indexOf("--runs");
  return k >= 0 ? Number(args[k + 1]) : 1;
})();
const notebooks = readdirSync(join(ROOT, "notebooks"))
  .filter((f) => f.endsWith(".ipynb"))
  .sort()
  .map((f) => join(ROOT, "notebooks", f));

function run(cmd: string, argv: string[], env?: NodeJS.ProcessEnv): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, {
    cwd: ROOT,
    encoding: "utf8",
    env: env ?? process.env,
    maxBuffer: 256 * 1024 * 1024,
  });
  const s = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(" ")} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return s;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

console.log(`machine: ${cpus().length} logical CPUs (${cpus()[0]?.model ?? "unknown"}), Node ${process.version}`);
console.log(`notebooks: ${notebooks.map((f) => f.split("/").pop()).join(", ")}`);
buildLib(ROOT);

const work = mkdtempSync(join(tmpdir(), "notebooks-bench-"));
const tsx = join(ROOT, "node_modules", ".bin", "tsx");
const ours = (jobs: number) =>
  median(
    Array.from({ length: runs }, (_, i) => {
      const out = join(work, `ours-j${jobs}-${i}`);
      mkdirSync(out);
      return run(tsx, [
        join(ROOT, "lib", "cli", "run-notebooks.ts"),
        "--jobs",
        String(jobs),
        "--output-dir",
        out,
        ...notebooks,
      ]);
    }),
  );
const rows: [string, number][] = [];
rows.push(["npm run notebooks --jobs 1", ours(1)]);
rows.push(["npm run notebooks --jobs 2", ours(2)]);

let nbconvert: number | null = null;
let why = "";
if (!existsSync(JUPYTER)) why = `${JUPYTER} is not installed (Debian package jupyter-nbconvert)`;
else {
  const home = join(work, "jupyter");
  for (const d of ["data", "config", "runtime", "ipython"]) mkdirSync(join(home, d), { recursive: true });
  run(tsx, [join(ROOT, "lib", "cli", "install-kernel.ts"), "--prefix", join(home, "prefix")]);
  const env = {
    ...process.env,
    PYDEVD_DISABLE_FILE_VALIDATION: "1",
    JUPYTER_PATH: join(home, "prefix", "share", "jupyter"),
    JUPYTER_DATA_DIR: join(home, "data"),
    JUPYTER_CONFIG_DIR: join(home, "config"),
    JUPYTER_RUNTIME_DIR: join(home, "runtime"),
    IPYTHONDIR: join(home, "ipython"),
  };
  nbconvert = median(
    Array.from({ length: runs }, (_, i) => {
      const out = join(work, `nbconvert-${i}`);
      mkdirSync(out);
      let s = 0;
      for (const nb of notebooks)
        s += run(
          JUPYTER,
          [
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            "--ExecutePreprocessor.timeout=600",
            "--ExecutePreprocessor.kernel_name=tslab",
            "--output-dir",
            out,
            nb,
          ],
          env,
        );
      return s;
    }),
  );
  rows.push(["jupyter nbconvert --execute, one notebook after another", nbconvert]);
}
rmSync(work, { recursive: true, force: true });
console.log("| command | wall (s) | ratio to nbconvert |");
console.log("| --- | --- | --- |");
for (const [name, s] of rows)
  console.log(`| ${name} | ${s.toFixed(1)} | ${nbconvert ? (s / nbconvert).toFixed(3) : "-"} |`);
if (nbconvert === null) console.log(`nbconvert comparison skipped: ${why}`);
