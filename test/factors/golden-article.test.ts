/**
 * Golden tests against the article's printed tables (fixture transcribed from the article by
 * test/reference/factors_article_fixture.py): In[8]'s derived columns from In[7]'s printed raw
 * fields, In[13]'s composites from In[12]'s printed z-scores.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import {
  CORRECTED,
  compositeScores,
  derivedColumns,
  FAITHFUL,
  type FieldRow,
  in8Table,
  momentum,
  type NormalizedRow,
} from "../../lib/factors";

interface FixtureRow {
  raw: Record<string, string>;
  in8_printed: Record<string, string>;
  in12_printed: Record<string, string>;
  in12_components: { roa: string; sector: string };
  in13_printed: Record<string, string>;
}
const fixture = JSON.parse(readFileSync(path.join(__dirname, "../fixtures/factors/article-in8.json"), "utf8")) as {
  rows: FixtureRow[];
};

const num = (s: string): number => (s === "" ? Number.NaN : Number(s));

/** Half a unit in the last printed digit: "0.020778" -> 5e-7, "1.997000e+09" -> 500. */
export function printedHalfUnit(s: string): number {
  const m = /^-?\d+(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(s);
  if (!m) throw new Error(`not a printed number: ${s}`);
  const decimals = m[1]?.length ?? 0;
  const exp = m[2] ? Number(m[2]) : 0;
  return 0.5 * 10 ** (exp - decimals);
}

function toFieldRow(raw: Record<string, string>): FieldRow {
  const r: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(raw)) {
    r[k] = k === "Instrument" || k === "Date" || k === "TR.TRBCECONOMICSECTOR" ? v : num(v);
  }
  return r as FieldRow;
}

/**
 * First-order bound on how much the printed rounding of the raw inputs can move a derived column:
 * sum over inputs of |f(x + h_i) - f(x)| with h_i half a unit of the input's last printed digit.
 */
function inputRoundingBound(raw: Record<string, string>, col: string): number {
  const base = (derivedColumns(toFieldRow(raw), FAITHFUL) as unknown as Record<string, number>)[col];
  let bound = 0;
  for (const [k, v] of Object.entries(raw)) {
    if (k === "Instrument" || k === "Date" || k === "TR.TRBCECONOMICSECTOR" || v === "") continue;
    const h = printedHalfUnit(v);
    const bumped = { ...raw, [k]: String(Number(v) + h) };
    const moved = (derivedColumns(toFieldRow(bumped), FAITHFUL) as unknown as Record<string, number>)[col];
    if (Number.isFinite(moved - base)) bound += Math.abs(moved - base);
  }
  return bound;
}

test("fixture holds the nine printed rows of In[7]/In[8]", () => {
  assert.deepEqual(
    fixture.rows.map((r) => `${r.raw.Instrument}@${r.raw.Date}`),
    [
      "MMM.N@2000-01-31",
      "MO.N@2000-01-31",
      "AXP.N@2000-01-31",
      "T.N^K05@2000-01-31",
      "T.N@2000-01-31",
      "DOW.N@2024-07-31",
      "AMGN.OQ@2024-07-31",
      "CRM.N@2024-07-31",
      "HON.OQ@2024-07-31",
    ],
  );
});

test("In[8] derived columns from the printed raw fields match the printed values (faithful)", () => {
  let worst = 0;
  for (const row of fixture.rows) {
    const d = derivedColumns(toFieldRow(row.raw), FAITHFUL) as unknown as Record<string, number>;
    for (const [col, printed] of Object.entries(row.in8_printed)) {
      if (col.startsWith("TR.")) continue;
      const expected = num(printed);
      const got = d[col];
      const where = `${row.raw.Instrument} ${row.raw.Date} ${col}`;
      if (Number.isNaN(expected)) {
        assert.ok(!Number.isFinite(got), `${where}: expected NaN, got ${got}`);
        continue;
      }
      // printed precision of the output plus the propagated printed rounding of the inputs
      const tol = printedHalfUnit(printed) + inputRoundingBound(row.raw, col);
      const err = Math.abs(got - expected);
      worst = Math.max(worst, err / tol);
      assert.ok(err <= tol, `${where}: got ${got}, printed ${printed} (tolerance ${tol})`);
    }
  }
  assert.ok(worst <= 1);
});

test("E1: faithful wk_delta is FY-1 working capital (the printed FY0 column was overwritten with it)", () => {
  for (const row of fixture.rows) {
    const fr = toFieldRow(row.raw);
    const faithful = derivedColumns(fr, FAITHFUL).wk_delta;
    const corrected = derivedColumns(fr, { wkDeltaChainedAssignment: false }).wk_delta;
    const fy0 = fr["TR.F.WKGCAP(PERIOD=FY0)"] as number;
    const fy1 = fr["TR.F.WKGCAP(PERIOD=FY-1)"] as number;
    assert.ok(Object.is(faithful, fy1) || (Number.isNaN(faithful) && Number.isNaN(fy1)));
    // the article's In[8] table prints FY-1 under the FY0 header
    assert.equal(row.in8_printed["TR.F.WKGCAP(PERIOD=FY0)"], row.raw["TR.F.WKGCAP(PERIOD=FY-1)"]);
    if (Number.isFinite(fy0) && Number.isFinite(fy1)) assert.equal(corrected, fy0 - fy1);
  }
  // MMM.N: 2.247e9 - 1.997e9 = 2.5e8 corrected vs 1.997e9 faithful
  const mmm = toFieldRow(fixture.rows[0].raw);
  assert.equal(derivedColumns(mmm, CORRECTED).wk_delta, 2.5e8);
  assert.equal(derivedColumns(mmm, FAITHFUL).wk_delta, 1.997e9);
});

test("E2: faithful average_ta = TA(FY0); corrected (FY0 + FY-1) / 2", () => {
  const mmm = toFieldRow(fixture.rows[0].raw);
  assert.equal(derivedColumns(mmm, FAITHFUL).average_ta, 1.3896e10);
  assert.equal(derivedColumns(mmm, { averageTaFy0Twice: false }).average_ta, (1.3896e10 + 1.4153e10) / 2);
  // accruals for MMM with only E2 corrected: -(1.997e9 + 3.23e8 + 1.23e8) / 1.40245e10
  const acc = derivedColumns(mmm, { averageTaFy0Twice: false }).accruals;
  assert.ok(Math.abs(acc - -(1.997e9 + 3.23e8 + 1.23e8) / 1.40245e10) < 1e-15);
});

test("E4: corrected size is the negative log of market cap", () => {
  const mmm = toFieldRow(fixture.rows[0].raw);
  assert.equal(derivedColumns(mmm, { sizePositiveLog: false }).size, -Math.log(3.731793e10));
  assert.equal(derivedColumns(mmm, FAITHFUL).size, Math.log(3.731793e10));
});

function normalizedFromPrinted(row: FixtureRow): NormalizedRow {
  const r: Record<string, number | string> = {
    Date: row.raw.Date,
    Instrument: row.raw.Instrument,
    sector: row.in12_components.sector,
    roa: num(row.in12_components.roa),
  };
  for (const [k, v] of Object.entries(row.in12_printed)) r[k] = num(v);
  return r as unknown as NormalizedRow;
}

test("In[13] composites from the printed z-scores match the printed composites (faithful)", () => {
  for (const row of fixture.rows) {
    const c = compositeScores(normalizedFromPrinted(row), FAITHFUL) as unknown as Record<string, number>;
    for (const [col, printed] of Object.entries(row.in13_printed)) {
      // inputs printed to 6 decimals, output rounded to 6 decimals: 1e-6 covers both
      assert.ok(Math.abs(c[col] - num(printed)) <= 1e-6, `${row.raw.Instrument} ${col}: ${c[col]} vs ${printed}`);
    }
  }
});

test("E3: AXP (Financials) quality is its raw ROA in faithful mode, its ROA z-score corrected", () => {
  const axp = fixture.rows.find((r) => r.raw.Instrument === "AXP.N");
  assert.ok(axp);
  const n = normalizedFromPrinted(axp);
  assert.equal(compositeScores(n, FAITHFUL).quality_normalized, 1.797059);
  assert.equal(num(axp.in13_printed.quality_normalized), 1.797059);
  assert.equal(compositeScores(n, { financialsQualityRawRoa: false }).quality_normalized, -0.992735);
});

test("In[8] table: renamed columns, FY0 working capital overwritten in faithful mode only", () => {
  const rows = fixture.rows.map((r) => ({ ...toFieldRow(r.raw), Date: r.raw.Date }) as FieldRow);
  const [mmm] = in8Table(rows, FAITHFUL);
  assert.equal(mmm.momentum, 24.65748);
  assert.equal(mmm.roa, 13.17694);
  assert.equal(mmm.sector, "Consumer Non-Cyclicals");
  assert.equal(mmm["TR.F.WKGCAP(PERIOD=FY0)"], 1.997e9);
  assert.equal(in8Table(rows, CORRECTED)[0]["TR.F.WKGCAP(PERIOD=FY0)"], 2.247e9);
  assert.ok(!("TR.TOTALRETURN52WK" in mmm));
});

test("E5: corrected momentum skips the last month: (1 + R52) / (1 + R1) - 1", () => {
  const mmm = toFieldRow(fixture.rows[0].raw); // R52 = 24.657480 %, R1 = -4.342273 %
  assert.equal(momentum(mmm, FAITHFUL), 24.65748);
  const c = momentum(mmm, { momentumIncludesLastMonth: false });
  assert.ok(Math.abs(c - (1.2465748 / 0.95657727 - 1) * 100) < 1e-12);
  assert.equal(c.toFixed(6), "30.316164"); // by hand: 1.2465748 / 0.95657727 = 1.30316164
});
