/**
 * Calendar-month helpers for the backtest: validate ISO dates, key them by calendar month and
 * check that a monthly series has exactly one observation per month with no gap.
 *
 * Why: the strategy returns pair the prediction made at the end of month t-1 with the return of
 * month t by shifting one row. A one-row shift is only a one-month shift when the rows are
 * consecutive calendar months, so every shift in this folder first checks that here and names the
 * gap instead of shifting silently.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The calendar month of an ISO "YYYY-MM-DD" date as an integer (year·12 + month − 1), so that
 * consecutive months differ by exactly 1. Throws if the text is not a real calendar date;
 * `what` names the argument/row in the message.
 */
export function monthNumber(date: string, what = "date"): number {
  const m = typeof date === "string" ? ISO_DATE.exec(date) : null;
  if (!m) throw new Error(`${what}: expected an ISO date "YYYY-MM-DD", got ${JSON.stringify(date)}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth)
    throw new Error(`${what}: ${JSON.stringify(date)} is not a calendar date`);
  return y * 12 + (mo - 1);
}

/** "YYYY-MM" of an ISO date (validated like `monthNumber`). */
export function monthKey(date: string, what = "date"): string {
  monthNumber(date, what);
  return date.slice(0, 7);
}

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
