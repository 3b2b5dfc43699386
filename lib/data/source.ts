/**
 * The data-source interface of the article's LSEG calls, and the two implementations behind it.
 *
 * The article (cells In[2]-In[7], In[19]-In[26], In[44]) reads everything from an LSEG Workspace
 * session: historical index constituents, per-date fundamental/market fields per constituent with
 * `SDate` and `header_type=NAME`, display names of macro series, and monthly histories of macro,
 * FX, index, bond-yield and commodity series. `DataSource` mirrors those calls one for one, so a
 * notebook reads like the article whatever the data comes from:
 *
 * - the **embedded synthetic sample** in `data/sample/` (the default, no configuration), produced
 *   by `npm run data:generate` (see `lib/sample/monthly-sample.ts` and `data/README.md`);
 * - a **CSV directory** with the same files in the same schema (an analyst exports once from a
 *   terminal), selected with `openDataSource({ dir })` or the environment variable
 *   `FACTOR_DATA_DIR`.
 *
 * Both are loaded eagerly and validated on open (`lib/data/csv-directory.ts`): a bad file fails
 * with an Error naming the file, row and column instead of surfacing later as a silent NaN.
 */
import { existsSync } from "node:fs";
import * as path from "node:path";
import { loadCsvDirectory } from "./csv-directory";
import type { DataSource } from "./schema";

// schema: The schema of the article's LSEG data as the project uses it: row and point types of the
export {
  ARTICLE_FIELDS,
  type ConstituentChange,
  type DataSource,
  FIELD_COLUMNS,
  type FieldRow,
  SECTOR_COLUMN,
  type SeriesPoint,
} from "./schema";

/** Environment variable that points the notebooks at a CSV directory instead of the sample. */
export const DATA_DIR_ENV = "FACTOR_DATA_DIR";

/**
 * The embedded sample folder `data/sample`, found by walking up from this module (works from
 * lib/data under tsx and from lib/dist/data in the built package).
 */
export function sampleDataDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, "data", "sample");
    if (existsSync(path.join(candidate, "constituents.csv"))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(
    "openDataSource: sample not generated yet (data/sample/constituents.csv not found); run `npm run data:generate`",
  );
}

/**
 * Open a data source. Precedence: `opts.dir`, then env `FACTOR_DATA_DIR`, then the embedded
 * synthetic sample in data/sample. A relative `dir` is resolved against the current working
 * directory (the tslab kernel runs in notebooks/). Files are read and validated once, here.
 */
export function openDataSource(opts: { dir?: string } = {}): DataSource {
  const dir = opts.dir ?? process.env[DATA_DIR_ENV];
  if (dir !== undefined && dir.trim() !== "")
    return loadCsvDirectory(path.resolve(dir), { description: `CSV directory ${dir}` });
  return loadCsvDirectory(sampleDataDir(), {
    description: "embedded synthetic sample (data/sample)",
    synthetic: true,
    sessionName: "embedded-sample",
  });
}
