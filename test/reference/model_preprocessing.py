"""Fixtures for lib/model/standard-scaler.ts, label-encoder.ts, sample-weights.ts from scikit-learn 1.2.1.

Run: /usr/bin/python3 test/reference/model_preprocessing.py
Writes test/fixtures/model/sklearn-preprocessing.json.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.preprocessing import LabelEncoder, StandardScaler
from sklearn.utils.class_weight import compute_sample_weight

assert sklearn.__version__ == "1.2.1", sklearn.__version__
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "model")


def enc(a):
    return [[None if np.isnan(v) else float(v) for v in row] for row in np.asarray(a, dtype=np.float64)]


rng = np.random.default_rng(5)
n, p = 60, 6
X = rng.standard_normal((n, p)) * np.array([1.0, 10.0, 0.01, 1.0, 1e6, 3.0]) + np.array([0, 5, -2, 0, 1e7, 1])
X[:, 3] = 0.7  # constant column -> scale 1
X[rng.random(n) < 0.15, 5] = np.nan  # NaN ignored in fit, kept in transform
split = 42
scaler = StandardScaler().fit(X[:split])
scaler_case = {
    "X": enc(X),
    "split": split,
    "mean": [float(v) for v in scaler.mean_],
    "var": [float(v) for v in scaler.var_],
    "scale": [float(v) for v in scaler.scale_],
    "transformed": enc(scaler.transform(X)),
}

labels = [
    "total_return_1m_size", "total_return_1m_quality", "total_return_1m_leverage", "total_return_1m_size",
    "total_return_1m_value", "total_return_1m_yield", "total_return_1m_profitability", "total_return_1m_size",
    "total_return_1m_quality", "Total_return_1m_upper", "total_return_1m_leverage", "total_return_1m_size",
]
le = LabelEncoder().fit(labels)
label_case = {"labels": labels, "classes": [str(c) for c in le.classes_], "encoded": [int(v) for v in le.transform(labels)]}

y_int = rng.integers(0, 6, 228)
y_int[y_int == 4] = rng.integers(0, 6, int((y_int == 4).sum()))
weights_case = {
    "y": [int(v) for v in y_int],
    "balanced": [float(v) for v in compute_sample_weight("balanced", y_int)],
    "yStrings": labels,
    "balancedStrings": [float(v) for v in compute_sample_weight("balanced", labels)],
}

with open(os.path.join(OUT, "sklearn-preprocessing.json"), "w") as fh:
    json.dump({"generator": "test/reference/model_preprocessing.py", "sklearn": sklearn.__version__,
               "scaler": scaler_case, "labelEncoder": label_case, "sampleWeights": weights_case}, fh)
