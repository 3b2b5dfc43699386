/**
 * The fund-returns folder of notebook 03 (lib/data/fund-returns.ts): the embedded sample loads,
 * the writer round-trips, and every schema violation is reported with file, line and column.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fundReturnsCsv, fundReturnsSummary, parseFundReturns, readFundReturns } from "../../lib/data/fund-returns";

const ROOT = join(__dirname, "..", "..");
const tmp = mkdtempSync(join(tmpdir(), "fund-returns-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

const FUNDS = "Fund,Name,Role,Benchmark\nB,Bench,benchmark,\nA,Fund A,fund,B\n";
const RETURNS = "Fund,Date,Return\nB,2020-01-31,1\nA,2020-01-31,2\nB,2020-02-29,-0.5\nA,2020-02-29,\n";
const parse = (funds: string, returns: string) => parseFundReturns({ "funds.csv": funds, "returns.csv": returns });

describe("readFundReturns", () => {
  it("loads the embedded sample: a benchmark and eight funds, monthly percent returns", () => {
    const d = readFundReturns(join(ROOT, "data", "sample", "funds"));
    assert.deepEqual(
      d.funds.map((f) => `${f.id}:${f.role}`),
      ["BENCH:benchmark", ...["LCV", "LCG", "MCV", "MCG", "SCV", "SCG", "MICRO", "INTL"].map((id) => `${id}:fund`)],
    );
    assert.equal(d.series.get("BENCH")?.dates.length, 240);
    assert.equal(d.series.get("MICRO")?.dates[0], "2006-01-31");
    const intl = d.series.get("INTL");
    assert.ok(intl && Number.isNaN(intl.returns[intl.dates.indexOf("2013-08-31")]));
    const summary = fundReturnsSummary(d);
    assert.deepEqual(
      summary
        .filter((r) => r.fund === "MICRO" || r.fund === "INTL")
        .map((r) => [r.fund, r.months, r.missing, r.first, r.last]),
      [
        ["MICRO", 228, 0, "2006-01-31", "2024-12-31"],
        ["INTL", 239, 1, "2005-01-31", "2024-12-31"],
      ],
    );
  });
  it("sorts each series by date, reads empty cells as NaN, and the writer round-trips", () => {
    const d = parse(FUNDS, "Fund,Date,Return\nB,2020-02-29,-0.5\nA,2020-02-29,NaN\nB,2020-01-31,1\nA,2020-01-31,2\n");
    assert.deepEqual(d.series.get("B")?.dates, ["2020-01-31", "2020-02-29"]);
    assert.ok(Number.isNaN(d.series.get("A")?.returns[1] ?? 0));
    const files = fundReturnsCsv(d);
    assert.equal(
      files["returns.csv"],
      "Fund,Date,Return\nB,2020-01-31,1.0000\nB,2020-02-29,-0.5000\nA,2020-01-31,2.0000\nA,2020-02-29,\n",
    );
    assert.deepEqual(parse(files["funds.csv"], files["returns.csv"]).funds, d.funds);
  });
  it("a missing file is named", () => {
    writeFileSync(join(tmp, "funds.csv"), FUNDS);
    assert.throws(() => readFundReturns(tmp), /returns\.csv: file not found/);
  });
  it("invalid UTF-8 is reported with its line", () => {
    writeFileSync(
      join(tmp, "returns.csv"),
      Buffer.from("Fund,Date,Return\nB,2020-01-31,1\nA,2020-01-31,\xe9\n", "latin1"),
    );
    assert.throws(() => readFundReturns(tmp), /returns\.csv line 3: invalid UTF-8/);
  });
});

describe("located errors", () => {
  const cases: [string, string, string, RegExp][] = [
    ["unknown column", "Fund,Name,Role,Benchmark,Colour\n", RETURNS, /funds\.csv line 1: unknown column "Colour"/],
    ["missing column", "Fund,Name,Role\nB,Bench,benchmark\n", RETURNS, /funds\.csv line 1: missing column "Benchmark"/],
    [
      "duplicate id",
      `${FUNDS}A,Again,fund,B\n`,
      RETURNS,
      /funds\.csv line 4, column "Fund": "A" is already defined on line 3/,
    ],
    ["bad role", "Fund,Name,Role,Benchmark\nB,Bench,index,\n", RETURNS, /funds\.csv line 2, column "Role": "index"/],
    [
      "fund without benchmark",
      "Fund,Name,Role,Benchmark\nB,Bench,benchmark,\nA,A,fund,\n",
      RETURNS,
      /line 3, column "Benchmark": fund "A" names no benchmark/,
    ],
    [
      "benchmark is a fund",
      "Fund,Name,Role,Benchmark\nB,Bench,benchmark,\nA,A,fund,B\nC,C,fund,A\n",
      RETURNS,
      /line 4, column "Benchmark": "A" is a fund, not a benchmark/,
    ],
    [
      "benchmark with a benchmark",
      "Fund,Name,Role,Benchmark\nB,Bench,benchmark,B\nA,A,fund,B\n",
      RETURNS,
      /line 2, column "Benchmark": benchmark "B" must leave Benchmark empty/,
    ],
    [
      "unknown fund in returns",
      FUNDS,
      `${RETURNS}Z,2020-01-31,1\n`,
      /returns\.csv line 6, column "Fund": "Z" is not a Fund id/,
    ],
    [
      "not a month end",
      FUNDS,
      `${RETURNS}A,2020-03-30,1\n`,
      /returns\.csv line 6, column "Date": "2020-03-30" is not a calendar month end/,
    ],
    [
      "text return",
      FUNDS,
      `${RETURNS}A,2020-03-31,1.2%\n`,
      /returns\.csv line 6, column "Return": "1\.2%" is not a number/,
    ],
    [
      "return below -100 %",
      FUNDS,
      `${RETURNS}A,2020-03-31,-100\n`,
      /returns\.csv line 6, column "Return": -100 % would lose more than everything/,
    ],
    [
      "duplicate month",
      FUNDS,
      `${RETURNS}A,2020-01-31,3\n`,
      /returns\.csv line 6: "A" 2020-01-31 is already given on line 3/,
    ],
    ["series without rows", `${FUNDS}C,C,fund,B\n`, RETURNS, /funds\.csv line 4: "C" has no rows in returns\.csv/],
    [
      "no fund",
      "Fund,Name,Role,Benchmark\nB,Bench,benchmark,\n",
      "Fund,Date,Return\nB,2020-01-31,1\n",
      /no row with Role = fund/,
    ],
  ];
  for (const [what, funds, returns, re] of cases) it(what, () => assert.throws(() => parse(funds, returns), re));
});
