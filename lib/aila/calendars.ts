/**
 * Exchange calendars for the daily sample: weekday business days minus rule-based holidays, and
 * business-day counting (time to expiry, days to year end).
 *
 * Calendars (simplified, synthetic — close to but not exactly the real exchanges):
 *   "US": New Year, MLK day (3rd Mon Jan), Presidents' day (3rd Mon Feb), Good Friday, Memorial
 *         day (last Mon May), Independence day (Jul 4), Labor day (1st Mon Sep), Thanksgiving
 *         (4th Thu Nov), Christmas.
 *   "UK": New Year, Good Friday, Easter Monday, early May (1st Mon May), spring (last Mon May),
 *         summer (last Mon Aug) bank holidays, Christmas, Boxing day.
 *   "EU": New Year, Good Friday, Easter Monday, May 1, Dec 24, 25, 26, 31.
 * Fixed-date holidays falling on a weekend are not moved. Dates are ISO strings; day arithmetic
 * uses the day numbers of lib/data/dates.ts (days since 1970-01-01), so nothing depends on the
 * machine's time zone.
 */
import { civilDayNumber, dateOfDayNumber, dayNumber, weekdayOfDayNumber } from "../data/dates";

export type CalendarId = "US" | "UK" | "EU";
export const CALENDARS: readonly CalendarId[] = ["US", "UK", "EU"];

const weekday = weekdayOfDayNumber; // 0 = Sunday

/** Easter Sunday (Gregorian, anonymous algorithm) as an epoch day. */
export function easterSunday(y: number): number {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return civilDayNumber(y, month, day);
}

const ymd = civilDayNumber;
/** n-th (1-based) given weekday (0 = Sunday) of a month; n = −1 for the last. */
function nthWeekday(y: number, m: number, wd: number, n: number): number {
  if (n > 0) {
    const first = ymd(y, m, 1);
    return first + ((wd - weekday(first) + 7) % 7) + 7 * (n - 1);
  }
  const last = ymd(y, m + 1, 1) - 1;
  return last - ((weekday(last) - wd + 7) % 7);
}

/** Holidays (epoch days, with names) of a calendar in a year. */
export function holidays(cal: CalendarId, y: number): { day: number; name: string }[] {
  const e = easterSunday(y);
  const list: [number, string][] =
    cal === "US"
      ? [
          [ymd(y, 1, 1), "New Year"],
          [nthWeekday(y, 1, 1, 3), "Martin Luther King day"],
          [nthWeekday(y, 2, 1, 3), "Presidents' day"],
          [e - 2, "Good Friday"],
          [nthWeekday(y, 5, 1, -1), "Memorial day"],
          [ymd(y, 7, 4), "Independence day"],
          [nthWeekday(y, 9, 1, 1), "Labor day"],
          [nthWeekday(y, 11, 4, 4), "Thanksgiving"],
          [ymd(y, 12, 25), "Christmas"],
        ]
      : cal === "UK"
        ? [
            [ymd(y, 1, 1), "New Year"],
            [e - 2, "Good Friday"],
            [e + 1, "Easter Monday"],
            [nthWeekday(y, 5, 1, 1), "Early May bank holiday"],
            [nthWeekday(y, 5, 1, -1), "Spring bank holiday"],
            [nthWeekday(y, 8, 1, -1), "Summer bank holiday"],
            [ymd(y, 12, 25), "Christmas"],
            [ymd(y, 12, 26), "Boxing day"],
          ]
        : [
            [ymd(y, 1, 1), "New Year"],
            [e - 2, "Good Friday"],
            [e + 1, "Easter Monday"],
            [ymd(y, 5, 1), "Labour day"],
            [ymd(y, 12, 24), "Christmas Eve"],
            [ymd(y, 12, 25), "Christmas"],
            [ymd(y, 12, 26), "St Stephen's day"],
            [ymd(y, 12, 31), "New Year's Eve"],
          ];
  return list.filter(([d]) => weekday(d) !== 0 && weekday(d) !== 6).map(([day, name]) => ({ day, name }));
}

/** True when the epoch day is a weekday and not a holiday of `cal`. */
export function isBusinessDay(cal: CalendarId, day: number, cache = new Map<string, Set<number>>()): boolean {
  const wd = weekday(day);
  if (wd === 0 || wd === 6) return false;
  const y = Number(dateOfDayNumber(day).slice(0, 4));
  const key = `${cal}${y}`;
  let set = cache.get(key);
  if (!set) {
    set = new Set(holidays(cal, y).map((h) => h.day));
    cache.set(key, set);
  }
  return !set.has(day);
}

/** Weekdays between two ISO dates (inclusive). */
export function weekdaysBetween(start: string, end: string): string[] {
  const out: string[] = [];
  for (let d = dayNumber(start); d <= dayNumber(end); d++)
    if (weekday(d) !== 0 && weekday(d) !== 6) out.push(dateOfDayNumber(d));
  return out;
}
