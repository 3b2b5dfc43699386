"""Python side of bench/booster.bench.ts: times xgboost 1.7.4 on the data the TypeScript benchmark
wrote (JSON path in argv[1]) and prints one JSON line of timings (seconds) and results.

Timed (wall clock and process CPU time), excluding interpreter start-up and imports:
  fit22 / fit12: XGBClassifier(random_state=42, tree_method="exact", n_jobs=N) fit on the 228
  training rows (22 or the first 12 features) with balanced sample weights + predict_proba of the
  66 test rows, median of `reps`, for N = 1 and (if asked) N = default (all cores);
  stage: the article's In[32]-In[39] stage: RFE 22 -> 12 by argmin(feature_importances_) and the
  expanding window (initial fit + a refit after each test month except the last, predict each month).
Usage: /usr/bin/python3 test/reference/xgb_bench.py DATA.json REPS STAGE_THREADS(1|default) DEFAULT_FIT(0|1)
"""
import json
import sys
import time

import numpy as np
import xgboost as xgb
from sklearn.preprocessing import StandardScaler


def weights(y):
    counts = np.bincount(y)
    w = len(y) / (len(np.unique(y)) * counts)
    return w[y]


def model(n_jobs):
    kw = {} if n_jobs == "default" else {"n_jobs": int(n_jobs)}
    return xgb.XGBClassifier(random_state=42, tree_method="exact", **kw)


def fit_predict(Xtr, ytr, Xte, n_jobs):
    m = model(n_jobs).fit(Xtr, ytr, sample_weight=weights(ytr))
    return m.predict_proba(Xte)


def timed(fn, reps):
    """Median wall time and median process CPU time (all threads) of `reps` calls."""
    out, times, cpu = None, [], []
    for _ in range(reps):
        t, c = time.perf_counter(), time.process_time()
        out = fn()
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return float(np.median(times)), float(np.median(cpu)), out


def stage(X, y, split, n_jobs):
    scaler = StandardScaler()
    Xtr = scaler.fit_transform(X[:split])
    ytr = y[:split]
    w = weights(ytr)
    feats = list(range(X.shape[1]))
    while len(feats) > 12:
        imp = model(n_jobs).fit(Xtr[:, feats], ytr, sample_weight=w).feature_importances_
        feats.pop(int(np.argmin(imp)))
    scaler = StandardScaler()
    Xn = scaler.fit_transform(X[:split][:, feats])
    yt = ytr.copy()
    m = model(n_jobs).fit(Xn, yt, sample_weight=weights(yt))
    preds = []
    for r in range(split, len(y)):
        s = scaler.transform(X[r : r + 1][:, feats])
        p = m.predict_proba(s)[0]
        preds.append(int(np.argmax(p)))
        Xn = np.concatenate((Xn, s))
        yt = np.concatenate((yt, y[r : r + 1]))
        if r < len(y) - 1:
            m = model(n_jobs).fit(Xn, yt, sample_weight=weights(yt))
    return feats, preds


def main():
    data = json.load(open(sys.argv[1]))
    reps, stage_threads, default_fit = int(sys.argv[2]), sys.argv[3], sys.argv[4] == "1"
    X, y, split = np.array(data["X"], dtype=np.float64), np.array(data["y"]), data["split"]
    out = {"xgboost": xgb.__version__}
    for name, k in (("fit22", 22), ("fit12", 12)):
        Xtr, Xte = X[:split, :k], X[split:, :k]
        fit_predict(Xtr, y[:split], Xte, 1)  # warm-up
        t, c, proba = timed(lambda: fit_predict(Xtr, y[:split], Xte, 1), reps)
        out[name] = {"threads1": t, "cpu1": c, "proba": proba.tolist()}
        if default_fit:
            t2, c2, _ = timed(lambda: fit_predict(Xtr, y[:split], Xte, "default"), max(1, reps // 2))
            out[name]["threadsDefault"] = t2
            out[name]["cpuDefault"] = c2
    t, c = time.perf_counter(), time.process_time()
    feats, preds = stage(X, y, split, stage_threads)
    out["stage"] = {"seconds": time.perf_counter() - t, "cpu": time.process_time() - c, "threads": stage_threads,
                    "selected": feats, "predictions": preds}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
