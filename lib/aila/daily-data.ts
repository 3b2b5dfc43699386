/**
 * The daily data set of the index methodology (AiLA, reference 003): a universe of futures-like
 * assets on several exchange calendars, their close prices, expiries, daily signals, FX fixings
 * and standard-index weights — in memory and as a folder of CSV files (schema in
 * data/sample/daily/README.md).
 *
 * Conventions: `dates` are the index business days (a weekday on which at least one asset's
 * exchange is open), ascending ISO strings. Per-asset series are Float64Array aligned with
 * `dates`; NaN marks an asset holiday (no close price, no signal). Prices are in the asset's own
 * currency; `fx[CCY][t]` is the USD value of one unit of CCY at the day-t fixing (1 for USD).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv, parseNumberCell } from "../data/csv";
import { checkIsoDate, DataError } from "../validation";
import type { CalendarId } from "./calendars";

export type Sector = "energy" | "metals" | "agriculture" | "equity";
export const SECTORS: readonly Sector[] = ["energy", "metals", "agriculture", "equity"];

export interface DailyAsset {
  id: string;
  name: string;
  sector: Sector;
  /** Block-risk-model group (correlation 1 inside, 0 between). */
  group: string;
  calendar: CalendarId;
  currency: string;
  /** "fixed": one calendar-month contract each year (e.g. WTI December); "rolling": successive contracts. */
  kind: "fixed" | "rolling";
  /** Daily rebalancing caps (fraction of index value) for ≤22, 23–66, 67–132, >132 business days to expiry. */
  rebalancingCaps: [number, number, number, number];
}

export interface DailyDataset {
  dates: string[];
  assets: DailyAsset[];
  prices: Float64Array[];
  signals: Float64Array[];
  /** USD per unit of currency, per index date (every index date has a fixing). */
  fx: Record<string, Float64Array>;
  /** Expiry dates of each asset's successive contracts, ascending. */
  expiries: string[][];
  /** Standard-index (BCOM/GSCI-like) weights by calendar year: weights[y][i], summing to 1. */
  standardIndex: { years: number[]; weights: Float64Array[] };
  holidays: { calendar: CalendarId; date: string; name: string }[];
}

/**
 * Standard-index weights in force on an ISO date: those of its calendar year, else the last
 * year's (a table that ends early carries on); undefined when the table is empty.
 */
export function standardWeightsOn(ds: Pick<DailyDataset, "standardIndex">, iso: string): Float64Array | undefined {
  const k = ds.standardIndex.years.indexOf(Number(iso.slice(0, 4)));
  return k >= 0 ? ds.standardIndex.weights[k] : ds.standardIndex.weights.at(-1);
}

export const DAILY_FILES = [
  "assets.csv",
  "holidays.csv",
  "contracts.csv",
  "prices.csv",
  "signals.csv",
  "fx.csv",
  "standard-index.csv",
] as const;

const read = (dir: string, f: string) => parseCsv(readFileSync(join(dir, f), "utf8"), f);

function need(t: ReturnType<typeof parseCsv>, cols: readonly string[]) {
  for (const c of cols)
    if (!t.header.includes(c))
      throw new DataError({ file: t.file }, `missing column "${c}" (header: ${t.header.join(",")})`);
  return (name: string) => t.header.indexOf(name);
}

/**
 * Checks a date cell: strictly "YYYY-MM-DD" and a real calendar day, else an ArgumentError
 * `<file> line <n>: <column> "2005/01/04" is not a date (expected YYYY-MM-DD)`.
 */
function dateCell(file: string, line: number, column: string, cell: string): string {
  return checkIsoDate(column, cell, { where: `${file} line ${line}` });
}

/**
 * Read a daily data folder (see data/sample/daily/README.md); errors name file, line and column.
 * Every date cell (prices, signals, fx, contract expiries, holidays) must be a real "YYYY-MM-DD"
 * date — "2024-12-31x" or "2005/01/04" is reported on its own line as not a date — and the price
 * and signal dates strictly ascending.
 */
export function readDailySample(dir: string): DailyDataset {
  const a = read(dir, "assets.csv");
  const ac = need(a, [
    "asset",
    "name",
    "sector",
    "group",
    "calendar",
    "currency",
    "kind",
    "cap_1m",
    "cap_3m",
    "cap_6m",
    "cap_long",
  ]);
  const assets: DailyAsset[] = a.rows.map((r, k) => {
    const sector = r[ac("sector")] as Sector;
    if (!SECTORS.includes(sector))
      throw new DataError({ file: "assets.csv", line: a.lines[k], column: "sector" }, `unknown sector "${sector}"`);
    const cal = r[ac("calendar")] as CalendarId;
    if (!["US", "UK", "EU"].includes(cal))
      throw new DataError({ file: "assets.csv", line: a.lines[k], column: "calendar" }, `unknown calendar "${cal}"`);
    const kind = r[ac("kind")];
    if (kind !== "fixed" && kind !== "rolling")
      throw new DataError({ file: "assets.csv", line: a.lines[k], column: "kind" }, `"${kind}" is not fixed/rolling`);
    const caps = (["cap_1m", "cap_3m", "cap_6m", "cap_long"] as const).map((c) => {
      const v = parseNumberCell(r[ac(c)], "assets.csv", a.lines[k], c);
      if (!(v >= 0))
        throw new DataError(
          { file: "assets.csv", line: a.lines[k], column: c },
          `rebalancing cap must be ≥ 0, got "${r[ac(c)]}"`,
        );
      return v;
    }) as [number, number, number, number];
    return {
      id: r[ac("asset")],
      name: r[ac("name")],
      sector,
      group: r[ac("group")],
      calendar: cal,
      currency: r[ac("currency")],
      kind,
      rebalancingCaps: caps,
    };
  });
  const ids = assets.map((x) => x.id);
  const wide = (file: string) => {
    const t = read(dir, file);
    need(t, ["date", ...ids]);
    const dates = t.rows.map((r) => r[0]);
    // one pass in line order: a malformed date is reported on its own line, before any ordering
    // problem it would cause on the next line
    for (let k = 0; k < dates.length; k++) {
      dateCell(file, t.lines[k], "date", dates[k]);
      if (k > 0 && !(dates[k] > dates[k - 1]))
        throw new DataError({ file: file, line: t.lines[k] }, `date ${dates[k]} is not after ${dates[k - 1]}`);
    }
    const cols = ids.map((id) => {
      const j = t.header.indexOf(id);
      return Float64Array.from(t.rows, (r, k) => parseNumberCell(r[j], file, t.lines[k], id));
    });
    return { dates, cols, t };
  };
  const p = wide("prices.csv");
  const s = wide("signals.csv");
  if (s.dates.join() !== p.dates.join()) throw new DataError({ file: "signals.csv" }, "dates differ from prices.csv");
  for (const [i, col] of s.cols.entries())
    for (let k = 0; k < col.length; k++)
      if (!Number.isNaN(col[k]) && col[k] !== 1 && col[k] !== -1 && col[k] !== 0)
        throw new DataError(
          { file: "signals.csv", line: s.t.lines[k], column: ids[i] },
          `signal ${col[k]} is not −1, 0 or 1`,
        );
  for (const [i, col] of p.cols.entries())
    for (let k = 0; k < col.length; k++)
      if (col[k] <= 0)
        throw new DataError(
          { file: "prices.csv", line: p.t.lines[k], column: ids[i] },
          `price ${col[k]} is not positive`,
        );
  const f = read(dir, "fx.csv");
  const fxCcy = f.header.slice(1);
  const fx: Record<string, Float64Array> = { USD: new Float64Array(p.dates.length).fill(1) };
  for (const [k, r] of f.rows.entries()) dateCell("fx.csv", f.lines[k], f.header[0] ?? "date", r[0]);
  if (f.rows.map((r) => r[0]).join() !== p.dates.join())
    throw new DataError({ file: "fx.csv" }, "dates differ from prices.csv");
  for (const [j, c] of fxCcy.entries())
    fx[c] = Float64Array.from(f.rows, (r, k) => parseNumberCell(r[j + 1], "fx.csv", f.lines[k], c));
  for (const x of assets)
    if (!fx[x.currency])
      throw new DataError({ file: "fx.csv" }, `no fixing column for currency ${x.currency} of asset ${x.id}`);
  const c = read(dir, "contracts.csv");
  const cc = need(c, ["asset", "contract", "expiry"]);
  const expiries = ids.map(() => [] as string[]);
  for (const [k, r] of c.rows.entries()) {
    const i = ids.indexOf(r[cc("asset")]);
    if (i < 0) throw new DataError({ file: "contracts.csv", line: c.lines[k] }, `unknown asset "${r[cc("asset")]}"`);
    expiries[i].push(dateCell("contracts.csv", c.lines[k], "expiry", r[cc("expiry")]));
  }
  for (const e of expiries) e.sort();
  const si = read(dir, "standard-index.csv");
  const sc = need(si, ["year", "asset", "weight"]);
  const years = [...new Set(si.rows.map((r) => Number(r[sc("year")])))].sort((x, y) => x - y);
  const weights = years.map(() => new Float64Array(ids.length));
  for (const [k, r] of si.rows.entries()) {
    const i = ids.indexOf(r[sc("asset")]);
    if (i < 0)
      throw new DataError({ file: "standard-index.csv", line: si.lines[k] }, `unknown asset "${r[sc("asset")]}"`);
    weights[years.indexOf(Number(r[sc("year")]))][i] = parseNumberCell(
      r[sc("weight")],
      "standard-index.csv",
      si.lines[k],
      "weight",
    );
  }
  const h = read(dir, "holidays.csv");
  const hc = need(h, ["calendar", "date", "name"]);
  const holidays = h.rows.map((r, k) => ({
    calendar: r[hc("calendar")] as CalendarId,
    date: dateCell("holidays.csv", h.lines[k], "date", r[hc("date")]),
    name: r[hc("name")],
  }));
  return {
    dates: p.dates,
    assets,
    prices: p.cols,
    signals: s.cols,
    fx,
    expiries,
    standardIndex: { years, weights },
    holidays,
  };
}
