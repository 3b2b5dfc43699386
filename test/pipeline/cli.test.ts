/** `npm run pipeline` (lib/cli/pipeline.ts) as a child process: help, usage errors, failures, a full run. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
  assert.match(
    r.stdout,
    /usage: npm run pipeline -- \[--corrected\] \[--config FILE\] \[study flags\] \[--out DIR\] \[--data DIR\]/,
  );
  for (const flag of ["--index RIC", "--start YYYY-MM-DD", "--split YYYY-MM-DD", "--rfe N", "--rounds N"])
    assert.ok(r.stdout.includes(flag), flag);
  assert.match(r.stdout, /Exit codes/);
});

test("a bad command line exits 2 naming the argument", () => {
  const r = cli(["--frobnicate"]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /Unknown option '--frobnicate'/);
  const r2 = cli(["--out"]);
  assert.equal(r2.status, 2);
  assert.match(r2.stderr, /'--out <value>' argument missing/);
  const r3 = cli(["--rfe", "twelve"]);
  assert.equal(r3.status, 2);
  assert.match(r3.stderr, /--rfe needs a number, got "twelve"/);
  const r4 = cli(["--split", "2019-13-01"]);
  assert.equal(r4.status, 2);
  assert.match(r4.stderr, /split: expected a date YYYY-MM-DD/);
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
    assert.match(r.stdout, /train 226 x 12, test 66 months/);
    assert.match(r.stdout, /study window 2000-01-01 \(from the data\) to 2024-07-31 \(from the data\)/);
    assert.match(r.stdout, /dropped 2 months at the start \(2000-01-31\.\.2000-02-29\)/);
    assert.match(r.stdout, /USGDPF=ECI VALUE \(In\[22\]\) has .*release lag 3/);
    assert.match(r.stdout, /Summary \(compounded, Sharpe x sqrt\(12\)\)/);
    assert.match(r.stdout, /cum_return_corrected {2}sharp_ratio_corrected/); // pandas: numeric headers keep a sign column
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

test("--config: a JSON study file, overridden by flags; a bad file exits 2 naming the key", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "pipeline-cli-"));
  try {
    const bad = path.join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ rfe: 0, splt: "2019-01-01", classifier: { maxDepth: 2.5 } }));
    const r = cli(["--config", bad]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /bad\.json: invalid study configuration/);
    assert.match(r.stderr, /rfe: Too small/);
    assert.match(r.stderr, /classifier\.maxDepth: /);
    assert.match(r.stderr, /Unrecognized key: "splt"/);
    const broken = path.join(dir, "broken.json");
    writeFileSync(broken, "{ rfe: 3");
    const r2 = cli(["--config", broken]);
    assert.equal(r2.status, 2);
    assert.match(r2.stderr, /broken\.json: not valid JSON/);
    // a small, fast study: 3 rounds of depth 2, 8 features, split 2021
    const good = path.join(dir, "study.json");
    writeFileSync(good, JSON.stringify({ errata: "corrected", rfe: 20, classifier: { nEstimators: 3, maxDepth: 2 } }));
    const r3 = cli([
      "--config",
      good,
      "--rfe",
      "8",
      "--split",
      "2021-01-01",
      "--quiet",
      "--out",
      path.join(dir, "out"),
    ]);
    assert.equal(r3.status, 0, r3.stderr);
    assert.match(r3.stdout, /split 2021-01-01, RFE 8/);
    assert.match(r3.stdout, /train \d+ x 8, test 42 months/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("--workers 1 and --workers 2 write the same files byte for byte; a bad count exits 2", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "pipeline-cli-"));
  try {
    // a small, fast study (20 rounds of depth 3), as above
    const run = (workers: string) => {
      const out = path.join(dir, `w${workers}`);
      const r = cli([
        "--corrected",
        "--rounds",
        "20",
        "--max-depth",
        "3",
        "--quiet",
        "--workers",
        workers,
        "--out",
        out,
      ]);
      assert.equal(r.status, 0, r.stderr);
      return { out, stdout: r.stdout.replace(/wrote 7 files to .*\n/, "") };
    };
    const one = run("1");
    const two = run("2");
    assert.equal(two.stdout, one.stdout);
    const names = [
      "summary.csv",
      "performance.csv",
      "returns.csv",
      "predictions.csv",
      "selected-features.csv",
      "run.json",
    ];
    for (const name of names)
      assert.equal(
        readFileSync(path.join(two.out, name), "utf8"),
        readFileSync(path.join(one.out, name), "utf8"),
        name,
      );
    const bad = cli(["--workers", "0"]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--workers must be an integer ≥ 1, got 0/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
