/**
 * Plausibility checks and the data-quality report (lib/data/quality.ts, lib/cli/data-check.ts).
 *
 * Each rule gets a broken copy of the embedded sample (data/sample copied to a temp folder, one
 * cell edited) and checks either the rejection — a DataQualityError whose message names the file,
 * the 1-based line (header = 1), the column, the value and the rule — or the warning count.
 * Invalid UTF-8 must be rejected with the byte offset. The sample itself has no rejected value.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { firstInvalidUtf8Offset } from "../../lib/data/csv";
import { DATA_FILES, loadCsvDirectory } from "../../lib/data/csv-directory";
import {
  DataQualityError,
  type DataQualityReport,
  dataQualityReport,
  dataQualityRows,
  formatDataQualityReport,
  QUALITY_RULES,
  type QualityRuleId,
} from "../../lib/data/quality";
import { sampleDataDir } from "../../lib/data/source";

const REPO = path.resolve(__dirname, "..", "..");
const SAMPLE = sampleDataDir();
const FILES = Object.values(DATA_FILES);
const original = new Map<string, Buffer>(FILES.map((f) => [f, readFileSync(path.join(SAMPLE, f))]));

const root = mkdtempSync(path.join(tmpdir(), "data-quality-"));
after(() => rmSync(root, { recursive: true, force: true }));

type Edit = (text: string) => string;
let counter = 0;

/** A copy of the sample's four CSV files in a fresh temp folder, with `edits` applied per file. */
function brokenCopy(edits: Partial<Record<string, Edit>> = {}): string {
  const dir = path.join(root, `case${counter++}`);
  mkdirSync(dir);
  for (const f of FILES) {
    const edit = edits[f];
    const bytes = original.get(f)!;
    writeFileSync(path.join(dir, f), edit ? edit(bytes.toString("utf8")) : bytes);
  }
  return dir;
}

/** Set one cell: `line` is 1-based (header = 1), `column` a header name (the files have no quotes). */
function setCells(cells: readonly { line: number; column: string; value: string }[]): Edit {
  return (text) => {
    const lines = text.split("\n");
    const header = lines[0].split(",");
    for (const c of cells) {
      const j = header.indexOf(c.column);
      assert.ok(j >= 0, `no column ${c.column}`);
      assert.ok(!lines[c.line - 1].includes('"'), "the edited line must not be quoted");
      const parts = lines[c.line - 1].split(",");
      parts[j] = c.value;
      lines[c.line - 1] = parts.join(",");
    }
    return lines.join("\n");
  };
}
const setCell = (line: number, column: string, value: string) => setCells([{ line, column, value }]);
const fieldsEdit = (e: Edit) => ({ [DATA_FILES.fields]: e });

/** Expect `dataQualityReport` to reject the folder with `rule` at file/line/column/value. */
function expectReject(
  dir: string,
  rule: QualityRuleId,
  where: { file: string; line: number; column: string; value: string },
  re?: RegExp,
): DataQualityError {
  let caught: unknown;
  try {
    dataQualityReport(dir);
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof DataQualityError, `expected a DataQualityError, got ${String(caught)}`);
  const e = caught;
  assert.equal(e.rule, rule);
  assert.equal(e.file, where.file);
  assert.equal(e.line, where.line);
  assert.equal(e.column, where.column);
  assert.equal(e.value, where.value);
  const prefix = `${where.file} line ${where.line}, column "${where.column}": value "${where.value}": `;
  assert.ok(e.message.startsWith(prefix), `message: ${e.message}`);
  assert.match(e.message, new RegExp(`\\(rule ${rule}[;)]`));
  if (re) assert.match(e.message, re);
  return e;
}

const warningOf = (r: DataQualityReport, rule: QualityRuleId) => r.warnings.find((w) => w.rule === rule);
const rulesFired = (r: DataQualityReport) => r.warnings.map((w) => `${w.rule}:${w.count}`);

// fields.csv line 2..31 are the 30 members at 2000-01-31, lines 32..61 at 2000-02-29, ...
const F = DATA_FILES.fields;
const H = DATA_FILES.history;

let sample: DataQualityReport;
before(() => {
  sample = dataQualityReport(SAMPLE, { label: "data/sample" });
});

describe("data-quality report of the embedded sample", () => {
  it("has no rejected value and only the planted all-missing dividend-yield months as warnings", () => {
    assert.equal(sample.dir, "data/sample");
    assert.deepEqual(rulesFired(sample), ["field-missing-for-month:48"]);
    assert.equal(sample.warningCount, 48);
    // TR.DIVIDENDYIELD is missing for everyone before 2003-01-31 (36 months) and in about 5 % of
    // the 259 later months for all companies at once (data/README.md): 36 + 12 = 48
    const w = warningOf(sample, "field-missing-for-month")!;
    assert.deepEqual(
      w.examples.map((e) => [e.file, e.line, e.column, e.value]),
      [
        [F, 2, "TR.DIVIDENDYIELD", ""],
        [F, 32, "TR.DIVIDENDYIELD", ""],
        [F, 62, "TR.DIVIDENDYIELD", ""],
      ],
    );
    assert.equal(w.examples[0].note, "missing in all 30 rows of 2000-01-31");
  });

  it("counts rows, months and missing values per file as the sample's README describes them", () => {
    const byFile = new Map(sample.files.map((f) => [f.file, f]));
    assert.deepEqual(
      sample.files.map((f) => [f.file, f.rows, f.ignoredRows, f.months, f.firstDate, f.lastDate, f.keys]),
      [
        ["constituents.csv", 390, 0, 13, "2000-01-01", "2024-02-26", 1],
        ["fields.csv", 8850, 0, 295, "2000-01-31", "2024-07-31", 50],
        ["history.csv", 5049, 0, 297, "1999-12-31", "2024-08-31", 17],
        ["display_names.csv", 17, 0, 0, "", "", 17],
      ],
    );
    assert.deepEqual(sample.membersPerMonth, { min: 30, max: 30 });
    const missing = new Map(byFile.get(F)!.missing.map((m) => [m.column, m]));
    assert.equal(missing.size, 37);
    // never missing in the sample: return, market cap, sector
    for (const c of ["TR.TOTALRETURN1MO", "TR.COMPANYMARKETCAP", "TR.TRBCECONOMICSECTOR"])
      assert.equal(missing.get(c)!.missing, 0, c);
    const dy = missing.get("TR.DIVIDENDYIELD")!;
    assert.equal(dy.monthsAll, 48);
    // 48 all-missing months × 30, plus the months in which the three non-payers are members
    assert.equal(dy.missing, 1691);
    // Financials (about 15 % of the rows) have no working capital; customer advances and
    // preferred stock are missing for most companies in every month
    assert.ok(
      missing.get("TR.F.WKGCAP(PERIOD=FY0)")!.share > 0.1 && missing.get("TR.F.WKGCAP(PERIOD=FY0)")!.share < 0.2,
    );
    assert.equal(missing.get("TR.F.CUSTADVTOT(PERIOD=FY0)")!.monthsOverHalf, 295);
    assert.equal(missing.get("TR.F.PREFSTOCKLIABPORTLT(PERIOD=FY0)")!.monthsOverHalf, 295);
    // about 0.3 % of the other numeric cells are missing at random
    const ta = missing.get("TR.F.TOTASSETS(PERIOD=FY0)")!;
    assert.ok(ta.share > 0 && ta.share < 0.01 && ta.monthsOverHalf === 0);
    assert.equal(byFile.get(H)!.missing[0].missing, 0);
  });

  it("prints a deterministic fixed-width report and display rows", () => {
    const text = formatDataQualityReport(sample);
    assert.equal(text, formatDataQualityReport(dataQualityReport(SAMPLE, { label: "data/sample" })));
    const lines = text.split("\n");
    assert.equal(lines[0], "Data-quality report for data/sample");
    assert.equal(lines[1], "Study window: all dates");
    assert.equal(lines[2], "Result: no rejected values; 48 warnings (1 rule)");
    assert.ok(
      lines.some((l) => /^fields\.csv +8850 +0 +295 +2000-01-31 +2024-07-31 +50 /.test(l)),
      text,
    );
    assert.ok(
      lines.some((l) => /^ {2}TR\.DIVIDENDYIELD +\d+ +\d+\.\d % +48 +48$/.test(l)),
      text,
    );
    assert.ok(text.includes('      fields.csv:2:TR.DIVIDENDYIELD "" — missing in all 30 rows of 2000-01-31\n'));
    assert.ok(text.includes("      … and 45 more\n"));
    assert.ok(!text.includes(REPO), "no absolute paths");
    const rows = dataQualityRows(sample);
    assert.equal(rows.files.length, 4);
    assert.deepEqual(rows.files[1], {
      file: F,
      rows: 8850,
      ignored: 0,
      dates: 295,
      first: "2000-01-31",
      last: "2024-07-31",
      keys: 50,
    });
    assert.equal(rows.missing.filter((m) => m.file === F).length, 37);
    assert.deepEqual(
      rows.warnings.map((w) => [w.rule, w.count]),
      [["field-missing-for-month", 48]],
    );
    assert.equal(QUALITY_RULES.length, 14);
  });
});

describe("rejecting rules (file, line, column, value and rule in the message)", () => {
  it("market cap <= 0", () => {
    expectReject(brokenCopy(fieldsEdit(setCell(5, "TR.COMPANYMARKETCAP", "0"))), "market-cap-positive", {
      file: F,
      line: 5,
      column: "TR.COMPANYMARKETCAP",
      value: "0",
    });
    expectReject(
      brokenCopy(fieldsEdit(setCell(100, "TR.COMPANYMARKETCAP", "-2.5e9"))),
      "market-cap-positive",
      { file: F, line: 100, column: "TR.COMPANYMARKETCAP", value: "-2.5e9" },
      /must be > 0 USD/,
    );
  });

  it("dividend yield < 0", () => {
    // line 2000 is dated after 2003 (the yield exists then)
    expectReject(brokenCopy(fieldsEdit(setCell(2000, "TR.DIVIDENDYIELD", "-0.4"))), "dividend-yield-nonnegative", {
      file: F,
      line: 2000,
      column: "TR.DIVIDENDYIELD",
      value: "-0.4",
    });
  });

  it("one-month return < -100 %", () => {
    expectReject(
      brokenCopy(fieldsEdit(setCell(7, "TR.TOTALRETURN1MO", "-100.5"))),
      "return-1m-floor",
      { file: F, line: 7, column: "TR.TOTALRETURN1MO", value: "-100.5" },
      /below -100 %/,
    );
  });

  it("52-week return < -100 %", () => {
    expectReject(brokenCopy(fieldsEdit(setCell(8, "TR.TOTALRETURN52WK", "-250"))), "return-52w-floor", {
      file: F,
      line: 8,
      column: "TR.TOTALRETURN52WK",
      value: "-250",
    });
  });

  it("magnitude beyond 1e150 (fields.csv and history.csv)", () => {
    expectReject(
      brokenCopy(fieldsEdit(setCell(9, "TR.F.TOTASSETS(PERIOD=FY0)", "1e308"))),
      "magnitude",
      { file: F, line: 9, column: "TR.F.TOTASSETS(PERIOD=FY0)", value: "1e308" },
      /exceeds 1e\+150/,
    );
    expectReject(
      brokenCopy({ [H]: setCell(2676, "Value", "-3e200") }),
      "magnitude",
      { file: H, line: 2676, column: "Value", value: "-3e200" },
      /\.SPX TR\.PriceClose on 2000-01-31/,
    );
    // a value just inside the bound loads and only overflows nothing
    const ok = brokenCopy(fieldsEdit(setCell(9, "TR.F.INVSTLT(PERIOD=FY-1)", "1e149")));
    assert.doesNotThrow(() => dataQualityReport(ok));
  });

  it("a formula ratio that overflows (tiny market cap), named at the denominator", () => {
    expectReject(
      brokenCopy(fieldsEdit(setCell(10, "TR.COMPANYMARKETCAP", "1e-160"))),
      "formula-overflow",
      { file: F, line: 10, column: "TR.COMPANYMARKETCAP", value: "1e-160" },
      /cf_yield = TR\.F\.CF\(PERIOD=FY0\) \/ TR\.COMPANYMARKETCAP = \S+ \/ 1e-160 = \S+ exceeds 1e\+150/,
    );
  });

  it("empty sector (rejected: it decides the Financials rule and cannot be imputed)", () => {
    expectReject(
      brokenCopy(fieldsEdit(setCell(11, "TR.TRBCECONOMICSECTOR", ""))),
      "sector-empty",
      { file: F, line: 11, column: "TR.TRBCECONOMICSECTOR", value: "" },
      /empty sector for \S+ on 2000-01-31/,
    );
  });

  it("more than 50 % of a month's rows without a one-month return", () => {
    // 16 of the 30 rows of 2000-02-29 (lines 32..61): more than half; reported at the first
    const cells = Array.from({ length: 16 }, (_, k) => ({ line: 40 + k, column: "TR.TOTALRETURN1MO", value: "" }));
    const e = expectReject(
      brokenCopy(fieldsEdit(setCells(cells))),
      "return-1m-missing-share",
      { file: F, line: 40, column: "TR.TOTALRETURN1MO", value: "" },
      /16 of 30 rows of 2000-02-29 have no one-month return \(more than 50 %\)/,
    );
    assert.equal(e.more, 0);
    // 15 of 30 is exactly half: warnings only
    const half = dataQualityReport(brokenCopy(fieldsEdit(setCells(cells.slice(1)))));
    assert.equal(warningOf(half, "return-1m-missing")!.count, 15);
  });

  it("reports the first rejected value in file order and how many more there are", () => {
    const dir = brokenCopy(
      fieldsEdit(
        setCells([
          { line: 300, column: "TR.DIVIDENDYIELD", value: "-1" },
          { line: 20, column: "TR.COMPANYMARKETCAP", value: "-1" },
          { line: 20, column: "TR.TOTALRETURN1MO", value: "-101" },
        ]),
      ),
    );
    const e = expectReject(dir, "return-1m-floor", { file: F, line: 20, column: "TR.TOTALRETURN1MO", value: "-101" });
    assert.equal(e.more, 2);
    assert.match(e.message, /; 2 more rejected values in the folder\)$/);
  });
});

describe("warning rules (counted in the report, first examples kept)", () => {
  it("one-month return above +1000 %", () => {
    const r = dataQualityReport(brokenCopy(fieldsEdit(setCell(12, "TR.TOTALRETURN1MO", "1500"))));
    const w = warningOf(r, "return-1m-ceiling")!;
    assert.equal(w.count, 1);
    assert.deepEqual(
      [w.examples[0].file, w.examples[0].line, w.examples[0].column, w.examples[0].value],
      [F, 12, "TR.TOTALRETURN1MO", "1500"],
    );
    assert.equal(r.warningCount, 49);
  });

  it("missing one-month returns", () => {
    const r = dataQualityReport(
      brokenCopy(
        fieldsEdit(
          setCells([
            { line: 13, column: "TR.TOTALRETURN1MO", value: "" },
            { line: 500, column: "TR.TOTALRETURN1MO", value: "NaN" },
          ]),
        ),
      ),
    );
    const w = warningOf(r, "return-1m-missing")!;
    assert.equal(w.count, 2);
    assert.deepEqual(
      w.examples.map((e) => [e.line, e.value]),
      [
        [13, ""],
        [500, "NaN"],
      ],
    );
    const m = r.files.find((f) => f.file === F)!.missing.find((x) => x.column === "TR.TOTALRETURN1MO")!;
    assert.equal(m.missing, 2);
  });

  it("a zero denominator or ln 0 in the factor formulas", () => {
    const r = dataQualityReport(
      brokenCopy(
        fieldsEdit(
          setCells([
            { line: 14, column: "TR.F.DEBTTOT(PERIOD=FY0)", value: "0" },
            { line: 2001, column: "TR.DIVIDENDYIELD", value: "0" },
          ]),
        ),
      ),
    );
    const w = warningOf(r, "formula-undefined")!;
    assert.equal(w.count, 2);
    assert.deepEqual(
      w.examples.map((e) => [e.line, e.column, e.value]),
      [
        [14, "TR.F.DEBTTOT(PERIOD=FY0)", "0"],
        [2001, "TR.DIVIDENDYIELD", "0"],
      ],
    );
    assert.match(w.examples[0].note, /^leverage = TR\.F\.NETCASHFLOWOP\(PERIOD=FY0\) \/ TR\.F\.DEBTTOT\(PERIOD=FY0\)/);
  });

  it("a numeric field missing in every row of a month", () => {
    const cells = Array.from({ length: 30 }, (_, k) => ({
      line: 92 + k,
      column: "TR.F.CASHSTINVST(PERIOD=FY0)",
      value: "",
    }));
    const r = dataQualityReport(brokenCopy(fieldsEdit(setCells(cells))));
    const w = warningOf(r, "field-missing-for-month")!;
    assert.equal(w.count, 49, "the sample's 48 plus one");
    const m = r.files[1].missing.find((x) => x.column === "TR.F.CASHSTINVST(PERIOD=FY0)")!;
    assert.equal(m.monthsAll, 1);
    // 29 of 30 is not all: no extra warning
    const r29 = dataQualityReport(brokenCopy(fieldsEdit(setCells(cells.slice(1)))));
    assert.equal(warningOf(r29, "field-missing-for-month")!.count, 48);
  });

  it("all one-month returns of a month equal (zero variance)", () => {
    const cells = Array.from({ length: 30 }, (_, k) => ({ line: 62 + k, column: "TR.TOTALRETURN1MO", value: "1.5" }));
    const r = dataQualityReport(brokenCopy(fieldsEdit(setCells(cells))));
    const w = warningOf(r, "returns-zero-variance")!;
    assert.equal(w.count, 1);
    assert.deepEqual([w.examples[0].line, w.examples[0].column, w.examples[0].value], [62, "TR.TOTALRETURN1MO", "1.5"]);
    assert.equal(w.examples[0].note, "all 30 one-month returns of 2000-03-31 equal 1.5");
  });

  it("a zero level in a series turned into relative changes (not in a VALUE series)", () => {
    const r = dataQualityReport(
      brokenCopy({
        [H]: setCells([
          { line: 2677, column: "Value", value: "0" }, // .SPX
          { line: 4, column: "Value", value: "0" }, // USCPI=ECI is already 0.0 on line 4: a level, fine
        ]),
      }),
    );
    const w = warningOf(r, "series-zero-level")!;
    assert.equal(w.count, 1);
    assert.deepEqual([w.examples[0].file, w.examples[0].line, w.examples[0].column], [H, 2677, "Value"]);
  });
});

describe("study window", () => {
  it("ignores and counts fields.csv rows outside [start, end]", () => {
    const r = dataQualityReport(SAMPLE, { start: "2010-01-01", end: "2012-12-31" });
    const f = r.files.find((x) => x.file === F)!;
    assert.deepEqual(
      [f.ignoredRows, f.months, f.firstDate, f.lastDate],
      [8850 - 36 * 30, 36, "2010-01-31", "2012-12-31"],
    );
    assert.equal(r.warningCount, 1, "one all-missing dividend-yield month inside 2010-2012");
    assert.match(formatDataQualityReport(r), /^Study window: 2010-01-01 \.\. 2012-12-31 /m);
  });

  it("does not reject a bad value outside the window", () => {
    const dir = brokenCopy(fieldsEdit(setCell(5, "TR.COMPANYMARKETCAP", "-1")));
    assert.doesNotThrow(() => dataQualityReport(dir, { start: "2001-01-01" }));
    expectReject(dir, "market-cap-positive", { file: F, line: 5, column: "TR.COMPANYMARKETCAP", value: "-1" });
  });

  it("rejects a bad or empty window", () => {
    assert.throws(() => dataQualityReport(SAMPLE, { start: "2010-13-01" }), /start "2010-13-01" is not a date/);
    assert.throws(() => dataQualityReport(SAMPLE, { start: "2012-01-01", end: "2010-01-01" }), /is after end/);
    assert.throws(
      () => dataQualityReport(SAMPLE, { start: "2030-01-01" }),
      /fields\.csv: no rows inside the study window 2030-01-01 \.\. … \(the file covers 2000-01-31 \.\. 2024-07-31\)/,
    );
  });
});

describe("invalid UTF-8", () => {
  it("is rejected by the loader with the file, line and byte offset of the first invalid sequence", () => {
    // a Latin-1 "é" (0xE9) in a display name
    const names = original.get(DATA_FILES.displayNames)!.toString("utf8");
    const lines = names.split("\n");
    lines[3] = lines[3].replace(/,.*/, ",Soci\u00e9t\u00e9 g\u00e9n\u00e9rale");
    const latin1 = Buffer.from(lines.join("\n"), "latin1");
    const offset = latin1.indexOf(0xe9);
    const dir = brokenCopy();
    writeFileSync(path.join(dir, DATA_FILES.displayNames), latin1);
    const re = new RegExp(
      `display_names\\.csv line 4: invalid UTF-8 at byte offset ${offset} \\(bytes 0xE9 0x74 0xE9 0x20\\); expected UTF-8 text`,
    );
    assert.throws(() => loadCsvDirectory(dir), re);
    assert.throws(() => dataQualityReport(dir), re);
    // the same text as UTF-8 loads
    writeFileSync(path.join(dir, DATA_FILES.displayNames), lines.join("\n"));
    assert.doesNotThrow(() => loadCsvDirectory(dir));
  });

  it("finds the first invalid sequence by a byte scan", () => {
    const b = (...xs: number[]) => Uint8Array.from(xs);
    assert.equal(firstInvalidUtf8Offset(Buffer.from("plain, é, €, 😀", "utf8")), -1);
    assert.equal(firstInvalidUtf8Offset(b(0x41, 0xc3, 0xa9, 0xe9)), 3, "Latin-1 é after a UTF-8 é");
    assert.equal(firstInvalidUtf8Offset(b(0x41, 0xc0, 0x80)), 1, "overlong");
    assert.equal(firstInvalidUtf8Offset(b(0xed, 0xa0, 0x80)), 0, "surrogate");
    assert.equal(firstInvalidUtf8Offset(b(0x41, 0x42, 0xe2, 0x82)), 2, "cut off at the end");
    assert.equal(firstInvalidUtf8Offset(b(0xf5, 0x80, 0x80, 0x80)), 0, "above U+10FFFF");
    assert.equal(firstInvalidUtf8Offset(b(0x80)), 0, "lone continuation byte");
  });
});

describe("npm run data:check (lib/cli/data-check.ts)", () => {
  const cli = (...args: string[]) =>
    spawnSync("npx", ["tsx", "lib/cli/data-check.ts", ...args], { cwd: REPO, encoding: "utf8" });

  it("exits 0 on the embedded sample and prints the report", () => {
    const r = cli();
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.startsWith("Data-quality report for the embedded sample (data/sample)\n"), r.stdout);
    assert.match(r.stdout, /^Result: no rejected values; 48 warnings \(1 rule\)$/m);
    assert.match(r.stdout, /^fields\.csv +8850 /m);
    assert.match(r.stderr, /^data-check: loading and checking the embedded sample/);
  });

  it("exits 1 on a rejected copy with one clear line (stack only with --verbose)", () => {
    const dir = brokenCopy(fieldsEdit(setCell(6, "TR.DIVIDENDYIELD", "-3")));
    const r = cli(dir, "--quiet");
    assert.equal(r.status, 1);
    assert.equal(r.stdout, "");
    assert.equal(
      r.stderr,
      'data-check: rejected: fields.csv line 6, column "TR.DIVIDENDYIELD": value "-3": dividend yield must be >= 0 % (rule dividend-yield-nonnegative)\n',
    );
    const v = cli(dir, "--quiet", "--verbose");
    assert.equal(v.status, 1);
    assert.match(v.stderr, /\n {4}at /, "stack trace with --verbose");
  });

  it("exits 2 on bad usage and 0 on --help", () => {
    for (const args of [
      ["--start", "2020-02-30"],
      ["--bogus"],
      ["a", "b"],
      ["--end"],
      ["--start", "2021-01-01", "--end", "2020-01-01"],
    ]) {
      const r = cli(...args);
      assert.equal(r.status, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, /^data-check: .+\n\nusage: npm run data:check/);
    }
    const h = cli("--help");
    assert.equal(h.status, 0);
    assert.match(h.stdout, /^usage: npm run data:check -- \[DIR\]/);
    assert.match(h.stdout, /Exit codes: 0 /);
  });
});
