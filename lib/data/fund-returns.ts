/**
 * Fund and benchmark return series for the micro-allocation notebook (03): a folder with
 * `funds.csv` (who is who) and `returns.csv` (monthly returns in long format). Schema in
 * data/README.md, section "Fund and benchmark returns (notebook 03)".
 *
 * - `funds.csv`: `Fund,Name,Role,Benchmark` and optionally `Segment`, `Style` (descriptive).
 *   `Role` is `fund` or `benchmark`; a fund's `Benchmark` is the `Fund` id of a benchmark row; a
 *   benchmark row leaves `Benchmark` empty.
 * - `returns.csv`: `Fund,Date,Return` — one row per series and month; `Date` a calendar month
 *   end (ISO `YYYY-MM-DD`); `Return` the total return over that month in **percent** (1.25 =
 *   +1.25 %), empty or `NaN` when missing. Rows may come in any order; each series is sorted by date.
 *
 * Reading uses `lib/data/csv.ts` (UTF-8 check, RFC 4180 parser, numeric cells). Every problem is an
 * Error naming the file and line, and the column where one is at fault: unknown or missing
 * columns, an empty or duplicated id, a role other than fund/benchmark, a benchmark reference
 * that is not a benchmark row, a return row for an id not in funds.csv, a date that is not a month
 * end, a duplicated (Fund, Date) pair (both lines named), a return ≤ −100 %, a series in funds.csv
 * without any row in returns.csv.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { DataError } from "../validation";
import { type CsvTable, decodeUtf8, formatCsv, parseCsv, parseNumberCell } from "./csv";
import { isMonthEnd } from "./dates";

/** The two files of a fund-returns folder. */
export const FUND_FILES = ["funds.csv", "returns.csv"] as const;
export type FundFile = (typeof FUND_FILES)[number];

export type FundRole = "fund" | "benchmark";

/** One row of funds.csv. */
export interface FundInfo {
  id: string;
  name: string;
  role: FundRole;
  /** Id of the benchmark row a fund is measured against; "" for a benchmark. */
  benchmark: string;
  segment: string;
  style: string;
}

/** One series of returns.csv: month ends ascending, returns in percent (NaN = missing). */
export interface ReturnSeries {
  id: string;
  dates: string[];
  returns: Float64Array;
}

/** A loaded fund-returns folder. */
export interface FundReturnsData {
  /** funds.csv rows in file order (funds and benchmarks). */
  funds: FundInfo[];
  /** Return series by id (every row of funds.csv has one). */
  series: Map<string, ReturnSeries>;
}

const FUNDS_REQUIRED = ["Fund", "Name", "Role", "Benchmark"] as const;
const FUNDS_OPTIONAL = ["Segment", "Style"] as const;
const RETURNS_COLUMNS = ["Fund", "Date", "Return"] as const;

function columns(t: CsvTable, required: readonly string[], optional: readonly string[]): (name: string) => number {
  const allowed = new Set([...required, ...optional]);
  for (const h of t.header)
    if (!allowed.has(h))
      throw new DataError(
        { file: t.file, line: 1 },
        `unknown column "${h}" (allowed: ${[...required, ...optional].join(", ")}; names are case-sensitive)`,
      );
  for (const c of required)
    if (!t.header.includes(c))
      throw new DataError({ file: t.file, line: 1 }, `missing column "${c}" (header: ${t.header.join(",")})`);
  return (name) => t.header.indexOf(name);
}

/** Parse the text of funds.csv and returns.csv (`file` names are used in messages). */
export function parseFundReturns(
  text: Readonly<Record<FundFile, string>>,
  names: Readonly<Partial<Record<FundFile, string>>> = {},
): FundReturnsData {
  const fundsFile = names["funds.csv"] ?? "funds.csv";
  const returnsFile = names["returns.csv"] ?? "returns.csv";
  const ft = parseCsv(text["funds.csv"], fundsFile);
  const fc = columns(ft, FUNDS_REQUIRED, FUNDS_OPTIONAL);
  const cell = (row: string[], name: string) => {
    const k = fc(name);
    return k < 0 ? "" : row[k].trim();
  };
  const funds: FundInfo[] = [];
  const lineOf = new Map<string, number>();
  ft.rows.forEach((row, k) => {
    const line = ft.lines[k];
    const id = cell(row, "Fund");
    if (id === "") throw new DataError({ file: fundsFile, line: line, column: "Fund" }, `empty id`);
    const first = lineOf.get(id);
    if (first !== undefined)
      throw new DataError(
        { file: fundsFile, line: line, column: "Fund" },
        `"${id}" is already defined on line ${first}`,
      );
    lineOf.set(id, line);
    const role = cell(row, "Role");
    if (role !== "fund" && role !== "benchmark")
      throw new DataError({ file: fundsFile, line: line, column: "Role" }, `"${role}" (expected fund or benchmark)`);
    funds.push({
      id,
      name: cell(row, "Name") || id,
      role,
      benchmark: cell(row, "Benchmark"),
      segment: cell(row, "Segment"),
      style: cell(row, "Style"),
    });
  });
  const byId = new Map(funds.map((f) => [f.id, f]));
  for (const f of funds) {
    const line = lineOf.get(f.id);
    if (f.role === "benchmark") {
      if (f.benchmark !== "")
        throw new DataError(
          { file: fundsFile, line: line, column: "Benchmark" },
          `benchmark "${f.id}" must leave Benchmark empty (got "${f.benchmark}")`,
        );
      continue;
    }
    if (f.benchmark === "")
      throw new DataError({ file: fundsFile, line: line, column: "Benchmark" }, `fund "${f.id}" names no benchmark`);
    const b = byId.get(f.benchmark);
    if (b === undefined || b.role !== "benchmark")
      throw new DataError(
        { file: fundsFile, line: line, column: "Benchmark" },
        `"${f.benchmark}" is ${b ? "a fund, not a benchmark" : "not a Fund id of this file"}`,
      );
  }
  if (!funds.some((f) => f.role === "fund")) throw new DataError({ file: fundsFile }, `no row with Role = fund`);

  const rt = parseCsv(text["returns.csv"], returnsFile);
  const rc = columns(rt, RETURNS_COLUMNS, []);
  const [iFund, iDate, iRet] = [rc("Fund"), rc("Date"), rc("Return")];
  const rows = new Map<string, { date: string; value: number; line: number }[]>(funds.map((f) => [f.id, []]));
  rt.rows.forEach((row, k) => {
    const line = rt.lines[k];
    const id = row[iFund].trim();
    const list = rows.get(id);
    if (list === undefined)
      throw new DataError(
        { file: returnsFile, line: line, column: "Fund" },
        `"${id}" is not a Fund id of ${fundsFile}`,
      );
    const date = row[iDate].trim();
    if (!isMonthEnd(date))
      throw new DataError(
        { file: returnsFile, line: line, column: "Date" },
        `"${date}" is not a calendar month end (expected YYYY-MM-DD, the last day of the month)`,
      );
    const value = parseNumberCell(row[iRet], returnsFile, line, "Return");
    if (value <= -100)
      throw new DataError(
        { file: returnsFile, line: line, column: "Return" },
        `${row[iRet].trim()} % would lose more than everything (returns are in percent, > -100)`,
      );
    list.push({ date, value, line });
  });
  const series = new Map<string, ReturnSeries>();
  for (const f of funds) {
    const list = rows.get(f.id) ?? [];
    if (list.length === 0)
      throw new DataError({ file: fundsFile, line: lineOf.get(f.id) }, `"${f.id}" has no rows in ${returnsFile}`);
    list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.line - b.line));
    for (let k = 1; k < list.length; k++)
      if (list[k].date === list[k - 1].date)
        throw new DataError(
          { file: returnsFile, line: list[k].line },
          `"${f.id}" ${list[k].date} is already given on line ${list[k - 1].line}`,
        );
    series.set(f.id, {
      id: f.id,
      dates: list.map((r) => r.date),
      returns: Float64Array.from(list, (r) => r.value),
    });
  }
  return { funds, series };
}

/** Read a fund-returns folder (funds.csv and returns.csv); errors name file, line and column. */
export function readFundReturns(dir: string): FundReturnsData {
  const text = {} as Record<FundFile, string>;
  const names = {} as Record<FundFile, string>;
  for (const f of FUND_FILES) {
    const p = path.join(dir, f);
    let bytes: Buffer;
    try {
      bytes = readFileSync(p);
    } catch {
      throw new Error(`${p}: file not found (a fund-returns folder holds ${FUND_FILES.join(" and ")})`);
    }
    names[f] = p;
    text[f] = decodeUtf8(bytes, p);
  }
  return parseFundReturns(text, names);
}

/**
 * Write a fund-returns data set as the two CSV files (file name → text, "\n" line ends). Returns
 * are written with `decimals` decimals (default 4, i.e. 0.01 bp a month); NaN as an empty cell.
 * Rows of returns.csv go series by series in funds.csv order, dates ascending.
 */
export function fundReturnsCsv(data: FundReturnsData, decimals = 4): Record<FundFile, string> {
  const hasSegment = data.funds.some((f) => f.segment !== "");
  const hasStyle = data.funds.some((f) => f.style !== "");
  const header = [
    "Fund",
    "Name",
    "Role",
    "Benchmark",
    ...(hasSegment ? ["Segment"] : []),
    ...(hasStyle ? ["Style"] : []),
  ];
  const fundRows = data.funds.map((f) => [
    f.id,
    f.name,
    f.role,
    f.benchmark,
    ...(hasSegment ? [f.segment] : []),
    ...(hasStyle ? [f.style] : []),
  ]);
  const fmt = (v: number) => {
    if (Number.isNaN(v)) return "";
    const s = v.toFixed(decimals);
    return Number(s) === 0 ? (0).toFixed(decimals) : s;
  };
  const returnRows: string[][] = [];
  for (const f of data.funds) {
    const s = data.series.get(f.id);
    if (!s) throw new Error(`fundReturnsCsv: no series for "${f.id}"`);
    s.dates.forEach((d, t) => {
      returnRows.push([f.id, d, fmt(s.returns[t])]);
    });
  }
  return {
    "funds.csv": formatCsv(header, fundRows),
    "returns.csv": formatCsv(["Fund", "Date", "Return"], returnRows),
  };
}

/** One display row of `fundReturnsSummary`; a type alias so that it is a plain record for `show`. */
export type FundSummaryRow = {
  fund: string;
  name: string;
  role: FundRole;
  benchmark: string;
  segment: string;
  style: string;
  /** Months with a (finite) return. */
  months: number;
  /** Months listed with an empty / NaN return. */
  missing: number;
  first: string;
  last: string;
};

/** funds.csv with the coverage of each series in returns.csv, for `show`. */
export function fundReturnsSummary(data: FundReturnsData): FundSummaryRow[] {
  return data.funds.map((f) => {
    const s = data.series.get(f.id);
    const dates = s ? s.dates.filter((_, t) => Number.isFinite(s.returns[t])) : [];
    return {
      fund: f.id,
      name: f.name,
      role: f.role,
      benchmark: f.benchmark,
      segment: f.segment,
      style: f.style,
      months: dates.length,
      missing: s ? s.dates.length - dates.length : 0,
      first: dates[0] ?? "",
      last: dates.at(-1) ?? "",
    };
  });
}
