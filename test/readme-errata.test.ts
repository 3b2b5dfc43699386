import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { errataMarkdown } from "../lib/errata";

test("README's errata table is the one the code defines", () => {
  const readme = readFileSync(join(__dirname, "..", "README.md"), "utf8");
  const m = /<!-- errata:start -->\n([\s\S]*?)\n<!-- errata:end -->/.exec(readme);
  assert.ok(m, "README has the errata markers");
  assert.equal(
    m[1],
    errataMarkdown(),
    "regenerate with: node -e 'console.log(require(\"./lib/dist\").pipeline.errataMarkdown())'",
  );
});
