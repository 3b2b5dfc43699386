"""Parity fixtures for lib/model/booster-exact.ts from Python xgboost 1.7.4 (tree_method="exact").

Run with the Debian interpreter (xgboost 1.7.4, numpy 1.24):
    /usr/bin/python3 test/reference/xgb_parity.py
Writes test/fixtures/model/xgb-parity.json (and a small saved model, xgb-model-binary.json).

Each case: training X (float32 values, NaN = missing, encoded as null), labels, optional sample
weights, a held-out X, and what xgboost.XGBClassifier (scikit-learn wrapper defaults, seeded but
deterministic anyway) returns: predict_proba on train and test rows, predict, feature_importances_.
"""
import json
import os

import numpy as np
import xgboost as xgb

assert xgb.__version__ == "1.7.4", xgb.__version__

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "fixtures", "model")


def enc(a):
    """Float array -> nested lists with NaN as None (JSON has no NaN)."""
    return [[None if np.isnan(v) else float(v) for v in row] for row in np.asarray(a, dtype=np.float64)]


def make_x(rng, n, p, nan_frac=0.0, const_cols=(), const_nan_cols=(), discrete_cols=(), float64=False):
    x = rng.standard_normal((n, p))
    for c in discrete_cols:
        x[:, c] = np.round(x[:, c] * 2) / 2  # many ties
    if nan_frac > 0:
        mask = rng.random((n, p)) < nan_frac
        x[mask] = np.nan
    for c in const_cols:
        x[:, c] = 1.5
    for c in const_nan_cols:
        x[:, c] = -0.25
        x[rng.random(n) < 0.3, c] = np.nan
    if float64:
        # float64 input as in the article: values 1e-9 apart collapse to one float32 value in xgboost
        x[1::7, 0] = x[0:-1:7, 0][: len(x[1::7, 0])] + 1e-9
        return x
    return x.astype(np.float32).astype(np.float64)


def make_y(rng, x, k):
    z = np.nan_to_num(x, nan=0.0)
    p = x.shape[1]
    coef = rng.standard_normal((p, k))
    logits = z @ coef + 1.0 * rng.standard_normal((x.shape[0], k))
    y = np.argmax(logits, axis=1)
    return y


def case(name, n, p, k, seed, weighted=None, n_test=40, params=None, **xkw):
    rng = np.random.default_rng(seed)
    x = make_x(rng, n + n_test, p, **xkw)
    y = make_y(rng, x, k)
    # make sure every class occurs in the training rows
    for c in range(k):
        if not (y[:n] == c).any():
            y[c] = c
    xtr, xte, ytr = x[:n], x[n:], y[:n]
    w = None
    if weighted == "random":
        w = rng.uniform(0.2, 3.0, n).astype(np.float32).astype(np.float64)
    elif weighted == "balanced":
        counts = np.bincount(ytr, minlength=k)
        w = (n / (k * counts))[ytr]
    model = xgb.XGBClassifier(tree_method="exact", random_state=42, n_jobs=1, **(params or {}))
    model.fit(xtr, ytr, sample_weight=w)
    out = {
        "name": name,
        "numClass": int(k),
        "params": params or {},
        "X": enc(xtr),
        "y": [int(v) for v in ytr],
        "sampleWeight": None if w is None else [float(v) for v in w],
        "Xtest": enc(xte),
        "probaTrain": [[float(v) for v in row] for row in model.predict_proba(xtr)],
        "probaTest": [[float(v) for v in row] for row in model.predict_proba(xte)],
        "predictTest": [int(v) for v in model.predict(xte)],
        "importances": [float(v) for v in model.feature_importances_],
    }
    return out, model


def near_tie_case():
    """A root near-tie that only xgboost's float32 score arithmetic breaks as xgboost does.

    Two binary features, the 8 combinations (f0, f1, y) once each, float32 sample weights found by
    search so that at the first tree's root the two candidates (f0 < 0.5, f1 < 0.5) have the same
    float32 loss change when each score G^2/(H + lambda) is one double division rounded to float32
    (0.18166208 both: the lower feature index, f0, would win the tie), while xgboost 1.7's
    split_evaluator.h, which rounds G^2 and H + lambda to float32 and divides in float32, gives
    f1 one ulp more (0.18166220 > 0.18166208) and splits on f1. Stumps (max_depth 1), so the
    root choice changes the predictions, not only the gain importances.
    """
    w = np.array([6.360019683837891, 7.615238189697266, 4.637180328369141, 10.169498443603516,
                  0.7955453991889954, 4.965212821960449, 10.801408767700195, 8.830947875976562], dtype=np.float32)
    x = np.array([[a, b] for a in (0, 1) for b in (0, 1) for _ in (0, 1)], dtype=np.float32)
    y = np.array([t for _ in range(4) for t in (0, 1)])
    xte = np.array([[0, 0], [0, 1], [1, 0], [1, 1], [np.nan, 0], [0, np.nan]], dtype=np.float32)
    params = {"max_depth": 1, "n_estimators": 20}
    model = xgb.XGBClassifier(tree_method="exact", random_state=42, n_jobs=1, **params)
    model.fit(x, y, sample_weight=w)
    tree0 = json.loads(model.get_booster().save_raw("json"))["learner"]["gradient_booster"]["model"]["trees"][0]
    return {
        "name": "binary-near-tie-float32-gain",
        "numClass": 2,
        "params": params,
        "X": enc(x),
        "y": [int(v) for v in y],
        "sampleWeight": [float(v) for v in w],
        "Xtest": enc(xte),
        "probaTrain": [[float(v) for v in row] for row in model.predict_proba(x)],
        "probaTest": [[float(v) for v in row] for row in model.predict_proba(xte)],
        "predictTest": [int(v) for v in model.predict(xte)],
        "importances": [float(v) for v in model.feature_importances_],
        "rootSplit": {"feature": int(tree0["split_indices"][0]), "lossChange": float(tree0["loss_changes"][0])},
    }


def main():
    cases = []
    specs = [
        ("binary-unweighted", 150, 6, 2, 11, None, {"discrete_cols": (2,)}),
        ("binary-weighted", 150, 6, 2, 12, "random", {"discrete_cols": (1,)}),
        ("binary-nan-constant", 160, 7, 2, 13, None, {"nan_frac": 0.12, "const_cols": (3,), "const_nan_cols": (5,)}),
        ("multi3-unweighted", 180, 8, 3, 21, None, {"discrete_cols": (0, 4)}),
        ("multi4-weighted", 200, 8, 4, 22, "random", {}),
        ("multi6-balanced-article-size", 228, 12, 6, 23, "balanced", {}),
        ("multi6-unweighted-22-features", 228, 22, 6, 24, None, {"discrete_cols": (5, 9)}),
        ("multi5-nan-constant-weighted", 200, 9, 5, 25, "balanced",
         {"nan_frac": 0.1, "const_cols": (0,), "const_nan_cols": (7,), "discrete_cols": (2,)}),
        ("multi4-nan-unweighted", 170, 6, 4, 26, None, {"nan_frac": 0.2}),
        ("multi3-float64-input-weighted", 150, 5, 3, 27, "random", {"float64": True}),
        ("multi4-params-gamma-mcw5-depth4", 200, 7, 4, 28, "random",
         {"params": {"gamma": 0.5, "min_child_weight": 5, "max_depth": 4, "reg_lambda": 2.0, "learning_rate": 0.1,
                     "n_estimators": 40}, "nan_frac": 0.05, "discrete_cols": (1,)}),
        ("binary-params-mcw0-gamma2", 150, 5, 2, 29, None,
         {"params": {"min_child_weight": 0, "gamma": 2.0, "n_estimators": 30}, "discrete_cols": (0, 3)}),
    ]
    saved = None
    for name, n, p, k, seed, weighted, xkw in specs:
        c, model = case(name, n, p, k, seed, weighted, **xkw)
        cases.append(c)
        if name == "binary-nan-constant":
            saved = model
    cases.append(near_tie_case())
    with open(os.path.join(OUT, "xgb-parity.json"), "w") as fh:
        json.dump({"generator": "test/reference/xgb_parity.py", "xgboost": xgb.__version__, "cases": cases}, fh)
    saved.get_booster().save_model(os.path.join(OUT, "xgb-model-binary.json"))


if __name__ == "__main__":
    main()
