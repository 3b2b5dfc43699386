/**
 * sample: the seeded generators of the committed synthetic data sets (`npm run data:generate`,
 * lib/cli/generate-*.ts). Each is pure and deterministic — the same seed gives byte-identical
 * files on every machine — and none of them produces market data.
 *
 * What each generator writes:
 * - monthly-sample.ts `generateSample` → data/sample (constituents, fields, history, display
 *   names): a Dow-like index (universe.ts) 2000-2024 in the article's LSEG schema, with a planted,
 *   documented relation between three macro drivers and the factor that wins the next month.
 * - realistic.ts `generateRealistic` → data/realistic: a made-up index (.RLX100) of ~100 random
 *   tickers 2013-2023 with rank-based turnover, ragged series and export gaps, and NO planted
 *   relation (the best factor is unpredictable by construction).
 * - fund-sample.ts `generateFundSample` → data/sample/funds: monthly returns of a benchmark and
 *   the eight funds of the micro-allocation worked example, moment-matched so that the estimates
 *   return the worked example's alphas, tracking errors and correlations.
 * - daily-sample.ts `generateDailySample` / `dailySampleCsv` → data/sample/daily: 30 futures-like
 *   assets (the table `ASSET_TABLE`) on three exchange calendars, 2005-2024, with signals, FX
 *   fixings, expiries and standard-index weights, for the index methodology (lib/aila).
 * monthly-common.ts holds what the two monthly generators share (seeded streams, series codes,
 * anchor-path interpolation, rounding, the history.csv and fields.csv formats).
 *
 * Why they re-implement some lib code and reuse other code. The data sets are the fixtures the
 * analysis code is tested against, so a generator must not depend on the code under test:
 * - Re-implemented: the approximate factor portfolios that plant the relation in data/sample
 *   (clipped z-scores, composites, softmax — lib/factors does the same for the study), the style
 *   z-scores of data/realistic, their means and standard deviations, and the small dense linear
 *   algebra (Gaussian elimination, Cholesky) instead of ml-matrix. Were they shared, a bug in
 *   lib/factors would be baked into the data it is checked with instead of showing as a failed
 *   recovery of the planted relation, and any change to lib/factors, lib/factors/normalize or a
 *   library update (a different order of floating-point operations) would silently change the
 *   committed bytes.
 * - Reused: the seeded generator (lib/random.ts, which defines the bytes), the formats the
 *   readers parse (lib/data csv, dates, schema `FIELD_COLUMNS`, fund-returns `fundReturnsCsv`,
 *   lib/aila/daily-data types), the monthly membership rule (lib/data/membership: fields.csv must
 *   hold exactly the rows the In[7] loop requests), the exchange calendars that define the daily
 *   data set's holidays (lib/aila/calendars), the release-lag table that data/realistic's
 *   release_lags.csv documents (lib/features/release-lags), and `blockCorrelation`
 *   (lib/allocation/active-risk), which builds the worked example's population correlation from
 *   its style-pair table — an input of the generator, tested on its own in
 *   test/allocation/active-risk.test.ts.
 */

export { type DailySampleOptions, dailySampleCsv, generateDailySample } from "./daily-sample";
export {
  FUND_SAMPLE_SEED,
  type FundSampleOptions,
  generateFundSample,
  generateFundSampleData,
  type PopulationFund,
  SAMPLE_BENCHMARK,
  WORKED_EXAMPLE_STYLE_CORRELATIONS,
  WORKED_EXAMPLE_TEAM,
  workedExamplePopulation,
} from "./fund-sample";
export {
  type Anchors,
  anchorAt,
  fixed,
  type GeneratedFiles,
  type HistorySeries,
  MACRO_HISTORY_SERIES,
  MACRO_SERIES,
  MARKET_SERIES,
  rounded,
} from "./monthly-common";
export {
  generateSample,
  PLANTED,
  plantedPremia,
  SAMPLE_CALENDAR,
  SAMPLE_SEED,
  type SampleFiles,
} from "./monthly-sample";
export {
  generateRealistic,
  REALISTIC_CALENDAR,
  REALISTIC_DY_GAP_MONTHS,
  REALISTIC_INDEX,
  REALISTIC_PROVENANCE,
  REALISTIC_RAGGED,
  REALISTIC_RELEASE_LAGS,
  REALISTIC_SEED,
  REALISTIC_SERIES,
  REALISTIC_STUDY,
  type RealisticFiles,
} from "./realistic";
export {
  allMembers,
  dowLikeConstituents,
  INITIAL_MEMBERS,
  MEMBERSHIP_CHANGES,
  type MembershipChange,
  NON_PAYERS,
  SECTORS,
} from "./universe";
