/**
 * The look-ahead detector: perturb every input that becomes known after a date, rerun, and list
 * every decision up to that date that changed.
 *
 * Point in time means: a decision made at date t may use only values knowable at t. So if every
 * value that becomes known after t is replaced by something else, no decision made at or before t
 * may change — not by a single bit. The detector makes that replacement (seeded, so a failure can
 * be replayed) and compares the decisions of two runs:
 *
 * - **When a value becomes known.** A field row (In[7]) and a market series point are known at
 *   their `Date`; a macro value (In[22]) at its reference month plus its publication lag
 *   (lib/features/release-lags.ts, or the source's own table); the membership of a month at that
 *   month's end.
 * - **The perturbation** ({@link perturbAfter}): every number known after t is multiplied by
 *   exp(0.3·z₁) and shifted by 0.05·z₂ (z standard normal, drawn from a hash of seed, series,
 *   field and date, so it does not depend on the order of requests); one in five sectors is
 *   swapped for another sector of the same request; the membership in force just after t loses one
 *   member, and every later change list loses one more. Values known at or before t are returned
 *   untouched.
 * - **Decisions of the article pipeline** ({@link articleDecisions}), for the months ≤ t: every
 *   model feature; every training label known by t (the label of month m is the best factor of
 *   month m + 1, known at the end of m + 1, so labels of months < t); the RFE selection and its
 *   importance table once the first test month is ≤ t; predictions and class probabilities; and
 *   the stock weights each strategy holds after each decision (the predicted factor's portfolio and
 *   the probability-weighted mix of the factor portfolios that earn the next month's return).
 * - **Decisions of the strategic index** ({@link strategicDecisions}): for every month decided at
 *   d ≤ t the names, eligibility, tilt, risk-parity base, targets, drifted and held weights,
 *   whether and why it trades, and its costs.
 * - **Decisions of the AiLA daily index** ({@link perturbDailyAfter}, {@link ailaDecisions}): for
 *   every index day ≤ t the volatilities, Sharpe ratios, risk-target scale, wU, wC, wT and the
 *   weights wA held that day.
 *
 * Numbers are compared exactly (their shortest round-trip decimal text, with −0 and NaN
 * distinguished). {@link diffDecisions} lists every key whose value differs or that exists in one
 * run only.
 */

import type { AilaResult } from "../aila/aila-index";
import type { DailyDataset } from "../aila/daily-data";
import type { StrategicIndexResult } from "../allocation/strategic-index";
import { addDays, addMonths } from "../data/dates";
import type { DataSource, FieldRow } from "../data/schema";
import { factorOfReturnColumn, factorPortfolios } from "../features/factor-features";
import { column } from "../features/frame";
import { MACRO_RICS } from "../features/market-features";
import { DEFAULT_RELEASE_LAGS } from "../features/release-lags";
import { createRng } from "../random";
import type { ArticleRun } from "./article-pipeline";

/** A decision's key (what and when) and its value in canonical text. */
export type Decisions = Map<string, string>;

/** One decision that differs between two runs (undefined = absent in that run). */
export interface DecisionDiff {
  key: string;
  base: string | undefined;
  perturbed: string | undefined;
}

/** Exact text of a value: numbers as their shortest round-trip text, −0 and NaN kept apart. */
function canon(v: unknown): string {
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (Array.isArray(v) || ArrayBuffer.isView(v)) return `[${Array.from(v as ArrayLike<unknown>, canon).join(",")}]`;
  if (v instanceof Map)
    return `{${[...v.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, x]) => `${k}:${canon(x)}`)
      .join(",")}}`;
  if (v !== null && typeof v === "object")
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${k}:${canon((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v) ?? "undefined";
}

/** Every key whose value differs between the two runs, or that only one run has (sorted). */
export function diffDecisions(base: Decisions, perturbed: Decisions): DecisionDiff[] {
  const keys = [...new Set([...base.keys(), ...perturbed.keys()])].sort();
  return keys
    .filter((k) => base.get(k) !== perturbed.get(k))
    .map((k) => ({ key: k, base: base.get(k), perturbed: perturbed.get(k) }));
}

/** The kinds of decision that differ (the first word of each key), sorted and unique. */
export const diffKinds = (diffs: readonly DecisionDiff[]): string[] =>
  [...new Set(diffs.map((d) => d.key.split(" ")[0]))].sort();

// ---------------------------------------------------------------- seeded noise by key

/** FNV-1a hash of a string (32-bit). */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** Two standard normals and a uniform that depend only on (seed, key). */
function noise(seed: number, key: string): { z1: number; z2: number; u: number } {
  const r = createRng(hash(`${seed}|${key}`));
  return { z1: r.normal(), z2: r.normal(), u: r.uniform() };
}

const perturbNumber = (v: number, seed: number, key: string) => {
  if (Number.isNaN(v)) return v;
  const { z1, z2 } = noise(seed, key);
  return v * Math.exp(0.3 * z1) + 0.05 * z2;
};

// ---------------------------------------------------------------- the monthly data source

export interface PerturbOptions {
  /** Last date whose information stays untouched (ISO); everything known later is perturbed. */
  after: string;
  /** Seed of the perturbation. */
  seed: number;
}

/** The day after an ISO date. */
const nextDay = (iso: string) => addDays(iso, 1);

/**
 * A data source that returns `source`'s data with every value known after `opts.after` perturbed
 * (see the module comment). The source's own release lags (if any) decide when a macro value is
 * known, else the defaults.
 */
export function perturbAfter(source: DataSource, opts: PerturbOptions): DataSource {
  const { after, seed } = opts;
  const lags = { ...DEFAULT_RELEASE_LAGS, ...(source.releaseLags?.() ?? {}) };
  const macro = new Set([...MACRO_RICS, ...Object.keys(lags)]);
  const knownAt = (ric: string, date: string) => (macro.has(ric) ? addMonths(date, lags[ric] ?? 0) : date);
  return {
    description: `${source.description}, perturbed after ${after} (seed ${seed})`,
    openSession: () => source.openSession(),
    displayNames: (rics) => source.displayNames(rics),
    ...(source.releaseLags ? { releaseLags: () => (source.releaseLags as () => Record<string, number>)() } : {}),
    // the dates the data covers are a schedule, not a value: passed through unchanged
    ...(source.coverage ? { coverage: () => (source.coverage as () => { first: string; last: string })() } : {}),
    historicalConstituents(indexRic, start, end) {
      const changes = source.historicalConstituents(indexRic, start, end);
      const kept = changes.filter((c) => c.Date <= after);
      const later = changes.filter((c) => c.Date > after);
      // the list in force at `after` loses one member the day after; every later list one more
      const lastDate = kept.length > 0 ? kept[kept.length - 1].Date : undefined;
      const inForce = kept.filter((c) => c.Date === lastDate).map((c) => c.RIC);
      const groups: { date: string; rics: string[] }[] = [];
      if (inForce.length > 1 && nextDay(after) <= end) groups.push({ date: nextDay(after), rics: inForce });
      for (const c of later) {
        const g = groups.find((x) => x.date === c.Date);
        if (g) g.rics.push(c.RIC);
        else groups.push({ date: c.Date, rics: [c.RIC] });
      }
      const out = [...kept];
      groups.forEach((g, k) => {
        const drop = g.rics.length > 1 ? Math.floor(noise(seed, `members|${g.date}|${k}`).u * g.rics.length) : -1;
        g.rics.forEach((ric, i) => {
          if (i !== drop) out.push({ Date: g.date, RIC: ric });
        });
      });
      return out;
    },
    fields(instruments, fields, sdate) {
      const rows = source.fields(instruments, fields, sdate);
      if (sdate <= after) return rows;
      const sectors = [...new Set(rows.map((r) => r["TR.TRBCECONOMICSECTOR"]).filter((s) => typeof s === "string"))];
      return rows.map((r) => {
        const out: FieldRow = { Instrument: r.Instrument, Date: r.Date };
        for (const [k, v] of Object.entries(r)) {
          if (k === "Instrument" || k === "Date") continue;
          const key = `field|${r.Instrument}|${k}|${sdate}`;
          if (typeof v === "number") out[k] = perturbNumber(v, seed, key);
          else {
            const { u } = noise(seed, key);
            out[k] = u < 0.2 && sectors.length > 1 ? (sectors[(sectors.indexOf(v) + 1) % sectors.length] as string) : v;
          }
        }
        return out;
      });
    },
    history(ric, field, start, end) {
      return source
        .history(ric, field, start, end)
        .map((p) =>
          knownAt(ric, p.Date) <= after
            ? p
            : { Date: p.Date, value: perturbNumber(p.value, seed, `history|${ric}|${field.toUpperCase()}|${p.Date}`) },
        );
    },
  };
}

// ---------------------------------------------------------------- decisions of the article pipeline

/** The factor column of a class name ("total_return_1m_size" → "size_normalized"). */
/** The decisions of notebook 01's pipeline made at or before `asOf` (see the module comment). */
export function articleDecisions(run: ArticleRun, asOf: string): Decisions {
  const out: Decisions = new Map();
  const { frame, best_factor_next_month: labels } = run.features.labelled;
  frame.index.forEach((d, i) => {
    if (d > asOf) return;
    for (const f of run.features.features) out.set(`feature ${d} ${f}`, canon(column(frame, f)[i]));
    if (d < asOf) out.set(`label ${d}`, canon(labels[i]));
  });
  if (run.retrain.dates.length > 0 && run.retrain.dates[0] <= asOf) {
    out.set("rfe selected", canon(run.modelFeatures));
    out.set("rfe importances", canon(run.importanceTable));
  }
  const portfolio = factorPortfolios(run.features.weights, { errata: run.errata.factors });
  run.retrain.dates.forEach((d, i) => {
    if (d > asOf) return;
    const predicted = run.classes[run.retrain.predictions[i]];
    out.set(`prediction ${d}`, canon(predicted));
    out.set(`probabilities ${d}`, canon(run.retrain.probabilities[i]));
    // what each strategy holds during the next month
    const next = addMonths(d, 1);
    const portfolios = run.classes.map((c) => portfolio(next, factorOfReturnColumn(c, "look-ahead")));
    out.set(`holdings ${d} predicted`, canon(portfolios[run.classes.indexOf(predicted)]));
    const mix = new Map<string, number>();
    portfolios.forEach((p, k) => {
      const pk = run.retrain.probabilities[i][k];
      for (const [name, w] of p) mix.set(name, (mix.get(name) ?? 0) + pk * w);
    });
    out.set(`holdings ${d} probability-weighted`, canon(mix));
  });
  return out;
}

// ---------------------------------------------------------------- decisions of the strategic index

/** The strategic index's decisions for every month decided at or before `asOf`. */
export function strategicDecisions(index: StrategicIndexResult, asOf: string): Decisions {
  const out: Decisions = new Map();
  for (const m of index.months) {
    if (m.decisionDate > asOf) continue;
    const d = m.decisionDate;
    out.set(`strategic ${d} names`, canon({ instruments: m.instruments, eligible: m.eligible, sectors: m.sectors }));
    out.set(`strategic ${d} weights`, canon({ tilt: m.tilt, base: m.base, wU: m.unconstrained, target: m.target }));
    out.set(`strategic ${d} held`, canon({ drifted: m.drifted, weights: m.weights }));
    out.set(
      `strategic ${d} trade`,
      canon({ traded: m.traded, forced: m.forced, maxDrift: m.maxDrift, turnover: m.turnover, cost: m.cost }),
    );
  }
  return out;
}

// ---------------------------------------------------------------- the daily AiLA data set

/**
 * A copy of a daily data set in which every price, signal and FX fixing of an index day after
 * day `after` (ISO) is perturbed: prices by exp(0.3·z), signals flipped with probability ½, FX
 * fixings by exp(0.05·z); a missing price stays missing. Assets, contract calendars, holidays and
 * the standard index's yearly weights are schedules known in advance and are kept.
 */
export function perturbDailyAfter(ds: DailyDataset, opts: PerturbOptions): DailyDataset {
  const first = ds.dates.findIndex((d) => d > opts.after);
  if (first < 0) return ds;
  const mod = (a: Float64Array, key: string, f: (v: number, n: ReturnType<typeof noise>) => number) => {
    const out = Float64Array.from(a);
    for (let t = first; t < out.length; t++)
      if (!Number.isNaN(out[t])) out[t] = f(out[t], noise(opts.seed, `${key}|${ds.dates[t]}`));
    return out;
  };
  return {
    ...ds,
    prices: ds.prices.map((p, i) => mod(p, `price|${ds.assets[i].id}`, (v, n) => v * Math.exp(0.3 * n.z1))),
    signals: ds.signals.map((s, i) => mod(s, `signal|${ds.assets[i].id}`, (v, n) => (n.u < 0.5 ? -v : v))),
    fx: Object.fromEntries(
      Object.entries(ds.fx).map(([c, f]) => [c, mod(f, `fx|${c}`, (v, n) => v * Math.exp(0.05 * n.z1))]),
    ),
  };
}

/** The AiLA index's decisions for every index day up to and including `asOf`. */
export function ailaDecisions(r: AilaResult, asOf: string): Decisions {
  const out: Decisions = new Map();
  r.dates.forEach((d, t) => {
    if (d > asOf) return;
    out.set(`aila ${d} inputs`, canon({ vol: r.vol[t], sharpe: r.sharpe[t], scale: r.scale[t] }));
    out.set(`aila ${d} weights`, canon({ wU: r.wU[t], wC: r.wC[t], wT: r.wT[t], wA: r.wA[t] }));
  });
  return out;
}
