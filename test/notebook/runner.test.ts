/**
 * The headless runner end to end: the real tslab kernel, the CLI and its exit codes, failure,
 * timeout and crash handling, parameter injection, the reproducibility check, and Jupyter-exact
 * notebook serialisation.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { compareNotebooks, lineDiff } from "../../lib/notebook/compare";
import { coalesceStreams, executeNotebook, injectParameters, normalizePaths } from "../../lib/notebook/execute";
import { type Notebook, parseNotebook, serializeNotebook } from "../../lib/notebook/ipynb";
import { notebookFromPercent } from "../../lib/notebook/percent-format";

const ROOT = join(__dirname, "..", "..");
const CLI = join(ROOT, "lib", "cli", "run-notebooks.ts");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");
const tmp = mkdtempSync(join(tmpdir(), "runner-test-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

function writeNb(name: string, script: string): string {
  const path = join(tmp, name);
  writeFileSync(path, serializeNotebook(notebookFromPercent(script)));
  return path;
}

// The runner's temporary folders (a --check that drifts keeps its fresh copy there) go into this
// test's own folder, removed at the end.
const runnerTmp = join(tmp, "tmpdir");
mkdirSync(runnerTmp);

function runCli(args: string[]) {
  const r = spawnSync(TSX, [CLI, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, TMPDIR: runnerTmp },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test("a notebook executes with the kernel's cwd in notebooks/ and imports lib/", async () => {
  const nb = notebookFromPercent(
    [
      "// %%",
      'import { show } from "@factor-index/lib";',
      'show([{ a: 1.5, b: "x" }]);',
      "// %%",
      'console.log(process.cwd().split("/").pop());',
    ].join("\n"),
  );
  const done = await executeNotebook(nb, join(ROOT, "notebooks"), { repoRoot: ROOT });
  const [c1, c2] = done.cells.filter((c) => c.cell_type === "code");
  assert.equal(c1.cell_type === "code" && c1.outputs[0].output_type, "display_data");
  const out = c1.cell_type === "code" ? c1.outputs[0] : undefined;
  assert.ok(out?.output_type === "display_data" && typeof out.data["text/html"] === "string");
  assert.ok(c2.cell_type === "code" && c2.outputs[0].output_type === "stream");
  assert.equal(c2.cell_type === "code" && c2.outputs[0].output_type === "stream" && c2.outputs[0].text, "notebooks\n");
  assert.deepEqual(
    done.cells.map((c) => (c.cell_type === "code" ? c.execution_count : null)),
    [1, 2],
  );
});

test("update_display_data replaces the display in place: a progress line keeps only its final text", async () => {
  const nb = notebookFromPercent(
    [
      "// %%",
      'import { progressLine } from "@factor-index/lib";',
      'const line = progressLine("step 0 of 3");',
      "for (let i = 1; i <= 3; i++) {",
      "  await new Promise((r) => setTimeout(r, 20));",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: this is the cell's source text
      "  line.update(`step ${i} of 3, ${Date.now()} ms`);",
      "}",
      'console.log("between");',
      'line.done("3 of 3 steps done");',
    ].join("\n"),
  );
  const done = await executeNotebook(nb, join(ROOT, "notebooks"), { repoRoot: ROOT });
  const cell = done.cells.find((c) => c.cell_type === "code");
  assert.ok(cell && cell.cell_type === "code");
  assert.deepEqual(
    cell.outputs.map((o) => (o.output_type === "display_data" ? o.data["text/plain"] : o.output_type)),
    ["3 of 3 steps done", "stream"],
  );
});

test("CLI: a failing cell exits non-zero, names the cell and line, leaves the file untouched", () => {
  const path = writeNb(
    "fail.ipynb",
    [
      '// %% tags=["In[3]"]',
      'console.log("fine");',
      '// %% tags=["In[4]"]',
      "const a = 1;",
      'throw new Error("boom");',
      "// %%",
      'console.log("never");',
    ].join("\n"),
  );
  const before = readFileSync(path);
  const r = runCli([path]);
  assert.equal(r.code, 1);
  assert.match(r.err, /cell 2 \(notebook cell #2, In\[4\]\) line 2 failed/);
  assert.match(r.err, /Error: boom/);
  assert.match(r.err, /left unchanged/);
  assert.ok(!r.err.includes(ROOT), "absolute paths of the checkout must not appear");
  assert.deepEqual(readFileSync(path), before);
});

test("CLI: a TypeScript type error is reported with its line", () => {
  const path = writeNb("typeerr.ipynb", ["// %%", "const ok = 1;", 'const x: number = "text";'].join("\n"));
  const r = runCli([path]);
  assert.equal(r.code, 1);
  assert.match(r.err, /line 2 failed/);
  assert.match(r.err, /not assignable to type 'number'/);
});

test("CLI: a cell over the time limit is interrupted, reported, and the file is untouched", () => {
  const path = writeNb("slow.ipynb", ["// %%", "while (true) {}"].join("\n"));
  const before = readFileSync(path);
  const t0 = Date.now();
  const r = runCli(["--timeout", "2", path]);
  assert.equal(r.code, 1);
  assert.match(r.err, /timed out/);
  assert.match(r.err, /did not finish within 2 s/);
  assert.ok(Date.now() - t0 < 30_000, "the runner must not hang on a runaway cell");
  assert.deepEqual(readFileSync(path), before);
});

test("CLI: a kernel that dies is reported as a crash, not hung on", () => {
  const path = writeNb("crash.ipynb", ["// %%", "process.exit(7);"].join("\n"));
  const r = runCli(["--timeout", "30", path]);
  assert.equal(r.code, 1);
  assert.match(r.err, /crashed the kernel/);
  assert.match(r.err, /exit code 7/);
});

test("CLI: -p injects parameters after the cell tagged parameters; --output leaves the source alone", () => {
  const path = writeNb(
    "params.ipynb",
    [
      '// %% tags=["parameters"]',
      "const rows = 2;",
      'const label = "a";',
      "// %%",
      "console.log(label, rows * 10);",
    ].join("\n"),
  );
  const before = readFileSync(path);
  const out = join(tmp, "params-out.ipynb");
  const r = runCli([path, "-p", "rows", "5", "-p", "label", "hello world", "--output", out]);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(readFileSync(path), before);
  const nb = parseNotebook(readFileSync(out, "utf8"));
  assert.deepEqual(nb.cells[1].metadata.tags, ["injected-parameters"]);
  const last = nb.cells[2];
  assert.ok(last.cell_type === "code" && last.outputs[0].output_type === "stream");
  assert.equal(
    last.cell_type === "code" && last.outputs[0].output_type === "stream" && last.outputs[0].text,
    "hello world 50\n",
  );
});

test("CLI --check: passes on a faithful copy and fails with a cell diff on a changed number", () => {
  const path = writeNb("check.ipynb", ["// %%", "console.log((1 / 3).toFixed(6));"].join("\n"));
  assert.equal(runCli([path]).code, 0);
  const ok = runCli(["--check", path]);
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /outputs reproduced/);
  const text = readFileSync(path, "utf8").replace("0.333333", "0.333334");
  writeFileSync(path, text);
  const bad = runCli(["--check", path]);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /outputs drifted in 1 cell/);
  assert.match(bad.err, /- 0\.333334/);
  assert.match(bad.err, /\+ 0\.333333/);
  const tolerant = runCli(["--check", "--tolerance", "1e-5", path]);
  assert.equal(tolerant.code, 0, tolerant.err);
});

test("CLI: bad usage exits 2 with one line and a pointer to --help", () => {
  const r = runCli(["--timeout", "-1"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /^notebooks: error: --timeout must be a positive number of seconds\n\nRun with --help/);
  const h = runCli(["--help"]);
  assert.equal(h.code, 0);
  assert.match(h.out, /Usage: npm run notebooks/);
});

test("compare: numbers within tolerance are equal, text changes are not", () => {
  assert.equal(lineDiff("a 1.000001", "a 1.000002", 1e-5), "");
  assert.notEqual(lineDiff("a 1.0", "a 1.1", 1e-5), "");
  assert.notEqual(lineDiff("a 1.0", "b 1.0", 1), "");
  const nb = (t: string): Notebook => ({
    cells: [
      {
        cell_type: "code",
        metadata: {},
        source: "",
        execution_count: 1,
        outputs: [{ output_type: "stream", name: "stdout", text: t }],
      },
    ],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  });
  assert.equal(compareNotebooks(nb("x 2\n"), nb("x 2\n")).length, 0);
  assert.equal(compareNotebooks(nb("x 2\n"), nb("x 3\n")).length, 1);
});

test("coalesceStreams merges like nbconvert and drops text overwritten by \\r", () => {
  const out = coalesceStreams([
    { output_type: "stream", name: "stdout", text: "a\n" },
    { output_type: "stream", name: "stdout", text: "50%\r100%\n" },
    { output_type: "stream", name: "stderr", text: "w\n" },
  ]);
  assert.deepEqual(out, [
    { output_type: "stream", name: "stdout", text: "a\n100%\n" },
    { output_type: "stream", name: "stderr", text: "w\n" },
  ]);
});

test("normalizePaths removes the checkout's absolute path and dependency stack frames", () => {
  const text = `Error: x\n    at f (${ROOT}/lib/dist/a.js:1:2)\n    at g (${ROOT}/node_modules/tslab/dist/executor.js:3:4)\n    at node:vm:1:1`;
  const n = normalizePaths(text, ROOT, join(ROOT, "notebooks"));
  assert.equal(n, "Error: x\n    at f (../lib/dist/a.js:1:2)");
});

test("injectParameters rejects a notebook without a parameters cell and bad names", () => {
  const nb = notebookFromPercent("// %%\nconst a = 1;");
  assert.throws(() => injectParameters(nb, { a: 2 }), /no code cell tagged "parameters"/);
  const withP = notebookFromPercent('// %% tags=["parameters"]\nconst a = 1;');
  assert.throws(() => injectParameters(withP, { "a-b": 2 }), /not a valid TypeScript identifier/);
});

test("serialisation is byte-identical to Jupyter's nbformat writer", () => {
  const fixture = readFileSync(join(ROOT, "test", "fixtures", "notebook", "nbformat-written.ipynb"), "utf8");
  assert.equal(serializeNotebook(parseNotebook(fixture)), `${fixture}\n`);
});

test("the committed notebooks are stored in Jupyter's canonical form", () => {
  const path = join(ROOT, "notebooks", "00-getting-started.ipynb");
  const text = readFileSync(path, "utf8");
  assert.equal(serializeNotebook(parseNotebook(text)), text);
  copyFileSync(path, join(tmp, "copy.ipynb"));
});
