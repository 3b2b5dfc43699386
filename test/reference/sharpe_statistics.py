"""Reference values for lib/research/sharpe-statistics.ts, developer-only.

Run with the Debian interpreter (numpy 1.24, scipy 1.10):

    /usr/bin/python3 test/reference/sharpe_statistics.py

Writes test/fixtures/research/sharpe-statistics.json (floats with repr, round-trip exact):

1. `normal`: scipy.stats.norm.cdf on a grid of z (tails included) and norm.ppf on a grid of p.
2. `series`: a seeded synthetic monthly percent return series (numpy default_rng(20250113), 65
   months like the article's test period, AR(1) with rho 0.3, Student-t(5) shocks times 3, drift -1.1) and, for it:
   mean, sample sd (ddof 1), per-period Sharpe mean/sd, skewness and kurtosis as scipy's biased
   moment ratios (scipy.stats.skew, scipy.stats.kurtosis(fisher=False)), the sample
   autocorrelations (1/T autocovariances over the 1/T variance, the usual acf), Lo's iid standard
   error, PSR at two benchmarks, Lo's eta(q) for q = 12 from the sample autocorrelations, and the
   GMM (Newey-West) standard errors of the per-period and the q-period Sharpe ratio.
3. `eta_ar1`: Lo's eta(q) for AR(1) autocorrelations rho_k = rho^k over a grid of q and rho, from
   the general sum (the closed form is checked against it in the TS test).
4. `dsr_example`: Bailey & Lopez de Prado (2014) numerical example, recomputed.
5. `dsr_trials`: DSR from a list of trial Sharpe ratios (variance with ddof 1).

The GMM part is an independent implementation of the same estimator: the covariance of
theta = (mu, sigma^2, rho_1..rho_{q-1}) as D^-1 S D^-T with numpy.linalg (D the asymptotic
Jacobian of the moment conditions, S the Newey-West long-run covariance of the moment matrix with
Bartlett weights 1 - j/(m+1)), and the gradient of g(theta) = eta(q; rho) mu / sigma by central
finite differences -- the TS code instead uses closed-form influence functions. A Monte Carlo check
of the same estimator is printed (not stored): the mean GMM standard error over simulated AR(1)
paths against the standard deviation of the estimates across paths.
"""

import json
import os

import numpy as np
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "fixtures", "research")
SEED = 20250113
EULER = float(np.euler_gamma)


def acf(x, nlags):
    x = np.asarray(x, float)
    t = len(x)
    d = x - x.mean()
    c0 = d @ d / t
    return [float(d[k:] @ d[: t - k] / t / c0) for k in range(1, nlags + 1)]


def eta(q, rho):
    s = sum((q - k) * rho[k - 1] for k in range(1, q))
    return q / np.sqrt(q + 2 * s)


def newey_west(g, m):
    """Long-run covariance of the rows of g (T x p, mean zero by construction), Bartlett weights."""
    t = g.shape[0]
    s = g.T @ g / t
    for j in range(1, m + 1):
        w = 1 - j / (m + 1)
        om = g[j:].T @ g[: t - j] / t
        s += w * (om + om.T)
    return s


def gmm_sharpe(x, q, m):
    """Lo's GMM estimator of SR(q) = eta(q) mu / sigma and its standard error (see the docstring)."""
    x = np.asarray(x, float)
    t = len(x)
    mu = x.mean()
    d = x - mu
    s2 = d @ d / t
    rho = acf(x, q - 1) if q > 1 else []
    cols = [d, d * d - s2]
    for k in range(1, q):
        c = np.zeros(t)
        c[k:] = d[k:] * d[: t - k] - rho[k - 1] * s2
        cols.append(c)
    g = np.column_stack(cols)
    p = g.shape[1]
    dj = -np.eye(p)
    for k in range(1, q):
        dj[1 + k, 1] = -rho[k - 1]
        dj[1 + k, 1 + k] = -s2
    dinv = np.linalg.inv(dj)
    v_theta = dinv @ newey_west(g, m) @ dinv.T
    theta = np.array([mu, s2, *rho])

    def gfun(th):
        e = eta(q, list(th[2:])) if q > 1 else 1.0
        return e * th[0] / np.sqrt(th[1])

    grad = np.zeros(p)
    for i in range(p):
        h = 1e-6 * max(1.0, abs(theta[i]))
        up = theta.copy()
        dn = theta.copy()
        up[i] += h
        dn[i] -= h
        grad[i] = (gfun(up) - gfun(dn)) / (2 * h)
    v = float(grad @ v_theta @ grad)
    return {"sharpe": float(gfun(theta)), "variance": v, "se": float(np.sqrt(v / t))}


def psr(sr, t, skew, kurt, bench):
    z = (sr - bench) * np.sqrt(t - 1) / np.sqrt(1 - skew * sr + (kurt - 1) / 4 * sr**2)
    return float(stats.norm.cdf(z))


def sr0(n, var):
    return float(np.sqrt(var) * ((1 - EULER) * stats.norm.ppf(1 - 1 / n) + EULER * stats.norm.ppf(1 - 1 / (n * np.e))))


def main():
    rng = np.random.default_rng(SEED)
    out = {}

    zs = [-38.0, -20.0, -10.0, -8.0, -6.0, -5.0, -4.0, -3.0, -2.5, -1.959963984540054, -1.5, -1.0, -0.5, -1e-3,
          0.0, 1e-8, 0.25, 0.5, 1.0, 1.6448536269514722, 2.0, 2.7, 3.0, 4.0, 5.0, 8.0]
    ps = [1e-300, 1e-100, 1e-20, 1e-10, 1e-6, 1e-3, 0.01, 0.02, 0.02425, 0.025, 0.05, 0.1, 0.3, 0.4999, 0.5, 0.6,
          0.9, 0.95, 0.97575, 0.98, 0.99, 1 - 1 / (100 * np.e), 0.999, 1 - 1e-6, 1 - 1e-10]
    out["normal"] = {
        "z": zs,
        "cdf": [float(stats.norm.cdf(z)) for z in zs],
        "p": [float(p) for p in ps],
        "ppf": [float(stats.norm.ppf(p)) for p in ps],
    }

    n = 65
    shocks = stats.t.rvs(5, size=n + 50, random_state=rng) * 3.0
    x = np.zeros(n + 50)
    for i in range(1, n + 50):
        x[i] = 0.3 * x[i - 1] + shocks[i]
    # The drift is set so that the monthly Sharpe ratio is moderate (about 0.15; this seed's shocks
    # average +1.2 over the kept months), so that PSR is informative rather than saturated at 1.
    r = np.round(x[50:] - 1.1, 6)
    mean = float(r.mean())
    sd = float(r.std(ddof=1))
    sr = mean / sd
    skew = float(stats.skew(r))
    kurt = float(stats.kurtosis(r, fisher=False))
    rho = acf(r, 11)
    out["series"] = {
        "returns": [float(v) for v in r],
        "mean": mean,
        "sd": sd,
        "sharpe": sr,
        "skewness": skew,
        "kurtosis": kurt,
        "autocorrelations": rho,
        "se_iid": float(np.sqrt((1 + sr**2 / 2) / n)),
        "psr_0": psr(sr, n, skew, kurt, 0.0),
        "psr_0_1": psr(sr, n, skew, kurt, 0.1),
        "eta_12": float(eta(12, rho)),
        "gmm": [{"q": q, "lags": m, **gmm_sharpe(r, q, m)} for q in (1, 12) for m in (0, 3, 6)],
    }

    qs = [2, 3, 4, 6, 12, 24, 36, 48, 125, 250]
    rhos = [-0.5, -0.25, 0.0, 0.1, 0.25, 0.5, 0.75, 0.9]
    out["eta_ar1"] = {
        "q": qs,
        "rho": rhos,
        "eta": [[float(eta(q, [rh**k for k in range(1, q)])) for rh in rhos] for q in qs],
    }

    # Bailey & Lopez de Prado (2014), "A numerical example": 5 years of daily returns (250 a year),
    # annualised SR 2.5, N = 100 trials, annualised variance of the trials' SR 1/2, skew -3, kurtosis 10.
    per_year = 250
    ex = {"per_year": per_year, "years": 5, "sharpe_annual": 2.5, "n_trials": 100, "variance_annual": 0.5,
          "skewness": -3.0, "kurtosis": 10.0}
    t = ex["years"] * per_year
    sr_d = ex["sharpe_annual"] / np.sqrt(per_year)
    z0 = sr0(ex["n_trials"], ex["variance_annual"] / per_year)
    ex.update({"t": t, "sharpe": float(sr_d), "sr0": z0, "sr0_annual": float(z0 * np.sqrt(per_year)),
               "dsr": psr(sr_d, t, -3.0, 10.0, z0)})
    out["dsr_example"] = ex

    trials = [float(v) for v in np.round(rng.normal(0.05, 0.08, 25), 6)]
    var = float(np.var(trials, ddof=1))
    best = max(trials)
    z0 = sr0(len(trials), var)
    out["dsr_trials"] = {"trials": trials, "variance": var, "sr0": z0, "sharpe": best, "t": 65, "skewness": skew,
                         "kurtosis": kurt, "dsr": psr(best, 65, skew, kurt, z0)}

    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "sharpe-statistics.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")

    # Monte Carlo check of the GMM standard error (printed only): AR(1) returns, rho 0.3, T = 2000,
    # 20 Newey-West lags; the mean standard error should match the spread of the estimates (seen:
    # q = 1: 0.0302 vs 0.0300, q = 12: 0.0817 vs 0.0814 with 1000 paths). Short samples with few
    # lags understate it (Bartlett truncation), e.g. T = 500, m = 3: 0.063 vs 0.056.
    mc = np.random.default_rng(7)
    for q, m in ((1, 20), (12, 20)):
        est, ses = [], []
        for _ in range(1000):
            e = mc.normal(0, 1, 2100)
            y = np.zeros(2100)
            for i in range(1, 2100):
                y[i] = 0.3 * y[i - 1] + e[i]
            g = gmm_sharpe(y[100:] + 0.2, q, m)
            est.append(g["sharpe"])
            ses.append(g["se"])
        print(f"Monte Carlo q={q} lags={m}: sd of estimates {np.std(est):.4f}, mean GMM se {np.mean(ses):.4f}")


if __name__ == "__main__":
    main()
