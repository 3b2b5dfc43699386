import assert from "node:assert/strict";
import { test } from "node:test";
import { addMonths } from "../../lib/data/dates";
import { FACTOR_COLUMNS, FAITHFUL, type WeightedRow, weightColumn } from "../../lib/factors";
import {
  alignBlock,
  alignByDate,
  allignDatesByPosition,
  articleBlocks,
  bestNextMonth,
  classCounts,
  countsSideBySide,
  FACTOR_FEATURE_COLUMNS,
  FACTOR_RETURN_COLUMNS,
  factorFeatures,
  featureColumns,
  fetchBlock,
  frameFromSeries,
  type HistorySource,
  LABEL_COLUMNS,
  labelTable,
  type MonthlyFrame,
  marketFeatures,
  modelTable,
  pctChange,
  type SeriesPoint,
} from "../../lib/features";
import { LabelEncoder } from "../../lib/model/label-encoder";

test("In[18] factor features: hand-computed sums per month", () => {
  const mk = (d: string, z: number, w: number, r: number, instrument = "X"): WeightedRow => {
    const o: Record<string, number | string> = { Instrument: instrument, Date: d, total_return_1m: r };
    for (const f of FACTOR_COLUMNS) {
      o[f] = z;
      o[weightColumn(f)] = w;
    }
    return o as WeightedRow;
  };
  const f = factorFeatures([
    mk("2000-02-29", 1, 0.5, 2),
    mk("2000-01-31", 2, 0.25, 4),
    mk("2000-01-31", -1, 0.75, Number.NaN, "Y"),
  ]);
  assert.deepEqual(f.index, ["2000-01-31", "2000-02-29"]);
  assert.deepEqual(f.columns, FACTOR_FEATURE_COLUMNS);
  assert.equal(f.columns.length, 14);
  assert.deepEqual(f.data[0], [2 * 0.25 - 0.75, 0.5]);
  // NaN return skipped like pandas groupby-sum
  assert.deepEqual(f.data[7], [1, 1]);
  // one stock twice in a month is an error, not a double weight
  assert.throws(
    () => factorFeatures([mk("2000-01-31", 1, 0.5, 2), mk("2000-01-31", 1, 0.5, 2)]),
    /X appears twice at 2000-01-31/,
  );
});

test("pctChange: change dated at its end month, first row dropped", () => {
  const f = frameFromSeries({
    A: [
      { Date: "2000-01-31", value: 100 },
      { Date: "2000-02-29", value: 110 },
      { Date: "2000-03-31", value: 99 },
    ],
  });
  const c = pctChange(f);
  assert.deepEqual(c.index, ["2000-02-29", "2000-03-31"]);
  assert.ok(Math.abs(c.data[0][0] - 0.1) < 1e-15 && Math.abs(c.data[0][1] + 0.1) < 1e-15);
});

/** A deterministic fake history: month ends from 1999-12-31 to 2024-08-31, value depends on RIC and month. */
function fakeSource(drop?: { ric: string; month: string }): HistorySource & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    history(ric: string, field: string, start: string, end: string): SeriesPoint[] {
      calls.push(`${ric}|${field}|${start}|${end}`);
      const out: SeriesPoint[] = [];
      for (let d = "1999-12-31"; d <= "2024-08-31"; d = addMonths(d, 1)) {
        if (d < start || d > end) continue;
        if (drop && (drop.ric === ric || drop.ric === "*") && drop.month === d) continue;
        const k = Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7));
        out.push({ Date: d, value: 50 + ((k * 7 + ric.length * 13) % 17) + ric.charCodeAt(1) / 10 });
      }
      return out;
    },
  };
}

const featureDates: string[] = [];
for (let d = "2000-01-31"; d <= "2024-07-31"; d = addMonths(d, 1)) featureDates.push(d);

test("article requests: 295 feature months; FX/index/commodities from 2000-01-01 to 2024-08-31, bonds/macro from 1999-12-02", () => {
  assert.equal(featureDates.length, 295);
  const specs = articleBlocks("2000-01-01", "2024-07-31", FAITHFUL);
  assert.deepEqual(
    specs.map((s) => [s.cell, s.start, s.end, s.faithfulLead]),
    [
      ["In[22]", "1999-12-02", "2024-07-31", 0],
      ["In[23]", "2000-01-01", "2024-08-31", 1],
      ["In[24]", "2000-01-01", "2024-08-31", 1],
      ["In[25]", "1999-12-02", "2024-07-31", 0],
      ["In[26]", "2000-01-01", "2024-08-31", 1],
    ],
  );
});

test("the article's positional allign_dates gives the same rows as date alignment (with E7's lead)", () => {
  const src = fakeSource();
  for (const spec of articleBlocks("2000-01-01", "2024-07-31", FAITHFUL)) {
    const raw = fetchBlock(src, spec);
    const byPos = alignBlock(raw, spec, featureDates, "position");
    const byDate = alignBlock(raw, spec, featureDates, "date");
    assert.deepEqual(byDate, byPos, spec.cell);
  }
});

test("E7: faithful row 2000-01-31 of the FX block holds the Jan->Feb change; corrected the Dec->Jan change", () => {
  const src = fakeSource();
  const v = (d: string) => src.history("EUR=", "BID", d, d)[0].value;
  const faithful = marketFeatures(src, featureDates, "2000-01-01", "2024-07-31", FAITHFUL);
  const corrected = marketFeatures(src, featureDates, "2000-01-01", "2024-07-31", { marketChangesLeadOneMonth: false });
  const fx = (b: typeof faithful) => (b.find((x) => x.spec.cell === "In[23]") as (typeof b)[0]).aligned.data[0][0];
  assert.equal(fx(faithful), v("2000-02-29") / v("2000-01-31") - 1);
  assert.equal(fx(corrected), v("2000-01-31") / v("1999-12-31") - 1);
});

test("date alignment catches a missing month that position alignment silently absorbs", () => {
  // one month missing inside the window, and the window extended by a month: same row count
  const src = fakeSource({ ric: "*", month: "2010-06-30" });
  const spec = { ...articleBlocks("2000-01-01", "2024-07-31")[3], end: "2024-08-31" };
  const raw = fetchBlock(src, spec);
  const byPos = alignBlock(raw, spec, featureDates, "position");
  assert.equal(byPos.index.length, 295); // positional: no error, rows after May 2010 are shifted
  assert.throws(() => alignBlock(raw, spec, featureDates, "date"), /no row for 2010-06-30/);
  // with the article's own window the count differs and positional fails, but without naming the month
  const raw2 = fetchBlock(src, articleBlocks("2000-01-01", "2024-07-31")[3]);
  assert.throws(() => allignDatesByPosition(raw2, featureDates), /does not match length/);
  assert.throws(() => alignByDate(raw2, featureDates), /US3MT=RR, US6MT=RR, US10YT=RR\] has no row for 2010-06-30/);
});

function modelFrame(returns: number[][]): MonthlyFrame {
  // rows = months, columns = the 7 factor return columns in the article's order
  const index = returns.map((_, i) => addMonths("2000-01-31", i));
  return {
    index,
    columns: [...FACTOR_RETURN_COLUMNS],
    data: FACTOR_RETURN_COLUMNS.map((_, j) => returns.map((r) => r[j])),
  };
}

test("labels: next month's argmax, ties to the first column, NaN skipped, last month unlabelled", () => {
  const m = modelFrame([
    [9, 9, 9, 9, 9, 9, 9],
    [1, 2, 2, 0, 0, 0, 0], // tie quality/profitability -> quality (first)
    [Number.NaN, 1, 3, Number.NaN, 0, 0, 0],
    [5, 0, 0, 0, 0, 0, 6],
  ]);
  assert.deepEqual(bestNextMonth(m, FACTOR_RETURN_COLUMNS), [
    "total_return_1m_quality",
    "total_return_1m_profitability",
    "total_return_1m_yield",
    null,
  ]);
  const counts = classCounts(bestNextMonth(m, FACTOR_RETURN_COLUMNS));
  assert.deepEqual(counts[counts.length - 1], { label: "nan", count: 0 });
});

test("LabelEncoder order: sorted class names", () => {
  const encoder = new LabelEncoder<string>().fit(LABEL_COLUMNS.slice().reverse());
  const { classes } = encoder;
  const codes = encoder.transform(LABEL_COLUMNS.slice().reverse());
  assert.deepEqual(classes, [
    "total_return_1m_leverage",
    "total_return_1m_profitability",
    "total_return_1m_quality",
    "total_return_1m_size",
    "total_return_1m_value",
    "total_return_1m_yield",
  ]);
  assert.deepEqual(codes, [5, 4, 3, 0, 1, 2]);
});

test("In[29]-In[31]: momentum dropped, 22 features without total* columns on the article's column set", () => {
  const src = fakeSource();
  const blocks = marketFeatures(src, featureDates, "2000-01-01", "2024-07-31");
  const feat: MonthlyFrame = {
    index: featureDates,
    columns: [...FACTOR_FEATURE_COLUMNS],
    data: FACTOR_FEATURE_COLUMNS.map((_, j) => featureDates.map((_, i) => Math.sin(i * 7 + j * 3))),
  };
  const model = modelTable(feat, blocks);
  assert.equal(model.columns.length, 30);
  const t = labelTable(model);
  assert.equal(t.frame.index.length, 294);
  assert.ok(!t.frame.columns.includes("momentum_normalized_weighted"));
  assert.ok(!t.best_factor_next_month.includes("total_return_1m_momentum"));
  const features = featureColumns(t.frame);
  assert.equal(features.length, 22);
  assert.ok(features.every((c) => !c.startsWith("total")));
  assert.deepEqual(features, [
    "quality_normalized_weighted",
    "profitability_normalized_weighted",
    "leverage_normalized_weighted",
    "size_normalized_weighted",
    "value_normalized_weighted",
    "yield_normalized_weighted",
    "USCPI=ECI",
    "USUNR=ECI",
    "USGPCS=ECI",
    "USLEAD=ECI",
    "USCPF=ECI",
    "USGDPF=ECI",
    "USFOUT=ECI",
    ".VIX",
    ".SPX",
    "BID",
    "US3MT=RR",
    "US6MT=RR",
    "US10YT=RR",
    "LCOc1",
    "NGc1",
    "GCc1",
  ]);
});

test("no look-ahead: a label uses only the next month; corrected features of month t ignore month t+1", () => {
  const n = 12;
  const base = Array.from({ length: n }, (_, i) => FACTOR_RETURN_COLUMNS.map((_, j) => Math.cos(i * 5 + j)));
  const labels = bestNextMonth(modelFrame(base), FACTOR_RETURN_COLUMNS);
  for (let t = 0; t < n - 1; t++) {
    // perturbing every month except t+1 never changes label t
    const perturbed = base.map((r, i) => (i === t + 1 ? r : r.map((v, j) => v + 100 * ((i + j) % 3))));
    assert.equal(bestNextMonth(modelFrame(perturbed), FACTOR_RETURN_COLUMNS)[t], labels[t]);
  }
  // corrected market features: changing the data of month t+1 leaves row t unchanged
  const cut = "2010-06-30";
  const src = fakeSource();
  const shifted: HistorySource = {
    history: (ric, field, start, end) =>
      src.history(ric, field, start, end).map((p) => (p.Date > cut ? { ...p, value: p.value * 3 } : p)),
  };
  const corr = { marketChangesLeadOneMonth: false };
  const a = modelTable(
    { index: featureDates, columns: [], data: [] },
    marketFeatures(src, featureDates, "2000-01-01", "2024-07-31", corr),
  );
  const b = modelTable(
    { index: featureDates, columns: [], data: [] },
    marketFeatures(shifted, featureDates, "2000-01-01", "2024-07-31", corr),
  );
  const row = featureDates.indexOf(cut);
  for (let j = 0; j < a.columns.length; j++) assert.equal(a.data[j][row], b.data[j][row], a.columns[j]);
  // faithful (E7): FX, index and commodity rows of month t do move — the documented look-ahead
  const fa = modelTable(
    { index: featureDates, columns: [], data: [] },
    marketFeatures(src, featureDates, "2000-01-01", "2024-07-31"),
  );
  const fb = modelTable(
    { index: featureDates, columns: [], data: [] },
    marketFeatures(shifted, featureDates, "2000-01-01", "2024-07-31"),
  );
  const moved = fa.columns.filter((_, j) => fa.data[j][row] !== fb.data[j][row]);
  assert.deepEqual(moved, [".VIX", ".SPX", "BID", "LCOc1", "NGc1", "GCc1"]);
});

test("countsSideBySide: sorted classes, missing class counts 0", () => {
  assert.deepEqual(
    countsSideBySide(
      [
        { label: "b", count: 2 },
        { label: "a", count: 1 },
      ],
      [{ label: "c", count: 3 }],
    ),
    [
      { class: "a", faithful: 1, corrected: 0 },
      { class: "b", faithful: 2, corrected: 0 },
      { class: "c", faithful: 0, corrected: 3 },
    ],
  );
});
