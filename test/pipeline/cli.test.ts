/** `npm run pipeline` (lib/cli/pipeline.ts) as a child process: help, usage errors, failures, a full run. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { test } from "node:test";

const ROOT = path.join(__dirname, "..", "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const cli = (args: string[]) =>
  spawnSync(TSX, [path.join(ROOT, "lib", "cli", "pipeline.ts"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, FACTOR_DATA_DIR: "" },
  });

test("--help prints the usage and exits 0", () => {
  const r = cli(["--help"]);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /usage: npm run pipeline -- \[--corrected\] \[--out DIR\] \[--data DIR\]/);
  assert.match(r.stdout, /Exit codes/);
});

test("a bad command line exits 2 naming the argument", () => {
  const r = cli(["--frobnicate"]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown argument "--frobnicate"/);
  const r2 = cli(["--out"]);
  assert.equal(r2.status, 2);
  assert.match(r2.stderr, /--out needs a directory/);
});

test("a missing data directory exits 1 with a message, writes nothing", () => {
  const out = mkdtempSync(path.join(tmpdir(), "pipeline-cli-"));
  try {
    const r = cli(["--data", path.join(out, "nowhere"), "--out", path.join(out, "res")]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^pipeline: .*nowhere/m);
    assert.equal(existsSync(path.join(out, "res")), false);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test("--corrected runs end to end: progress on stderr, summaries on stdout, 7 files", () => {
  const out = mkdtempSync(path.join(tmpdir(), "pipeline-cli-"));
  try {
    const r = cli(["--corrected", "--out", out]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /errata: corrected/);
    assert.match(r.stderr, /retrain \[66\/66\]: In\[37\]: 2024-06-30/);
    assert.match(r.stdout, /train 228 x 12, test 66 months/);
    assert.match(r.stdout, /Summary \(compounded, Sharpe x sqrt\(12\)\)/);
    assert.match(r.stdout, /cum_return_corrected sharp_ratio_corrected/);
    for (const f of [
      "summary.csv",
      "summary-faithful-vs-corrected.csv",
      "performance.csv",
      "returns.csv",
      "predictions.csv",
      "selected-features.csv",
      "run.json",
    ])
      assert.ok(existsSync(path.join(out, f)), f);
    const json = JSON.parse(readFileSync(path.join(out, "run.json"), "utf8"));
    assert.equal(json.errata.model.rfeImportancesMisaligned, false);
    assert.equal(json.errata.backtest.sharpeSqrt252, false);
    const fixture = JSON.parse(
      readFileSync(path.join(ROOT, "test", "fixtures", "pipeline", "predictions-corrected.json"), "utf8"),
    );
    assert.equal(json.accuracy, fixture.accuracy);
    const summary = readFileSync(path.join(out, "summary.csv"), "utf8").trim().split("\n");
    assert.equal(summary[0], "strategy,cum_return,sharp_ratio");
    assert.equal(summary.length, 11);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
