/**
 * data: data sources (embedded sample, CSV directory), schema validation, monthly membership.
 * The generators of the embedded data sets are in lib/sample.
 */
// csv: A small RFC 4180 CSV reader and writer with error positions, used for the data files.
export {
  type CsvTable,
  checkFieldCount,
  csvField,
  csvHeader,
  decodeUtf8,
  firstInvalidUtf8Offset,
  formatCsv,
  formatNumber,
  parseCsv,
  parseNumberCell,
  scanCsv,
} from "./csv";
// csv-directory: The CSV-directory data source: four files in the article's LSEG schema, read once and validat…
export { type CsvDirectoryOptions, DATA_FILES, loadCsvDirectory } from "./csv-directory";
// data-dir: Which folder a notebook reads its data from — one rule for every notebook.
export {
  type DataKind,
  type DataKindSpec,
  type ResolveDataDirOptions,
  type ResolvedDataDir,
  resolveDataDir,
} from "./data-dir";
// dates: The project's one calendar module: parsing and checking "YYYY-MM-DD" strings, month ends and
export {
  addDays,
  addMonths,
  civilDayNumber,
  dateOfDayNumber,
  dayNumber,
  daysInMonth,
  formatIsoDate,
  isIsoDate,
  isMonthEnd,
  monthEndOf,
  monthEndsBetween,
  monthKey,
  monthNumber,
  parseIsoDate,
  weekday,
  weekdayOfDayNumber,
  weekNumber,
} from "./dates";
// fund-returns: Fund and benchmark return series for the micro-allocation notebook (03): a folder with
export {
  FUND_FILES,
  type FundFile,
  type FundInfo,
  type FundReturnsData,
  type FundRole,
  type FundSummaryRow,
  fundReturnsCsv,
  fundReturnsSummary,
  parseFundReturns,
  type ReturnSeries,
  readFundReturns,
} from "./fund-returns";
// membership: Monthly index membership from a constituent-change history (article In[3]-In[5]).
export { groupConstituentsByDate, type MonthlyMembers, monthlyMembership } from "./membership";
// quality: Plausibility checks over a CSV data folder, and the data-quality report (`npm run data:check`…
export {
  DataQualityError,
  type DataQualityOptions,
  type DataQualityReport,
  dataQualityReport,
  dataQualityRows,
  type FieldMissing,
  type FileQuality,
  formatDataQualityReport,
  QUALITY_RULES,
  type QualityLocation,
  type QualityRule,
  type QualityRuleId,
  type QualitySeverity,
  type QualityWarning,
} from "./quality";
// requests: Small conveniences over a `DataSource` for the notebooks' data cells: the In[7] loop (one
export { fieldsForMonths, provenanceNote } from "./requests";
// source: The data-source interface of the article's LSEG calls, and the two implementations behind it.
export {
  ARTICLE_FIELDS,
  type ConstituentChange,
  DATA_DIR_ENV,
  type DataSource,
  FIELD_COLUMNS,
  type FieldRow,
  openDataSource,
  SECTOR_COLUMN,
  type SeriesPoint,
  sampleDataDir,
} from "./source";
