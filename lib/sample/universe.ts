/**
 * The Dow-Jones-like universe of the embedded sample: the index's membership changes 2000-2024
 * (public facts about the DJIA; the "^" suffixes of delisted lines are illustrative) with a TRBC
 * economic sector per RIC. Only the membership and names follow history — every value generated
 * for these codes is synthetic (see lib/sample/monthly-sample.ts and data/README.md).
 */

/** The members on 2000-01-01, in the order the article's In[3] lists them (by company name). */
export const INITIAL_MEMBERS: readonly string[] = Object.freeze([
  "MMM.N",
  "MO.N",
  "AXP.N",
  "T.N^K05",
  "T.N",
  "BA.N",
  "CAT.N",
  "C.N",
  "KO.N",
  "DD.N^I17",
  "EK.N^I13",
  "XOM.N",
  "GE.N",
  "GM.N^F09",
  "HPQ.N",
  "HD.N",
  "HON.N",
  "IBM.N",
  "INTC.OQ",
  "IP.N",
  "JPM.N",
  "JNJ.N",
  "MCD.N",
  "MRK.N",
  "MSFT.OQ",
  "PG.N",
  "UTX.N^D20",
  "WMT.N",
  "AA.N^K16",
  "DIS.N",
]);

/** A membership change: on `date` the `out` RICs leave and the `in` RICs join (appended in order). */
export interface MembershipChange {
  date: string;
  out: readonly string[];
  in: readonly string[];
}

/** The twelve changes after 2000-01-01, the last on 2024-02-26 (so 13 dated lists of 30). */
export const MEMBERSHIP_CHANGES: readonly MembershipChange[] = Object.freeze([
  { date: "2004-04-08", out: ["T.N^K05", "EK.N^I13", "IP.N"], in: ["AIG.N", "PFE.N", "VZ.N"] },
  { date: "2008-02-19", out: ["MO.N", "HON.N"], in: ["BAC.N", "CVX.N"] },
  { date: "2008-09-22", out: ["AIG.N"], in: ["KFT.N^J12"] },
  { date: "2009-06-08", out: ["C.N", "GM.N^F09"], in: ["CSCO.OQ", "TRV.N"] },
  { date: "2012-09-24", out: ["KFT.N^J12"], in: ["UNH.N"] },
  { date: "2013-09-23", out: ["AA.N^K16", "BAC.N", "HPQ.N"], in: ["GS.N", "NKE.N", "V.N"] },
  { date: "2015-03-19", out: ["T.N"], in: ["AAPL.OQ"] },
  { date: "2017-09-01", out: ["DD.N^I17"], in: ["DWDP.N^F19"] },
  { date: "2018-06-26", out: ["GE.N"], in: ["WBA.OQ"] },
  { date: "2019-04-02", out: ["DWDP.N^F19"], in: ["DOW.N"] },
  { date: "2020-08-31", out: ["XOM.N", "PFE.N", "UTX.N^D20"], in: ["HON.OQ", "AMGN.OQ", "CRM.N"] },
  { date: "2024-02-26", out: ["WBA.OQ"], in: ["AMZN.OQ"] },
]);

/** TRBC economic sector of every RIC that is ever a member. */
export const SECTORS: Readonly<Record<string, string>> = Object.freeze({
  "MMM.N": "Industrials",
  "MO.N": "Consumer Non-Cyclicals",
  "AXP.N": "Financials",
  "T.N^K05": "Technology",
  "T.N": "Technology",
  "BA.N": "Industrials",
  "CAT.N": "Industrials",
  "C.N": "Financials",
  "KO.N": "Consumer Non-Cyclicals",
  "DD.N^I17": "Basic Materials",
  "EK.N^I13": "Consumer Cyclicals",
  "XOM.N": "Energy",
  "GE.N": "Industrials",
  "GM.N^F09": "Consumer Cyclicals",
  "HPQ.N": "Technology",
  "HD.N": "Consumer Cyclicals",
  "HON.N": "Industrials",
  "IBM.N": "Technology",
  "INTC.OQ": "Technology",
  "IP.N": "Basic Materials",
  "JPM.N": "Financials",
  "JNJ.N": "Healthcare",
  "MCD.N": "Consumer Cyclicals",
  "MRK.N": "Healthcare",
  "MSFT.OQ": "Technology",
  "PG.N": "Consumer Non-Cyclicals",
  "UTX.N^D20": "Industrials",
  "WMT.N": "Consumer Non-Cyclicals",
  "AA.N^K16": "Basic Materials",
  "DIS.N": "Consumer Cyclicals",
  "AIG.N": "Financials",
  "PFE.N": "Healthcare",
  "VZ.N": "Technology",
  "BAC.N": "Financials",
  "CVX.N": "Energy",
  "KFT.N^J12": "Consumer Non-Cyclicals",
  "CSCO.OQ": "Technology",
  "TRV.N": "Financials",
  "UNH.N": "Healthcare",
  "GS.N": "Financials",
  "NKE.N": "Consumer Cyclicals",
  "V.N": "Financials",
  "AAPL.OQ": "Technology",
  "DWDP.N^F19": "Basic Materials",
  "WBA.OQ": "Consumer Non-Cyclicals",
  "DOW.N": "Basic Materials",
  "HON.OQ": "Industrials",
  "AMGN.OQ": "Healthcare",
  "CRM.N": "Technology",
  "AMZN.OQ": "Consumer Cyclicals",
});

/** RICs that pay no dividend in the sample (TR.DIVIDENDYIELD always missing). */
export const NON_PAYERS: readonly string[] = Object.freeze(["CRM.N", "AMZN.OQ", "CSCO.OQ"]);

/** In[3]'s table for the sample: the full member list at 2000-01-01 and after each change. */
export function dowLikeConstituents(): { Date: string; RIC: string }[] {
  const out: { Date: string; RIC: string }[] = [];
  let members = [...INITIAL_MEMBERS];
  const emit = (date: string) => {
    for (const r of members) out.push({ Date: date, RIC: r });
  };
  emit("2000-01-01");
  for (const ch of MEMBERSHIP_CHANGES) {
    for (const r of ch.out) {
      if (!members.includes(r)) throw new Error(`universe: ${r} leaves on ${ch.date} but is not a member`);
    }
    members = members.filter((r) => !ch.out.includes(r)).concat(ch.in);
    if (members.length !== 30) throw new Error(`universe: ${members.length} members after ${ch.date}, expected 30`);
    emit(ch.date);
  }
  return out;
}

/** Every RIC that is ever a member, first-appearance order. */
export function allMembers(): string[] {
  return [...new Set(dowLikeConstituents().map((c) => c.RIC))];
}
