/**
 * The incremental build of lib/ for the notebook runner: the notebooks import
 * `@factor-index/lib`, i.e. lib/dist, so the runner makes sure lib/dist is current before it
 * starts a kernel — without paying for a TypeScript build when nothing changed.
 *
 * lib/dist is current when the stamp file lib/dist/.build-stamp, written after every build this
 * module runs, is newer than every source of the build: the .ts and .json files under lib/
 * (lib/dist and node_modules excluded), lib/tsconfig.build.json and the root tsconfig.json it
 * extends. Otherwise `tsc -p lib/tsconfig.build.json` runs (the project's own TypeScript,
 * node_modules/typescript, as in `npm run build`; itself incremental) and the stamp is renewed. A build that fails leaves no stamp, so the next run builds again.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CliError } from "./args";

/** The stamp file, relative to the repository root. */
export const BUILD_STAMP = join("lib", "dist", ".build-stamp");

/** Newest modification time (ms) of the build's sources under `root`. */
export function newestLibSource(root: string): number {
  let newest = 0;
  const visit = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (e.name !== "dist" && e.name !== "node_modules") visit(join(dir, e.name));
      } else if (e.name.endsWith(".ts") || e.name.endsWith(".json")) {
        newest = Math.max(newest, statSync(join(dir, e.name)).mtimeMs);
      }
    }
  };
  visit(join(root, "lib"));
  for (const f of ["tsconfig.json", "package.json"]) {
    const p = join(root, f);
    if (existsSync(p)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Whether lib/dist is current (see the module comment). */
export function libBuildIsCurrent(root: string): boolean {
  const stamp = join(root, BUILD_STAMP);
  if (!existsSync(stamp) || !existsSync(join(root, "lib", "dist", "index.js"))) return false;
  return statSync(stamp).mtimeMs >= newestLibSource(root);
}

/**
 * Build lib/ unless it is current; returns whether it built. A failed build is a `CliError`
 * carrying the compiler's first error line (its full output goes to stderr).
 */
export function ensureLibBuilt(root: string, log: (line: string) => void = () => {}): boolean {
  if (libBuildIsCurrent(root)) return false;
  log("building lib/ (sources changed since the last build)…");
  // The stamp gets the build's start time: a source saved during the build triggers the next one.
  const started = new Date();
  // The same compiler as `npm run build`: the devDependency typescript, not node_modules/.bin/tsc
  // (npm links tslab's bundled TypeScript 5.0 there, which cannot type `require` of an ES module).
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  const r = spawnSync(process.execPath, [tsc, "-p", join(root, "lib", "tsconfig.build.json")], {
    cwd: root,
    encoding: "utf8",
  });
  if (r.status !== 0) {
    const out = `${r.stdout ?? ""}${r.stderr ?? ""}`.trim();
    if (out) process.stderr.write(`${out}\n`);
    throw new CliError(`building lib/ failed: ${out.split("\n")[0] || `tsc exited with ${r.status ?? r.signal}`}`);
  }
  const stamp = join(root, BUILD_STAMP);
  writeFileSync(stamp, `${started.toISOString()}\n`);
  utimesSync(stamp, started, started);
  return true;
}
