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

/** Parse notebook JSON text, joining split lines back into plain strings. */
export function parseNotebook(text: string, origin = "<notebook>"): Notebook {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${origin}: not valid notebook JSON (${(e as Error).message})`);
  }
  const nb = raw as Notebook;
  if (typeof nb !== "object" || nb === null || !Array.isArray(nb.cells)) {
    throw new Error(`${origin}: not a Jupyter notebook (no "cells" list)`);
  }
  if (nb.nbformat !== 4) throw new Error(`${origin}: nbformat ${nb.nbformat} is not supported (need 4)`);
  for (const cell of nb.cells) {
    cell.source = joinLines(cell.source) as string;
    cell.metadata ??= {};
    if (cell.cell_type === "code") {
      cell.outputs ??= [];
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

export function readNotebook(path: string): Notebook {
  return parseNotebook(readFileSync(path, "utf8"), path);
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

/** The tags of a cell (`metadata.tags`), never undefined. */
export const cellTags = (cell: Cell): string[] => (Array.isArray(cell.metadata.tags) ? cell.metadata.tags : []);

/** The article's `In[n]` tag of a cell, if it has one. */
export function articleTag(cell: Cell): string | undefined {
  return cellTags(cell).find((t) => /^In\[\d+\]$/.test(t));
}
