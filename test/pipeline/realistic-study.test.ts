/**
 * The realistic export (data/realistic: index .RLX100, ~100 names, 2013–2023, ragged series,
 * missing values, mid-month joiners and leavers) end to end: the pipeline CLI and notebooks 01 and
 * 04 with the same study through `-p`, the data-quality report, and the look-ahead detector on the
 * corrected pipeline over this messier data.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { data, pipeline } from "../../lib";

const ROOT = path.join(__dirname, "..", "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const REAL = path.join(ROOT, "data", "realistic");
const tmp = mkdtempSync(path.join(tmpdir(), "realistic-study-"));
after(() => rmSync(tmp, { recursive: true, force: true }));
const run = (script: string, args: string[]) =>
  spawnSync(TSX, [path.join(ROOT, "lib", "cli", script), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, FACTOR_DATA_DIR: "" },
    timeout: 300_000,
  });
const STUDY = [
  "-p",
  "indexRic",
  ".RLX100",
  "-p",
  "indexName",
  "rlx",
  "-p",
  "splitDate",
  "2020-01-01",
  "-p",
  "nSelect",
  "10",
];

/** All text outputs of a code cell of an executed notebook. */
function outputs(file: string): string[] {
  const nb = JSON.parse(readFileSync(file, "utf8")) as {
    cells: { cell_type: string; outputs?: { text?: string[]; data?: Record<string, string[]> }[] }[];
  };
  return nb.cells
    .filter((c) => c.cell_type === "code")
    .map((c) => (c.outputs ?? []).map((o) => (o.text ?? o.data?.["text/plain"] ?? []).join("")).join("\n"));
}

test("npm run pipeline on the realistic export: --split 2020-01-01 --rfe 10, ragged trim reported", () => {
  const r = run("pipeline.ts", [
    "--data",
    REAL,
    "--index",
    ".RLX100",
    "--split",
    "2020-01-01",
    "--rfe",
    "10",
    "--quiet",
    "--out",
    path.join(tmp, "cli"),
  ]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /study window 2013-01-01 \(from the data\) to 2023-12-31 \(from the data\)/);
  assert.match(r.stdout, /dropped 4 months at the start \(2013-01-31\.\.2013-04-30\)/);
  assert.match(r.stdout, /dropped 4 months at the end \(2023-09-30\.\.2023-12-31\)/);
  assert.match(r.stdout, /US6MT=RR B_YLD_1 \(In\[25\]\) has 2013-04-30\.\.2023-12-31/);
  assert.match(r.stdout, /NGc1 TRDPRC_1 \(In\[26\]\) has 2013-01-31\.\.2023-09-30 \(lead 1\)/);
  assert.match(r.stdout, /train 80 x 10, test 43 months/);
  const c = run("pipeline.ts", [
    "--data",
    REAL,
    "--index",
    ".RLX100",
    "--split",
    "2020-01-01",
    "--rfe",
    "10",
    "--corrected",
    "--quiet",
    "--out",
    path.join(tmp, "cli-c"),
  ]);
  assert.equal(c.status, 0, c.stderr);
  assert.match(c.stdout, /x 10, test \d+ months/);
});

test("npm run data:check on the realistic export prints the report, no rejected values", () => {
  const r = run("data-check.ts", [REAL]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Result: no rejected values; 434 warnings/);
  assert.match(r.stdout, /return-1m-missing/);
});

test("notebook 01 runs on the realistic export with the same study through -p", () => {
  const out = path.join(tmp, "01.ipynb");
  const r = run("run-notebooks.ts", [
    "notebooks/01-multi-factor-rebalancing.ipynb",
    "-p",
    "dataDir",
    "../data/realistic",
    ...STUDY,
    "--output",
    out,
  ]);
  assert.equal(r.status, 0, r.stderr + r.stdout);
  const text = outputs(out).join("\n");
  assert.match(text, /study window 2013-01-01 \(from the data\) to 2023-12-31/);
  assert.match(text, /dropped 4 months at the start/);
  assert.match(text, /training months: 80 /);
  assert.match(text, /\(80, 10\)/);
  assert.match(text, /by date = by position: not comparable/);
});

test("notebook 04 runs on the realistic export (corrected forecasts) with the faithful ones beside", () => {
  const out = path.join(tmp, "04.ipynb");
  const r = run("run-notebooks.ts", [
    "notebooks/04-ml-strategic-balanced-index.ipynb",
    "-p",
    "dataDir",
    "../data/realistic",
    ...STUDY,
    "--output",
    out,
  ]);
  assert.equal(r.status, 0, r.stderr + r.stdout);
  const text = outputs(out).join("\n");
  assert.match(text, /The model of notebook 01 \(corrected\) on CSV directory \.\.\/data\/realistic/);
  assert.match(text, /\ncorrected +0\.\d+/);
  assert.match(text, /\nfaithful +0\.\d+/);
});

test("look-ahead detector: the corrected pipeline on the realistic export changes no decision up to t", () => {
  const source = data.openDataSource({ dir: REAL });
  const opts = {
    errata: "corrected" as const,
    indexRic: ".RLX100",
    splitDate: "2020-01-01",
    nSelect: 10,
    classifier: { nEstimators: 10, maxDepth: 3 },
  };
  const base = pipeline.runArticlePipeline(source, opts);
  const after = "2021-03-31";
  const perturbed = pipeline.runArticlePipeline(pipeline.perturbAfter(source, { after, seed: 9 }), opts);
  const a = pipeline.articleDecisions(base, after);
  assert.ok(a.size > 2000);
  assert.deepEqual(pipeline.diffDecisions(a, pipeline.articleDecisions(perturbed, after)), []);
  const faithful = { ...opts, errata: "faithful" as const };
  const f = pipeline.diffDecisions(
    pipeline.articleDecisions(pipeline.runArticlePipeline(source, faithful), after),
    pipeline.articleDecisions(
      pipeline.runArticlePipeline(pipeline.perturbAfter(source, { after, seed: 9 }), faithful),
      after,
    ),
  );
  assert.ok(f.length > 0, "the faithful pipeline trips the detector on this data too");
});
