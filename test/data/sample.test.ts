/**
 * The embedded sample, loaded through the public interface (openDataSource with no options):
 * the article's calendar and shapes, every field present, the documented gaps and outliers,
 * the series ranges the article's requests need, and the load time.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { monthEndsBetween } from "../../lib/data/dates";
import { monthlyMembership } from "../../lib/data/membership";
import { fieldsForMonths, provenanceNote } from "../../lib/data/requests";
import { ARTICLE_FIELDS, FIELD_COLUMNS, type FieldRow, openDataSource } from "../../lib/data/source";

const t0 = performance.now();
const ds = openDataSource();
const loadMs = performance.now() - t0;

const changes = ds.historicalConstituents(".DJI", "2000-01-01", "2024-07-31");
const months = monthlyMembership(changes, "2024-07-31");
const rows: FieldRow[] = months.flatMap((m) => ds.fields(m.RIC, ARTICLE_FIELDS, m.Date));
const num = (r: FieldRow, c: string) => r[c] as number;

describe("embedded sample: calendar and shapes", () => {
  it(`loads in under 2 s (measured ${loadMs.toFixed(0)} ms) and says it is synthetic`, () => {
    assert.ok(loadMs < 2000, `load took ${loadMs} ms`);
    assert.deepEqual(ds.openSession(), { name: "embedded-sample", synthetic: true });
    assert.match(ds.description, /synthetic/);
    assert.match(provenanceNote(ds), /^Data: embedded synthetic sample \(data\/sample\)\. Every value is synthetic/);
  });
  it("fieldsForMonths is the In[7] loop: same rows as requesting month by month", () => {
    const two = months.slice(100, 102);
    const viaHelper = fieldsForMonths(ds, two, ["TR.TotalReturn1Mo", "TR.CompanyMarketCap"]);
    assert.equal(viaHelper.length, 60);
    assert.deepEqual(
      viaHelper.map((r) => [r.Instrument, r.Date, r["TR.TOTALRETURN1MO"]]),
      rows.slice(3000, 3060).map((r) => [r.Instrument, r.Date, r["TR.TOTALRETURN1MO"]]),
    );
  });
  it("has In[3]'s 390 constituent rows: 13 dated lists of 30 from 2000-01-01 to 2024-02-26", () => {
    assert.equal(changes.length, 390);
    const dates = [...new Set(changes.map((c) => c.Date))];
    assert.equal(dates.length, 13);
    assert.equal(dates[0], "2000-01-01");
    assert.equal(dates[12], "2024-02-26");
    assert.deepEqual(
      changes.slice(0, 5).map((c) => c.RIC),
      ["MMM.N", "MO.N", "AXP.N", "T.N^K05", "T.N"],
    );
  });
  it("gives 295 month ends 2000-01-31..2024-07-31 with 30 distinct members each, and changes over time", () => {
    assert.deepEqual(
      months.map((m) => m.Date),
      monthEndsBetween("2000-01-01", "2024-07-31"),
    );
    for (const m of months) assert.equal(new Set(m.RIC).size, 30, m.Date);
    assert.ok(months[0].RIC.includes("T.N^K05") && !months[294].RIC.includes("T.N^K05"));
    assert.ok(months[294].RIC.includes("AMZN.OQ") && !months[288].RIC.includes("AMZN.OQ"));
    // the split at 2019-01-01 of the 294 labelled months (the last month has no next month)
    assert.equal(months.slice(0, 294).filter((m) => m.Date < "2019-01-01").length, 228);
    assert.equal(months.slice(0, 294).filter((m) => m.Date >= "2019-01-01").length, 66);
  });
  it("has every one of the 37 field codes of In[6] for every member-month (8850 rows)", () => {
    assert.equal(ARTICLE_FIELDS.length, 37);
    assert.equal(FIELD_COLUMNS.length, 37);
    assert.equal(rows.length, 295 * 30);
    for (const c of FIELD_COLUMNS) assert.ok(c in rows[0], c);
    const sectors = new Set(rows.map((r) => r["TR.TRBCECONOMICSECTOR"]));
    assert.ok(sectors.has("Financials") && sectors.size >= 8 && !sectors.has(""));
  });
  it("has realistic units and magnitudes", () => {
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const ret = rows.map((r) => num(r, "TR.TOTALRETURN1MO"));
    assert.ok(ret.every(Number.isFinite));
    assert.ok(Math.abs(med(ret)) < 3); // percent per month
    const mcap = rows.map((r) => num(r, "TR.COMPANYMARKETCAP"));
    assert.ok(med(mcap) > 5e10 && med(mcap) < 5e11); // USD
    const dy = rows.map((r) => num(r, "TR.DIVIDENDYIELD")).filter(Number.isFinite);
    assert.ok(med(dy) > 0.5 && med(dy) < 5); // percent
    const roa = rows.map((r) => num(r, "TR.F.RETURNAVGTOTASSETSPCT(PERIOD=FY0)")).filter(Number.isFinite);
    assert.ok(med(roa) > 2 && med(roa) < 15); // percent
  });
});

describe("embedded sample: the documented gaps and outliers", () => {
  it("Financials lack working capital, current assets and current liabilities", () => {
    const fin = rows.filter((r) => r["TR.TRBCECONOMICSECTOR"] === "Financials");
    assert.ok(fin.length > 1000);
    for (const c of ["TR.F.WKGCAP(PERIOD=FY0)", "TR.F.TOTCURRASSETS(PERIOD=FY0)", "TR.F.TOTCURRLIAB(PERIOD=FY-1)"])
      assert.ok(
        fin.every((r) => Number.isNaN(num(r, c))),
        c,
      );
    const other = rows.filter((r) => r["TR.TRBCECONOMICSECTOR"] !== "Financials");
    assert.ok(other.filter((r) => Number.isFinite(num(r, "TR.F.WKGCAP(PERIOD=FY0)"))).length > 0.95 * other.length);
  });
  it("dividend yields are missing for everyone before 2003 and in some whole later months", () => {
    const dyByMonth = new Map<string, number>();
    for (const r of rows)
      dyByMonth.set(r.Date, (dyByMonth.get(r.Date) ?? 0) + (Number.isFinite(num(r, "TR.DIVIDENDYIELD")) ? 1 : 0));
    for (const [d, n] of dyByMonth) if (d < "2003-01-31") assert.equal(n, 0, d);
    const emptyLater = [...dyByMonth].filter(([d, n]) => d >= "2003-01-31" && n === 0);
    assert.ok(emptyLater.length >= 3, `whole months without yields after 2003: ${emptyLater.length}`);
    assert.ok(rows.filter((r) => r.Instrument === "CRM.N").every((r) => Number.isNaN(num(r, "TR.DIVIDENDYIELD"))));
  });
  it("has occasional missing cells elsewhere (0.1%-1% of a dense field)", () => {
    const miss = rows.filter((r) => Number.isNaN(num(r, "TR.F.TOTASSETS(PERIOD=FY0)"))).length / rows.length;
    assert.ok(miss > 0.001 && miss < 0.01, `missing share ${miss}`);
  });
  it("has extreme values: some month's leverage (NCFO/debt) z-score exceeds 3 before clipping", () => {
    let months3 = 0;
    for (const m of months) {
      const x = ds
        .fields(m.RIC, ["TR.F.NetCashFlowOp(Period=FY0)", "TR.F.DebtTot(Period=FY0)"], m.Date)
        .map((r) => num(r, "TR.F.NETCASHFLOWOP(PERIOD=FY0)") / num(r, "TR.F.DEBTTOT(PERIOD=FY0)"))
        .filter(Number.isFinite);
      const mean = x.reduce((a, b) => a + b, 0) / x.length;
      const sd = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length);
      if (x.some((v) => Math.abs(v - mean) / sd > 3)) months3++;
    }
    assert.ok(months3 > 50, `months with |z| > 3: ${months3}`);
  });
});

describe("embedded sample: series of In[19]-In[26] and In[44]", () => {
  const macro = ["USCPI=ECI", "USUNR=ECI", "USGPCS=ECI", "USLEAD=ECI", "USCPF=ECI", "USGDPF=ECI", "USFOUT=ECI"];
  it("display names of the seven macro series as In[20] prints them", () => {
    assert.deepEqual(ds.displayNames(macro), {
      "USCPI=ECI": "US CPI mm",
      "USUNR=ECI": "US Unemployment",
      "USGPCS=ECI": "US Consumpn SA",
      "USLEAD=ECI": "US Lead indic'rs",
      "USCPF=ECI": "US Core CPI mm,",
      "USGDPF=ECI": "US GDP Final",
      "USFOUT=ECI": "US Manuf Output",
    });
  });
  it("macro and bond requests starting 30 days early get 296 month ends from 1999-12-31", () => {
    for (const r of macro) {
      const h = ds.history(r, "VALUE", "1999-12-02", "2024-07-31");
      assert.equal(h.length, 296, r);
      assert.equal(h[0].Date, "1999-12-31");
      assert.ok(h.every((p) => Number.isFinite(p.value)));
    }
    for (const r of ["US3MT=RR", "US6MT=RR", "US10YT=RR"]) {
      const h = ds.history(r, "B_YLD_1", "1999-12-02", "2024-07-31");
      assert.equal(h.length, 296, r);
      assert.ok(h.every((p) => p.value > 0 && p.value < 10)); // percent
    }
  });
  it("FX, index and commodity requests 2000-01-01..2024-08-31 get 296 month ends", () => {
    const req: [string, string][] = [
      ["EUR=", "BID"],
      [".VIX", "TR.PriceClose"],
      [".SPX", "TR.PriceClose"],
      ["LCOc1", "TRDPRC_1"],
      ["NGc1", "TRDPRC_1"],
      ["GCc1", "TRDPRC_1"],
    ];
    for (const [r, f] of req) {
      const h = ds.history(r, f, "2000-01-01", "2024-08-31");
      assert.equal(h.length, 296, r);
      assert.equal(h[295].Date, "2024-08-31");
      assert.ok(h.every((p) => p.value > 0));
    }
  });
  it("the DJI request of In[44] gives 66 month ends 2019-01-31..2024-06-30", () => {
    const h = ds.history(".DJI", "TR.PriceClose", "2019-01-31", "2024-07-01");
    assert.equal(h.length, 66);
    assert.equal(h[0].Date, "2019-01-31");
    assert.equal(h[65].Date, "2024-06-30");
  });
});
