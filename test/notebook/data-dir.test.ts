/**
 * Notebooks 02 and 03 read the data folder they are given: the runner executes them on modified
 * temporary copies of the embedded sample, through `-p dataDir` and through FACTOR_DATA_DIR, and
 * the printed numbers follow the copy. Precedence: the parameter wins over the variable.
 * (resolveDataDir itself is unit-tested in test/data/data-dir.test.ts.)
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { activeRiskAttribution } from "../../lib/allocation/active-risk";
import { estimateActiveRisk } from "../../lib/allocation/estimates";
import { readFundReturns } from "../../lib/data/fund-returns";
import { parseNotebook } from "../../lib/notebook/ipynb";

const ROOT = join(__dirname, "..", "..");
const CLI = join(ROOT, "lib", "cli", "run-notebooks.ts");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");
const tmp = mkdtempSync(join(tmpdir(), "data-dir-notebooks-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

// tmp/export: an export folder with daily/ and funds/ subfolders (for FACTOR_DATA_DIR and the subfolder rule)
const exportDir = join(tmp, "export");
cpSync(join(ROOT, "data", "sample", "daily"), join(exportDir, "daily"), { recursive: true });
cpSync(join(ROOT, "data", "sample", "funds"), join(exportDir, "funds"), { recursive: true });
// tmp/funds-copy: a funds folder given directly as dataDir
const fundsCopy = join(tmp, "funds-copy");
cpSync(join(ROOT, "data", "sample", "funds"), fundsCopy, { recursive: true });

function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, "utf8");
  assert.equal(text.split(from).length, 2, `${from} must occur once in ${file}`);
  writeFileSync(file, text.replace(from, to));
}
// daily: WTI_Z's cap for more than 6 months to expiry 0.006 → 0.0077
edit(
  join(exportDir, "daily", "assets.csv"),
  "WTI_Z,WTI crude December,energy,crude,US,USD,fixed,0.02,0.02,0.012,0.006\n",
  "WTI_Z,WTI crude December,energy,crude,US,USD,fixed,0.02,0.02,0.012,0.0077\n",
);
// funds-copy: Large Value +12 pp in 2010-06 (a joined month) → its alpha rises by 12·12/227 % ≈ 63 bps
const lcv = /\nLCV,2010-06-30,(-?\d+\.\d+)\n/.exec(readFileSync(join(fundsCopy, "returns.csv"), "utf8"));
assert.ok(lcv);
edit(join(fundsCopy, "returns.csv"), lcv[0], `\nLCV,2010-06-30,${(Number(lcv[1]) + 12).toFixed(4)}\n`);
// export/funds: the international fund's missing 2013-08 return filled in → 228 joined months
edit(join(exportDir, "funds", "returns.csv"), "\nINTL,2013-08-31,\n", "\nINTL,2013-08-31,0.5000\n");

function run(notebook: string, out: string, args: string[], env: Record<string, string>): string {
  const r = spawnSync(TSX, [CLI, join(ROOT, "notebooks", notebook), ...args, "--output", out], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 300_000,
    env: { ...process.env, ...env },
  });
  assert.equal(r.status, 0, `${notebook}: ${r.stderr}`);
  const nb = parseNotebook(readFileSync(out, "utf8"));
  // every output as text: streams, and the text/plain and text/markdown of rich outputs
  return nb.cells
    .flatMap((c) => (c.cell_type === "code" ? c.outputs : []))
    .map((o) => {
      if (o.output_type === "stream") return o.text;
      if (o.output_type === "display_data" || o.output_type === "execute_result")
        return [o.data["text/plain"], o.data["text/markdown"]].filter((t) => typeof t === "string").join("\n");
      return "";
    })
    .join("\n");
}

const teamAlphaBps = (dir: string) => {
  const e = estimateActiveRisk(readFundReturns(dir));
  return (
    activeRiskAttribution(
      e.ids.map(() => 1 / e.ids.length),
      e.alphas,
      e.covariance,
    ).activeReturn * 1e4
  );
};

describe("notebooks read the data folder they are given", () => {
  it("03: -p dataDir wins over FACTOR_DATA_DIR, and the estimates follow the folder", () => {
    const text = run("03-micro-allocation.ipynb", join(tmp, "03-param.ipynb"), ["-p", "dataDir", fundsCopy], {
      FACTOR_DATA_DIR: exportDir,
    });
    assert.ok(text.includes(`data: CSV folder ${fundsCopy}\n`));
    const expected = teamAlphaBps(fundsCopy);
    assert.ok(Math.abs(expected - 102.5) > 5, `the edit must move the team alpha (${expected})`);
    assert.ok(text.includes(`for a team alpha of **${expected.toFixed(1)} bps**`), `team alpha ${expected.toFixed(1)}`);
    assert.ok(text.includes("Estimated from **227 months**"));
    // the reference example (sections 1-5) is unchanged
    assert.ok(text.includes("together they run **92.3 bps**"));
  });
  it("03: FACTOR_DATA_DIR alone selects its funds/ subfolder", () => {
    const text = run("03-micro-allocation.ipynb", join(tmp, "03-env.ipynb"), [], { FACTOR_DATA_DIR: exportDir });
    assert.ok(text.includes(`data: CSV folder ${join(exportDir, "funds")} (FACTOR_DATA_DIR)\n`));
    assert.ok(text.includes("Estimated from **228 months**"), "the filled-in month is joined");
    assert.ok(text.includes("left out by the join: 2005-01-31 … 2005-12-31 (MICRO)."));
  });
  it("02: -p dataDir of an export folder reads its daily/ subfolder", () => {
    const text = run("02-aila-index-methodology.ipynb", join(tmp, "02-param.ipynb"), ["-p", "dataDir", exportDir], {
      FACTOR_DATA_DIR: "",
    });
    assert.ok(text.includes(`data: CSV folder ${join(exportDir, "daily")}\n`));
    // the assets table wraps into column blocks (pandas' width 80): the cap >6M is in its last block
    const wti = text.split("\n").filter((l) => l.startsWith("WTI_Z "));
    assert.ok(
      wti.some((l) => l.trimEnd().endsWith("0.0077")),
      `no WTI_Z row ends with the export's cap 0.0077:\n${wti.join("\n")}`,
    );
  });
});
