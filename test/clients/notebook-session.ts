/**
 * One classic Notebook 6 session in headless Chromium for the real-client tests: copies of the
 * committed notebooks in a private folder (the checkout is never written), made trusted with
 * `jupyter trust` as a user's own executed notebooks are, a Notebook server with the project's
 * kernel, and, per notebook, what the page shows once the kernel is connected: whether it is
 * marked modified, how many plotly figures drew, and the file after "Save".
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readNotebook } from "../../lib/notebook/ipynb";
import { Browser, jupyterHome, PYTHON, ROOT, startNotebookServer } from "./clients";

export interface OpenedNotebook {
  name: string;
  /** The kernel connected (kernel_info answered) within the time limit. */
  kernelReady: boolean;
  /** `Jupyter.notebook.dirty` once the kernel is connected: "(unsaved changes)" in the title bar. */
  dirtyAfterKernel: boolean;
  /** Figures committed in the notebook: outputs with `application/vnd.plotly.v1+json`. */
  committedFigures: number;
  /** Figures plotly drew in the page: `.js-plotly-plot` elements holding a `.main-svg`. */
  drawnFigures: number;
  /** Static figure images shown (loaded `img` with an SVG data URI inside an HTML output). */
  staticFigures: number;
  /** Outputs carrying `text/markdown` (what `markdown()` displays). */
  markdownOutputs: number;
  /** Of those, how many the page shows as raw text (classic Notebook ignores untrusted text/markdown). */
  markdownShownRaw: number;
  /** Whether the file the Notebook saved ("Save", the frontend's model) equals the committed bytes. */
  savedIdentical: boolean;
  /** The first differing line after saving, for the report. */
  firstDifference?: string;
}

const figureCount = (file: string) =>
  readNotebook(file)
    .cells.flatMap((c) => (c.cell_type === "code" ? c.outputs : []))
    .filter(
      (o) =>
        (o.output_type === "display_data" || o.output_type === "execute_result") &&
        "application/vnd.plotly.v1+json" in o.data,
    ).length;

/** Per output with text/markdown: is its output area the plain-text rendering? */
const MARKDOWN_EXPR = `(function () {
  var total = 0, raw = 0;
  Jupyter.notebook.get_cells().forEach(function (c) {
    if (!c.output_area) return;
    var areas = c.output_area.element.find(".output_subarea");
    c.output_area.outputs.forEach(function (o, i) {
      if (!o.data || o.data["text/markdown"] === undefined) return;
      total++;
      var el = areas[i];
      if (!el || el.classList.contains("output_text")) raw++;
    });
  });
  return { total: total, raw: raw };
})()`;

/** Open every committed notebook in classic Notebook (one server, one browser) and report. */
export async function openAllNotebooks(opts: { trusted: boolean; figureWaitMs?: number }): Promise<OpenedNotebook[]> {
  const home = jupyterHome();
  const work = join(home.dir, "work");
  mkdirSync(join(work, "notebooks"), { recursive: true });
  const names = readdirSync(join(ROOT, "notebooks"))
    .filter((f) => f.endsWith(".ipynb"))
    .sort();
  for (const n of names) copyFileSync(join(ROOT, "notebooks", n), join(work, "notebooks", n));
  if (opts.trusted) {
    // `jupyter trust` (Debian ships nbformat's TrustNotebookApp without the jupyter-trust script).
    const r = spawnSync(
      PYTHON,
      [
        "-c",
        "from nbformat.sign import TrustNotebookApp; TrustNotebookApp.launch_instance()",
        ...names.map((n) => join(work, "notebooks", n)),
      ],
      { encoding: "utf8", env: home.env },
    );
    if (r.status !== 0) throw new Error(`jupyter trust failed: ${r.stderr}`);
  }
  const server = await startNotebookServer(work, home.env);
  const browser = Browser.launch();
  const results: OpenedNotebook[] = [];
  try {
    for (const name of names) {
      const session = await browser.newPage();
      await browser.send("Page.enable", {}, session);
      await browser.send("Runtime.enable", {}, session);
      await browser.send(
        "Page.navigate",
        { url: `${server.url}/notebooks/notebooks/${name}?token=${server.token}` },
        session,
      );
      const kernelReady = Boolean(
        await browser.waitFor(
          session,
          "!!(window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.info_reply && Jupyter.notebook.kernel.info_reply.language_info && Jupyter.notebook._fully_loaded)",
          60_000,
        ),
      );
      // kernel_ready handlers run right after info_reply: give them a moment.
      await new Promise((r) => setTimeout(r, 1000));
      const dirtyAfterKernel = Boolean(await browser.evaluate(session, "Jupyter.notebook.dirty"));
      const committedFigures = figureCount(join(ROOT, "notebooks", name));
      const countExpr =
        "Array.from(document.querySelectorAll('.js-plotly-plot')).filter(function (e) { return e.querySelector('.main-svg'); }).length";
      await browser.waitFor(session, `${countExpr} >= ${committedFigures}`, opts.figureWaitMs ?? 15_000);
      const drawnFigures = Number(await browser.evaluate(session, countExpr));
      const md = (await browser.evaluate(session, MARKDOWN_EXPR)) as { total: number; raw: number };
      const staticExpr =
        "Array.from(document.querySelectorAll('.output_html img')).filter(function (i) { return (i.getAttribute('src') || '').indexOf('data:image/svg+xml') === 0 && i.complete && i.naturalWidth > 0; }).length";
      if (!opts.trusted)
        await browser.waitFor(session, `${staticExpr} >= ${committedFigures}`, 5_000).catch(() => false);
      const staticFigures = Number(await browser.evaluate(session, staticExpr));
      // Save through the frontend, as the Save button does, then compare the file.
      await browser.evaluate(session, "Jupyter.notebook.save_notebook().then(function () { return true; })");
      const saved = readFileSync(join(work, "notebooks", name), "utf8");
      const committed = readFileSync(join(ROOT, "notebooks", name), "utf8");
      const a = committed.split("\n");
      const b = saved.split("\n");
      const at = a.findIndex((l, i) => l !== b[i]);
      results.push({
        name,
        kernelReady,
        dirtyAfterKernel,
        committedFigures,
        drawnFigures,
        staticFigures,
        markdownOutputs: md.total,
        markdownShownRaw: md.raw,
        savedIdentical: saved === committed,
        firstDifference:
          saved === committed
            ? undefined
            : `line ${at + 1}: committed ${JSON.stringify(a[at])}, saved ${JSON.stringify(b[at])}`,
      });
      await browser.evaluate(session, "Jupyter.notebook.session.delete(); true").catch(() => undefined);
      await browser.send("Page.close", {}, session).catch(() => undefined);
    }
  } finally {
    await browser.close();
    await server.stop();
    home.remove();
  }
  return results;
}
