"""Reference for the AiLA standard-index correlation preference with SciPy SLSQP (the methodology's solver).

The problem, written independently of lib/aila/correlation-bias.ts, in the asset weights w:
    minimise   angle(X w, X wU)                       (X: group exposures, X_g = sum_{i in g} sigma_i w_i)
    subject to cos angle(X w, s X b) >= cos(theta)     (s = +1 positive, -1 negative preference)
               sign_i * w_i >= 0, w_i = 0 where no sign is allowed
               sum_i sign_i * w_i = sum |wU|            (gross sum kept)
Allowed signs: active assets (wU_i != 0, sigma_i > 0) keep sign(wU_i); with universe "standard"
an inactive constituent (b_i > 0, sigma_i > 0, eligible) may take the preference's sign s.
Angles with the stable formula 2*atan2(|x^ - y^|, |x^ + y^|).

Modes
    --stdin               read {"cases": [...]} (fields wU, standard, vols, groups, preference,
                          maxAngle, universe, eligible?), solve each with one SLSQP run started at
                          wU (the methodology's way) and, when that start is infeasible, also from
                          8 seeded random starts; print JSON {"angles" (to X wU), "biasAngles" (to X b),
                          "feasible" (violation <= 1e-9), "violations", "seconds"} (benchmark)
    --fixtures OUT.json   random cases (numpy seed 20261202) with the best of the runs above,
                          written as a committed fixture for test/aila/correlation-bias.test.ts
SLSQP gets analytic gradients. Run with /usr/bin/python3 (Debian: scipy 1.10.1, numpy 1.24.2).
"""
import json
import sys
import time

import numpy as np
from scipy.optimize import minimize


def angle(u, a):
    nu, na = np.linalg.norm(u), np.linalg.norm(a)
    if nu == 0 or na == 0:
        return np.pi / 2
    x, y = u / nu, a / na
    return float(2 * np.arctan2(np.linalg.norm(x - y), np.linalg.norm(x + y)))


def setup(case):
    wU = np.asarray(case["wU"], float)
    b = np.asarray(case["standard"], float)
    sig = np.asarray(case["vols"], float)
    groups = list(case["groups"])
    keys = sorted(set(groups), key=groups.index)
    G, n = len(keys), len(wU)
    ok = np.array([s > 0 for s in sig])
    X = np.zeros((G, n))
    for i in range(n):
        if ok[i]:
            X[keys.index(groups[i]), i] = sig[i]
    s = 1.0 if case.get("preference", "positive") == "positive" else -1.0
    elig = case.get("eligible") or [True] * n
    sign = np.zeros(n)
    for i in range(n):
        if not ok[i]:
            continue
        if wU[i] != 0:
            sign[i] = np.sign(wU[i])
        elif case.get("universe", "standard") == "standard" and b[i] > 0 and elig[i]:
            sign[i] = s
    free = sign != 0
    return wU, X, s * (X @ b), sign, free, np.abs(wU).sum(), np.cos(case["maxAngle"])


def solve_case(case, starts=0, seed=0):
    wU, X, xb, sign, free, total, c = setup(case)
    xu = X @ wU
    Xf = X[:, free]
    sg = sign[free]
    nxb = np.linalg.norm(xb)

    def f(v):
        z = Xf @ v
        nz = np.linalg.norm(z)
        return -(z @ xu) / (nz * np.linalg.norm(xu))

    def fg(v):
        z = Xf @ v
        nz, nu = np.linalg.norm(z), np.linalg.norm(xu)
        g = -(xu / (nz * nu) - (z @ xu) * z / (nz**3 * nu))
        return Xf.T @ g

    def con(v):
        z = Xf @ v
        return np.array([(z @ xb) / (np.linalg.norm(z) * nxb) - c])

    def cong(v):
        z = Xf @ v
        nz = np.linalg.norm(z)
        g = xb / (nz * nxb) - (z @ xb) * z / (nz**3 * nxb)
        return (Xf.T @ g).reshape(1, -1)

    cons = [
        {"type": "ineq", "fun": con, "jac": cong},
        {"type": "eq", "fun": lambda v: np.array([sg @ v - total]), "jac": lambda v: sg.reshape(1, -1)},
    ]
    bounds = [(0, None) if s > 0 else (None, 0) for s in sg]
    x0s = [wU[free] * total / np.abs(wU[free]).sum()]
    rng = np.random.default_rng(seed)
    for _ in range(starts):
        r = rng.uniform(0.05, 1, sg.size) * sg
        x0s.append(r * total / np.abs(r).sum())
    best = None
    for k, x0 in enumerate(x0s):
        res = minimize(f, x0, jac=fg, method="SLSQP", bounds=bounds, constraints=cons,
                       options={"maxiter": 500, "ftol": 1e-15})
        v = res.x
        z = Xf @ v
        viol = max(0.0, -con(v)[0], abs(sg @ v - total), float(np.max(np.maximum(0, -sg * v), initial=0)))
        a = angle(z, xu)
        cand = (viol <= 1e-9, -a, viol, a, angle(z, X @ np.asarray(case["standard"], float)))
        if best is None or cand[:2] > best[:2]:
            best = cand
        if k == 0 and viol <= 1e-9 and starts == 0:
            break
    return {"angle": best[3], "biasAngle": best[4], "feasible": bool(best[0]), "violation": best[2]}


def main():
    if "--stdin" in sys.argv:
        cases = json.load(sys.stdin)["cases"]
        t0 = time.perf_counter()
        out = [solve_case(c) for c in cases]
        secs = time.perf_counter() - t0
        json.dump({"angles": [o["angle"] for o in out], "biasAngles": [o["biasAngle"] for o in out],
                   "feasible": [o["feasible"] for o in out], "violations": [o["violation"] for o in out],
                   "seconds": secs}, sys.stdout)
        return
    out_path = sys.argv[sys.argv.index("--fixtures") + 1]
    rng = np.random.default_rng(20261202)
    cases = []
    while len(cases) < 60:
        n = int(rng.integers(6, 13))
        G = int(rng.integers(3, 7))
        groups = [int(g) for g in rng.integers(0, G, n)]
        wU = [float(v) if rng.uniform() < 0.75 else 0.0 for v in np.round(rng.normal(0, 0.05, n), 4)]
        if sum(1 for v in wU if v != 0) < 5:
            continue
        std = [float(v) if rng.uniform() < 0.6 else 0.0 for v in np.round(rng.uniform(0, 0.2, n), 4)]
        if sum(std) == 0:
            continue
        case = {"wU": wU, "standard": std, "vols": [float(v) for v in np.round(rng.uniform(0.1, 0.4, n), 3)],
                "groups": groups, "preference": "positive" if rng.uniform() < 0.5 else "negative",
                "maxAngle": float(np.deg2rad([75, 60, 45, 30][int(rng.integers(0, 4))])),
                "universe": "standard" if rng.uniform() < 0.7 else "active"}
        r = solve_case(case, starts=8, seed=len(cases))
        if not r["feasible"]:
            continue
        case.update({"slsqpAngle": r["angle"], "slsqpBiasAngle": r["biasAngle"]})
        cases.append(case)
    with open(out_path, "w") as fh:
        json.dump({"generator": "test/reference/slsqp_correlation_bias.py --fixtures (numpy seed 20261202)",
                   "cases": cases}, fh, indent=1)
        fh.write("\n")


if __name__ == "__main__":
    main()
