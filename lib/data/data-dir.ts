/**
 * Which folder a notebook reads its data from — one rule for every notebook.
 *
 * Precedence: the notebook's `dataDir` parameter, then the environment variable
 * `FACTOR_DATA_DIR`, then the embedded synthetic sample. A blank value ("" or spaces) counts as
 * not set. A relative path is resolved against `cwd` (default `process.cwd()`, which is
 * `notebooks/` in the tslab kernel).
 *
 * One folder, several kinds of data. Each notebook needs one kind, recognised by a marker file:
 *
 * | kind      | notebooks | marker file        | subfolder | embedded sample      |
 * | --------- | --------- | ------------------ | --------- | -------------------- |
 * | `monthly` | 01, 04    | `constituents.csv` | —         | `data/sample`        |
 * | `daily`   | 02        | `assets.csv`       | `daily/`  | `data/sample/daily`  |
 * | `funds`   | 03        | `funds.csv`        | `funds/`  | `data/sample/funds`  |
 *
 * A folder D given by the parameter or by `FACTOR_DATA_DIR` is used as D itself when the marker
 * file is directly in D, else as D/<subfolder> when the marker is there. So one export folder laid
 * out like `data/sample` (monthly files at the top, `daily/` and `funds/` inside) serves every
 * notebook through a single `FACTOR_DATA_DIR`, and a parameter may also point straight at the
 * daily or funds folder.
 *
 * When neither D nor D/<subfolder> holds the marker:
 * - from the **parameter**: an error naming both paths tried (the notebook asked for that folder);
 * - from **`FACTOR_DATA_DIR`**: the embedded sample is used and `note` says why — the variable is
 *   set once for all notebooks, and an export with only the monthly LSEG files should not stop
 *   notebooks 02 and 03 (the provenance line they print says "embedded synthetic sample").
 * A parameter or `FACTOR_DATA_DIR` naming a folder that does not exist is always an error.
 *
 * The loaders themselves (`openDataSource`, `aila.readDailySample`, `data.readFundReturns`)
 * check the files in the folder and report problems by file, line and column.
 */
import { existsSync, statSync } from "node:fs";
import * as path from "node:path";
import { DATA_DIR_ENV, sampleDataDir } from "./source";

/** The kinds of data folder the notebooks read. */
export type DataKind = "monthly" | "daily" | "funds";

/** How a kind of data folder is recognised and where its embedded sample lives. */
export interface DataKindSpec {
  /** A file every folder of this kind contains. */
  marker: string;
  /** Subfolder of a combined export folder holding this kind ("" = the folder itself). */
  subfolder: string;
  /** Folder of the embedded sample, relative to `data/sample` ("" = data/sample itself). */
  sample: string;
  /** Where the schema is documented. */
  schema: string;
}

/** The table above, as data. */
export const DATA_KINDS: Readonly<Record<DataKind, DataKindSpec>> = {
  monthly: { marker: "constituents.csv", subfolder: "", sample: "", schema: "data/README.md" },
  daily: { marker: "assets.csv", subfolder: "daily", sample: "daily", schema: "data/sample/daily/README.md" },
  funds: {
    marker: "funds.csv",
    subfolder: "funds",
    sample: "funds",
    schema: 'data/README.md, "Fund and benchmark returns (notebook 03)"',
  },
};

/** The outcome of `resolveDataDir`. */
export interface ResolvedDataDir {
  kind: DataKind;
  /** Absolute path of the folder to read. */
  dir: string;
  /** Which rule chose it. */
  source: "parameter" | "environment" | "sample";
  /** True for the embedded synthetic sample. */
  synthetic: boolean;
  /**
   * One line for the notebook output: the path as given (plus the subfolder when one was
   * appended), or "embedded synthetic sample (data/sample/…)" — never the checkout's absolute path.
   */
  description: string;
  /** Set when `FACTOR_DATA_DIR` was set but holds no data of this kind (the sample is used). */
  note?: string;
}

/** Options of `resolveDataDir` (for tests; notebooks pass none). */
export interface ResolveDataDirOptions {
  /** Environment to read `FACTOR_DATA_DIR` from (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Base of relative paths (default `process.cwd()`). */
  cwd?: string;
  /** Folder of the embedded sample `data/sample` (default: found by `sampleDataDir()`). */
  sampleRoot?: string;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** D itself or D/<subfolder>, whichever holds the marker file (D first), or undefined. */
function locate(root: string, spec: DataKindSpec): { dir: string; sub: string } | undefined {
  if (existsSync(path.join(root, spec.marker))) return { dir: root, sub: "" };
  if (spec.subfolder && existsSync(path.join(root, spec.subfolder, spec.marker)))
    return { dir: path.join(root, spec.subfolder), sub: spec.subfolder };
  return undefined;
}

/** "neither D/marker nor D/sub/marker exists" (or "D/marker does not exist" without subfolder). */
function tried(root: string, spec: DataKindSpec): string {
  const a = path.join(root, spec.marker);
  return spec.subfolder
    ? `neither ${a} nor ${path.join(root, spec.subfolder, spec.marker)} exists`
    : `${a} does not exist`;
}

/**
 * The folder of `kind` data a notebook reads: `param` (the notebook's `dataDir`), else
 * `FACTOR_DATA_DIR`, else the embedded sample — see the module header for the subfolder rule and
 * the errors. Throws when the parameter or the variable names a missing folder, or when the
 * parameter's folder holds no data of this kind.
 */
export function resolveDataDir(
  param: string | undefined,
  kind: DataKind,
  opts: ResolveDataDirOptions = {},
): ResolvedDataDir {
  const spec = DATA_KINDS[kind];
  if (spec === undefined)
    throw new Error(`resolveDataDir: unknown data kind "${kind}" (expected ${Object.keys(DATA_KINDS).join(", ")})`);
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  const sample = () => {
    const root = opts.sampleRoot ?? sampleDataDir();
    const dir = spec.sample ? path.join(root, spec.sample) : root;
    if (!existsSync(path.join(dir, spec.marker)))
      throw new Error(`resolveDataDir: the embedded ${kind} sample is missing (${path.join(dir, spec.marker)})`);
    const rel = spec.sample ? `data/sample/${spec.sample}` : "data/sample";
    return { kind, dir, synthetic: true, description: `embedded synthetic sample (${rel})` };
  };
  const given = (value: string, what: string) => {
    const root = path.resolve(cwd, value);
    if (!isDirectory(root)) throw new Error(`resolveDataDir: ${what} "${value}" is not a folder (resolved to ${root})`);
    return { root, found: locate(root, spec) };
  };

  if (param !== undefined && param.trim() !== "") {
    const { root, found } = given(param, "dataDir");
    if (!found)
      throw new Error(
        `resolveDataDir: dataDir "${param}" holds no ${kind} data: ${tried(root, spec)} (schema: ${spec.schema})`,
      );
    return {
      kind,
      dir: found.dir,
      source: "parameter",
      synthetic: false,
      description: `CSV folder ${found.sub ? path.join(param, found.sub) : param}`,
    };
  }
  const fromEnv = env[DATA_DIR_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== "") {
    const { root, found } = given(fromEnv, DATA_DIR_ENV);
    if (found)
      return {
        kind,
        dir: found.dir,
        source: "environment",
        synthetic: false,
        description: `CSV folder ${found.sub ? path.join(fromEnv, found.sub) : fromEnv} (${DATA_DIR_ENV})`,
      };
    return {
      ...sample(),
      source: "sample",
      note: `${DATA_DIR_ENV}=${fromEnv} holds no ${kind} data (${tried(root, spec)}): using the embedded synthetic sample`,
    };
  }
  return { ...sample(), source: "sample" };
}
