"""Fixtures for lib/model/metrics.ts from scikit-learn 1.2.1: classification_report text, confusion
matrices (as printed by numpy) and precision/recall/F1 arrays, including zero_division cases.

Run: /usr/bin/python3 test/reference/model_metrics.py  -> test/fixtures/model/sklearn-metrics.json
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.metrics import classification_report, confusion_matrix

assert sklearn.__version__ == "1.2.1", sklearn.__version__
warnings.simplefilter("ignore")
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "model")

# the article's confusion matrix (In[38]) expanded back into label pairs
ARTICLE_CM = [[4, 1, 0, 3, 0, 1], [1, 0, 3, 1, 0, 0], [5, 0, 5, 3, 1, 1], [8, 5, 2, 12, 0, 1], [0, 0, 1, 2, 0, 0], [0, 2, 1, 2, 1, 0]]
NAMES = ["total_return_1m_leverage", "total_return_1m_profitability", "total_return_1m_quality",
         "total_return_1m_size", "total_return_1m_value", "total_return_1m_yield"]


def expand(cm):
    t, p = [], []
    for i, row in enumerate(cm):
        for j, c in enumerate(row):
            t += [i] * c
            p += [j] * c
    return t, p


rng = np.random.default_rng(9)
cases = []


def add(name, y_true, y_pred, **kw):
    y_true = [int(v) for v in y_true]
    y_pred = [int(v) for v in y_pred]
    cases.append({
        "name": name,
        "yTrue": y_true,
        "yPred": y_pred,
        "targetNames": kw.get("target_names"),
        "digits": kw.get("digits", 2),
        "zeroDivision": kw.get("zero_division", "warn"),
        "report": classification_report(y_true, y_pred, **kw),
        "confusion": confusion_matrix(y_true, y_pred).tolist(),
        "confusionText": str(confusion_matrix(y_true, y_pred)),
    })


t, p = expand(ARTICLE_CM)
add("article", t, p, target_names=NAMES)
add("article-digits4-zero1", t, p, target_names=NAMES, digits=4, zero_division=1)
y = rng.integers(0, 4, 50)
yp = np.where(rng.random(50) < 0.5, y, rng.integers(0, 4, 50))
yp[yp == 2] = 1  # class 2 never predicted
add("never-predicted-zero0", y, yp, zero_division=0)
add("never-predicted-zero1", y, yp, zero_division=1)
yt = rng.integers(0, 3, 40)
ypp = rng.integers(0, 4, 40)  # class 3 only predicted, never true
add("only-predicted-class", yt, ypp)
# precision 1/8 = 0.125 exactly: half-even rounding -> 0.12
add("round-half-even", [0] + [1] * 7 + [0, 1], [0] * 8 + [1, 1])
add("binary", rng.integers(0, 2, 30), rng.integers(0, 2, 30), digits=3)
add("wide-counts", rng.integers(0, 3, 1500), rng.integers(0, 3, 1500))

with open(os.path.join(OUT, "sklearn-metrics.json"), "w") as fh:
    json.dump({"generator": "test/reference/model_metrics.py", "sklearn": sklearn.__version__, "cases": cases}, fh, indent=0)
