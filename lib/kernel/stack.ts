/**
 * Stack traces that point at what the user wrote: a notebook cell's own line and column, and the
 * `.ts` source of lib/ (through the source maps `tsc` writes next to lib/dist), with the frames
 * of dependencies and of Node.js / tslab internals trimmed from what a failing cell reports.
 *
 * tslab compiles a cell twice — TypeScript to an ES module (its own TypeScript 5.0.4 with custom
 * transformers), then that module to CommonJS — and runs the result with `vm`. The wrapper kernel
 * (tslab-kernel.ts) asks both steps for a source map and gives each cell's code a file name,
 * `<cell N>` (N: the execution count, as in `In [N]`); `CellMaps` composes the two maps, so a
 * position in the code V8 ran maps back to the cell's TypeScript.
 */
import { findSourceMap, SourceMap, type SourceMapPayload } from "node:module";
import { fileURLToPath } from "node:url";

/** 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

interface Entry {
  originalLine?: number;
  originalColumn?: number;
  originalSource?: string;
}

/** The entry of `map` for a 0-based generated position, or undefined when there is none. */
function lookup(map: SourceMap, line0: number, column0: number): Entry | undefined {
  const e = map.findEntry(line0, column0) as Entry;
  return e && typeof e.originalLine === "number" ? e : undefined;
}

/** Decode an inline `//# sourceMappingURL=data:application/json;base64,…` comment. */
const INLINE_MAP = /\n?\/\/# sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)\s*$/;

/** Split a trailing inline source map comment off `js`: the code without it and the map. */
export function splitInlineSourceMap(js: string): { code: string; map?: SourceMapPayload } {
  const m = INLINE_MAP.exec(js);
  if (!m) return { code: js };
  try {
    return { code: js.slice(0, m.index), map: JSON.parse(Buffer.from(m[1], "base64").toString("utf8")) };
  } catch {
    return { code: js.slice(0, m.index) };
  }
}

/** Remove a trailing `//# sourceMappingURL=<file>` comment (not an inline one). */
export function stripSourceMapUrl(js: string): string {
  return js.replace(/\n?\/\/# sourceMappingURL=[^\n]*\s*$/, "");
}

/**
 * The two source maps of one compiled cell: `toModule` maps the CommonJS code V8 runs to the ES
 * module tslab emitted, `toSource` maps that module to the cell's TypeScript, which tslab
 * compiles with `linesBefore` lines of its own in front ("export {};").
 */
export class CellMaps {
  private readonly toModule?: SourceMap;
  private readonly toSource?: SourceMap;

  constructor(
    toModule: SourceMapPayload | undefined,
    toSource: SourceMapPayload | undefined,
    private readonly linesBefore = 1,
  ) {
    this.toModule = toModule ? new SourceMap(toModule) : undefined;
    this.toSource = toSource ? new SourceMap(toSource) : undefined;
  }

  /** The cell position (1-based) of a 1-based position in the code V8 ran, if it maps. */
  original(pos: Position): Position | undefined {
    if (!this.toModule || !this.toSource) return undefined;
    const a = lookup(this.toModule, pos.line - 1, pos.column - 1);
    if (!a) return undefined;
    const b = lookup(this.toSource, a.originalLine as number, a.originalColumn as number);
    if (!b) return undefined;
    const line = (b.originalLine as number) + 1 - this.linesBefore;
    if (line < 1) return undefined;
    return { line, column: (b.originalColumn as number) + 1 };
  }
}

/** A cell's compiled code as V8 ran it: the maps and the characters put in front of line 1. */
export interface RegisteredCell {
  maps: CellMaps;
  /** Characters before the compiled code on its first line (tslab's `(function(exports, require) { `). */
  firstLineOffset: number;
  /** The last line of the code V8 ran: tslab's call of the wrapper function, not the user's code. */
  wrapperLine: number;
}

/** Cells run so far, by the file name their code ran under (`<cell N>`). */
export const cells = new Map<string, RegisteredCell>();

/** Map a position in `file` to the source the user edits: a cell, or a `.ts` file of lib/. */
export function originalPosition(file: string, pos: Position): { file: string; pos: Position } | undefined {
  const cell = cells.get(file);
  if (cell) {
    const column = pos.line === 1 ? pos.column - cell.firstLineOffset : pos.column;
    const p = cell.maps.original({ line: pos.line, column });
    return p ? { file, pos: p } : undefined;
  }
  if (!file.endsWith(".js") || file.includes("/node_modules/") || file.includes("\\node_modules\\")) return undefined;
  let map: SourceMap | undefined;
  try {
    map = findSourceMap(file);
  } catch {
    return undefined;
  }
  if (!map) return undefined;
  const e = lookup(map, pos.line - 1, pos.column - 1);
  if (!e?.originalSource) return undefined;
  const src = e.originalSource.startsWith("file:") ? fileURLToPath(e.originalSource) : e.originalSource;
  return { file: src, pos: { line: (e.originalLine as number) + 1, column: (e.originalColumn as number) + 1 } };
}

/** The parts of a V8 call site this module reads. */
export interface CallSiteLike {
  getFileName(): string | null | undefined;
  getLineNumber(): number | null;
  getColumnNumber(): number | null;
  toString(): string;
}

/** One frame as V8 prints it (without "    at "), its location mapped where a map knows it. */
export function formatCallSite(site: CallSiteLike): string {
  const text = String(site);
  const file = site.getFileName();
  const line = site.getLineNumber();
  const column = site.getColumnNumber();
  if (!file || line === null || column === null) return text;
  const mapped = originalPosition(file, { line, column });
  if (!mapped) return text;
  const from = `${file}:${line}:${column}`;
  const at = text.lastIndexOf(from);
  if (at < 0) return text;
  return `${text.slice(0, at)}${mapped.file}:${mapped.pos.line}:${mapped.pos.column}${text.slice(at + from.length)}`;
}

/** Whether a call site is tslab's call of a cell's wrapper function (the last line of its code). */
function isCellWrapperCall(site: CallSiteLike): boolean {
  const file = site.getFileName();
  const cell = file ? cells.get(file) : undefined;
  return cell !== undefined && site.getLineNumber() === cell.wrapperLine;
}

/**
 * `Error.prepareStackTrace` that maps cell and lib/ frames; the only frame left out is tslab's
 * call of a cell's wrapper function, which is no code the user wrote.
 */
export function prepareStackTrace(error: unknown, sites: CallSiteLike[]): string {
  let head: string;
  try {
    head = String(error);
  } catch {
    head = "Error";
  }
  return [head, ...sites.filter((s) => !isCellWrapperCall(s)).map((s) => `    at ${formatCallSite(s)}`)].join("\n");
}

/** Folders whose frames are internal besides node_modules (the wrapper kernel's own). */
export const internalFolders: string[] = [];

/**
 * Whether a stack line is a frame the user cannot act on: a dependency under node_modules,
 * Node.js internals (`node:…`), native frames (`<anonymous>`, `new Promise`), the `vm` machinery.
 */
export function isInternalFrame(line: string): boolean {
  if (!/^\s+at /.test(line)) return false;
  if (/[\\/]node_modules[\\/]|\(node:|at node:|evalmachine\.<anonymous>/.test(line)) return true;
  if (internalFolders.some((f) => line.includes(f))) return true;
  if (/\(<anonymous>\)$|at <anonymous>$|\(native\)$/.test(line)) return true;
  return false;
}

/**
 * The traceback of a failing cell: the stack's message lines and the user's frames (cells and
 * the repository's own files); internal frames dropped. If every frame is internal, the first
 * one is kept, so the traceback still says where the error arose.
 */
export function trimStack(stack: string): string[] {
  const lines = stack.split("\n");
  const firstFrame = lines.findIndex((l) => /^\s+at /.test(l));
  if (firstFrame < 0) return lines;
  const head = lines.slice(0, firstFrame);
  const frames = lines.slice(firstFrame);
  const kept = frames.filter((l) => !isInternalFrame(l));
  return [...head, ...(kept.length ? kept : frames.slice(0, 1))];
}
