"""pandas / numpy / scikit-learn reference for the factor pipeline (article In[3]..In[31]).

Developer-only (CI never runs it). From the repository root:
    /usr/bin/python3 test/reference/factors.py [data_dir]      # default data/sample
Reads the CSV data set (constituents.csv, fields.csv, history.csv), follows the article's code
cell by cell with pandas exactly as printed (faithful mode) and once with the corrections of
lib/errata.ts (corrected mode), and writes test/fixtures/factors/parity-<mode>.json:
stock-level tables (components, z-scores, composites, filled factors, weights) for a subset of
dates, and the full monthly tables (factor features, macro/market blocks, model table, labels,
class counts, feature list). NaN is written as null.

Differences from the article's code, all behaviour-preserving on the sample:
- In[3] get_historical_constituents and get_history read the CSV files (same filters);
- In[5] extends the last member list to the end date from the month after the last change
  (the article hard-codes 2024-03-31);
- In[10] the clip loop is bounded (1000 passes, then a final clip) like lib/factors/normalize.ts;
  the article's loop is unbounded (erratum E13).

Corrected mode, point in time (written from the specification in the module headers of
lib/features/factor-features.ts, release-lags.ts, market-features.ts and pipeline.ts, not from
their code):
- E8/E14/E15 In[18]: the return of month t is earned by the portfolio formed at t-1: the weights
  of every member at t-1 (rows of the weights table dated t-1), merged on (Instrument, Date) with
  the one-month returns dated t; a stock without a return at t (no row: it left the index, or
  NaN) is left out and the weights renormalised over the others (more than 20 % missing raises);
  the first month has no formation date (NaN). The weighted factor scores are unchanged.
- E16 In[22]: the macro column of month t holds the (forward-filled) value of reference month
  t - L, L the publication lag of the series (RELEASE_LAGS; the request starts L+1 months
  earlier); the block is aligned to the feature months by date, NaN before the first release.
- In[27]: leading months of the model table with a missing feature (not "total*") are dropped.
"""
import json
import sys
from datetime import timedelta

import numpy as np
import pandas as pd
from sklearn.preprocessing import LabelEncoder, StandardScaler

np.seterr(divide="ignore", invalid="ignore")
pd.options.mode.chained_assignment = None

DATA = sys.argv[1] if len(sys.argv) > 1 else "data/sample"
INDEX_RIC, START, END = ".DJI", "2000-01-01", "2024-07-31"
# E16 publication lags in whole months (lib/features/release-lags.ts' table)
RELEASE_LAGS = {"USCPI=ECI": 1, "USUNR=ECI": 1, "USGPCS=ECI": 2, "USLEAD=ECI": 1, "USCPF=ECI": 1,
                "USGDPF=ECI": 3, "USFOUT=ECI": 1}
MAX_MISSING_RETURN_SHARE = 0.2


def load():
    cons = pd.read_csv(f"{DATA}/constituents.csv", dtype=str, keep_default_na=False)
    fields = pd.read_csv(f"{DATA}/fields.csv", keep_default_na=True, na_values=[""])
    fields["TR.TRBCECONOMICSECTOR"] = fields["TR.TRBCECONOMICSECTOR"].fillna("")
    hist = pd.read_csv(f"{DATA}/history.csv", dtype={"RIC": str, "Field": str, "Date": str},
                       keep_default_na=False, na_values=[""])
    return cons, fields, hist


def historical_constituents(cons):
    c = cons[cons["Index"] == INDEX_RIC][["Date", "RIC"]]
    before = c[c["Date"] <= START]
    rows = []
    if len(before) and not (c["Date"] == START).any():
        last = before["Date"].max()
        rows.append(pd.DataFrame({"Date": START, "RIC": before[before["Date"] == last]["RIC"].values}))
    rows.append(c[(c["Date"] >= START) & (c["Date"] <= END)])
    return pd.concat(rows).reset_index(drop=True)


def get_history(hist, rics, field, start, end):
    start, end = str(pd.to_datetime(start).date()), str(pd.to_datetime(end).date())
    cols = {}
    for ric in rics:
        h = hist[(hist["RIC"] == ric) & (hist["Field"].str.upper() == field.upper())]
        h = h[(h["Date"] >= start) & (h["Date"] <= end)]
        cols[ric] = pd.Series(h["Value"].values, index=pd.to_datetime(h["Date"].values))
    df = pd.DataFrame(cols).sort_index()
    return df


def handle_outliers(series, scaler, max_iter=1000):
    condition = np.any((series > 3) | (series < -3))
    it = 0
    while condition:
        if it >= max_iter:
            return np.clip(series, -3, 3)
        series = np.clip(series, -3, 3)
        series = scaler.fit_transform(series)
        condition = np.any((series > 3) | (series < -3))
        it += 1
    return series


def normalize_factors(df, factor_columns):
    scaler = StandardScaler()
    df_norm = pd.DataFrame()
    for date in df["Date"].unique():
        date_df = df[df["Date"] == date]
        for col in factor_columns:
            s = scaler.fit_transform(np.array(date_df[col]).reshape(-1, 1))
            s = handle_outliers(s, scaler)
            date_df[f"{col}_normalized"] = s
        df_norm = pd.concat([df_norm, date_df])
    return df_norm


def investable_factor_returns(weights_table, weight_cols, names):
    """Corrected In[18] (E8, E14, E15): per return month t, sum_i w_i(t-1) r_i(t) / sum_i w_i(t-1)
    over the members at t-1 that have a return at t."""
    held = weights_table[["Instrument", "Date"] + weight_cols].copy()
    held["Date"] = (pd.to_datetime(held["Date"]) + pd.offsets.MonthEnd(1)).dt.strftime("%Y-%m-%d")
    rets = weights_table[["Instrument", "Date", "total_return_1m"]]
    m = held.merge(rets, on=["Instrument", "Date"], how="left", validate="one_to_one")
    m = m[m["Date"].isin(set(weights_table["Date"]))]
    known = m["total_return_1m"].notna()
    share = (~known).groupby(m["Date"]).mean()
    if (share > MAX_MISSING_RETURN_SHARE).any():
        raise ValueError(f"too many missing returns: {share[share > MAX_MISSING_RETURN_SHARE].to_dict()}")
    out = pd.DataFrame(index=sorted(m["Date"].unique()))
    for w, name in zip(weight_cols, names):
        num = (m[w] * m["total_return_1m"]).where(known).groupby(m["Date"]).sum()
        den = m[w].where(known).groupby(m["Date"]).sum()
        out[name] = num / den
    # per return month: formation date, number of stocks held, the ones without a return
    detail = m.groupby("Date").agg(stocks=("Instrument", "size"))
    detail["missing"] = m[~known].groupby("Date")["Instrument"].agg(sorted)
    months = []
    for t in sorted(set(weights_table["Date"])):
        if t in detail.index:
            miss = detail.at[t, "missing"]
            months.append([t, str((pd.Timestamp(t) - pd.offsets.MonthEnd(1)).date()), int(detail.at[t, "stocks"]),
                           miss if isinstance(miss, list) else []])
        else:
            months.append([t, None, 0, []])
    return out, months


def run(corrected):
    cons, fields_csv, hist = load()
    # In[3]-In[5]
    index_historical = historical_constituents(cons)
    index_historical.set_index("Date", inplace=True)
    index_historical.index = pd.to_datetime(index_historical.index)
    index_grouped = index_historical.groupby("Date")["RIC"].agg(list)
    grouped_m = pd.DataFrame(index_grouped.resample("M", convention="start").ffill())
    last = grouped_m.iloc[-1]["RIC"]
    ext = pd.date_range(start=grouped_m.index[-1] + pd.offsets.MonthEnd(1), end=END, freq="M")
    grouped_m = pd.concat([grouped_m, pd.DataFrame({"RIC": [last] * len(ext)}, index=ext)])
    # In[7]
    parts = []
    fields_csv = fields_csv.set_index(["Date", "Instrument"], drop=False)
    for row in grouped_m.itertuples():
        d = str(row.Index.date())
        parts.append(fields_csv.loc[[(d, r) for r in row.RIC]])
    dataset = pd.concat(parts).reset_index(drop=True)
    # In[8]
    if corrected:
        dataset["at_delta"] = dataset["TR.F.ASSETTURNOVER(PERIOD=FY0)"] - dataset["TR.F.ASSETTURNOVER(PERIOD=FY-1)"]
        dataset["wk_delta"] = dataset["TR.F.WKGCAP(PERIOD=FY0)"] - dataset["TR.F.WKGCAP(PERIOD=FY-1)"]
    else:
        dataset["at_delta"] = dataset["TR.F.ASSETTURNOVER(PERIOD=FY0)"] - dataset["TR.F.ASSETTURNOVER(PERIOD=FY-1)"]
        dataset["wk_delta"] = dataset["TR.F.WKGCAP(PERIOD=FY0)"] = dataset["TR.F.WKGCAP(PERIOD=FY-1)"]
    d = dataset
    d["nco_delta"] = ((d["TR.F.TOTASSETS(PERIOD=FY0)"] - d["TR.F.TOTCURRASSETS(PERIOD=FY0)"] - d["TR.F.INVSTTOT(PERIOD=FY0)"])
                      - (d["TR.F.TOTLIAB(PERIOD=FY0)"] - d["TR.F.TOTCURRLIAB(PERIOD=FY0)"] - d["TR.F.DEBTLTTOT(PERIOD=FY0)"])) - \
                     ((d["TR.F.TOTASSETS(PERIOD=FY-1)"] - d["TR.F.TOTCURRASSETS(PERIOD=FY-1)"] - d["TR.F.INVSTTOT(PERIOD=FY-1)"])
                      - (d["TR.F.TOTLIAB(PERIOD=FY-1)"] - d["TR.F.TOTCURRLIAB(PERIOD=FY-1)"] - d["TR.F.DEBTLTTOT(PERIOD=FY-1)"]))
    d["fin_delta"] = (d["TR.F.INVSTTOT(PERIOD=FY0)"] - d["TR.F.DEBTTOT(PERIOD=FY0)"]) - (d["TR.F.INVSTTOT(PERIOD=FY-1)"] - d["TR.F.DEBTTOT(PERIOD=FY-1)"])
    other = "TR.F.TOTASSETS(PERIOD=FY-1)" if corrected else "TR.F.TOTASSETS(PERIOD=FY0)"
    d["average_ta"] = (d["TR.F.TOTASSETS(PERIOD=FY0)"] + d[other]) / 2
    d["accruals"] = -(d["wk_delta"] + d["nco_delta"] + d["fin_delta"]) / d["average_ta"]
    d["leverage"] = d["TR.F.NETCASHFLOWOP(PERIOD=FY0)"] / d["TR.F.DEBTTOT(PERIOD=FY0)"]
    d["size"] = np.log(d["TR.COMPANYMARKETCAP"]) * (-1 if corrected else 1)
    d["cf_yield"] = d["TR.F.CF(PERIOD=FY0)"] / d["TR.COMPANYMARKETCAP"]
    d["earning_yield"] = d["TR.NETINCOME(PERIOD=FY0)"] / d["TR.COMPANYMARKETCAP"]
    d["sales_to_price"] = d["TR.REVENUE(PERIOD=FY0)"] / d["TR.COMPANYMARKETCAP"]
    d["TR.DIVIDENDYIELD"] = pd.to_numeric(d["TR.DIVIDENDYIELD"], errors="coerce")
    d["yield"] = np.log(d["TR.DIVIDENDYIELD"])
    if corrected:
        d["TR.TOTALRETURN52WK"] = ((1 + d["TR.TOTALRETURN52WK"] / 100) / (1 + d["TR.TOTALRETURN1MO"] / 100) - 1) * 100
    d.rename(columns={"TR.TOTALRETURN1MO": "total_return_1m", "TR.TOTALRETURN52WK": "momentum",
                      "TR.F.RETURNAVGTOTASSETSPCT(PERIOD=FY0)": "roa", "TR.TRBCECONOMICSECTOR": "sector"}, inplace=True)
    d["Date"] = d["Date"].astype(str)
    # In[9]
    comp_cols = ["Date", "Instrument", "sector", "total_return_1m", "momentum", "roa", "at_delta", "accruals",
                 "leverage", "size", "cf_yield", "earning_yield", "sales_to_price", "yield"]
    comp = d[comp_cols]
    comp.replace([np.inf, -np.inf], np.nan, inplace=True)
    for col in comp_cols[3:]:
        comp[col] = pd.to_numeric(comp[col], errors="coerce").astype("float64")
    # In[12]
    norm = normalize_factors(comp, comp_cols[4:])
    # In[13]
    norm["profitability_normalized"] = norm[["roa_normalized", "at_delta_normalized", "accruals_normalized"]].mean(axis=1, skipna=True)
    if corrected:
        norm["profitability_normalized"] = normalize_factors(norm[["Date", "profitability_normalized"]].rename(columns={"profitability_normalized": "p"}), ["p"])["p_normalized"].values
    fin_quality = norm["roa_normalized"] if corrected else norm["roa"]
    norm["quality_normalized"] = np.where(norm["sector"] == "Financials", fin_quality,
                                          norm[["profitability_normalized", "leverage_normalized"]].mean(axis=1, skipna=True))
    norm["value_normalized"] = norm[["cf_yield_normalized", "earning_yield_normalized", "sales_to_price_normalized"]].mean(axis=1, skipna=True)
    if corrected:
        for c in ["quality_normalized", "value_normalized"]:
            norm[c] = normalize_factors(norm[["Date", c]].rename(columns={c: "p"}), ["p"])["p_normalized"].values
    # In[14]-In[15]
    factor_cols = ["momentum_normalized", "quality_normalized", "profitability_normalized", "leverage_normalized",
                   "size_normalized", "value_normalized", "yield_normalized"]
    df_factors = norm[["Instrument", "Date", "total_return_1m"] + factor_cols]
    for col in factor_cols:
        df_factors[col].fillna(-3 if col == "yield_normalized" else 0, inplace=True)
    # In[16]-In[17]
    fw = pd.DataFrame()
    for date in df_factors["Date"].unique():
        date_df = df_factors[df_factors["Date"] == date]
        for factor in factor_cols:
            s = date_df[factor]
            date_df[f"weight_{factor.split('_')[0]}_based"] = np.exp(s) / np.sum(np.exp(s))
        fw = pd.concat([fw, date_df])
    weights_table = fw.copy()
    fw.set_index("Date", inplace=True)
    # In[18]
    factors, weights = fw.columns[2:9], fw.columns[9:]
    for factor, weight in zip(factors, weights):
        fw[f"{factor}_weighted"] = fw[factor] * fw[weight]
        fw[f'total_return_1m_{factor.split("_")[0]}'] = fw["total_return_1m"] * fw[weight]
    ncf = [f"{f}_weighted" for f in factors]
    ncr = [f'total_return_1m_{f.split("_")[0]}' for f in factors]
    feature_df = fw[ncf + ncr].groupby(fw.index).sum()
    if corrected:
        returns, return_months = investable_factor_returns(weights_table, list(weights), ncr)
        feature_df[ncr] = returns.reindex(feature_df.index)
    # In[21]-In[26]
    def allign_dates(ind_df, other):
        ind_df = ind_df.copy()
        ind_df["Dates"] = other.index
        return ind_df.set_index("Dates")

    before = pd.to_datetime(START) - timedelta(days=30)
    macro_rics = ["USCPI=ECI", "USUNR=ECI", "USGPCS=ECI", "USLEAD=ECI", "USCPF=ECI", "USGDPF=ECI", "USFOUT=ECI"]
    if corrected:
        lags = pd.Series([RELEASE_LAGS[r] for r in macro_rics], index=macro_rics)
        levels = get_history(hist, macro_rics, "VALUE", before - pd.DateOffset(months=int(lags.max()) + 1), END).ffill()
        # value of reference month t - L shown at month t: move each series' dates L month ends later
        released = pd.concat({r: levels[r].shift(int(lags[r]), freq="M") for r in macro_rics}, axis=1)
        macro = released.reindex(levels.index)[1:].reindex(pd.to_datetime(feature_df.index))
        macro.index = feature_df.index.rename("Dates")
    else:
        macro = allign_dates(get_history(hist, macro_rics, "VALUE", before, END).ffill()[1:], feature_df)
    s_mkt, e_mkt = (before, END) if corrected else (START, "2024-08-31")
    cur = get_history(hist, ["EUR="], "BID", s_mkt, e_mkt).rename(columns={"EUR=": "BID"})
    cur = allign_dates(cur.pct_change().dropna(), feature_df)
    ind = allign_dates(get_history(hist, [".VIX", ".SPX"], "TR.PriceClose", s_mkt, e_mkt).pct_change().dropna(), feature_df)
    bonds = allign_dates(get_history(hist, ["US3MT=RR", "US6MT=RR", "US10YT=RR"], "B_YLD_1", before, END).pct_change().dropna(), feature_df)
    comods = allign_dates(get_history(hist, ["LCOc1", "NGc1", "GCc1"], "TRDPRC_1", s_mkt, e_mkt).pct_change().dropna(), feature_df)
    # In[27]
    model_df = pd.concat([feature_df, macro, ind, cur, bonds, comods], axis=1)
    trimmed = []
    if corrected:
        complete = model_df[[c for c in model_df.columns if not c.startswith("total")]].notna().all(axis=1)
        trimmed = [str(pd.Timestamp(i).date()) for i in model_df.index[~complete.cummax()]]
        model_df = model_df[complete.cummax()]
    # In[28]
    ret7 = ["total_return_1m_momentum", "total_return_1m_quality", "total_return_1m_profitability",
            "total_return_1m_leverage", "total_return_1m_size", "total_return_1m_value", "total_return_1m_yield"]
    model_df["best_factor_next_month"] = model_df[ret7].shift(-1).idxmax(axis=1)
    counts7 = [[str(r), int(len(model_df[model_df["best_factor_next_month"] == r]))] for r in model_df["best_factor_next_month"].unique()]
    # In[29]-In[30]
    model_df["best_factor_next_month"] = model_df[ret7[1:]].shift(-1).idxmax(axis=1)
    model_df = model_df.drop(columns=["momentum_normalized_weighted"])
    model_df.dropna(inplace=True, subset=["best_factor_next_month"])
    counts6 = [[str(r), int(len(model_df[model_df["best_factor_next_month"] == r]))] for r in model_df["best_factor_next_month"].unique()]
    le = LabelEncoder()
    model_df["label"] = le.fit_transform(model_df["best_factor_next_month"])
    features = [c for c in model_df.columns[:-2] if not c.startswith("total")]

    dates = sorted(comp["Date"].unique())
    subset = sorted(set(dates[::24] + dates[-2:]))
    def stock_table(df, cols):
        df = df[df["Date"].isin(subset)]
        return {"columns": cols, "rows": [[None if (isinstance(v, float) and np.isnan(v)) else v for v in r] for r in df[cols].itertuples(index=False)]}

    def frame(df):
        return {"index": [str(pd.Timestamp(i).date()) for i in df.index], "columns": [str(c) for c in df.columns],
                "data": [[None if (isinstance(v, float) and np.isnan(v)) else (v.item() if hasattr(v, "item") else v) for v in df[c]] for c in df.columns]}

    norm_cols = ["Date", "Instrument"] + [c for c in norm.columns if c.endswith("_normalized")]
    return {
        "mode": "corrected" if corrected else "faithful",
        "data_dir": DATA,
        "stock_dates": subset,
        "n_dataset_rows": int(len(dataset)),
        "components": stock_table(comp, comp_cols),
        "normalized": stock_table(norm, norm_cols),
        "filled": stock_table(df_factors, ["Instrument", "Date", "total_return_1m"] + factor_cols),
        "weights": stock_table(weights_table, ["Instrument", "Date"] + [c for c in weights_table.columns if c.startswith("weight_")]),
        "feature_df": frame(feature_df),
        "macro": frame(macro), "cur": frame(cur), "ind": frame(ind), "bonds": frame(bonds), "comods": frame(comods),
        "model_df": frame(model_df),
        **({"trimmed": trimmed, "factor_return_months": return_months} if corrected else {}),
        "counts_with_momentum": counts7,
        "counts": counts6,
        "classes": [str(c) for c in le.classes_],
        "features": features,
    }


if __name__ == "__main__":
    for corrected in (False, True):
        out = run(corrected)
        path = f"test/fixtures/factors/parity-{out['mode']}.json"
        with open(path, "w", encoding="utf-8") as f:
            json.dump(out, f, separators=(",", ":"), allow_nan=False)
            f.write("\n")
        print(path, out["n_dataset_rows"], "rows;", len(out["features"]), "features;", out["counts"])
