"""The gap statistics (icc.gaps.statistics), checked by hand, against published examples and statsmodels."""

from __future__ import annotations

import json
import math

import pytest
from statsmodels.stats.proportion import confint_proportions_2indep

from icc.gaps.format import GapRow
from icc.gaps.statistics import (
    DOMAINS,
    GapRecord,
    Thresholds,
    compute_gaps,
    domain_score,
    gap_score_change,
    newcombe,
    wilson,
)


def rows(
    focal: tuple[int, int],
    reference: tuple[int, int],
    *,
    polarity: int = 1,
    period: str = "2024",
    indicator: str = "employment_rate",
    city: str = "Lyon",
) -> list[GapRow]:
    return [
        GapRow(city, indicator, polarity, period, "native_born", "reference", *reference, 2),
        GapRow(city, indicator, polarity, period, "foreign_born", "focal", *focal, 3),
    ]


DEFAULTS = Thresholds()


def gap(
    focal: tuple[int, int],
    reference: tuple[int, int],
    *,
    polarity: int = 1,
    period: str = "2024",
    thresholds: Thresholds = DEFAULTS,
) -> GapRecord:
    (record,) = compute_gaps(rows(focal, reference, polarity=polarity, period=period), thresholds)
    return record


def test_lyon_employment_checked_by_hand():
    """Lyon, employment, 472 of 812 foreign-born vs 2892 of 4120 native-born residents in work.

    p_focal = 472/812 = 0.581281, p_reference = 2892/4120 = 0.701942.
    gap_pp = (0.581281 - 0.701942) * 100 = -12.0661.
    Wilson 95 %: 472/812 -> [0.547043, 0.614753]; 2892/4120 -> [0.687792, 0.715715].
    Newcombe: d = -0.120661; d - sqrt((0.581281 - 0.547043)^2 + (0.715715 - 0.701942)^2)
      = -0.120661 - 0.036905 = -0.157566; d + sqrt((0.614753 - 0.581281)^2 + (0.701942 - 0.687792)^2)
      = -0.120661 + 0.036341 = -0.084320, so gap_ci = [-15.7566, -8.4320] and significant.
    ratio = 0.581281 / 0.701942 = 0.828104; ln = -0.188616;
    se = sqrt((1 - 0.581281)/472 + (1 - 0.701942)/2892) = 0.031467;
    ratio_ci = exp(-0.188616 -/+ 1.959964 * 0.031467) = [0.778574, 0.880785].
    parity_index = ratio (at most 1) = 0.828104; gap score = 100 * 0.581281 / 0.701942 = 82.8104.
    RSE: sqrt(0.581281 * 0.418719 / 812) / 0.581281 = 0.0297, well under 0.3.
    """
    record = gap((472, 812), (2892, 4120))
    assert record.focal_rate == pytest.approx(0.581281, abs=1e-6)
    assert record.reference_rate == pytest.approx(0.701942, abs=1e-6)
    assert (record.focal_n, record.reference_n) == (812, 4120)
    assert record.gap_pp == pytest.approx(-12.0661, abs=1e-4)
    assert record.gap_ci == pytest.approx((-15.7566, -8.4320), abs=1e-4)
    assert record.significant is True
    assert record.ratio == pytest.approx(0.828104, abs=1e-6)
    assert record.ratio_ci == pytest.approx((0.778574, 0.880785), abs=1e-6)
    assert record.parity_index == record.ratio
    assert record.gap_score == pytest.approx(82.8104, abs=1e-4)
    assert (record.suppressed, record.low_reliability) == (False, False)


def test_the_record_has_exactly_the_contracts_keys_in_its_order():
    record = gap((472, 812), (2892, 4120)).as_dict()
    assert list(record) == [
        "city", "indicator", "period", "focal", "reference", "polarity", "focal_rate",
        "reference_rate", "focal_n", "reference_n", "gap_pp", "gap_ci", "significant", "ratio",
        "ratio_ci", "parity_index", "gap_score", "suppressed", "low_reliability",
    ]  # fmt: skip
    assert record["gap_ci"] == list(gap((472, 812), (2892, 4120)).gap_ci or ())
    json.dumps(record, allow_nan=False)


def test_a_lower_is_better_indicator_is_read_on_its_favourable_form():
    """Lyon, unemployment (polarity -1): 110 of 812 foreign-born vs 300 of 4120 native-born unemployed.

    p = 0.135468 and 0.072816: gap_pp = -1 * (0.135468 - 0.072816) * 100 = -6.2652 (focal worse off).
    Newcombe for p_f - p_r = [0.039285, 0.089016]; times -100 with the bounds swapped: [-8.9016, -3.9285].
    Favourable form f = 1 - p: 0.864532 and 0.927184; ratio = 0.932427; gap score 93.2427.
    Katz on x = n * f = 702 and 3820: se = sqrt(0.135468/702 + 0.072816/3820) = 0.014561.
    """
    record = gap((110, 812), (300, 4120), polarity=-1)
    assert record.gap_pp == pytest.approx(-6.2652, abs=1e-4)
    low, high = newcombe(110, 812, 300, 4120)
    assert record.gap_ci == pytest.approx((-100 * high, -100 * low))
    assert record.gap_ci == pytest.approx((-8.9016, -3.9285), abs=1e-4)
    assert record.significant is True
    assert record.ratio == pytest.approx(0.864532 / 0.927184, abs=1e-6)
    se = math.sqrt(110 / 812 / 702 + 300 / 4120 / 3820)
    expected = (
        math.exp(math.log(record.ratio) - 1.959963984540054 * se),
        math.exp(math.log(record.ratio) + 1.959963984540054 * se),
    )
    assert record.ratio_ci == pytest.approx(expected)
    assert record.gap_score == pytest.approx(93.2427, abs=1e-4)


def test_a_focal_group_better_off_has_a_positive_gap_and_a_parity_index_above_1():
    """Ratio 0.8 / 0.5 = 1.6: parity index 2 - 1/1.6 = 1.375; gap score 100 * 0.5/0.8 = 62.5."""
    record = gap((80, 100), (50, 100))
    assert record.gap_pp == pytest.approx(30.0)
    assert record.gap_ci is not None and record.gap_ci[0] > 0
    assert record.ratio == pytest.approx(1.6)
    assert record.parity_index == pytest.approx(1.375)
    assert record.gap_score == pytest.approx(62.5)


def test_equal_rates_are_parity_and_not_significant():
    record = gap((50, 100), (200, 400))
    assert (record.gap_pp, record.ratio, record.parity_index, record.gap_score) == (0.0, 1.0, 1.0, 100.0)
    assert record.gap_ci is not None and record.gap_ci[0] < 0 < record.gap_ci[1]
    assert record.significant is False


def test_both_rates_zero_score_100_with_no_ratio():
    """0/50 vs 0/80 (thresholds lowered so that the zero numerators are not suppressed): both
    favourable rates are 0, so the gap score is 100 (parity) and the ratio 0/0 is undefined."""
    record = gap((0, 50), (0, 80), thresholds=Thresholds(min_numerator=0))
    assert record.gap_score == 100.0
    assert (record.ratio, record.ratio_ci, record.parity_index) == (None, None, None)
    assert record.gap_pp == 0.0
    assert record.significant is False
    assert record.low_reliability is True  # a rate of 0 has no relative standard error


def test_both_favourable_rates_zero_on_a_lower_is_better_indicator_score_100():
    """Everyone in both groups has the bad outcome (40/40 and 50/50 with polarity -1): f = 0 for both."""
    record = gap((40, 40), (50, 50), polarity=-1)
    assert record.suppressed is False
    assert record.gap_score == 100.0
    assert (record.ratio, record.ratio_ci) == (None, None)


def test_ratio_ci_is_null_when_a_favourable_count_is_zero():
    """Polarity -1, focal 40/40 (f = 0, x = 0) vs reference 20/50 (f = 0.6): ratio 0, no Katz interval."""
    record = gap((40, 40), (20, 50), polarity=-1)
    assert record.ratio == 0.0
    assert record.ratio_ci is None
    assert (record.parity_index, record.gap_score) == (0.0, 0.0)
    assert record.gap_pp == pytest.approx(-60.0)


def test_a_reference_with_no_favourable_outcome_has_no_ratio_and_a_gap_score_of_0():
    """Polarity -1, reference 40/40 (f = 0) vs focal 20/50 (f = 0.6): the ratio 0.6/0 is undefined, so
    ratio, interval and parity index are null; the gap score 100 * min/max = 100 * 0/0.6 = 0."""
    record = gap((20, 50), (40, 40), polarity=-1)
    assert (record.ratio, record.ratio_ci, record.parity_index) == (None, None, None)
    assert record.gap_score == 0.0
    assert record.gap_pp == pytest.approx(60.0)


@pytest.mark.parametrize(
    ("focal", "reference", "suppressed"),
    [
        ((15, 29), (200, 400), True),  # focal denominator 29 < 30
        ((15, 30), (200, 400), False),
        ((200, 400), (15, 29), True),  # the reference's too
        ((9, 60), (200, 400), True),  # focal numerator 9 < 10
        ((10, 60), (200, 400), False),
        ((200, 400), (9, 60), True),
    ],
)
def test_suppression_at_its_edges(focal, reference, suppressed):
    record = gap(focal, reference)
    assert record.suppressed is suppressed
    values = [value for key, value in record.as_dict().items() if key not in GapRecord.KEYS[:6]]
    if suppressed:
        assert values == [None] * 11 + [True, None]
        # The raw counts stay on the record (not exported) for the platform.
        assert (record.focal_numerator, record.focal_denominator) == focal
    else:
        assert None not in values


def test_suppression_follows_the_thresholds_given():
    assert gap((15, 29), (200, 400), thresholds=Thresholds(min_denominator=20)).suppressed is False
    assert gap((10, 60), (200, 400), thresholds=Thresholds(min_numerator=11)).suppressed is True


def test_suppression_counts_raw_numerators_not_favourable_ones():
    """Polarity -1, 55/60 unemployed: the favourable count is 5, but the raw numerator 55 is what counts."""
    assert gap((55, 60), (200, 400), polarity=-1).suppressed is False


@pytest.mark.parametrize(
    ("focal", "low"),
    [
        ((10, 101), True),  # RSE = sqrt((1 - 10/101) / 10) = 0.3001
        ((10, 100), False),  # exactly 0.3: not above it
        ((11, 100), False),  # 0.2844
    ],
)
def test_low_reliability_above_a_relative_standard_error_of_0_3(focal, low):
    assert gap(focal, (200, 400)).low_reliability is low
    assert gap((200, 400), focal).low_reliability is low  # either rate


@pytest.mark.parametrize(
    ("counts", "interval"),
    [
        # Newcombe (1998), Statistics in Medicine 17:873-890, table II, method 10.
        ((56, 70, 48, 80), (0.0524, 0.3339)),
        ((9, 10, 3, 10), (0.1705, 0.8090)),
        ((5, 56, 0, 29), (-0.0381, 0.1926)),
        ((0, 10, 0, 20), (-0.1611, 0.2775)),
        ((10, 10, 0, 20), (0.6791, 1.0000)),
    ],
)
def test_newcombes_interval_matches_his_worked_examples(counts, interval):
    assert newcombe(*counts) == pytest.approx(interval, abs=5e-5)


def test_wilsons_interval_of_a_proportion():
    """Wilson (1927): 81/263 gives [0.2553, 0.3662] (Newcombe 1998a, method 3)."""
    assert wilson(81, 263) == pytest.approx((0.2553, 0.3662), abs=5e-5)


COUNTS = [
    (472, 812, 2892, 4120),
    (110, 812, 300, 4120),
    (15, 30, 200, 400),
    (80, 100, 50, 100),
    (12, 250, 700, 900),
    (40, 40, 20, 50),
    (1234, 5678, 987, 3456),
]


@pytest.mark.parametrize("counts", COUNTS)
@pytest.mark.parametrize("polarity", [1, -1])
def test_the_gap_interval_agrees_with_statsmodels_newcombe(counts, polarity):
    x_f, n_f, x_r, n_r = counts
    record = gap((x_f, n_f), (x_r, n_r), polarity=polarity, thresholds=Thresholds(0, 0))
    low, high = confint_proportions_2indep(x_f, n_f, x_r, n_r, method="newcomb", compare="diff")
    expected = (100 * low, 100 * high) if polarity == 1 else (-100 * high, -100 * low)
    assert record.gap_ci == pytest.approx(expected, rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("counts", COUNTS)
@pytest.mark.parametrize("polarity", [1, -1])
def test_the_ratio_interval_agrees_with_statsmodels_log_method(counts, polarity):
    x_f, n_f, x_r, n_r = counts
    record = gap((x_f, n_f), (x_r, n_r), polarity=polarity, thresholds=Thresholds(0, 0))
    good_f, good_r = (x_f, x_r) if polarity == 1 else (n_f - x_f, n_r - x_r)
    if good_f == 0 or good_r == 0:
        assert record.ratio_ci is None
        return
    low, high = confint_proportions_2indep(good_f, n_f, good_r, n_r, method="log", compare="ratio")
    assert record.ratio_ci == pytest.approx((low, high), rel=1e-12)


def test_records_come_sorted_by_city_indicator_period_and_focal_group():
    data = [
        *rows((300, 600), (2000, 3000), city="Porto"),
        GapRow("Lyon", "employment_rate", 1, "2024", "second_generation", "focal", 100, 200, 10),
        *rows((472, 812), (2892, 4120), period="2024"),
        *rows((450, 800), (2800, 4100), period="2023"),
        GapRow("Lyon", "employment_rate", 1, "2024", "non_eu", "focal", 100, 300, 11),
    ]
    order = [(r.city, r.period, r.focal, r.reference) for r in compute_gaps(data)]
    assert order == [
        ("Lyon", "2023", "foreign_born", "native_born"),
        ("Lyon", "2024", "foreign_born", "native_born"),
        ("Lyon", "2024", "non_eu", "native_born"),
        ("Lyon", "2024", "second_generation", "native_born"),
        ("Porto", "2024", "foreign_born", "native_born"),
    ]


def test_a_key_with_only_a_reference_gives_no_record():
    assert compute_gaps(rows((472, 812), (2892, 4120))[:1]) == []


# Change over time


def test_an_obvious_change_is_clear_and_the_seed_fixes_the_interval():
    """Gap score 70.37 in 2020 (380/800 vs 2700/4000: 100 * 0.475/0.675) and 82.81 in 2024: +12.44."""
    earlier = gap((380, 800), (2700, 4000), period="2020")
    later = gap((472, 812), (2892, 4120), period="2024")
    change = gap_score_change(earlier, later, seed=7)
    assert change is not None
    assert (change.earlier_period, change.later_period) == ("2020", "2024")
    assert change.change == pytest.approx(82.8104 - 70.3704, abs=1e-4)
    assert 0 < change.ci_low < change.change < change.ci_high
    assert change.clear is True
    assert gap_score_change(earlier, later, seed=7) == change
    other = gap_score_change(earlier, later, seed=8)
    assert other is not None and (other.ci_low, other.ci_high) != (change.ci_low, change.ci_high)


def test_identical_data_is_no_clear_change():
    earlier = gap((472, 812), (2892, 4120), period="2023")
    later = gap((472, 812), (2892, 4120), period="2024")
    change = gap_score_change(earlier, later)
    assert change is not None
    assert change.change == 0.0
    assert change.ci_low < 0 < change.ci_high
    assert change.clear is False


def test_a_worsening_on_a_lower_is_better_indicator_is_a_clear_fall():
    earlier = gap((60, 800), (300, 4000), polarity=-1, period="2020")  # same unemployment: score 100
    later = gap((160, 800), (300, 4000), polarity=-1, period="2024")  # 20 % vs 7.5 %: score 86.49
    change = gap_score_change(earlier, later, runs=500)
    assert change is not None
    assert change.change == pytest.approx(100 * 0.8 / 0.925 - 100)
    assert change.ci_high < 0 and change.clear is True


def test_no_change_is_computed_from_a_suppressed_record():
    earlier = gap((9, 800), (300, 4000), period="2020")
    later = gap((160, 800), (300, 4000), period="2024")
    assert earlier.suppressed
    assert gap_score_change(earlier, later) is None
    assert gap_score_change(later, earlier) is None


def test_rows_with_impossible_counts_are_refused_rather_than_divided_by_zero():
    with pytest.raises(ValueError, match="row 3: a group of 0 people has no rate"):
        gap((0, 0), (10, 40), thresholds=Thresholds(0, 0))
    assert gap((0, 0), (10, 40)).suppressed  # below 30 people: suppressed, nothing divided
    with pytest.raises(ValueError, match="row 2: counts 50/40"):
        gap((10, 40), (50, 40))


def test_a_change_compares_the_same_groups():
    earlier = gap((380, 800), (2700, 4000), period="2020")
    (porto,) = compute_gaps(rows((472, 812), (2892, 4120), city="Porto"))
    with pytest.raises(ValueError, match="same city"):
        gap_score_change(earlier, porto)


# Domain roll-up


def test_two_of_three_indicators_give_a_domain_score():
    scores = {"employment_rate": 80.0, "unemployment_rate": 90.0, "neet_rate": None, "other": 10.0}
    result = domain_score("employment", scores, ["employment_rate", "unemployment_rate", "neet_rate"])
    assert result.score == pytest.approx(85.0)
    assert (result.covered, result.expected) == (2, 3)
    assert result.coverage == pytest.approx(2 / 3)


def test_one_of_two_indicators_gives_no_domain_score():
    result = domain_score("housing", {"overcrowding": 70.0}, ["overcrowding", "housing_cost_overburden"])
    assert result.score is None
    assert (result.covered, result.expected, result.coverage) == (1, 2, 0.5)


def test_a_domain_with_no_expected_indicator_has_no_score():
    result = domain_score("safety", {"x": 50.0}, [])
    assert (result.score, result.covered, result.expected, result.coverage) == (None, 0, 0, 0.0)


def test_the_domains_are_the_issues_seven_and_no_other():
    assert DOMAINS == (
        "employment", "education", "housing", "health", "civic_participation", "safety", "discrimination",
    )  # fmt: skip
    with pytest.raises(ValueError, match="unknown domain"):
        domain_score("leisure", {}, ["a"])
