/**
 * resolveDataDir (lib/data/data-dir.ts): parameter, then FACTOR_DATA_DIR, then the embedded
 * sample; the subfolder rule of a combined export folder; errors and the environment fallback.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { resolveDataDir } from "../../lib/data/data-dir";

const ROOT = join(__dirname, "..", "..");
const SAMPLE = join(ROOT, "data", "sample");
const tmp = mkdtempSync(join(tmpdir(), "data-dir-"));
after(() => rmSync(tmp, { recursive: true, force: true }));
// tmp/export: monthly files at the top, daily/ and funds/ inside; tmp/daily-only: assets.csv only
const exportDir = join(tmp, "export");
for (const [sub, marker] of [
  ["", "constituents.csv"],
  ["daily", "assets.csv"],
  ["funds", "funds.csv"],
]) {
  mkdirSync(join(exportDir, sub), { recursive: true });
  writeFileSync(join(exportDir, sub, marker), "");
}
const monthlyOnly = join(tmp, "monthly-only");
mkdirSync(monthlyOnly);
writeFileSync(join(monthlyOnly, "constituents.csv"), "");
const noEnv = { env: {} };

describe("resolveDataDir", () => {
  it("without parameter or FACTOR_DATA_DIR: the embedded sample of each kind", () => {
    for (const [kind, dir, rel] of [
      ["monthly", SAMPLE, "data/sample"],
      ["daily", join(SAMPLE, "daily"), "data/sample/daily"],
      ["funds", join(SAMPLE, "funds"), "data/sample/funds"],
    ] as const) {
      const r = resolveDataDir(undefined, kind, noEnv);
      assert.deepEqual(r, {
        kind,
        dir,
        source: "sample",
        synthetic: true,
        description: `embedded synthetic sample (${rel})`,
      });
    }
    assert.equal(resolveDataDir("  ", "funds", { env: { FACTOR_DATA_DIR: "" } }).source, "sample");
  });
  it("the parameter wins over FACTOR_DATA_DIR, which wins over the sample", () => {
    const env = { FACTOR_DATA_DIR: exportDir };
    const p = resolveDataDir(join(SAMPLE, "funds"), "funds", { env });
    assert.equal(p.source, "parameter");
    assert.equal(p.dir, join(SAMPLE, "funds"));
    assert.equal(p.synthetic, false);
    const e = resolveDataDir(undefined, "funds", { env });
    assert.equal(e.source, "environment");
    assert.equal(e.dir, join(exportDir, "funds"));
    assert.equal(e.description, `CSV folder ${join(exportDir, "funds")} (FACTOR_DATA_DIR)`);
  });
  it("a combined export folder maps to its daily/ and funds/ subfolders, monthly to itself", () => {
    assert.equal(resolveDataDir(exportDir, "monthly", noEnv).dir, exportDir);
    assert.equal(resolveDataDir(exportDir, "daily", noEnv).dir, join(exportDir, "daily"));
    assert.equal(resolveDataDir(exportDir, "funds", noEnv).dir, join(exportDir, "funds"));
    assert.equal(resolveDataDir(join(exportDir, "daily"), "daily", noEnv).dir, join(exportDir, "daily"));
  });
  it("relative paths are resolved against cwd; the description keeps the path as given", () => {
    const r = resolveDataDir("export", "daily", { env: {}, cwd: tmp });
    assert.equal(r.dir, join(exportDir, "daily"));
    assert.equal(r.description, "CSV folder export/daily");
  });
  it("a parameter folder without data of the kind is an error naming both paths tried", () => {
    assert.throws(
      () => resolveDataDir(monthlyOnly, "daily", noEnv),
      (err: Error) =>
        err.message.includes(
          `holds no daily data: neither ${join(monthlyOnly, "assets.csv")} nor ${join(monthlyOnly, "daily", "assets.csv")} exists`,
        ),
    );
    assert.throws(() => resolveDataDir(join(tmp, "nope"), "funds", noEnv), /dataDir ".*nope" is not a folder/);
  });
  it("FACTOR_DATA_DIR without data of the kind falls back to the sample with a note; a missing folder is an error", () => {
    const r = resolveDataDir(undefined, "funds", { env: { FACTOR_DATA_DIR: monthlyOnly } });
    assert.equal(r.source, "sample");
    assert.equal(r.dir, join(SAMPLE, "funds"));
    assert.match(
      r.note ?? "",
      /FACTOR_DATA_DIR=.*monthly-only holds no funds data .*using the embedded synthetic sample/,
    );
    assert.throws(
      () => resolveDataDir(undefined, "funds", { env: { FACTOR_DATA_DIR: join(tmp, "nope") } }),
      /FACTOR_DATA_DIR ".*nope" is not a folder/,
    );
  });
  it("reads process.env by default", () => {
    const saved = process.env.FACTOR_DATA_DIR;
    try {
      process.env.FACTOR_DATA_DIR = exportDir;
      assert.equal(resolveDataDir(undefined, "daily").dir, join(exportDir, "daily"));
    } finally {
      if (saved === undefined) delete process.env.FACTOR_DATA_DIR;
      else process.env.FACTOR_DATA_DIR = saved;
    }
  });
});
