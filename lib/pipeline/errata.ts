/**
 * All errata switches of notebook 01 in one object, and the complete errata table for its
 * "Corrections" section.
 *
 * Each area owns its switches: `factors` (E1–E8 and E14–E16, cells In[7]–In[26], lib/factors/errata.ts),
 * `model` (M1, In[34], defined here because it only changes what the pipeline prints and the
 * column order of In[35]) and `backtest` (B1–B2, In[45]–In[46], lib/backtest/errata.ts). A switch is
 * `true` when the article's behaviour is kept; {@link ARTICLE_FAITHFUL} keeps all of them,
 * {@link ARTICLE_CORRECTED} corrects all of them. The table merges the three areas' tables into
 * one shape (id, cell, switch, what the article does, what is correct, effect on the results).
 */
import {
  CORRECTED as BACKTEST_CORRECTED,
  FAITHFUL as BACKTEST_FAITHFUL,
  ERRATA_TABLE as BACKTEST_TABLE,
  type BacktestErrata,
  resolveErrata as resolveBacktestErrata,
} from "../backtest/errata";
import {
  CORRECTED as FACTOR_CORRECTED,
  FAITHFUL as FACTOR_FAITHFUL,
  ERRATA_TABLE as FACTOR_TABLE,
  type FactorErrata,
  resolveErrata as resolveFactorErrata,
} from "../factors/errata";

/** Switches of the model cells In[32]–In[39]. */
export interface ModelErrata {
  /**
   * M1 In[34]: the selected-features table pairs the 12 surviving names with the importances of the
   * previous 13-feature fit minus its last element (`importances[:-1]`), so every name after the
   * position of the eliminated feature gets its neighbour's importance; In[35] then orders the
   * model's columns by that table.
   */
  rfeImportancesMisaligned: boolean;
}

export const MODEL_FAITHFUL: Readonly<ModelErrata> = Object.freeze({ rfeImportancesMisaligned: true });
export const MODEL_CORRECTED: Readonly<ModelErrata> = Object.freeze({ rfeImportancesMisaligned: false });

/** Every switch of notebook 01, grouped by area. */
export interface ArticleErrata {
  factors: FactorErrata;
  model: ModelErrata;
  backtest: BacktestErrata;
}

/** A partial selection: a preset name, or some switches per area (the rest stay faithful). */
export type ArticleErrataInput =
  | "faithful"
  | "corrected"
  | {
      factors?: Partial<FactorErrata>;
      model?: Partial<ModelErrata>;
      backtest?: Partial<BacktestErrata>;
    };

/** The article as printed. */
export const ARTICLE_FAITHFUL: Readonly<ArticleErrata> = Object.freeze({
  factors: FACTOR_FAITHFUL,
  model: MODEL_FAITHFUL,
  backtest: BACKTEST_FAITHFUL,
});

/** Every correction applied. */
export const ARTICLE_CORRECTED: Readonly<ArticleErrata> = Object.freeze({
  factors: FACTOR_CORRECTED,
  model: MODEL_CORRECTED,
  backtest: BACKTEST_CORRECTED,
});

/** Resolves a preset or partial selection to every switch; unknown areas or switches are errors. */
export function resolveArticleErrata(input: ArticleErrataInput = "faithful"): ArticleErrata {
  if (input === "faithful") return { ...ARTICLE_FAITHFUL };
  if (input === "corrected") return { ...ARTICLE_CORRECTED };
  if (typeof input !== "object" || input === null)
    throw new Error(`errata: expected "faithful", "corrected" or an object, got ${String(input)}`);
  for (const k of Object.keys(input))
    if (!["factors", "model", "backtest"].includes(k))
      throw new Error(`errata: unknown area "${k}" (known: factors, model, backtest)`);
  const model = input.model ?? {};
  for (const k of Object.keys(model))
    if (!(k in MODEL_FAITHFUL))
      throw new Error(`model errata: unknown switch "${k}" (known: ${Object.keys(MODEL_FAITHFUL).join(", ")})`);
  return {
    factors: resolveFactorErrata(input.factors),
    model: { ...MODEL_FAITHFUL, ...model },
    backtest: resolveBacktestErrata(input.backtest),
  };
}

/** One row of the merged errata table. */
export interface ArticleErratumRow {
  id: string;
  cell: string;
  /** "factors.<switch>", "model.<switch>", "backtest.<switch>" or "" (documented only). */
  switch: string;
  what: string;
  correct: string;
  effect: string;
}

/**
 * What the correction is, for the factor errata (lib/factors' table states what and effect; the
 * corrected computation is the one its CORRECTED switches select).
 */
const FACTOR_CORRECT: Readonly<Record<string, string>> = Object.freeze({
  E1: "wk_delta = WKGCAP(FY0) − WKGCAP(FY-1), FY0 left untouched",
  E2: "average_ta = (TotAssets FY0 + TotAssets FY-1) / 2",
  E3: "Financials' quality = the ROA z-score (roa_normalized)",
  E4: "size = −ln(market cap) (small caps score high)",
  E5: "momentum = (1 + R52w) / (1 + R1m) − 1, skipping the latest month",
  E6: "re-normalise each multi-component composite (z-score of the mean of z-scores)",
  E7: "align every market block by calendar month, so row t holds the change over month t",
  E8: "the portfolio formed at t−1 (weights of t−1) earns month t's return, so the label of t is the best factor over the month after the decision",
  E9: "include preferred stock in the financial-asset change (documented only)",
  E10: "count only months that have a label",
  E11: "22 features",
  E12: "a total-return benchmark (see B4)",
  E13: "bound the loop (maxIterations) and clip once more at the end",
  E14: "month t's return accrues to the members at the decision date t−1 (a leaver is held through the month it leaves)",
  E15: "leave a stock without a return out and renormalise the weights over the others; count it per month; more than 20 % missing is an error naming the month",
  E16: "a macro value enters from its release month: reference month M is visible from M + lag (lag table in lib/features/release-lags.ts, overridable per series)",
});

/** The model errata (In[32]–In[39]). */
export const MODEL_ERRATA_TABLE: readonly ArticleErratumRow[] = Object.freeze([
  {
    id: "M1",
    cell: "In[34], In[35]",
    switch: "model.rfeImportancesMisaligned",
    what: "prints the 13-feature fit's importances minus the last one (importances[:-1]) next to the 12 surviving names",
    correct: "the importances of a fit on the 12 selected features, aligned with their names",
    effect:
      "every name after the eliminated feature's position shows its neighbour's importance; the order of the table (and of In[35]'s columns) follows these wrong values; the selected set is unchanged",
  },
]);

/**
 * The complete errata table of notebook 01: factor errata (E…, In[1]–In[31]), model errata (M…)
 * and backtest errata (B…), in that order. E12 (price index vs total-return factors) is the same
 * finding as B4 and is merged into B4's row.
 */
export function articleErrataTable(): ArticleErratumRow[] {
  const factors = FACTOR_TABLE.filter((e) => e.id !== "E12").map((e) => ({
    id: e.id,
    cell: e.cell,
    switch: e.switch ? `factors.${e.switch}` : "",
    what: e.what,
    correct: ((e as { correct?: string }).correct ?? FACTOR_CORRECT[e.id] ?? "").toString(),
    effect: e.effect,
  }));
  const byNumber = (a: { id: string }, b: { id: string }) => Number(a.id.slice(1)) - Number(b.id.slice(1));
  factors.sort(byNumber);
  const backtest = BACKTEST_TABLE.map((e) => ({
    id: e.id === "B4" && FACTOR_TABLE.some((f) => f.id === "E12") ? "B4 (= E12)" : e.id,
    cell: e.cell,
    switch: e.switch ? `backtest.${e.switch}` : "",
    what: e.what,
    correct: e.correct,
    effect: e.effect,
  }));
  return [...factors, ...MODEL_ERRATA_TABLE.map((e) => ({ ...e })), ...backtest];
}

/**
 * The errata table as a Markdown table (id, cell, switch, what the article does, what is correct,
 * effect), full text without truncation, for the notebook's Corrections section and the README.
 * Pipes in the text are escaped.
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
