"""Reference for the AiLA constrained weight fit with SciPy SLSQP (the methodology's own solver).

Problem (magnitudes u = |w|, a = |wU|, see lib/aila/constrained-weights.ts):
    minimise angle(u, a)  s.t.  0 <= u_i <= c_i,  sum_{i in k} u_i <= C_k,
                                sum_i u_i * d_i >= 0  (d_i = clip(sr_i, -5, 5) - SR*),
                                sum_i u_i = T.
T = min(sum(a), S_max) where S_max comes from scipy.optimize.linprog (an independent check of the
TypeScript dual formula). The angle is 2*atan2(|a^ - u^|, |a^ + u^|), the same stable formula as
the TypeScript side.

Modes
    --fixtures OUT.json   random cases (numpy seed 20240607), SLSQP from 8 starts, best feasible kept;
                          written as a committed fixture for test/aila/constrained-weights.test.ts
    --stdin               read one JSON object {"cases": [...]} from stdin, solve each case with a
                          single SLSQP run started at a*T/sum(a) (the methodology's way), print JSON
                          {"angles", "feasible" (violation <= 1e-9), "violations", "seconds"} (used by the benchmark)

SLSQP gets the analytic gradient of the angle and of the constraints (its fastest configuration).
Run with /usr/bin/python3 (Debian: scipy 1.10.1, numpy 1.24.2).
"""
import json
import sys
import time

import numpy as np
from scipy.optimize import linprog, minimize


def angle(u, a):
    nu, na = np.linalg.norm(u), np.linalg.norm(a)
    if nu == 0 or na == 0:
        return 0.0 if nu == na else np.pi / 2
    x, y = u / nu, a / na
    return float(2 * np.arctan2(np.linalg.norm(x - y), np.linalg.norm(x + y)))


def setup(case):
    a = np.abs(np.asarray(case["wU"], float))
    act = a > 0
    a = a[act]
    caps = np.asarray(case["caps"], float)[act]
    sector = np.asarray(case.get("sector", [-1] * len(act)), int)[act]
    sector_caps = case.get("sectorCaps", [])
    floor = case.get("sharpeFloor")
    d = None
    if floor is not None:
        d = np.clip(np.asarray(case["sharpe"], float)[act], -5, 5) - floor
    m = len(a)
    A_ub, b_ub = [], []
    for k, ck in enumerate(sector_caps):
        if ck is None or not np.isfinite(ck):
            continue
        row = (sector == k).astype(float)
        if row.sum() > 0:
            A_ub.append(row)
            b_ub.append(ck)
    if d is not None:
        A_ub.append(-d)
        b_ub.append(0.0)
    bounds = [(0, c if np.isfinite(c) else None) for c in caps]
    lp = linprog(-np.ones(m), A_ub=np.array(A_ub) if A_ub else None, b_ub=b_ub or None,
                 bounds=bounds, method="highs")
    smax = -lp.fun if lp.status == 0 else float("inf")
    S = a.sum()
    T = S if S <= smax else smax * (1 - 1e-12)
    return a, caps, np.array(A_ub) if A_ub else np.zeros((0, m)), np.array(b_ub), bounds, smax, T


def violation(u, caps, A_ub, b_ub, T):
    v = max(0.0, float(-u.min()))
    fin = np.isfinite(caps)
    if fin.any():
        v = max(v, float((u[fin] - caps[fin]).max()))
    if len(b_ub):
        v = max(v, float((A_ub @ u - b_ub).max()))
    return max(v, abs(u.sum() - T))


def angle_grad(u, a):
    """Analytic gradient of the angle: d(theta)/du = -(a/(|u||a|) - c*u/|u|^2) / sin(theta)."""
    nu, na = np.linalg.norm(u), np.linalg.norm(a)
    if nu == 0:
        return np.zeros_like(u)
    c = float(u @ a) / (nu * na)
    s = np.sqrt(max(0.0, 1 - c * c))
    if s < 1e-12:
        return np.zeros_like(u)
    return -(a / (nu * na) - c * u / nu ** 2) / s


def slsqp(a, caps, A_ub, b_ub, bounds, T, x0):
    ones = np.ones(len(a))
    cons = [{"type": "eq", "fun": lambda u: u.sum() - T, "jac": lambda u: ones}]
    if len(b_ub):
        cons.append({"type": "ineq", "fun": lambda u: b_ub - A_ub @ u, "jac": lambda u: -A_ub})
    res = minimize(lambda u: angle(u, a), x0, jac=lambda u: angle_grad(u, a), method="SLSQP",
                   bounds=bounds, constraints=cons, options={"maxiter": 500, "ftol": 1e-15})
    return res.x


def fixtures(out):
    rng = np.random.default_rng(20240607)
    cases = []
    for c in range(60):
        m = int(rng.integers(3, 9))
        wU = rng.uniform(0.02, 0.4, m) * rng.choice([-1, 1], m)
        caps = rng.uniform(0.03, 0.3, m)
        nsec = int(rng.integers(1, 4))
        sector = rng.integers(0, nsec, m).tolist()
        sector_caps = rng.uniform(0.1, 0.6, nsec).tolist()
        case = {"wU": wU.tolist(), "caps": caps.tolist(), "sector": sector, "sectorCaps": sector_caps}
        if c % 2 == 0:
            case["sharpe"] = rng.uniform(-7, 7, m).tolist()
            case["sharpeFloor"] = float(rng.uniform(-0.5, 1.5))
        a, caps_, A_ub, b_ub, bounds, smax, T = setup(case)
        best, best_u = None, None
        starts = [a * T / a.sum()] + [rng.dirichlet(np.ones(len(a))) * T for _ in range(7)]
        for x0 in starts if smax > 1e-12 else []:  # S_max = 0: only u = 0 is feasible, no fit
            u = slsqp(a, caps_, A_ub, b_ub, bounds, T, x0)
            if violation(u, caps_, A_ub, b_ub, T) <= 1e-9:
                ang = angle(u, a)
                if best is None or ang < best:
                    best, best_u = ang, u
        case["maxFeasibleSum"] = smax
        case["slsqpAngle"] = best
        case["slsqpFeasible"] = best is not None
        cases.append(case)
    with open(out, "w") as f:
        json.dump({"generator": "test/reference/slsqp_constrained_fit.py --fixtures",
                   "scipy": __import__("scipy").__version__, "cases": cases}, f, indent=1)


def from_stdin():
    cases = json.load(sys.stdin)["cases"]
    angles, feasible, violations = [], [], []
    t0 = time.perf_counter()
    for case in cases:
        a, caps, A_ub, b_ub, bounds, smax, T = setup(case)
        u = slsqp(a, caps, A_ub, b_ub, bounds, T, a * T / a.sum())
        angles.append(angle(u, a))
        v = violation(u, caps, A_ub, b_ub, T)
        violations.append(float(v))
        feasible.append(bool(v <= 1e-9))
    secs = time.perf_counter() - t0
    json.dump({"angles": angles, "feasible": feasible, "violations": violations, "seconds": secs}, sys.stdout)


if __name__ == "__main__":
    if sys.argv[1] == "--fixtures":
        fixtures(sys.argv[2])
    else:
        from_stdin()
