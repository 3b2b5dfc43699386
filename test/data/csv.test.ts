import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { csvField, formatCsv, formatNumber, parseCsv, parseNumberCell } from "../../lib/data/csv";

describe("parseCsv", () => {
  it("reads quoted commas, doubled quotes, line breaks in quotes, CRLF, a BOM and a missing final newline", () => {
    const t = parseCsv('\uFEFFa,b\r\n"x,1","say ""hi"""\r\n"two\nlines",\r\nlast,row', "t.csv");
    assert.deepEqual(t.header, ["a", "b"]);
    assert.deepEqual(t.rows, [
      ["x,1", 'say "hi"'],
      ["two\nlines", ""],
      ["last", "row"],
    ]);
    assert.deepEqual(t.lines, [2, 3, 5]);
  });
  it("skips blank lines but keeps line numbers right", () => {
    const t = parseCsv("a\n\n1\n\n2\n", "t.csv");
    assert.deepEqual(t.rows, [["1"], ["2"]]);
    assert.deepEqual(t.lines, [3, 5]);
  });
  it("round-trips what formatCsv writes", () => {
    const rows = [
      ["US Core CPI mm,", 'q"uote'],
      ["plain", ""],
    ];
    const text = formatCsv(["k", "v"], rows);
    assert.equal(text, 'k,v\n"US Core CPI mm,","q""uote"\nplain,\n');
    assert.deepEqual(parseCsv(text, "t.csv").rows, rows);
    assert.equal(csvField("a\nb"), '"a\nb"');
  });
});

describe("numbers", () => {
  it("parses decimals, exponents, empty and NaN", () => {
    assert.equal(parseNumberCell("-4.342273", "f", 2, "c"), -4.342273);
    assert.equal(parseNumberCell("1.389600e+10", "f", 2, "c"), 13896000000);
    assert.equal(parseNumberCell(" .5 ", "f", 2, "c"), 0.5);
    assert.ok(Number.isNaN(parseNumberCell("", "f", 2, "c")));
    assert.ok(Number.isNaN(parseNumberCell("nan", "f", 2, "c")));
    assert.throws(
      () => parseNumberCell("1,5", "f.csv", 9, "X"),
      /^DataError: f\.csv line 9, column "X": "1,5" is not a number/,
    );
    assert.throws(() => parseNumberCell("Infinity", "f.csv", 9, "X"), /infinite value/);
    assert.throws(() => parseNumberCell("0x10", "f.csv", 9, "X"), /not a number/);
  });
  it("formats with fixed significant digits, no trailing zeros, NaN as empty", () => {
    assert.equal(formatNumber(-4.3422734), "-4.342273");
    assert.equal(formatNumber(13896000000.4), "13896000000");
    assert.equal(formatNumber(0.000123456789), "0.0001234568");
    assert.equal(formatNumber(2.5), "2.5");
    assert.equal(formatNumber(100), "100");
    assert.equal(formatNumber(0), "0");
    assert.equal(formatNumber(1.5e-7), "1.5e-7");
    assert.equal(formatNumber(Number.NaN), "");
    assert.throws(() => formatNumber(Number.POSITIVE_INFINITY), /cannot write Infinity/);
  });
});
