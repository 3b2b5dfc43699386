/**
 * The errata registry: every deviation of the article's notebook from a correct computation, in
 * one table, and the switches that select the article's or the corrected behaviour.
 *
 * Each {@link Erratum} row names its id (E = factors and features, M = model, B = back-test), the
 * area whose code it concerns, the cells, the switch (absent for errata that are documented
 * only), what the article does, what is correct and the effect on the results. A finding listed
 * under two ids is one row whose other id is an alias (data, not a special case): B4 is also
 * E12.
 *
 * The switch types ({@link FactorErrata}, {@link ModelErrata}, {@link BacktestErrata},
 * {@link ArticleErrata}) are derived from the registry: one boolean per row with a switch, under
 * the row's area, `true` when the article's behaviour is kept. The presets follow from the same
 * rows ({@link ARTICLE_FAITHFUL} every switch `true`, {@link ARTICLE_CORRECTED} every switch
 * `false`), and {@link resolveArticleErrata} is the one resolver: a preset name or a partial
 * selection becomes every switch, unknown areas and switches are errors naming the known ones;
 * the per-area resolvers are its views. The tables shown in notebook 01 and the README
 * ({@link articleErrataTable}, {@link errataMarkdown}, {@link areaErrataTable}) are projections of
 * the registry.
 *
 * This module imports nothing, so every area (factors, features, model, backtest, pipeline) can
 * import it.
 */

/** The part of the library whose switches an erratum belongs to. */
export type ErratumArea = "factors" | "model" | "backtest";

/** The areas in table order (factors, model, backtest). */
export const ERRATUM_AREAS: readonly ErratumArea[] = Object.freeze(["factors", "model", "backtest"] as const);

/**
 * Another id under which an area's review lists the same finding. `what` and `effect`, when
 * given, are that area's wording, shown in its view ({@link areaErrataTable}); the merged table
 * shows the row's own text and the alias in the id ("B4 (= E12)").
 */
export interface ErratumAlias {
  readonly id: string;
  readonly area: ErratumArea;
  readonly what?: string;
  readonly effect?: string;
}

/** One erratum of the article's notebook. */
export interface Erratum {
  /** "E1", "M1", "B4": a letter and a number, unique over ids and aliases. */
  readonly id: string;
  /** The area whose code it concerns; a switch lives under this area of {@link ArticleErrata}. */
  readonly area: ErratumArea;
  /** The notebook cells concerned, as printed in the tables (joined with ", "). */
  readonly cells: readonly string[];
  /** The name of the boolean switch (`true` = article's behaviour); absent = documented only. */
  readonly switch?: string;
  /** What the article does. */
  readonly what: string;
  /** What is correct (the behaviour with the switch `false`). */
  readonly correct: string;
  /** The effect on the results. */
  readonly effect: string;
  /** Other ids of the same finding. */
  readonly aliases?: readonly ErratumAlias[];
}

/** The registry, typed literally so that the switch types below can be derived from it. */
const REGISTRY = [
  {
    id: "E1",
    area: "factors",
    cells: ["In[8]"],
    switch: "wkDeltaChainedAssignment",
    what: "wk_delta is written as a chained assignment (= instead of -)",
    correct: "wk_delta = WKGCAP(FY0) − WKGCAP(FY-1), FY0 left untouched",
    effect: "FY0 working capital is overwritten by FY-1 and wk_delta equals FY-1 working capital, not the change",
  },
  {
    id: "E2",
    area: "factors",
    cells: ["In[8]"],
    switch: "averageTaFy0Twice",
    what: "average_ta = (TotAssets FY0 + TotAssets FY0) / 2",
    correct: "average_ta = (TotAssets FY0 + TotAssets FY-1) / 2",
    effect: "accruals are scaled by FY0 total assets instead of the FY0/FY-1 average",
  },
  {
    id: "E3",
    area: "factors",
    cells: ["In[13]"],
    switch: "financialsQualityRawRoa",
    what: "Financials' quality takes the raw ROA column instead of roa_normalized",
    correct: "Financials' quality = the ROA z-score (roa_normalized)",
    effect:
      "a percent figure (e.g. 1.797 for AXP) enters a z-score column; it can exceed 3 and dominates quality weights",
  },
  {
    id: "E4",
    area: "factors",
    cells: ["In[8]"],
    switch: "sizePositiveLog",
    what: "size = +ln(market cap); the FTSE ground rules use -ln(full market cap)",
    correct: "size = −ln(market cap) (small caps score high)",
    effect: "the size factor tilts to large caps instead of small caps",
  },
  {
    id: "E5",
    area: "factors",
    cells: ["In[8]"],
    switch: "momentumIncludesLastMonth",
    what: "momentum is the plain 52-week total return; the ground rules skip the most recent month",
    correct: "momentum = (1 + R52w) / (1 + R1m) − 1, skipping the latest month",
    effect: "short-term reversal leaks into momentum; corrected: (1 + R52w) / (1 + R1m) - 1 (percent)",
  },
  {
    id: "E6",
    area: "factors",
    cells: ["In[13]"],
    switch: "compositesNotRenormalised",
    what: "profitability, quality and value are means of z-scores without re-normalisation",
    correct: "re-normalise each multi-component composite (z-score of the mean of z-scores)",
    effect:
      "composite scores have a standard deviation below 1, so their softmax weights are flatter than single-component factors'",
  },
  {
    id: "E7",
    area: "factors",
    cells: ["In[23]", "In[24]", "In[26]"],
    switch: "marketChangesLeadOneMonth",
    what: "EUR=, .VIX/.SPX and commodity histories start at 2000-01-01 and are aligned by position",
    correct: "align every market block by calendar month, so row t holds the change over month t",
    effect:
      "row t holds the change over month t+1, the month the label predicts (look-ahead); bonds (In[25]) are aligned correctly, macro values (In[22]) by their reference month (E16). Measured with every other correction on: accuracy 0.318 with the leak vs 0.439 without, predicted-factor Sharpe (√12) 0.90 vs 1.40",
  },
  {
    id: "E8",
    area: "factors",
    cells: ["In[18]", "In[28]"],
    switch: "factorReturnsSameMonthWeights",
    what: "factor returns pair month-t weights with the return of the month ending at t (TR.TotalReturn1Mo is trailing)",
    correct:
      "the portfolio formed at t−1 (weights of t−1) earns month t's return, so the label of t is the best factor over the month after the decision",
    effect:
      "the weights of month t already contain month t's return (momentum, market cap), so the factor returns are not investable and the label is not the best factor after the decision. Measured on the sample with every other correction on: the best-of-6 label differs in 60 months, and momentum is the best of the seven factors in 77 months against 58 with investable weights (148 in the faithful run, the article's reason for dropping the momentum class); predicted-factor strategy 151.42 % compounded, Sharpe (√12) 1.01 with the leak vs 274.31 %, 1.40 without",
  },
  {
    id: "E9",
    area: "factors",
    cells: ["In[8]"],
    what: "requested fields PrefStockLiabPortLT, CashSTInvst, InvstLT and CustAdvTot are never used; fin_delta uses InvstTot - DebtTot",
    correct: "include preferred stock in the financial-asset change (documented only)",
    effect: "preferred stock is left out of the financial-asset change; documented only",
  },
  {
    id: "E10",
    area: "factors",
    cells: ["In[28]"],
    what: "the class-count loop prints 'nan 0' for the last month",
    correct: "count only months that have a label",
    effect: "pandas compares NaN == NaN as false, so the month without a next month is listed with count 0; cosmetic",
  },
  {
    id: "E11",
    area: "factors",
    cells: ["text after In[31]"],
    what: "the text speaks of 32 features; In[31] prints 22",
    correct: "22 features",
    effect: "documentation only",
  },
  {
    id: "E13",
    area: "factors",
    cells: ["In[10]"],
    what: "the clip / re-standardise loop has no iteration bound",
    correct: "bound the loop (maxIterations) and clip once more at the end",
    effect:
      "it never ends when one value stands above n - 1 equal others (z = sqrt(n - 1) > 3 after every pass); guarded here by maxIterations, then a final clip",
  },
  {
    id: "E14",
    area: "factors",
    cells: ["In[7]", "In[18]"],
    switch: "returnsToReturnMonthMembers",
    what: "month t's factor return accrues to the members at the end of month t (the field table of month t)",
    correct:
      "month t's return accrues to the members at the decision date t−1 (a leaver is held through the month it leaves)",
    effect:
      "the stocks held after the decision at t−1 depend on the membership at t (a look-ahead the detector finds). On the sample the figures are unchanged, because a leaver's missing return is renormalised away either way (E15)",
  },
  {
    id: "E15",
    area: "factors",
    cells: ["In[18]"],
    switch: "missingReturnsAsZero",
    what: "a missing one-month return adds 0 to the factor return (NaN skipped by the sum), weights not renormalised",
    correct:
      "leave a stock without a return out and renormalise the weights over the others; count it per month; more than 20 % missing is an error naming the month",
    effect:
      "a stock without a return counts as a 0 % return with its full weight. On the sample (20 stock-months: leavers in the month they leave) the predicted-factor strategy compounds to 273.28 % vs 274.31 % corrected",
  },
  {
    id: "E16",
    area: "factors",
    cells: ["In[22]"],
    switch: "macroAtReferenceMonth",
    what: "macro values are dated by their reference period (quarterly GDP on the quarter's own months), not by their release",
    correct:
      "a macro value enters from its release month: reference month M is visible from M + lag (lag table in lib/features/release-lags.ts, overridable per series)",
    effect:
      "the macro row of month t holds values the market learns one to three months later (look-ahead). Measured with every other correction on: accuracy 0.424 with the leak vs 0.439 without, top-3 0.864 vs 0.773, predicted-factor Sharpe (√12) 1.53 vs 1.40",
  },
  {
    id: "M1",
    area: "model",
    cells: ["In[34]", "In[35]"],
    switch: "rfeImportancesMisaligned",
    what: "prints the 13-feature fit's importances minus the last one (importances[:-1]) next to the 12 surviving names",
    correct: "the importances of a fit on the 12 selected features, aligned with their names",
    effect:
      "every name after the eliminated feature's position shows its neighbour's importance; the order of the table (and of In[35]'s columns) follows these wrong values; the selected set is unchanged",
  },
  {
    id: "B1",
    area: "backtest",
    cells: ["In[45]", "In[47]", "In[48]"],
    switch: "cumulativeSum",
    what: "cumulative return is the running sum of monthly percent returns",
    correct: "compound: (Π(1 + r/100) − 1)·100",
    effect: "misstates the growth of the money (ignores compounding; +10 % then −10 % sums to 0 % but loses 1 %)",
  },
  {
    id: "B2",
    area: "backtest",
    cells: ["In[46]"],
    switch: "sharpeSqrt252",
    what: "Sharpe ratio of monthly returns annualised with √252 (trading days)",
    correct: "√12 for monthly returns",
    effect: "every Sharpe ratio is overstated by the factor √21 ≈ 4.58 (ranking unchanged)",
  },
  {
    id: "B3",
    area: "backtest",
    cells: ["In[44] (In[21])"],
    what: "the index's returns are relabelled with the strategy table's dates by position (allign_dates)",
    correct: "join by calendar month; a missing month is an error",
    effect: "none when both lists cover the same months; otherwise the index silently shifts against the strategies",
  },
  {
    id: "B4",
    area: "backtest",
    cells: ["In[44]"],
    what: "the base index (.DJI) is a price return, the factor returns are total returns (TR.TotalReturn1Mo)",
    correct: "compare with the total-return index (or price returns for both)",
    effect: "the index is handicapped by its dividend yield (about 2 % a year for the Dow); documented only",
    aliases: [
      {
        id: "E12",
        area: "factors",
        what: "the benchmark .DJI is a price index while factor returns are total returns",
        effect: "dividends favour the strategies (about 2% a year); outside In[1]..In[31], listed for completeness",
      },
    ],
  },
] as const satisfies readonly Erratum[];

/** Every erratum, in table order: E (by number), M, B. Frozen, rows included. */
export const ERRATA: readonly Erratum[] = Object.freeze(
  REGISTRY.map((e): Erratum => {
    const aliases = "aliases" in e ? Object.freeze(e.aliases.map((a) => Object.freeze({ ...a }))) : undefined;
    return Object.freeze({ ...e, cells: Object.freeze([...e.cells]), ...(aliases ? { aliases } : {}) });
  }),
);

type RegistryRow = (typeof REGISTRY)[number];
/** The switch names of one area, taken from the registry's rows. */
type SwitchName<A extends ErratumArea> = Extract<RegistryRow, { readonly area: A; readonly switch: string }>["switch"];

/** The factor and feature switches (E…), one per registry row of area "factors" with a switch. */
export type FactorErrata = { [K in SwitchName<"factors">]: boolean };
/** The model switches (M…), one per registry row of area "model" with a switch. */
export type ModelErrata = { [K in SwitchName<"model">]: boolean };
/** The back-test switches (B…), one per registry row of area "backtest" with a switch. */
export type BacktestErrata = { [K in SwitchName<"backtest">]: boolean };

/** Every switch of notebook 01, grouped by area. */
export interface ArticleErrata {
  factors: FactorErrata;
  model: ModelErrata;
  backtest: BacktestErrata;
}

/** A selection: a preset name, or some switches per area (the others stay faithful). */
export type ArticleErrataInput =
  | "faithful"
  | "corrected"
  | {
      factors?: Partial<FactorErrata>;
      model?: Partial<ModelErrata>;
      backtest?: Partial<BacktestErrata>;
    };

/** Every switch of the registry set to `value`, in registry order within each area; frozen. */
function preset(value: boolean): Readonly<ArticleErrata> {
  const out: Record<ErratumArea, Record<string, boolean>> = { factors: {}, model: {}, backtest: {} };
  for (const e of ERRATA) if (e.switch !== undefined) out[e.area][e.switch] = value;
  for (const area of ERRATUM_AREAS) Object.freeze(out[area]);
  return Object.freeze(out) as unknown as Readonly<ArticleErrata>;
}

/** The article as printed: every switch `true`. */
export const ARTICLE_FAITHFUL: Readonly<ArticleErrata> = preset(true);
/** Every correction applied: every switch `false`. */
export const ARTICLE_CORRECTED: Readonly<ArticleErrata> = preset(false);

/** The factor switches of {@link ARTICLE_FAITHFUL}. */
export const FACTOR_FAITHFUL: Readonly<FactorErrata> = ARTICLE_FAITHFUL.factors;
/** The factor switches of {@link ARTICLE_CORRECTED}. */
export const FACTOR_CORRECTED: Readonly<FactorErrata> = ARTICLE_CORRECTED.factors;
/** The model switches of {@link ARTICLE_FAITHFUL}. */
export const MODEL_FAITHFUL: Readonly<ModelErrata> = ARTICLE_FAITHFUL.model;
/** The model switches of {@link ARTICLE_CORRECTED}. */
export const MODEL_CORRECTED: Readonly<ModelErrata> = ARTICLE_CORRECTED.model;
/** The back-test switches of {@link ARTICLE_FAITHFUL}. */
export const BACKTEST_FAITHFUL: Readonly<BacktestErrata> = ARTICLE_FAITHFUL.backtest;
/** The back-test switches of {@link ARTICLE_CORRECTED}. */
export const BACKTEST_CORRECTED: Readonly<BacktestErrata> = ARTICLE_CORRECTED.backtest;

/** A fresh, mutable copy of a preset (each area its own object). */
function copyOf(e: Readonly<ArticleErrata>): ArticleErrata {
  return { factors: { ...e.factors }, model: { ...e.model }, backtest: { ...e.backtest } };
}

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && !Array.isArray(x);

/**
 * Resolves a preset ("faithful", the default, or "corrected") or a partial selection to every
 * switch; a switch not given keeps the article's behaviour. Unknown areas, unknown switches and
 * values other than true / false are errors that name the known ones; a switch given as
 * `undefined` counts as not given. The result is a fresh object.
 */
export function resolveArticleErrata(input: ArticleErrataInput = "faithful"): ArticleErrata {
  if (input === "faithful") return copyOf(ARTICLE_FAITHFUL);
  if (input === "corrected") return copyOf(ARTICLE_CORRECTED);
  if (!isPlainObject(input))
    throw new Error(
      `errata: expected "faithful", "corrected" or an object, got ${JSON.stringify(input) ?? String(input)}`,
    );
  for (const k of Object.keys(input))
    if (!(ERRATUM_AREAS as readonly string[]).includes(k))
      throw new Error(`errata: unknown area "${k}" (known: ${ERRATUM_AREAS.join(", ")})`);
  const out = copyOf(ARTICLE_FAITHFUL);
  for (const area of ERRATUM_AREAS) {
    const given: unknown = input[area];
    if (given === undefined) continue;
    if (!isPlainObject(given)) throw new Error(`errata: area "${area}" must be an object of switches`);
    const switches = out[area] as Record<string, boolean>;
    for (const [k, v] of Object.entries(given)) {
      if (!Object.hasOwn(switches, k))
        throw new Error(`errata: unknown switch "${k}" in area ${area} (known: ${Object.keys(switches).join(", ")})`);
      if (v === undefined) continue;
      if (typeof v !== "boolean")
        throw new Error(`errata: switch ${area}.${k} must be true or false, got ${String(v)}`);
      switches[k] = v;
    }
  }
  return out;
}

/** The factor view of {@link resolveArticleErrata}: a partial factor selection → every factor switch. */
export function resolveFactorErrata(errata: Partial<FactorErrata> = {}): FactorErrata {
  return resolveArticleErrata({ factors: errata }).factors;
}

/** The model view of {@link resolveArticleErrata}. */
export function resolveModelErrata(errata: Partial<ModelErrata> = {}): ModelErrata {
  return resolveArticleErrata({ model: errata }).model;
}

/** The back-test view of {@link resolveArticleErrata}. */
export function resolveBacktestErrata(errata: Partial<BacktestErrata> = {}): BacktestErrata {
  return resolveArticleErrata({ backtest: errata }).backtest;
}

/** The erratum with this id or alias id ("E12" finds B4's row); undefined when there is none. */
export function erratumById(id: string): Erratum | undefined {
  return ERRATA.find((e) => e.id === id || (e.aliases ?? []).some((a) => a.id === id));
}

/** One row of the merged errata table (notebook 01's Corrections section, the README). */
export interface ArticleErratumRow {
  /** The id, followed by its aliases: "B4 (= E12)". */
  id: string;
  cell: string;
  /** "factors.<switch>", "model.<switch>", "backtest.<switch>" or "" (documented only). */
  switch: string;
  what: string;
  correct: string;
  effect: string;
}

/** The merged table: every registry row in registry order (E…, M…, B…). */
export function articleErrataTable(): ArticleErratumRow[] {
  return ERRATA.map((e) => ({
    id: e.aliases?.length ? `${e.id} (= ${e.aliases.map((a) => a.id).join(", ")})` : e.id,
    cell: e.cells.join(", "),
    switch: e.switch !== undefined ? `${e.area}.${e.switch}` : "",
    what: e.what,
    correct: e.correct,
    effect: e.effect,
  }));
}

/**
 * The merged table as Markdown (id, cell, switch, what the article does, what is correct, effect
 * on the results), full text; pipes are escaped and line breaks become spaces.
 */
export function errataMarkdown(rows: readonly ArticleErratumRow[] = articleErrataTable()): string {
  const esc = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const head = "| id | cell | switch | what the article does | what is correct | effect on the results |";
  const sep = "| --- | --- | --- | --- | --- | --- |";
  const body = rows.map(
    (r) =>
      `| ${esc(r.id)} | ${esc(r.cell)} | ${r.switch ? `\`${esc(r.switch)}\`` : "—"} | ${esc(r.what)} | ${esc(r.correct)} | ${esc(r.effect)} |`,
  );
  return [head, sep, ...body].join("\n");
}

/** One row of an area's own errata table (the list at the top of that area's notebook section). */
export interface AreaErratumRow {
  id: string;
  cell: string;
  /** The switch name within the area, or "" (documented only, or a switch of another area). */
  switch: string;
  what: string;
  effect: string;
}

/** The number of an id ("E12" → 12), for ordering an area's rows. */
const idNumber = (id: string) => Number(id.slice(1));

/**
 * The errata an area lists: its own rows, plus the rows of other areas that carry an alias in
 * this area (under the alias id and, when given, the alias's wording), ordered by id number.
 */
export function areaErrataTable(area: ErratumArea): AreaErratumRow[] {
  const rows: AreaErratumRow[] = [];
  for (const e of ERRATA) {
    const cell = e.cells.join(", ");
    if (e.area === area) rows.push({ id: e.id, cell, switch: e.switch ?? "", what: e.what, effect: e.effect });
    for (const a of e.aliases ?? [])
      if (a.area === area)
        rows.push({ id: a.id, cell, switch: "", what: a.what ?? e.what, effect: a.effect ?? e.effect });
  }
  return rows.sort((a, b) => idNumber(a.id) - idNumber(b.id));
}

/** The factor and feature errata (E…) as listed at the top of notebook 01; frozen. */
export const FACTOR_ERRATA_TABLE: readonly AreaErratumRow[] = Object.freeze(
  areaErrataTable("factors").map((r) => Object.freeze(r)),
);
/** The back-test errata (B…); frozen. */
export const BACKTEST_ERRATA_TABLE: readonly AreaErratumRow[] = Object.freeze(
  areaErrataTable("backtest").map((r) => Object.freeze(r)),
);
