/**
 * Synthetic daily sample for the index methodology (AiLA, reference 003): 30 futures-like assets
 * in four sectors on three exchange calendars (US, UK, EU), about 20 years of business days
 * (2005-01-03 … 2024-12-31), with contract expiries, daily long/short/flat signals, EUR and GBP
 * assets with a daily USD fixing, and yearly standard-index weights. Fully synthetic and seeded
 * (lib/random.ts `createRng`): the same seed gives byte-identical CSV files on every machine.
 *
 * Generating process (per index business day t; daily values):
 *   returns     r_i,t = μ_i,t + ½d² + d·(β_s·F_sector + β_g·F_group + β_e·ε_i), d = h_t·σ_i/√252, shocks
 *               Student-t (5 df, unit variance), loadings with β_s² + β_g² + β_e² = 1 (assets of
 *               one group share F_group with β_g = 0.9, so their correlation is about 0.9);
 *               h_t = exp(x_t), x AR(1) (φ = 0.995) volatility regime common to all assets.
 *   drift       μ_i,t AR(1) (φ = 0.995), stationary annualised Sharpe ≈ 0.6 per unit |μ|.
 *   signal      s_i,t = sign(μ_i,t + η_i,t) when |μ + η| > 0.3·sd(μ), else 0, with η AR(1) noise
 *               (φ = 0.98, sd = sd(μ)): noisy, persistent views with a positive edge.
 *   price       P_i,t = P_i,t−1·(1 + r_i,t) on every index day; written only on the asset's own
 *               business days (empty on its holidays — the return accumulates to the next close).
 *               Rolling contracts are continuous (roll-adjusted) series. 6 significant digits.
 *   FX fixing   EURUSD, GBPUSD geometric random walks (0.6 % daily), 6 significant digits.
 *   expiries    contract months: fixed assets one month a year, rolling assets every month or
 *               quarter; expiry = the asset's last business day on or before the 20th.
 *   standard    yearly weights over the commodity assets flagged as standard-index members,
 *               base weights × U(0.8, 1.2), normalised to sum 1.
 */
import { formatCsv, formatNumber } from "../data/csv";
import { civilDayNumber, dateOfDayNumber, dayNumber } from "../data/dates";
import { createRng } from "../random";
import { CALENDARS, type CalendarId, holidays, isBusinessDay, weekdaysBetween } from "./calendars";
import type { DailyAsset, DailyDataset, Sector } from "./daily-data";

interface Spec {
  id: string;
  name: string;
  sector: Sector;
  group: string;
  cal: CalendarId;
  ccy: string;
  kind: "fixed" | "rolling";
  /** contract months (1–12) */
  months: number[];
  vol: number;
  price: number;
  /** base daily rebalancing cap (fraction) */
  liq: number;
  /** base standard-index weight (0 = not a member) */
  std: number;
}

const ALL = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const Q = [3, 6, 9, 12];
// prettier-ignore
const SPECS: Spec[] = [
  {
    id: "WTI_Z",
    name: "WTI crude December",
    sector: "energy",
    group: "crude",
    cal: "US",
    ccy: "USD",
    kind: "fixed",
    months: [12],
    vol: 0.32,
    price: 45,
    liq: 0.02,
    std: 0,
  },
  {
    id: "WTI_M",
    name: "WTI crude June",
    sector: "energy",
    group: "crude",
    cal: "US",
    ccy: "USD",
    kind: "fixed",
    months: [6],
    vol: 0.32,
    price: 45,
    liq: 0.015,
    std: 0,
  },
  {
    id: "WTI",
    name: "WTI crude rolling",
    sector: "energy",
    group: "crude",
    cal: "US",
    ccy: "USD",
    kind: "rolling",
    months: ALL,
    vol: 0.34,
    price: 44,
    liq: 0.03,
    std: 0.08,
  },
  {
    id: "BRENT",
    name: "Brent crude rolling",
    sector: "energy",
    group: "crude",
    cal: "UK",
    ccy: "USD",
    kind: "rolling",
    months: ALL,
    vol: 0.31,
    price: 42,
    liq: 0.03,
    std: 0.07,
  },
  {
    id: "NATGAS",
    name: "Natural gas",
    sector: "energy",
    group: "natgas",
    cal: "US",
    ccy: "USD",
    kind: "rolling",
    months: ALL,
    vol: 0.5,
    price: 6,
    liq: 0.015,
    std: 0.08,
  },
  {
    id: "HEATOIL",
    name: "Heating oil",
    sector: "energy",
    group: "distillates",
    cal: "US",
    ccy: "USD",
    kind: "rolling",
    months: ALL,
    vol: 0.3,
    price: 1.3,
    liq: 0.01,
    std: 0.035,
  },
  {
    id: "GASOIL",
    name: "Gasoil",
    sector: "energy",
    group: "distillates",
    cal: "UK",
    ccy: "USD",
    kind: "rolling",
    months: ALL,
    vol: 0.29,
    price: 420,
    liq: 0.01,
    std: 0.025,
  },
  {
    id: "RBOB",
    name: "Gasoline",
    sector: "energy",
    group: "gasoline",
    cal: "US",
    ccy: "USD",
    kind: "rolling",
    months: ALL,
    vol: 0.33,
    price: 1.2,
    liq: 0.01,
    std: 0.035,
  },
  {
    id: "COPPER",
    name: "Copper 3M",
    sector: "metals",
    group: "copper",
    cal: "UK",
    ccy: "USD",
    kind: "rolling",
    months: Q,
    vol: 0.24,
    price: 3100,
    liq: 0.025,
    std: 0.07,
  },
  {
    id: "ALUMINIUM",
    name: "Aluminium 3M",
    sector: "metals",
    group: "aluminium",
    cal: "UK",
    ccy: "USD",
    kind: "rolling",
    months: Q,
    vol: 0.2,
    price: 1900,
    liq: 0.02,
    std: 0.045,
  },
  {
    id: "ZINC",
    name: "Zinc 3M",
    sector: "metals",
    group: "zinc",
    cal: "UK",
    ccy: "USD",
    kind: "rolling",
    months: Q,
    vol: 0.26,
    price: 1200,
    liq: 0.015,
    std: 0.03,
  },
  {
    id: "ZINC_Z",
    name: "Zinc December",
    sector: "metals",
    group: "zinc",
    cal: "UK",
    ccy: "USD",
    kind: "fixed",
    months: [12],
    vol: 0.25,
    price: 1210,
    liq: 0.01,
    std: 0,
  },
  {
    id: "NICKEL",
    name: "Nickel 3M",
    sector: "metals",
    group: "nickel",
    cal: "UK",
    ccy: "USD",
    kind: "rolling",
    months: Q,
    vol: 0.33,
    price: 14000,
    liq: 0.01,
    std: 0.03,
  },
  {
    id: "LEAD",
    name: "Lead 3M",
    sector: "metals",
    group: "lead",
    cal: "UK",
    ccy: "USD",
    kind: "rolling",
    months: Q,
    vol: 0.28,
    price: 950,
    liq: 0.01,
    std: 0,
  },
  {
    id: "GOLD",
    name: "Gold",
    sector: "metals",
    group: "precious",
    cal: "US",
    ccy: "USD",
    kind: "rolling",
    months: [2, 4, 6, 8, 10, 12],
    vol: 0.16,
    price: 430,
    liq: 0.03,
    std: 0.12,
  },
  {
    id: "SILVER",
    name: "Silver",
    sector: "metals",
    group: "precious",
    cal: "US",
    ccy: "USD",
    kind: "rolling",
    months: [3, 5, 7, 9, 12],
    vol: 0.28,
    price: 6.8,
    liq: 0.015,
    std: 0.04,
  },
  {
    id: "CORN_Z",
    name: "Corn December",
    sector: "agriculture",
    group: "corn",
    cal: "US",
    ccy: "USD",
    kind: "fixed",
    months: [12],
    vol: 0.25,
    price: 210,
    liq: 0.015,
    std: 0,
  },
  {
    id: "CORN",
    name: "Corn rolling",
    sector: "agriculture",
    group: "corn",
    cal: "US",
    ccy: "USD",
    kind: "rolling",
    months: [3, 5, 7, 9, 12],
    vol: 0.26,
    price: 205,
    liq: 0.02,
    std: 0.055,
  },
  {
    id: "SOYBEAN",
    name: "Soybeans",
    sector: "agriculture",
    group: "soy",
    cal: "US",
    ccy: "USD",
    kind: "rolling",
    months: [1, 3, 5, 7, 8, 9, 11],
    vol: 0.22,
    price: 540,
    liq: 0.02,
    std: 0.06,
  },
  {
    id: "WHEAT",
    name: "Wheat",
    sector: "agriculture",
    group: "wheat",
    cal: "US",
    ccy: "USD",
    kind: "rolling",
    months: [3, 5, 7, 9, 12],
    vol: 0.28,
    price: 310,
    liq: 0.015,
    std: 0.035,
  },
  {
    id: "SUGAR",
    name: "Sugar",
    sector: "agriculture",
    group: "sugar",
    cal: "US",
    ccy: "USD",
    kind: "rolling",
    months: [3, 5, 7, 10],
    vol: 0.3,
    price: 9,
    liq: 0.01,
    std: 0.03,
  },
  {
    id: "COFFEE",
    name: "Coffee",
    sector: "agriculture",
    group: "coffee",
    cal: "US",
    ccy: "USD",
    kind: "rolling",
    months: [3, 5, 7, 9, 12],
    vol: 0.32,
    price: 100,
    liq: 0.01,
    std: 0.025,
  },
  {
    id: "COTTON",
    name: "Cotton",
    sector: "agriculture",
    group: "cotton",
    cal: "US",
    ccy: "USD",
    kind: "rolling",
    months: [3, 5, 7, 10, 12],
    vol: 0.25,
    price: 45,
    liq: 0.01,
    std: 0.015,
  },
  {
    id: "CATTLE",
    name: "Live cattle",
    sector: "agriculture",
    group: "cattle",
    cal: "US",
    ccy: "USD",
    kind: "rolling",
    months: [2, 4, 6, 8, 10, 12],
    vol: 0.15,
    price: 88,
    liq: 0.01,
    std: 0.04,
  },
  {
    id: "COCOA",
    name: "Cocoa",
    sector: "agriculture",
    group: "cocoa",
    cal: "UK",
    ccy: "GBP",
    kind: "rolling",
    months: [3, 5, 7, 9, 12],
    vol: 0.3,
    price: 850,
    liq: 0.01,
    std: 0,
  },
  {
    id: "SPX",
    name: "S&P 500 future",
    sector: "equity",
    group: "us-equity",
    cal: "US",
    ccy: "USD",
    kind: "rolling",
    months: Q,
    vol: 0.18,
    price: 1200,
    liq: 0.04,
    std: 0,
  },
  {
    id: "NDX",
    name: "Nasdaq 100 future",
    sector: "equity",
    group: "us-equity",
    cal: "US",
    ccy: "USD",
    kind: "rolling",
    months: Q,
    vol: 0.22,
    price: 1600,
    liq: 0.03,
    std: 0,
  },
  {
    id: "ESTX",
    name: "Euro Stoxx 50 future",
    sector: "equity",
    group: "eu-equity",
    cal: "EU",
    ccy: "EUR",
    kind: "rolling",
    months: Q,
    vol: 0.21,
    price: 2950,
    liq: 0.03,
    std: 0,
  },
  {
    id: "DAX",
    name: "DAX future",
    sector: "equity",
    group: "eu-equity",
    cal: "EU",
    ccy: "EUR",
    kind: "rolling",
    months: Q,
    vol: 0.22,
    price: 4250,
    liq: 0.025,
    std: 0,
  },
  {
    id: "FTSE",
    name: "FTSE 100 future",
    sector: "equity",
    group: "uk-equity",
    cal: "UK",
    ccy: "GBP",
    kind: "rolling",
    months: Q,
    vol: 0.17,
    price: 4800,
    liq: 0.025,
    std: 0,
  },
];

const MONTH_CODE = "FGHJKMNQUVXZ";

export interface DailySampleOptions {
  seed?: number;
  start?: string;
  end?: string;
}

/** Generate the daily sample in memory (see module comment for the process). */
export function generateDailySample(opts: DailySampleOptions = {}): DailyDataset {
  const rng = createRng(opts.seed ?? 20240607);
  const start = opts.start ?? "2005-01-03";
  const end = opts.end ?? "2024-12-31";
  const cache = new Map<string, Set<number>>();
  const open = (cal: CalendarId, iso: string) => isBusinessDay(cal, dayNumber(iso), cache);
  const dates = weekdaysBetween(start, end).filter((d) => CALENDARS.some((c) => open(c, d)));
  const T = dates.length;
  const n = SPECS.length;
  const sectors = [...new Set(SPECS.map((s) => s.sector))];
  const groups = [...new Set(SPECS.map((s) => s.group))];
  const groupSize = new Map(groups.map((g) => [g, SPECS.filter((s) => s.group === g).length]));
  const load = SPECS.map((s) => {
    const bs = 0.35;
    const bg = (groupSize.get(s.group) ?? 1) > 1 ? 0.9 : 0;
    return { bs, bg, be: Math.sqrt(1 - bs * bs - bg * bg) };
  });
  const prices = SPECS.map(() => new Float64Array(T).fill(Number.NaN));
  const signals = SPECS.map(() => new Float64Array(T).fill(Number.NaN));
  const level = SPECS.map((s) => s.price);
  const sdMu = SPECS.map((s) => (0.6 * s.vol) / 252); // daily drift sd: annual Sharpe ≈ 0.6 per sd
  const mu = sdMu.map((sd) => sd * rng.normal());
  const eta = sdMu.map((sd) => sd * rng.normal());
  const phiMu = 0.995;
  const phiEta = 0.98;
  let regime = 0;
  const fx = { EUR: new Float64Array(T), GBP: new Float64Array(T) };
  let eur = 1.35;
  let gbp = 1.9;
  for (let t = 0; t < T; t++) {
    regime = 0.995 * regime + Math.sqrt(1 - 0.995 ** 2) * 0.25 * rng.normal();
    const h = Math.exp(regime);
    const fs = sectors.map(() => rng.studentT(5));
    const fg = groups.map(() => rng.studentT(5));
    for (let i = 0; i < n; i++) {
      const s = SPECS[i];
      const e = rng.studentT(5);
      mu[i] = phiMu * mu[i] + Math.sqrt(1 - phiMu * phiMu) * sdMu[i] * rng.normal();
      eta[i] = phiEta * eta[i] + Math.sqrt(1 - phiEta * phiEta) * sdMu[i] * rng.normal();
      const L = load[i];
      const z = L.bs * fs[sectors.indexOf(s.sector)] + L.bg * fg[groups.indexOf(s.group)] + L.be * e;
      const sd = (h * s.vol) / Math.sqrt(252);
      const r = t === 0 ? 0 : mu[i] + 0.5 * sd * sd + sd * z; // + ½σ²: no volatility drag on the log price
      level[i] *= Math.max(0.5, 1 + r);
      if (open(s.cal, dates[t])) {
        prices[i][t] = Number(formatNumber(level[i], 6));
        const v = mu[i] + eta[i];
        signals[i][t] = Math.abs(v) > 0.3 * sdMu[i] ? Math.sign(v) : 0;
      }
    }
    if (t > 0) {
      eur *= Math.exp(0.006 * rng.normal());
      gbp *= Math.exp(0.006 * rng.normal());
    }
    fx.EUR[t] = Number(formatNumber(eur, 6));
    fx.GBP[t] = Number(formatNumber(gbp, 6));
  }
  // expiries
  const y0 = Number(start.slice(0, 4));
  const y1 = Number(end.slice(0, 4)) + 1;
  const expiries = SPECS.map((s) => {
    const out: string[] = [];
    for (let y = y0; y <= y1; y++)
      for (const m of s.months) {
        let d = civilDayNumber(y, m, 20);
        while (!isBusinessDay(s.cal, d, cache)) d--;
        out.push(dateOfDayNumber(d));
      }
    return out.sort();
  });
  const years: number[] = [];
  for (let y = y0; y <= y1 - 1; y++) years.push(y);
  const stdWeights = years.map(() => {
    const w = Float64Array.from(SPECS, (s) =>
      s.std > 0 ? Number(formatNumber(s.std * (0.8 + 0.4 * rng.uniform()), 4)) : 0,
    );
    const tot = w.reduce((a, b) => a + b, 0);
    return w.map((x) => Number(formatNumber(x / tot, 6)));
  });
  const hol: DailyDataset["holidays"] = [];
  for (const cal of CALENDARS)
    for (let y = y0; y <= y1; y++)
      for (const x of holidays(cal, y)) hol.push({ calendar: cal, date: dateOfDayNumber(x.day), name: x.name });
  const assets: DailyAsset[] = SPECS.map((s) => ({
    id: s.id,
    name: s.name,
    sector: s.sector,
    group: s.group,
    calendar: s.cal,
    currency: s.ccy,
    kind: s.kind,
    rebalancingCaps: [s.liq, s.liq, Number(formatNumber(0.6 * s.liq, 6)), Number(formatNumber(0.3 * s.liq, 6))],
  }));
  return {
    dates,
    assets,
    prices,
    signals,
    fx: { USD: new Float64Array(T).fill(1), ...fx },
    expiries,
    standardIndex: { years, weights: stdWeights },
    holidays: hol,
  };
}

/** The CSV files of a daily data set (file name → text), in the schema of data/sample/daily/README.md. */
export function dailySampleCsv(ds: DailyDataset): Record<string, string> {
  const ids = ds.assets.map((a) => a.id);
  const contractRows: string[][] = [];
  ds.expiries.forEach((ex, i) => {
    for (const e of ex) {
      // contract code: asset, year, month letter of the contract month (expiry month here)
      contractRows.push([ids[i], `${ids[i]}${e.slice(0, 4)}${MONTH_CODE[Number(e.slice(5, 7)) - 1]}`, e]);
    }
  });
  const wide = (cols: Float64Array[], digits: number) =>
    formatCsv(
      ["date", ...ids],
      ds.dates.map((d, t) => [d, ...cols.map((c) => formatNumber(c[t], digits))]),
    );
  const fxCcy = Object.keys(ds.fx)
    .filter((c) => c !== "USD")
    .sort();
  const stdRows: string[][] = [];
  ds.standardIndex.years.forEach((y, k) => {
    ds.standardIndex.weights[k].forEach((w, i) => {
      if (w > 0) stdRows.push([String(y), ids[i], formatNumber(w, 6)]);
    });
  });
  return {
    "assets.csv": formatCsv(
      ["asset", "name", "sector", "group", "calendar", "currency", "kind", "cap_1m", "cap_3m", "cap_6m", "cap_long"],
      ds.assets.map((a) => [
        a.id,
        a.name,
        a.sector,
        a.group,
        a.calendar,
        a.currency,
        a.kind,
        ...a.rebalancingCaps.map((c) => formatNumber(c, 6)),
      ]),
    ),
    "holidays.csv": formatCsv(
      ["calendar", "date", "name"],
      ds.holidays.map((h) => [h.calendar, h.date, h.name]),
    ),
    "contracts.csv": formatCsv(["asset", "contract", "expiry"], contractRows),
    "prices.csv": wide(ds.prices, 6),
    "signals.csv": wide(ds.signals, 1),
    "fx.csv": formatCsv(
      ["date", ...fxCcy],
      ds.dates.map((d, t) => [d, ...fxCcy.map((c) => formatNumber(ds.fx[c][t], 6))]),
    ),
    "standard-index.csv": formatCsv(["year", "asset", "weight"], stdRows),
  };
}
