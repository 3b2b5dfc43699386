/**
 * The HTML export as a reader gets it: math rendered by KaTeX (no raw TeX left), highlighted
 * code, minified plotly.js once per page, a size budget per page for every committed notebook,
 * and — in headless Chromium, when Debian's `chromium` is installed — pages that never get wider
 * than the window (wide tables, long lines and display math scroll in their own box), KaTeX's
 * inlined fonts in use, every chart drawn, no console error and no network request.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { tableBundle } from "../../lib/notebook/display";
import { notebookToHtml } from "../../lib/notebook/html-export";
import { type Notebook, readNotebook, TSLAB_METADATA } from "../../lib/notebook/ipynb";

const ROOT = join(__dirname, "..", "..");
const NB_DIR = join(ROOT, "notebooks");
const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
const tmp = mkdtempSync(join(tmpdir(), "html-page-test-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Size budget of one exported page: plotly.js (1.5 MB) + KaTeX (0.4 MB) + the notebook's own content. */
const PAGE_BUDGET = 3 * 1024 * 1024;

const wideRows = Array.from({ length: 5 }, (_, i) =>
  Object.fromEntries(Array.from({ length: 60 }, (_, j) => [`a_long_column_name_${j}`, i * 1000.123 + j])),
);

/** A notebook with math, a 60-column table shown in full, a long output line and a wide formula. */
const sample: Notebook = {
  cells: [
    {
      cell_type: "markdown",
      metadata: {},
      source:
        "# Math\n\nThe weight $w_i = \\frac{1}{n}$ and money: it costs $5 and $6.\n\n$$\\sum_{i=1}^{n} w_i = 1$$\n\n" +
        "Inline \\(\\alpha^\\top w\\) and a wide one:\n\n$$" +
        Array.from({ length: 60 }, (_, i) => `x_{${i}}`).join(" + ") +
        "$$\n",
    },
    {
      cell_type: "code",
      metadata: {},
      execution_count: 1,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source text with a template literal
      source: 'const s = `a${1 + 2}b`; // comment\nif (s.length > 0) console.log("<b>" + s);',
      outputs: [
        { output_type: "display_data", metadata: {}, data: tableBundle(wideRows, { maxColumns: null }) },
        { output_type: "stream", name: "stdout", text: `${"x".repeat(3000)}\n` },
      ],
    },
  ],
  metadata: { ...TSLAB_METADATA },
  nbformat: 4,
  nbformat_minor: 5,
} as unknown as Notebook;

test("export: TeX math becomes KaTeX markup, with its fonts inlined; prices stay text", () => {
  const html = notebookToHtml(sample, "sample");
  const tex = [...html.matchAll(/<annotation encoding="application\/x-tex">([^<]*)<\/annotation>/g)].map((m) => m[1]);
  assert.deepEqual(tex.slice(0, 3), ["w_i = \\frac{1}{n}", "\\sum_{i=1}^{n} w_i = 1", "\\alpha^\\top w"]);
  assert.ok(html.includes('<span class="katex-display">'), "display math");
  assert.ok(html.includes("it costs $5 and $6."), "dollar amounts are not math");
  assert.ok(!html.includes("katex-error"), "no KaTeX error");
  const text = html.replace(/<annotation[\s\S]*?<\/annotation>/g, "").replace(/<[^>]+>/g, "");
  assert.ok(!/\$\$|\\frac|\\sum/.test(text), "no raw TeX left in the text");
  assert.match(html, /@font-face\{[^}]*KaTeX_Main[^}]*src:url\(data:font\/woff2;base64,/);
  assert.ok(!/url\(fonts\//.test(html), "no font file outside the page");
});

test("export: code is highlighted by token, and escaped", () => {
  const html = notebookToHtml(sample, "sample");
  const code = /<pre class="input"><code class="language-typescript">([\s\S]*?)<\/code><\/pre>/.exec(html)?.[1] ?? "";
  assert.ok(code.includes('<span class="tok-kw">const</span>'));
  assert.ok(code.includes('<span class="tok-str">`a${</span>'));
  assert.ok(code.includes('<span class="tok-com">// comment</span>'));
  assert.ok(code.includes('<span class="tok-str">&quot;&lt;b&gt;&quot;</span>'));
  const back = code
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
  assert.equal(back, sample.cells[1].source);
});

const notebooks = readdirSync(NB_DIR)
  .filter((f) => f.endsWith(".ipynb"))
  .sort();

for (const f of notebooks) {
  test(`export ${f}: within the ${PAGE_BUDGET / 1048576} MB budget, minified plotly.js once, no network resource`, () => {
    const html = notebookToHtml(readNotebook(join(NB_DIR, f)), f);
    assert.ok(html.length <= PAGE_BUDGET, `${f}: ${html.length} bytes`);
    const plotly = (html.match(/\* plotly\.js \(cartesian - minified\) v|\* plotly\.js v\d/g) ?? []).length;
    const figures = (html.match(/class="plotly-figure"/g) ?? []).length;
    assert.equal(plotly, figures ? 1 : 0, "one plotly.js per page with charts");
    assert.ok(!html.includes("w.__nbPlotly=w.__nbPlotly||{queue"), "the notebook's own loader is not copied");
    // plotly.js's own text mentions URLs; the page around it must load nothing (Chromium checks requests).
    const page = html.replace(/<script>\/\*\*\n\* plotly\.js[\s\S]*?<\/script>/, "");
    assert.ok(!/(src|href)="https?:|url\(https?:|@import/.test(page), "no network resource");
  });
}

function chromiumDom(file: string, width: number): Record<string, string> {
  const probe = file.replace(/\.html$/, ".probe.html");
  const recorder =
    "<script>window.__errors=[];window.addEventListener('error',function(e){window.__errors.push(String(e.message))});" +
    "var __ce=console.error;console.error=function(){window.__errors.push(Array.from(arguments).join(' '));__ce.apply(console,arguments)};" +
    "window.addEventListener('load',function(){setTimeout(function(){var b=document.body,d=document.documentElement;" +
    "b.setAttribute('data-errors',JSON.stringify(window.__errors));" +
    "b.setAttribute('data-scroll',String(d.scrollWidth));b.setAttribute('data-inner',String(window.innerWidth));" +
    "b.setAttribute('data-figs',String(document.querySelectorAll('.plotly-figure').length));" +
    "b.setAttribute('data-drawn',String(document.querySelectorAll('.plotly-figure.js-plotly-plot svg.main-svg:first-of-type').length));" +
    "var k=document.querySelectorAll('.katex');var w=0;k.forEach(function(e){if(e.getBoundingClientRect().width>0)w++});" +
    "b.setAttribute('data-katex',String(k.length));b.setAttribute('data-katexw',String(w));" +
    "b.setAttribute('data-font',String(k.length?document.fonts.check('16px KaTeX_Main'):'none'));" +
    "var net=performance.getEntriesByType('resource').filter(function(r){return !/^(data|blob):/.test(r.name)}).map(function(r){return r.name});" +
    "b.setAttribute('data-net',JSON.stringify(net));b.setAttribute('data-done','1');},1500)});</script>";
  writeFileSync(probe, readFileSync(file, "utf8").replace("<head>", `<head>${recorder}`));
  const c = spawnSync(
    CHROMIUM as string,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--host-resolver-rules=MAP * ~NOTFOUND",
      `--user-data-dir=${join(tmp, "profile")}`,
      `--window-size=${width},900`,
      "--virtual-time-budget=15000",
      "--dump-dom",
      `file://${probe}`,
    ],
    { encoding: "utf8", timeout: 180_000, maxBuffer: 256 * 1024 * 1024 },
  );
  assert.equal(c.status, 0, c.stderr);
  const body = /<body([^>]*)>/.exec(c.stdout)?.[1] ?? "";
  return Object.fromEntries(
    [...body.matchAll(/data-([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2].replace(/&quot;/g, '"')]),
  );
}

const skip = CHROMIUM ? false : "skipped: Debian package chromium is not installed";

test("export in Chromium: a 60-column table, a 3000-character line and a wide formula do not widen the page", {
  skip,
}, () => {
  const file = join(tmp, "sample.html");
  writeFileSync(file, notebookToHtml(sample, "sample"));
  const r = chromiumDom(file, 1000);
  assert.equal(r.done, "1", "the page's load handler ran");
  assert.equal(r.errors, "[]");
  assert.ok(Number(r.scroll) <= Number(r.inner), `page is ${r.scroll} px wide in a ${r.inner} px window`);
  assert.ok(Number(r.katex) >= 4 && r.katexw === r.katex, `${r.katexw} of ${r.katex} formulas laid out`);
  assert.equal(r.font, "true", "KaTeX_Main font available from the page itself");
  assert.equal(r.net, "[]");
});

test("export in Chromium: every committed notebook fits the window, charts drawn, math rendered, offline", {
  skip,
}, () => {
  for (const f of notebooks) {
    const file = join(tmp, f.replace(/\.ipynb$/, ".html"));
    writeFileSync(file, notebookToHtml(readNotebook(join(NB_DIR, f)), f));
    const r = chromiumDom(file, 1000);
    assert.equal(r.done, "1", `${f}: load handler ran`);
    assert.equal(r.errors, "[]", `${f}: console errors`);
    assert.ok(Number(r.scroll) <= Number(r.inner), `${f}: page is ${r.scroll} px wide in a ${r.inner} px window`);
    assert.equal(r.drawn, r.figs, `${f}: ${r.drawn} of ${r.figs} charts drawn`);
    assert.equal(r.katexw, r.katex, `${f}: ${r.katexw} of ${r.katex} formulas laid out`);
    assert.equal(r.net, "[]", `${f}: network requests`);
  }
});
