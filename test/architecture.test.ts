/**
 * The layout lib/ARCHITECTURE.md describes holds: its API overview is what lib/index.ts exports
 * (regenerated and compared), no lib module re-exports with `export *`, and every import between
 * lib's folders is one the layer table allows.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { test } from "node:test";
import { apiOverview, withOverview } from "../lib/cli/api-overview";

const ROOT = join(__dirname, "..");
const LIB = join(ROOT, "lib");

function libFiles(dir = LIB, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (e === "dist" || e === "node_modules") continue;
    if (statSync(p).isDirectory()) libFiles(p, out);
    else if (p.endsWith(".ts")) out.push(p);
  }
  return out;
}

/** The area of a lib file: its folder, or the top-level module's name. */
const areaOf = (file: string) => relative(LIB, file).split("/")[0].replace(/\.ts$/, "");

/** What each area may import (lib/ARCHITECTURE.md, "Folders and layers"). */
const BASE = ["validation", "random", "errata", "quadprog"];
const ALLOWED: Record<string, readonly string[]> = {
  validation: ["data"],
  random: [],
  errata: [],
  quadprog: [],
  data: ["validation"],
  statistics: ["validation"],
  notebook: ["validation"],
  model: ["statistics", ...BASE],
  factors: ["statistics", ...BASE],
  features: ["data", "factors", "model", ...BASE],
  backtest: ["data", "statistics", "notebook", ...BASE],
  aila: ["data", "statistics", "notebook", ...BASE],
  allocation: ["data", "statistics", "factors", "features", "backtest", "aila", "notebook", ...BASE],
  pipeline: [
    "data",
    "statistics",
    "factors",
    "features",
    "model",
    "backtest",
    "aila",
    "allocation",
    "notebook",
    ...BASE,
  ],
  research: [
    "data",
    "statistics",
    "factors",
    "features",
    "model",
    "backtest",
    "aila",
    "allocation",
    "notebook",
    "pipeline",
    ...BASE,
  ],
  sample: ["data", "statistics", "features", "aila", "allocation", ...BASE],
};

test("lib/ARCHITECTURE.md: the API overview is what lib/index.ts exports", () => {
  const page = readFileSync(join(LIB, "ARCHITECTURE.md"), "utf8");
  assert.equal(
    withOverview(page, apiOverview(ROOT)),
    page,
    "the API overview is out of date: run npx tsx lib/cli/api-overview.ts",
  );
});

test("no module of lib re-exports with export *", () => {
  const offenders = libFiles().filter((f) => /^export \*/m.test(readFileSync(f, "utf8")));
  assert.deepEqual(
    offenders.map((f) => relative(ROOT, f)),
    [],
  );
});

test("imports between lib's folders follow the layer table", () => {
  const bad: string[] = [];
  for (const f of libFiles()) {
    const from = areaOf(f);
    if (from === "cli" || from === "index" || from === "kernel") continue;
    for (const m of readFileSync(f, "utf8").matchAll(/from "(\.[^"]+)"/g)) {
      const to = areaOf(normalize(join(dirname(f), m[1])));
      if (to === from) continue;
      if (!(ALLOWED[from] ?? []).includes(to)) bad.push(`${relative(ROOT, f)} imports ${to} (${m[1]})`);
    }
  }
  assert.deepEqual(bad, []);
});
