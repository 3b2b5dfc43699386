import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  addComposites,
  FACTOR_COLUMNS,
  type FactorRow,
  factorWeights,
  fillMissingFactors,
  type NormalizedRow,
  nanMean,
  softmax,
  WEIGHT_COLUMNS,
} from "../../lib/factors";

test("nanMean skips NaN like pandas mean(axis=1, skipna=True); all NaN -> NaN", () => {
  assert.equal(nanMean([1, Number.NaN, 2]), 1.5);
  assert.ok(Number.isNaN(nanMean([Number.NaN, Number.NaN])));
});

test("In[15]: missing scores -> 0, missing yield -> -3", () => {
  const row = { Instrument: "X", Date: "2000-01-31", total_return_1m: Number.NaN } as Record<string, number | string>;
  for (const c of FACTOR_COLUMNS) row[c] = Number.NaN;
  const [f] = fillMissingFactors([row as FactorRow]);
  for (const c of FACTOR_COLUMNS) assert.equal(f[c], c === "yield_normalized" ? -3 : 0);
  assert.ok(Number.isNaN(f.total_return_1m));
});

test("softmax: hand values, stable for large scores, article's equal yields give 1/30", () => {
  const w = softmax([0, Math.log(3)]);
  assert.ok(Math.abs(w[0] - 0.25) < 1e-15 && Math.abs(w[1] - 0.75) < 1e-15);
  const big = softmax([1000, 1000 + Math.log(3)]);
  assert.ok(Math.abs(big[1] - 0.75) < 1e-12);
  const eq = softmax(Array(30).fill(-3));
  assert.equal(eq[0].toFixed(6), "0.033333"); // In[17] prints 0.033333 for the all -3 yield month
});

test("property: softmax weights are positive and sum to 1 per date and factor", () => {
  const score = fc.double({ min: -3, max: 3, noNaN: true });
  fc.assert(
    fc.property(
      fc.array(fc.array(score, { minLength: 7, maxLength: 7 }), { minLength: 1, maxLength: 40 }),
      fc.integer({ min: 1, max: 3 }),
      (stocks, nDates) => {
        const rows: FactorRow[] = [];
        for (let d = 0; d < nDates; d++) {
          stocks.forEach((s, i) => {
            const r: Record<string, number | string> = {
              Instrument: `S${i}`,
              Date: `200${d}-01-31`,
              total_return_1m: 1,
            };
            FACTOR_COLUMNS.forEach((c, k) => {
              r[c] = s[(k + d) % 7];
            });
            rows.push(r as FactorRow);
          });
        }
        const out = factorWeights(rows);
        for (let d = 0; d < nDates; d++) {
          const g = out.filter((r) => r.Date === `200${d}-01-31`);
          for (const w of WEIGHT_COLUMNS) {
            let s = 0;
            for (const r of g) {
              assert.ok(r[w] > 0);
              s += r[w];
            }
            assert.ok(Math.abs(s - 1) < 1e-12, `sum ${s}`);
          }
        }
      },
    ),
    { numRuns: 200 },
  );
});

function normRow(i: number, sector: string, z: number[], roa: number): NormalizedRow {
  const names = [
    "momentum",
    "roa",
    "at_delta",
    "accruals",
    "leverage",
    "size",
    "cf_yield",
    "earning_yield",
    "sales_to_price",
    "yield",
  ];
  const r: Record<string, number | string> = { Date: "2000-01-31", Instrument: `S${i}`, sector, roa };
  names.forEach((n, k) => {
    r[`${n}_normalized`] = z[k];
  });
  return r as unknown as NormalizedRow;
}

test("E6: corrected composites are re-normalised (population std 1), faithful ones are plain means", () => {
  const rows = [
    normRow(0, "Technology", [0, 1, -1, 0.5, 0.2, 0, 1, 1, 0, 0], 5),
    normRow(1, "Technology", [0, -1, 1, -0.5, -0.2, 0, -1, 0, 1, 0], 3),
    normRow(2, "Financials", [0, 0.3, 0, 0, 1, 0, 0, -1, -1, 0], 1.5),
  ];
  const faithful = addComposites(rows);
  assert.equal(faithful[0].profitability_normalized, (1 - 1 + 0.5) / 3);
  assert.equal(faithful[2].quality_normalized, 1.5); // raw ROA (E3)
  const corrected = addComposites(rows, { compositesNotRenormalised: false, financialsQualityRawRoa: false });
  for (const c of ["profitability_normalized", "quality_normalized", "value_normalized"] as const) {
    const v = corrected.map((r) => r[c]);
    const m = v.reduce((a, b) => a + b, 0) / v.length;
    const s2 = v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length;
    assert.ok(Math.abs(m) < 1e-12 && Math.abs(s2 - 1) < 1e-12, `${c}: mean ${m} var ${s2}`);
  }
  // faithful profitability std is below 1 here: the composite is not re-scaled
  const fp = faithful.map((r) => r.profitability_normalized);
  const fm = fp.reduce((a, b) => a + b, 0) / 3;
  assert.ok(fp.reduce((a, b) => a + (b - fm) ** 2, 0) / 3 < 1);
});
