/**
 * The realistic synthetic data set (data/realistic, lib/sample/realistic.ts): regeneration is byte
 * for byte identical, the folder loads and passes the plausibility rules with the expected
 * warnings, it looks like an export (turnover, ragged series, gaps), and the article pipeline runs
 * on it with its own index and window and reports the ragged trim.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import {
  ARTICLE_FIELDS,
  dataQualityReport,
  loadCsvDirectory,
  monthEndsBetween,
  monthlyMembership,
} from "../../lib/data";
import { CORRECTED, FAITHFUL } from "../../lib/factors";
import { articlePipeline, describeTrimmed, LABEL_COLUMNS } from "../../lib/features";
import {
  generateRealistic,
  REALISTIC_CALENDAR,
  REALISTIC_DY_GAP_MONTHS,
  REALISTIC_INDEX,
  REALISTIC_RAGGED,
  REALISTIC_SERIES,
  REALISTIC_STUDY,
} from "../../lib/sample/realistic";

const repo = path.resolve(__dirname, "..", "..");
const DIR = path.join(repo, "data", "realistic");
const CSV_FILES = ["constituents.csv", "display_names.csv", "fields.csv", "history.csv", "release_lags.csv"];
const out = mkdtempSync(path.join(tmpdir(), "data-realistic-"));
after(() => rmSync(out, { recursive: true, force: true }));

describe("realistic data set: files", () => {
  it("lib/cli/generate-realistic-data.ts --out DIR writes files identical to data/realistic", () => {
    const tsx = path.join(repo, "node_modules", ".bin", "tsx");
    const r = spawnSync(tsx, [path.join(repo, "lib", "cli", "generate-realistic-data.ts"), "--out", out], {
      encoding: "utf8",
      cwd: repo,
    });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(readdirSync(out).sort(), CSV_FILES);
    for (const f of CSV_FILES) {
      const a = readFileSync(path.join(out, f));
      const b = readFileSync(path.join(DIR, f));
      assert.ok(a.equals(b), `${f} differs from data/realistic/${f} (${a.length} vs ${b.length} bytes)`);
    }
    assert.deepEqual(readdirSync(DIR).sort(), [...CSV_FILES, "README.md"].sort());
  });

  it("stays small (≤ 5 MB), \\n line ends, no BOM; another seed gives other values", () => {
    const total = CSV_FILES.reduce((s, f) => s + statSync(path.join(DIR, f)).size, 0);
    assert.ok(total <= 5_000_000, `data/realistic is ${total} bytes`);
    const text = readFileSync(path.join(DIR, "history.csv"), "utf8");
    assert.ok(!text.includes("\r") && text.charCodeAt(0) !== 0xfeff);
    assert.notEqual(generateRealistic(7)["fields.csv"], readFileSync(path.join(DIR, "fields.csv"), "utf8"));
  });
});

describe("realistic data set: content", () => {
  const source = loadCsvDirectory(DIR, { synthetic: true });
  const cal = REALISTIC_CALENDAR;
  const changes = source.historicalConstituents(REALISTIC_INDEX, "1900-01-01", "2100-12-31");
  const dates = [...new Set(changes.map((c) => c.Date))];

  it("loads, with its own index and calendar", () => {
    assert.deepEqual(source.coverage?.(), { first: cal.fieldsStart, last: cal.fieldsEnd });
    assert.equal(dates[0], REALISTIC_STUDY.start);
    assert.throws(() => source.historicalConstituents(".DJI", "2013-01-01", "2023-12-31"), /available: \.RLX100/);
  });

  it("about 100 members, turnover at mid-month dates, joiners, leavers and names that come back", () => {
    const months = monthlyMembership(changes, cal.fieldsEnd);
    assert.equal(months.length, monthEndsBetween(cal.fieldsStart, cal.fieldsEnd).length);
    const sizes = months.map((m) => m.RIC.length);
    assert.ok(Math.min(...sizes) >= 100 && Math.max(...sizes) <= 101, `${Math.min(...sizes)}..${Math.max(...sizes)}`);
    const years = new Set(dates.map((d) => d.slice(0, 4)));
    assert.ok(dates.length - 1 >= 4 * (years.size - 1), `${dates.length - 1} change dates in ${years.size} years`);
    assert.ok(
      dates.slice(1).every((d) => !d.endsWith("-01")),
      "change dates fall inside the month",
    );
    const lists = dates.map((d) => new Set(changes.filter((c) => c.Date === d).map((c) => c.RIC)));
    const left = new Set<string>();
    const returners = new Set<string>();
    for (let k = 1; k < lists.length; k++) {
      for (const r of lists[k]) if (!lists[k - 1].has(r) && left.has(r)) returners.add(r);
      for (const r of lists[k - 1]) if (!lists[k].has(r)) left.add(r);
    }
    assert.ok(left.size >= 40, `${left.size} leavers`);
    assert.ok(returners.size >= 3, `${returners.size} names that leave and come back`);
    const delisted = new Set(changes.map((c) => c.RIC).filter((r) => /\^[A-L]\d\d$/.test(r)));
    assert.ok(delisted.size >= 5, `${delisted.size} acquired names with a delisted RIC`);
  });

  it("ragged history: US6MT=RR starts late, NGc1 ends early, everything else covers the article's requests", () => {
    for (const s of REALISTIC_SERIES) {
      const pts = source.history(s.ric, s.field, "1900-01-01", "2100-12-31");
      const want = REALISTIC_RAGGED[s.ric] ?? {};
      assert.equal(pts[0].Date, want.first ?? cal.seriesStart, s.ric);
      assert.equal(pts[pts.length - 1].Date, want.last ?? cal.seriesEnd, s.ric);
    }
    assert.deepEqual(REALISTIC_RAGGED, { "US6MT=RR": { first: "2013-04-30" }, NGc1: { last: "2023-09-30" } });
    // the backtest's request for the index level (In[44])
    assert.equal(source.history(REALISTIC_INDEX, "TR.PriceClose", "2020-01-31", "2023-12-31").length, 48);
  });

  it("units and gaps of an export: returns in percent, caps > 0, yields ≥ 0, a few missing values", () => {
    const rows = monthEndsBetween(cal.fieldsStart, cal.fieldsEnd).flatMap((d) => {
      const members = monthlyMembership(changes, cal.fieldsEnd).find((m) => m.Date === d)!.RIC;
      return source.fields(members, ARTICLE_FIELDS, d);
    });
    const num = (c: string) => rows.map((r) => r[c] as number);
    const r1 = num("TR.TOTALRETURN1MO");
    const ok = r1.filter(Number.isFinite);
    assert.ok(ok.every((x) => x > -100 && x < 100));
    const sd = Math.sqrt(ok.reduce((s, x) => s + x * x, 0) / ok.length);
    assert.ok(sd > 4 && sd < 15, `monthly return sd ${sd} percent`);
    assert.ok(num("TR.COMPANYMARKETCAP").every((x) => x > 1e8 && x < 1e12));
    const dy = num("TR.DIVIDENDYIELD").filter(Number.isFinite);
    assert.ok(dy.every((x) => x >= 0 && x < 20));
    assert.equal(r1.length - ok.length, 15);
    const sectorOf = new Map(rows.map((r) => [r.Instrument, r["TR.TRBCECONOMICSECTOR"]]));
    assert.ok(new Set(sectorOf.values()).size >= 10);
    const fin = rows.filter((r) => r["TR.TRBCECONOMICSECTOR"] === "Financials");
    assert.ok(fin.every((r) => Number.isNaN(r["TR.F.TOTCURRASSETS(PERIOD=FY0)"] as number)));
    for (const d of REALISTIC_DY_GAP_MONTHS)
      assert.ok(rows.filter((r) => r.Date === d).every((r) => Number.isNaN(r["TR.DIVIDENDYIELD"] as number)));
  });

  it("dataQualityReport: no rejected value, 434 warnings of three kinds", () => {
    const report = dataQualityReport(DIR);
    assert.deepEqual(
      report.warnings.map((w) => [w.rule, w.file, w.count]),
      [
        ["formula-undefined", "fields.csv", 417],
        ["return-1m-missing", "fields.csv", 15],
        ["field-missing-for-month", "fields.csv", 2],
      ],
    );
    assert.equal(report.warningCount, 434);
    assert.deepEqual(report.membersPerMonth, { min: 100, max: 101 });
    const w = report.warnings.find((x) => x.rule === "field-missing-for-month")!;
    assert.deepEqual(
      w.examples.map((e) => [e.column, e.note.slice(-10)]),
      REALISTIC_DY_GAP_MONTHS.map((d) => ["TR.DIVIDENDYIELD", d]),
    );
  });
});

describe("realistic data set: the article pipeline with its own index and window", () => {
  const source = loadCsvDirectory(DIR, { synthetic: true });
  const opts = {
    fields: ARTICLE_FIELDS,
    indexRic: REALISTIC_STUDY.indexRic,
    start: REALISTIC_STUDY.start,
    end: REALISTIC_STUDY.end,
  };
  const trainClasses = (r: ReturnType<typeof articlePipeline>) => {
    const t = r.labelled;
    return t.best_factor_next_month.filter((_, i) => t.frame.index[i] < REALISTIC_STUDY.split);
  };

  it("faithful: the ragged series trim 4 months at each end; 80 training months with all 6 classes", () => {
    const r = articlePipeline(source, { ...opts, errata: FAITHFUL });
    assert.equal(r.dataset.length, 13213);
    assert.deepEqual(r.trimmed.leading, ["2013-01-31", "2013-02-28", "2013-03-31", "2013-04-30"]);
    assert.deepEqual(r.trimmed.trailing, ["2023-09-30", "2023-10-31", "2023-11-30", "2023-12-31"]);
    assert.deepEqual(
      r.trimmed.series.map((c) => [c.ric, c.first, c.last, c.from, c.to]),
      [
        ["US6MT=RR", "2013-04-30", "2023-12-31", "2013-05-31", "2023-12-31"],
        ["NGc1", "2013-01-31", "2023-09-30", "2013-01-31", "2023-08-31"],
      ],
    );
    assert.deepEqual(r.trimmed.columns, ["US3MT=RR", "US6MT=RR", "US10YT=RR", "NGc1"]);
    assert.equal(r.model.index.length, 124);
    const train = trainClasses(r);
    assert.equal(train.length, 80);
    assert.deepEqual([...new Set(train)].sort(), [...LABEL_COLUMNS].sort());
    assert.equal(r.features.length, 22);
    assert.match(
      describeTrimmed(r.trimmed).join("\n"),
      /NGc1 TRDPRC_1 \(In\[26\]\) has 2013-01-31\.\.2023-09-30 \(lead 1\)/,
    );
  });

  it("corrected: NGc1 trims one month less at the end; the release lags and US6MT=RR trim the start", () => {
    const r = articlePipeline(source, { ...opts, errata: CORRECTED });
    assert.deepEqual(r.trimmed.leading, ["2013-01-31", "2013-02-28", "2013-03-31", "2013-04-30"]);
    assert.deepEqual(r.trimmed.trailing, ["2023-10-31", "2023-11-30", "2023-12-31"]);
    assert.deepEqual(
      r.trimmed.series.map((c) => [c.ric, c.releaseLag, c.from, c.to]),
      [
        ["USGPCS=ECI", 2, "2013-02-28", "2023-12-31"],
        ["USGDPF=ECI", 3, "2013-03-31", "2023-12-31"],
        ["US6MT=RR", 0, "2013-05-31", "2023-12-31"],
        ["NGc1", 0, "2013-01-31", "2023-09-30"],
      ],
    );
    assert.equal(r.model.index.length, 125);
    const train = trainClasses(r);
    assert.equal(train.length, 80);
    assert.deepEqual([...new Set(train)].sort(), [...LABEL_COLUMNS].sort());
  });
});
