/**
 * The optional `release_lags.csv` of a data folder: publication lags of macro series that
 * override or extend the defaults of lib/features/release-lags.ts (erratum E16, corrected mode).
 *
 * Columns `RIC,LagMonths`: one row per series, LagMonths a whole number of months in 0..12 (the
 * value of reference month M is visible from the month end M + LagMonths on). A missing file is
 * no override. Errors name the file, line and column.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { DataError } from "../validation";
import { decodeUtf8, parseCsv } from "./csv";

export const RELEASE_LAGS_FILE = "release_lags.csv";

/** Read `dir/release_lags.csv` (see the module comment); {} when the file does not exist. */
export function readReleaseLags(dir: string): Record<string, number> {
  const full = path.join(dir, RELEASE_LAGS_FILE);
  if (!existsSync(full)) return {};
  const file = RELEASE_LAGS_FILE;
  const t = parseCsv(decodeUtf8(readFileSync(full), file), file);
  const ric = t.header.indexOf("RIC");
  const lag = t.header.indexOf("LagMonths");
  if (ric < 0 || lag < 0 || t.header.length !== 2)
    throw new DataError(
      { file: file, line: 1 },
      `expected exactly the columns RIC,LagMonths (got ${t.header.join(",")})`,
    );
  const out: Record<string, number> = {};
  t.rows.forEach((r, k) => {
    const code = r[ric].trim();
    const text = r[lag].trim();
    if (code === "") throw new DataError({ file: file, line: t.lines[k], column: "RIC" }, `empty series code`);
    if (code in out) throw new DataError({ file: file, line: t.lines[k], column: "RIC" }, `${code} is listed twice`);
    const v = Number(text);
    if (!/^\d+$/.test(text) || v > 12)
      throw new DataError(
        { file: file, line: t.lines[k], column: "LagMonths" },
        `"${text}" is not a whole number of months in 0..12`,
      );
    out[code] = v;
  });
  return out;
}
