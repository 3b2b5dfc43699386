/**
 * Jupyter's own client: `jupyter nbconvert --to notebook --execute` (Debian jupyter-nbconvert,
 * nbclient) with the project's kernel registered by lib/cli/install-kernel.ts in a private
 * Jupyter folder. Every committed notebook executes with outputs equal to the committed ones
 * (the rules of `npm run notebooks:check`) and the notebook metadata nbconvert writes from the
 * kernel equals the committed metadata; a failing cell's CellExecutionError carries the error's
 * name, message and the cell's line; `--allow-errors` runs the cells after a failing one; a
 * round trip through nbformat's reader and writer leaves every committed notebook byte-identical.
 * Skipped, saying which Debian package is missing, where Jupyter is not installed (.ci/run
 * installs it).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { after, test } from "node:test";
import { compareNotebooks } from "../../lib/notebook/compare";
import { readNotebook, serializeNotebook } from "../../lib/notebook/ipynb";
import { notebookFromPercent } from "../../lib/notebook/percent-format";
import { JUPYTER, jupyterHome, missing, PYTHON, ROOT } from "./clients";

const skip = missing("nbconvert", "client");
const home = skip ? undefined : jupyterHome();
after(() => home?.remove());
const NOTEBOOKS = readdirSync(join(ROOT, "notebooks"))
  .filter((f) => f.endsWith(".ipynb"))
  .sort()
  .map((f) => join(ROOT, "notebooks", f));

function nbconvert(input: string, output: string, extra: string[] = []) {
  return spawnSync(
    JUPYTER,
    [
      "nbconvert",
      "--to",
      "notebook",
      "--execute",
      "--ExecutePreprocessor.kernel_name=tslab",
      "--ExecutePreprocessor.timeout=1200",
      ...extra,
      "--output",
      output,
      input,
    ],
    { encoding: "utf8", env: home?.env, timeout: 1_500_000 },
  );
}

test("jupyter kernelspec list shows the project's kernel", { skip }, () => {
  const r = spawnSync(JUPYTER, ["kernelspec", "list", "--json"], { encoding: "utf8", env: home?.env });
  assert.equal(r.status, 0, r.stderr);
  const specs = JSON.parse(r.stdout).kernelspecs;
  assert.equal(specs.tslab?.spec?.display_name, "TypeScript");
  assert.match(specs.tslab.spec.argv[1], /lib\/dist\/kernel\/tslab-kernel\.js$/);
});

for (const file of NOTEBOOKS) {
  test(`nbconvert executes ${basename(file)} with the committed outputs and metadata`, { skip }, () => {
    const out = join(home?.dir as string, basename(file));
    const r = nbconvert(file, out);
    assert.equal(r.status, 0, `nbconvert failed:\n${r.stderr.split("\n").slice(-30).join("\n")}`);
    const committed = readNotebook(file);
    const fresh = readNotebook(out);
    const diffs = compareNotebooks(committed, fresh);
    assert.deepEqual(
      diffs.map((d) => `cell ${d.codeIndex}${d.tag ? ` (${d.tag})` : ""}:\n${d.diff}`),
      [],
      "outputs differ from the committed ones",
    );
    assert.deepEqual(fresh.metadata.language_info, committed.metadata.language_info, "language_info as committed");
    assert.deepEqual(fresh.metadata.kernelspec, committed.metadata.kernelspec, "kernelspec as committed");
  });
}

test("a failing cell: CellExecutionError names the error, its message and the cell's line", { skip }, () => {
  const dir = home?.dir as string;
  const nb = notebookFromPercent(
    ["// %%", "const a = 1;", "// %%", "const b = 2;", 'throw new Error("boom on line 2");'].join("\n"),
  );
  writeFileSync(join(dir, "fails.ipynb"), serializeNotebook(nb));
  const r = nbconvert(join(dir, "fails.ipynb"), join(dir, "fails-out.ipynb"));
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /CellExecutionError/);
  assert.match(r.stderr, /^Error: boom on line 2$/m);
  assert.match(r.stderr, /at <cell 2>:2:7/);
  assert.doesNotMatch(r.stderr, /<Error>:/);
});

test("--allow-errors: the cells after a failing one run, the error is stored as an error output", { skip }, () => {
  const dir = home?.dir as string;
  const nb = notebookFromPercent(
    ["// %%", 'throw new TypeError("first");', "// %%", 'console.log("second ran");'].join("\n"),
  );
  writeFileSync(join(dir, "allow.ipynb"), serializeNotebook(nb));
  const r = nbconvert(join(dir, "allow.ipynb"), join(dir, "allow-out.ipynb"), ["--allow-errors"]);
  assert.equal(r.status, 0, r.stderr);
  const [c1, c2] = readNotebook(join(dir, "allow-out.ipynb")).cells.filter((c) => c.cell_type === "code");
  assert.ok(c1.cell_type === "code" && c2.cell_type === "code");
  const err = c1.outputs[0];
  assert.ok(err?.output_type === "error", JSON.stringify(c1.outputs));
  assert.equal(err.ename, "TypeError");
  assert.equal(err.evalue, "first");
  assert.deepEqual(c2.outputs, [{ output_type: "stream", name: "stdout", text: "second ran\n" }]);
});

test("a save round trip through nbformat leaves every committed notebook byte-identical", { skip }, () => {
  const script = [
    "import sys, nbformat",
    "for f in sys.argv[1:]:",
    "    text = open(f, encoding='utf-8').read()",
    "    out = nbformat.writes(nbformat.reads(text, as_version=4)) + '\\n'",
    "    print(f, 'same' if out == text else 'changed')",
  ].join("\n");
  const r = spawnSync(PYTHON, ["-W", "ignore", "-c", script, ...NOTEBOOKS], { encoding: "utf8", env: home?.env });
  assert.equal(r.status, 0, r.stderr);
  const changed = r.stdout
    .split("\n")
    .filter((l) => l.endsWith(" changed"))
    .map((l) => basename(l.replace(/ changed$/, "")));
  assert.deepEqual(changed, [], "nbformat rewrites these notebooks (cells without an id get a random one)");
  for (const f of NOTEBOOKS) assert.equal(serializeNotebook(readNotebook(f)), readFileSync(f, "utf8"));
});
