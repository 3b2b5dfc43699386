"""Expanding-window parity fixture for lib/model/booster-exact.ts from Python xgboost 1.7.4.

Run with the Debian interpreter (xgboost 1.7.4, numpy 1.24), from the repository root:
    npx tsx test/model/export-expanding-window.ts faithful
    /usr/bin/python3 test/reference/xgb_expanding_window.py faithful
Reads test/fixtures/model/expanding-window-<mode>.json (notebook 01's standardised float32 model
matrix on the embedded sample, labels and split index, written by the TypeScript exporter) and
writes test/fixtures/model/xgb-expanding-window-<mode>.json.

For every test month j (row split+j) the training set is rows 0..split+j-1, as In[36]-In[37] and
lib/model/expanding-window.ts: XGBClassifier(objective="multi:softprob", tree_method="exact",
random_state=42, num_class = number of distinct training labels, every other parameter the 1.7
scikit-learn wrapper's default) fitted with balanced sample weights n/(k*count) recomputed on those
labels; the fixture stores the training-row count, predict_proba of the test row and predict.
n_jobs=1: node sums then accumulate row by row in one double, as the TypeScript engine does (with
more threads xgboost adds per-thread partial sums, which can move a gain by an ulp).
"""
import hashlib
import json
import os
import sys

import numpy as np
import xgboost as xgb

assert xgb.__version__ == "1.7.4", xgb.__version__

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, "..", "fixtures", "model")


def balanced_weights(y):
    """The article's calculate_sample_weights (In[33]): n / (k * count) per row."""
    counts = np.bincount(y)
    w = len(y) / (len(np.unique(y)) * counts)
    return w[y]


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "faithful"
    assert mode in ("faithful", "corrected"), mode
    src = os.path.join(FIX, f"expanding-window-{mode}.json")
    with open(src, "rb") as fh:
        raw = fh.read()
    inp = json.loads(raw)
    x = np.array([[np.nan if v is None else v for v in row] for row in inp["X"]], dtype=np.float32)
    y = np.array(inp["y"], dtype=np.int64)
    split = inp["split"]
    months = []
    for n in range(split, len(y)):
        xtr, ytr = x[:n], y[:n]
        k = len(np.unique(ytr))
        assert set(ytr) == set(range(k)), "training labels must be the classes 0..k-1"
        model = xgb.XGBClassifier(objective="multi:softprob", num_class=k, tree_method="exact", random_state=42,
                                  n_jobs=1)
        model.fit(xtr, ytr, sample_weight=balanced_weights(ytr))
        proba = model.predict_proba(x[n:n + 1])[0]
        months.append({
            "date": inp["dates"][n],
            "trainRows": n,
            "proba": [float(v) for v in proba],
            "predict": int(model.predict(x[n:n + 1])[0]),
        })
    out = {
        "generator": "test/reference/xgb_expanding_window.py",
        "xgboost": xgb.__version__,
        "input": os.path.basename(src),
        "inputSha256": hashlib.sha256(raw).hexdigest(),
        "mode": mode,
        "params": {"objective": "multi:softprob", "tree_method": "exact", "random_state": 42, "n_jobs": 1},
        "months": months,
    }
    dst = os.path.join(FIX, f"xgb-expanding-window-{mode}.json")
    with open(dst, "w") as fh:
        json.dump(out, fh)
    print(os.path.relpath(dst), len(months), "months")


if __name__ == "__main__":
    main()
