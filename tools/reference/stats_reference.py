"""Reference values for LocalSpec.Stats (METHOD.md section 7), written as JSON fixtures.

Run from the repository root with the system interpreter (Debian's scipy 1.10, numpy, mpmath):

    /usr/bin/python3 tools/reference/stats_reference.py

Writes tests/LocalSpec.Tests/fixtures/stats/*.json. Deterministic: a re-run gives identical files.
Every value says where it came from ("source" in each group):

- scipy.stats.chi2.sf / chi2.logsf, with mpmath's regularised upper incomplete gamma at 50 digits
  as the oracle where scipy underflows (scipy 1.10 has no dedicated chi2 logsf: its logsf is
  log(sf) and gives -inf below 1e-308);
- scipy.stats.combine_pvalues(method='fisher'): statistic = -2 sum ln p = 2mF, pvalue = chi2.sf(2mF, 2m),
  so our F = statistic / (2m) and our p = its pvalue;
- scipy.stats.false_discovery_control(method='bh') is new in scipy 1.11, after the 1.10 installed
  here: its main algorithm is copied below (scipy v1.11.3 scipy/stats/_morestats.py) and checked
  against the adjusted values printed in its docstring for the Benjamini & Hochberg (1995) example;
- the Irwin-Hall CDF in exact rational arithmetic (fractions.Fraction), rounded once to double.
"""
import json
import math
import os
import sys
from fractions import Fraction

import mpmath
import numpy as np
import scipy
from scipy import stats

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_json import dumps  # noqa: E402

OUT = os.path.join("tests", "LocalSpec.Tests", "fixtures", "stats")
COMMAND = "/usr/bin/python3 tools/reference/stats_reference.py"
mpmath.mp.dps = 50
LN10 = mpmath.log(10)


def provenance(description):
    return {"description": description, "command": COMMAND, "scipy_version": scipy.__version__,
            "numpy_version": np.__version__, "mpmath_version": mpmath.__version__}


def log_fields(ln):
    """ln and log10 of a probability (an mpf), as doubles."""
    return {"ln": float(ln), "log10": float(ln / LN10)}


def mp_chi2_ln_sf(df, x):
    """ln P(chi2_df >= x) = ln Q(df/2, x/2), from mpmath at 50 digits; x is taken exactly.

    Near Q = 1 it is log1p(-P) with P the regularised lower incomplete gamma, so that ln Q keeps
    its digits when Q rounds to 1 at 50 digits (x = 1e-10, df = 10: 1 - Q = 2.6e-54)."""
    a, y = mpmath.mpf(df) / 2, mpmath.mpf(x) / 2
    lower = mpmath.gammainc(a, 0, y, regularized=True)
    if lower < 0.5:
        return mpmath.log1p(-lower)
    return mpmath.log(mpmath.gammainc(a, y, mpmath.inf, regularized=True))


def finite_or_none(v):
    v = float(v)
    return v if math.isfinite(v) else None


# ---------------------------------------------------------------- chi-squared survival

def chi2_cases():
    cases = []
    for m in [1, 2, 3, 5, 19, 50, 100, 500, 1000]:
        df = 2 * m
        xs = [1e-10, 0.001, 0.5, df * 0.01, df * 0.5, df * 0.9, float(df), df * 1.1, df * 2.0, df * 5.0,
              df * 10.0, 1500.0, 3000.0, 1e4, 1e5, 1e6]
        for x in sorted(set(xs)):
            ln = mp_chi2_ln_sf(df, x)
            cases.append({"df": df, "x": x,
                          "scipy_sf": float(stats.chi2.sf(x, df)),
                          "scipy_logsf": finite_or_none(stats.chi2.logsf(x, df)),
                          "mp_sf": float(mpmath.exp(ln)), "mp": log_fields(ln)})
    return {**provenance("P(chi2_df >= x) on a grid: scipy.stats.chi2.sf and .logsf (null where -inf), "
                         "and mpmath.gammainc(df/2, x/2, inf, regularized=True) at 50 digits (mp_sf, mp.ln, mp.log10)"),
            "cases": cases}


# ---------------------------------------------------------------- percentiles and Fisher

def rank(true, randoms, higher, ties):
    """r = #{more specialized} + (ties/2 or 0), straight from METHOD.md 7.1."""
    more = sum(1 for v in randoms if (v > true if higher else v < true))
    tied = sum(1 for v in randoms if v == true)
    return more + (0.5 * tied if ties == "half" else 0)


def percentile_cases():
    rng = np.random.default_rng(20240601)
    cases = []
    specs = [
        ("no ties, true beats all", 10.0, list(range(19)), True),
        ("no ties, true beats all (entropy orientation)", -1.0, list(range(19)), False),
        ("no ties, true is the worst", -5.0, list(range(19)), True),
        ("middle", 9.5, list(range(19)), True),
        ("three ties", 4.0, [4.0, 4.0, 4.0] + list(range(10, 26)), True),
        ("three ties, entropy", 4.0, [4.0, 4.0, 4.0] + list(range(10, 26)), False),
        ("all ties (a proxy that is 0 everywhere)", 0.0, [0.0] * 19, True),
        ("n = 1, tie", 1.0, [1.0], True),
        ("n = 1, beaten", 1.0, [2.0], True),
        ("random normals rounded to create ties", 0.3, [round(float(v), 1) for v in rng.normal(size=19)], True),
        ("random normals rounded to create ties, entropy", 0.3, [round(float(v), 1) for v in rng.normal(size=19)], False),
        ("n = 7", 0.25, [0.1, 0.25, 0.3, -0.2, 0.25, 0.9, 0.0], True),
    ]
    for name, true, randoms, higher in specs:
        n = len(randoms)
        case = {"name": name, "true": float(true), "random": [float(v) for v in randoms], "higher_is_more_specialized": higher}
        for ties in ["half", "not_more_specialized"]:
            r = rank(true, randoms, higher, ties)
            case[ties] = {"rank": r, "p": (r + 1) / (n + 1), "centred": (r + 1) / (n + 1) - 1 / (2 * (n + 1))}
        cases.append(case)
    return cases


def fisher_case(name, centred):
    centred = [float(v) for v in centred]
    m = len(centred)
    res = stats.combine_pvalues(centred, method="fisher")
    mp_sum = mpmath.fsum(mpmath.log(mpmath.mpf(v)) for v in centred)
    F = -mp_sum / m
    ln = mp_chi2_ln_sf(2 * m, 2 * m * F)
    return {"name": name, "centred": centred, "m": m,
            "fisher_statistic": float(F),
            "scipy_statistic": float(res.statistic), "scipy_pvalue": float(res.pvalue),
            "mp_p": float(mpmath.exp(ln)), "mp": log_fields(ln)}


def fisher_cases():
    rng = np.random.default_rng(7)
    grid = (np.arange(20) + 0.5) / 20
    cases = [fisher_case("the 20 null values of n = 19 (F = the null mean 0.98278)", grid),
             fisher_case("m = 1, p' = 0.025 (p = p' exactly)", [0.025]),
             fisher_case("m = 1, p' = 0.975", [0.975])]
    for m in [2, 3, 16, 64]:
        cases.append(fisher_case(f"m = {m}, uniform on the n = 19 grid", rng.choice(grid, size=m)))
    cases.append(fisher_case("m = 12, skewed low (a specialized network)", rng.choice(grid[:6], size=12)))
    cases.append(fisher_case("m = 40, with half-integer ranks from ties", (rng.integers(0, 39, size=40) / 2 + 0.5) / 20))
    cases.append(fisher_case("m = 300, all 0.025 (p about 5e-183)", [0.025] * 300))
    cases.append(fisher_case("m = 1000, all 0.025 (p about 6e-604, below the double range)", [0.025] * 1000))
    null_mean = float(mpmath.fsum(-mpmath.log((r + mpmath.mpf(1) / 2) / 20) for r in range(20)) / 20)
    return {**provenance("Fisher's method: F = -(1/m) sum ln p' (mpmath), scipy.stats.combine_pvalues(p', 'fisher') "
                         "(statistic = 2mF, pvalue = chi2.sf(2mF, 2m)), mpmath p = Q(m, mF) (mp_p, mp.ln, mp.log10); "
                         "percentile ranks by METHOD.md 7.1 for both tie rules"),
            "null_mean_n19": null_mean, "percentiles": percentile_cases(), "cases": cases}


# ---------------------------------------------------------------- Benjamini-Hochberg

def false_discovery_control_bh(ps):
    """Main algorithm of scipy.stats.false_discovery_control(ps, method='bh'), scipy v1.11.3, 1-D."""
    ps = np.asarray(ps, dtype=float)
    if ps.size <= 1:
        return ps[()]
    m = ps.shape[-1]
    order = np.argsort(ps, axis=-1)
    ps = np.take_along_axis(ps, order, axis=-1)
    i = np.arange(1, m + 1)
    ps *= m / i
    np.minimum.accumulate(ps[..., ::-1], out=ps[..., ::-1], axis=-1)
    np.put_along_axis(ps, order, values=ps.copy(), axis=-1)
    return np.clip(ps, 0, 1)


def bh_critical(ps, alpha):
    """The paper's A.8: p_k with k = max{j : p_(j) <= j alpha / m}; None when there is none."""
    s = sorted(ps)
    m = len(s)
    crit = None
    for j in range(1, m + 1):
        if s[j - 1] <= j * alpha / m:
            crit = s[j - 1]
    return crit


BH1995 = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344,
          0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000]
# Printed in the docstring of scipy.stats.false_discovery_control (scipy 1.11) for BH1995.
BH1995_SCIPY_DOC = [0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.06385714, 0.06385714, 0.0645,
                    0.0765, 0.486, 0.58118182, 0.714875, 0.75323077, 0.81321429, 1.0]


def bh_cases():
    adj = false_discovery_control_bh(BH1995)
    assert np.allclose(adj, BH1995_SCIPY_DOC, rtol=0, atol=5e-9), "copy of scipy's algorithm disagrees with its docstring"
    rng = np.random.default_rng(11)
    vectors = [
        ("Benjamini & Hochberg (1995) worked example: 15 p-values, first 4 rejected at q = 0.05", BH1995, 0.05),
        ("same, q = 0.1", BH1995, 0.1),
        ("none significant", [0.2, 0.5, 0.06, 0.9], 0.05),
        ("all significant", [0.001, 0.01, 0.02, 0.03], 0.05),
        ("ties at the critical value", [0.01, 0.02, 0.02, 0.02, 0.5], 0.05),
        ("zeros (p below the double range)", [0.0, 0.0, 0.04, 0.3], 0.05),
        ("step-up: p_(2) = 0.02 fails its own 2q/6 but p_(6) = 0.049 passes, so all six are significant (unsorted input)",
         [0.04, 0.03, 0.045, 0.02, 0.049, 0.0001], 0.05),
        ("m = 1, significant", [0.04], 0.05),
        ("m = 1, not significant", [0.06], 0.05),
        ("random 40 (uniform cubed)", (rng.uniform(size=40) ** 3).tolist(), 0.05),
    ]
    cases = []
    for name, ps, alpha in vectors:
        ps = [float(p) for p in ps]
        crit = bh_critical(ps, alpha)
        adjusted = np.atleast_1d(false_discovery_control_bh(ps)).tolist()
        cases.append({"name": name, "alpha": alpha, "p": ps, "critical_p": crit,
                      "significant": [crit is not None and p <= crit for p in ps],
                      "adjusted": [float(a) for a in adjusted]})
    return {**provenance("Benjamini-Hochberg: critical p by the paper's A.8 rule; adjusted p by scipy 1.11.3's "
                         "false_discovery_control(method='bh') main algorithm (copied here, checked against its "
                         "docstring's printed output for the 1995 example)"),
            "bh1995_scipy_docstring_adjusted": BH1995_SCIPY_DOC, "cases": cases}


# ---------------------------------------------------------------- Irwin-Hall and Bates

def irwin_hall_cdf(R, s):
    """F_R(s) = (1/R!) sum_{k=0}^{floor s} (-1)^k C(R,k) (s-k)^R, exactly, for a Fraction s."""
    if s <= 0:
        return Fraction(0)
    if s >= R:
        return Fraction(1)
    total = sum((-1) ** k * math.comb(R, k) * (s - k) ** R for k in range(0, math.floor(s) + 1))
    return total / math.factorial(R)


def exact_fields(F):
    """An exact probability as the correctly rounded double (0 below range) plus its ln and log10 (mpmath)."""
    if F == 0:
        return {"p": 0.0, "ln": None, "log10": None}
    if F > Fraction(1, 2):
        c = 1 - F                                      # ln F = log1p(-c), c exact: keeps ln F's digits near F = 1
        ln = mpmath.log1p(-(mpmath.mpf(c.numerator) / c.denominator))
    else:
        ln = mpmath.log(mpmath.mpf(F.numerator)) - mpmath.log(mpmath.mpf(F.denominator))
    return {"p": float(F), **log_fields(ln)}


def irwin_hall_cases():
    cases = []
    for R in range(1, 6):
        grid = sorted({Fraction(k, 8) for k in range(0, 8 * R + 1)} | {Fraction(0.1), Fraction(1e-10), Fraction(R - 1e-9)})
        for s in grid:
            cases.append({"r": R, "s": float(s), **exact_fields(irwin_hall_cdf(R, Fraction(float(s))))})
    for R in [10, 20, 50]:
        for s in [1e-300, 1e-20, 1e-5, 0.5, 0.999, 1.0, 1.5, 2.75, R / 2 - 0.3, R / 2, R / 2 + 0.3, R - 1.5, R - 0.001]:
            cases.append({"r": R, "s": float(s), **exact_fields(irwin_hall_cdf(R, Fraction(s)))})
    return cases


def bates_cases():
    rng = np.random.default_rng(5)
    vectors = [
        ("R = 1 (P = p)", [0.37]),
        ("R = 2", [0.1, 0.3]),
        ("R = 3", [0.9, 0.95, 0.99]),
        ("R = 5, uniform draws", rng.uniform(size=5).tolist()),
        ("R = 5, uniform draws (2)", rng.uniform(size=5).tolist()),
        ("R = 5, small p (sum < 1)", [0.01, 0.002, 0.03, 0.0004, 0.05]),
        ("R = 5, tiny p (P about 1e-49)", [1e-10, 1e-10, 1e-10, 1e-10, 1e-10]),
        ("R = 5, below the double range (sum 5e-200)", [1e-200] * 5),
        ("R = 5, one large outlier (Bates is less sensitive to low outliers than Fisher)", [1e-12, 0.8, 0.7, 0.9, 0.6]),
        ("R = 5, mean exactly 1/2", [0.5, 0.5, 0.5, 0.5, 0.5]),
        ("R = 5, all 1", [1.0] * 5),
        ("R = 20, uniform draws", rng.uniform(size=20).tolist()),
        ("R = 50, small (sum about 2.6)", (rng.uniform(size=50) * 0.1).tolist()),
        ("R = 50, uniform draws", rng.uniform(size=50).tolist()),
    ]
    cases = []
    for name, ps in vectors:
        ps = [float(p) for p in ps]
        s = sum(Fraction(p) for p in ps)
        cases.append({"name": name, "p_values": ps, "sum": float(s), **exact_fields(irwin_hall_cdf(len(ps), s))})
    return cases


def irwin_hall():
    return {**provenance("Irwin-Hall CDF F_R(s) (the CDF's exponent R, not the paper's footnote-6 R-1) in exact "
                         "rational arithmetic from the exact double s; Bates P = F_R(sum of the p-values), the sum "
                         "formed exactly; p correctly rounded, ln/log10 from mpmath (null when P = 0)"),
            "cdf": irwin_hall_cases(), "bates": bates_cases()}


# ---------------------------------------------------------------- one network and replicates end to end

def network(rng, m, higher):
    subclusters = []
    for i in range(m):
        shift = rng.normal(0.4, 0.5)
        true = round(float(rng.normal(shift, 1.0)), 1)
        randoms = [round(float(v), 1) for v in rng.normal(0, 1, size=19)]
        if i == 0:
            true, randoms = 0.0, [0.0] * 19            # x + mu = 0: e = 1, all ties
        if i == 1:
            true = -0.7                                 # a negative true value, clipped to 0
        subclusters.append((true, randoms))
    return subclusters


def summarise(subclusters, higher, ties):
    centred, effects = [], []
    for true, randoms in subclusters:
        n = len(randoms)
        centred.append((rank(true, randoms, higher, ties) + 0.5) / (n + 1))
        x = max(true, 0.0)
        mu = max(float(np.mean(randoms)), 0.0)
        effects.append(1.0 if x + mu == 0 else 2 * x / (x + mu))
    f = fisher_case("", centred)
    e = np.array(effects)
    return {"centred": centred, "effects": effects, "fisher_statistic": f["fisher_statistic"],
            "p": f["mp_p"], "ln_p": f["mp"]["ln"], "scipy_pvalue": f["scipy_pvalue"],
            "effect": float(e.mean()), "effect_se": float(e.std(ddof=1) / math.sqrt(len(e)))}


def summaries():
    rng = np.random.default_rng(99)
    out = []
    for higher in [True, False]:
        for ties in ["half", "not_more_specialized"]:
            nets = [network(rng, m, higher) for m in [9, 12, 7, 15, 10]]
            per = [summarise(n, higher, ties) for n in nets]
            s = sum(Fraction(p["p"]) for p in per)
            all_e = np.array([e for p in per for e in p["effects"]])
            out.append({
                "higher_is_more_specialized": higher, "ties": ties,
                "networks": [[{"true": t, "random": r} for t, r in n] for n in nets],
                "per_network": per,
                "replicates": {"mean_fisher_statistic": float(np.mean([p["fisher_statistic"] for p in per])),
                               "bates": exact_fields(irwin_hall_cdf(len(per), s)),
                               "effect": float(all_e.mean()),
                               "effect_se": float(all_e.std(ddof=1) / math.sqrt(len(all_e)))}})
    return {**provenance("End to end for one proxy: 5 replicate networks of 7-15 subclusters, each with 19 random "
                         "controls (numpy default_rng(99) normals rounded to 0.1 so that ties occur; subcluster 0 "
                         "is all zeros, subcluster 1 has a negative true value). Per network: centred percentiles, "
                         "F (mpmath), Fisher p (mpmath; scipy_pvalue from combine_pvalues), effects (clipped), "
                         "mean and SE (numpy std ddof=1 / sqrt(m)); replicates: mean F, Bates P (exact), pooled effect"),
            "cases": out}


def main():
    os.makedirs(OUT, exist_ok=True)
    files = {"chi2_sf.json": chi2_cases(), "fisher.json": fisher_cases(),
             "benjamini_hochberg.json": bh_cases(), "irwin_hall.json": irwin_hall(),
             "network_summary.json": summaries()}
    for name, obj in files.items():
        with open(os.path.join(OUT, name), "w") as f:
            f.write(dumps(obj))
        print("wrote", os.path.join(OUT, name))


if __name__ == "__main__":
    main()
