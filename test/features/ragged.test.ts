/**
 * Ragged and partial data: a history series that starts late or ends early trims the study window
 * to the span common to all series (lib/features/market-features.ts `marketFeaturesInSpan`,
 * lib/features/pipeline.ts `trimModelTable`); a gap inside a series is an error.
 *
 * Hand-made sources: a tiny history of a few months for the coverage rule, and the embedded
 * sample with one series cut at the start or the end for the whole pipeline (the model table of a
 * trimmed run must equal the untrimmed one restricted to the kept months).
 */
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import { ARTICLE_FIELDS, type DataSource, loadCsvDirectory, openDataSource, sampleDataDir } from "../../lib/data";
import { addMonths } from "../../lib/data/dates";
import { CORRECTED, FAITHFUL } from "../../lib/factors";
import {
  articleBlocks,
  articlePipeline,
  assertCompleteSeries,
  commonSpan,
  describeTrimmed,
  fetchSeries,
  type HistorySource,
  type MonthlyFrame,
  marketFeatures,
  marketFeaturesInSpan,
  type PipelineResult,
  type SeriesPoint,
  seriesCoverage,
} from "../../lib/features";

const months = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addMonths(d, 1)) out.push(d);
  return out;
};

/** Every article series with a value per month end in [from, to], except `cut` per RIC. */
function tinySource(
  from: string,
  to: string,
  cut: Record<string, { first?: string; last?: string }> = {},
): HistorySource {
  return {
    history(ric: string, _field: string, start: string, end: string): SeriesPoint[] {
      const c = cut[ric] ?? {};
      return months(from, to)
        .filter((d) => d >= start && d <= end && d >= (c.first ?? from) && d <= (c.last ?? to))
        .map((d, i) => ({ Date: d, value: 100 + i + ric.length }));
    },
  };
}

// study window 2001-01-01 .. 2001-12-31: feature months 2001-01-31 .. 2001-12-31
const FEATURE_MONTHS = months("2001-01-31", "2001-12-31");
const span = (src: HistorySource, errata = FAITHFUL) =>
  marketFeaturesInSpan(src, FEATURE_MONTHS, "2001-01-01", "2001-12-31", errata).span;

describe("coverage rule (tiny hand-made history 2000-06-30 .. 2002-02-28)", () => {
  const full = tinySource("2000-06-30", "2002-02-28");

  it("a complete history covers every feature month (no trim, no series)", () => {
    for (const e of [FAITHFUL, CORRECTED]) {
      const s = span(full, e);
      assert.deepEqual(s.months, FEATURE_MONTHS);
      assert.deepEqual([s.leading, s.trailing, s.series], [[], [], []]);
    }
  });

  it("late start of a bond series: the change of month t needs t−1, so data from 2001-03-31 supplies 2001-04-30 on", () => {
    const s = span(tinySource("2000-06-30", "2002-02-28", { "US6MT=RR": { first: "2001-03-31" } }));
    assert.deepEqual(s.leading, ["2001-01-31", "2001-02-28", "2001-03-31"]);
    assert.deepEqual(s.trailing, []);
    assert.deepEqual(
      s.series.map((c) => [c.cell, c.ric, c.field, c.first, c.from, c.to]),
      [["In[25]", "US6MT=RR", "B_YLD_1", "2001-03-31", "2001-04-30", "2001-12-31"]],
    );
  });

  it("early end of a commodity: faithful (E7 lead 1) needs one month more than corrected", () => {
    const src = tinySource("2000-06-30", "2002-02-28", { NGc1: { last: "2001-10-31" } });
    const faithful = span(src, FAITHFUL);
    assert.deepEqual(faithful.trailing, ["2001-10-31", "2001-11-30", "2001-12-31"]);
    assert.deepEqual(
      faithful.series.map((c) => [c.ric, c.last, c.lead, c.from, c.to]),
      [["NGc1", "2001-10-31", 1, "2001-01-31", "2001-09-30"]],
    );
    const corrected = span(src, CORRECTED);
    assert.deepEqual(corrected.trailing, ["2001-11-30", "2001-12-31"]);
    assert.equal(corrected.series[0].to, "2001-10-31");
  });

  it("faithful: an FX / index / commodity series ending at the last feature month trims one month (E7 asks one more)", () => {
    const s = span(tinySource("2000-06-30", "2002-02-28", { ".VIX": { last: "2001-12-31" } }), FAITHFUL);
    assert.deepEqual(s.trailing, ["2001-12-31"]);
    assert.deepEqual(
      span(tinySource("2000-06-30", "2002-02-28", { ".VIX": { last: "2001-12-31" } }), CORRECTED).trailing,
      [],
    );
  });

  it("a macro level series: late start trims the start, early end trims the end (no stale forward fill)", () => {
    const s = span(
      tinySource("2000-06-30", "2002-02-28", { "USLEAD=ECI": { first: "2001-02-28", last: "2001-11-30" } }),
    );
    assert.deepEqual(s.leading, ["2001-01-31"]);
    assert.deepEqual(s.trailing, ["2001-12-31"]);
    // corrected E16: lag 1 month for USLEAD=ECI, so its data supplies one month later at both ends
    const c = span(
      tinySource("2000-06-30", "2002-02-28", { "USLEAD=ECI": { first: "2001-02-28", last: "2001-10-31" } }),
      CORRECTED,
    );
    const lead = c.series.find((x) => x.ric === "USLEAD=ECI")!;
    assert.deepEqual([lead.releaseLag, lead.from, lead.to], [1, "2001-03-31", "2001-11-30"]);
  });

  it("the aligned blocks keep every feature month, NaN where a series cannot supply it", () => {
    const src = tinySource("2000-06-30", "2002-02-28", { "USLEAD=ECI": { last: "2001-09-30" } });
    const { blocks } = marketFeaturesInSpan(src, FEATURE_MONTHS, "2001-01-01", "2001-12-31", FAITHFUL);
    const macro = blocks.find((b) => b.spec.cell === "In[22]")!.aligned;
    assert.deepEqual(macro.index, FEATURE_MONTHS);
    const col = macro.data[macro.columns.indexOf("USLEAD=ECI")];
    assert.ok(col.slice(0, 9).every(Number.isFinite));
    assert.ok(col.slice(9).every(Number.isNaN), "no forward-filled value after the series' last point");
    const cpi = macro.data[macro.columns.indexOf("USCPI=ECI")];
    assert.ok(cpi.every(Number.isFinite));
  });

  it("no common month left, or no point at all in the request: errors naming the series", () => {
    // faithful GCc1 (lead 1) up to 2001-01-31 supplies feature months up to 2000-12-31 only
    const src = tinySource("2000-06-30", "2002-02-28", { GCc1: { last: "2001-01-31" } });
    assert.throws(
      () => span(src),
      /no feature month between 2001-01-31 and 2001-12-31 .*GCc1 TRDPRC_1 In\[26\] supplies 2001-01-31\.\.2000-12-31/,
    );
    const none = tinySource("2000-06-30", "2002-02-28", { GCc1: { last: "2000-12-31" } });
    assert.throws(() => span(none), /In\[26\]: series GCc1 TRDPRC_1 has no value between 2001-01-01 and 2002-01-31/);
  });

  it("marketFeatures (strict, all months) names the short series and points to the trim", () => {
    const src = tinySource("2000-06-30", "2002-02-28", { "US6MT=RR": { first: "2001-03-31" } });
    assert.throws(
      () => marketFeatures(src, FEATURE_MONTHS, "2001-01-01", "2001-12-31", FAITHFUL),
      /has no row for 2001-01-31 .*US6MT=RR has 2001-03-31\.\.2001-12-31, supplies feature months 2001-04-30\.\.2001-12-31/,
    );
  });
});

const temp: string[] = [];
after(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

describe("a gap inside a series is an error", () => {
  it("assertCompleteSeries names the missing month and its neighbours; NaN values count as gaps", () => {
    const pts = months("2001-01-31", "2001-06-30").map((d) => ({ Date: d, value: 1 }));
    assert.doesNotThrow(() => assertCompleteSeries("X", pts));
    assert.throws(
      () => assertCompleteSeries("X", [...pts.slice(0, 2), ...pts.slice(3)]),
      /series X has a gap: no value for 2001-03-31 between 2001-02-28 and 2001-04-30/,
    );
    assert.throws(
      () =>
        assertCompleteSeries(
          "X",
          pts.map((p, i) => (i === 2 ? { ...p, value: Number.NaN } : p)),
        ),
      /series X: missing value on 2001-03-31/,
    );
  });

  it("marketFeaturesInSpan rejects a gap (a trim would hide it, a forward fill would fake a monthly change)", () => {
    const base = tinySource("2000-06-30", "2002-02-28");
    const gapped: HistorySource = {
      history: (ric, field, start, end) =>
        base.history(ric, field, start, end).filter((p) => !(ric === "US10YT=RR" && p.Date === "2001-06-30")),
    };
    assert.throws(() => span(gapped), /US10YT=RR B_YLD_1 \(In\[25\]\) has a gap: no value for 2001-06-30/);
  });

  it("the CSV loader rejects a gap in history.csv", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ragged-gap-"));
    temp.push(dir);
    cpSync(sampleDataDir(), dir, { recursive: true });
    const file = path.join(dir, "history.csv");
    const text = readFileSync(file, "utf8");
    const without = text.replace(/^US6MT=RR,B_YLD_1,2010-06-30,.*\n/m, "");
    assert.equal(without.length < text.length, true);
    writeFileSync(file, without);
    assert.throws(() => loadCsvDirectory(dir), /series US6MT=RR B_YLD_1 has a gap: no value for 2010-06-30/);
  });
});

describe("articlePipeline on the sample with one series cut (hand-made ragged sources)", () => {
  const sample = openDataSource();
  /** The sample with the points of `ric` outside [first, last] removed. */
  const cut = (ric: string, bounds: { first?: string; last?: string }): DataSource => ({
    ...sample,
    history: (r, field, start, end) =>
      sample
        .history(r, field, start, end)
        .filter((p) => r !== ric || ((bounds.first ?? "") <= p.Date && p.Date <= (bounds.last ?? "9999"))),
  });
  const run = (src: DataSource, errata = FAITHFUL) => articlePipeline(src, { fields: ARTICLE_FIELDS, errata });
  const fullFaithful = run(sample);
  const rowsOf = (f: MonthlyFrame, dates: readonly string[]) => {
    const pos = new Map(f.index.map((d, i) => [d, i]));
    return f.data.map((c) => dates.map((d) => c[pos.get(d)!]));
  };
  const sameOnKept = (trimmed: PipelineResult, full: PipelineResult) => {
    assert.deepEqual(trimmed.model.columns, full.model.columns);
    assert.deepEqual(trimmed.model.data, rowsOf(full.model, trimmed.model.index));
  };

  it("no trim on the embedded sample (faithful), and the report has the new fields empty", () => {
    assert.deepEqual(fullFaithful.trimmed, { months: [], columns: [], leading: [], trailing: [], series: [] });
    assert.equal(fullFaithful.model.index.length, 295);
    assert.deepEqual(describeTrimmed(fullFaithful.trimmed), []);
  });

  it("late start: US6MT=RR from 2001-06-30 drops 2000-01-31 .. 2001-06-30 and says why", () => {
    const r = run(cut("US6MT=RR", { first: "2001-06-30" }));
    assert.deepEqual(r.trimmed.leading, months("2000-01-31", "2001-06-30"));
    assert.deepEqual(r.trimmed.trailing, []);
    assert.deepEqual(r.trimmed.months, r.trimmed.leading);
    assert.deepEqual(
      r.trimmed.series.map((c) => [c.ric, c.first, c.last, c.from, c.to]),
      [["US6MT=RR", "2001-06-30", "2024-07-31", "2001-07-31", "2024-07-31"]],
    );
    // the whole bond block has no row before the change of 2001-07 (pct_change().dropna())
    assert.deepEqual(r.trimmed.columns, ["US3MT=RR", "US6MT=RR", "US10YT=RR"]);
    assert.equal(r.model.index[0], "2001-07-31");
    assert.equal(r.model.index.length, 295 - 18);
    sameOnKept(r, fullFaithful);
    assert.equal(r.labelled.frame.index.length, 295 - 18 - 1); // the last month has no label (E10)
    const text = describeTrimmed(r.trimmed).join("\n");
    assert.match(text, /dropped 18 months at the start \(2000-01-31\.\.2001-06-30\)/);
    assert.match(
      text,
      /US6MT=RR B_YLD_1 \(In\[25\]\) has 2001-06-30\.\.2024-07-31: supplies feature months 2001-07-31\.\.2024-07-31/,
    );
  });

  it("early end: NGc1 to 2024-03-31 drops 2024-03-31 .. 2024-07-31 faithful (lead 1), 2024-04-30 .. corrected", () => {
    const src = cut("NGc1", { last: "2024-03-31" });
    const f = run(src, FAITHFUL);
    assert.deepEqual(f.trimmed.trailing, months("2024-03-31", "2024-07-31"));
    assert.deepEqual(f.trimmed.leading, []);
    assert.deepEqual(f.trimmed.columns, ["NGc1"]);
    assert.deepEqual(
      f.trimmed.series.map((c) => [c.cell, c.ric, c.last, c.lead, c.to]),
      [["In[26]", "NGc1", "2024-03-31", 1, "2024-02-29"]],
    );
    sameOnKept(f, fullFaithful);
    assert.equal(f.model.index.at(-1), "2024-02-29");
    // the last kept month is unlabelled: the month after it is dropped with its features
    assert.equal(f.withMomentum.labels.at(-1), null);

    const c = run(src, CORRECTED);
    const fullCorrected = run(sample, CORRECTED);
    assert.deepEqual(c.trimmed.trailing, months("2024-04-30", "2024-07-31"));
    // corrected E16: the macro release lags trim the start as before, now with the series named
    assert.deepEqual(c.trimmed.leading, fullCorrected.trimmed.leading);
    assert.deepEqual(c.trimmed.leading, ["2000-01-31", "2000-02-29"]);
    assert.deepEqual(fullCorrected.trimmed.columns, ["USGPCS=ECI", "USGDPF=ECI"]);
    assert.deepEqual(
      fullCorrected.trimmed.series.map((x) => [x.ric, x.releaseLag, x.from]),
      [
        ["USGPCS=ECI", 2, "2000-02-29"],
        ["USGDPF=ECI", 3, "2000-03-31"],
      ],
    );
    assert.deepEqual(c.trimmed.columns, ["USGPCS=ECI", "USGDPF=ECI", "NGc1"]);
    sameOnKept(c, fullCorrected);
  });

  it("both ends at once, and other study windows than the article's", () => {
    const src = cut("EUR=", { first: "2004-12-31", last: "2009-06-30" });
    const r = articlePipeline(src, { fields: ARTICLE_FIELDS, start: "2004-01-01", end: "2010-12-31" });
    // faithful EUR= (lead 1) changes: month t needs t and t+1 -> 2004-12-31 .. 2009-05-31
    assert.deepEqual(r.trimmed.leading, months("2004-01-31", "2004-11-30"));
    assert.deepEqual(r.trimmed.trailing, months("2009-06-30", "2010-12-31"));
    assert.deepEqual(r.trimmed.columns, ["BID"]);
    assert.deepEqual(r.model.index, months("2004-12-31", "2009-05-31"));
    const plain = articlePipeline(sample, { fields: ARTICLE_FIELDS, start: "2004-01-01", end: "2010-12-31" });
    assert.deepEqual(plain.trimmed.months, []);
    assert.deepEqual(plain.model.index, months("2004-01-31", "2010-12-31"));
    assert.deepEqual(r.model.data, rowsOf(plain.model, r.model.index));
  });

  it("fetchSeries / seriesCoverage report what each request returned", () => {
    const spec = articleBlocks("2000-01-01", "2024-07-31", FAITHFUL)[4];
    const cov = seriesCoverage(spec, fetchSeries(cut("NGc1", { last: "2024-03-31" }), spec));
    assert.deepEqual(
      cov.map((c) => [c.ric, c.first, c.last, c.to]),
      [
        ["LCOc1", "2000-01-31", "2024-08-31", "2024-07-31"],
        ["NGc1", "2000-01-31", "2024-03-31", "2024-02-29"],
        ["GCc1", "2000-01-31", "2024-08-31", "2024-07-31"],
      ],
    );
    assert.deepEqual(commonSpan(["2024-01-31", "2024-02-29", "2024-03-31"], cov).trailing, ["2024-03-31"]);
  });
});
