/**
 * scanCsvFile (the chunked reader behind fields.csv) gives the records, line numbers and errors
 * of scanCsv on the whole text, whatever the chunk size: chunks of 1 to 13 bytes cut through
 * quoted fields with line breaks and doubled quotes, CRLF pairs, a byte-order mark and multi-byte
 * UTF-8 characters.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { scanCsv, scanCsvFile } from "../../lib/data/csv";

const dir = mkdtempSync(join(tmpdir(), "csv-chunked-"));
after(() => rmSync(dir, { recursive: true, force: true }));

type Rec = [string[], number];
function whole(text: string): Rec[] {
  const out: Rec[] = [];
  scanCsv(text, "t.csv", (r, line) => out.push([r, line]));
  return out;
}
function chunked(bytes: Uint8Array | string, chunk: number): Rec[] {
  const file = join(dir, `t${chunk}.csv`);
  writeFileSync(file, bytes);
  const out: Rec[] = [];
  scanCsvFile(file, "t.csv", (r, line) => out.push([r, line]), chunk);
  return out;
}
function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return "no error";
}

const TRICKY =
  '\uFEFFInstrument,Date,Name\r\n"A.N",2000-01-31,"two\nlines, ""quoted"""\r\n\r\nB.N,2000-01-31,Zürich café €\n' +
  '"C ""x"" Co",2000-02-29,"\r\n"\nD.N,2000-02-29,last';

describe("scanCsvFile", () => {
  const expected = whole(TRICKY);
  it("the fixture has the cases it is meant to have", () => {
    assert.equal(expected.length, 5);
    assert.deepEqual(expected[1], [["A.N", "2000-01-31", 'two\nlines, "quoted"'], 2]);
    assert.deepEqual(expected[2], [["B.N", "2000-01-31", "Zürich café €"], 5]);
    assert.deepEqual(expected[4], [["D.N", "2000-02-29", "last"], 8]);
  });
  for (const chunk of [1, 2, 3, 5, 7, 13, 1 << 16])
    it(`chunks of ${chunk} bytes: same records and lines as the whole text`, () => {
      assert.deepEqual(chunked(TRICKY, chunk), expected);
    });
  it("a stray quote is reported on the same line", () => {
    const bad = 'a,b\n1,2\n3,x"y\n4,5\n';
    const want = errorOf(() => whole(bad));
    assert.match(want, /line 3/);
    for (const chunk of [1, 4, 64])
      assert.equal(
        errorOf(() => chunked(bad, chunk)),
        want,
      );
  });
  it("an unterminated quote at the end is reported on the line it opens", () => {
    const bad = 'a,b\n1,2\n3,"open\n4,5\n';
    const want = errorOf(() => whole(bad));
    assert.match(want, /line 3/);
    for (const chunk of [1, 3, 64])
      assert.equal(
        errorOf(() => chunked(bad, chunk)),
        want,
      );
  });
  it("invalid UTF-8 names the byte offset and line, as for the whole file", () => {
    const bytes = Buffer.concat([Buffer.from("a,b\n1,2\n3,"), Buffer.from([0xe9]), Buffer.from("t\n")]);
    for (const chunk of [2, 64])
      assert.match(
        errorOf(() => chunked(bytes, chunk)),
        /line 3.*invalid UTF-8 at byte offset 10/,
      );
  });
  it("lone CR line ends (no LF) are read in one piece at the end", () => {
    const text = "a,b\r1,2\r3,4";
    assert.deepEqual(chunked(text, 2), whole(text));
  });
});
