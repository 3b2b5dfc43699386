/**
 * Plausibility checks over a CSV data folder, and the data-quality report (`npm run data:check`).
 *
 * `loadCsvDirectory` checks syntax (columns, numbers, dates, keys, complete series); this module
 * checks meaning. Method: the folder is first loaded with `loadCsvDirectory`, so every syntax
 * error is reported exactly as when a notebook opens it; then the four files are read again with
 * the same parser (`parseCsv`, which keeps each record's 1-based line, header = line 1) and every
 * rule below runs over the cells. Nothing is changed or imputed here: a rule either
 *
 * - **rejects** — `dataQualityReport` throws a `DataQualityError` whose message names the file,
 *   the line, the column, the cell's text and the rule (the first offending cell in file order,
 *   plus how many more there are), or
 * - **warns** — the report counts the cases per rule and file and keeps the first few as
 *   `file:line:column value` examples.
 *
 * Units as in the data files: returns (`TR.TOTALRETURN1MO`, `TR.TOTALRETURN52WK`) and the dividend
 * yield in percent (5 = 5 %), market cap and accounting amounts in USD, asset turnover a ratio.
 *
 * Rules (thresholds in `QUALITY_THRESHOLDS`, the same list as data for display in `QUALITY_RULES`):
 *
 * | rule | file | check | severity |
 * | --- | --- | --- | --- |
 * | `market-cap-positive` | fields.csv | TR.COMPANYMARKETCAP ≤ 0 | reject |
 * | `dividend-yield-nonnegative` | fields.csv | TR.DIVIDENDYIELD < 0 | reject |
 * | `return-1m-floor` | fields.csv | TR.TOTALRETURN1MO < −100 % | reject |
 * | `return-1m-ceiling` | fields.csv | TR.TOTALRETURN1MO > +1000 % | warn |
 * | `return-52w-floor` | fields.csv | TR.TOTALRETURN52WK < −100 % | reject |
 * | `magnitude` | fields.csv, history.csv | any number with \|x\| > 1e150 | reject |
 * | `formula-overflow` | fields.csv | an In[8] ratio with finite inputs has \|ratio\| > 1e150 | reject |
 * | `formula-undefined` | fields.csv | a zero denominator or ln 0 in an In[8] formula | warn |
 * | `sector-empty` | fields.csv | empty TR.TRBCECONOMICSECTOR | reject |
 * | `return-1m-missing` | fields.csv | an empty / NaN TR.TOTALRETURN1MO | warn |
 * | `return-1m-missing-share` | fields.csv | > 50 % of a month's rows miss TR.TOTALRETURN1MO | reject |
 * | `field-missing-for-month` | fields.csv | a numeric field missing in every row of a month | warn |
 * | `returns-zero-variance` | fields.csv | all of a month's 1-month returns equal | warn |
 * | `series-zero-level` | history.csv | a 0 in a series turned into relative changes | warn |
 *
 * Why each threshold: see `QUALITY_RULES[k].reason` (and data/README.md, "Plausibility checks and
 * the data-quality report"). In short: a total return cannot lose more than the whole investment;
 * market cap and dividend yield enter logarithms and denominators, so impossible values would turn
 * into NaN and be imputed silently; beyond 1e150 a product, ratio or square (the standardisation of
 * In[10]) leaves the double range (≈ 1.8e308) and becomes NaN the same way.
 *
 * Study window: with `start` and/or `end` (ISO dates, inclusive), fields.csv rows dated outside
 * are ignored by every rule and counted as `ignoredRows`. history.csv is always checked in full,
 * because the notebooks request its series beyond the study window (a month before the start for
 * the lagged features, a month after the end for the faithful alignment of In[21]).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { DataError } from "../validation";
import { type CsvTable, decodeUtf8, parseCsv, parseNumberCell } from "./csv";
import { DATA_FILES, loadCsvDirectory } from "./csv-directory";
import { isIsoDate } from "./dates";
import { FIELD_COLUMNS, SECTOR_COLUMN } from "./schema";

/** Thresholds of the rules (units: returns in percent, amounts in USD). */
export const QUALITY_THRESHOLDS = Object.freeze({
  /** Largest accepted |value| of any number, and of any In[8] ratio (its square stays < 1e300). */
  maxAbs: 1e150,
  /** Lowest possible total return, percent (the whole investment lost). */
  minReturnPct: -100,
  /** One-month return above which a warning is given, percent (the value grew 11-fold in a month). */
  maxReturn1mPct: 1000,
  /** Share of a month's rows missing TR.TOTALRETURN1MO above which the folder is rejected. */
  maxMissingReturnShare: 0.5,
  /** Returns of a month count as all equal when max − min ≤ this · max(1, |mean|). */
  zeroSpreadRelTol: 1e-12,
  /** Examples kept per warning (rule and file). */
  maxExamples: 3,
});

/** Identifier of a plausibility rule. */
export type QualityRuleId =
  | "market-cap-positive"
  | "dividend-yield-nonnegative"
  | "return-1m-floor"
  | "return-1m-ceiling"
  | "return-52w-floor"
  | "magnitude"
  | "formula-overflow"
  | "formula-undefined"
  | "sector-empty"
  | "return-1m-missing"
  | "return-1m-missing-share"
  | "field-missing-for-month"
  | "returns-zero-variance"
  | "series-zero-level";

/** A rule either rejects the folder or warns (counted in the report). */
export type QualitySeverity = "reject" | "warn";

/** One plausibility rule: what is checked, how severe, and why. */
export interface QualityRule {
  rule: QualityRuleId;
  severity: QualitySeverity;
  files: string;
  check: string;
  reason: string;
}

/** Every rule in the order they are documented (a plain record list, so `show(QUALITY_RULES)` works). */
export const QUALITY_RULES: readonly QualityRule[] = Object.freeze([
  {
    rule: "market-cap-positive",
    severity: "reject",
    files: "fields.csv",
    check: "TR.COMPANYMARKETCAP <= 0 USD",
    reason:
      "a market value is positive; size = ln(cap) and cf/earnings/sales yields divide by it, so 0 or a negative cap would become NaN (imputed) or flip the sign of three value components",
  },
  {
    rule: "dividend-yield-nonnegative",
    severity: "reject",
    files: "fields.csv",
    check: "TR.DIVIDENDYIELD < 0 %",
    reason:
      "dividends cannot be negative; the yield component is ln(yield), so a negative yield would become NaN and be imputed without a word (0, a non-payer, is accepted: see formula-undefined)",
  },
  {
    rule: "return-1m-floor",
    severity: "reject",
    files: "fields.csv",
    check: "TR.TOTALRETURN1MO < -100 %",
    reason:
      "a total return cannot lose more than the whole investment; below -100 % is a unit or sign error, and it would enter the labels and the strategy returns directly",
  },
  {
    rule: "return-1m-ceiling",
    severity: "warn",
    files: "fields.csv",
    check: "TR.TOTALRETURN1MO > +1000 %",
    reason:
      "possible (a 11-fold rise in a month) but far more often a unit error (basis points, a price instead of a return); one such value dominates the month's factor returns",
  },
  {
    rule: "return-52w-floor",
    severity: "reject",
    files: "fields.csv",
    check: "TR.TOTALRETURN52WK < -100 %",
    reason: "a total return cannot lose more than the whole investment; momentum would be meaningless",
  },
  {
    rule: "magnitude",
    severity: "reject",
    files: "fields.csv, history.csv",
    check: "|value| > 1e150",
    reason:
      "the formulas multiply and divide these values and the standardisation squares the results; beyond 1e150 a product or square leaves the double range (about 1.8e308), becomes Infinity, then NaN (In[9]) and is imputed silently; real amounts are below 1e15 USD",
  },
  {
    rule: "formula-overflow",
    severity: "reject",
    files: "fields.csv",
    check:
      "|ratio| > 1e150 for an In[8] ratio with finite inputs and a non-zero denominator (cf, net income, revenue / market cap; operating cash flow / debt; accruals / average total assets; (1 + R52/100) / (1 + R1/100))",
    reason:
      "a tiny denominator makes a ratio overflow (or its square in the standardisation), which turns into NaN and is imputed; reported at the denominator's cell",
  },
  {
    rule: "formula-undefined",
    severity: "warn",
    files: "fields.csv",
    check:
      "TR.F.DEBTTOT(PERIOD=FY0) = 0 (leverage), total assets giving an average of 0 (accruals), TR.DIVIDENDYIELD = 0 (ln 0), TR.TOTALRETURN1MO = -100 (corrected momentum)",
    reason:
      "legitimate (a debt-free company, a non-payer) but the component is then undefined: In[9] turns the +/-Infinity into NaN and In[15] imputes it; counted so you know how often",
  },
  {
    rule: "sector-empty",
    severity: "reject",
    files: "fields.csv",
    check: "TR.TRBCECONOMICSECTOR is empty",
    reason:
      "the sector decides In[13]'s Financials rule (quality from ROA alone); an empty cell silently treats a bank as a non-financial company, and text cannot be imputed: fill in the TRBC economic sector name",
  },
  {
    rule: "return-1m-missing",
    severity: "warn",
    files: "fields.csv",
    check: "TR.TOTALRETURN1MO is empty or NaN",
    reason: "the month's factor returns and its label (the best factor) are averaged over fewer members",
  },
  {
    rule: "return-1m-missing-share",
    severity: "reject",
    files: "fields.csv",
    check: "more than 50 % of a month's rows miss TR.TOTALRETURN1MO",
    reason:
      "the factor returns and the label of that month would rest on a minority of the members; reported at the month's first row without a return",
  },
  {
    rule: "field-missing-for-month",
    severity: "warn",
    files: "fields.csv",
    check: "a numeric field is missing in every row of a month",
    reason:
      "the component is imputed for every member that month, so it carries no cross-sectional information then (the sample: TR.DIVIDENDYIELD before 2003 and in a few later months)",
  },
  {
    rule: "returns-zero-variance",
    severity: "warn",
    files: "fields.csv",
    check: "at least 2 one-month returns in a month and max - min <= 1e-12 * max(1, |mean|)",
    reason:
      "every factor portfolio earns the same return, the label is a tie broken by column order, and constant strategy returns have no Sharpe ratio (NaN, lib/statistics/sharpe-ratio.ts)",
  },
  {
    rule: "series-zero-level",
    severity: "warn",
    files: "history.csv",
    check: "Value = 0 in a series whose Field is not VALUE (FX, index, yield, commodity levels)",
    reason:
      "the notebooks turn these series into relative changes v_t / v_(t-1) - 1; after a 0 the change is infinite and pct_change().dropna() drops that month for the whole block",
  },
] satisfies QualityRule[]);

/** Where a rule fired: file, 1-based line (header = 1), column name, the cell's text and a note. */
export interface QualityLocation {
  file: string;
  line: number;
  column: string;
  value: string;
  note: string;
}

/** A warning rule that fired in one file: how often, and the first few places. */
export interface QualityWarning {
  rule: QualityRuleId;
  file: string;
  count: number;
  examples: QualityLocation[];
}

/** Missing cells of one column (rows inside the study window). */
export interface FieldMissing {
  column: string;
  missing: number;
  /** missing / checked rows (0..1; 0 when the file has no checked rows). */
  share: number;
  /** Months in which more than half of the rows miss the column (fields.csv only). */
  monthsOverHalf: number;
  /** Months in which every row misses the column (fields.csv only). */
  monthsAll: number;
}

/** Size and coverage of one file. */
export interface FileQuality {
  file: string;
  /** Data rows in the file (header excluded). */
  rows: number;
  /** Rows outside the study window, not checked (fields.csv only; 0 without a window). */
  ignoredRows: number;
  /** Distinct dates among the checked rows (constituents.csv: change dates; display_names.csv: 0). */
  months: number;
  /** First and last of those dates ("" when the file has no dates). */
  firstDate: string;
  lastDate: string;
  /** Distinct keys: instruments (fields.csv), series (history.csv), indices (constituents.csv), names. */
  keys: number;
  /** Per column that can be missing (fields.csv: the 37 field columns; history.csv: Value). */
  missing: FieldMissing[];
}

/** The data-quality report of a folder that passed every rejecting rule. */
export interface DataQualityReport {
  /** The folder as given (or the label passed in the options). */
  dir: string;
  window: { start?: string; end?: string };
  files: FileQuality[];
  /** Warnings per rule and file, in the order of `QUALITY_RULES`. */
  warnings: QualityWarning[];
  /** Sum of the warnings' counts. */
  warningCount: number;
  /** Rows per month in fields.csv (inside the window): fewest and most. */
  membersPerMonth: { min: number; max: number };
}

/** Options of `dataQualityReport`. */
export interface DataQualityOptions {
  /** First date of the study window (ISO YYYY-MM-DD, inclusive). */
  start?: string;
  /** Last date of the study window (ISO YYYY-MM-DD, inclusive). */
  end?: string;
  /** Name of the folder in the report (default: `dir` as given). */
  label?: string;
}

/** A rejected value: a {@link DataError} whose message also names the value and the rule. */
export class DataQualityError extends DataError {
  readonly rule: QualityRuleId;
  declare readonly line: number;
  declare readonly column: string;
  readonly value: string;
  /** How many further values the rejecting rules found (0 when this is the only one). */
  readonly more: number;
  constructor(loc: QualityLocation & { rule: QualityRuleId }, more: number) {
    const tail = more > 0 ? `; ${more} more rejected value${more === 1 ? "" : "s"} in the folder` : "";
    super(
      { file: loc.file, line: loc.line, column: loc.column },
      `value "${loc.value}": ${loc.note} (rule ${loc.rule}${tail})`,
    );
    this.name = "DataQualityError";
    this.rule = loc.rule;
    this.value = loc.value;
    this.more = more;
  }
}

const FILE_ORDER: readonly string[] = [
  DATA_FILES.constituents,
  DATA_FILES.fields,
  DATA_FILES.history,
  DATA_FILES.displayNames,
];

/** Collects rejects (keeps the first in file order) and warnings (counts, first examples). */
class Findings {
  private first: (QualityLocation & { rule: QualityRuleId; order: number[] }) | undefined;
  rejected = 0;
  private readonly warned = new Map<string, QualityWarning>();

  reject(rule: QualityRuleId, loc: QualityLocation, columnIndex: number): void {
    this.rejected++;
    const order = [FILE_ORDER.indexOf(loc.file), loc.line, columnIndex];
    if (this.first === undefined || lexLess(order, this.first.order)) this.first = { ...loc, rule, order };
  }

  warn(rule: QualityRuleId, loc: QualityLocation): void {
    const key = `${rule}|${loc.file}`;
    let w = this.warned.get(key);
    if (!w) {
      w = { rule, file: loc.file, count: 0, examples: [] };
      this.warned.set(key, w);
    }
    w.count++;
    if (w.examples.length < QUALITY_THRESHOLDS.maxExamples) w.examples.push(loc);
  }

  throwIfRejected(): void {
    if (this.first === undefined) return;
    const { order: _order, ...loc } = this.first;
    throw new DataQualityError(loc, this.rejected - 1);
  }

  warnings(): QualityWarning[] {
    const ruleIndex = (r: QualityRuleId) => QUALITY_RULES.findIndex((q) => q.rule === r);
    return [...this.warned.values()].sort(
      (a, b) => ruleIndex(a.rule) - ruleIndex(b.rule) || FILE_ORDER.indexOf(a.file) - FILE_ORDER.indexOf(b.file),
    );
  }
}

function lexLess(a: readonly number[], b: readonly number[]): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] < b[k];
  return false;
}

function readCsv(dir: string, file: string): CsvTable {
  return parseCsv(decodeUtf8(readFileSync(path.join(dir, file)), file), file);
}

/** Shortest round-trip text of a number (for notes). */
const num = (x: number): string => String(x);

const MCAP = "TR.COMPANYMARKETCAP";
const DY = "TR.DIVIDENDYIELD";
const R1 = "TR.TOTALRETURN1MO";
const R52 = "TR.TOTALRETURN52WK";
const fy0 = (f: string) => `TR.F.${f}(PERIOD=FY0)`;
const fy1 = (f: string) => `TR.F.${f}(PERIOD=FY-1)`;

/** The plain ratios of In[8]: component, numerator column, denominator column. */
const RATIOS: readonly { component: string; num: string; den: string }[] = [
  { component: "cf_yield", num: "TR.F.CF(PERIOD=FY0)", den: MCAP },
  { component: "earning_yield", num: "TR.NETINCOME(PERIOD=FY0)", den: MCAP },
  { component: "sales_to_price", num: "TR.REVENUE(PERIOD=FY0)", den: MCAP },
  { component: "leverage", num: fy0("NETCASHFLOWOP"), den: fy0("DEBTTOT") },
];

interface MonthAcc {
  rows: number;
  firstLine: number;
  missing: number[];
  firstMissingLine: number[];
  returns: number[];
}

function checkFields(
  t: CsvTable,
  window: { start?: string; end?: string },
  f: Findings,
): { summary: FileQuality; membersPerMonth: { min: number; max: number } } {
  const file = t.file;
  const col = (c: string) => t.header.indexOf(c);
  const iDate = col("Date");
  const iInst = col("Instrument");
  const iSector = col(SECTOR_COLUMN);
  const numeric = FIELD_COLUMNS.filter((c) => c !== SECTOR_COLUMN);
  const numIdx = numeric.map(col);
  const pos = new Map(numeric.map((c, k) => [c, k]));
  const months = new Map<string, MonthAcc>();
  const instruments = new Set<string>();
  const missingTotal = new Array<number>(numeric.length).fill(0);
  let sectorMissing = 0;
  let ignored = 0;
  let checked = 0;
  const max = QUALITY_THRESHOLDS.maxAbs;

  t.rows.forEach((r, k) => {
    const line = t.lines[k];
    const date = r[iDate].trim();
    if ((window.start !== undefined && date < window.start) || (window.end !== undefined && date > window.end)) {
      ignored++;
      return;
    }
    checked++;
    instruments.add(r[iInst].trim());
    let acc = months.get(date);
    if (!acc) {
      acc = {
        rows: 0,
        firstLine: line,
        missing: new Array<number>(numeric.length).fill(0),
        firstMissingLine: new Array<number>(numeric.length).fill(0),
        returns: [],
      };
      months.set(date, acc);
    }
    const m: MonthAcc = acc;
    m.rows++;
    const at = (column: string, value: string, note: string): QualityLocation => ({
      file,
      line,
      column,
      value: value.trim(),
      note,
    });

    if (r[iSector].trim() === "") {
      sectorMissing++;
      f.reject(
        "sector-empty",
        at(
          SECTOR_COLUMN,
          r[iSector],
          `empty sector for ${r[iInst].trim()} on ${date} (expected a TRBC economic sector name)`,
        ),
        iSector,
      );
    }

    const v: number[] = numIdx.map((j, q) => parseNumberCell(r[j], file, line, numeric[q]));
    v.forEach((x, q) => {
      const column = numeric[q];
      const j = numIdx[q];
      if (Number.isNaN(x)) {
        missingTotal[q]++;
        if (m.missing[q] === 0) m.firstMissingLine[q] = line;
        m.missing[q]++;
        if (column === R1)
          f.warn("return-1m-missing", at(column, r[j], `no one-month return for ${r[iInst].trim()} on ${date}`));
        return;
      }
      if (Math.abs(x) > max)
        f.reject("magnitude", at(column, r[j], `|value| exceeds ${num(max)} (the factor formulas would overflow)`), j);
      if (column === MCAP && x <= 0) f.reject("market-cap-positive", at(column, r[j], "market cap must be > 0 USD"), j);
      if (column === DY && x < 0)
        f.reject("dividend-yield-nonnegative", at(column, r[j], "dividend yield must be >= 0 %"), j);
      if (column === R1) {
        m.returns.push(x);
        if (x < QUALITY_THRESHOLDS.minReturnPct)
          f.reject("return-1m-floor", at(column, r[j], "a one-month total return cannot be below -100 %"), j);
        else if (x > QUALITY_THRESHOLDS.maxReturn1mPct)
          f.warn(
            "return-1m-ceiling",
            at(column, r[j], `one-month return above +${QUALITY_THRESHOLDS.maxReturn1mPct} %`),
          );
      }
      if (column === R52 && x < QUALITY_THRESHOLDS.minReturnPct)
        f.reject("return-52w-floor", at(column, r[j], "a 52-week total return cannot be below -100 %"), j);
    });

    // In[8] formulas: ratios that overflow (reject) or are undefined (warn)
    const val = (c: string) => v[pos.get(c)!];
    const cell = (c: string) => r[col(c)];
    const ratio = (component: string, numText: string, numV: number, denCol: string, denV: number, denNote = "") => {
      if (!Number.isFinite(numV) || !Number.isFinite(denV)) return;
      const what = `${component} = ${numText} / ${denCol}${denNote}`;
      if (denV === 0) {
        f.warn("formula-undefined", at(denCol, cell(denCol), `${what} has a zero denominator (In[9] makes it NaN)`));
        return;
      }
      const q = numV / denV;
      if (!(Math.abs(q) <= max))
        f.reject(
          "formula-overflow",
          at(
            denCol,
            cell(denCol),
            `${what} = ${num(numV)} / ${num(denV)} = ${num(q)} exceeds ${num(max)} in magnitude`,
          ),
          col(denCol),
        );
    };
    for (const q of RATIOS) ratio(q.component, q.num, val(q.num), q.den, val(q.den));
    // accruals = -(wk_delta + nco_delta + fin_delta) / average_ta, faithful (E1, E2) and corrected
    const nco = (p: (s: string) => string) =>
      val(p("TOTASSETS")) -
      val(p("TOTCURRASSETS")) -
      val(p("INVSTTOT")) -
      (val(p("TOTLIAB")) - val(p("TOTCURRLIAB")) - val(p("DEBTLTTOT")));
    const ncoDelta = nco(fy0) - nco(fy1);
    const finDelta = val(fy0("INVSTTOT")) - val(fy0("DEBTTOT")) - (val(fy1("INVSTTOT")) - val(fy1("DEBTTOT")));
    const accF = -(val(fy1("WKGCAP")) + ncoDelta + finDelta);
    const accC = -(val(fy0("WKGCAP")) - val(fy1("WKGCAP")) + ncoDelta + finDelta);
    const ta0 = val(fy0("TOTASSETS"));
    const taAvg = (ta0 + val(fy1("TOTASSETS"))) / 2;
    const taCol = fy0("TOTASSETS");
    ratio("accruals (faithful)", "-(wk + nco + fin delta)", accF, taCol, ta0, " (average of FY0 twice)");
    ratio("accruals (corrected)", "-(wk + nco + fin delta)", accC, taCol, taAvg, " (average of FY0 and FY-1)");
    // corrected momentum (E5): (1 + R52/100) / (1 + R1/100)
    const r1 = val(R1);
    ratio("momentum (corrected)", `(1 + ${R52}/100)`, 1 + val(R52) / 100, R1, 1 + r1 / 100, " as (1 + R1/100)");
    // yield = ln(dividend yield)
    if (val(DY) === 0)
      f.warn("formula-undefined", at(DY, cell(DY), "yield = ln(TR.DIVIDENDYIELD) = ln 0 (In[9] makes it NaN)"));
  });

  // month-level rules
  const dates = [...months.keys()].sort();
  const iR1 = pos.get(R1)!;
  const monthsOverHalf = new Array<number>(numeric.length).fill(0);
  const monthsAll = new Array<number>(numeric.length).fill(0);
  let minRows = Number.POSITIVE_INFINITY;
  let maxRows = 0;
  for (const d of dates) {
    const m = months.get(d)!;
    minRows = Math.min(minRows, m.rows);
    maxRows = Math.max(maxRows, m.rows);
    m.missing.forEach((n, q) => {
      if (n > m.rows / 2) monthsOverHalf[q]++;
      if (n === m.rows) {
        monthsAll[q]++;
        if (q !== iR1)
          f.warn("field-missing-for-month", {
            file,
            line: m.firstMissingLine[q],
            column: numeric[q],
            value: "",
            note: `missing in all ${m.rows} rows of ${d}`,
          });
      }
    });
    const miss = m.missing[iR1];
    if (miss > QUALITY_THRESHOLDS.maxMissingReturnShare * m.rows)
      f.reject(
        "return-1m-missing-share",
        {
          file,
          line: m.firstMissingLine[iR1],
          column: R1,
          value: "",
          note: `${miss} of ${m.rows} rows of ${d} have no one-month return (more than ${QUALITY_THRESHOLDS.maxMissingReturnShare * 100} %)`,
        },
        col(R1),
      );
    const rs = m.returns;
    if (rs.length >= 2) {
      let lo = rs[0];
      let hi = rs[0];
      let s = 0;
      for (const x of rs) {
        lo = Math.min(lo, x);
        hi = Math.max(hi, x);
        s += x;
      }
      if (hi - lo <= QUALITY_THRESHOLDS.zeroSpreadRelTol * Math.max(1, Math.abs(s / rs.length)))
        f.warn("returns-zero-variance", {
          file,
          line: m.firstLine,
          column: R1,
          value: num(rs[0]),
          note: `all ${rs.length} one-month returns of ${d} equal ${num(rs[0])}`,
        });
    }
  }

  const missing: FieldMissing[] = FIELD_COLUMNS.map((c) => {
    if (c === SECTOR_COLUMN)
      return {
        column: c,
        missing: sectorMissing,
        share: share(sectorMissing, checked),
        monthsOverHalf: 0,
        monthsAll: 0,
      };
    const q = pos.get(c)!;
    return {
      column: c,
      missing: missingTotal[q],
      share: share(missingTotal[q], checked),
      monthsOverHalf: monthsOverHalf[q],
      monthsAll: monthsAll[q],
    };
  });
  return {
    summary: {
      file,
      rows: t.rows.length,
      ignoredRows: ignored,
      months: dates.length,
      firstDate: dates[0] ?? "",
      lastDate: dates[dates.length - 1] ?? "",
      keys: instruments.size,
      missing,
    },
    membersPerMonth: { min: dates.length ? minRows : 0, max: maxRows },
  };
}

const share = (n: number, d: number) => (d > 0 ? n / d : 0);

function checkHistory(t: CsvTable, f: Findings): FileQuality {
  const file = t.file;
  const iRic = t.header.indexOf("RIC");
  const iField = t.header.indexOf("Field");
  const iDate = t.header.indexOf("Date");
  const iValue = t.header.indexOf("Value");
  const dates = new Set<string>();
  const series = new Set<string>();
  let missing = 0;
  t.rows.forEach((r, k) => {
    const line = t.lines[k];
    const ric = r[iRic].trim();
    const field = r[iField].trim();
    const date = r[iDate].trim();
    dates.add(date);
    series.add(`${ric}|${field.toUpperCase()}`);
    const x = parseNumberCell(r[iValue], file, line, "Value");
    if (Number.isNaN(x)) {
      missing++;
      return;
    }
    const loc = (note: string): QualityLocation => ({ file, line, column: "Value", value: r[iValue].trim(), note });
    if (Math.abs(x) > QUALITY_THRESHOLDS.maxAbs)
      f.reject(
        "magnitude",
        loc(`${ric} ${field} on ${date}: |value| exceeds ${num(QUALITY_THRESHOLDS.maxAbs)}`),
        iValue,
      );
    const fu = field.toUpperCase();
    if (x === 0 && fu !== "VALUE" && fu !== "")
      f.warn("series-zero-level", loc(`${ric} ${field} is 0 on ${date}: the next relative change is infinite`));
  });
  const sorted = [...dates].sort();
  return {
    file,
    rows: t.rows.length,
    ignoredRows: 0,
    months: sorted.length,
    firstDate: sorted[0] ?? "",
    lastDate: sorted[sorted.length - 1] ?? "",
    keys: series.size,
    missing: [{ column: "Value", missing, share: share(missing, t.rows.length), monthsOverHalf: 0, monthsAll: 0 }],
  };
}

function summarizeConstituents(t: CsvTable): FileQuality {
  const iIndex = t.header.indexOf("Index");
  const iDate = t.header.indexOf("Date");
  const dates = [...new Set(t.rows.map((r) => r[iDate].trim()))].sort();
  return {
    file: t.file,
    rows: t.rows.length,
    ignoredRows: 0,
    months: dates.length,
    firstDate: dates[0] ?? "",
    lastDate: dates[dates.length - 1] ?? "",
    keys: new Set(t.rows.map((r) => r[iIndex].trim())).size,
    missing: [],
  };
}

function summarizeNames(t: CsvTable): FileQuality {
  const iName = t.header.indexOf("DSPLY_NAME");
  const empty = t.rows.filter((r) => r[iName].trim() === "").length;
  return {
    file: t.file,
    rows: t.rows.length,
    ignoredRows: 0,
    months: 0,
    firstDate: "",
    lastDate: "",
    keys: t.rows.length,
    missing: [
      { column: "DSPLY_NAME", missing: empty, share: share(empty, t.rows.length), monthsOverHalf: 0, monthsAll: 0 },
    ],
  };
}

/**
 * Load the CSV folder `dir` (all of `loadCsvDirectory`'s checks), run the plausibility rules over
 * its cells and return the report. Throws the loader's Error on a syntax problem, a plain Error on
 * a bad study window (not ISO dates, start after end, no fields.csv row inside), and a
 * `DataQualityError` (file, line, column, value, rule) when a rejecting rule fires. Deterministic.
 */
export function dataQualityReport(dir: string, opts: DataQualityOptions = {}): DataQualityReport {
  const window: { start?: string; end?: string } = {};
  for (const key of ["start", "end"] as const) {
    const d = opts[key];
    if (d === undefined) continue;
    if (!isIsoDate(d)) throw new Error(`dataQualityReport: ${key} "${d}" is not a date (expected YYYY-MM-DD)`);
    window[key] = d;
  }
  if (window.start !== undefined && window.end !== undefined && window.start > window.end)
    throw new Error(`dataQualityReport: start ${window.start} is after end ${window.end}`);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`data directory "${dir}" does not exist`);
  loadCsvDirectory(dir);

  const f = new Findings();
  const constituents = summarizeConstituents(readCsv(dir, DATA_FILES.constituents));
  const fieldsTable = readCsv(dir, DATA_FILES.fields);
  const fields = checkFields(fieldsTable, window, f);
  if (fields.summary.months === 0) {
    const iDate = fieldsTable.header.indexOf("Date");
    const all = fieldsTable.rows.map((r) => r[iDate].trim()).sort();
    throw new Error(
      `${DATA_FILES.fields}: no rows inside the study window ${window.start ?? "…"} .. ${window.end ?? "…"} (the file covers ${all[0]} .. ${all[all.length - 1]})`,
    );
  }
  const history = checkHistory(readCsv(dir, DATA_FILES.history), f);
  const names = summarizeNames(readCsv(dir, DATA_FILES.displayNames));
  f.throwIfRejected();
  const warnings = f.warnings();
  return {
    dir: opts.label ?? dir,
    window,
    files: [constituents, fields.summary, history, names],
    warnings,
    warningCount: warnings.reduce((s, w) => s + w.count, 0),
    membersPerMonth: fields.membersPerMonth,
  };
}

const padL = (s: string | number, w: number) => String(s).padStart(w);
const padR = (s: string, w: number) => s.padEnd(w);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** `file:line:column value — note`, the form the report prints an example in. */
export function formatQualityLocation(l: QualityLocation): string {
  return `${l.file}:${l.line}:${l.column} ${JSON.stringify(l.value)} — ${l.note}`;
}

/** The report as plain fixed-width text (deterministic: no clock, no absolute paths added). */
export function formatDataQualityReport(report: DataQualityReport): string {
  const out: string[] = [];
  const w = report.window;
  const rulesFired = report.warnings.map((x) => x.rule).filter((r, i, a) => a.indexOf(r) === i).length;
  out.push(`Data-quality report for ${report.dir}`);
  out.push(
    `Study window: ${w.start === undefined && w.end === undefined ? "all dates" : `${w.start ?? "…"} .. ${w.end ?? "…"} (fields.csv rows outside are ignored)`}`,
  );
  out.push(
    `Result: no rejected values; ${report.warningCount} warning${report.warningCount === 1 ? "" : "s"} (${rulesFired} rule${rulesFired === 1 ? "" : "s"})`,
  );
  out.push("");
  const fw = Math.max(4, ...report.files.map((x) => x.file.length));
  out.push(
    `${padR("file", fw)}  ${padL("rows", 6)}  ${padL("ignored", 7)}  ${padL("dates", 5)}  ${padR("first", 10)}  ${padR("last", 10)}  ${padL("keys", 4)}  keys are`,
  );
  const keyName: Record<string, string> = {
    [DATA_FILES.constituents]: "indices (dates: change dates)",
    [DATA_FILES.fields]: `instruments (${report.membersPerMonth.min}..${report.membersPerMonth.max} rows per month)`,
    [DATA_FILES.history]: "series",
    [DATA_FILES.displayNames]: "instruments",
  };
  for (const x of report.files)
    out.push(
      `${padR(x.file, fw)}  ${padL(x.rows, 6)}  ${padL(x.ignoredRows, 7)}  ${padL(x.months || "-", 5)}  ${padR(x.firstDate || "-", 10)}  ${padR(x.lastDate || "-", 10)}  ${padL(x.keys, 4)}  ${keyName[x.file] ?? ""}`,
    );
  for (const x of report.files) {
    if (x.missing.length === 0) continue;
    const some = x.missing.filter((m) => m.missing > 0);
    out.push("");
    if (some.length === 0) {
      out.push(`${x.file}: no missing values (${x.missing.map((m) => m.column).join(", ")})`);
      continue;
    }
    out.push(`${x.file}: missing values per field`);
    const cw = Math.max(5, ...some.map((m) => m.column.length));
    const monthly = x.file === DATA_FILES.fields;
    out.push(
      `  ${padR("field", cw)}  ${padL("missing", 7)}  ${padL("share", 7)}${monthly ? `  ${padL("months >50%", 11)}  ${padL("months 100%", 11)}` : ""}`,
    );
    for (const m of some)
      out.push(
        `  ${padR(m.column, cw)}  ${padL(m.missing, 7)}  ${padL(pct(m.share), 7)}${monthly ? `  ${padL(m.monthsOverHalf, 11)}  ${padL(m.monthsAll, 11)}` : ""}`,
      );
    const rest = x.missing.length - some.length;
    if (rest > 0) out.push(`  the other ${rest} field${rest === 1 ? " has" : "s have"} no missing values`);
  }
  out.push("");
  if (report.warnings.length === 0) out.push("Warnings: none");
  else {
    out.push(`Warnings (count, first ${QUALITY_THRESHOLDS.maxExamples} examples as file:line:column value):`);
    const rw = Math.max(...report.warnings.map((x) => x.rule.length));
    const fw2 = Math.max(...report.warnings.map((x) => x.file.length));
    for (const x of report.warnings) {
      out.push(`  ${padR(x.rule, rw)}  ${padR(x.file, fw2)}  ${padL(x.count, 6)}`);
      for (const e of x.examples) out.push(`      ${formatQualityLocation(e)}`);
      if (x.count > x.examples.length) out.push(`      … and ${x.count - x.examples.length} more`);
    }
  }
  return `${out.join("\n")}\n`;
}

/** The report as record lists for `show()` in a notebook: files, missing values, warnings. */
export function dataQualityRows(report: DataQualityReport): {
  files: { file: string; rows: number; ignored: number; dates: number; first: string; last: string; keys: number }[];
  missing: {
    file: string;
    field: string;
    missing: number;
    share_pct: number;
    months_over_half: number;
    months_all: number;
  }[];
  warnings: { rule: string; file: string; count: number; first_example: string }[];
} {
  return {
    files: report.files.map((x) => ({
      file: x.file,
      rows: x.rows,
      ignored: x.ignoredRows,
      dates: x.months,
      first: x.firstDate,
      last: x.lastDate,
      keys: x.keys,
    })),
    missing: report.files.flatMap((x) =>
      x.missing.map((m) => ({
        file: x.file,
        field: m.column,
        missing: m.missing,
        share_pct: Math.round(m.share * 1000) / 10,
        months_over_half: m.monthsOverHalf,
        months_all: m.monthsAll,
      })),
    ),
    warnings: report.warnings.map((x) => ({
      rule: x.rule,
      file: x.file,
      count: x.count,
      first_example: x.examples.length ? formatQualityLocation(x.examples[0]) : "",
    })),
  };
}
