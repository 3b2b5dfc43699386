/** The study configuration (lib/pipeline/study.ts): defaults, validation messages, the window. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { pipeline } from "../../lib";

test("defaults are the article's study", () => {
  const s = pipeline.parseStudyConfig({});
  assert.deepEqual(s, { ...pipeline.ARTICLE_STUDY, classifier: {} });
  assert.equal(s.indexRic, ".DJI");
  assert.equal(s.split, "2019-01-01");
  assert.equal(s.rfe, 12);
  assert.equal(s.errata, "faithful");
  assert.equal(s.start, undefined);
});

test("every problem is named with its path", () => {
  const msg = (x: unknown) => {
    try {
      pipeline.parseStudyConfig(x, "my.json");
    } catch (e) {
      assert.ok(e instanceof pipeline.StudyConfigError);
      return (e as Error).message;
    }
    assert.fail("no error");
  };
  const m = msg({ split: "2019-02-30", rfe: 1.5, classifier: { learningRate: 0, trees: 5 }, colour: 1 });
  assert.match(m, /^my\.json: invalid study configuration — /);
  assert.match(m, /split: expected a date YYYY-MM-DD/);
  assert.match(m, /rfe: /);
  assert.match(m, /classifier\.learningRate: /);
  assert.match(m, /classifier: Unrecognized key: "trees"/);
  assert.match(m, /\(top level\): Unrecognized key: "colour"/);
  assert.match(msg({ errata: { factors: { sizePositivLog: false } } }), /errata: .*unknown switch "sizePositivLog"/);
  assert.match(msg({ start: "2010-01-01", end: "2005-01-01" }), /start 2010-01-01 must be before end 2005-01-01/);
  assert.match(msg({ start: "2010-01-01", split: "2009-01-01" }), /split 2009-01-01 must be after start 2010-01-01/);
  assert.match(msg({ indexName: "my index" }), /indexName: expected a plain column name/);
});

test("the window follows the data when not given, and says so", () => {
  const cov = { coverage: () => ({ first: "2004-01-31", last: "2023-12-31" }) };
  const w = pipeline.studyWindow(cov);
  assert.deepEqual([w.start, w.end, w.from.start, w.from.end], ["2004-01-01", "2023-12-31", "data", "data"]);
  assert.match(
    w.note,
    /study window 2004-01-01 \(from the data\) to 2023-12-31 \(from the data\); the field table covers 2004-01-31 to 2023-12-31/,
  );
  const g = pipeline.studyWindow(cov, { end: "2020-06-30" });
  assert.deepEqual([g.start, g.end, g.from.end], ["2004-01-01", "2020-06-30", "given"]);
  const a = pipeline.studyWindow({});
  assert.deepEqual([a.start, a.end, a.from.start], ["2000-01-01", "2024-07-31", "article"]);
  assert.throws(
    () => pipeline.studyWindow(cov, { start: "2024-01-01" }),
    /start 2024-01-01 is not before end 2023-12-31/,
  );
});
