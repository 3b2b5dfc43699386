/**
 * A small RFC 4180 CSV reader and writer with error positions, used for the data files.
 *
 * Reading: fields separated by ",", records by "\n" or "\r\n" (a lone "\r" too), a leading UTF-8
 * byte-order mark is dropped, fields may be quoted with '"' (then they may contain commas, quotes
 * doubled as '""', and line breaks), a trailing line break at the end of the file is optional.
 * Every record keeps the 1-based line number it starts on so errors can say "file line N".
 * Writing: "\n" line ends, a field is quoted only when it contains a comma, quote or line break.
 */
import { closeSync, openSync, readFileSync, readSync } from "node:fs";
import { DataError } from "../validation";

/** A parsed CSV file: header names, then the data records with their 1-based starting lines. */
export interface CsvTable {
  file: string;
  header: string[];
  rows: string[][];
  lines: number[];
}

/**
 * The CSV scanner behind {@link parseCsv}: calls `onRecord(fields, line)` for every record in file
 * order — the header first — with the 1-based line it starts on; blank lines are skipped. It keeps
 * nothing, so a reader can convert each record as it comes (the field table of a large universe
 * never exists as strings). Throws naming file and line on an unterminated quote, text after a
 * closing quote or a stray quote. A leading byte-order mark is dropped.
 *
 * `firstLine` (default 1) is the line the text starts on, for a piece of a file read in parts
 * ({@link scanCsvFile}); only a text starting on line 1 may start with a byte-order mark. Returns
 * the line after the last one read (the next piece's `firstLine` when the text ends with a line
 * break).
 */
export function scanCsv(
  text: string,
  file: string,
  onRecord: (fields: string[], line: number) => void,
  firstLine = 1,
): number {
  if (firstLine === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let line = firstLine;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const startLine = line;
    const record: string[] = [];
    let field = "";
    let atRecordEnd = false;
    while (!atRecordEnd) {
      const quoteLine = line;
      if (text[i] === '"') {
        // quoted field
        i++;
        for (;;) {
          if (i >= n)
            throw new DataError({ file: file, line: quoteLine }, `unterminated quoted field (missing closing '"')`);
          const ch = text[i];
          if (ch === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === "\n") line++;
          field += ch;
          i++;
        }
        if (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r")
          throw new DataError(
            { file: file, line: line },
            `unexpected text after the closing quote of field ${record.length + 1} (quote opened on line ${quoteLine})`,
          );
      } else {
        const from = i;
        for (; i < n; i++) {
          const code = text.charCodeAt(i);
          if (code === 44 || code === 10 || code === 13) break; // , \n \r
          if (code === 34)
            throw new DataError({ file: file, line: line }, `stray '"' inside unquoted field ${record.length + 1}`);
        }
        field = text.slice(from, i);
      }
      record.push(field);
      field = "";
      if (i >= n) {
        atRecordEnd = true;
      } else if (text[i] === ",") {
        i++;
      } else {
        // line end: \r\n, \n or \r
        if (text[i] === "\r" && text[i + 1] === "\n") i++;
        i++;
        line++;
        atRecordEnd = true;
      }
    }
    if (record.length === 1 && record[0] === "") continue; // blank line
    onRecord(record, startLine);
  }
  return line;
}

/**
 * {@link scanCsv} over a file read `chunkBytes` at a time (default 16 MiB), so that neither the
 * file's bytes nor its text exist whole: each chunk is decoded (UTF-8, a character split between
 * chunks is joined), and the text up to its last record boundary — the last "\n" after an even
 * number of '"', i.e. outside quotes — is scanned, the rest carried into the next chunk. Records,
 * line numbers and errors are those of `scanCsv` on the whole text, except that invalid UTF-8 is
 * reported as {@link decodeUtf8} does for the whole file. A file without "\n" (lone "\r" line ends)
 * is scanned in one piece at its end.
 */
export function scanCsvFile(
  fullPath: string,
  file: string,
  onRecord: (fields: string[], line: number) => void,
  chunkBytes = 16 * 1024 * 1024,
): void {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const buffer = new Uint8Array(chunkBytes);
  const fd = openSync(fullPath, "r");
  let carry = "";
  let line = 1;
  try {
    for (;;) {
      const n = readSync(fd, buffer, 0, chunkBytes, null);
      let text: string;
      try {
        text = carry + decoder.decode(buffer.subarray(0, n), { stream: n > 0 });
      } catch {
        decodeUtf8(readFileSync(fullPath), file); // throws the whole file's DataError
        throw new DataError({ file: file }, `invalid UTF-8`);
      }
      if (n === 0) {
        if (text !== "") scanCsv(text, file, onRecord, line);
        return;
      }
      // the last line break outside quotes: quotes come in pairs outside a quoted field
      let cut = -1;
      let quotes = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 34) quotes++;
        else if (c === 10 && (quotes & 1) === 0) cut = i;
      }
      if (cut < 0) {
        carry = text;
        continue;
      }
      line = scanCsv(text.slice(0, cut + 1), file, onRecord, line);
      carry = text.slice(cut + 1);
    }
  } finally {
    closeSync(fd);
  }
}

/** A header record's names, trimmed; throws naming file and line on a blank or repeated name. */
export function csvHeader(record: readonly string[], file: string, line: number): string[] {
  const header = record.map((h) => h.trim());
  header.forEach((h, k) => {
    if (h === "") throw new DataError({ file: file, line: line }, `header column ${k + 1} has no name`);
    const first = header.indexOf(h);
    if (first !== k) throw new DataError({ file: file, line: line }, `column "${h}" appears twice in the header`);
  });
  return header;
}

/** Throws unless a data record has as many fields as the header (naming file and line). */
export function checkFieldCount(record: readonly string[], header: readonly string[], file: string, line: number) {
  if (record.length !== header.length)
    throw new DataError(
      { file: file, line: line },
      `${record.length} fields but the header has ${header.length} columns`,
    );
}

/**
 * Parse CSV text. `file` is only used in error messages. Throws (naming file and line) on an
 * empty file, an unterminated quote, text after a closing quote, a blank or duplicated header
 * name, or a record whose field count differs from the header's. Blank lines are skipped.
 */
export function parseCsv(text: string, file: string): CsvTable {
  if (text.trim() === "")
    // String.trim also removes a byte-order mark
    throw new DataError({ file: file }, `the file is empty (expected a header line and data rows)`);
  const records: string[][] = [];
  const starts: number[] = [];
  scanCsv(text, file, (r, line) => {
    records.push(r);
    starts.push(line);
  });
  if (records.length === 0)
    throw new DataError({ file: file }, `the file is empty (expected a header line and data rows)`);
  const header = csvHeader(records[0], file, starts[0]);
  const rows = records.slice(1);
  const lines = starts.slice(1);
  rows.forEach((r, k) => {
    checkFieldCount(r, header, file, lines[k]);
  });
  return { file, header, rows, lines };
}

const UTF8_DECODER = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Byte offset (0-based) of the first byte of the first invalid UTF-8 sequence in `bytes`, or -1
 * when all of it is valid UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above
 * U+10FFFF; a sequence cut off by the end of the data is invalid at its lead byte).
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let len: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) len = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      len = 3;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      len = 4;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return i;
    if (i + len > n) return i;
    const second = bytes[i + 1];
    if (second < lo || second > hi) return i;
    for (let k = 2; k < len; k++) if (bytes[i + k] < 0x80 || bytes[i + k] > 0xbf) return i;
    i += len;
  }
  return -1;
}

/**
 * Decode a file's bytes as UTF-8 (a BOM is kept for `parseCsv` to drop). Invalid UTF-8 is an
 * error naming `file`, the 0-based byte offset and the line of the first invalid sequence and its
 * bytes — typically a Latin-1 / Windows-1252 export, whose accented letters would otherwise turn
 * into U+FFFD replacement characters without a word.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return UTF8_DECODER.decode(bytes);
  } catch {
    const at = firstInvalidUtf8Offset(bytes);
    const offset = at < 0 ? 0 : at;
    let line = 1;
    for (let k = 0; k < offset; k++) {
      if (bytes[k] === 10 || (bytes[k] === 13 && bytes[k + 1] !== 10)) line++;
    }
    const shown = Array.from(
      bytes.subarray(offset, offset + 4),
      (b) => `0x${b.toString(16).toUpperCase().padStart(2, "0")}`,
    );
    throw new DataError(
      { file: file, line: line },
      `invalid UTF-8 at byte offset ${offset} (bytes ${shown.join(" ")}); expected UTF-8 text — a Latin-1 or Windows-1252 export? re-save the file as UTF-8`,
    );
  }
}

/** Quote a field for CSV output when needed (comma, quote, CR or LF inside). */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Serialise a header and rows of already-formatted strings as CSV with "\n" line ends. */
export function formatCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const out: string[] = [header.map(csvField).join(",")];
  for (const r of rows) out.push(r.map(csvField).join(","));
  return `${out.join("\n")}\n`;
}

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INF_RE = /^[+-]?(inf|infinity)$/i;

/**
 * Parse a numeric CSV cell. "" and "NaN" (any case) are missing and give NaN; anything else must
 * be a finite decimal number. Throws naming file, line and column for text, "inf"/"Infinity" or a
 * number that overflows to infinity.
 */
export function parseNumberCell(cell: string, file: string, line: number, column: string): number {
  const s = cell.trim();
  if (s === "" || s.toLowerCase() === "nan") return Number.NaN;
  if (INF_RE.test(s))
    throw new DataError(
      { file: file, line: line, column: column },
      `infinite value "${cell}" (expected a finite number, or empty / NaN when missing)`,
    );
  if (!NUMBER_RE.test(s))
    throw new DataError(
      { file: file, line: line, column: column },
      `"${cell}" is not a number (expected a decimal number, or empty / NaN when missing)`,
    );
  const v = Number(s);
  if (!Number.isFinite(v))
    throw new DataError(
      { file: file, line: line, column: column },
      `"${cell}" overflows to infinity (expected a finite number)`,
    );
  return v;
}

/**
 * Format a number for the data files: `digits` significant digits, trailing zeros dropped,
 * exponent notation only outside [1e-5, 1e15) in magnitude; NaN is written as "" (missing).
 * Deterministic across platforms (uses `toPrecision`).
 */
export function formatNumber(v: number, digits = 7): string {
  if (Number.isNaN(v)) return "";
  if (!Number.isFinite(v)) throw new Error(`formatNumber: cannot write ${v} to a data file`);
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e-5 && a < 1e15) {
    const s = v.toPrecision(digits);
    if (s.includes("e")) return String(Number(s));
    return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
  }
  return v.toExponential(digits - 1).replace(/\.?0+e/, "e");
}
