"""Reference run of the article's In[32]-In[39] procedure with Python xgboost 1.7.4 / scikit-learn 1.2.1
on a synthetic, article-sized data set (294 months 2000-01..2024-06, 22 features, 6 classes),
for test/model/article-stage.test.ts.

Run: /usr/bin/python3 test/reference/model_article_stage.py -> test/fixtures/model/article-stage.json
The procedure follows the article line by line: temporal split at 2019-01-01, StandardScaler fitted
on the training rows, balanced sample weights, RFE by argmin of feature_importances_ down to 12
(printed table = survivors zipped with importances[:-1]), scaler refitted on the 12 columns in the
table's order, expanding-window refits with the training scaler, classification report, top-3.
n_jobs=1: the exact method gives the same trees with any thread count, and on a loaded 2-core
machine xgboost's OpenMP threads make a fit 20x slower.
"""
import json
import os
import warnings
from collections import Counter

import numpy as np
import pandas as pd
import sklearn
import xgboost as xgb
from sklearn.metrics import classification_report, confusion_matrix
from sklearn.preprocessing import StandardScaler

warnings.simplefilter("ignore")
assert xgb.__version__ == "1.7.4" and sklearn.__version__ == "1.2.1"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "model")


def synthetic(seed=2024):
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2000-01-31", periods=294, freq="M")
    n, p, k = len(dates), 22, 6
    X = rng.standard_normal((n, p)).cumsum(axis=0) * 0.1 + rng.standard_normal((n, p))
    X[:, 13:] = np.round(X[:, 13:] * 10) / 10  # macro-like columns with one decimal (ties)
    coef = rng.standard_normal((p, k)) * (rng.random((p, 1)) < 0.5)
    logits = X @ coef * 0.35 + rng.gumbel(size=(n, k)) * 1.5 + np.array([0.4, -0.1, 0.4, 0.7, -0.3, 0.0])
    y = np.argmax(logits, axis=1)
    names = [f"f{i:02d}_{'factor' if i < 6 else 'macro'}" for i in range(p)]
    return dates, X, y, names


def calculate_sample_weights(y_train):
    counts = np.bincount(y_train)
    w = len(y_train) / (len(np.unique(y_train)) * counts)
    return np.array([w[c] for c in y_train])


def train_model(X, y):
    model = xgb.XGBClassifier(objective="multi:softprob", num_class=len(np.unique(y)), use_label_encoder=False,
                              eval_metric="mlogloss", random_state=42, n_jobs=1)
    model.fit(X, y, sample_weight=calculate_sample_weights(y))
    return model


def main():
    dates, X, y, names = synthetic()
    df = pd.DataFrame(X, index=dates, columns=names)
    df["label"] = y
    features = names
    scaler = StandardScaler()
    split_idx = df[df.index < "2019-01-01"].shape[0]
    X_train, X_test = df[:split_idx][features], df[split_idx:][features]
    y_train, y_test = df["label"][:split_idx], df["label"][split_idx:]
    X_train_norm = pd.DataFrame(scaler.fit_transform(X_train), columns=X_train.columns)

    model = xgb.XGBClassifier(random_state=42, n_jobs=1)
    feats = X_train_norm.columns.tolist()
    sw = calculate_sample_weights(y_train)
    removed = []
    while len(feats) > 12:
        model.fit(X_train_norm[feats], y_train, sample_weight=sw)
        importances = model.feature_importances_
        j = int(np.argmin(importances))
        removed.append(feats[j])
        feats.pop(j)
    table = pd.DataFrame({"Feature": feats, "Importance": importances[:-1]})
    table = table.sort_values(by=["Importance"], ascending=False).reset_index(drop=True)
    final = xgb.XGBClassifier(random_state=42, n_jobs=1).fit(X_train_norm[feats], y_train, sample_weight=sw)

    ordered = list(table["Feature"])
    X_train, X_test = df[:split_idx][ordered], df[split_idx:][ordered]
    X_train_norm = pd.DataFrame(scaler.fit_transform(X_train), columns=X_train.columns)
    shape = list(X_train_norm.shape)

    predictions, proba = [], []
    Xn, yt = X_train_norm.values, y_train.values
    model = train_model(Xn, yt)
    for (_, row), label in zip(X_test.iterrows(), y_test):
        sample = scaler.transform(pd.DataFrame(row).T)
        predictions.append(int(model.predict(sample)[0]))
        proba.append(model.predict_proba(sample)[0].tolist())
        Xn = np.concatenate((Xn, sample))
        yt = np.concatenate((yt, np.array([label])))
        model = train_model(Xn, yt)

    top = np.argsort(np.vstack(proba), axis=1)[:, -3:]
    top3 = float(np.mean([y_test.values[i] in top[i] for i in range(len(y_test))]))
    out = {
        "generator": "test/reference/model_article_stage.py",
        "dates": [d.strftime("%Y-%m-%d") for d in dates],
        "X": X.tolist(),
        "y": [int(v) for v in y],
        "names": names,
        "removed": removed,
        "selected": feats,
        "faithful": [{"feature": f, "importance": float(v)} for f, v in zip(table["Feature"], table["Importance"])],
        "corrected": [{"feature": f, "importance": float(v)} for f, v in zip(feats, final.feature_importances_)],
        "trainShape": shape,
        "predictions": predictions,
        "probabilities": proba,
        "yTest": [int(v) for v in y_test],
        "counts": str(dict(sorted(Counter(predictions).items()))),
        "confusionText": str(confusion_matrix(y_test, predictions)),
        "report": classification_report(y_test, predictions, labels=list(range(6)), target_names=[f"class_{c}" for c in range(6)]),
        "top3": top3,
    }
    with open(os.path.join(OUT, "article-stage.json"), "w") as fh:
        json.dump(out, fh)


if __name__ == "__main__":
    main()
