import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { easterSunday, isBusinessDay } from "../../lib/aila/calendars";
import { DAILY_FILES, readDailySample } from "../../lib/aila/daily-data";
import { dateOfDayNumber, dayNumber } from "../../lib/data/dates";
import { dailySampleCsv, generateDailySample } from "../../lib/sample/daily-sample";

test("calendars: Easter, US/UK/EU holidays and weekends", () => {
  assert.equal(dateOfDayNumber(easterSunday(2024)), "2024-03-31");
  assert.equal(dateOfDayNumber(easterSunday(2019)), "2019-04-21");
  const open = (c: "US" | "UK" | "EU", d: string) => isBusinessDay(c, dayNumber(d));
  assert.equal(open("US", "2024-07-04"), false);
  assert.equal(open("UK", "2024-07-04"), true);
  assert.equal(open("US", "2024-11-28"), false); // Thanksgiving
  assert.equal(open("UK", "2024-12-26"), false);
  assert.equal(open("US", "2024-12-26"), true);
  assert.equal(open("EU", "2024-12-31"), false);
  assert.equal(open("UK", "2024-08-26"), false); // last Monday of August
  assert.equal(open("US", "2024-03-29") || open("UK", "2024-03-29") || open("EU", "2024-03-29"), false); // Good Friday
  assert.equal(open("US", "2024-06-08"), false); // Saturday
});

test("daily sample: committed CSV files are byte-identical to the generator output", () => {
  const files = dailySampleCsv(generateDailySample());
  for (const f of DAILY_FILES) assert.equal(files[f], readFileSync(join("data/sample/daily", f), "utf8"), f);
});

test("daily sample: structure (assets, sectors, calendars, holidays, FX, expiries, standard weights)", () => {
  const ds = readDailySample("data/sample/daily");
  assert.ok(ds.assets.length >= 20 && ds.assets.length <= 40);
  assert.ok(ds.dates.length > 5000);
  assert.deepEqual([...new Set(ds.assets.map((a) => a.sector))].sort(), ["agriculture", "energy", "equity", "metals"]);
  assert.ok(new Set(ds.assets.map((a) => a.calendar)).size >= 2);
  assert.ok(ds.assets.some((a) => a.currency !== "USD"));
  const t = ds.dates.indexOf("2024-07-04");
  const us = ds.assets.findIndex((a) => a.calendar === "US");
  const uk = ds.assets.findIndex((a) => a.calendar === "UK");
  assert.ok(Number.isNaN(ds.prices[us][t]) && Number.isNaN(ds.signals[us][t]));
  assert.ok(ds.prices[uk][t] > 0 && ds.fx.EUR[t] > 0);
  for (const [k, y] of ds.standardIndex.years.entries()) {
    const s = ds.standardIndex.weights[k].reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(s - 1) < 1e-4, `standard weights ${y} sum to ${s}`);
  }
  for (const [i, ex] of ds.expiries.entries()) {
    assert.ok(ex.at(-1)! > ds.dates.at(-1)!, `asset ${ds.assets[i].id} has contracts beyond the sample`);
    for (const e of ex) assert.ok(isBusinessDay(ds.assets[i].calendar, dayNumber(e)) && Number(e.slice(8)) <= 20);
  }
});

test("readDailySample: bad files give located errors", () => {
  const dir = mkdtempSync(join(tmpdir(), "daily-"));
  try {
    const files = dailySampleCsv(generateDailySample({ start: "2024-01-01", end: "2024-01-31" }));
    for (const [f, s] of Object.entries(files)) writeFileSync(join(dir, f), s);
    assert.equal(readDailySample(dir).dates.length, 22);
    const lines = files["prices.csv"].split("\n");
    lines[3] = lines[3].replace(/,[^,]+$/, ",abc");
    writeFileSync(join(dir, "prices.csv"), lines.join("\n"));
    assert.throws(() => readDailySample(dir), /prices.csv line 4, column "FTSE": "abc" is not a number/);
    lines[3] = lines[3].replace(/,[^,]+$/, ",-5");
    writeFileSync(join(dir, "prices.csv"), lines.join("\n"));
    assert.throws(() => readDailySample(dir), /prices.csv line 4, column "FTSE": price -5 is not positive/);
  } finally {
    rmSync(dir, { recursive: true });
  }
});
