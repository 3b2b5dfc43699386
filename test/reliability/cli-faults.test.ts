/**
 * Reliability: the notebook commands (runner, importer, exporter, diff) given bad notebooks,
 * bad arguments and a dying kernel answer with one clear line and the documented exit status —
 * never a stack trace — go on with the other notebooks of a batch, count cells as the user sees
 * them, leave no temporary folder behind and never touch the notebook they could not run.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { cliPath as CLI, notebookText as notebook, processesIn, ROOT } from "./helpers";

const base = mkdtempSync(join(tmpdir(), "cli-faults-"));
const TMP = join(base, "tmp");
mkdirSync(TMP);
after(() => rmSync(base, { recursive: true, force: true }));

let n = 0;
function file(name: string, text: string): string {
  const dir = join(base, `case-${++n}`);
  mkdirSync(dir);
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

function run(cli: string, args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", CLI(cli), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 180_000,
    env: { ...process.env, TMPDIR: TMP },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** No stack trace, no temporary folder of ours left. */
function clean(r: { err: string; out: string }) {
  assert.doesNotMatch(r.err, /^\s+at .*:\d+:\d+\)?$/m, `a stack trace was printed:\n${r.err}`);
  assert.deepEqual(
    readdirSync(TMP).filter((d) => /^(tslab-conn-|notebooks-check-)/.test(d)),
    [],
    "temporary folders left behind",
  );
}

const cases: { what: string; text: string; expect: RegExp }[] = [
  { what: "invalid JSON", text: '{"cells": [\n  {"cell_type": "code",\n', expect: /:3:\d+: not valid notebook JSON/ },
  {
    what: "nbformat 3",
    text: JSON.stringify({ nbformat: 3, nbformat_minor: 0, worksheets: [{ cells: [] }], metadata: {} }),
    expect: /nbformat 3 is not supported \(need 4/,
  },
  {
    what: "no cells",
    text: JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {} }),
    expect: /no "cells" list/,
  },
  {
    what: "a null cell",
    text: JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [{ cell_type: "markdown", metadata: {}, source: "x" }, null],
    }),
    expect: /cell #2: expected a cell object, got null/,
  },
  {
    what: "tags that are not strings",
    text: JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [{ cell_type: "code", metadata: { tags: [3] }, source: "1", outputs: [], execution_count: null }],
    }),
    expect: /cell #1: "metadata.tags" must be a list of strings/,
  },
  {
    what: "an unknown cell type",
    text: JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [{ cell_type: "heading", source: "" }],
    }),
    expect: /cell #1: cell_type "heading" is not code, markdown or raw/,
  },
];

for (const c of cases) {
  test(`runner, exporter, importer and diff: ${c.what} is one line, exit 1, file untouched`, () => {
    const p = file("bad.ipynb", c.text);
    for (const [cli, args] of [
      ["run-notebooks", [p]],
      ["run-notebooks", ["--check", p]],
      ["export-html", ["--out", join(base, `html-${n}`), p]],
      ["import-notebook", ["--to-script", p]],
      ["diff-notebooks", [p, p]],
    ] as const) {
      const r = run(cli, [...args]);
      assert.equal(r.code, 1, `${cli} ${c.what}: exit ${r.code}\n${r.err}`);
      assert.match(r.err, c.expect, `${cli}: ${r.err}`);
      clean(r);
    }
    assert.equal(readFileSync(p, "utf8"), c.text);
  });
}

test("a folder or a missing file given as a notebook is named as such", () => {
  const dir = join(base, "a-folder.ipynb");
  mkdirSync(dir);
  let r = run("run-notebooks", [dir]);
  assert.equal(r.code, 1);
  assert.match(r.err, /a-folder\.ipynb: is a folder, not a notebook file/);
  clean(r);
  r = run("run-notebooks", [join(base, "missing.ipynb")]);
  assert.equal(r.code, 1);
  assert.match(r.err, /missing\.ipynb: no such file/);
  clean(r);
});

test("a bad notebook first in a batch does not stop the next one; every failure is listed at the end", () => {
  const bad = file("0-bad.ipynb", "{not json");
  const good = file("1-good.ipynb", notebook('// %%\nconsole.log("ran");'));
  const r = run("run-notebooks", [bad, good]);
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /✓ .*1-good\.ipynb: executed/);
  assert.match(r.out, /1 of 2 notebooks executed/);
  assert.match(r.err, /1 failed:\n {2}.*0-bad\.ipynb:1:2: not valid notebook JSON/);
  assert.match(readFileSync(good, "utf8"), /"ran\\n"/);
  clean(r);
});

test("--jobs 2: notebooks run side by side with the same outputs; a failure is still listed", () => {
  const a = file("a.ipynb", notebook('// %%\nconsole.log("a", 1 + 1);'));
  const b = file("b.ipynb", notebook('// %%\nthrow new Error("b fails");'));
  const c = file("c.ipynb", notebook('// %%\nconsole.log("c", 2 + 2);'));
  const r = run("run-notebooks", ["--jobs", "2", a, b, c]);
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /2 of 3 notebooks executed/);
  assert.match(r.err, /1 failed:\n {2}.*b\.ipynb: cell 1 \(notebook cell #1\) line 1 failed/);
  const one = file("a1.ipynb", notebook('// %%\nconsole.log("a", 1 + 1);'));
  assert.equal(run("run-notebooks", [one]).code, 0);
  assert.equal(readFileSync(a, "utf8"), readFileSync(one, "utf8"));
  assert.match(readFileSync(c, "utf8"), /"c 4\\n"/);
  assert.equal(run("run-notebooks", ["--jobs", "0", a]).code, 2);
  clean({ out: r.out, err: r.err.replace(/^\s+at evalmachine.*$/gm, "") });
});

test("-p: the failing cell is counted as the user counts it (the injected cell is not)", () => {
  const p = file(
    "params.ipynb",
    notebook(
      [
        '// %% tags=["parameters"]',
        "const size = 1;",
        "// %% [markdown]",
        "// Some text.",
        "// %%",
        "const a = size;",
        'throw new Error("boom on line 2");',
      ].join("\n"),
    ),
  );
  const before = readFileSync(p, "utf8");
  const r = run("run-notebooks", ["-p", "size", "2", p]);
  assert.equal(r.code, 1);
  assert.match(r.err, /cell 2 \(notebook cell #3\) line 2 failed/);
  assert.match(r.err, /boom on line 2/);
  assert.equal(readFileSync(p, "utf8"), before);
  // The cell's own error text (its traceback) is shown: only check nothing is left behind.
  clean({ out: r.out, err: r.err.replace(/^\s+at evalmachine.*$/gm, "") });
});

test("-p without a parameters cell, and -p with an invalid name, are one line", () => {
  const p = file("plain.ipynb", notebook("// %%\nconst x = 1;"));
  let r = run("run-notebooks", ["-p", "size", "2", p]);
  assert.equal(r.code, 1);
  assert.match(r.err, /no code cell tagged "parameters"/);
  clean(r);
  r = run("run-notebooks", ["-p", "2bad", "1", p]);
  assert.equal(r.code, 2);
  assert.match(r.err, /-p 2bad: a parameter name must be a TypeScript identifier/);
  clean(r);
});

test("notebooks:check leaves no temporary folder when outputs are reproduced", () => {
  const p = file("ok.ipynb", notebook('// %%\nconsole.log("same");'));
  assert.equal(run("run-notebooks", [p]).code, 0);
  const r = run("run-notebooks", ["--check", p]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /outputs reproduced/);
  clean(r);
});

test("importer: bad tags name the script line; non-string tags are refused; missing arguments are usage errors", () => {
  const script = file("draft.ts", '// %%\nconst a = 1;\n// %% tags=["In[1]", 2]\nconst b = 2;\n');
  const target = join(base, "imported.ipynb");
  let r = run("import-notebook", [script, target]);
  assert.equal(r.code, 1);
  assert.match(r.err, /draft\.ts:3: tags must be non-empty strings/);
  assert.ok(!existsSync(target));
  clean(r);
  const broken = file("broken.ts", "// %% tags=[In[1]]\nconst b = 2;\n");
  r = run("import-notebook", [broken, target]);
  assert.equal(r.code, 1);
  assert.match(r.err, /broken\.ts:1: tags are not a JSON list/);
  r = run("import-notebook", ["--to-script"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /--to-script needs a notebook/);
  clean(r);
  r = run("import-notebook", [join(base, "no-such.ts"), target]);
  assert.equal(r.code, 1);
  assert.match(r.err, /no-such\.ts: cannot read the script \(no such file\)/);
  clean(r);
});

test("exporter: --out pointing at a file is one line before anything is written", () => {
  const f = file("not-a-folder", "x");
  const r = run("export-html", ["--out", f]);
  assert.equal(r.code, 1);
  assert.match(r.err, /--out .*not-a-folder: is a file, not a folder/);
  clean(r);
});

test("a kernel killed while it starts or runs is reported in one line; nothing is left behind", async () => {
  const p = file("busy.ipynb", notebook("// %%\nwhile (true) {}"));
  const nbDir = join(p, "..");
  const before = readFileSync(p, "utf8");
  const child = spawn(process.execPath, ["--import", "tsx", CLI("run-notebooks"), p], {
    cwd: ROOT,
    env: { ...process.env, TMPDIR: TMP },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr?.on("data", (b) => {
    err += b;
  });
  child.stdout?.resume();
  const done = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  // Kill the kernel as soon as it appears (its working folder is the notebook's folder).
  let killed = false;
  for (let i = 0; i < 900 && !killed; i++) {
    for (const pid of processesIn(nbDir)) {
      try {
        process.kill(pid, "SIGKILL");
        killed = true;
      } catch {
        // gone already
      }
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.ok(killed, "found the kernel");
  const code = await done;
  assert.equal(code, 1, err);
  assert.match(err, /the kernel died|crashed the kernel/);
  clean({ err, out: "" });
  assert.equal(readFileSync(p, "utf8"), before);
});
