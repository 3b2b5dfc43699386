import assert from "node:assert/strict";
import { test } from "node:test";
import {
  addDays,
  addMonths,
  dateOfDayNumber,
  dayNumber,
  daysInMonth,
  isIsoDate,
  isMonthEnd,
  monthEndOf,
  monthEndsBetween,
  monthKey,
  monthNumber,
  weekNumber,
} from "../../lib/data/dates";

// The independent reference here is the JavaScript Date object in UTC (proleptic Gregorian).
const utcIso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

test("days in month and month ends: leap years by the Gregorian rule", () => {
  assert.deepEqual(
    [1900, 2000, 2023, 2024].map((y) => daysInMonth(y, 2)),
    [28, 29, 28, 29],
  );
  assert.equal(isMonthEnd("2024-02-29"), true);
  assert.equal(isMonthEnd("2023-02-28"), true);
  assert.equal(isMonthEnd("2024-02-28"), false);
  assert.equal(isIsoDate("2023-02-29"), false);
  assert.equal(monthEndOf("2024-02-10"), "2024-02-29");
});

test("addMonths: the month end n months later, across leap years and year ends, both ways", () => {
  assert.equal(addMonths("2000-01-31", 1), "2000-02-29");
  assert.equal(addMonths("1999-12-31", 2), "2000-02-29");
  assert.equal(addMonths("2024-07-31", -8), "2023-11-30");
  assert.equal(addMonths("2019-01-31", 1), "2019-02-28");
  assert.equal(addMonths("2024-12-31", 1), "2025-01-31");
  assert.equal(addMonths("2024-03-15", 1), "2024-04-30"); // any day of the month
  assert.equal(addMonths("2024-03-31", 0), "2024-03-31");
  // against Date.UTC(y, m + 1, 0) for every month of 1990–2030 and shifts −25..25
  for (let k = 1990 * 12; k < 2031 * 12; k++) {
    const y = Math.floor(k / 12);
    const m = k % 12;
    const start = utcIso(Date.UTC(y, m + 1, 0));
    for (const n of [-25, -13, -12, -1, 1, 11, 12, 25])
      assert.equal(addMonths(start, n), utcIso(Date.UTC(y, m + n + 1, 0)), `${start} + ${n}`);
  }
  assert.throws(() => addMonths("2024-02-30", 1), /not a valid YYYY-MM-DD date/);
});

test("monthEndsBetween follows pandas date_range(freq='M'): both ends included when month ends", () => {
  assert.deepEqual(monthEndsBetween("2023-12-15", "2024-03-31"), [
    "2023-12-31",
    "2024-01-31",
    "2024-02-29",
    "2024-03-31",
  ]);
  assert.deepEqual(monthEndsBetween("2024-01-31", "2024-02-28"), ["2024-01-31"]);
  assert.deepEqual(monthEndsBetween("2024-03-01", "2024-02-01"), []);
});

test("monthNumber and monthKey: consecutive months differ by 1; messages name the argument", () => {
  assert.equal(monthNumber("2000-01-31"), 24000);
  assert.equal(monthNumber("2000-12-01") - monthNumber("2000-11-30"), 1);
  assert.equal(monthNumber("2001-01-31") - monthNumber("2000-12-31"), 1);
  assert.equal(monthKey("2024-02-29"), "2024-02");
  assert.throws(() => monthNumber("2024-02-30", "row 3"), /^Error: row 3: "2024-02-30" is not a calendar date$/);
  assert.throws(() => monthNumber("2024/02/28"), /date: expected an ISO date "YYYY-MM-DD", got "2024\/02\/28"/);
  assert.throws(() => monthNumber(undefined as unknown as string), /expected an ISO date/);
});

test("dayNumber / dateOfDayNumber agree with Date.UTC from 1600 to 2400 and invert each other", () => {
  const first = Date.UTC(1600, 0, 1) / 86_400_000;
  const last = Date.UTC(2400, 11, 31) / 86_400_000;
  for (let n = first; n <= last; n += 13) {
    const iso = utcIso(n * 86_400_000);
    assert.equal(dayNumber(iso), n, iso);
    assert.equal(dateOfDayNumber(n), iso);
  }
  assert.equal(dayNumber("1970-01-01"), 0);
  assert.equal(addDays("2000-03-01", -1), "2000-02-29");
  assert.equal(addDays("2019-01-01", -30), "2018-12-02"); // the article's start − timedelta(days=30)
  assert.equal(addDays("2024-12-31", 1), "2025-01-01");
});

test("weekNumber: Monday-to-Sunday weeks (checked against Date's weekday)", () => {
  for (let n = 0; n < 3000; n++) {
    const iso = dateOfDayNumber(n);
    const next = dateOfDayNumber(n + 1);
    const nextIsMonday = new Date(`${next}T00:00:00Z`).getUTCDay() === 1;
    assert.equal(weekNumber(next) - weekNumber(iso), nextIsMonday ? 1 : 0, iso);
  }
  assert.equal(weekNumber("2026-12-06"), weekNumber("2026-11-30")); // Sunday, its Monday
});
