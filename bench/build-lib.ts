/**
 * `npm run build` (lib/ → lib/dist, incremental) for the benchmarks that time the compiled package
 * in a child process; throws with the compiler's output when the build fails.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";

export function buildLib(root = join(__dirname, "..")): void {
  const built = spawnSync("npm", ["run", "build", "--silent"], { cwd: root, encoding: "utf8" });
  if (built.status !== 0) throw new Error(`npm run build failed:\n${built.stdout}${built.stderr}`);
}
