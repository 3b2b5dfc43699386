/**
 * Benchmark: `npm run pipeline -- --corrected` (notebook 01's whole chain) on universes of 30,
 * 300, 1,500 and 3,000 names per date — the embedded sample repeated k = 1, 10, 50, 100 times
 * (bench/scaled-universe.ts) — reporting wall time and peak resident memory of the process
 * (GNU time's %M, which includes the worker threads), and time per name relative to 30 names.
 *
 *   npx tsx bench/pipeline-scale.bench.ts [--sizes 1,10,50,100]
 *
 * A size whose run fails (for example out of memory) is reported with its exit status and the
 * last line of its error output. Needs /usr/bin/time (Debian package time).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { writeScaledUniverse } from "./scaled-universe";

const ROOT = join(__dirname, "..");
const args = process.argv.slice(2);
const sizes = (() => {
  const k = args.indexOf("--sizes");
  return (k >= 0 ? args[k + 1] : "1,10,50,100").split(",").map(Number);
})();
if (!existsSync("/usr/bin/time")) throw new Error("/usr/bin/time is missing (Debian package time)");
console.log(
  `machine: ${cpus().length} logical CPUs (${cpus()[0]?.model ?? "unknown"}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
const work = mkdtempSync(join(tmpdir(), "pipeline-scale-"));
console.log("| names per date | fields.csv | wall (s) | peak RSS | s per 1,000 names | result |");
console.log("| --- | --- | --- | --- | --- | --- |");
let base: number | null = null;
try {
  for (const k of sizes) {
    const dir = join(work, `k${k}`);
    const { names, fieldsBytes } = writeScaledUniverse(dir, k);
    const r = spawnSync(
      "/usr/bin/time",
      [
        "-f",
        "TIME %e %M",
        join(ROOT, "node_modules", ".bin", "tsx"),
        join(ROOT, "lib", "cli", "pipeline.ts"),
        "--corrected",
        "--quiet",
        "--data",
        dir,
        "--out",
        join(work, `out${k}`),
      ],
      { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
    );
    const m = /TIME ([\d.]+) (\d+)/.exec(r.stderr ?? "");
    const seconds = m ? Number(m[1]) : Number.NaN;
    const rssMb = m ? Number(m[2]) / 1024 : Number.NaN;
    if (k === sizes[0] && r.status === 0) base = seconds / names;
    const err = (r.stderr ?? "").split("\n").filter((l) => l.trim() && !l.startsWith("TIME"));
    console.log(
      `| ${names.toLocaleString("en-US")} | ${(fieldsBytes / 1e6).toFixed(0)} MB | ${seconds.toFixed(1)} | ${rssMb >= 1024 ? `${(rssMb / 1024).toFixed(2)} GB` : `${rssMb.toFixed(0)} MB`} | ${((seconds / names) * 1000).toFixed(1)}${base ? ` (${(seconds / names / base).toFixed(2)}× of ${sizes[0] * 30})` : ""} | ${r.status === 0 ? "ok" : `exit ${r.status}: ${err[err.length - 1] ?? ""}`} |`,
    );
    rmSync(dir, { recursive: true, force: true });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
