/**
 * One study configuration for notebook 01's chain: the index, the study window, the split date,
 * the RFE size, the classifier, the class set, the errata and the costs — validated once, with
 * messages that name the setting, used by `runArticlePipeline`, the `npm run pipeline` command
 * line (`--config study.json` and flags) and notebook 01's parameters cell.
 *
 * Defaults are the article's: index .DJI (column "dji"), split 2019-01-01, 12 features kept by
 * RFE, the scikit-learn wrapper's XGBoost defaults (100 rounds, learning rate 0.3, depth 6,
 * min_child_weight 1, λ 1, γ 0) with random_state 42, six classes (momentum dropped, In[29]),
 * faithful errata, 10 bps per full factor switch. The study window follows the data when it is
 * not given: from the first day of the month of the field table's first month end to its last
 * month end (on the embedded sample that is the article's 2000-01-01 .. 2024-07-31), and
 * {@link studyWindow} says where each end came from.
 *
 * Validation uses zod (a strict schema: unknown keys are errors, so a typo cannot be ignored);
 * errata selections are checked by `resolveArticleErrata`. Errors are {@link StudyConfigError}s
 * whose message lists every problem as `path: what is wrong`.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { isIsoDate } from "../data/dates";
import type { DataSource } from "../data/schema";
import { type ArticleErrataInput, resolveArticleErrata } from "../errata";

/** A problem with a study configuration (bad value, unknown key, unreadable file). */
export class StudyConfigError extends Error {
  override name = "StudyConfigError";
}

const isoDate = z.string().refine(isIsoDate, { message: "expected a date YYYY-MM-DD" });

const classifierSchema = z
  .object({
    nEstimators: z.number().int().min(1).max(10_000),
    learningRate: z.number().gt(0).max(1),
    maxDepth: z.number().int().min(1).max(20),
    minChildWeight: z.number().min(0),
    regLambda: z.number().min(0),
    gamma: z.number().min(0),
  })
  .strict()
  .partial();

const errataSchema = z.union([
  z.literal("faithful"),
  z.literal("corrected"),
  z
    .object({
      factors: z.record(z.string(), z.boolean()).optional(),
      model: z.record(z.string(), z.boolean()).optional(),
      backtest: z.record(z.string(), z.boolean()).optional(),
    })
    .strict(),
]);

/** The schema of a study configuration (every key optional; see the module comment for defaults). */
export const studySchema = z
  .object({
    /** Index RIC whose constituents form the universe (In[3]) and whose level is the benchmark (In[44]). */
    indexRic: z.string().min(1),
    /** Column name of the index in the returns tables (article: "dji"). */
    indexName: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: "expected a plain column name" }),
    /** Study window (In[3]); omitted = follow the data. */
    start: isoDate,
    end: isoDate,
    /** First test month: rows dated before it train (In[32]). */
    split: isoDate,
    /** Features kept by recursive feature elimination (In[34]). */
    rfe: z.number().int().min(1).max(200),
    classifier: classifierSchema,
    /** Keep momentum as a seventh class (the article drops it, In[29]). */
    momentumClass: z.boolean(),
    errata: errataSchema,
    /** Cost per full factor switch in the performance table, bps. */
    costBps: z.number().min(0).max(10_000),
    /** Corrected E15: largest share of a month's factor portfolio without a return (fraction). */
    maxMissingReturnShare: z.number().min(0).max(1),
    /** Permute the model's columns with this seed before the expanding window (sensitivity check). */
    featureOrderSeed: z.number().int().min(0).max(2_147_483_647),
  })
  .strict()
  .partial();

export type StudyConfigInput = z.input<typeof studySchema>;

/** A validated study with every default filled in (start/end stay undefined = follow the data). */
export interface StudyConfig {
  indexRic: string;
  indexName: string;
  start?: string;
  end?: string;
  split: string;
  rfe: number;
  classifier: z.infer<typeof classifierSchema>;
  momentumClass: boolean;
  errata: ArticleErrataInput;
  costBps: number;
  maxMissingReturnShare: number;
  /** Seeded permutation of the model's columns; omitted = the importance table's order. */
  featureOrderSeed?: number;
}

/** The article's study (In[3], In[32], In[34], In[36]). */
export const ARTICLE_STUDY: Readonly<StudyConfig> = Object.freeze({
  indexRic: ".DJI",
  indexName: "dji",
  split: "2019-01-01",
  rfe: 12,
  classifier: {},
  momentumClass: false,
  errata: "faithful",
  costBps: 10,
  maxMissingReturnShare: 0.2,
});

/**
 * Validate a configuration object (e.g. parsed JSON or a notebook's parameters) and fill in the
 * article's defaults. `where` prefixes the messages (a file name, "--config", …).
 */
export function parseStudyConfig(input: unknown, where = "study"): StudyConfig {
  const r = studySchema.safeParse(input ?? {});
  if (!r.success) {
    const lines = r.error.issues.map((i) => {
      const at = i.path.length > 0 ? i.path.join(".") : "(top level)";
      return `${at}: ${i.message}`;
    });
    throw new StudyConfigError(`${where}: invalid study configuration — ${lines.join("; ")}`);
  }
  const c = r.data;
  const errata = (c.errata ?? ARTICLE_STUDY.errata) as ArticleErrataInput;
  try {
    resolveArticleErrata(errata);
  } catch (e) {
    throw new StudyConfigError(`${where}: errata: ${(e as Error).message}`);
  }
  if (c.start !== undefined && c.end !== undefined && !(c.start < c.end))
    throw new StudyConfigError(`${where}: start ${c.start} must be before end ${c.end}`);
  if (c.split !== undefined) {
    if (c.start !== undefined && !(c.start < c.split))
      throw new StudyConfigError(`${where}: split ${c.split} must be after start ${c.start}`);
    if (c.end !== undefined && !(c.split <= c.end))
      throw new StudyConfigError(`${where}: split ${c.split} must not be after end ${c.end}`);
  }
  return {
    ...ARTICLE_STUDY,
    ...c,
    classifier: { ...c.classifier },
    errata,
  };
}

/**
 * The parsed JSON of a configuration file (a study, a sweep grid); an unreadable file or invalid
 * JSON is an error made by `error` whose message names the file, what it is and the JSON position.
 */
export function readJsonFile(file: string, what: string, error: (message: string) => Error): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw error(`${file}: cannot read the ${what} (${(e as NodeJS.ErrnoException).code ?? e})`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw error(`${file}: not valid JSON (${(e as Error).message})`);
  }
}

/** Read and validate a JSON study file; errors name the file (and the JSON position). */
export function loadStudyConfig(file: string): StudyConfig {
  return parseStudyConfig(
    readJsonFile(file, "study file", (m) => new StudyConfigError(m)),
    file,
  );
}

/** The study window actually used, and a sentence that says where each end came from. */
export interface StudyWindow {
  start: string;
  end: string;
  from: { start: "given" | "data" | "article"; end: "given" | "data" | "article" };
  note: string;
}

/**
 * The study window: the given ends, else the data source's coverage (first day of the month of
 * the first field month end, last field month end), else the article's 2000-01-01 / 2024-07-31.
 */
export function studyWindow(
  source: Pick<DataSource, "coverage">,
  given: { start?: string; end?: string } = {},
): StudyWindow {
  const cov = source.coverage?.();
  const pick = (v: string | undefined, data: string | undefined, article: string) =>
    v !== undefined
      ? { value: v, from: "given" as const }
      : data !== undefined
        ? { value: data, from: "data" as const }
        : { value: article, from: "article" as const };
  const s = pick(given.start, cov ? `${cov.first.slice(0, 8)}01` : undefined, "2000-01-01");
  const e = pick(given.end, cov?.last, "2024-07-31");
  if (!(s.value < e.value)) throw new StudyConfigError(`study window: start ${s.value} is not before end ${e.value}`);
  const say = (x: { value: string; from: string }) =>
    `${x.value} (${x.from === "given" ? "given" : x.from === "data" ? "from the data" : "the article's"})`;
  return {
    start: s.value,
    end: e.value,
    from: { start: s.from, end: e.from },
    note: `study window ${say(s)} to ${say(e)}${cov ? `; the field table covers ${cov.first} to ${cov.last}` : ""}`,
  };
}
