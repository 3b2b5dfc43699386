/**
 * The CSV-directory data source: four files in the article's LSEG schema, read once and validated.
 *
 * Files (schema in data/README.md):
 * - `constituents.csv`  Index,Date,RIC — In[3]: full member list of an index at each change date;
 * - `fields.csv`        Instrument,Date,<the 37 FIELD_COLUMNS> — In[7]: one row per member per month end;
 * - `history.csv`       RIC,Field,Date,Value — In[22]-In[26], In[44]: monthly series, month-end dates;
 * - `display_names.csv` Instrument,DSPLY_NAME — In[20].
 *
 * Validation (each failure is an Error naming the file, line and column and what was expected):
 * missing file, empty file, missing / unknown (misspelled) column, non-numeric or infinite number,
 * invalid or non-month-end date, duplicate keys, a constituent without a field row at a month end
 * when it is a member, a series with a missing month. Accepted: UTF-8 BOM, CRLF line ends, quoted
 * fields containing commas. Missing numbers are "" or "NaN" and become NaN.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { DataError } from "../validation";
import { type CsvTable, checkFieldCount, csvHeader, decodeUtf8, parseCsv, parseNumberCell, scanCsvFile } from "./csv";
import { addMonths, isIsoDate, isMonthEnd } from "./dates";
import { monthlyMembership } from "./membership";
import { readReleaseLags } from "./release-lags-file";
import {
  type ConstituentChange,
  type DataSource,
  FIELD_COLUMNS,
  type FieldRow,
  SECTOR_COLUMN,
  type SeriesPoint,
} from "./schema";

/** File names of the CSV directory layout. */
export const DATA_FILES = {
  constituents: "constituents.csv",
  fields: "fields.csv",
  history: "history.csv",
  displayNames: "display_names.csv",
} as const;

/** Required columns of each file (fields.csv: Instrument, Date and all FIELD_COLUMNS). */
export const FILE_COLUMNS: Record<keyof typeof DATA_FILES, readonly string[]> = {
  constituents: ["Index", "Date", "RIC"],
  fields: ["Instrument", "Date", ...FIELD_COLUMNS],
  history: ["RIC", "Field", "Date", "Value"],
  displayNames: ["Instrument", "DSPLY_NAME"],
};

/** Options of `loadCsvDirectory`. */
export interface CsvDirectoryOptions {
  /** Text for `DataSource.description` (default: "CSV directory <dir as given>"). */
  description?: string;
  /** Whether the values are synthetic (reported by openSession; default false). */
  synthetic?: boolean;
  /** Session name reported by openSession (default "csv-directory"). */
  sessionName?: string;
}

function normalizeName(s: string): string {
  return s.toUpperCase().replace(/[^A-Z0-9=]/g, "");
}

function editDistance(a: string, b: string): number {
  const d: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length];
}

/** The expected column an unknown header name most likely meant, if any is close. */
function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const dist = normalizeName(c) === normalizeName(name) ? 0 : editDistance(name.toUpperCase(), c.toUpperCase());
    if (dist < bestD) {
      bestD = dist;
      best = c;
    }
  }
  return bestD <= Math.max(3, Math.floor(name.length / 4)) ? best : undefined;
}

/** Check a table's header against the expected columns; returns the column index of each. */
function checkColumns(t: CsvTable, expected: readonly string[]): Map<string, number> {
  const missing = expected.filter((c) => !t.header.includes(c));
  const unknown = t.header.filter((h) => !expected.includes(h));
  if (missing.length > 0 || unknown.length > 0) {
    const parts: string[] = [];
    for (const m of missing) {
      const guess = unknown.find((u) => closest(u, [m]) === m);
      parts.push(guess ? `column "${m}" is missing (found "${guess}" — misspelled?)` : `column "${m}" is missing`);
    }
    for (const u of unknown) {
      if (missing.some((m) => closest(u, [m]) === m)) continue;
      const g = closest(u, expected);
      parts.push(`unknown column "${u}"${g ? ` (did you mean "${g}"?)` : ""}`);
    }
    throw new DataError({ file: t.file, line: 1 }, `${parts.join("; ")}; expected columns: ${expected.join(", ")}`);
  }
  return new Map(expected.map((c) => [c, t.header.indexOf(c)]));
}

/** A file of the directory as text (UTF-8 checked); a missing file is an error naming its columns. */
/** The path of one of the layout's files; a DataError when it is missing. */
function dataFilePath(dir: string, key: keyof typeof DATA_FILES): string {
  const file = DATA_FILES[key];
  const full = path.join(dir, file);
  if (!existsSync(full) || !statSync(full).isFile())
    throw new DataError(
      { file: file },
      `missing file in data directory "${dir}" (expected columns: ${FILE_COLUMNS[key].join(", ")})`,
    );
  return full;
}

function readFileText(dir: string, key: keyof typeof DATA_FILES): string {
  return decodeUtf8(readFileSync(dataFilePath(dir, key)), DATA_FILES[key]);
}

function readTable(dir: string, key: keyof typeof DATA_FILES): CsvTable {
  const file = DATA_FILES[key];
  const t = parseCsv(readFileText(dir, key), file);
  if (t.rows.length === 0) throw new DataError({ file: file }, `the file has a header but no data rows`);
  return t;
}

/** One data record of a file: its cells, its 1-based line and the file's header. */
interface CsvRecord {
  file: string;
  header: readonly string[];
  cells: readonly string[];
  line: number;
}

const recordOf = (t: CsvTable, k: number): CsvRecord => ({
  file: t.file,
  header: t.header,
  cells: t.rows[k],
  line: t.lines[k],
});

function dateCell(r: CsvRecord, col: number, monthEnd: boolean): string {
  const v = r.cells[col].trim();
  const name = r.header[col];
  if (!isIsoDate(v))
    throw new DataError({ file: r.file, line: r.line, column: name }, `"${v}" is not a date (expected YYYY-MM-DD)`);
  if (monthEnd && !isMonthEnd(v))
    throw new DataError(
      { file: r.file, line: r.line, column: name },
      `${v} is not a month end (expected the last day of the month, e.g. ${addMonths(v, 0)})`,
    );
  return v;
}

function textCell(r: CsvRecord, col: number): string {
  const v = r.cells[col].trim();
  if (v === "")
    throw new DataError({ file: r.file, line: r.line, column: r.header[col] }, `empty value (expected a code)`);
  return v;
}

/**
 * fields.csv held by column: row k is (instrument[k], date[k]); the sector column as text, every
 * other field column as a Float64Array (8 bytes a value, where one object per row with 39
 * properties costs about 2.2 kB). `byDate` finds a row by month end and instrument. Rows exist as
 * objects only when `fields()` is asked for them.
 */
interface FieldStore {
  instrument: string[];
  date: string[];
  sector: string[];
  numeric: Map<string, Float64Array>;
  byDate: Map<string, Map<string, number>>;
}

interface Loaded {
  constituents: Map<string, ConstituentChange[]>;
  fields: FieldStore;
  series: Map<string, Map<string, SeriesPoint[]>>; // RIC -> FIELD (upper) -> points
  fieldSpelling: Map<string, string>; // RIC|FIELDUPPER -> spelling in the file
  names: Map<string, string>;
}

/**
 * constituents.csv: the membership changes of each index, sorted by date. A duplicate
 * (Index, Date, RIC) is an error naming both lines.
 */
function readConstituents(dir: string): { table: CsvTable; constituents: Map<string, ConstituentChange[]> } {
  const ct = readTable(dir, "constituents");
  const cc = checkColumns(ct, FILE_COLUMNS.constituents);
  const constituents = new Map<string, ConstituentChange[]>();
  const seenMember = new Map<string, number>();
  ct.rows.forEach((_, k) => {
    const rec = recordOf(ct, k);
    const index = textCell(rec, cc.get("Index")!);
    const date = dateCell(rec, cc.get("Date")!, false);
    const ric = textCell(rec, cc.get("RIC")!);
    const key = `${index}|${date}|${ric}`;
    const prev = seenMember.get(key);
    if (prev !== undefined)
      throw new DataError(
        { file: ct.file, line: ct.lines[k], column: "RIC" },
        `duplicate (Index, Date, RIC) = (${index}, ${date}, ${ric}), first on line ${prev}`,
      );
    seenMember.set(key, ct.lines[k]);
    let list = constituents.get(index);
    if (!list) {
      list = [];
      constituents.set(index, list);
    }
    list.push({ Date: date, RIC: ric });
  });
  for (const list of constituents.values()) list.sort((a, b) => (a.Date < b.Date ? -1 : a.Date > b.Date ? 1 : 0));
  return { table: ct, constituents };
}

/**
 * fields.csv, read in chunks and scanned record by record into a {@link FieldStore} (neither the
 * file's text nor a table of strings exists whole): numbers parsed (empty / NaN → NaN), the sector
 * column kept as text. A duplicate (Instrument, Date) is an error naming both lines.
 */
function readFields(dir: string): FieldStore {
  const file = DATA_FILES.fields;
  const full = dataFilePath(dir, "fields");
  const store: FieldStore = { instrument: [], date: [], sector: [], numeric: new Map(), byDate: new Map() };
  const numericCols = FIELD_COLUMNS.filter((c) => c !== SECTOR_COLUMN);
  const growing = new Map<string, number[]>(numericCols.map((c) => [c, []]));
  let header: string[] | undefined;
  let iInst = 0;
  let iDate = 0;
  let iSector = 0;
  let numeric: (readonly [string, number, number[]])[] = [];
  const lineOf: number[] = []; // row k's line, for the duplicate message
  // Cells are slices of the file's text, and a kept slice keeps the whole text alive: the few
  // distinct instruments, dates and sectors are stored once each, as copies.
  const pool = new Map<string, string>();
  const intern = (v: string): string => {
    let u = pool.get(v);
    if (u === undefined) {
      u = Buffer.from(v, "utf8").toString("utf8");
      pool.set(u, u);
    }
    return u;
  };
  scanCsvFile(full, file, (cells, line) => {
    if (!header) {
      header = csvHeader(cells, file, line);
      const fc = checkColumns({ file, header, rows: [], lines: [] }, FILE_COLUMNS.fields);
      iInst = fc.get("Instrument")!;
      iDate = fc.get("Date")!;
      iSector = fc.get(SECTOR_COLUMN)!;
      numeric = numericCols.map((c) => [c, fc.get(c)!, growing.get(c)!] as const);
      return;
    }
    checkFieldCount(cells, header, file, line);
    const rec: CsvRecord = { file, header, cells, line };
    const inst = intern(textCell(rec, iInst));
    const date = intern(dateCell(rec, iDate, true));
    let m = store.byDate.get(date);
    const prev = m?.get(inst);
    if (prev !== undefined)
      throw new DataError(
        { file: file, line: line },
        `duplicate (Instrument, Date) = (${inst}, ${date}), first on line ${lineOf[prev]}`,
      );
    const k = store.instrument.length;
    lineOf.push(line);
    store.instrument.push(inst);
    store.date.push(date);
    store.sector.push(intern(cells[iSector].trim()));
    for (const [c, j, values] of numeric) values.push(parseNumberCell(cells[j], file, line, c));
    if (!m) {
      m = new Map();
      store.byDate.set(date, m);
    }
    m.set(inst, k);
  });
  if (!header) throw new DataError({ file: file }, `the file is empty (expected a header line and data rows)`);
  if (store.instrument.length === 0) throw new DataError({ file: file }, `the file has a header but no data rows`);
  // exact-size typed columns (a grown array keeps up to half its length as spare capacity)
  for (const c of numericCols) {
    store.numeric.set(c, Float64Array.from(growing.get(c)!));
    growing.delete(c);
  }
  return store;
}

/** Every member of every index at every month end covered by fields.csv must have a field row. */
function checkFieldCoverage(constituents: Map<string, ConstituentChange[]>, fields: FieldStore, ct: CsvTable): void {
  const fieldsByDate = fields.byDate;
  const fieldDates = [...fieldsByDate.keys()].sort();
  const lastFieldDate = fieldDates[fieldDates.length - 1];
  for (const [index, changes] of constituents) {
    for (const month of monthlyMembership(changes, lastFieldDate)) {
      if (month.Date < fieldDates[0]) continue;
      const rows = fieldsByDate.get(month.Date);
      for (const ric of month.RIC) {
        if (!rows?.has(ric))
          throw new DataError(
            { file: DATA_FILES.fields },
            `no row for constituent ${ric} at month end ${month.Date} (a member of ${index} then according to ${ct.file}); expected one row per member per month end`,
          );
      }
    }
  }
}

/**
 * history.csv: the monthly series by RIC and field (field names case-insensitive, the file's
 * spelling kept for messages). Values must be present; a series must have no month missing
 * between its first and last point; a duplicate (RIC, Field, Date) is an error naming both lines.
 */
function readHistory(dir: string): Pick<Loaded, "series" | "fieldSpelling"> {
  const ht = readTable(dir, "history");
  const hc = checkColumns(ht, FILE_COLUMNS.history);
  const series = new Map<string, Map<string, SeriesPoint[]>>();
  const fieldSpelling = new Map<string, string>();
  const pointLine = new Map<string, number>();
  const linesOf = new Map<SeriesPoint, number>();
  ht.rows.forEach((r, k) => {
    const rec = recordOf(ht, k);
    const ric = textCell(rec, hc.get("RIC")!);
    const field = r[hc.get("Field")!].trim();
    const date = dateCell(rec, hc.get("Date")!, true);
    const value = parseNumberCell(r[hc.get("Value")!], ht.file, ht.lines[k], "Value");
    if (Number.isNaN(value))
      throw new DataError(
        { file: ht.file, line: ht.lines[k], column: "Value" },
        `missing value for ${ric} ${field} on ${date} (series must be complete; leave the month out only at the ends)`,
      );
    const fu = field.toUpperCase();
    const key = `${ric}|${fu}|${date}`;
    const prev = pointLine.get(key);
    if (prev !== undefined)
      throw new DataError(
        { file: ht.file, line: ht.lines[k] },
        `duplicate (RIC, Field, Date) = (${ric}, ${field}, ${date}), first on line ${prev}`,
      );
    pointLine.set(key, ht.lines[k]);
    fieldSpelling.set(`${ric}|${fu}`, field);
    let byField = series.get(ric);
    if (!byField) {
      byField = new Map();
      series.set(ric, byField);
    }
    let pts = byField.get(fu);
    if (!pts) {
      pts = [];
      byField.set(fu, pts);
    }
    const p = { Date: date, value };
    linesOf.set(p, ht.lines[k]);
    pts.push(p);
  });
  for (const [ric, byField] of series) {
    for (const [fu, pts] of byField) {
      pts.sort((a, b) => (a.Date < b.Date ? -1 : a.Date > b.Date ? 1 : 0));
      for (let q = 1; q < pts.length; q++) {
        const expected = addMonths(pts[q - 1].Date, 1);
        if (pts[q].Date !== expected)
          throw new DataError(
            { file: ht.file },
            `series ${ric} ${fieldSpelling.get(`${ric}|${fu}`) || "(no field)"} has a gap: no value for ${expected} between line ${linesOf.get(pts[q - 1])} (${pts[q - 1].Date}) and line ${linesOf.get(pts[q])} (${pts[q].Date})`,
          );
      }
    }
  }
  return { series, fieldSpelling };
}

/** display_names.csv: instrument → display name; a duplicate instrument is an error. */
function readDisplayNames(dir: string): Map<string, string> {
  const nt = readTable(dir, "displayNames");
  const nc = checkColumns(nt, FILE_COLUMNS.displayNames);
  const names = new Map<string, string>();
  nt.rows.forEach((r, k) => {
    const inst = textCell(recordOf(nt, k), nc.get("Instrument")!);
    if (names.has(inst))
      throw new DataError({ file: nt.file, line: nt.lines[k], column: "Instrument" }, `duplicate instrument ${inst}`);
    names.set(inst, r[nc.get("DSPLY_NAME")!]);
  });
  return names;
}

/** Read and check the four files of a data directory (each step above, in file order). */
function loadAll(dir: string): Loaded {
  const { table: ct, constituents } = readConstituents(dir);
  const fields = readFields(dir);
  checkFieldCoverage(constituents, fields, ct);
  const { series, fieldSpelling } = readHistory(dir);
  const names = readDisplayNames(dir);
  return { constituents, fields, series, fieldSpelling, names };
}

/** Upper-case NAME column of a requested field code (In[7]'s header_type=NAME), validated. */
function fieldColumn(code: string): string {
  const up = code.trim().toUpperCase();
  if (!FIELD_COLUMNS.includes(up)) {
    const g = closest(code, FIELD_COLUMNS);
    throw new Error(
      `fields: unknown field "${code}"${g ? ` (did you mean "${g}"?)` : ""}; available: the 37 fields of In[6]`,
    );
  }
  return up;
}

/**
 * Load and validate a CSV directory (see the file header for the layout) and serve it through the
 * `DataSource` interface. Throws a located Error on the first problem found.
 */
export function loadCsvDirectory(dir: string, opts: CsvDirectoryOptions = {}): DataSource {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`data directory "${dir}" does not exist`);
  const d = loadAll(dir);
  const lags = readReleaseLags(dir);
  const description = opts.description ?? `CSV directory ${dir}`;
  return {
    description,
    releaseLags: () => ({ ...lags }),
    coverage: () => {
      const dates = [...d.fields.byDate.keys()].sort();
      return { first: dates[0], last: dates[dates.length - 1] };
    },
    openSession: () => ({ name: opts.sessionName ?? "csv-directory", synthetic: opts.synthetic ?? false }),
    historicalConstituents(indexRic, start, end) {
      if (!isIsoDate(start) || !isIsoDate(end))
        throw new Error(`historicalConstituents: start "${start}" and end "${end}" must be YYYY-MM-DD dates`);
      const changes = d.constituents.get(indexRic);
      if (!changes)
        throw new Error(
          `historicalConstituents: no constituents for index "${indexRic}" in ${DATA_FILES.constituents} (available: ${[...d.constituents.keys()].join(", ")})`,
        );
      const out: ConstituentChange[] = changes.filter((c) => c.Date >= start && c.Date <= end).map((c) => ({ ...c }));
      if (!changes.some((c) => c.Date === start)) {
        const before = changes.filter((c) => c.Date < start);
        if (before.length > 0) {
          const lastDate = before[before.length - 1].Date;
          const inForce = before.filter((c) => c.Date === lastDate).map((c) => ({ Date: start, RIC: c.RIC }));
          out.unshift(...inForce);
        }
      }
      return out;
    },
    fields(instruments, fields, sdate) {
      const rows = d.fields.byDate.get(sdate);
      if (!rows) {
        const dates = [...d.fields.byDate.keys()].sort();
        throw new Error(
          `fields: no data for SDate ${sdate} in ${DATA_FILES.fields} (month ends ${dates[0]} .. ${dates[dates.length - 1]})`,
        );
      }
      const wanted = new Set(fields.map(fieldColumn));
      const cols = FIELD_COLUMNS.filter((c) => wanted.has(c));
      // one template per call: rows copied from it share one hidden class (V8 "fast" objects)
      const template: FieldRow = { Instrument: "", Date: "", ...Object.fromEntries(cols.map((c) => [c, 0])) };
      const values = cols.map((c) => (c === SECTOR_COLUMN ? d.fields.sector : d.fields.numeric.get(c)!));
      return instruments.map((inst) => {
        const k = rows.get(inst);
        if (k === undefined)
          throw new Error(`fields: no row for instrument ${inst} at ${sdate} in ${DATA_FILES.fields}`);
        const row: FieldRow = { ...template };
        row.Instrument = inst;
        row.Date = sdate;
        for (let j = 0; j < cols.length; j++) row[cols[j]] = values[j][k];
        return row;
      });
    },
    displayNames(rics) {
      const out: Record<string, string> = {};
      for (const r of rics) {
        const n = d.names.get(r);
        if (n === undefined) throw new Error(`displayNames: no display name for ${r} in ${DATA_FILES.displayNames}`);
        out[r] = n;
      }
      return out;
    },
    history(ric, field, start, end) {
      if (!isIsoDate(start) || !isIsoDate(end))
        throw new Error(`history: start "${start}" and end "${end}" must be YYYY-MM-DD dates`);
      const byField = d.series.get(ric);
      if (!byField) throw new Error(`history: no series for ${ric} in ${DATA_FILES.history}`);
      let fu = field.trim().toUpperCase();
      if (fu === "VALUE" && !byField.has("VALUE") && byField.has("")) fu = "";
      if (fu === "" && !byField.has("") && byField.has("VALUE")) fu = "VALUE";
      const pts = byField.get(fu);
      if (!pts) {
        const avail = [...byField.keys()].map((k) => d.fieldSpelling.get(`${ric}|${k}`) || "VALUE");
        throw new Error(
          `history: ${ric} has no field "${field}" in ${DATA_FILES.history} (available: ${avail.join(", ")})`,
        );
      }
      return pts.filter((p) => p.Date >= start && p.Date <= end).map((p) => ({ ...p }));
    },
  };
}
