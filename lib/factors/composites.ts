/**
 * Composite factors, final factor columns and missing-value rule (article In[12]-In[15]).
 *
 * - profitability = mean(roa_z, at_delta_z, accruals_z), skipping NaN (NaN when all missing)
 * - quality       = mean(profitability, leverage_z); Financials: ROA alone — faithful (E3) the raw
 *                   ROA in percent, corrected roa_z
 * - value         = mean(cf_yield_z, earning_yield_z, sales_to_price_z)
 * Corrected (E6) the three composites are re-normalised per date (same clipped z-scores as In[10]),
 * as the FTSE ground rules do for multi-component factors; faithful they are plain means.
 * In[15]: after normalisation a missing factor score becomes 0 (neutral), a missing yield -3.
 */

import { type FactorErrata, resolveFactorErrata } from "../errata";
import { COMPONENT_COLUMNS, type ComponentColumn, type ComponentRow } from "./components";
import { type ClipOptions, clippedZScores, groupByDate, normalizeFactors } from "./normalize";
import { withColumns } from "./types";

/** The three columns addComposites adds, in this order. */
const COMPOSITE_NAMES = ["profitability_normalized", "quality_normalized", "value_normalized"] as const;

/** The components In[12] normalises (In[9]'s list from momentum on). */
export type NormalizedComponent = Exclude<ComponentColumn, "total_return_1m">;
export const NORMALIZED_COMPONENTS: readonly NormalizedComponent[] = COMPONENT_COLUMNS.filter(
  (c): c is NormalizedComponent => c !== "total_return_1m",
);

/** In[14]'s final factor columns, in the article's order. */
export const FACTOR_COLUMNS = [
  "momentum_normalized",
  "quality_normalized",
  "profitability_normalized",
  "leverage_normalized",
  "size_normalized",
  "value_normalized",
  "yield_normalized",
] as const;
export type FactorColumn = (typeof FACTOR_COLUMNS)[number];

/** In[12]: the component table with `<component>_normalized` columns (per-date clipped z-scores). */
export type NormalizedRow = ComponentRow & Record<`${NormalizedComponent}_normalized`, number>;

/** In[13]'s table: normalised components plus the three composites. */
export type CompositeRow = NormalizedRow & {
  profitability_normalized: number;
  quality_normalized: number;
  value_normalized: number;
};

/** In[14]-In[15]'s table: one stock-month with its 1-month return (percent) and 7 factor scores. */
export type FactorRow = { Instrument: string; Date: string; total_return_1m: number } & Record<FactorColumn, number>;

/** In[12]: normalise all components per date. */
export function normalizeComponents(rows: readonly ComponentRow[], opts: ClipOptions = {}): NormalizedRow[] {
  return normalizeFactors(rows, [...NORMALIZED_COMPONENTS], opts) as NormalizedRow[];
}

/** pandas `DataFrame.mean(axis=1, skipna=True)` of some values: NaN-skipping mean, NaN when none. */
export function nanMean(values: readonly number[]): number {
  let s = 0;
  let n = 0;
  for (const v of values) {
    if (!Number.isNaN(v)) {
      s += v;
      n++;
    }
  }
  return n === 0 ? Number.NaN : s / n;
}

/** In[13]: composites of one row (no re-normalisation). `sector` "Financials" takes ROA alone for quality. */
export function compositeScores(
  r: NormalizedRow,
  errata: Partial<FactorErrata> = {},
): { profitability_normalized: number; quality_normalized: number; value_normalized: number } {
  const e = resolveFactorErrata(errata);
  const profitability = nanMean([r.roa_normalized, r.at_delta_normalized, r.accruals_normalized]);
  const quality =
    r.sector === "Financials"
      ? e.financialsQualityRawRoa
        ? r.roa
        : r.roa_normalized
      : nanMean([profitability, r.leverage_normalized]);
  const value = nanMean([r.cf_yield_normalized, r.earning_yield_normalized, r.sales_to_price_normalized]);
  return { profitability_normalized: profitability, quality_normalized: quality, value_normalized: value };
}

/**
 * In[13] for a whole table. Faithful: plain means. Corrected (E6): profitability and value are
 * re-normalised per date before quality is formed from the re-normalised profitability, and
 * quality is re-normalised last.
 */
export function addComposites(
  rows: readonly NormalizedRow[],
  errata: Partial<FactorErrata> = {},
  opts: ClipOptions = {},
): CompositeRow[] {
  const e = resolveFactorErrata(errata);
  if (e.compositesNotRenormalised)
    return rows.map((r) => {
      const c = compositeScores(r, e);
      return withColumns(r, Object.keys(c), Object.values(c)) as CompositeRow;
    });
  const out: CompositeRow[] = [];
  for (const group of groupByDate(rows).values()) {
    const prof = clippedZScores(
      group.map((r) => nanMean([r.roa_normalized, r.at_delta_normalized, r.accruals_normalized])),
      opts,
    ).z;
    const value = clippedZScores(
      group.map((r) => nanMean([r.cf_yield_normalized, r.earning_yield_normalized, r.sales_to_price_normalized])),
      opts,
    ).z;
    const quality = clippedZScores(
      group.map((r, i) =>
        r.sector === "Financials"
          ? e.financialsQualityRawRoa
            ? r.roa
            : r.roa_normalized
          : nanMean([prof[i], r.leverage_normalized]),
      ),
      opts,
    ).z;
    group.forEach((r, i) => {
      out.push(withColumns(r, COMPOSITE_NAMES, [prof[i], quality[i], value[i]]) as CompositeRow);
    });
  }
  return out;
}

/** In[14]: keep Instrument, Date, total_return_1m and the seven factor columns (NaN kept). */
export function selectFactors(rows: readonly CompositeRow[]): FactorRow[] {
  return rows.map(
    (r) =>
      withColumns(
        { Instrument: r.Instrument, Date: r.Date, total_return_1m: r.total_return_1m },
        FACTOR_COLUMNS,
        FACTOR_COLUMNS.map((c) => r[c]),
      ) as FactorRow,
  );
}

/** In[15]: missing factor scores -> 0, missing yield -> -3 (total_return_1m is left as is). */
export function fillMissingFactors(rows: readonly FactorRow[]): FactorRow[] {
  return rows.map((r) => {
    const o = { ...r };
    for (const c of FACTOR_COLUMNS) {
      if (Number.isNaN(o[c])) o[c] = c === "yield_normalized" ? -3 : 0;
    }
    return o;
  });
}

/** In[8]-In[15] in one call: field rows -> filled factor table. */
export function factorTable(
  components: readonly ComponentRow[],
  errata: Partial<FactorErrata> = {},
  opts: ClipOptions = {},
): { normalized: NormalizedRow[]; composites: CompositeRow[]; factors: FactorRow[]; filled: FactorRow[] } {
  const normalized = normalizeComponents(components, opts);
  const composites = addComposites(normalized, errata, opts);
  const factors = selectFactors(composites);
  return { normalized, composites, factors, filled: fillMissingFactors(factors) };
}
