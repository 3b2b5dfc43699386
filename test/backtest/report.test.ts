import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { backtestReport, CORRECTED, percentChanges, predictionMonths, rowsToCsv } from "../../lib/backtest";
import { assertRelClose } from "../helpers";

const dir = join(__dirname, "..", "fixtures", "backtest");
const input = JSON.parse(readFileSync(join(dir, "input.json"), "utf8"));
const expected = JSON.parse(readFileSync(join(dir, "expected.json"), "utf8"));
const close = (a: number, b: number, what: string) => assertRelClose(a, b, 1e-9, `${what} (pandas)`);

test("backtestReport: faithful by default, corrected on request (pandas fixture)", () => {
  const months = predictionMonths(input);
  const idx = percentChanges(input.indexLevels);
  for (const [errata, exp] of [
    [undefined, expected.summary],
    [CORRECTED, expected.summaryCorrected],
  ] as const) {
    const rep = backtestReport(months, idx, { indexName: "dji", errata, costBps: input.costBps });
    assert.deepEqual(
      rep.summary.map((r) => r.strategy),
      exp.map((r: { strategy: string }) => r.strategy),
    );
    rep.summary.forEach((r, i) => {
      close(r.cum_return, exp[i].cum_return, `${r.strategy}.cum_return`);
      close(r.sharp_ratio, exp[i].sharp_ratio, `${r.strategy}.sharp_ratio`);
    });
    assert.equal(rep.performance.length, 10);
    close(rep.performance[7].cagr_after_costs, expected.metrics[7].cagr_after_costs, "pred_return.cagr_after_costs");
  }
});

test("rowsToCsv: header, round-trip numbers, NaN empty, quoting", () => {
  assert.equal(
    rowsToCsv([
      { strategy: "a,b", x: 0.1 + 0.2, y: Number.NaN },
      { strategy: 'say "hi"', x: -2, y: 1e-7 },
    ]),
    'strategy,x,y\n"a,b",0.30000000000000004,\n"say ""hi""",-2,1e-7\n',
  );
  assert.equal(rowsToCsv([]), "");
});
