"""pandas reference for the article's back-test cells In[40]..In[47] on the embedded sample.

Developer-only (CI never runs it). From the repository root:
    /usr/bin/python3 test/reference/pipeline_backtest.py
Inputs:
- the model table (In[30]) built by the pandas reference of the factor pipeline
  (test/reference/factors.py, faithful and corrected modes) from data/sample;
- the predictions and probabilities of our TypeScript pipeline on the same sample, exported to
  test/fixtures/pipeline/predictions-<mode>.json by test/pipeline/export-predictions.ts (the
  parity test checks the back-test, not the booster, so both sides start from the same model
  output);
- the .DJI closes from data/sample/history.csv.
It then follows In[40]..In[47] as printed (shift(1) + dropna, zip with the probability list,
pct_change of the index aligned by position as allign_dates does, cumsum, the sqrt(252) Sharpe) and
also computes the corrected conventions (compounded cumulative return, sqrt(12) Sharpe), and
writes test/fixtures/pipeline/backtest-<mode>.json. NaN never occurs in these tables.
"""
import json
import os
import sys

import numpy as np
import pandas as pd

sys.argv = sys.argv[:1]  # factors.py reads its data directory from argv; keep its default
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import factors as F  # noqa: E402

FIX = "test/fixtures/pipeline"


def frame_from_json(fr):
    df = pd.DataFrame({c: fr["data"][j] for j, c in enumerate(fr["columns"])}, index=pd.to_datetime(fr["index"]))
    return df


def get_index_history():
    _, _, hist = F.load()
    # In[44]: ld.get_history('.DJI', "TR.PriceClose", start='2019-01-31', end='2024-07-01', interval='monthly')
    return F.get_history(hist, [".DJI"], "TR.PriceClose", "2019-01-31", "2024-07-01").rename(columns={".DJI": "Price Close"})


def allign_dates(ind_df, df_to_allign_with):
    ind_df["Dates"] = df_to_allign_with.index
    ind_df.set_index("Dates", inplace=True)
    return ind_df


def sharpe(returns, periods):
    # In[46] with the annualisation factor as a parameter (article: 252)
    excess = returns - 0
    return (excess.mean() * 100) / (excess.std() * 100) * np.sqrt(periods)


def run(mode):
    ref = F.run(mode == "corrected")
    model_df = frame_from_json(ref["model_df"])
    with open(f"{FIX}/predictions-{mode}.json", encoding="utf-8") as f:
        pred = json.load(f)
    target_names = list(ref["classes"])
    assert target_names == pred["classes"], (target_names, pred["classes"])
    split_idx = model_df[model_df.index < "2019-01-01"].shape[0]
    predictions = pred["predictions"]
    predict_proba = [np.array([p]) for p in pred["probabilities"]]  # predict_proba of one sample: shape (1, k)

    # In[40]
    returns_df = model_df[target_names + ["best_factor_next_month"]][split_idx:]
    assert [str(d.date()) for d in returns_df.index] == pred["dates"]
    assert list(model_df["label"][split_idx:]) == pred["y_true"]
    returns_df["preds"] = [target_names[p] for p in predictions]  # label_encoder.inverse_transform
    returns_df["best_shifted"] = returns_df["best_factor_next_month"].shift(1)
    returns_df["pred_shifted"] = returns_df["preds"].shift(1)
    returns_df = returns_df.dropna()

    # In[41]-In[43]
    def add_names_to_probas(target_names, predict_proba):
        out = []
        for probas in predict_proba:
            out.append({name: value for name, value in zip(target_names, probas[0])})
        return out

    def calculate_weighted_return(row, probas):
        return (probas["total_return_1m_leverage"] * row.total_return_1m_leverage +
                probas["total_return_1m_profitability"] * row.total_return_1m_profitability +
                probas["total_return_1m_quality"] * row.total_return_1m_quality +
                probas["total_return_1m_size"] * row.total_return_1m_size +
                probas["total_return_1m_value"] * row.total_return_1m_value +
                probas["total_return_1m_yield"] * row.total_return_1m_yield)

    returns_df["best_return"] = [ret[ret["best_shifted"]] for _, ret in returns_df.iterrows()]
    returns_df["pred_return"] = [ret[ret["pred_shifted"]] for _, ret in returns_df.iterrows()]
    returns_df["pred_proba_return"] = [
        calculate_weighted_return(row, probas)
        for row, probas in zip(returns_df.itertuples(), add_names_to_probas(target_names, predict_proba))
    ]

    # In[44]
    dji = get_index_history()
    dji_change = dji.pct_change().dropna()
    dji_change = allign_dates(dji_change, returns_df)
    returns_df["dji"] = dji_change["Price Close"] * 100

    # In[45]
    cols_for_cumsum = target_names + ["best_return", "pred_return", "pred_proba_return", "dji"]
    for col in cols_for_cumsum:
        returns_df[f"{col}_cumsum"] = returns_df[col].cumsum()

    # In[46]-In[47] faithful, and the corrected conventions
    def summary(cum, periods):
        cum_return, sharp_ratio = {}, {}
        for col in cols_for_cumsum:
            r = returns_df[col].astype(float)
            cum_return[col] = float(r.cumsum().iloc[-1]) if cum == "sum" else float(((1 + r / 100).prod() - 1) * 100)
            sharp_ratio[col] = float(sharpe(r, periods))
        df = pd.DataFrame({"cum_return": cum_return, "sharp_ratio": sharp_ratio})
        df = df.sort_values(by=["cum_return"], ascending=False, kind="mergesort")
        return [{"strategy": k, "cum_return": v["cum_return"], "sharp_ratio": v["sharp_ratio"]} for k, v in df.iterrows()]

    table = {"index": [str(d.date()) for d in returns_df.index], "columns": list(returns_df.columns),
             "data": [[(v.item() if hasattr(v, "item") else v) for v in returns_df[c]] for c in returns_df.columns]}
    return {
        "mode": mode,
        "note": "written by test/reference/pipeline_backtest.py (pandas %s, numpy %s)" % (pd.__version__, np.__version__),
        "returns_df": table,
        "summary_faithful": summary("sum", 252),
        "summary_corrected": summary("compound", 12),
    }


if __name__ == "__main__":
    for mode in ("faithful", "corrected"):
        out = run(mode)
        path = f"{FIX}/backtest-{mode}.json"
        with open(path, "w", encoding="utf-8") as f:
            json.dump(out, f, separators=(",", ":"), allow_nan=False)
            f.write("\n")
        print(path, len(out["returns_df"]["index"]), "months;", out["summary_faithful"][:3])
