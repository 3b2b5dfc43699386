import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { addMonths, isMonthEnd, monthEndsBetween } from "../../lib/data/dates";
import { groupConstituentsByDate, monthlyMembership } from "../../lib/data/membership";

const rows = (date: string, rics: string[]) => rics.map((RIC) => ({ Date: date, RIC }));

describe("dates", () => {
  it("knows month ends, leap years included", () => {
    assert.equal(isMonthEnd("2000-02-29"), true); // 2000 is a leap year (divisible by 400)
    assert.equal(isMonthEnd("1900-02-28"), true); // 1900 is not
    assert.equal(isMonthEnd("2024-02-28"), false);
    assert.equal(isMonthEnd("2024-04-31"), false); // not a date at all
    assert.equal(addMonths("2024-01-31", 1), "2024-02-29");
    assert.equal(addMonths("2000-01-15", -1), "1999-12-31");
  });
  it("counts the article's 295 month ends 2000-01-31..2024-07-31", () => {
    const m = monthEndsBetween("2000-01-01", "2024-07-31");
    assert.equal(m.length, 295);
    assert.equal(m[0], "2000-01-31");
    assert.equal(m[294], "2024-07-31");
    assert.equal(m.filter((d) => d < "2019-01-01").length, 228);
  });
});

describe("monthlyMembership (In[4]-In[5])", () => {
  it("applies a mid-month change at that month's end and extends the last list to the end", () => {
    const ch = [...rows("2000-01-01", ["A", "B"]), ...rows("2000-02-15", ["A", "C"])];
    assert.deepEqual(monthlyMembership(ch, "2000-05-31"), [
      { Date: "2000-01-31", RIC: ["A", "B"] },
      { Date: "2000-02-29", RIC: ["A", "C"] },
      { Date: "2000-03-31", RIC: ["A", "C"] },
      { Date: "2000-04-30", RIC: ["A", "C"] },
      { Date: "2000-05-31", RIC: ["A", "C"] },
    ]);
  });
  it("keeps the later of two changes in one month", () => {
    const ch = [
      ...rows("2000-01-01", ["A", "B"]),
      ...rows("2000-03-03", ["A", "C"]),
      ...rows("2000-03-30", ["D", "C"]),
    ];
    const m = monthlyMembership(ch, "2000-04-30");
    assert.deepEqual(
      m.map((x) => [x.Date, x.RIC.join("+")]),
      [
        ["2000-01-31", "A+B"],
        ["2000-02-29", "A+B"],
        ["2000-03-31", "D+C"],
        ["2000-04-30", "D+C"],
      ],
    );
  });
  it("forward-fills across a gap of several months without changes", () => {
    const ch = [...rows("2000-01-01", ["A"]), ...rows("2000-06-30", ["B"])];
    const m = monthlyMembership(ch, "2000-06-30");
    assert.deepEqual(
      m.map((x) => x.RIC[0]),
      ["A", "A", "A", "A", "A", "B"],
    );
    assert.equal(m[4].Date, "2000-05-31");
  });
  it("a change on a month end counts for that month; a change on the 1st for the month it opens", () => {
    const ch = [...rows("2000-01-31", ["A"]), ...rows("2000-03-01", ["B"])];
    assert.deepEqual(
      monthlyMembership(ch, "2000-03-31").map((x) => `${x.Date}:${x.RIC[0]}`),
      ["2000-01-31:A", "2000-02-29:A", "2000-03-31:B"],
    );
  });
  it("stops at the last month end on or before `end`, never before the last change's month", () => {
    const ch = [...rows("2000-01-01", ["A"]), ...rows("2000-02-10", ["B"])];
    assert.equal(monthlyMembership(ch, "2000-04-15").at(-1)?.Date, "2000-03-31");
    assert.equal(monthlyMembership(ch, "2000-02-10").at(-1)?.Date, "2000-02-29");
  });
  it("rejects bad input with located messages", () => {
    assert.throws(() => monthlyMembership([], "2000-01-31"), /no constituent changes/);
    assert.throws(() => monthlyMembership(rows("2000-01-01", ["A"]), "2000-13-01"), /end "2000-13-01"/);
    assert.throws(() => monthlyMembership(rows("2000-02-01", ["A"]), "2000-01-31"), /before the last change date/);
    assert.throws(() => groupConstituentsByDate(rows("2000-02-30", ["A"])), /row 0: Date "2000-02-30"/);
    assert.throws(() => groupConstituentsByDate(rows("2000-02-01", ["A", "A"])), /row 1: A listed twice on 2000-02-01/);
  });
  it("returns copies (mutating a month's list does not touch another)", () => {
    const m = monthlyMembership(rows("2000-01-01", ["A"]), "2000-02-29");
    m[0].RIC.push("X");
    assert.deepEqual(m[1].RIC, ["A"]);
  });
});

describe("monthlyMembership matches pandas (test/reference/data_membership.py)", () => {
  const fixture = JSON.parse(
    readFileSync(path.join(__dirname, "..", "fixtures", "data", "membership.json"), "utf8"),
  ) as {
    cases: Record<
      string,
      { changes: { Date: string; RIC: string }[]; end: string; expected: { Date: string; RIC: string[] }[] }
    >;
  };
  for (const [name, c] of Object.entries(fixture.cases)) {
    it(name, () => {
      assert.deepEqual(monthlyMembership(c.changes, c.end), c.expected);
    });
  }
});
