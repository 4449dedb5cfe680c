"""Gender balance counted one way (icc/core/gender.py): small cells hidden, no share that would tell them."""

from icc.core.gender import ANOTHER, MAN, NOT_GIVEN, NOT_STATED, WOMAN, gender_balance


def test_every_gender_is_listed_with_small_counts_shown_as_under_five() -> None:
    balance = gender_balance([WOMAN] * 7 + [MAN] * 4 + [ANOTHER])
    assert [cell.gender for cell in balance.cells] == [WOMAN, MAN, ANOTHER, NOT_GIVEN, NOT_STATED]
    assert [cell.shown for cell in balance.cells] == ["7", "<5", "<5", "<5", "<5"]
    assert balance.total == 12


def test_unknown_or_missing_values_count_as_not_stated() -> None:
    balance = gender_balance([None, "female", "", WOMAN])
    assert balance.count(NOT_STATED) == 3
    assert balance.count(WOMAN) == 1


def test_a_share_is_computed_from_ten_people_with_five_on_each_side() -> None:
    balance = gender_balance([WOMAN] * 5 + [MAN] * 5)
    assert balance.women_share == 50.0
    assert balance.men_share == 50.0
    assert gender_balance([WOMAN] * 6 + [MAN] * 9).women_share == 40.0


def test_no_share_from_fewer_than_ten_people() -> None:
    assert gender_balance([WOMAN] * 5 + [MAN] * 4).women_share is None


def test_no_share_that_would_tell_a_hidden_count_back() -> None:
    # 2 women among 12: 16.7 % of 12 would tell the "<5" cell
    balance = gender_balance([WOMAN] * 2 + [MAN] * 10)
    assert balance.shown(WOMAN) == "<5"
    assert balance.women_share is None
    assert balance.men_share is None


def test_a_target_of_forty_percent_each_is_met_or_missed_or_unknown() -> None:
    assert gender_balance([WOMAN] * 8 + [MAN] * 12).meets(40.0) is True
    assert gender_balance([WOMAN] * 6 + [MAN] * 14).meets(40.0) is False
    assert gender_balance([WOMAN] * 3 + [MAN] * 3).meets(40.0) is None


def test_export_columns_show_the_same_figures_as_pages() -> None:
    row = gender_balance([WOMAN] * 6 + [MAN] * 6 + [NOT_GIVEN]).as_row("participants_")
    assert row["participants_woman"] == "6"
    assert row["participants_not_given"] == "<5"
    assert row["participants_not_stated"] == "<5"
    assert row["participants_total"] == "13"
    assert row["participants_women_share"] == "46.2"
    assert row["participants_men_share"] == "46.2"
