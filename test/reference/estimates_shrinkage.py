"""Independent reference for the Ledoit-Wolf constant-correlation shrinkage of
lib/allocation/estimates.ts (developer-only; the test reads the fixture).

Run:  /usr/bin/python3 test/reference/estimates_shrinkage.py
Writes test/fixtures/allocation/shrinkage.json.

A line-by-line numpy port of Ledoit & Wolf's published MATLAB function covCor.m ("Honey, I
shrunk the sample covariance matrix", J. Portfolio Management 2004): matrix algebra on the
demeaned T x n data, moments over T. It shares no code with the TypeScript loops.
"""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "fixtures", "allocation", "shrinkage.json")


def cov_cor(x):
    t, n = x.shape
    x = x - x.mean(axis=0)
    sample = x.T @ x / t
    var = np.diag(sample).copy()
    sqrtvar = np.sqrt(var)
    r_bar = (np.sum(sample / np.outer(sqrtvar, sqrtvar)) - n) / (n * (n - 1))
    prior = r_bar * np.outer(sqrtvar, sqrtvar)
    np.fill_diagonal(prior, var)
    y = x ** 2
    phi_mat = y.T @ y / t - 2 * (x.T @ x) * sample / t + sample ** 2
    phi = phi_mat.sum()
    term1 = (x ** 3).T @ x / t
    help_ = x.T @ x / t
    help_diag = np.diag(help_)
    term2 = help_diag[:, None] * sample
    term3 = help_ * var[:, None]
    term4 = var[:, None] * sample
    theta_mat = term1 - term2 - term3 + term4
    np.fill_diagonal(theta_mat, 0)
    rho = np.sum(np.diag(phi_mat)) + r_bar * np.sum(np.outer(1 / sqrtvar, sqrtvar) * theta_mat)
    gamma = np.linalg.norm(sample - prior, "fro") ** 2
    kappa = (phi - rho) / gamma
    shrinkage = max(0.0, min(1.0, kappa / t))
    sigma = shrinkage * prior + (1 - shrinkage) * sample
    return shrinkage, r_bar, kappa, sigma


cases = []
rng = np.random.RandomState(20240815)
for name, t, loadings in [
    ("five funds, 60 months", 60, [2.0, 1.6, -1.2, 0.6, 0.0]),
    ("four funds, 120 months, fat tails", 120, [0.9, -0.7, 0.5, 0.1]),
]:
    n = len(loadings)
    common = rng.standard_t(5, size=(t, 1))
    x = common * np.array(loadings) + rng.standard_t(5, size=(t, n)) * np.linspace(1, 2, n)
    x = np.round(x, 4)
    delta, r_bar, kappa, sigma = cov_cor(x)
    sd = np.sqrt(np.diag(sigma))
    cases.append(
        {
            "name": name,
            "series": x.T.tolist(),
            "intensity": delta,
            "averageCorrelation": r_bar,
            "kappa": kappa,
            "shrunkCorrelation": (sigma / np.outer(sd, sd)).tolist(),
        }
    )

with open(OUT, "w") as f:
    json.dump({"generator": "test/reference/estimates_shrinkage.py", "numpy": np.__version__, "cases": cases}, f, indent=1)
    f.write("\n")
print(f"wrote {OUT}: " + ", ".join(f"{c['name']}: delta={c['intensity']:.6f}" for c in cases))
