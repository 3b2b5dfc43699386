/**
 * Inputs of the ML strategic balanced index (`strategic-index.ts`) from notebook 01's outputs:
 * the constituent panel from the feature pipeline (article In[7] field table and In[17] softmax
 * weights) and the class probabilities from the expanding-window model (In[37]).
 *
 * - Stock records: one per member and month of the In[17] weights table (so the panel is the
 *   article's monthly membership), with the total return `total_return_1m` (percent, month ending
 *   at the date), and from the In[7] field table the TRBC economic sector and the market cap
 *   (USD) of the same instrument and date. Factor weights are keyed by CLASS name: class
 *   "total_return_1m_<f>" reads column "weight_<f>_based" (the In[17] weights that In[18] uses to
 *   build that class's factor return).
 * - Forecasts: the probabilities made at the end of each test month, for the next month. The
 *   last test month's forecast is for the month after the last labelled month, which the
 *   article's strategy table (In[40]) cannot evaluate; `dropLast` (default true) drops it so the
 *   index covers exactly the article's return months.
 * Errors: a weights row without a field row, a missing sector, a class without a weight column,
 * or probability rows of the wrong length name the instrument / date / class.
 */
import { COL } from "../factors/components";
import { weightColumn } from "../factors/softmax-weights";
import type { FieldRow } from "../factors/types";
import { factorOfReturnColumn } from "../features/factor-features";
import type { FactorForecast, StockMonth } from "./strategic-index";

/**
 * Class name "total_return_1m_size" → weight column "weight_size_based": the In[17] weight
 * column (`weightColumn`) of the factor whose In[18] return column (`FACTOR_RETURN_COLUMNS`) the
 * class is. Throws for a name that is not one of those columns.
 */
export function classWeightColumn(className: string): string {
  return weightColumn(factorOfReturnColumn(className, "classWeightColumn"));
}

/** The parts of notebook 01's run that the index needs (structural, see lib/pipeline). */
export interface StrategicSource {
  features: {
    dataset: readonly FieldRow[];
    weights: readonly (Record<string, number | string> & { Instrument: string; Date: string })[];
  };
  classes: readonly string[];
  retrain: { dates: readonly string[]; probabilities: readonly (readonly number[])[] };
}

export interface StrategicInputs {
  stocks: StockMonth[];
  forecasts: FactorForecast[];
  classes: string[];
}

/** Build the stock panel and the forecasts (see the module comment). */
export function strategicInputs(run: StrategicSource, opts: { dropLast?: boolean } = {}): StrategicInputs {
  const fn = "strategicInputs";
  const classes = [...run.classes];
  const cols = classes.map(classWeightColumn);
  const fields = new Map<string, FieldRow>();
  for (const r of run.features.dataset) fields.set(`${r.Date}|${r.Instrument}`, r);
  const stocks: StockMonth[] = run.features.weights.map((w) => {
    const f = fields.get(`${w.Date}|${w.Instrument}`);
    if (!f) throw new Error(`${fn}: no field row for ${w.Instrument} at ${w.Date}`);
    const sector = f[COL.sector];
    if (typeof sector !== "string" || sector === "")
      throw new Error(`${fn}: ${w.Instrument} at ${w.Date} has no ${COL.sector}`);
    const factorWeights: Record<string, number> = {};
    classes.forEach((c, j) => {
      const v = w[cols[j]];
      if (typeof v !== "number") throw new Error(`${fn}: weights row ${w.Instrument} at ${w.Date} lacks ${cols[j]}`);
      factorWeights[c] = v;
    });
    return {
      instrument: w.Instrument,
      date: w.Date,
      sector,
      returnPct: Number(w.total_return_1m),
      marketCap: Number(f[COL.mcap]),
      factorWeights,
    };
  });
  const dates = run.retrain.dates;
  if (run.retrain.probabilities.length !== dates.length)
    throw new Error(`${fn}: ${dates.length} test dates but ${run.retrain.probabilities.length} probability rows`);
  const keep = opts.dropLast === false ? dates.length : dates.length - 1;
  const forecasts: FactorForecast[] = [];
  for (let i = 0; i < keep; i++) {
    const row = run.retrain.probabilities[i];
    if (row.length !== classes.length)
      throw new Error(`${fn}: probability row ${dates[i]} has ${row.length} values for ${classes.length} classes`);
    forecasts.push({ date: dates[i], probabilities: Object.fromEntries(classes.map((c, j) => [c, row[j]])) });
  }
  return { stocks, forecasts, classes };
}
