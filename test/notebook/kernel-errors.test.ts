/**
 * The project's kernel (lib/kernel/tslab-kernel.ts) through the Jupyter protocol: a failing cell
 * is a Jupyter `error` (name, message, traceback) in the reply and on iopub, its traceback names
 * the cell's own line and column and the `.ts` files of lib/, dependency and internal frames are
 * trimmed, `stop_on_error: false` is honoured, and kernel_info reports the metadata the committed
 * notebooks carry. Also the runner's report of a failure (`CellFailure`, line and column).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { isInternalFrame, trimStack } from "../../lib/kernel/stack";
import { CellFailure, errorPosition, executeNotebook } from "../../lib/notebook/execute";
import { TSLAB_METADATA } from "../../lib/notebook/ipynb";
import { TslabKernel } from "../../lib/notebook/kernel-client";
import { notebookFromPercent } from "../../lib/notebook/percent-format";

const ROOT = join(__dirname, "..", "..");
let kernel: TslabKernel;
before(async () => {
  kernel = await TslabKernel.start({ cwd: join(ROOT, "notebooks") });
});
after(() => kernel?.shutdown());

// tslab aborts requests that arrive within 200 ms of an error when stop_on_error is true (the
// runner's default): wait that out between a failing cell and the next.
const pause = () => new Promise((r) => setTimeout(r, 300));

async function run(code: string) {
  const r = await kernel.execute(code, 60);
  if (r.status !== "ok") await pause();
  const err = r.outputs.find((o) => o.output_type === "error");
  return { ...r, err: err?.output_type === "error" ? err : undefined };
}

test("a cell that throws on its line 2 reports line 2 and its column, as a Jupyter error", async () => {
  const r = await run('const x = 1;\nthrow new Error("boom on line 2");');
  assert.equal(r.status, "error");
  assert.ok(r.err, "an error output");
  assert.equal(r.err.ename, "Error");
  assert.equal(r.err.evalue, "boom on line 2");
  assert.equal(r.err.traceback[0], "Error: boom on line 2");
  assert.match(r.err.traceback.join("\n"), new RegExp(`<cell ${r.executionCount}>:2:7`));
  assert.ok(!r.outputs.some((o) => o.output_type === "stream" && o.name === "stderr"), "nothing on stderr");
});

test("frames of earlier cells map to their own lines; internal frames are trimmed", async () => {
  const def = await run(
    '// a comment\n\nfunction fails(n: number): number {\n  if (n > 1) {\n    throw new RangeError("n = " + n);\n  }\n  return n;\n}',
  );
  assert.equal(def.status, "ok");
  const r = await run("const values = [1, 2];\nvalues.map((v) => fails(v));");
  assert.equal(r.status, "error");
  const tb = r.err?.traceback ?? [];
  assert.equal(tb[0], "RangeError: n = 2");
  assert.match(tb[1], new RegExp(`fails \\(<cell ${def.executionCount}>:5:11\\)$`));
  assert.ok(
    tb.some((l) => l.includes(`<cell ${r.executionCount}>:2:`)),
    tb.join("\n"),
  );
  assert.ok(!tb.some((l) => /node:|node_modules|evalmachine|tslab-kernel/.test(l)), tb.join("\n"));
});

test("an error raised in lib/ names the lib/…/*.ts file and line", async () => {
  const r = await run('import { show } from "@factor-index/lib";\nshow(42 as never);');
  assert.equal(r.status, "error");
  const tb = (r.err?.traceback ?? []).join("\n");
  assert.match(tb, /\(\/.*\/lib\/notebook\/[a-z-]+\.ts:\d+:\d+\)/, tb);
  assert.ok(!/lib\/dist\//.test(tb), tb);
  assert.match(tb, new RegExp(`<cell ${r.executionCount}>:2:`));
});

test("top-level await: the line after the await", async () => {
  const r = await run("await Promise.resolve(1);\nthrow new TypeError('after await');");
  assert.equal(r.err?.ename, "TypeError");
  assert.match((r.err?.traceback ?? []).join("\n"), new RegExp(`<cell ${r.executionCount}>:2:7`));
});

test("a type error is an error named TypeScript with tslab's LINE:COLUMN text", async () => {
  const r = await run("const ok = 1;\nconst n: number = 'text';");
  assert.equal(r.status, "error");
  assert.equal(r.err?.ename, "TypeScript");
  assert.match(r.err?.evalue ?? "", /^2:7 - Type 'string' is not assignable to type 'number'\./);
});

test("a thrown non-Error value is reported, not lost", async () => {
  const r = await run('throw "plain";');
  assert.equal(r.err?.ename, "Uncaught");
  assert.equal(r.err?.evalue, "'plain'");
});

test("kernel_info: language_info equals the committed notebooks' metadata", async () => {
  const info = await kernel.kernelInfo();
  assert.deepEqual(info.language_info, TSLAB_METADATA.language_info);
});

test("stop_on_error false: the request right after an error runs (nbconvert --allow-errors)", async () => {
  // nbconvert sends the next cell as soon as the failing one's reply arrives; plain tslab
  // aborted every request within 200 ms of an error.
  const a = await kernel.execute('throw new Error("first");', 30, { stopOnError: false });
  const b = await kernel.execute('console.log("second ran")', 30, { stopOnError: false });
  assert.equal(a.status, "error");
  assert.equal(b.status, "ok");
  assert.deepEqual(b.outputs, [{ output_type: "stream", name: "stdout", text: "second ran\n" }]);
});

test("the runner's CellFailure names the cell's line and column", async () => {
  const nb = notebookFromPercent(
    ["// %%", "const a = 1;", "// %%", "const b = 2;", "  throw new Error('x');"].join("\n"),
  );
  await assert.rejects(executeNotebook(nb, join(ROOT, "notebooks"), { repoRoot: ROOT }), (e: unknown) => {
    assert.ok(e instanceof CellFailure);
    assert.equal(e.codeIndex, 2);
    assert.equal(e.line, 2);
    assert.equal(e.column, 9);
    assert.match(e.message, /cell 2 \(notebook cell #2\) line 2 failed:\nError: x\n {4}at <cell 2> line 2, column 9$/);
    return true;
  });
});

test("errorPosition: the failing cell's frame, type errors, plain tslab's stderr", () => {
  assert.deepEqual(errorPosition("Error: x\n    at f (<cell 1>:4:3)\n    at <cell 3>:2:9", "", 3), {
    line: 2,
    column: 9,
  });
  assert.deepEqual(errorPosition("2:7 - Type 'string' is not assignable", ""), { line: 2, column: 7 });
  assert.deepEqual(errorPosition("evalmachine.<anonymous>:5\n  throw e;\n", "a\n  throw e;"), { line: 2 });
});

test("trimStack keeps the message and the user's frames", () => {
  const stack = [
    "Error: x",
    "    at f (<cell 1>:1:1)",
    "    at Array.map (<anonymous>)",
    "    at g (/repo/node_modules/danfojs/x.js:1:1)",
    "    at Script.runInThisContext (node:vm:1:1)",
    "    at h (/repo/lib/backtest/x.ts:3:4)",
  ].join("\n");
  assert.deepEqual(trimStack(stack), ["Error: x", "    at f (<cell 1>:1:1)", "    at h (/repo/lib/backtest/x.ts:3:4)"]);
  assert.ok(isInternalFrame("    at node:internal/process/task_queues:95:5"));
  assert.deepEqual(trimStack("Error: y\n    at g (/r/node_modules/a.js:1:1)"), [
    "Error: y",
    "    at g (/r/node_modules/a.js:1:1)",
  ]);
});
