/**
 * Monthly index membership from a constituent-change history (article In[3]-In[5]).
 *
 * Method: the change history lists, at each change date, every member in force from that date
 * (In[3]). Group the rows by date into member lists (In[4] `groupby('Date')['RIC'].agg(list)`),
 * put them on the month-end grid from the first change's month to the last change's month with
 * forward fill — the list at month end M is the one of the latest change dated on or before M,
 * as pandas `resample('M').ffill()` does — and extend the last list to `end` (In[5]). So a change
 * in the middle of a month already applies at that month's end, of two changes in one month the
 * later one wins, and months without a change keep the previous list.
 */
import { addMonths, isIsoDate, isMonthEnd, monthEndOf, monthEndsBetween } from "./dates";
import type { ConstituentChange } from "./schema";

/** One month end and the members in force then, in the order the change history lists them. */
export interface MonthlyMembers {
  Date: string;
  RIC: string[];
}

/**
 * In[4] grouping: the member list per change date, ascending by date, members in input order.
 * Throws on an invalid date, an empty RIC or a RIC listed twice on the same date (naming the row).
 */
export function groupConstituentsByDate(changes: readonly ConstituentChange[]): MonthlyMembers[] {
  const byDate = new Map<string, string[]>();
  changes.forEach((c, i) => {
    if (!isIsoDate(c.Date)) throw new Error(`constituent changes row ${i}: Date "${c.Date}" is not YYYY-MM-DD`);
    if (typeof c.RIC !== "string" || c.RIC.trim() === "")
      throw new Error(`constituent changes row ${i}: empty RIC on ${c.Date}`);
    let list = byDate.get(c.Date);
    if (!list) {
      list = [];
      byDate.set(c.Date, list);
    }
    if (list.includes(c.RIC)) throw new Error(`constituent changes row ${i}: ${c.RIC} listed twice on ${c.Date}`);
    list.push(c.RIC);
  });
  return [...byDate.keys()].sort().map((d) => ({ Date: d, RIC: [...(byDate.get(d) as string[])] }));
}

/**
 * In[4]-In[5]: members at every month end from the month of the first change through the last
 * month end on or before `end` (and at least through the month of the last change).
 * Throws when `changes` is empty or `end` precedes the last change.
 */
export function monthlyMembership(changes: readonly ConstituentChange[], end: string): MonthlyMembers[] {
  if (changes.length === 0) throw new Error("monthlyMembership: no constituent changes given");
  if (!isIsoDate(end)) throw new Error(`monthlyMembership: end "${end}" is not a valid YYYY-MM-DD date`);
  const groups = groupConstituentsByDate(changes);
  const last = groups[groups.length - 1].Date;
  if (end < last) throw new Error(`monthlyMembership: end ${end} is before the last change date ${last}`);
  // Month ends up to `end` (pandas date_range semantics), but never short of the last change's month.
  const lastGridEnd = isMonthEnd(end) ? end : addMonths(end, -1);
  const lastChangeMonth = monthEndOf(last);
  const stop = [lastGridEnd, lastChangeMonth].sort()[1];
  const grid = monthEndsBetween(groups[0].Date, stop);
  const out: MonthlyMembers[] = [];
  let g = 0;
  for (const m of grid) {
    while (g + 1 < groups.length && groups[g + 1].Date <= m) g++;
    out.push({ Date: m, RIC: [...groups[g].RIC] });
  }
  return out;
}
