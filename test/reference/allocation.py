"""Independent reference solutions for lib/allocation (developer-only; tests read the fixtures).

Run:  /usr/bin/python3 test/reference/allocation.py
Writes test/fixtures/allocation/mean-variance.json and risk-parity.json.

Mean-variance problems are solved EXACTLY by enumerating active sets: for a strictly convex QP
  min 1/2 x'Dx - d'x  s.t.  E x = e,  G x >= h
every subset S of the inequalities is tried as equalities; the KKT linear system is solved with
numpy and the unique point that is primal feasible (G x >= h) with non-negative multipliers on S
is the optimum (to round-off, ~1e-14). This shares no code or algorithm with quadprog's
Goldfarb-Idnani method used in lib/allocation/mean-variance.ts.

Risk parity: scipy.optimize.minimize (BFGS, tight tolerance) on the log-barrier problem
  min 1/2 y'Sy - sum b_i log y_i,  w = y / sum y,  then polished with Newton steps in numpy.
"""
import itertools
import json
import os

import numpy as np
from scipy.optimize import minimize

OUT = os.path.join(os.path.dirname(__file__), "..", "fixtures", "allocation")


def exact_qp(D, d, E, e, G, h):
    n = D.shape[0]
    m = G.shape[0]
    best = None
    for k in range(0, min(m, n) + 1):
        for S in itertools.combinations(range(m), k):
            A = np.vstack([E, G[list(S)]]) if k else E
            b = np.concatenate([e, h[list(S)]]) if k else e
            p = A.shape[0]
            K = np.zeros((n + p, n + p))
            K[:n, :n] = D
            K[:n, n:] = -A.T
            K[n:, :n] = A
            rhs = np.concatenate([d, b])
            try:
                sol = np.linalg.solve(K, rhs)
            except np.linalg.LinAlgError:
                continue
            if np.linalg.cond(K) > 1e12:
                continue
            x = sol[:n]
            mult = sol[n + E.shape[0]:]
            if np.all(G @ x >= h - 1e-11) and np.all(mult >= -1e-11):
                if best is not None and np.max(np.abs(best - x)) > 1e-8:
                    raise RuntimeError("two KKT points: problem not strictly convex?")
                best = x
    if best is None:
        raise RuntimeError("no KKT point found")
    return best


def constraints(n, lower, upper, groups):
    G, h = [], []
    for i in range(n):
        e = np.zeros(n)
        e[i] = 1
        G.append(e.copy()); h.append(lower[i])
        G.append(-e); h.append(-upper[i])
    for g in groups:
        e = np.zeros(n)
        e[g["members"]] = 1
        G.append(e.copy()); h.append(g.get("min", 0.0))
        G.append(-e); h.append(-g.get("max", 1.0))
    return np.array(G), np.array(h)


def random_cov(rng, n, scale):
    B = rng.normal(size=(n, 2)) * scale
    return B @ B.T + np.diag(rng.uniform(0.5, 1.5, n) * scale ** 2)


def main():
    rng = np.random.default_rng(20240608)
    cases = []
    # 1. mean-variance, long-only, 4 assets
    n = 4
    mu = rng.uniform(0.02, 0.12, n)
    S = random_cov(rng, n, 0.15)
    cases.append(dict(name="mv-long-only-4", kind="meanVariance", mu=mu, cov=S, lam=3.0,
                      lower=np.zeros(n), upper=np.ones(n), groups=[]))
    # 2. mean-variance, 5 size buckets, asset caps + a small/micro group cap
    n = 5
    mu = np.array([0.060, 0.070, 0.085, 0.100, 0.120])
    S = random_cov(rng, n, 0.18)
    cases.append(dict(name="mv-caps-groups-5", kind="meanVariance", mu=mu, cov=S, lam=1.5,
                      lower=np.zeros(n), upper=np.full(n, 0.45),
                      groups=[dict(name="small+micro", members=[3, 4], min=0.0, max=0.35),
                              dict(name="large", members=[0], min=0.10, max=1.0)]))
    # 3. mean-variance, low risk aversion (corner solutions)
    cases.append(dict(name="mv-low-aversion-5", kind="meanVariance", mu=mu, cov=S, lam=0.2,
                      lower=np.zeros(n), upper=np.ones(n), groups=[]))
    # 4. minimum TE at a target alpha (team of funds), 6 funds
    n = 6
    alphas = np.array([0.010, 0.012, 0.008, 0.015, 0.006, 0.011])
    te = np.array([0.035, 0.040, 0.030, 0.045, 0.028, 0.037])
    C = np.full((n, n), -0.1) + np.eye(n) * 1.1
    C[0, 1] = C[1, 0] = 0.3
    C[2, 3] = C[3, 2] = 0.25
    Sa = C * np.outer(te, te)
    cases.append(dict(name="min-te-target-alpha-6", kind="minimumVariance", mu=alphas, cov=Sa, target=0.0115,
                      lower=np.zeros(n), upper=np.full(n, 0.4), groups=[]))
    # 5. global minimum variance (no target), 4 assets
    cases.append(dict(name="gmv-4", kind="minimumVariance", mu=cases[0]["mu"], cov=cases[0]["cov"], target=None,
                      lower=np.zeros(4), upper=np.ones(4), groups=[]))

    out = []
    for c in cases:
        n = len(c["mu"])
        G, h = constraints(n, c["lower"], c["upper"], c["groups"])
        if c["kind"] == "meanVariance":
            D = 2 * c["lam"] * c["cov"]
            d = c["mu"]
            E, e = np.ones((1, n)), np.array([1.0])
        else:
            D = 2 * c["cov"]
            d = np.zeros(n)
            if c["target"] is None:
                E, e = np.ones((1, n)), np.array([1.0])
            else:
                E = np.vstack([np.ones(n), c["mu"]])
                e = np.array([1.0, c["target"]])
        x = exact_qp(D, d, E, e, G, h)
        rec = dict(name=c["name"], kind=c["kind"], mu=c["mu"].tolist(), cov=c["cov"].tolist(),
                   lower=c["lower"].tolist(), upper=c["upper"].tolist(),
                   groups=[dict(name=g["name"], members=g["members"], min=g["min"], max=g["max"]) for g in c["groups"]],
                   weights=x.tolist(), risk=float(np.sqrt(x @ c["cov"] @ x)), expectedReturn=float(c["mu"] @ x))
        if c["kind"] == "meanVariance":
            rec["lambda"] = c["lam"]
        else:
            rec["target"] = c["target"]
        out.append(rec)

    # Risk parity references
    rp = []
    for n, budgets in [(3, None), (6, None), (5, [0.1, 0.2, 0.3, 0.2, 0.2])]:
        S = random_cov(rng, n, 0.2)
        b = np.full(n, 1.0 / n) if budgets is None else np.array(budgets)
        f = lambda y: 0.5 * y @ S @ y - b @ np.log(y)
        g = lambda y: S @ y - b / y
        r = minimize(f, np.ones(n), jac=g, method="L-BFGS-B", bounds=[(1e-12, None)] * n,
                     options=dict(ftol=1e-15, gtol=1e-14, maxiter=10000))
        y = r.x
        for _ in range(20):  # Newton polish
            H = S + np.diag(b / y ** 2)
            y = y - np.linalg.solve(H, g(y))
        w = y / y.sum()
        rc = w * (S @ w)
        rp.append(dict(cov=S.tolist(), budgets=b.tolist(), weights=w.tolist(),
                       riskContributionShares=(rc / rc.sum()).tolist()))

    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "mean-variance.json"), "w") as fh:
        json.dump(dict(generator="test/reference/allocation.py (exact active-set enumeration, numpy "
                                 + np.__version__ + ")", cases=out), fh, indent=1)
        fh.write("\n")
    with open(os.path.join(OUT, "risk-parity.json"), "w") as fh:
        json.dump(dict(generator="test/reference/allocation.py (scipy L-BFGS-B + Newton polish, numpy "
                                 + np.__version__ + ")", cases=rp), fh, indent=1)
        fh.write("\n")
    for r in out:
        print(r["name"], np.round(r["weights"], 6))


if __name__ == "__main__":
    main()
