/**
 * The project's one calendar module: parsing and checking "YYYY-MM-DD" strings, month ends and
 * month arithmetic (month numbers, n months later, the month-end grid between two dates as pandas
 * `date_range(freq="M")`), day arithmetic and Monday-to-Sunday weeks. Every other module does its
 * date arithmetic through these functions (month alignment is this project's central risk, so it
 * is written once and tested in test/data/dates.test.ts).
 *
 * All dates are proleptic Gregorian calendar days without time zone, handled as strings and
 * integers — never through `Date` local time, so results do not depend on the machine's time zone.
 * Business days and exchange holidays, which need a calendar of their own, are in
 * lib/aila/calendars.ts.
 */

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days in `month` (1-12) of `year`, leap years by the Gregorian rule. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** (year, month, day) of a valid ISO date, or undefined when `s` is not a real calendar day. */
export function parseIsoDate(s: string): { year: number; month: number; day: number } | undefined {
  const m = ISO_RE.exec(s);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** True when `s` is a valid "YYYY-MM-DD" calendar date. */
export function isIsoDate(s: string): boolean {
  return parseIsoDate(s) !== undefined;
}

/** True when `s` is a valid ISO date on the last day of its month. */
export function isMonthEnd(s: string): boolean {
  const d = parseIsoDate(s);
  return d !== undefined && d.day === daysInMonth(d.year, d.month);
}

/** Format (year, month, day) as "YYYY-MM-DD". */
export function formatIsoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The month end on or after the ISO date `s` (the end of its own month). Throws on an invalid date. */
export function monthEndOf(s: string): string {
  const d = parseIsoDate(s);
  if (!d) throw new Error(`monthEndOf: "${s}" is not a valid YYYY-MM-DD date`);
  return formatIsoDate(d.year, d.month, daysInMonth(d.year, d.month));
}

/**
 * The calendar month of an ISO date as an integer, year·12 + month − 1, so that consecutive months
 * differ by exactly 1 (2000-01-xx → 24000). Throws unless `date` is a real calendar date; `what`
 * names the argument or row in the message.
 */
export function monthNumber(date: string, what = "date"): number {
  const d = typeof date === "string" ? parseIsoDate(date) : undefined;
  if (!d) {
    if (typeof date === "string" && ISO_RE.test(date))
      throw new Error(`${what}: ${JSON.stringify(date)} is not a calendar date`);
    throw new Error(`${what}: expected an ISO date "YYYY-MM-DD", got ${JSON.stringify(date)}`);
  }
  return d.year * 12 + (d.month - 1);
}

/** "YYYY-MM" of an ISO date (validated like {@link monthNumber}). */
export function monthKey(date: string, what = "date"): string {
  monthNumber(date, what);
  return date.slice(0, 7);
}

/**
 * Days from 1970-01-01 to the ISO date `s` (negative before), by the proleptic Gregorian
 * calendar (days-from-civil, H. Hinnant's algorithm). Throws on an invalid date.
 */
export function dayNumber(s: string): number {
  const d = parseIsoDate(s);
  if (!d) throw new Error(`dayNumber: "${s}" is not a valid YYYY-MM-DD date`);
  return civilDayNumber(d.year, d.month, d.day);
}

/**
 * Days from 1970-01-01 to (year, month, day), unchecked; a month outside 1..12 rolls into the
 * neighbouring years and a day beyond the month's length into the next months (as `Date.UTC`),
 * e.g. (2024, 13, 1) = 2025-01-01 and (2024, 3, 0) = 2024-02-29.
 */
export function civilDayNumber(year: number, month: number, day: number): number {
  const k = year * 12 + (month - 1);
  const yy = Math.floor(k / 12);
  const mm = k - yy * 12 + 1;
  const y = mm <= 2 ? yy - 1 : yy;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (mm + (mm > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Day of the week of a day number, 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDayNumber(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

/** Day of the week of an ISO date, 0 = Sunday … 6 = Saturday. */
export function weekday(s: string): number {
  return weekdayOfDayNumber(dayNumber(s));
}

/** The ISO date `n` days after 1970-01-01 (inverse of {@link dayNumber}). */
export function dateOfDayNumber(n: number): string {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return formatIsoDate(yoe + era * 400 + (month <= 2 ? 1 : 0), month, day);
}

/** The ISO date `n` calendar days after `s` (n may be negative), e.g. pandas' `− timedelta(days=30)`. */
export function addDays(s: string, n: number): string {
  return dateOfDayNumber(dayNumber(s) + n);
}

/**
 * The Monday-to-Sunday week of an ISO date as an integer (weeks counted from the one that contains
 * 1970-01-01, a Thursday), so two dates are in the same calendar week exactly when their numbers
 * are equal. Used to group daily series into weeks.
 */
export function weekNumber(s: string): number {
  return Math.floor((dayNumber(s) + 3) / 7);
}

/** The month end `n` months after the month of `s` (n may be negative). */
export function addMonths(s: string, n: number): string {
  const d = parseIsoDate(s);
  if (!d) throw new Error(`addMonths: "${s}" is not a valid YYYY-MM-DD date`);
  const k = d.year * 12 + (d.month - 1) + n;
  const year = Math.floor(k / 12);
  const month = (k % 12) + 1;
  return formatIsoDate(year, month, daysInMonth(year, month));
}

/**
 * Month ends M with start <= M <= end, ascending (pandas `date_range(start, end, freq="M")`).
 * Empty when end < start. Throws on invalid dates.
 */
export function monthEndsBetween(start: string, end: string): string[] {
  if (!isIsoDate(start)) throw new Error(`monthEndsBetween: start "${start}" is not a valid YYYY-MM-DD date`);
  if (!isIsoDate(end)) throw new Error(`monthEndsBetween: end "${end}" is not a valid YYYY-MM-DD date`);
  const out: string[] = [];
  for (let m = monthEndOf(start); m <= end; m = addMonths(m, 1)) out.push(m);
  return out;
}
