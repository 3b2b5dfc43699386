/**
 * Every CLI parses its command line with node:util parseArgs (lib/cli/args.ts): `--help` prints
 * the usage and exits 0, an unknown option or an option without its value is one line naming it,
 * followed by the usage, with exit status 2.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { cliPath, ROOT } from "./helpers";

const run = (cli: string, args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", cliPath(cli), ...args], { cwd: ROOT, encoding: "utf8" });

const CASES: readonly { cli: string; name: string; option: string }[] = [
  { cli: "diff-notebooks", name: "diff-notebooks", option: "--tolerance" },
  { cli: "export-html", name: "notebooks:html", option: "--out" },
  { cli: "install-kernel", name: "install-kernel", option: "--prefix" },
  { cli: "import-notebook", name: "notebooks:import", option: "--to-script" },
  { cli: "generate-data", name: "generate-data", option: "--out" },
];

for (const c of CASES) {
  test(`${c.cli}: --help, an unknown option, an option without its value`, () => {
    const help = run(c.cli, ["--help"]);
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /Usage/i);
    const bad = run(c.cli, ["--bogus"]);
    assert.equal(bad.status, 2, bad.stderr);
    assert.match(bad.stderr, new RegExp(`^${c.name}: error: Unknown option '--bogus'\\n`));
    assert.doesNotMatch(bad.stderr, /\n\s+at /, "no stack trace");
    if (c.option !== "--to-script") {
      const missing = run(c.cli, [c.option]);
      assert.equal(missing.status, 2, missing.stderr);
      assert.match(missing.stderr, new RegExp(`error: Option '${c.option} <value>' argument missing`));
    }
  });
}
