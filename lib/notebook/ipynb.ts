/**
 * Reading and writing Jupyter notebooks (nbformat 4) exactly as Jupyter writes them.
 *
 * Jupyter's writer (nbformat.v4.nbjson.JSONWriter) serialises with sorted keys, an indent of
 * one space, `", "`-free separators (`","` and `": "`), non-ASCII characters kept as they are,
 * and multi-line strings (cell sources, stream texts, `text/*`, `image/svg+xml` and
 * `application/javascript` payloads) split into lists of lines with Python's
 * `str.splitlines(keepends=True)`. Matching that byte for byte means a notebook executed by our
 * runner and the same notebook saved by JupyterLab produce no spurious diff.
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** A MIME bundle: MIME type → payload (string, or JSON for `application/*+json`). */
export type MimeBundle = Record<string, unknown>;

export type Output =
  | { output_type: "stream"; name: "stdout" | "stderr"; text: string }
  | { output_type: "display_data"; data: MimeBundle; metadata: Record<string, unknown> }
  | {
      output_type: "execute_result";
      data: MimeBundle;
      metadata: Record<string, unknown>;
      execution_count: number | null;
    }
  | { output_type: "error"; ename: string; evalue: string; traceback: string[] };

export interface CodeCell {
  cell_type: "code";
  id?: string;
  metadata: Record<string, unknown> & { tags?: string[] };
  source: string;
  execution_count: number | null;
  outputs: Output[];
}

export interface TextCell {
  cell_type: "markdown" | "raw";
  id?: string;
  metadata: Record<string, unknown> & { tags?: string[] };
  source: string;
  attachments?: Record<string, MimeBundle>;
}

export type Cell = CodeCell | TextCell;

export interface Notebook {
  cells: Cell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

/** The kernel metadata our notebooks carry (what `tslab install` registers). */
export const TSLAB_METADATA = {
  kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" },
  language_info: {
    codemirror_mode: { mode: "typescript", name: "javascript", typescript: true },
    file_extension: ".ts",
    mimetype: "text/typescript",
    name: "typescript",
    version: "5.0.4",
  },
};

const JSON_MIME = (mime: string): boolean =>
  mime === "application/json" || (mime.startsWith("application/") && mime.endsWith("+json"));
const SPLIT_NON_TEXT = new Set(["application/javascript", "image/svg+xml"]);

/** Python's `str.splitlines(True)`: every line keeps its terminator. */
export function splitLinesKeepEnds(text: string): string[] {
  const out: string[] = [];
  // Python line boundaries: \n \r \r\n \v \f \x1c \x1d \x1e \x85 \u2028 \u2029
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly Python's line boundaries
  const re = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;
  let start = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const end = m.index + m[0].length;
    out.push(text.slice(start, end));
    start = end;
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

const joinLines = (v: unknown): unknown => (Array.isArray(v) && v.every((x) => typeof x === "string") ? v.join("") : v);

function rejoinBundle(data: MimeBundle): MimeBundle {
  const out: MimeBundle = {};
  for (const [k, v] of Object.entries(data)) out[k] = JSON_MIME(k) ? v : joinLines(v);
  return out;
}

/**
 * A file that is not a valid nbformat 4 notebook: `file` and, where it applies, the 0-based
 * `cellIndex` (the message counts cells from 1, as Jupyter's interface does) and the JSON `line`
 * and `column` of a syntax error.
 */
export class NotebookFormatError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly cellIndex?: number,
    readonly line?: number,
    readonly column?: number,
  ) {
    const location = line !== undefined ? `:${line}${column !== undefined ? `:${column}` : ""}` : "";
    const what = `${cellIndex !== undefined ? `cell #${cellIndex + 1}: ` : ""}${problem}`;
    super(`${file}${location}: ${what}`);
    this.location = location;
    this.what = what;
  }

  /** ":LINE:COLUMN" of a JSON syntax error, else "". */
  readonly location: string;
  /** The message without the file: "cell #N: problem" or the problem. */
  readonly what: string;
}

/** Line and column (1-based) of a character offset in `text`. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

const isStringList = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === "string");
const isText = (v: unknown): boolean => typeof v === "string" || isStringList(v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The nbformat 4 structure this project reads, checked before anything else (the subset of
 * nbformat's v4 JSON schema the runner, importer and exporter rely on): a JSON object with
 * `nbformat` 4 (checked first, so an nbformat 3 file is reported as such), an integer
 * `nbformat_minor`, a `metadata` object and a `cells` list; each cell an object with a
 * `cell_type` of code / markdown / raw, a `source` string or list of strings, an optional
 * `metadata` object whose `tags` (if any) are a list of strings, and for code cells an
 * optional `outputs` list of objects with a known `output_type`. Throws `NotebookFormatError`.
 */
export function validateNotebookJson(raw: unknown, origin: string): asserts raw is Notebook {
  const fail = (problem: string, cell?: number): never => {
    throw new NotebookFormatError(origin, problem, cell);
  };
  if (!isObject(raw)) fail("not a Jupyter notebook (the file is JSON but not an object)");
  const nb = raw as Record<string, unknown>;
  if (nb.nbformat === undefined) fail('not a Jupyter notebook (no "nbformat" field)');
  if (nb.nbformat !== 4)
    fail(
      `nbformat ${JSON.stringify(nb.nbformat)} is not supported (need 4; convert with \`jupyter nbconvert --to notebook --nbformat 4\`)`,
    );
  if (nb.nbformat_minor !== undefined && !Number.isInteger(nb.nbformat_minor))
    fail(`"nbformat_minor" must be an integer, got ${JSON.stringify(nb.nbformat_minor)}`);
  if (nb.metadata !== undefined && !isObject(nb.metadata)) fail('"metadata" must be an object');
  if (!Array.isArray(nb.cells)) fail('not a Jupyter notebook (no "cells" list)');
  (nb.cells as unknown[]).forEach((cell, i) => {
    if (!isObject(cell)) fail(`expected a cell object, got ${cell === null ? "null" : typeof cell}`, i);
    const c = cell as Record<string, unknown>;
    if (c.cell_type !== "code" && c.cell_type !== "markdown" && c.cell_type !== "raw")
      fail(`cell_type ${JSON.stringify(c.cell_type)} is not code, markdown or raw`, i);
    if (!isText(c.source)) fail('"source" must be a string or a list of strings', i);
    if (c.metadata !== undefined && !isObject(c.metadata)) fail('"metadata" must be an object', i);
    const tags = (c.metadata as Record<string, unknown> | undefined)?.tags;
    if (tags !== undefined && !isStringList(tags)) fail('"metadata.tags" must be a list of strings', i);
    if (c.cell_type === "code" && c.outputs !== undefined) {
      if (!Array.isArray(c.outputs)) fail('"outputs" must be a list', i);
      for (const o of c.outputs as unknown[]) {
        const t = isObject(o) ? o.output_type : undefined;
        if (t !== "stream" && t !== "display_data" && t !== "execute_result" && t !== "error")
          fail(
            `an output has output_type ${JSON.stringify(t)} (expected stream, display_data, execute_result or error)`,
            i,
          );
      }
    }
  });
}

/** Parse notebook JSON text (validated, see `validateNotebookJson`), joining split lines back into plain strings. */
export function parseNotebook(text: string, origin = "<notebook>"): Notebook {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const at = /position (\d+)/.exec(msg);
    const where = at ? lineColumn(text, Number(at[1])) : undefined;
    throw new NotebookFormatError(
      origin,
      `not valid notebook JSON (${msg.replace(/ in JSON at position \d+.*$/, "")})`,
      undefined,
      where?.line,
      where?.column,
    );
  }
  validateNotebookJson(raw, origin);
  const nb = raw;
  nb.metadata ??= {};
  for (const cell of nb.cells) {
    cell.source = joinLines(cell.source) as string;
    cell.metadata ??= {};
    if (cell.cell_type === "code") {
      cell.outputs ??= [];
      cell.execution_count ??= null;
      for (const o of cell.outputs) {
        if (o.output_type === "stream") o.text = joinLines(o.text) as string;
        else if (o.output_type === "display_data" || o.output_type === "execute_result") {
          o.data = rejoinBundle(o.data);
        }
      }
    }
  }
  return nb;
}

/** Why a file could not be read, in words: "no such file", "is a folder", "permission denied", … */
export function readErrorText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === "ENOENT"
    ? "no such file"
    : code === "EISDIR"
      ? "is a folder"
      : code === "EACCES"
        ? "permission denied"
        : (e as Error).message;
}

/** Read and parse a notebook file; a missing file, a folder or an unreadable file is a `NotebookFormatError`. */
export function readNotebook(path: string): Notebook {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const why = readErrorText(e);
    const code = (e as NodeJS.ErrnoException).code;
    throw new NotebookFormatError(
      path,
      code === "ENOENT" ? why : code === "EISDIR" ? `${why}, not a notebook file` : `cannot be read (${why})`,
    );
  }
  return parseNotebook(text, path);
}

function splitBundle(data: MimeBundle): MimeBundle {
  const out: MimeBundle = {};
  for (const [k, v] of Object.entries(data)) {
    out[k] = typeof v === "string" && (k.startsWith("text/") || SPLIT_NON_TEXT.has(k)) ? splitLinesKeepEnds(v) : v;
  }
  return out;
}

/** Deep copy with object keys sorted (Python's `json.dumps(sort_keys=True)`). */
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/** Serialise as nbformat's JSONWriter does (sorted keys, indent 1, split lines, trailing newline). */
export function serializeNotebook(nb: Notebook): string {
  const copy = JSON.parse(JSON.stringify(nb)) as Notebook;
  for (const cell of copy.cells) {
    (cell as { source: unknown }).source = splitLinesKeepEnds(cell.source);
    if (cell.cell_type === "code") {
      for (const o of cell.outputs) {
        if (o.output_type === "stream") (o as { text: unknown }).text = splitLinesKeepEnds(o.text);
        else if (o.output_type === "display_data" || o.output_type === "execute_result") o.data = splitBundle(o.data);
      }
    }
  }
  return `${JSON.stringify(sortKeys(copy), null, 1)}\n`;
}

/** Write atomically: a temporary file in the same folder, then rename over the target. */
export function writeNotebookAtomic(path: string, nb: Notebook): void {
  const tmp = join(dirname(path), `.${process.pid}.${Date.now()}.ipynb.tmp`);
  writeFileSync(tmp, serializeNotebook(nb), "utf8");
  renameSync(tmp, path);
}

/**
 * Give every cell of an nbformat ≥ 4.5 notebook an `id` (the format requires one). Jupyter's
 * writer invents a random id for a cell without one, so such a notebook changes every time it
 * is saved; here a missing id is derived from the previous cell's (`cell-020` → `cell-020-1`,
 * else `cell-1`), made unique, and then stays in the file. Cells that have an id keep it.
 */
export function withCellIds(nb: Notebook): Notebook {
  if (nb.nbformat < 4 || (nb.nbformat === 4 && nb.nbformat_minor < 5)) return nb;
  if (nb.cells.every((c) => typeof c.id === "string" && c.id)) return nb;
  const taken = new Set(nb.cells.map((c) => c.id).filter((id): id is string => typeof id === "string" && !!id));
  let prev = "cell";
  const cells = nb.cells.map((c) => {
    if (typeof c.id === "string" && c.id) {
      prev = c.id;
      return c;
    }
    let n = 1;
    while (taken.has(`${prev}-${n}`)) n++;
    const id = `${prev}-${n}`.slice(-64);
    taken.add(id);
    return { ...c, id };
  });
  return { ...nb, cells };
}

/** The tags of a cell (`metadata.tags`), never undefined. */
export const cellTags = (cell: Cell): string[] => (Array.isArray(cell.metadata.tags) ? cell.metadata.tags : []);

/** The article's `In[n]` tag of a cell, if it has one. */
export function articleTag(cell: Cell): string | undefined {
  return cellTags(cell).find((t) => /^In\[\d+\]$/.test(t));
}
