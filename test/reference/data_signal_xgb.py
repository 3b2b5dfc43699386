"""Independent check of the planted signal in data/sample with the article's own toolchain.

Rebuilds, in pandas, the article's steps on the embedded sample — factor components (In[8], as
printed: FY-1 working capital, (TA0+TA0)/2), per-date z-scores with the clip/re-standardise loop
(In[10]-In[12]), composites with raw ROA as Financials' quality (In[13]), missing values (In[15]),
softmax weights and factor-weighted features/returns (In[16]-In[18]), macro/FX/index/bond/
commodity features with the article's request ranges and row relabelling (In[21]-In[27]), the
label without momentum (In[29]), the 2019-01-01 split, class-balanced weights, RFE to 12 features
and expanding-window retraining with xgboost (In[32]-In[37]).

Writes test/fixtures/data/signal_xgb.json (labels per month, label counts, test accuracy and
top-3 accuracy). Developer-only: run with /usr/bin/python3 (pandas 1.5, xgboost 1.7, sklearn 1.2).
"""
import json
import os
import warnings

import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.preprocessing import LabelEncoder, StandardScaler

warnings.simplefilter("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "..", "data", "sample")

fields = pd.read_csv(os.path.join(SAMPLE, "fields.csv"))
history = pd.read_csv(os.path.join(SAMPLE, "history.csv"))
c = lambda name: fields[name]

# In[8]: components as the article computes them (its errata included)
comp = pd.DataFrame({"Date": fields["Date"], "Instrument": fields["Instrument"]})
comp["sector"] = c("TR.TRBCECONOMICSECTOR")
comp["total_return_1m"] = c("TR.TOTALRETURN1MO")
comp["momentum"] = c("TR.TOTALRETURN52WK")
comp["roa"] = c("TR.F.RETURNAVGTOTASSETSPCT(PERIOD=FY0)")
comp["at_delta"] = c("TR.F.ASSETTURNOVER(PERIOD=FY0)") - c("TR.F.ASSETTURNOVER(PERIOD=FY-1)")
wk = c("TR.F.WKGCAP(PERIOD=FY-1)")  # the chained assignment leaves FY-1 in wk_delta
op = lambda p: (c(f"TR.F.TOTASSETS(PERIOD={p})") - c(f"TR.F.TOTCURRASSETS(PERIOD={p})") - c(f"TR.F.INVSTTOT(PERIOD={p})")) - (
    c(f"TR.F.TOTLIAB(PERIOD={p})") - c(f"TR.F.TOTCURRLIAB(PERIOD={p})") - c(f"TR.F.DEBTLTTOT(PERIOD={p})")
)
nco = op("FY0") - op("FY-1")
fin = (c("TR.F.INVSTTOT(PERIOD=FY0)") - c("TR.F.DEBTTOT(PERIOD=FY0)")) - (c("TR.F.INVSTTOT(PERIOD=FY-1)") - c("TR.F.DEBTTOT(PERIOD=FY-1)"))
avg_ta = c("TR.F.TOTASSETS(PERIOD=FY0)")  # (FY0 + FY0) / 2
comp["accruals"] = -(wk + nco + fin) / avg_ta
comp["leverage"] = c("TR.F.NETCASHFLOWOP(PERIOD=FY0)") / c("TR.F.DEBTTOT(PERIOD=FY0)")
mcap = c("TR.COMPANYMARKETCAP")
with np.errstate(divide="ignore", invalid="ignore"):
    comp["size"] = np.log(mcap)
    comp["yield"] = np.log(c("TR.DIVIDENDYIELD"))
comp["cf_yield"] = c("TR.F.CF(PERIOD=FY0)") / mcap
comp["earning_yield"] = c("TR.NETINCOME(PERIOD=FY0)") / mcap
comp["sales_to_price"] = c("TR.REVENUE(PERIOD=FY0)") / mcap
comp = comp.replace([np.inf, -np.inf], np.nan)

# In[10]-In[12]: z-scores per date (population sd), clip to [-3, 3] and re-standardise until inside
def zscore(x):
    v = x.to_numpy(dtype=float)
    ok = ~np.isnan(v)
    if ok.sum() == 0:
        return pd.Series(v, index=x.index)
    def std(a):
        s = np.nanstd(a)
        return (a - np.nanmean(a)) / s if s > 0 else a - np.nanmean(a)
    v = std(v)
    for _ in range(1000):
        if not np.any(np.abs(v[ok]) > 3):
            break
        v = std(np.clip(v, -3, 3))
    return pd.Series(v, index=x.index)

cols = ["momentum", "roa", "at_delta", "accruals", "leverage", "size", "cf_yield", "earning_yield", "sales_to_price", "yield"]
for col in cols:
    comp[f"{col}_n"] = comp.groupby("Date")[col].transform(zscore)

# In[13]-In[15]
comp["profitability"] = comp[["roa_n", "at_delta_n", "accruals_n"]].mean(axis=1, skipna=True)
comp["quality"] = np.where(comp["sector"] == "Financials", comp["roa"], comp[["profitability", "leverage_n"]].mean(axis=1, skipna=True))
comp["value"] = comp[["cf_yield_n", "earning_yield_n", "sales_to_price_n"]].mean(axis=1, skipna=True)
factors = {"momentum": "momentum_n", "quality": "quality", "profitability": "profitability", "leverage": "leverage_n",
           "size": "size_n", "value": "value", "yield": "yield_n"}
for f, col in factors.items():
    comp[f] = comp[col].fillna(-3 if f == "yield" else 0)

# In[16]-In[18]
feat = {}
for f in factors:
    w = comp.groupby("Date")[f].transform(lambda s: np.exp(s) / np.exp(s).sum())
    feat[f"{f}_normalized_weighted"] = (comp[f] * w).groupby(comp["Date"]).sum()
    feat[f"total_return_1m_{f}"] = (comp["total_return_1m"].fillna(0) * w).groupby(comp["Date"]).sum()
model_df = pd.DataFrame(feat)

# In[19]-In[27]: series with the article's request ranges, then relabelled to the feature dates
def series(ric, start, end):
    h = history[(history["RIC"] == ric) & (history["Date"] >= start) & (history["Date"] <= end)]
    return h.set_index("Date")["Value"]

n = len(model_df)
for ric in ["USCPI=ECI", "USUNR=ECI", "USGPCS=ECI", "USLEAD=ECI", "USCPF=ECI", "USGDPF=ECI", "USFOUT=ECI"]:
    model_df[ric] = series(ric, "1999-12-02", "2024-07-31").to_numpy()[1:][:n]
for ric in [".VIX", ".SPX", "EUR=", "LCOc1", "NGc1", "GCc1"]:
    model_df[ric] = series(ric, "2000-01-01", "2024-08-31").pct_change().dropna().to_numpy()[:n]
for ric in ["US3MT=RR", "US6MT=RR", "US10YT=RR"]:
    model_df[ric] = series(ric, "1999-12-02", "2024-07-31").pct_change().dropna().to_numpy()[:n]

# In[29]
label_cols = [f"total_return_1m_{f}" for f in ["quality", "profitability", "leverage", "size", "value", "yield"]]
model_df["best"] = model_df[label_cols].shift(-1).idxmax(axis=1)
model_df = model_df.drop(columns=["momentum_normalized_weighted"]).dropna(subset=["best"])
model_df["label"] = LabelEncoder().fit_transform(model_df["best"])
features = [c for c in model_df.columns if not c.startswith("total") and c not in ("best", "label")]

# In[32]-In[37]
split = int((model_df.index < "2019-01-01").sum())
y_all = model_df["label"].to_numpy()
def weights(y):
    counts = np.bincount(y)
    return (len(y) / (len(np.unique(y)) * counts))[y]
Xtr = pd.DataFrame(StandardScaler().fit_transform(model_df[:split][features]), columns=features)
ytr = y_all[:split]
kept = list(features)
rfe = xgb.XGBClassifier(random_state=42, n_jobs=1)
while len(kept) > 12:
    rfe.fit(Xtr[kept], ytr, sample_weight=weights(ytr))
    importances = rfe.feature_importances_
    kept.pop(int(np.argmin(importances)))
# In[34]-In[35]: the model's columns are the printed table's order: the 12 survivors next to the
# 13-feature fit's importances minus the last one (erratum M1), sorted descending (stable, like
# pandas sort_values on a default RangeIndex with ties in row order).
table = pd.DataFrame({"Feature": kept, "Importance": importances[:-1]})
kept = table.sort_values(by=["Importance"], ascending=False, kind="stable")["Feature"].tolist()
scaler = StandardScaler()
X = scaler.fit_transform(model_df[:split][kept])
y = ytr.copy()
def train(X, y):
    m = xgb.XGBClassifier(objective="multi:softprob", eval_metric="mlogloss", random_state=42, n_jobs=1)
    m.fit(X, y, sample_weight=weights(y))
    return m
model = train(X, y)
preds, probs = [], []
Xte = model_df[split:][kept]
for i in range(len(Xte)):
    s = scaler.transform(Xte.iloc[[i]])
    preds.append(int(model.predict(s)[0]))
    probs.append(model.predict_proba(s)[0])
    X = np.vstack([X, s])
    y = np.append(y, y_all[split + i])
    model = train(X, y)
yte = y_all[split:]
acc = float(np.mean(np.array(preds) == yte))
top3 = float(np.mean([yte[i] in np.argsort(p)[-3:] for i, p in enumerate(probs)]))

out = {
    "generator": "test/reference/data_signal_xgb.py",
    "versions": {"pandas": pd.__version__, "xgboost": xgb.__version__},
    "rows": int(len(model_df)),
    "train_rows": split,
    "test_rows": int(len(model_df) - split),
    "labels": {d: b.replace("total_return_1m_", "") for d, b in model_df["best"].items()},
    "label_counts": {k.replace("total_return_1m_", ""): int(v) for k, v in model_df["best"].value_counts().items()},
    "rfe_features": kept,
    "test_accuracy": round(acc, 6),
    "test_top3_accuracy": round(top3, 6),
}
path = os.path.join(HERE, "..", "fixtures", "data", "signal_xgb.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(json.dumps({k: out[k] for k in ("rows", "train_rows", "test_rows", "label_counts", "rfe_features", "test_accuracy", "test_top3_accuracy")}, indent=1))
