import assert from "node:assert/strict";
import { test } from "node:test";
import { type FieldRow, factorComponents, resolveErrata, softmax, toNumber } from "../../lib/factors";
import { alignByDate, concatColumns, frameFromSeries } from "../../lib/features";

test("a missing field column is reported with the row and the column", () => {
  const row = { Instrument: "MMM.N", Date: "2000-01-31", "TR.TRBCECONOMICSECTOR": "Industrials" } as FieldRow;
  assert.throws(
    () => factorComponents([row]),
    /row MMM\.N 2000-01-31 has no column "TR\.F\.ASSETTURNOVER\(PERIOD=FY0\)"/,
  );
});

test("non-numeric cells and infinities become NaN (In[9])", () => {
  assert.ok(Number.isNaN(toNumber("n/a")));
  assert.ok(Number.isNaN(toNumber(Number.POSITIVE_INFINITY)));
  assert.ok(Number.isNaN(toNumber("")));
  assert.equal(toNumber("1.5e3"), 1500);
});

test("unknown errata switch names the known ones", () => {
  assert.throws(() => resolveErrata({ wkDelta: true } as never), /unknown switch "wkDelta"/);
});

test("softmax rejects +Infinity; all-NaN gives NaN", () => {
  assert.throws(() => softmax([0, Number.POSITIVE_INFINITY]), /\+Infinity/);
  assert.ok([...softmax([Number.NaN, Number.NaN])].every(Number.isNaN));
});

test("frames: duplicate dates, mismatched indexes and duplicate columns are named", () => {
  assert.throws(
    () =>
      frameFromSeries({
        A: [
          { Date: "2000-01-31", value: 1 },
          { Date: "2000-01-31", value: 2 },
        ],
      }),
    /series "A": duplicate date 2000-01-31/,
  );
  const a = frameFromSeries({ A: [{ Date: "2000-01-31", value: 1 }] });
  const b = frameFromSeries({ A: [{ Date: "2000-02-29", value: 1 }] });
  assert.throws(() => concatColumns([a, b]), /first difference at row 0: 2000-02-29 vs 2000-01-31/);
  assert.throws(() => concatColumns([a, a]), /duplicate column "A"/);
  assert.throws(() => alignByDate(a, ["2000-02-29"]), /\[A\] has no row for 2000-02-29/);
});
