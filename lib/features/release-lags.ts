/**
 * Publication lags of the macro series (erratum E16, corrected mode).
 *
 * A macro value in `history.csv` is dated by its REFERENCE period: the CPI change of March is
 * dated 03-31, quarterly GDP is dated at the quarter's months. The market learns it only when it
 * is released, weeks or months later. With the lag L (whole months) of a series, the value of
 * reference month M is visible from the month end M + L on, so the macro feature of month t is
 * the value of reference month t − L (forward filled like In[22]).
 *
 * The lag is the number of month ends that pass before the first release is normally out,
 * rounded up so that a value is never used before its release in an ordinary month:
 *
 * | series | release | lag |
 * | --- | --- | --- |
 * | USCPI=ECI, USCPF=ECI (CPI, core CPI m/m) | BLS Consumer Price Index news release, mid-month after the reference month | 1 |
 * | USUNR=ECI (unemployment rate) | BLS Employment Situation, first Friday of the following month | 1 |
 * | USGPCS=ECI (personal consumption) | BEA Personal Income and Outlays, in the last days of the following month (some releases fall in the month after that) | 2 |
 * | USLEAD=ECI (leading indicators) | Conference Board Leading Economic Index, third or fourth week of the following month | 1 |
 * | USGDPF=ECI (GDP, third/"final" estimate, quarterly) | BEA GDP third estimate, in the last week of the third month after the quarter | 3 |
 * | USFOUT=ECI (manufacturing output) | Federal Reserve G.17 Industrial Production and Capacity Utilization, mid-month after the reference month | 1 |
 *
 * Sources: the release calendars of the U.S. Bureau of Labor Statistics (CPI, Employment
 * Situation), the U.S. Bureau of Economic Analysis (GDP, Personal Income and Outlays), the Federal
 * Reserve Board (G.17) and The Conference Board (LEI); the timing conventions are the agencies'
 * published schedules, not measured from the data. Revisions are not modelled: the value used is
 * the one in the file (for USGDPF the third estimate, which is what the ECI code names).
 *
 * A data folder may override or extend the table with `release_lags.csv` (columns RIC, LagMonths;
 * see data/README.md); a macro series without a lag in either place is an error in corrected
 * mode, so that no series silently gets lag 0.
 */

/** Default publication lag in whole months per macro RIC (see the table above). */
export const DEFAULT_RELEASE_LAGS: Readonly<Record<string, number>> = Object.freeze({
  "USCPI=ECI": 1,
  "USCPF=ECI": 1,
  "USUNR=ECI": 1,
  "USGPCS=ECI": 2,
  "USLEAD=ECI": 1,
  "USGDPF=ECI": 3,
  "USFOUT=ECI": 1,
});

/** The largest lag accepted (a year): beyond it a value is hardly a signal any more. */
export const MAX_RELEASE_LAG = 12;

/**
 * The lag of each of `rics`: `overrides` first, then {@link DEFAULT_RELEASE_LAGS}. Throws naming a
 * series without a lag, or a lag that is not a whole number of months in 0..12.
 */
export function releaseLagsFor(
  rics: readonly string[],
  overrides: Readonly<Record<string, number>> = {},
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const ric of rics) {
    const lag = overrides[ric] ?? DEFAULT_RELEASE_LAGS[ric];
    if (lag === undefined)
      throw new Error(
        `release lags: no publication lag for macro series ${ric}; add it to release_lags.csv (RIC,LagMonths) in the data folder`,
      );
    if (!Number.isInteger(lag) || lag < 0 || lag > MAX_RELEASE_LAG)
      throw new Error(
        `release lags: lag of ${ric} is ${lag}; expected a whole number of months in 0..${MAX_RELEASE_LAG}`,
      );
    out[ric] = lag;
  }
  return out;
}
