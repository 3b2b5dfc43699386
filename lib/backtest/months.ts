/**
 * The backtest's check that a monthly series has exactly one observation per month with no gap
 * (month numbers and keys come from lib/data/dates.ts).
 *
 * Why: the strategy returns pair the prediction made at the end of month t-1 with the return of
 * month t by shifting one row. A one-row shift is only a one-month shift when the rows are
 * consecutive calendar months, so every shift in this folder first checks that here and names the
 * gap instead of shifting silently.
 */

import { monthNumber } from "../data/dates";

/**
 * Throws unless `dates` are strictly consecutive calendar months (one per month, ascending, no
 * gap, no duplicate). The message names the offending pair, e.g. "missing month(s) between
 * 2019-02-28 and 2019-04-30".
 */
export function assertConsecutiveMonths(dates: readonly string[], what: string): void {
  for (let i = 0; i < dates.length; i++) {
    const cur = monthNumber(dates[i], `${what}[${i}]`);
    if (i === 0) continue;
    const prev = monthNumber(dates[i - 1], `${what}[${i - 1}]`);
    const step = cur - prev;
    if (step === 1) continue;
    if (step > 1)
      throw new Error(
        `${what}: missing month(s) between ${dates[i - 1]} and ${dates[i]} (rows ${i - 1} and ${i}); ` +
          "a one-row shift would pair a prediction with the wrong month",
      );
    if (step === 0) throw new Error(`${what}: two rows in the same month: ${dates[i - 1]} and ${dates[i]} (row ${i})`);
    throw new Error(`${what}: dates not in ascending order: ${dates[i - 1]} before ${dates[i]} (row ${i})`);
  }
}
