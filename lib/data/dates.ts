/**
 * ISO calendar helpers for monthly data: parsing and checking "YYYY-MM-DD" strings, month ends,
 * and the month-end grid between two dates (pandas `date_range(freq="M")`).
 *
 * All dates are proleptic Gregorian calendar days without time zone, handled as strings and
 * integer (year, month, day) triples — never through `Date` local time, so results do not depend
 * on the machine's time zone.
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
