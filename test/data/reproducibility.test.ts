/**
 * `npm run data:generate` reproduces the committed sample byte for byte: run the generator CLI
 * into a temporary folder and compare every file with data/sample.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import { generateSample } from "../../lib/sample/monthly-sample";

const repo = path.resolve(__dirname, "..", "..");
const out = mkdtempSync(path.join(tmpdir(), "data-generate-"));
after(() => rmSync(out, { recursive: true, force: true }));

describe("sample generator", () => {
  it("lib/cli/generate-data.ts --out DIR writes files identical to data/sample", () => {
    const tsx = path.join(repo, "node_modules", ".bin", "tsx");
    const r = spawnSync(tsx, [path.join(repo, "lib", "cli", "generate-data.ts"), "--out", out], {
      encoding: "utf8",
      cwd: repo,
    });
    assert.equal(r.status, 0, r.stderr);
    const files = readdirSync(out).sort();
    assert.deepEqual(files, ["constituents.csv", "display_names.csv", "fields.csv", "history.csv"]);
    for (const f of files) {
      const a = readFileSync(path.join(out, f));
      const b = readFileSync(path.join(repo, "data", "sample", f));
      assert.ok(a.equals(b), `${f} differs from data/sample/${f} (${a.length} vs ${b.length} bytes)`);
    }
  });
  it("uses only \\n line ends, no BOM, and a different seed gives different values", () => {
    const text = readFileSync(path.join(repo, "data", "sample", "history.csv"), "utf8");
    assert.ok(!text.includes("\r") && text.charCodeAt(0) !== 0xfeff);
    const other = generateSample(7);
    assert.notEqual(other["history.csv"], text);
    assert.equal(
      other["constituents.csv"],
      readFileSync(path.join(repo, "data", "sample", "constituents.csv"), "utf8"),
    );
  });
});
