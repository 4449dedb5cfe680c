"""The pure statistics: raking, Wilson intervals, Kish's effective size, small cells suppressed."""

import math

import pytest

from icc.surveys.statistics import DONT_KNOW, kish_effective_n, question_result, rake, wilson

MARGINS = {"age": {"young": 0.5, "old": 0.5}, "gender": {"woman": 0.5, "man": 0.5}}


def test_wilson_matches_the_textbook_values():
    low, high = wilson(0.31, 100)
    assert (round(low, 4), round(high, 4)) == (0.2278, 0.4063)
    assert wilson(0.0, 20)[0] == 0.0 and wilson(0.0, 20)[1] > 0.1  # never a zero-width interval
    assert wilson(0.5, 0) == (0.0, 1.0)


def test_kish_effective_size_is_n_for_equal_weights_and_less_otherwise():
    assert kish_effective_n([1.0] * 50) == pytest.approx(50)
    assert kish_effective_n([1.0] * 25 + [3.0] * 25) == pytest.approx(40)


def test_raking_fits_both_margins():
    cells = (
        [("young", "woman")] * 10 + [("old", "man")] * 40 + [("young", "man")] * 20 + [("old", "woman")] * 30
    )
    weights = rake(cells, {"age": {"young": 0.5, "old": 0.5}, "gender": {"woman": 0.5, "man": 0.5}})
    assert weights.converged
    w = weights.values
    young = sum(w[i] for i, c in enumerate(cells) if c[0] == "young")
    women = sum(w[i] for i, c in enumerate(cells) if c[1] == "woman")
    assert young / sum(w) == pytest.approx(0.5, abs=1e-6)
    assert women / sum(w) == pytest.approx(0.5, abs=1e-6)
    assert sum(w) / len(w) == pytest.approx(1.0)
    assert weights.design_effect > 1


def test_margins_given_as_percentages_weigh_like_shares():
    cells = [("young", "woman")] * 10 + [("old", "man")] * 30
    as_shares = rake(cells, MARGINS).values
    as_percent = rake(cells, {"age": {"young": 50, "old": 50}, "gender": {"woman": 50, "man": 50}}).values
    assert as_shares == pytest.approx(as_percent)


def test_answers_without_age_or_gender_keep_weight_one_and_are_not_raked():
    cells = [("young", "woman")] * 10 + [("old", "man")] * 30 + [(None, "man"), ("old", "other")]
    weights = rake(cells, MARGINS)
    assert weights.raked == 40
    assert weights.values[-1] == pytest.approx(weights.values[-2])


def test_weights_are_capped_at_five_times_the_mean():
    cells = (
        [("young", "woman")] * 2 + [("old", "man")] * 200 + [("young", "man")] * 2 + [("old", "woman")] * 2
    )
    weights = rake(cells, MARGINS)
    mean = sum(weights.values) / len(weights.values)
    assert max(weights.values) <= 5 * mean * 1.001
    assert weights.capped > 0


def test_small_cells_are_suppressed_and_dont_know_is_apart():
    answers = ["yes"] * 5 + ["no"] * 3 + [DONT_KNOW] * 4
    result = question_result("q", answers, [1.0] * 12, ["yes", "no"], positive=["yes"])
    assert result.substantive == 8
    assert all(share.suppressed for share in result.shares)
    assert result.dont_know is not None and result.dont_know.share == pytest.approx(4 / 12)

    answers = ["yes"] * 30 + ["no"] * 10 + [DONT_KNOW] * 10 + [None] * 5
    result = question_result("q", answers, [1.0] * 55, ["yes", "no"], positive=["yes"])
    assert result.shares[0].share == pytest.approx(0.75)
    assert result.positive is not None and result.positive.share == pytest.approx(0.75)
    assert result.dont_know is not None and result.dont_know.share == pytest.approx(10 / 50)


def test_weighted_interval_uses_the_effective_size():
    answers = ["yes", "no"] * 50
    weights = [1.0, 3.0] * 50
    result = question_result("q", answers, weights, ["yes", "no"])
    share = result.shares[0]
    assert share.share == pytest.approx(0.25)
    n_eff = kish_effective_n(weights)
    assert (share.low, share.high) == pytest.approx(wilson(0.25, n_eff))
    assert not math.isclose(share.low, wilson(0.25, 100)[0])
