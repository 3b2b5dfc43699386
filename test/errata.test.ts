/**
 * The errata registry (lib/errata.ts): its rows, the switch types and presets derived from it, the
 * one resolver and its per-area views, the tables, and the names under which the area namespaces
 * re-export them. Expected values are written out here, not computed from the registry.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  ARTICLE_CORRECTED,
  ARTICLE_FAITHFUL,
  type ArticleErrata,
  areaErrataTable,
  articleErrataTable,
  BACKTEST_CORRECTED,
  BACKTEST_ERRATA_TABLE,
  BACKTEST_FAITHFUL,
  type BacktestErrata,
  ERRATA,
  ERRATUM_AREAS,
  errataMarkdown,
  erratumById,
  FACTOR_CORRECTED,
  FACTOR_ERRATA_TABLE,
  FACTOR_FAITHFUL,
  type FactorErrata,
  MODEL_CORRECTED,
  MODEL_FAITHFUL,
  type ModelErrata,
  resolveArticleErrata,
  resolveBacktestErrata,
  resolveFactorErrata,
  resolveModelErrata,
} from "../lib/errata";
import { backtest, factors, pipeline } from "../lib/index";

/** The switches each area must have, in registry order. */
const FACTOR_SWITCHES = [
  "wkDeltaChainedAssignment",
  "averageTaFy0Twice",
  "financialsQualityRawRoa",
  "sizePositiveLog",
  "momentumIncludesLastMonth",
  "compositesNotRenormalised",
  "marketChangesLeadOneMonth",
  "factorReturnsSameMonthWeights",
  "returnsToReturnMonthMembers",
  "missingReturnsAsZero",
  "macroAtReferenceMonth",
] as const;
const MODEL_SWITCHES = ["rfeImportancesMisaligned"] as const;
const BACKTEST_SWITCHES = ["cumulativeSum", "sharpeSqrt252"] as const;

// Compile-time: the switch types derived from the registry have exactly these keys (the type check
// of the test files fails otherwise).
type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const factorKeys: Equal<keyof FactorErrata, (typeof FACTOR_SWITCHES)[number]> = true;
const modelKeys: Equal<keyof ModelErrata, (typeof MODEL_SWITCHES)[number]> = true;
const backtestKeys: Equal<keyof BacktestErrata, (typeof BACKTEST_SWITCHES)[number]> = true;
const areaKeys: Equal<keyof ArticleErrata, "factors" | "model" | "backtest"> = true;
// @ts-expect-error a switch that is not in the registry is not a key
const unknownSwitch: ModelErrata = { rfeImportancesMisaligned: true, rfeImportanceMisalignment: true };
// @ts-expect-error every switch of an area is required in the full type
const missingSwitch: BacktestErrata = { cumulativeSum: true };

test("the derived switch types have the registry's keys (compile-time checks above)", () => {
  assert.deepEqual([factorKeys, modelKeys, backtestKeys, areaKeys], [true, true, true, true]);
  assert.ok(unknownSwitch && missingSwitch);
});

test("registry: every erratum once, in table order, E12 an alias of B4", () => {
  assert.deepEqual(
    ERRATA.map((e) => e.id),
    [
      ...["E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9", "E10", "E11", "E13", "E14", "E15", "E16"],
      ...["M1", "B1", "B2", "B3", "B4"],
    ],
  );
  assert.deepEqual(
    ERRATA.filter((e) => e.aliases !== undefined).map((e) => [e.id, e.aliases?.map((a) => `${a.area}:${a.id}`)]),
    [["B4", ["factors:E12"]]],
  );
  const area = { E: "factors", M: "model", B: "backtest" } as Record<string, string>;
  for (const e of ERRATA) {
    assert.match(e.id, /^[EMB][1-9]\d*$/);
    assert.equal(e.area, area[e.id[0]], `${e.id} is in the area its letter says`);
    assert.ok(e.cells.length > 0 && e.cells.every((c) => c.length > 0), `${e.id} has cells`);
    assert.ok(e.what && e.correct && e.effect, `${e.id} has what / correct / effect`);
  }
  assert.deepEqual(ERRATUM_AREAS, ["factors", "model", "backtest"]);
});

test("registry rows are frozen", () => {
  assert.ok(Object.isFrozen(ERRATA));
  for (const e of ERRATA) assert.ok(Object.isFrozen(e) && Object.isFrozen(e.cells), e.id);
  assert.ok(Object.isFrozen(erratumById("B4")?.aliases?.[0]));
  assert.throws(() => {
    (ERRATA as unknown as unknown[]).push({});
  }, TypeError);
});

test("every switch named in the registry is a preset key and vice versa", () => {
  const named = ERRATA.filter((e) => e.switch !== undefined).map((e) => `${e.area}.${e.switch}`);
  const expected = [
    ...FACTOR_SWITCHES.map((s) => `factors.${s}`),
    ...MODEL_SWITCHES.map((s) => `model.${s}`),
    ...BACKTEST_SWITCHES.map((s) => `backtest.${s}`),
  ];
  assert.deepEqual(named, expected);
  for (const preset of [ARTICLE_FAITHFUL, ARTICLE_CORRECTED]) {
    const keys = Object.entries(preset).flatMap(([area, sw]) => Object.keys(sw).map((k) => `${area}.${k}`));
    assert.deepEqual(keys, expected);
  }
  // Documented-only errata have no switch.
  assert.deepEqual(
    ERRATA.filter((e) => e.switch === undefined).map((e) => e.id),
    ["E9", "E10", "E11", "E13", "B3", "B4"],
  );
  // M1's switch is named as the model code and the article pipeline use it, and nothing else.
  assert.equal(erratumById("M1")?.switch, "rfeImportancesMisaligned");
});

test("presets: faithful all true, corrected all false, frozen, one object per area", () => {
  assert.deepEqual(FACTOR_FAITHFUL, Object.fromEntries(FACTOR_SWITCHES.map((s) => [s, true])));
  assert.deepEqual(FACTOR_CORRECTED, Object.fromEntries(FACTOR_SWITCHES.map((s) => [s, false])));
  assert.deepEqual(MODEL_FAITHFUL, { rfeImportancesMisaligned: true });
  assert.deepEqual(MODEL_CORRECTED, { rfeImportancesMisaligned: false });
  assert.deepEqual(BACKTEST_FAITHFUL, { cumulativeSum: true, sharpeSqrt252: true });
  assert.deepEqual(BACKTEST_CORRECTED, { cumulativeSum: false, sharpeSqrt252: false });
  assert.equal(ARTICLE_FAITHFUL.factors, FACTOR_FAITHFUL);
  assert.equal(ARTICLE_CORRECTED.backtest, BACKTEST_CORRECTED);
  for (const p of [ARTICLE_FAITHFUL, ARTICLE_CORRECTED]) {
    assert.ok(Object.isFrozen(p));
    for (const area of ["factors", "model", "backtest"] as const) assert.ok(Object.isFrozen(p[area]), area);
  }
});

test("the area namespaces re-export the registry's presets, resolvers and tables", () => {
  assert.equal(factors.FAITHFUL, FACTOR_FAITHFUL);
  assert.equal(factors.CORRECTED, FACTOR_CORRECTED);
  assert.equal(factors.ERRATA_TABLE, FACTOR_ERRATA_TABLE);
  assert.equal(factors.resolveErrata, resolveFactorErrata);
  assert.equal(backtest.FAITHFUL, BACKTEST_FAITHFUL);
  assert.equal(backtest.CORRECTED, BACKTEST_CORRECTED);
  assert.equal(backtest.ERRATA_TABLE, BACKTEST_ERRATA_TABLE);
  assert.equal(backtest.resolveErrata, resolveBacktestErrata);
  assert.equal(pipeline.MODEL_FAITHFUL, MODEL_FAITHFUL);
  assert.equal(pipeline.MODEL_CORRECTED, MODEL_CORRECTED);
  assert.equal(pipeline.ARTICLE_FAITHFUL, ARTICLE_FAITHFUL);
  assert.equal(pipeline.ARTICLE_CORRECTED, ARTICLE_CORRECTED);
  assert.equal(pipeline.resolveArticleErrata, resolveArticleErrata);
  assert.equal(pipeline.articleErrataTable, articleErrataTable);
  assert.equal(pipeline.errataMarkdown, errataMarkdown);
  assert.equal(pipeline.ERRATA, ERRATA);
});

test("resolver: presets and partial selections resolve to every switch", () => {
  const f = resolveArticleErrata();
  assert.deepEqual(f, {
    factors: Object.fromEntries(FACTOR_SWITCHES.map((s) => [s, true])),
    model: { rfeImportancesMisaligned: true },
    backtest: { cumulativeSum: true, sharpeSqrt252: true },
  });
  assert.deepEqual(resolveArticleErrata("faithful"), f);
  const c = resolveArticleErrata("corrected");
  assert.deepEqual(c, {
    factors: Object.fromEntries(FACTOR_SWITCHES.map((s) => [s, false])),
    model: { rfeImportancesMisaligned: false },
    backtest: { cumulativeSum: false, sharpeSqrt252: false },
  });
  const p = resolveArticleErrata({ backtest: { sharpeSqrt252: false }, factors: { sizePositiveLog: false } });
  assert.deepEqual(p.backtest, { cumulativeSum: true, sharpeSqrt252: false });
  assert.equal(p.factors.sizePositiveLog, false);
  assert.equal(p.factors.wkDeltaChainedAssignment, true);
  assert.deepEqual(p.model, { rfeImportancesMisaligned: true });
  // A switch given as undefined is not given.
  assert.equal(
    resolveArticleErrata({ model: { rfeImportancesMisaligned: undefined } }).model.rfeImportancesMisaligned,
    true,
  );
  // Fresh objects: changing a result changes neither the presets nor the next result.
  c.factors.sizePositiveLog = true;
  assert.equal(ARTICLE_CORRECTED.factors.sizePositiveLog, false);
  assert.equal(resolveArticleErrata("corrected").factors.sizePositiveLog, false);
  assert.ok(!Object.isFrozen(resolveArticleErrata().factors));
});

test("resolver: unknown areas, switches and values are errors naming the known ones", () => {
  assert.throws(
    () => resolveArticleErrata({ modle: {} } as never),
    /^Error: errata: unknown area "modle" \(known: factors, model, backtest\)$/,
  );
  assert.throws(
    () => resolveArticleErrata({ model: { rfe: true } } as never),
    /^Error: errata: unknown switch "rfe" in area model \(known: rfeImportancesMisaligned\)$/,
  );
  assert.throws(
    () => resolveArticleErrata({ backtest: { sqrt: true } } as never),
    /unknown switch "sqrt" in area backtest \(known: cumulativeSum, sharpeSqrt252\)/,
  );
  // Inherited object keys are not switches.
  assert.throws(() => resolveArticleErrata({ factors: { toString: true } } as never), /unknown switch "toString"/);
  assert.throws(
    () => resolveArticleErrata({ backtest: { cumulativeSum: "yes" } } as never),
    /switch backtest\.cumulativeSum must be true or false, got yes/,
  );
  assert.throws(() => resolveArticleErrata({ factors: [] } as never), /area "factors" must be an object of switches/);
  assert.throws(
    () => resolveArticleErrata("fixed" as never),
    /expected "faithful", "corrected" or an object, got "fixed"/,
  );
  assert.throws(() => resolveArticleErrata(null as never), /expected "faithful", "corrected" or an object, got null/);
});

test("per-area resolvers are views of the one resolver", () => {
  assert.deepEqual(resolveFactorErrata(), Object.fromEntries(FACTOR_SWITCHES.map((s) => [s, true])));
  assert.equal(resolveFactorErrata({ momentumIncludesLastMonth: false }).momentumIncludesLastMonth, false);
  assert.deepEqual(resolveModelErrata({ rfeImportancesMisaligned: false }), { rfeImportancesMisaligned: false });
  assert.deepEqual(resolveBacktestErrata({ cumulativeSum: false }), { cumulativeSum: false, sharpeSqrt252: true });
  assert.throws(() => resolveFactorErrata({ wkDelta: true } as never), /unknown switch "wkDelta" in area factors/);
  assert.throws(() => resolveBacktestErrata({ nope: true } as never), /unknown switch "nope" in area backtest/);
});

test("erratumById finds ids and aliases", () => {
  assert.equal(erratumById("E7")?.switch, "marketChangesLeadOneMonth");
  assert.equal(erratumById("E12")?.id, "B4");
  assert.equal(erratumById("B4")?.id, "B4");
  assert.equal(erratumById("E99"), undefined);
  assert.equal(erratumById("e7"), undefined);
});

test("merged table: one row per erratum, alias in the id, area-qualified switches", () => {
  const rows = articleErrataTable();
  assert.deepEqual(
    rows.map((r) => r.id),
    [
      ...["E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9", "E10", "E11", "E13", "E14", "E15", "E16"],
      ...["M1", "B1", "B2", "B3", "B4 (= E12)"],
    ],
  );
  const byId = (id: string) => rows.find((r) => r.id === id);
  assert.deepEqual(
    { cell: byId("E7")?.cell, switch: byId("E7")?.switch },
    { cell: "In[23], In[24], In[26]", switch: "factors.marketChangesLeadOneMonth" },
  );
  assert.deepEqual(byId("M1"), {
    id: "M1",
    cell: "In[34], In[35]",
    switch: "model.rfeImportancesMisaligned",
    what: "prints the 13-feature fit's importances minus the last one (importances[:-1]) next to the 12 surviving names",
    correct: "the importances of a fit on the 12 selected features, aligned with their names",
    effect:
      "every name after the eliminated feature's position shows its neighbour's importance; the order of the table (and of In[35]'s columns) follows these wrong values; the selected set is unchanged",
  });
  assert.deepEqual(byId("B4 (= E12)"), {
    id: "B4 (= E12)",
    cell: "In[44]",
    switch: "",
    what: "the base index (.DJI) is a price return, the factor returns are total returns (TR.TotalReturn1Mo)",
    correct: "compare with the total-return index (or price returns for both)",
    effect: "the index is handicapped by its dividend yield (about 2 % a year for the Dow); documented only",
  });
  assert.equal(byId("B3")?.cell, "In[44] (In[21])");
  assert.equal(byId("B2")?.switch, "backtest.sharpeSqrt252");
  assert.equal(byId("E9")?.switch, "");
  // Every switch in the table is a faithful switch of the resolver.
  const e = resolveArticleErrata() as unknown as Record<string, Record<string, boolean>>;
  for (const r of rows.filter((x) => x.switch)) {
    const [area, name] = r.switch.split(".");
    assert.equal(e[area][name], true, r.id);
  }
});

test("area tables: the factor list of notebook 01 (with E12) and the back-test list", () => {
  assert.deepEqual(
    FACTOR_ERRATA_TABLE.map((r) => r.id),
    ["E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9", "E10", "E11", "E12", "E13", "E14", "E15", "E16"],
  );
  // Key order matters: notebook 01 shows the rows as a table with these columns.
  assert.deepEqual(Object.keys(FACTOR_ERRATA_TABLE[0]), ["id", "cell", "switch", "what", "effect"]);
  assert.deepEqual(FACTOR_ERRATA_TABLE[0], {
    id: "E1",
    cell: "In[8]",
    switch: "wkDeltaChainedAssignment",
    what: "wk_delta is written as a chained assignment (= instead of -)",
    effect: "FY0 working capital is overwritten by FY-1 and wk_delta equals FY-1 working capital, not the change",
  });
  assert.deepEqual(
    FACTOR_ERRATA_TABLE.find((r) => r.id === "E12"),
    {
      id: "E12",
      cell: "In[44]",
      switch: "",
      what: "the benchmark .DJI is a price index while factor returns are total returns",
      effect: "dividends favour the strategies (about 2% a year); outside In[1]..In[31], listed for completeness",
    },
  );
  assert.deepEqual(
    BACKTEST_ERRATA_TABLE.map((r) => [r.id, r.switch]),
    [
      ["B1", "cumulativeSum"],
      ["B2", "sharpeSqrt252"],
      ["B3", ""],
      ["B4", ""],
    ],
  );
  assert.deepEqual(
    areaErrataTable("model").map((r) => [r.id, r.cell, r.switch]),
    [["M1", "In[34], In[35]", "rfeImportancesMisaligned"]],
  );
  assert.ok(Object.isFrozen(FACTOR_ERRATA_TABLE) && Object.isFrozen(FACTOR_ERRATA_TABLE[11]));
});

test("errataMarkdown: one row per erratum, pipes escaped", () => {
  const md = errataMarkdown([
    { id: "X1", cell: "In[1]", switch: "", what: "a | b", correct: "c", effect: "d\ne" },
    { id: "X2", cell: "In[2]", switch: "model.x", what: "w", correct: "c", effect: "e" },
  ]);
  assert.equal(
    md,
    [
      "| id | cell | switch | what the article does | what is correct | effect on the results |",
      "| --- | --- | --- | --- | --- | --- |",
      "| X1 | In[1] | — | a \\| b | c | d e |",
      "| X2 | In[2] | `model.x` | w | c | e |",
    ].join("\n"),
  );
  const lines = errataMarkdown().split("\n");
  assert.equal(lines.length, 2 + 20);
  assert.equal(
    lines[2],
    "| E1 | In[8] | `factors.wkDeltaChainedAssignment` | wk_delta is written as a chained assignment (= instead of -) | wk_delta = WKGCAP(FY0) − WKGCAP(FY-1), FY0 left untouched | FY0 working capital is overwritten by FY-1 and wk_delta equals FY-1 working capital, not the change |",
  );
});
