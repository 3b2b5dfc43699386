/**
 * Sensitivity sweeps (lib/research/sweep*.ts, lib/cli/sweep.ts): stable ids, grid and random
 * expansion with errors naming the axis, the feature-order option of the pipeline, 1 vs 2 worker
 * threads bit for bit, the results files, and resuming after the CLI is killed (SIGKILL) with a
 * truncated last line.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { openDataSource } from "../../lib/data/source";
import { runStudy } from "../../lib/pipeline/article-pipeline";
import { parseStudyConfig } from "../../lib/pipeline/study";
import { createRng } from "../../lib/random";
import {
  canonicalJson,
  DEFAULT_SWEEP_GRID,
  errataSwitchNames,
  expandSweep,
  normaliseStudy,
  runConfiguration,
  SweepGridError,
  type SweepGridInput,
  studyId,
} from "../../lib/research/sweep";
import {
  parseResultLine,
  RESULTS_CSV,
  RESULTS_JSONL,
  readResults,
  resultsCsv,
  resultToJsonLine,
} from "../../lib/research/sweep-files";
import { runSweep } from "../../lib/research/sweep-run";

const ROOT = path.join(__dirname, "..", "..");
const tmp = mkdtempSync(path.join(tmpdir(), "sweep-test-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Four configurations with a tiny booster (the feature pipeline dominates: about 2 s each). */
const TINY: SweepGridInput = {
  description: "tiny test grid",
  base: { errata: "corrected", classifier: { nEstimators: 3, maxDepth: 2 } },
  axes: { featureOrderSeed: [null, 7], momentumClass: [false, true] },
};

/** A result line without its timing, for comparisons. */
const untimed = (line: string) => {
  const { seconds: _s, ...rest } = parseResultLine(line);
  return JSON.stringify(rest);
};
const lines = (file: string) => readFileSync(file, "utf8").split("\n").filter(Boolean);

test("ids: stable, independent of key order and of how defaults are written", () => {
  // Golden: changes only when the study schema, a default or an errata switch changes (then every
  // stored id changes on purpose: results.jsonl files of earlier code are not reused).
  assert.equal(
    canonicalJson(normaliseStudy({})),
    '{"classifier":{"gamma":0,"learningRate":0.3,"maxDepth":6,"minChildWeight":1,"nEstimators":100,"regLambda":1},"costBps":10,"errata":{"backtest":{"cumulativeSum":true,"sharpeSqrt252":true},"factors":{"averageTaFy0Twice":true,"compositesNotRenormalised":true,"factorReturnsSameMonthWeights":true,"financialsQualityRawRoa":true,"macroAtReferenceMonth":true,"marketChangesLeadOneMonth":true,"missingReturnsAsZero":true,"momentumIncludesLastMonth":true,"returnsToReturnMonthMembers":true,"sizePositiveLog":true,"wkDeltaChainedAssignment":true},"model":{"rfeImportancesMisaligned":true}},"indexName":"dji","indexRic":".DJI","maxMissingReturnShare":0.2,"momentumClass":false,"rfe":12,"split":"2019-01-01"}',
  );
  assert.equal(studyId({}), "25d6dec8ab7144842abc967277e8807f49f94ae5db80448d5980938043d56f7f");
  assert.equal(studyId({}), studyId(parseStudyConfig({})));
  assert.match(studyId({}), /^[0-9a-f]{64}$/);
  const a = studyId({ errata: "corrected", rfe: 10, classifier: { maxDepth: 3, nEstimators: 5 } });
  const b = studyId({ classifier: { nEstimators: 5, maxDepth: 3 }, rfe: 10, errata: "corrected" });
  assert.equal(a, b);
  // The same study with the defaults written out and the preset spelled as switches.
  const corrected = JSON.parse(
    JSON.stringify({
      factors: Object.fromEntries(
        errataSwitchNames()
          .filter((n) => n.startsWith("factors."))
          .map((n) => [n.slice(8), false]),
      ),
      model: { rfeImportancesMisaligned: false },
      backtest: { cumulativeSum: false, sharpeSqrt252: false },
    }),
  );
  const c = studyId({
    rfe: 10,
    errata: corrected,
    classifier: { nEstimators: 5, maxDepth: 3, learningRate: 0.3, minChildWeight: 1, regLambda: 1, gamma: 0 },
    indexRic: ".DJI",
    costBps: 10,
  });
  assert.equal(a, c);
  assert.notEqual(a, studyId({ errata: "corrected", rfe: 11, classifier: { maxDepth: 3, nEstimators: 5 } }));
  assert.notEqual(a, studyId({ errata: "faithful", rfe: 10, classifier: { maxDepth: 3, nEstimators: 5 } }));
  assert.notEqual(studyId({}), studyId({ featureOrderSeed: 0 }));
  assert.equal(
    canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } }),
    '{"a":{"d":[3,{"y":2,"z":1}]},"b":1}',
  );
  // Same id on every run of the code (the id is a hash of text, not of object identity).
  assert.equal(
    studyId({ errata: "corrected" }),
    studyId(JSON.parse(JSON.stringify(parseStudyConfig({ errata: "corrected" })))),
  );
});

test("grid expansion: counts, order (first axis slowest), errata values, random search", () => {
  const plan = expandSweep({
    axes: { maxDepth: [2, 4], featureOrderSeed: [null, 1, 2], errata: ["corrected", "E7"] },
  });
  assert.equal(plan.mode, "grid");
  assert.deepEqual(plan.axes, ["maxDepth", "featureOrderSeed", "errata"]);
  assert.equal(plan.configurations.length, 12);
  assert.deepEqual(plan.configurations[0].params, { maxDepth: 2, featureOrderSeed: null, errata: "corrected" });
  assert.deepEqual(plan.configurations[1].params, { maxDepth: 2, featureOrderSeed: null, errata: "E7" });
  assert.deepEqual(plan.configurations[11].params, { maxDepth: 4, featureOrderSeed: 2, errata: "E7" });
  assert.deepEqual(
    plan.configurations.map((c) => c.index),
    Array.from({ length: 12 }, (_, i) => i),
  );
  assert.equal(new Set(plan.configurations.map((c) => c.id)).size, 12);
  const c1 = plan.configurations[1].study;
  assert.equal(c1.classifier.maxDepth, 2);
  assert.equal(c1.featureOrderSeed, undefined);
  const e7 = c1.errata as { factors: Record<string, boolean>; model: Record<string, boolean> };
  assert.equal(e7.factors.marketChangesLeadOneMonth, true, "E7 kept");
  assert.equal(e7.factors.sizePositiveLog, false, "the rest corrected");
  assert.equal(e7.model.rfeImportancesMisaligned, false);
  // The same switch named three ways is the same configuration.
  const ids = ["E7", "marketChangesLeadOneMonth", "factors.marketChangesLeadOneMonth"].map(
    (v) => expandSweep({ axes: { errata: [v] } }).configurations[0].id,
  );
  assert.equal(new Set(ids).size, 1);
  // "each": faithful, corrected and every switch on its own.
  const each = expandSweep({ axes: { errata: "each" } });
  assert.equal(each.configurations.length, 2 + errataSwitchNames().length);
  // The shipped default grid is small.
  const def = expandSweep(DEFAULT_SWEEP_GRID);
  assert.ok(def.configurations.length >= 8 && def.configurations.length <= 12, `${def.configurations.length}`);
  for (const c of def.configurations)
    assert.ok(c.study.classifier.nEstimators! <= 30 && c.study.classifier.maxDepth! <= 4);

  // Random search: seeded, distinct, ranges.
  const grid: SweepGridInput = {
    axes: { learningRate: { min: 0.05, max: 0.5 }, maxDepth: { min: 2, max: 6 }, rfe: [8, 10, 12] },
    random: { samples: 7, seed: 11 },
  };
  const r1 = expandSweep(grid);
  const r2 = expandSweep(grid);
  assert.equal(r1.mode, "random");
  assert.equal(r1.configurations.length, 7);
  assert.deepEqual(
    r1.configurations.map((c) => c.id),
    r2.configurations.map((c) => c.id),
  );
  assert.notDeepEqual(
    r1.configurations.map((c) => c.id),
    expandSweep({ ...grid, random: { samples: 7, seed: 12 } }).configurations.map((c) => c.id),
  );
  for (const c of r1.configurations) {
    const lr = c.params.learningRate as number;
    const d = c.params.maxDepth as number;
    assert.ok(lr >= 0.05 && lr <= 0.5);
    assert.ok(Number.isInteger(d) && d >= 2 && d <= 6);
  }
  // A small space gives fewer distinct configurations than asked for, never duplicates.
  const small = expandSweep({ axes: { rfe: [10, 12] }, random: { samples: 5, seed: 1 } });
  assert.equal(small.configurations.length, 2);
});

test("grid errors name the axis (and the value)", () => {
  const bad = (grid: unknown, pattern: RegExp) =>
    assert.throws(
      () => expandSweep(grid, "g.json"),
      (e: unknown) => e instanceof SweepGridError && pattern.test(e.message),
      String(pattern),
    );
  bad({ axes: { depth: [2] } }, /^g\.json: axes\.depth: unknown axis \(known: nEstimators, /);
  bad({ axes: { maxDepth: [] } }, /axes\.maxDepth: expected a non-empty list/);
  bad({ axes: { maxDepth: [2, 2] } }, /axes\.maxDepth\[1\]: duplicate value 2/);
  bad({ axes: { maxDepth: [2, "4"] } }, /axes\.maxDepth\[1\] = "4": expected a number/);
  bad({ axes: { maxDepth: [2.5] } }, /axes\.maxDepth\[0\] = 2\.5: expected an integer/);
  bad({ axes: { maxDepth: [3, 40] } }, /axes\.maxDepth\[1\] = 40: invalid study configuration — classifier\.maxDepth/);
  bad({ axes: { split: ["2019-13-01"] } }, /axes\.split\[0\] = "2019-13-01": invalid study configuration — split/);
  bad({ axes: { errata: ["E99"] } }, /axes\.errata\[0\]: unknown errata value "E99"/);
  bad({ axes: { rfe: "each" } }, /axes\.rfe: "each" is only for the errata axis/);
  bad({ axes: { rfe: { min: 5, max: 10 } } }, /axes\.rfe: a range \{ min, max \} needs random search/);
  bad(
    { axes: { split: { min: 1, max: 2 } }, random: { samples: 2, seed: 1 } },
    /axes\.split: a range needs a numeric axis/,
  );
  bad({ axes: { momentumClass: ["yes"] } }, /axes\.momentumClass\[0\] = "yes": expected true or false/);
  bad({ axes: {} }, /axes: expected an object with at least one axis/);
  bad({ axes: { rfe: [10] }, grid: true }, /unknown key "grid"/);
  bad({ base: { rounds: 10 }, axes: { rfe: [10] } }, /g\.json: base: invalid study configuration — \(top level\)/);
  bad({ axes: { rfe: [10] }, random: { samples: 0, seed: 1 } }, /random\.samples/);
  bad(
    { base: { start: "2015-01-01" }, axes: { split: ["2014-01-01"] } },
    /axes\.split\[0\] = "2014-01-01": split 2014-01-01 must be after start/,
  );
});

test("featureOrderSeed permutes the model's columns (seeded Fisher–Yates), the importance table stays", () => {
  const source = openDataSource({});
  const study = { errata: "corrected" as const, classifier: { nEstimators: 2, maxDepth: 1 } };
  const plain = runStudy(source, parseStudyConfig(study));
  const shuffled = runStudy(source, parseStudyConfig({ ...study, featureOrderSeed: 5 }));
  assert.deepEqual(shuffled.importanceTable, plain.importanceTable);
  assert.deepEqual(
    plain.modelFeatures,
    plain.importanceTable.map((r) => r.Feature),
  );
  assert.deepEqual(shuffled.modelFeatures, createRng(5).shuffle(plain.modelFeatures));
  assert.notDeepEqual(shuffled.modelFeatures, plain.modelFeatures);
  assert.deepEqual([...shuffled.modelFeatures].sort(), [...plain.modelFeatures].sort());
  assert.throws(() => parseStudyConfig({ featureOrderSeed: 1.5 }), /featureOrderSeed/);
});

test("a configuration whose run throws is a row with its error (and survives the JSON line)", () => {
  const [config] = expandSweep({
    base: { classifier: { nEstimators: 2, maxDepth: 1 } },
    axes: { split: ["2024-07-01"] },
  }).configurations;
  const r = runConfiguration(openDataSource({}), config);
  assert.equal(r.metrics, null);
  assert.match(r.error!, /split date 2024-07-01 leaves 294 training and 0 test months/);
  const back = parseResultLine(resultToJsonLine(r));
  assert.deepEqual(back, r);
  const csv = resultsCsv(
    { mode: "grid", axes: ["split"], configurations: [config], duplicates: 0 },
    new Map([[r.id, r]]),
  ).split("\n");
  assert.match(csv[1], /^0,[0-9a-f]{64},2024-07-01,,,,,,,,,,,,runArticlePipeline: split date 2024-07-01 leaves/);
});

const one = path.join(tmp, "one");
const two = path.join(tmp, "two");

test("1 and 2 worker threads give the same rows bit for bit, written in grid order", async () => {
  const plan = expandSweep(TINY);
  assert.equal(plan.configurations.length, 4);
  const progress: number[] = [];
  const s1 = await runSweep(plan, { outDir: one, workers: 1, onProgress: (p) => progress.push(p.done) });
  const s2 = await runSweep(plan, { outDir: two, workers: 2 });
  assert.deepEqual(progress, [1, 2, 3, 4]);
  assert.equal(s1.ran, 4);
  assert.equal(s2.ran, 4);
  assert.equal(s1.failed, 0);
  const l1 = lines(path.join(one, RESULTS_JSONL));
  const l2 = lines(path.join(two, RESULTS_JSONL));
  assert.deepEqual(
    l1.map((l) => parseResultLine(l).id),
    plan.configurations.map((c) => c.id),
  );
  assert.deepEqual(l1.map(untimed), l2.map(untimed));
  assert.equal(readFileSync(path.join(one, RESULTS_CSV), "utf8"), readFileSync(path.join(two, RESULTS_CSV), "utf8"));
  const csv = readFileSync(path.join(one, RESULTS_CSV), "utf8").split("\n");
  assert.equal(
    csv[0],
    "index,id,featureOrderSeed,momentumClass,accuracy,top3_accuracy,months,pred_total_return,pred_sharpe_sqrt12,pred_sharpe_sqrt252,proba_total_return,proba_sharpe_sqrt12,proba_sharpe_sqrt252,pred_skewness,pred_kurtosis,error",
  );
  assert.equal(csv.length, 6);
  for (const r of s1.results) {
    assert.ok(r.metrics && r.metrics.months > 0 && r.seconds > 0);
    assert.ok(Math.abs(r.metrics.predSharpe252 / r.metrics.predSharpe12 - Math.sqrt(21)) < 1e-12);
    // Moments of real monthly returns: finite and within Pearson's bound γ₄ ≥ 1 + γ₃².
    const { predSkewness: g3, predKurtosis: g4 } = r.metrics;
    assert.ok(Number.isFinite(g3) && Number.isFinite(g4) && g4 >= 1 + g3 * g3, `moments ${g3} ${g4}`);
  }
  // The momentum class changes the model (seven classes instead of six).
  assert.notEqual(l1[0].split('"metrics"')[1], l1[1].split('"metrics"')[1]);
  // A second run skips everything.
  const again = await runSweep(plan, { outDir: one, workers: 1 });
  assert.equal(again.ran, 0);
  assert.equal(again.skipped, 4);
  assert.equal(lines(path.join(one, RESULTS_JSONL)).length, 4);
  // A folder made on other data is refused.
  const manifest = path.join(two, "sweep.json");
  const m = JSON.parse(readFileSync(manifest, "utf8"));
  m.data.fingerprint = "0".repeat(64);
  writeFileSync(manifest, JSON.stringify(m));
  await assert.rejects(runSweep(plan, { outDir: two, workers: 1 }), /holds results for other data/);
});

test("results.jsonl: a truncated last line is dropped and cut off, a bad earlier line is an error", () => {
  const dir = path.join(tmp, "files");
  const file = path.join(dir, RESULTS_JSONL);
  const good = lines(path.join(one, RESULTS_JSONL));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, `${good[0]}\n${good[1]}\n${good[2].slice(0, 50)}`);
  const r = readResults(file);
  assert.equal(r.results.size, 2);
  assert.equal(r.droppedPartialLine, true);
  assert.equal(readFileSync(file, "utf8"), `${good[0]}\n${good[1]}\n`);
  writeFileSync(file, `${good[0]}\n{"id":1}\n${good[1]}\n`);
  assert.throws(() => readResults(file), /results\.jsonl: line 2: id: expected 64 hex digits/);
});

/** Starts the CLI as one node process (tsx as an import hook, so SIGKILL leaves no child behind). */
function startCli(args: string[]): {
  child: ChildProcess;
  done: Promise<{ code: number | null; out: string; err: string }>;
} {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "lib", "cli", "sweep.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, FACTOR_DATA_DIR: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.on("data", (d) => {
    out += d;
  });
  child.stderr!.on("data", (d) => {
    err += d;
  });
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, out, err })),
  );
  return { child, done };
}

test("CLI: --help, usage errors exit 2, resume after SIGKILL equals an uninterrupted run", async () => {
  const help = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "lib", "cli", "sweep.ts"), "--help"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  assert.equal(help.status, 0);
  assert.match(
    help.stdout,
    /usage: npm run sweep -- \[--grid FILE\] \[--workers N\] \[--out DIR\] \[--data DIR\] \[--queue/,
  );
  const gridFile = path.join(tmp, "tiny.json");
  writeFileSync(gridFile, JSON.stringify(TINY));
  const badGrid = path.join(tmp, "bad.json");
  writeFileSync(badGrid, JSON.stringify({ axes: { maxDepth: [2, 99] } }));
  for (const [args, pattern] of [
    [["--workers", "0", "--grid", gridFile], /--workers needs an integer from 1 to 256, got "0"/],
    [["--grid", badGrid], /bad\.json: axes\.maxDepth\[1\] = 99: invalid study configuration/],
    [["--grid", path.join(tmp, "missing.json")], /missing\.json: cannot read the grid file \(ENOENT\)/],
    [["--queue", "http://127.0.0.1:1", "--grid", gridFile], /--queue needs a redis:\/\/ or rediss:\/\/ URL/],
    [["--frobnicate"], /Unknown option '--frobnicate'/],
  ] as const) {
    const { done } = startCli([...args]);
    const r = await done;
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.err}`);
    assert.match(r.err, pattern);
    assert.doesNotMatch(r.err, /\n\s+at /, "no stack trace");
  }

  const out = path.join(tmp, "killed");
  const jsonl = path.join(out, RESULTS_JSONL);
  const first = startCli(["--grid", gridFile, "--workers", "1", "--out", out]);
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (existsSync(jsonl) && readFileSync(jsonl, "utf8").includes("\n")) {
        clearInterval(timer);
        first.child.kill("SIGKILL");
        resolve();
      }
    }, 20);
    first.done.then((r) => {
      clearInterval(timer);
      if (r.code !== null) reject(new Error(`finished before the kill: ${r.err}`));
    });
  });
  const killed = await first.done;
  assert.equal(killed.code, null, "killed by the signal");
  const before = lines(jsonl);
  assert.ok(before.length >= 1 && before.length < 4, `${before.length} lines before the restart`);
  assert.ok(!existsSync(path.join(out, RESULTS_CSV)), "no CSV from the killed run");
  // A kill in the middle of a write leaves a partial line: simulate one.
  appendFileSync(jsonl, lines(path.join(one, RESULTS_JSONL))[3].slice(0, 80));

  const second = await startCli(["--grid", gridFile, "--workers", "1", "--out", out]).done;
  assert.equal(second.code, 0, second.err);
  assert.match(
    second.err,
    new RegExp(
      `${before.length} already in results\\.jsonl \\(an interrupted last line was dropped\\); running ${4 - before.length}`,
    ),
  );
  assert.match(second.out, new RegExp(`${4 - before.length} run now, ${before.length} from earlier, 0 failed`));
  assert.match(second.err, /sweep 4\/4 \(\d skipped\), [\d.]+ configurations\/s, about 0 s left/);
  const final = lines(jsonl);
  assert.equal(final.length, 4);
  assert.deepEqual(final.slice(0, before.length), before, "finished lines kept as they were");
  assert.deepEqual(final.map(untimed), lines(path.join(one, RESULTS_JSONL)).map(untimed));
  assert.equal(readFileSync(path.join(out, RESULTS_CSV), "utf8"), readFileSync(path.join(one, RESULTS_CSV), "utf8"));
});
