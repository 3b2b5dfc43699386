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
 * The per-asset constants (sector, group, calendar, currency, contract months, volatility, first
 * price, rebalancing cap, standard-index base weight) are the table `ASSET_TABLE` below.
 */
import { CALENDARS, type CalendarId, holidays, isBusinessDay, weekdaysBetween } from "../aila/calendars";
import { type DailyAsset, type DailyDataset, SECTORS, type Sector } from "../aila/daily-data";
import { formatCsv, formatNumber } from "../data/csv";
import { civilDayNumber, dateOfDayNumber, dayNumber } from "../data/dates";
import { createRng } from "../random";

/** One asset of the sample (a row of `ASSET_TABLE`). */
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
  /** annualised volatility (fraction) */
  vol: number;
  /** first price */
  price: number;
  /** base daily rebalancing cap (fraction) */
  liq: number;
  /** base standard-index weight (0 = not a member) */
  std: number;
}

/**
 * The 30 assets, one per line: columns separated by runs of spaces, the name last (it may contain
 * spaces). `months` are the contract months, comma-separated, or `all` (every month) or
 * `quarterly` (3,6,9,12); `vol`, `liq` and `std` are fractions, `price` the first price (in the
 * asset's currency).
 */
const ASSET_TABLE = `
id         sector       group        cal  ccy  kind     months          vol   price  liq    std    name
WTI_Z      energy       crude        US   USD  fixed    12              0.32  45     0.02   0      WTI crude December
WTI_M      energy       crude        US   USD  fixed    6               0.32  45     0.015  0      WTI crude June
WTI        energy       crude        US   USD  rolling  all             0.34  44     0.03   0.08   WTI crude rolling
BRENT      energy       crude        UK   USD  rolling  all             0.31  42     0.03   0.07   Brent crude rolling
NATGAS     energy       natgas       US   USD  rolling  all             0.5   6      0.015  0.08   Natural gas
HEATOIL    energy       distillates  US   USD  rolling  all             0.3   1.3    0.01   0.035  Heating oil
GASOIL     energy       distillates  UK   USD  rolling  all             0.29  420    0.01   0.025  Gasoil
RBOB       energy       gasoline     US   USD  rolling  all             0.33  1.2    0.01   0.035  Gasoline
COPPER     metals       copper       UK   USD  rolling  quarterly       0.24  3100   0.025  0.07   Copper 3M
ALUMINIUM  metals       aluminium    UK   USD  rolling  quarterly       0.2   1900   0.02   0.045  Aluminium 3M
ZINC       metals       zinc         UK   USD  rolling  quarterly       0.26  1200   0.015  0.03   Zinc 3M
ZINC_Z     metals       zinc         UK   USD  fixed    12              0.25  1210   0.01   0      Zinc December
NICKEL     metals       nickel       UK   USD  rolling  quarterly       0.33  14000  0.01   0.03   Nickel 3M
LEAD       metals       lead         UK   USD  rolling  quarterly       0.28  950    0.01   0      Lead 3M
GOLD       metals       precious     US   USD  rolling  2,4,6,8,10,12   0.16  430    0.03   0.12   Gold
SILVER     metals       precious     US   USD  rolling  3,5,7,9,12      0.28  6.8    0.015  0.04   Silver
CORN_Z     agriculture  corn         US   USD  fixed    12              0.25  210    0.015  0      Corn December
CORN       agriculture  corn         US   USD  rolling  3,5,7,9,12      0.26  205    0.02   0.055  Corn rolling
SOYBEAN    agriculture  soy          US   USD  rolling  1,3,5,7,8,9,11  0.22  540    0.02   0.06   Soybeans
WHEAT      agriculture  wheat        US   USD  rolling  3,5,7,9,12      0.28  310    0.015  0.035  Wheat
SUGAR      agriculture  sugar        US   USD  rolling  3,5,7,10        0.3   9      0.01   0.03   Sugar
COFFEE     agriculture  coffee       US   USD  rolling  3,5,7,9,12      0.32  100    0.01   0.025  Coffee
COTTON     agriculture  cotton       US   USD  rolling  3,5,7,10,12     0.25  45     0.01   0.015  Cotton
CATTLE     agriculture  cattle       US   USD  rolling  2,4,6,8,10,12   0.15  88     0.01   0.04   Live cattle
COCOA      agriculture  cocoa        UK   GBP  rolling  3,5,7,9,12      0.3   850    0.01   0      Cocoa
SPX        equity       us-equity    US   USD  rolling  quarterly       0.18  1200   0.04   0      S&P 500 future
NDX        equity       us-equity    US   USD  rolling  quarterly       0.22  1600   0.03   0      Nasdaq 100 future
ESTX       equity       eu-equity    EU   EUR  rolling  quarterly       0.21  2950   0.03   0      Euro Stoxx 50 future
DAX        equity       eu-equity    EU   EUR  rolling  quarterly       0.22  4250   0.025  0      DAX future
FTSE       equity       uk-equity    UK   GBP  rolling  quarterly       0.17  4800   0.025  0      FTSE 100 future
`;

const SPEC_COLUMNS = ["id", "sector", "group", "cal", "ccy", "kind", "months", "vol", "price", "liq", "std", "name"];
const MONTH_SETS: Readonly<Record<string, number[]>> = {
  all: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  quarterly: [3, 6, 9, 12],
};

/** Parse `ASSET_TABLE` (throws naming the line on a malformed row). */
function parseAssetTable(text: string): Spec[] {
  const [head, ...lines] = text.trim().split("\n");
  if (head.trim().split(/ +/).join(",") !== SPEC_COLUMNS.join(","))
    throw new Error(`daily sample: asset table header is "${head}"`);
  return lines.map((line, k) => {
    const bad = (what: string) => new Error(`daily sample: asset table line ${k + 2} (${line.trim()}): ${what}`);
    const cells = line.trim().split(/ +/);
    if (cells.length < SPEC_COLUMNS.length) throw bad("too few columns");
    const [id, sector, group, cal, ccy, kind, months, vol, price, liq, std] = cells;
    const num = (v: string) => {
      const x = Number(v);
      if (v === "" || !Number.isFinite(x) || x < 0) throw bad(`${v} is not a non-negative number`);
      return x;
    };
    if (!SECTORS.includes(sector as Sector)) throw bad(`unknown sector ${sector}`);
    if (!CALENDARS.includes(cal as CalendarId)) throw bad(`unknown calendar ${cal}`);
    if (kind !== "fixed" && kind !== "rolling") throw bad(`unknown kind ${kind}`);
    const contractMonths = MONTH_SETS[months] ?? months.split(",").map(Number);
    if (!contractMonths.every((m) => Number.isInteger(m) && m >= 1 && m <= 12)) throw bad(`bad months ${months}`);
    return {
      id,
      name: cells.slice(SPEC_COLUMNS.length - 1).join(" "),
      sector: sector as Sector,
      group,
      cal: cal as CalendarId,
      ccy,
      kind,
      months: [...contractMonths],
      vol: num(vol),
      price: num(price),
      liq: num(liq),
      std: num(std),
    };
  });
}

const SPECS: readonly Spec[] = parseAssetTable(ASSET_TABLE);

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
