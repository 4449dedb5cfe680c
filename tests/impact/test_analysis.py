"""The pure analyses (icc.impact.analysis) against scipy and statsmodels, and on synthetic data with a known
built-in association: found at the stated rate, and not found in independent data. Seeds chosen once."""

import math

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf
from scipy import stats
from statsmodels.stats.multitest import multipletests

from icc.impact import analysis
from icc.impact.services import analyse_inputs
from tests.impact.helpers import synthetic

SEEDS = range(20)


def _aggregate_row(results, kind="employment"):
    return next(r for r in results["correlations"] if r["predictor"] == "aggregate" and r["outcome"] == kind)


def test_pearson_and_spearman_match_scipy_with_fisher_intervals():
    rng = np.random.default_rng(3)
    x = rng.normal(size=40)
    y = 0.5 * x + rng.normal(size=40)
    p = analysis.pearson(x, y)
    s = analysis.spearman(x, y)
    assert p["r"] == pytest.approx(stats.pearsonr(x, y).statistic)
    assert p["p"] == pytest.approx(stats.pearsonr(x, y).pvalue)
    z, se = math.atanh(p["r"]), 1 / math.sqrt(37)
    assert (p["low"], p["high"]) == pytest.approx(
        (math.tanh(z - 1.959964 * se), math.tanh(z + 1.959964 * se))
    )
    # scipy's own interval for Pearson is the same Fisher z interval.
    ci = stats.pearsonr(x, y).confidence_interval(0.95)
    assert (p["low"], p["high"]) == pytest.approx((ci.low, ci.high))
    assert s["r"] == pytest.approx(stats.spearmanr(x, y).statistic)
    zs, ses = math.atanh(s["r"]), math.sqrt(1.06 / 37)  # Fieller, Hartley and Pearson (1957)
    assert (s["low"], s["high"]) == pytest.approx(
        (math.tanh(zs - 1.959964 * ses), math.tanh(zs + 1.959964 * ses))
    )


def test_partial_correlation_p_equals_the_regressions_t_test():
    rng = np.random.default_rng(5)
    n = 50
    frame = pd.DataFrame({"pop": rng.normal(size=n), "div": rng.normal(size=n)})
    frame["x"] = 0.6 * frame["pop"] + rng.normal(size=n)
    frame["y"] = 0.4 * frame["x"] + 0.8 * frame["div"] + rng.normal(size=n)
    result = analysis.partial(frame["x"].to_numpy(), frame["y"].to_numpy(), frame[["pop", "div"]].to_numpy())
    fit = smf.ols("y ~ x + pop + div", data=frame).fit()
    assert result["p"] == pytest.approx(fit.pvalues["x"])
    t = fit.tvalues["x"]
    assert result["r"] == pytest.approx(t / math.sqrt(t * t + fit.df_resid))


def test_bh_is_statsmodels_fdr_bh_and_keeps_missing_values():
    pvalues = [0.01, 0.04, math.nan, 0.03, 0.2]
    expected = multipletests([0.01, 0.04, 0.03, 0.2], method="fdr_bh")[1]
    q = analysis.bh(pvalues)
    assert math.isnan(q[2])
    assert [q[0], q[1], q[3], q[4]] == pytest.approx(list(expected))


def test_panel_is_statsmodels_fixed_effects_clustered_by_city_and_the_fast_path_agrees():
    data = synthetic(cities=30, seed=1, slope=0.3)
    points = [
        (e["slug"], int(d["round"]["name"][-4:]), e["aggregate"]) for d in data["scores"] for e in d["cities"]
    ]
    outcomes = {(o["city"], o["year"]): o["value"] for o in data["outcomes"]}
    frame = analysis._panel_frame(points, outcomes)
    result = analysis.panel(frame)
    fit = smf.ols("y ~ x + C(city) + C(year)", data=frame).fit(
        cov_type="cluster", cov_kwds={"groups": pd.factorize(frame["city"])[0]}, use_t=True
    )
    assert result["coef"] == pytest.approx(fit.params["x"])
    assert result["se"] == pytest.approx(fit.bse["x"])
    assert result["p"] == pytest.approx(fit.pvalues["x"])
    assert result["n_obs"] == 60 and result["n_cities"] == 30 and result["n_years"] == 2
    beta, p = analysis.panel_fast(frame, frame["x"].to_numpy(), analysis._projection(frame))
    assert beta == pytest.approx(result["coef"])
    assert p == pytest.approx(result["p"])


def test_a_built_in_association_is_found_in_at_least_19_of_20_seeds():
    found = 0
    for seed in SEEDS:
        results = analyse_inputs(synthetic(cities=60, seed=seed, slope=0.3), runs=0, seed=0)
        row = _aggregate_row(results)
        found += row["pearson"]["r"] > 0 and row["pearson"]["q"] < 0.05
    assert found >= 19


def test_independent_data_shows_an_association_in_at_most_2_of_20_seeds():
    false_alarms = 0
    for seed in SEEDS:
        results = analyse_inputs(
            synthetic(cities=60, seed=100 + seed, slope=0.0, kinds=("employment", "safety")), runs=0, seed=0
        )
        rows = [r for r in results["correlations"] if r["predictor"] == "aggregate"]
        false_alarms += any(r["pearson"]["q"] < 0.05 for r in rows)
    assert false_alarms <= 2


def test_the_monte_carlo_share_is_high_for_a_real_association_and_low_for_none():
    strong = analyse_inputs(synthetic(cities=60, seed=7, slope=0.4), runs=40, seed=1)
    assert strong["robustness"]["outcomes"]["employment"]["correlation_share"] >= 0.9
    none = analyse_inputs(synthetic(cities=60, seed=8, slope=0.0), runs=40, seed=1)
    assert none["robustness"]["outcomes"]["employment"]["correlation_share"] <= 0.2


def test_the_analysis_is_deterministic_for_a_seed():
    data = synthetic(cities=25, seed=4)
    assert analyse_inputs(data, runs=15, seed=3) == analyse_inputs(data, runs=15, seed=3)


def test_the_partial_correlation_controls_for_the_peer_group_bands():
    results = analyse_inputs(synthetic(cities=40, seed=2), runs=0, seed=0)
    partial = _aggregate_row(results)["partial"]
    assert partial["controls"] == ["log_population", "diversity"]
    assert partial["n"] == 40


def test_too_few_cities_give_no_figures_rather_than_wrong_ones():
    results = analyse_inputs(synthetic(cities=4, seed=2), runs=5, seed=0)
    row = _aggregate_row(results)
    assert row["n"] == 4 and row["pearson"] is None
    assert results["panel"][0]["coef"] is None


def test_the_year_of_a_scores_file_comes_from_the_round_name_or_its_publication():
    assert analysis.round_year({"round": {"name": "Index 2022"}}) == 2022
    assert (
        analysis.round_year({"round": {"name": "Spring", "results_published_at": "2019-05-01T00:00"}}) == 2019
    )
    with pytest.raises(ValueError):
        analysis.round_year({"round": {"name": "Spring"}})


def test_variants_with_unit_factors_reproduce_the_equal_weight_mean():
    points = [analysis.IndexPoint("a", 2020, 50.0, {"x": 40.0, "y": 60.0, "z": None})]
    variants, keys = analysis.variant_aggregates(points, runs=200, seed=0)
    assert keys == ["x", "y", "z"]
    assert np.all((variants >= 40.0 - 1e-9) & (variants <= 60.0 + 1e-9))
