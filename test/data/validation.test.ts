/**
 * Bad-input handling of the CSV-directory source: each case writes a small hand-made directory
 * (two members, two month ends) with one defect and checks the error names the file, the line
 * and the column. Accepted variants (BOM, CRLF, quoted commas, NaN spellings) must load.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import { loadCsvDirectory } from "../../lib/data/csv-directory";
import { FIELD_COLUMNS, openDataSource } from "../../lib/data/source";
import { DataError } from "../../lib/validation";

const root = mkdtempSync(path.join(tmpdir(), "data-validation-"));
after(() => rmSync(root, { recursive: true, force: true }));

const HEADER = ["Instrument", ...FIELD_COLUMNS, "Date"];
function fieldLine(inst: string, date: string, sector: string, ret: string): string {
  const vals = FIELD_COLUMNS.map((c, k) => {
    if (c === "TR.TRBCECONOMICSECTOR") return sector;
    if (c === "TR.TOTALRETURN1MO") return ret;
    if (c === "TR.DIVIDENDYIELD") return "NaN";
    if (c === "TR.F.CUSTADVTOT(PERIOD=FY0)") return "";
    return String(1000 + k);
  });
  return [inst, ...vals, date].join(",");
}

interface Files {
  "constituents.csv"?: string;
  "fields.csv"?: string;
  "history.csv"?: string;
  "display_names.csv"?: string;
}

function validFiles(): Required<Files> {
  return {
    "constituents.csv": ["Index,Date,RIC", ".DJI,2000-01-01,A.N", ".DJI,2000-01-01,B.N", ""].join("\n"),
    "fields.csv": [
      HEADER.join(","),
      fieldLine("A.N", "2000-01-31", "Industrials", "1.5"),
      fieldLine("B.N", "2000-01-31", "Financials", "-2.25"),
      fieldLine("A.N", "2000-02-29", "Industrials", "0.5"),
      fieldLine("B.N", "2000-02-29", "Financials", "3"),
      "",
    ].join("\n"),
    "history.csv": [
      "RIC,Field,Date,Value",
      "USCPI=ECI,VALUE,1999-12-31,0.3",
      "USCPI=ECI,VALUE,2000-01-31,0.4",
      "USCPI=ECI,VALUE,2000-02-29,0.6",
      ".SPX,TR.PriceClose,2000-01-31,1394.46",
      ".SPX,TR.PriceClose,2000-02-29,1366.42",
      "",
    ].join("\n"),
    "display_names.csv": ["Instrument,DSPLY_NAME", "USCPI=ECI,US CPI mm", 'USCPF=ECI,"US Core CPI mm,"', ""].join("\n"),
  };
}

let counter = 0;
function writeDir(files: Files): string {
  const dir = path.join(root, `case${counter++}`);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) if (text !== undefined) writeFileSync(path.join(dir, name), text);
  return dir;
}

/** Apply `edit` to one file of the valid set and expect loading to fail with `re`. */
function expectError(file: keyof Files, edit: (text: string) => string | undefined, re: RegExp): void {
  const files: Files = validFiles();
  files[file] = edit(files[file] as string);
  const dir = writeDir(files);
  assert.throws(() => loadCsvDirectory(dir), re);
}

const replaceLine = (n: number, f: (line: string) => string) => (text: string) =>
  text
    .split("\n")
    .map((l, i) => (i === n - 1 ? f(l) : l))
    .join("\n");
const dropLine = (n: number) => (text: string) =>
  text
    .split("\n")
    .filter((_, i) => i !== n - 1)
    .join("\n");
const cellEdit = (line: number, column: string, value: string) =>
  replaceLine(line, (l) => {
    const cells = l.split(",");
    cells[HEADER.indexOf(column)] = value;
    return cells.join(",");
  });

describe("CSV directory: a valid hand-made directory", () => {
  it("loads, with NaN for empty / NaN cells and numbers for the rest", () => {
    const ds = loadCsvDirectory(writeDir(validFiles()));
    const rows = ds.fields(
      ["B.N", "A.N"],
      ["TR.TotalReturn1Mo", "TR.DividendYield", "TR.F.CustAdvTot(Period=FY0)", "TR.TRBCEconomicSector"],
      "2000-01-31",
    );
    assert.deepEqual(
      rows.map((r) => r.Instrument),
      ["B.N", "A.N"],
    );
    assert.equal(rows[0]["TR.TOTALRETURN1MO"], -2.25);
    assert.ok(Number.isNaN(rows[0]["TR.DIVIDENDYIELD"] as number));
    assert.ok(Number.isNaN(rows[0]["TR.F.CUSTADVTOT(PERIOD=FY0)"] as number));
    assert.equal(rows[0]["TR.TRBCECONOMICSECTOR"], "Financials");
    assert.equal(rows[0].Date, "2000-01-31");
    assert.deepEqual(Object.keys(rows[0]), [
      "Instrument",
      "Date",
      "TR.TRBCECONOMICSECTOR",
      "TR.TOTALRETURN1MO",
      "TR.F.CUSTADVTOT(PERIOD=FY0)",
      "TR.DIVIDENDYIELD",
    ]);
    assert.deepEqual(ds.history("USCPI=ECI", "", "1999-12-02", "2000-01-31"), [
      { Date: "1999-12-31", value: 0.3 },
      { Date: "2000-01-31", value: 0.4 },
    ]);
    assert.deepEqual(
      ds.history(".SPX", "tr.priceclose", "2000-01-01", "2000-12-31").map((p) => p.value),
      [1394.46, 1366.42],
    );
    assert.deepEqual(ds.historicalConstituents(".DJI", "2000-01-01", "2000-12-31"), [
      { Date: "2000-01-01", RIC: "A.N" },
      { Date: "2000-01-01", RIC: "B.N" },
    ]);
    assert.deepEqual(ds.openSession(), { name: "csv-directory", synthetic: false });
  });

  it("accepts a UTF-8 BOM and CRLF line ends (same values as the plain files)", () => {
    const plain = validFiles();
    const crlf: Files = {};
    for (const [k, v] of Object.entries(plain)) crlf[k as keyof Files] = `\uFEFF${v.replace(/\n/g, "\r\n")}`;
    const a = loadCsvDirectory(writeDir(plain));
    const b = loadCsvDirectory(writeDir(crlf));
    const cols = ["TR.TotalReturn1Mo", "TR.TRBCEconomicSector", "TR.CompanyMarketCap"];
    assert.deepEqual(b.fields(["A.N", "B.N"], cols, "2000-02-29"), a.fields(["A.N", "B.N"], cols, "2000-02-29"));
    assert.deepEqual(b.displayNames(["USCPF=ECI"]), { "USCPF=ECI": "US Core CPI mm," });
    assert.deepEqual(
      b.history("USCPI=ECI", "VALUE", "1999-01-01", "2001-01-01"),
      a.history("USCPI=ECI", "VALUE", "1999-01-01", "2001-01-01"),
    );
  });

  it("accepts quoted fields containing commas and doubled quotes", () => {
    const files = validFiles();
    files["fields.csv"] = cellEdit(2, "TR.TRBCECONOMICSECTOR", '"Consumer, ""Cyclicals"""')(files["fields.csv"]);
    const ds = loadCsvDirectory(writeDir(files));
    assert.equal(
      ds.fields(["A.N"], ["TR.TRBCEconomicSector"], "2000-01-31")[0]["TR.TRBCECONOMICSECTOR"],
      'Consumer, "Cyclicals"',
    );
    assert.equal(ds.displayNames(["USCPF=ECI"])["USCPF=ECI"], "US Core CPI mm,");
  });
});

describe("CSV directory: bad input gives located errors", () => {
  it("1. a missing file names the file and its expected columns", () => {
    const files: Files = validFiles();
    delete files["fields.csv"];
    assert.throws(
      () => loadCsvDirectory(writeDir(files)),
      /^DataError: fields\.csv: missing file in data directory .* \(expected columns: Instrument, Date, TR\.TRBCECONOMICSECTOR/,
    );
  });
  it("2. an empty file", () => {
    expectError("history.csv", () => "", /^DataError: history\.csv: the file is empty/);
  });
  it("3. a header without data rows", () => {
    expectError(
      "constituents.csv",
      () => "Index,Date,RIC\n",
      /^DataError: constituents\.csv: the file has a header but no data rows/,
    );
  });
  it("4. a missing column", () => {
    expectError(
      "fields.csv",
      (t) =>
        t
          .split("\n")
          .map((l) =>
            l
              .split(",")
              .filter((_, k) => k !== HEADER.indexOf("TR.COMPANYMARKETCAP"))
              .join(","),
          )
          .join("\n"),
      /^DataError: fields\.csv line 1: column "TR\.COMPANYMARKETCAP" is missing; expected columns:/,
    );
  });
  it("5. a misspelled column is reported with the likely intended name", () => {
    expectError(
      "fields.csv",
      replaceLine(1, (l) => l.replace("TR.DIVIDENDYIELD", "TR.DIVIDENTYIELD")),
      /^DataError: fields\.csv line 1: column "TR\.DIVIDENDYIELD" is missing \(found "TR\.DIVIDENTYIELD" — misspelled\?\)/,
    );
  });
  it("6. an unknown extra column suggests the closest expected one", () => {
    expectError(
      "history.csv",
      (t) =>
        t
          .split("\n")
          .map((l, i) => (i === 0 ? `${l},Vlaue` : l ? `${l},1` : l))
          .join("\n"),
      /history\.csv line 1: unknown column "Vlaue" \(did you mean "Value"\?\)/,
    );
  });
  it("7. a non-numeric number", () => {
    expectError(
      "fields.csv",
      cellEdit(3, "TR.TOTALRETURN1MO", "12,5%".replace(",", ".")),
      /^DataError: fields\.csv line 3, column "TR\.TOTALRETURN1MO": "12\.5%" is not a number/,
    );
  });
  it("8. inf in a field", () => {
    expectError(
      "fields.csv",
      cellEdit(2, "TR.COMPANYMARKETCAP", "inf"),
      /^DataError: fields\.csv line 2, column "TR\.COMPANYMARKETCAP": infinite value "inf"/,
    );
  });
  it("9. -Infinity and overflowing numbers in a series", () => {
    expectError(
      "history.csv",
      replaceLine(3, () => "USCPI=ECI,VALUE,2000-01-31,-Infinity"),
      /^DataError: history\.csv line 3, column "Value": infinite value "-Infinity"/,
    );
    expectError(
      "history.csv",
      replaceLine(3, () => "USCPI=ECI,VALUE,2000-01-31,1e999"),
      /^DataError: history\.csv line 3, column "Value": "1e999" overflows to infinity/,
    );
  });
  it("10. an unparseable date", () => {
    expectError(
      "fields.csv",
      cellEdit(4, "Date", "2000/02/29"),
      /^DataError: fields\.csv line 4, column "Date": "2000\/02\/29" is not a date \(expected YYYY-MM-DD\)/,
    );
    expectError(
      "constituents.csv",
      replaceLine(2, () => ".DJI,2000-02-30,A.N"),
      /^DataError: constituents\.csv line 2, column "Date": "2000-02-30" is not a date/,
    );
  });
  it("11. a date that is not a month end (fields and series)", () => {
    expectError(
      "fields.csv",
      cellEdit(2, "Date", "2000-01-28"),
      /^DataError: fields\.csv line 2, column "Date": 2000-01-28 is not a month end \(expected .*2000-01-31\)/,
    );
    expectError(
      "history.csv",
      replaceLine(4, () => "USCPI=ECI,VALUE,2000-02-28,0.6"),
      /^DataError: history\.csv line 4, column "Date": 2000-02-28 is not a month end/,
    );
  });
  it("12. duplicate (Instrument, Date) keys", () => {
    expectError(
      "fields.csv",
      replaceLine(4, () => fieldLine("A.N", "2000-01-31", "Industrials", "1")),
      /^DataError: fields\.csv line 4: duplicate \(Instrument, Date\) = \(A\.N, 2000-01-31\), first on line 2/,
    );
  });
  it("13. duplicate series points and duplicate display names", () => {
    expectError(
      "history.csv",
      replaceLine(3, () => "USCPI=ECI,VALUE,1999-12-31,0.3"),
      /^DataError: history\.csv line 3: duplicate \(RIC, Field, Date\) = \(USCPI=ECI, VALUE, 1999-12-31\), first on line 2/,
    );
    expectError(
      "display_names.csv",
      (t) => `${t}USCPI=ECI,again\n`,
      /^DataError: display_names\.csv line 4, column "Instrument": duplicate instrument USCPI=ECI/,
    );
  });
  it("14. a constituent with no field rows", () => {
    expectError(
      "fields.csv",
      (t) => dropLine(5)(dropLine(3)(t)),
      /^DataError: fields\.csv: no row for constituent B\.N at month end 2000-01-31 \(a member of \.DJI then according to constituents\.csv\)/,
    );
  });
  it("15. a series with a gap", () => {
    expectError(
      "history.csv",
      dropLine(3),
      /^DataError: history\.csv: series USCPI=ECI VALUE has a gap: no value for 2000-01-31 between line 2 \(1999-12-31\) and line 3 \(2000-02-29\)/,
    );
  });
  it("16. a missing value inside a series", () => {
    expectError(
      "history.csv",
      replaceLine(3, () => "USCPI=ECI,VALUE,2000-01-31,NaN"),
      /^DataError: history\.csv line 3, column "Value": missing value for USCPI=ECI VALUE on 2000-01-31/,
    );
  });
  it("17. a row with the wrong number of fields", () => {
    expectError(
      "constituents.csv",
      replaceLine(3, () => ".DJI,2000-01-01,B.N,extra"),
      /^DataError: constituents\.csv line 3: 4 fields but the header has 3 columns/,
    );
  });
  it("18. an unterminated quote and a stray quote", () => {
    expectError(
      "display_names.csv",
      replaceLine(3, () => 'USCPF=ECI,"US Core CPI mm'),
      /^DataError: display_names\.csv line 3: unterminated quoted field/,
    );
    expectError(
      "display_names.csv",
      replaceLine(2, () => 'USCPI=ECI,"US CPI mm'),
      /^DataError: display_names\.csv line 3: unexpected text after the closing quote of field 2 \(quote opened on line 2\)/,
    );
    expectError(
      "display_names.csv",
      replaceLine(2, () => 'USCPI=ECI,US "CPI" mm'),
      /^DataError: display_names\.csv line 2: stray '"' inside unquoted field 2/,
    );
  });
  it("19. a duplicated header name", () => {
    expectError(
      "constituents.csv",
      replaceLine(1, () => "Index,Date,Date"),
      /^DataError: constituents\.csv line 1: column "Date" appears twice in the header/,
    );
  });
  it("20. an empty key cell", () => {
    expectError(
      "fields.csv",
      replaceLine(3, (l) => l.replace(/^B\.N/, "")),
      /^DataError: fields\.csv line 3, column "Instrument": empty value/,
    );
  });
  it("21. a data directory that does not exist", () => {
    assert.throws(() => loadCsvDirectory(path.join(root, "nope")), /data directory ".*nope" does not exist/);
  });
});

describe("DataSource requests are checked too", () => {
  const ds = loadCsvDirectory(writeDir(validFiles()));
  it("unknown field code, with a suggestion", () => {
    assert.throws(
      () => ds.fields(["A.N"], ["TR.DividendYeld"], "2000-01-31"),
      /fields: unknown field "TR\.DividendYeld" \(did you mean "TR\.DIVIDENDYIELD"\?\)/,
    );
  });
  it("an instrument without a row at the SDate", () => {
    assert.throws(
      () => ds.fields(["A.N", "Z.N"], ["TR.TotalReturn1Mo"], "2000-01-31"),
      /fields: no row for instrument Z\.N at 2000-01-31 in fields\.csv/,
    );
  });
  it("an SDate outside the data", () => {
    assert.throws(
      () => ds.fields(["A.N"], ["TR.TotalReturn1Mo"], "2000-03-31"),
      /fields: no data for SDate 2000-03-31 in fields\.csv \(month ends 2000-01-31 \.\. 2000-02-29\)/,
    );
  });
  it("unknown series, field, index and display name", () => {
    assert.throws(
      () => ds.history("XYZ", "VALUE", "2000-01-01", "2000-12-31"),
      /history: no series for XYZ in history\.csv/,
    );
    assert.throws(
      () => ds.history(".SPX", "BID", "2000-01-01", "2000-12-31"),
      /history: \.SPX has no field "BID" in history\.csv \(available: TR\.PriceClose\)/,
    );
    assert.throws(
      () => ds.historicalConstituents(".FTSE", "2000-01-01", "2000-12-31"),
      /no constituents for index "\.FTSE" in constituents\.csv \(available: \.DJI\)/,
    );
    assert.throws(() => ds.displayNames(["XYZ"]), /displayNames: no display name for XYZ in display_names\.csv/);
    assert.throws(() => ds.history(".SPX", "TR.PriceClose", "2000-1-1", "2000-12-31"), /must be YYYY-MM-DD/);
  });
  it("openDataSource follows opts.dir, then FACTOR_DATA_DIR", () => {
    const dir = writeDir(validFiles());
    assert.match(openDataSource({ dir }).description, /^CSV directory /);
    const saved = process.env.FACTOR_DATA_DIR;
    try {
      process.env.FACTOR_DATA_DIR = dir;
      const s = openDataSource();
      assert.equal(s.openSession().synthetic, false);
      assert.equal(s.fields(["A.N"], ["TR.TotalReturn1Mo"], "2000-02-29")[0]["TR.TOTALRETURN1MO"], 0.5);
      process.env.FACTOR_DATA_DIR = path.join(root, "missing-dir");
      assert.throws(() => openDataSource(), /data directory ".*missing-dir" does not exist/);
    } finally {
      if (saved === undefined) delete process.env.FACTOR_DATA_DIR;
      else process.env.FACTOR_DATA_DIR = saved;
    }
  });
});

describe("DataError: the typed error of the data loaders", () => {
  it("carries file, line and column as fields, and composes the one-line message from them", () => {
    const files = validFiles();
    files["fields.csv"] = cellEdit(4, "Date", "2000/02/29")(files["fields.csv"]);
    const dir = writeDir(files);
    let caught: unknown;
    try {
      loadCsvDirectory(dir);
    } catch (e) {
      caught = e;
    }
    assert.ok(caught instanceof DataError, `expected a DataError, got ${String(caught)}`);
    assert.equal(caught.file, "fields.csv");
    assert.equal(caught.line, 4);
    assert.equal(caught.column, "Date");
    assert.equal(caught.problem, '"2000/02/29" is not a date (expected YYYY-MM-DD)');
    assert.equal(caught.message, 'fields.csv line 4, column "Date": "2000/02/29" is not a date (expected YYYY-MM-DD)');
  });
  it("leaves out the parts it does not have", () => {
    assert.equal(new DataError({ file: "a.csv" }, "empty").message, "a.csv: empty");
    assert.equal(new DataError({ file: "a.csv", line: 1 }, "x").message, "a.csv line 1: x");
    assert.equal(new DataError({ file: "a.csv", line: 2, column: "V" }, "y").message, 'a.csv line 2, column "V": y');
    assert.equal(new DataError({ file: "a.csv" }, "z").name, "DataError");
  });
});
