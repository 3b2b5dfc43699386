/**
 * The base index's monthly returns, joined to the strategy table by date (article In[44]).
 *
 * The article turns the index's month-end closes into percent changes (`pct_change() * 100`) and
 * then overwrites their dates with the strategy table's dates by position (`allign_dates`), which
 * is only right when both lists cover exactly the same months in the same order. Here the index
 * return of month t is looked up by its calendar month, so a missing, extra or reordered month can
 * never shift the index against the strategies: a month the table needs but the index lacks is an
 * error naming it; index months outside the table are ignored.
 *
 * Note (README "References"): the article's base index (.DJI) is a price return while the factor returns are
 * total returns; that difference is a property of the data, not of this join.
 */
import { monthKey } from "../data/dates";
import { checkConsecutiveMonths } from "../validation";
import type { ReturnsTable } from "./strategy-returns";

/** A dated value: an index level, or a percent return of the month ending at `date`. */
export interface DatedValue {
  date: string;
  value: number;
}

/**
 * Percent changes of month-end levels: value_t = (L_t / L_{t-1} − 1) · 100, dated at t (the
 * month the change happened in). The first level only serves as the base, so the result is one
 * shorter. Levels must be positive, finite, and one per consecutive calendar month (a gap would
 * turn a two-month change into a "monthly" one, so it is an error naming the gap).
 */
export function percentChanges(levels: readonly DatedValue[]): DatedValue[] {
  if (levels.length < 2) throw new Error(`percentChanges: need at least 2 levels, got ${levels.length}`);
  levels.forEach((l, i) => {
    if (typeof l.value !== "number" || !Number.isFinite(l.value) || l.value <= 0)
      throw new Error(`percentChanges: level on ${l.date} (row ${i}) is ${String(l.value)}; need a positive number`);
  });
  checkConsecutiveMonths(
    levels.map((l) => l.date),
    "percentChanges: levels",
  );
  const out: DatedValue[] = [];
  for (let i = 1; i < levels.length; i++)
    out.push({ date: levels[i].date, value: (levels[i].value / levels[i - 1].value - 1) * 100 });
  return out;
}

/**
 * A copy of `table` with the index's percent returns attached under `name` (the article's `dji`).
 * Matching is by calendar month ("YYYY-MM"), so index dates may be the last trading day while the
 * table uses calendar month ends; the order of `indexReturns` does not matter. Errors: a
 * duplicated month in `indexReturns`, a non-finite return for a needed month, or any table month
 * without an index return (all such months are listed). `name` must not clash with a factor or
 * strategy column.
 */
export function joinIndexReturns(
  table: ReturnsTable,
  indexReturns: readonly DatedValue[],
  name = "index",
): ReturnsTable {
  const reserved = new Set([...table.factors, "best_return", "pred_return", "pred_proba_return"]);
  if (reserved.has(name)) throw new Error(`joinIndexReturns: name "${name}" clashes with a returns column`);
  const byMonth = new Map<string, DatedValue>();
  indexReturns.forEach((r, i) => {
    const k = monthKey(r.date, `joinIndexReturns: indexReturns[${i}].date`);
    const dup = byMonth.get(k);
    if (dup) throw new Error(`joinIndexReturns: two index returns in month ${k}: ${dup.date} and ${r.date}`);
    byMonth.set(k, r);
  });
  const missing: string[] = [];
  const returns = table.dates.map((d) => {
    const r = byMonth.get(monthKey(d));
    if (!r) {
      missing.push(d);
      return Number.NaN;
    }
    if (typeof r.value !== "number" || !Number.isFinite(r.value))
      throw new Error(`joinIndexReturns: index return on ${r.date} is ${String(r.value)}`);
    return r.value;
  });
  if (missing.length)
    throw new Error(`joinIndexReturns: no index return for ${missing.length} month(s): ${missing.join(", ")}`);
  return { ...table, index: { name, returns } };
}
