/**
 * Conversion between notebooks and the "percent" script format (as jupytext writes it for
 * TypeScript), so a notebook can be drafted or bulk-edited as a plain `.ts` file:
 *
 *     // %% [markdown]
 *     // ## A step of the method
 *     // Prose in markdown, each line behind `// `.
 *     // %% tags=["In[3]"]
 *     const x = compute();
 *
 * A cell starts at a line `// %%`, optionally followed by `[markdown]` and/or
 * `tags=["a","b"]`. The `.ipynb` stays the source of truth (it carries the outputs); the script is
 * a drafting aid and is not committed.
 */
import { type Cell, type Notebook, TSLAB_METADATA } from "./ipynb";

const HEADER = /^\/\/ %%(.*)$/;

/** A cell header of a percent-format script that cannot be read: `line` is the script's (1-based). */
export class PercentFormatError extends Error {
  constructor(
    readonly line: number,
    readonly problem: string,
    readonly origin = "<script>",
  ) {
    super(`${origin}:${line}: ${problem}`);
  }
}

/**
 * A notebook from a percent-format script; `origin` names the script in errors. Tags must be a
 * JSON list of non-empty strings (`tags=["In[3]"]`), else `PercentFormatError` with the line.
 */
export function notebookFromPercent(script: string, origin = "<script>"): Notebook {
  const lines = script.replace(/\r\n/g, "\n").split("\n");
  const cells: Cell[] = [];
  let cur: { kind: "code" | "markdown"; tags: string[]; body: string[] } | undefined;
  const flush = () => {
    if (!cur) return;
    const body = [...cur.body];
    while (body.length && body[0].trim() === "") body.shift();
    while (body.length && body[body.length - 1].trim() === "") body.pop();
    const metadata = cur.tags.length ? { tags: cur.tags } : {};
    if (cur.kind === "markdown") {
      const text = body.map((l) => l.replace(/^\/\/ ?/, "")).join("\n");
      cells.push({ cell_type: "markdown", metadata, source: text });
    } else {
      cells.push({ cell_type: "code", metadata, source: body.join("\n"), execution_count: null, outputs: [] });
    }
  };
  for (const [lineIndex, line] of lines.entries()) {
    const m = HEADER.exec(line);
    if (m) {
      flush();
      const rest = m[1];
      const tagsMatch = /tags=(\[.*\])/.exec(rest);
      let tags: string[] = [];
      if (tagsMatch) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(tagsMatch[1]);
        } catch {
          throw new PercentFormatError(
            lineIndex + 1,
            `tags are not a JSON list (write tags=["name", …]): ${line.trim()}`,
            origin,
          );
        }
        if (!Array.isArray(parsed) || !parsed.every((t) => typeof t === "string" && t !== ""))
          throw new PercentFormatError(
            lineIndex + 1,
            `tags must be non-empty strings, got ${JSON.stringify(parsed)} (write tags=["name", …])`,
            origin,
          );
        tags = parsed as string[];
      } else if (/tags=/.test(rest)) {
        throw new PercentFormatError(
          lineIndex + 1,
          `tags are not a JSON list (write tags=["name", …]): ${line.trim()}`,
          origin,
        );
      }
      cur = { kind: /\[markdown\]/.test(rest) ? "markdown" : "code", tags, body: [] };
    } else {
      cur ??= { kind: "code", tags: [], body: [] };
      cur.body.push(line);
    }
  }
  flush();
  cells.forEach((c, i) => {
    c.id = `cell-${String(i + 1).padStart(3, "0")}`;
  });
  return { cells, metadata: { ...TSLAB_METADATA }, nbformat: 4, nbformat_minor: 5 };
}

export function percentFromNotebook(nb: Notebook): string {
  const out: string[] = [];
  for (const c of nb.cells) {
    const tags =
      Array.isArray(c.metadata.tags) && c.metadata.tags.length ? ` tags=${JSON.stringify(c.metadata.tags)}` : "";
    if (c.cell_type === "markdown") {
      out.push(`// %% [markdown]${tags}`, ...c.source.split("\n").map((l) => (l ? `// ${l}` : "//")), "");
    } else if (c.cell_type === "code") {
      out.push(`// %%${tags}`, c.source, "");
    }
  }
  return out.join("\n");
}

/**
 * Copy outputs from `previous` into `next` for code cells whose source is unchanged (matched in
 * order), so re-importing a script does not throw away outputs that are still valid.
 */
export function keepOutputs(next: Notebook, previous: Notebook | undefined): Notebook {
  if (!previous) return next;
  const old = previous.cells.filter((c) => c.cell_type === "code");
  const bySource = new Map<string, (typeof old)[number]>();
  for (const c of old) if (!bySource.has(c.source)) bySource.set(c.source, c);
  for (const c of next.cells) {
    if (c.cell_type !== "code") continue;
    const o = bySource.get(c.source);
    if (o && o.cell_type === "code") {
      c.outputs = o.outputs;
      c.execution_count = o.execution_count;
    }
  }
  return next;
}
