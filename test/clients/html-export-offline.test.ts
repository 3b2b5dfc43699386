/**
 * The HTML export (`npm run notebooks:html`) of every committed notebook, opened in headless
 * Chromium through the DevTools protocol: the page makes no network request — everything it
 * needs is inside the file (requests other than file:, data:, blob: and about: are listed).
 * Skipped, naming the package, where Chromium is not installed (.ci/run installs it).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { Browser, missing, ROOT } from "./clients";

const skip = missing("chromium");
const tmp = mkdtempSync(join(tmpdir(), "html-offline-test-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

test("the HTML export of every notebook loads without a network request", { skip, timeout: 300_000 }, async () => {
  const r = spawnSync(
    join(ROOT, "node_modules", ".bin", "tsx"),
    [join(ROOT, "lib", "cli", "export-html.ts"), "--out", tmp],
    { encoding: "utf8", cwd: ROOT },
  );
  assert.equal(r.status, 0, r.stderr);
  const pages = readdirSync(tmp)
    .filter((f) => f.endsWith(".html"))
    .sort();
  assert.ok(pages.length >= 1, "pages were exported");
  const browser = Browser.launch();
  const requests: string[] = [];
  try {
    for (const page of pages) {
      const session = await browser.newPage();
      browser.on((method, params, sid) => {
        if (sid !== session || method !== "Network.requestWillBeSent") return;
        const url = String((params.request as { url?: string } | undefined)?.url ?? "");
        if (!/^(file|data|blob|about):/.test(url)) requests.push(`${page}: ${url}`);
      });
      await browser.send("Network.enable", {}, session);
      await browser.send("Page.enable", {}, session);
      await browser.send("Page.navigate", { url: `file://${join(tmp, page)}` }, session);
      await browser.waitFor(session, "document.readyState === 'complete'", 60_000);
      await new Promise((res) => setTimeout(res, 2000)); // late requests (fonts, scripts' fetches)
      await browser.send("Page.close", {}, session).catch(() => undefined);
    }
  } finally {
    await browser.close();
  }
  console.log(`${pages.length} pages opened, ${requests.length} network requests`);
  assert.deepEqual(requests, [], "network requests made by the exported pages");
});
